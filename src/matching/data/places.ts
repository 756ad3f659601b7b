/**
 * Places that make an offer region-bound ("LatAm founders only", "in-person in Berlin").
 * One line per place: `id < parent | names`. Containment (city < country < region) decides
 * whether a need's place is inside an offer's. Ambiguous names (Java the island, Georgia, Nice,
 * Reading, "la", "us") are left out on purpose: a false place costs more than a missed one.
 */
export const PLACES = `
world | worldwide, global, globally, anywhere, international, internationally, remote, remotely, any country, all regions, virtual
na < world | north america, north american
latam < world | latam, latin america, latin american, latinoamerica, south america, central america, lateinamerika, amerique latine
europe < world | europe, european, europa, emea, continental europe
mena < world | mena, middle east, north africa, gulf region, gcc
africa < world | africa, african, sub saharan, afrika, afrique
apac < world | apac, asia pacific, asia, asian
sea < apac | southeast asia, south east asia, sea region, asean
anz < apac | anz, australia and new zealand, oceania
nordics < europe | nordics, nordic, scandinavia, scandinavian
dach < europe | dach, german speaking europe
benelux < europe | benelux
cee < europe | cee, central and eastern europe, eastern europe
us < na | usa, united states, us based, u s, stateside, american market, estados unidos, etats unis
ca < na | canada, canadian
mx < latam | mexico, mexican, mexicana, mexicano
br < latam | brazil, brasil, brazilian
ar < latam | argentina, argentinian, argentine
co < latam | colombia, colombian, colombiano
cl < latam | chile, chilean, chileno
pe < latam | peru, peruvian
uk < europe | uk, united kingdom, britain, great britain, british, england, english market, scotland, wales
ie < europe | ireland, irish
de < dach | germany, german market, deutschland, german based, allemagne, alemania
at < dach | austria, osterreich, oesterreich
chx < dach | switzerland, swiss, schweiz, suisse
fr < europe | france, french market, francais, francaise
es < europe | spain, spanish market, espana
pt < europe | portugal, portuguese market
it < europe | italy, italian market, italia
nl < benelux | netherlands, dutch, holland, nederland
be < benelux | belgium, belgian
se < nordics | sweden, swedish
no < nordics | norway, norwegian
dk < nordics | denmark, danish
fi < nordics | finland, finnish
pl < cee | poland, polish market, polska
ee < cee | estonia, estonian
ro < cee | romania, romanian
ua < cee | ukraine, ukrainian
il < mena | israel, israeli
ae < mena | uae, united arab emirates, emirati
sa < mena | saudi, saudi arabia, ksa
eg < mena | egypt, egyptian
ng < africa | nigeria, nigerian
ke < africa | kenya, kenyan
za < africa | south africa, south african
gh < africa | ghana, ghanaian
in < apac | india, indian market, indian
sg < sea | singapore, singaporean
id < sea | indonesia, indonesian
vn < sea | vietnam, vietnamese
ph < sea | philippines, filipino
th < sea | thailand, thai
my < sea | malaysia, malaysian
jp < apac | japan, japanese market
kr < apac | korea, south korea, korean
cn < apac | china, chinese market, mainland china
hk < apac | hong kong
tw < apac | taiwan, taiwanese
au < anz | australia, australian
nz < anz | new zealand, kiwi
sf < us | sf, san francisco, bay area, silicon valley, palo alto, oakland, san jose
nyc < us | nyc, new york, new york city, manhattan, brooklyn
bos < us | boston, cambridge ma
lax < us | los angeles, socal
sea_city < us | seattle
aus < us | austin
chi < us | chicago
mia < us | miami
den < us | denver, boulder
atl < us | atlanta
dc < us | washington dc, dc area
tor < ca | toronto
van < ca | vancouver
mtl < ca | montreal
lon < uk | london
man < uk | manchester
edi < uk | edinburgh
dub < ie | dublin
ber < de | berlin
muc < de | munich, munchen, muenchen
ham < de | hamburg
fra < de | frankfurt
par < fr | paris
lyo < fr | lyon
mad < es | madrid
bcn < es | barcelona
lis < pt | lisbon, lisboa
ams < nl | amsterdam
sto < se | stockholm
cph < dk | copenhagen
hel < fi | helsinki
osl < no | oslo
zrh < chx | zurich
vie < at | vienna, wien
mil < it | milan, milano
war < pl | warsaw
tal < ee | tallinn
tlv < il | tel aviv
dxb < ae | dubai, abu dhabi
los < ng | lagos
nbo < ke | nairobi
cpt < za | cape town, johannesburg
blr < in | bangalore, bengaluru
bom < in | mumbai
del < in | delhi, new delhi, gurgaon
jkt < id | jakarta
tyo < jp | tokyo
sel < kr | seoul
syd < au | sydney
mel < au | melbourne
mxc < mx | mexico city, cdmx
sao < br | sao paulo
bue < ar | buenos aires
bog < co | bogota, medellin
scl < cl | santiago de chile
`;
