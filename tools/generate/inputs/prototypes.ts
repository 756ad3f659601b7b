/**
 * Canonical OFFER and NEED sentences for each kind of help in the taxonomy, written from
 * knowledge of each field (how people describe the help they give and the help they want), not
 * from any evaluation data. Used by `explore.ts` for the experiments of the decision record:
 * (1) express a need in the words an offer of the same kind would use (HyDE without a generator),
 * (2) centre the encoder's space on a fixed reference mean, (3) a reference set of needs for a
 * hubness correction. None of them made the product (docs/decisions/0002-matcher.md).
 *
 * Format: one block per concept id of the taxonomy; `+` lines are offers, `-` lines are needs.
 */
export const PROTOTYPES = `
fund
+ I help founders raise money and introduce them to investors
+ I invest in startups and can make investor introductions
- We are raising money for our startup and need investors
- Looking for funding for my company
fund.equity
+ I invest in early-stage startups as an angel investor
+ Partner at a venture capital fund writing pre-seed and seed checks
+ I lead seed and Series A rounds for software companies
- We are raising a seed round and looking for angel investors
- Need a lead VC for our Series A
fund.prep
+ I review pitch decks and help founders prepare for fundraising
+ I coach founders on their investor pitch and build financial models for the raise
- Need feedback on our pitch deck before we start fundraising
- Want help practising our investor pitch
fund.debt
+ I arrange venture debt and bank loans for growing companies
+ Lender offering working capital and revenue-based financing
- Looking for a loan or credit line to fund inventory
- Need non-dilutive debt financing instead of selling equity
fund.grant
+ I write grant applications and find public research funding
+ I help startups win government grants and non-dilutive funding
- Looking for grants to fund our research
- Need help writing a grant application
fund.crowd
+ I have run successful crowdfunding campaigns and can advise on yours
+ I help companies raise from their community through equity crowdfunding
- Planning a Kickstarter campaign and need advice
- Want to run an equity crowdfunding round
hire
+ I am a recruiter and help startups hire
+ I can source candidates and run your hiring process
- We are hiring and need help finding candidates
- Looking to fill an open role on our team
hire.tech
+ Technical recruiter placing software engineers at startups
+ I help companies hire developers and build engineering teams
- Hiring software engineers and need a good technical recruiter
- Need to hire our first developers
hire.exec
+ Executive search for CFO, CTO and VP roles
+ I serve as a fractional CFO or interim executive for startups
+ Experienced operator available to join boards and advisory boards
- Looking for an experienced executive to join as VP or C-level
- We need an independent board member
hire.contract
+ Freelance developer and designer available for contract projects
+ I run an agency that provides contractors and outsourced teams
- Need a freelancer for a short project
- Looking for a contractor to help part time
career
+ I help people find jobs, rewrite resumes and prepare for interviews
+ Career coach for people changing careers or negotiating offers
+ Happy to refer candidates to open roles at my company
- I am looking for a new job and would love referrals
- Want advice on switching careers and preparing for interviews
mentor
+ I mentor first-time founders and offer office hours
+ Experienced founder happy to be a sounding board and give advice
- Looking for a mentor who has built a company before
- Want advice from an experienced founder
mentor.leadership
+ Executive coach for new managers and leadership teams
+ I coach founders on leadership, delegation and managing people
- First-time manager looking for leadership coaching
- Need help managing a growing team and avoiding burnout
legal
+ I am a lawyer and give legal advice to startups
+ Attorney at a law firm advising companies
- Need a lawyer to advise us on a legal question
- Looking for affordable legal counsel
legal.corporate
+ Startup lawyer for incorporation, cap tables, financings and option plans
+ I advise on shareholder agreements, term sheets and mergers and acquisitions
- Need a lawyer to incorporate our company and set up the cap table
- Looking for legal help reviewing a term sheet
legal.ip
+ Patent attorney filing patents and trademarks
+ I advise on intellectual property strategy and licensing
- Need to file a patent for our invention
- Looking for help registering a trademark
legal.employment
+ Employment lawyer for contracts, terminations and workplace disputes
+ I advise employers on labor law and employee agreements
- Need an employment lawyer for a termination issue
- Want employment contracts reviewed
legal.privacy
+ Privacy lawyer and data protection officer for GDPR compliance
+ I help companies with privacy policies and data protection
- Need help becoming GDPR compliant
- Looking for a data privacy expert
legal.contracts
+ I review and negotiate commercial contracts, NDAs and MSAs
+ Contract lawyer drafting customer and vendor agreements
- Need someone to review a customer contract
- Looking for help drafting terms of service
legal.immigration
+ Immigration lawyer for work visas and green cards
+ I help companies sponsor visas and relocate employees
- Need a work visa to move to another country
- Looking for immigration advice for hiring someone abroad
legal.regulatory
+ Regulatory expert helping companies get licensed and approved
+ I guide startups through compliance and regulatory approval
- Need help with regulatory approval for our product
- Looking for advice on licensing and compliance requirements
acct
+ Accountant offering bookkeeping and financial statements for startups
+ CPA handling audits, payroll and month-end close
- Need a bookkeeper to clean up our books
- Looking for an accountant for our small business
acct.tax
+ Tax advisor for startups, tax returns, sales tax and R&D credits
+ I help founders with tax planning and 409A valuations
- Need help filing our company taxes
- Looking for a tax accountant for international tax questions
acct.fpa
+ I build financial models, budgets and forecasts for startups
+ Fractional finance lead for FP&A, unit economics and board reporting
- Need help building a financial model and forecast
- Want someone to review our unit economics and runway
design
+ Product designer for UX research, wireframes and user interfaces
+ I design apps and websites in Figma
- Need a UX designer for our app
- Looking for help improving our product's user experience
design.brand
+ Brand designer creating logos and visual identities
+ Graphic designer for branding, packaging and illustration
- Need a new logo and brand identity
- Looking for a graphic designer for our rebrand
design.web
+ I build websites and landing pages in Webflow and WordPress
+ Web designer making fast, beautiful company websites
- Need a new website for our company
- Looking for someone to redesign our landing page
mkt
+ Growth marketer running paid acquisition and go-to-market strategy
+ I help startups with marketing strategy, positioning and demand generation
- Need help with our go-to-market and marketing plan
- Looking for a growth marketer to acquire customers
mkt.content
+ Content marketer writing blog posts, newsletters and SEO articles
+ I grow social media audiences and manage communities
- Need a copywriter for our website and blog
- Looking for help with SEO and content strategy
mkt.pr
+ PR specialist getting startups press coverage
+ Former journalist helping with media relations and press releases
- Need press coverage for our launch
- Looking for PR help and journalist contacts
mkt.events
+ I organise conferences, meetups and corporate events
+ Event planner with venues and speakers
- Need a venue and help planning our event
- Looking for speakers for our conference
sales
+ Sales leader coaching founders on B2B sales and closing deals
+ I help build outbound sales pipelines and sales playbooks
- Need help setting up our sales process
- Looking for advice on selling to enterprise customers
sales.partner
+ I set up channel partnerships, resellers and distribution deals
+ Business development lead building strategic partnerships
- Looking for distribution partners for our product
- Need help with business development and partnerships
sales.intro
+ I can introduce you to enterprise buyers and decision makers
+ Happy to make warm intros to potential customers and pilot partners
- Looking for introductions to potential customers
- Need pilot customers and design partners
cs
+ Customer success leader helping reduce churn and improve onboarding
+ I set up customer support teams and helpdesks
- Need help reducing customer churn
- Looking for advice on building a support team
eng
+ Software engineer who builds web apps and MVPs for startups
+ Technical cofounder type, happy to review your architecture and code
- Need a developer to build our MVP
- Looking for a technical cofounder
eng.frontend
+ Frontend developer in React and TypeScript
+ I build fast web interfaces with JavaScript frameworks
- Need a React developer for our web app
- Looking for a frontend engineer
eng.db
+ I tune slow Postgres and MySQL databases: query plans, indexes, configuration
+ Database administrator, happy to review your schema and slow queries
- Our database queries are slow and we need a Postgres expert
- Need help with indexing and query performance on our SQL database
eng.backend
+ Backend engineer building APIs and databases in Python, Java and Go
+ I design scalable server architectures and microservices
- Need a backend developer for our API
- Looking for help with our database and server code
eng.mobile
+ iOS and Android developer building mobile apps
+ I build cross-platform apps in React Native and Flutter
- Need someone to build our mobile app
- Looking for an iOS developer
eng.infra
+ DevOps and site reliability engineer for cloud infrastructure on AWS and Kubernetes
+ I help teams cut cloud costs and set up CI/CD and monitoring
- Need help with our cloud infrastructure and deployments
- Looking for a DevOps engineer to fix our outages
eng.security
+ Security consultant doing penetration tests and SOC 2 audits
+ I help startups with cybersecurity and compliance certifications
- Need a security audit before an enterprise deal
- Looking for help getting SOC 2 certified
eng.ml
+ Machine learning engineer building AI models and LLM applications
+ Data scientist specialised in computer vision and NLP
- Need help adding AI to our product
- Looking for a machine learning expert
eng.data
+ Data engineer building pipelines and data warehouses
+ I set up modern data stacks with dbt, Airflow and Snowflake
- Need a data engineer to build our data pipeline
- Looking for help setting up a data warehouse
eng.embedded
+ Hardware engineer designing electronics, PCBs and firmware
+ I build embedded systems, IoT devices and robots
- Need help designing a circuit board for our device
- Looking for a firmware engineer
eng.web3
+ Blockchain developer writing smart contracts
+ I advise crypto projects on tokenomics and web3 products
- Need a smart contract developer
- Looking for advice on launching a token
eng.qa
+ QA engineer setting up test automation
+ I test software and find bugs before release
- Need help with testing and quality assurance
- Looking for someone to automate our tests
eng.game
+ Game developer working in Unity and Unreal
+ I design and publish indie games
- Need a game developer for our prototype
- Looking for advice on publishing a game
data
+ Data analyst building dashboards and metrics
+ I help teams with analytics, SQL and A/B testing
- Need someone to set up our analytics and dashboards
- Looking for help analysing our data
product
+ Product manager helping with roadmaps and product discovery
+ I coach teams on finding product-market fit and prioritising features
- Need help with product strategy and our roadmap
- Looking for a product manager
ops
+ Operations leader improving processes and scaling teams
+ Chief of staff experience, happy to help with operations and project management
- Need help setting up operations and processes
- Looking for an operations person
ops.people
+ HR consultant for people operations, policies and compensation
+ I help startups build culture, benefits and performance reviews
- Need help setting up HR and employee benefits
- Looking for advice on compensation and people operations
ops.supply
+ Supply chain and logistics expert for sourcing, freight and fulfilment
+ I help brands find suppliers and manage inventory and shipping
- Need a logistics partner to ship our products
- Looking for suppliers and help with our supply chain
mfg
+ Manufacturing engineer helping take hardware products to production
+ I connect founders with factories and contract manufacturers
- Need a manufacturer for our product
- Looking for help scaling production
mfg.food
+ Food and beverage industry veteran, co-packers and retail buyers
+ I help consumer packaged goods brands get on store shelves
- Need a co-packer for our food brand
- Looking for help getting our drinks into grocery stores
realestate.housing
+ I rent out a furnished apartment for monthly stays
+ I help newcomers find a flat to rent in the city
- Looking for a furnished flat to rent for a few months
- Need an apartment to live in after our move
home
+ I run a cleaning service for homes and offices
+ Handyman: small repairs, painting and furniture assembly
- Need a reliable cleaner for our flat every week
- Looking for a plumber or handyman for repairs at home
legal.family
+ Family lawyer: divorce, custody and prenuptial agreements
+ I draft wills and handle estate planning and probate
- Need a lawyer for my divorce and custody arrangement
- Looking for help writing a will
edu.music
+ I teach piano and guitar to beginners of any age
+ Singing lessons and vocal coaching
- Want piano lessons for my son
- Looking for a guitar teacher nearby
mkt.events.wedding
+ Wedding planner, from venue to catering and music
+ DJ for weddings and private parties
- Need a wedding planner for next summer
- Looking for a DJ for our party
animals
+ I volunteer at an animal shelter and foster rescue dogs
+ Dog walking and pet sitting in my neighbourhood
- Need someone to look after our cat while we travel
- Looking for a dog trainer for our puppy
home.childcare
+ Experienced nanny with free afternoons, references available
+ I babysit in the evenings and at weekends
- Need a nanny or babysitter for our toddler
- Looking for childcare two afternoons a week
realestate
+ Commercial real estate broker finding office and retail space
+ I help companies lease space and deal with landlords
- Need office space for our team
- Looking for a warehouse or retail location
health
+ Physician advising digital health startups
+ I help healthcare companies with clinical trials, hospitals and reimbursement
- Need a doctor to advise our health product
- Looking for introductions to hospitals and health systems
edu
+ Teacher and curriculum designer for courses and training
+ I run workshops and tutor students
- Need help designing a course
- Looking for a tutor or teacher
media
+ Photographer and videographer for shoots and video production
+ Video editor and animator for marketing videos
- Need a photographer for headshots
- Looking for someone to produce a video
lang
+ Professional translator for documents and websites
+ I localise products into other languages
- Need a document translated
- Looking for a translator or interpreter
fin
+ Fintech expert in payments, card issuing and banking partnerships
+ I help startups find sponsor banks and payment processors
- Need a banking partner for our fintech product
- Looking for help with payment processing
fin.insurance
+ Insurance broker for business and liability insurance
+ I advise insurtech startups on underwriting and claims
- Need business insurance for our startup
- Looking for help with insurance coverage
fin.wealth
+ Financial advisor for personal finance and retirement planning
+ I help founders manage their wealth and investments
- Need advice on managing my personal finances
- Looking for a financial planner
impact
+ I advise nonprofits and climate startups on impact and sustainability
+ Climate investor and sustainability expert
- Need help with our sustainability strategy
- Looking for advice on running a nonprofit
gov
+ I help startups sell to government and win public contracts
+ Former public official advising on policy and procurement
- Need help bidding on a government tender
- Looking for contacts in the public sector
ecom
+ E-commerce expert for Shopify stores and Amazon sellers
+ I help direct-to-consumer brands grow online sales and conversion
- Need help growing our online store
- Looking for advice on selling on Amazon
intl
+ I help companies expand into new countries and enter new markets
+ Local partner for market entry and international expansion
- Planning to expand into a new country and need local contacts
- Looking for help with international expansion
`;

export interface Prototype {
  concept: string;
  offers: string[];
  needs: string[];
}

export function parsePrototypes(src: string = PROTOTYPES): Prototype[] {
  const out: Prototype[] = [];
  let cur: Prototype | null = null;
  for (const raw of src.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('+ ')) cur?.offers.push(line.slice(2));
    else if (line.startsWith('- ')) cur?.needs.push(line.slice(2));
    else {
      cur = { concept: line, offers: [], needs: [] };
      out.push(cur);
    }
  }
  return out;
}
