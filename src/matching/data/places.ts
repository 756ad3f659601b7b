/**
 * Places that make an offer region-bound ("LatAm founders only", "in-person in Berlin").
 * One line per place: `id < parent | names`. Containment (city < country < region) decides
 * whether a need's place is inside an offer's. Ambiguous names (Java the island, Georgia, Nice,
 * Reading, "la", "us", "roma", Birmingham, Cambridge, Oxford, Phoenix, Sofia, Jordan, first names
 * such as Virginia or Orlando alone, two-letter state codes) are left out on purpose: a false
 * place costs more than a missed one. So are the states people incorporate in without being
 * there (Delaware, Nevada, Wyoming): "a Delaware C-corp" says nothing about where help is needed.
 * Where a preposition or a state binds an ambiguous name ("in Phoenix", "Phoenix AZ", "Orlando
 * area"), that phrase is listed.
 * Visa programmes that exist in one country only (H-1B, green card, Express Entry, ILR) name that
 * country: immigration help is help with one country's rules. US states, Canadian provinces and
 * Chinese provinces sit between their country and its cities, so "in California" and "in San
 * Francisco" meet.
 */
export const PLACES = `
world | worldwide, global, globally, anywhere, international, internationally, remote, remotely, any country, all regions, virtual
na < world | north america, north american
latam < world | latam, latin america, latin american, latinoamerica, south america, central america, lateinamerika, amerique latine
europe < world | europe, european, europa, emea, continental europe, eu blue card, blue card
mena < world | mena, middle east, north africa, gulf region, gcc
africa < world | africa, african, sub saharan, afrika, afrique
apac < world | apac, asia pacific, asia, asian
sea < apac | southeast asia, south east asia, sea region, asean
anz < apac | anz, australia and new zealand, oceania
nordics < europe | nordics, nordic, scandinavia, scandinavian
dach < europe | dach, german speaking europe
benelux < europe | benelux
cee < europe | cee, central and eastern europe, eastern europe
us < na | usa, united states, us based, u s, stateside, american market, estados unidos, etats unis, h-1b, h1b, o-1 visa, o-1a, o-1b, o1 visa, l-1 visa, e-2 visa, eb-1, eb-1a, eb-2, eb-5, eb5, green card, green cards, uscis, national interest waiver, national interest waivers, f-1 opt, stem opt
ca < na | canada, canadian, express entry, rcic, lmia, pgwp
mx < latam | mexico, mexican, mexicana, mexicano
br < latam | brazil, brasil, brazilian
ar < latam | argentina, argentinian, argentine
co < latam | colombia, colombian, colombiano
cl < latam | chile, chilean, chileno
pe < latam | peru, peruvian
uk < europe | uk, united kingdom, britain, great britain, british, england, english market, scotland, wales, indefinite leave to remain, ilr, oisc, skilled worker visa, innovator founder visa
ie < europe | ireland, irish
de < dach | germany, german market, deutschland, german based, allemagne, alemania, chancenkarte
at < dach | austria, osterreich, oesterreich
chx < dach | switzerland, swiss, schweiz, suisse
fr < europe | france, french market, francais, francaise
es < europe | spain, spanish market, espana
pt < europe | portugal, portuguese market, d7 visa, d8 visa
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
au < anz | australia, australian, subclass 482, subclass 189, skillselect
nz < anz | new zealand, kiwi
sf < us_ca | sf, san francisco, bay area, silicon valley, palo alto, oakland, san jose, east bay, berkeley ca, mountain view, sunnyvale, menlo park, redwood city, santa clara, cupertino, fremont, marin county
nyc < us_ny | nyc, new york, new york city, manhattan, brooklyn
bos < us_ma | boston, cambridge ma
lax < us_ca | los angeles, socal
sea_city < us_wa | seattle
aus < us_tx | austin
chi < us_il | chicago
mia < us_fl | miami
den < us_co | denver, boulder
atl < us | atlanta
dc < us | washington dc, dc area
tor < ca_on | toronto
van < ca_bc | vancouver
mtl < ca_qc | montreal
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
us_ca < us | california, norcal, northern california, southern california, los angeles county, orange county
us_ny < us | new york state, upstate new york
us_nj < us | new jersey, north jersey, south jersey
us_ne < us | new england
us_ma < us_ne | massachusetts
us_tx < us | texas, dfw, dallas, fort worth, houston, san antonio
us_il < us_mw | illinois
us_fl < us | florida, tampa, orlando fl, in orlando, orlando area, greater orlando, around orlando, near orlando, orlando based, based in orlando, fort lauderdale, jacksonville
us_co < us | colorado
us_pnw < us | pacific northwest, pnw
us_wa < us_pnw | washington state
us_or < us_pnw | oregon, portland oregon, portland
us_pa < us | pennsylvania, philadelphia, philly, pittsburgh
us_mi < us_mw | michigan, detroit, ann arbor
us_oh < us_mw | ohio, cleveland, cincinnati
us_nc < us | north carolina, research triangle, raleigh, durham nc, charlotte nc
us_tn < us | tennessee, nashville, memphis
us_mn < us_mw | minnesota, minneapolis, twin cities
us_az < us | arizona, scottsdale, tucson, in phoenix, phoenix az, phoenix arizona, phoenix area, greater phoenix, phoenix metro, around phoenix, near phoenix, phoenix based, based in phoenix, serving phoenix
us_ut < us | utah, salt lake city
us_md < us | maryland, baltimore
us_mo < us_mw | missouri, st louis, kansas city
us_wi < us_mw | wisconsin, milwaukee
us_la < us | louisiana, new orleans
us_nv_city < us | las vegas
us_va < us | northern virginia, virginia state, state of virginia, richmond va
us_ct < us_ne | connecticut
us_wv < us | west virginia
us_in < us_mw | indiana, indianapolis
us_hi < us | hawaii, honolulu
us_ak < us | alaska
us_nb < us_mw | nebraska, omaha, lincoln nebraska, lincoln ne
us_ks < us_mw | kansas, wichita, overland park
us_ia < us_mw | iowa, des moines, cedar rapids
us_nd < us_mw | north dakota, fargo
us_sd < us_mw | south dakota, sioux falls
us_ok < us | oklahoma, oklahoma city, tulsa
us_ar < us | arkansas, little rock
us_ky < us | kentucky, louisville, lexington kentucky, lexington ky
us_al < us | alabama, birmingham alabama, birmingham al, huntsville alabama, mobile alabama
us_ms < us | in mississippi, mississippi based, jackson mississippi, jackson ms
us_sc < us | south carolina, charleston sc, charleston south carolina, greenville sc, columbia sc
us_id < us | idaho, boise
us_mt < us | montana, bozeman, billings montana
us_me < us_ne | maine, portland maine
us_vt < us_ne | vermont, burlington vermont
us_nh < us_ne | new hampshire
us_ri < us_ne | rhode island, providence ri, providence rhode island
us_nm < us | new mexico
us_mw < us | midwest, midwestern
us_sd_city < us_ca | san diego
us_sac < us_ca | sacramento
ca_on < ca | ontario, ottawa
ca_bc < ca | british columbia
ca_qc < ca | quebec
ca_ab < ca | alberta, calgary, edmonton
uk_city_bri < uk | bristol
uk_city_lee < uk | leeds
uk_city_gla < uk | glasgow
uk_city_liv < uk | liverpool
cz < cee | czech republic, czechia, czech, prague
hu < cee | hungary, hungarian, budapest
bg < cee | bulgaria, bulgarian
rs < cee | serbia, serbian, belgrade
hr < cee | croatia, croatian, zagreb
sk < cee | slovakia, slovak, bratislava
si < cee | slovenia, slovenian, ljubljana
lt < cee | lithuania, lithuanian, vilnius
lv < cee | latvia, latvian, riga
gr < europe | greece, greek market, athens
tr < europe | turkiye, istanbul, ankara
cy < europe | cyprus, cypriot, limassol
mt < europe | malta, maltese
lu < benelux | luxembourg
is < nordics | iceland, icelandic, reykjavik
kyiv < ua | kyiv, kiev
krk < pl | krakow, cracow
bucharest < ro | bucharest
rome < it | rome
tur < it | turin, torino
it_tus < it | tuscany, toscana, firenze, florence italy, in florence, chianti, siena, pisa
it_south < it | amalfi coast, amalfi, puglia, apulia, sicily, sicilia, sardinia, sardegna, napoli, naples italy
it_lakes < it | lake como, lago di como, lake garda, lago di garda, venezia, venice italy, verona, bologna
fr_south < fr | provence, cote d azur, french riviera, nice france
fr_west < fr | normandy, normandie, brittany, bretagne, loire valley
es_regions < es | andalusia, andalucia, catalonia, catalunya, mallorca, majorca, ibiza, canary islands, basque country
de_south < de | bavaria, bayern
pt_algarve < pt | algarve, madeira
uk_cots < uk | cotswolds
uk_lakes < uk | lake district
uk_highlands < uk | scottish highlands
uk_cornwall < uk | cornwall
porto < pt | porto
sev < es | seville, sevilla, valencia, malaga
rot < nl | rotterdam, the hague, utrecht, eindhoven
bru < be | brussels, bruxelles, antwerp
gva < chx | geneva, geneve, basel, lausanne
cgn < de | cologne, koln, dusseldorf, stuttgart, leipzig
mrs < fr | marseille, toulouse, bordeaux, lille, nantes
got < se | gothenburg, goteborg, malmo
qa < mena | qatar, doha
bh < mena | bahrain, manama
kw < mena | kuwait
om < mena | oman, muscat
lb < mena | lebanon, beirut
ma < mena | morocco, moroccan, casablanca, marrakech
tn < mena | tunisia, tunis
ryd < sa | riyadh, jeddah
cai < eg | cairo
rw < africa | rwanda, kigali
et < africa | ethiopia, addis ababa
ug < africa | uganda, kampala
tz < africa | tanzania, dar es salaam
sn < africa | senegal, dakar
acc < gh | accra
abj < ng | abuja
pk < apac | pakistan, karachi, lahore
bd < apac | bangladesh, dhaka
lk < apac | sri lanka, colombo
cn_gd < cn | guangdong, guangzhou, shenzhen, dongguan, foshan, pearl river delta
cn_zj < cn | zhejiang, hangzhou, ningbo, yiwu
cn_js < cn | jiangsu, suzhou, nanjing
cn_fj < cn | fujian, xiamen
sha < cn | shanghai
pek < cn | beijing
ctu < cn | chengdu, chongqing
sgn < vn | ho chi minh city, saigon, hcmc
han < vn | hanoi, da nang
bkk < th | bangkok, chiang mai
mnl < ph | manila, cebu
kul < my | kuala lumpur, penang
dps < id | bali
pnq < in | pune, hyderabad, chennai, kolkata, noida, ahmedabad
osa < jp | osaka, kyoto
pus < kr | busan
tpe < tw | taipei, hsinchu
bne < au | brisbane, perth, adelaide, canberra
akl < nz | auckland, wellington
gdl < mx | guadalajara, monterrey
lim < pe | lima
ec < latam | ecuador, quito
uy < latam | uruguay, montevideo
py < latam | paraguay
bo < latam | bolivia
ve < latam | venezuela, caracas
cr < latam | costa rica
pa < latam | panama
gt < latam | guatemala
do < latam | dominican republic, santo domingo
pr < latam | puerto rico
rio < br | rio de janeiro, belo horizonte, florianopolis
`;
