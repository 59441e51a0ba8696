"""
The demo site's content: topics, authors and briefs, loaded by `manage.py loaddemo`.

Written for StateUp's demo: the people are fictional; the institutions and pages in
"Further reading" are real public sources.
"""

TOPICS = [
    {
        "slug": "tech-cooperation",
        "name": "Tech Cooperation",
        "order": 1,
        "description": "How Europe and Latin America can build, share and govern technology "
        "together: research networks, open standards, skills and joint investment.",
    },
    {
        "slug": "green-transition",
        "name": "Green Transition",
        "order": 2,
        "description": "Clean energy, grids, green hydrogen and the finance that moves them: "
        "practical routes to net zero that also create good jobs.",
    },
    {
        "slug": "ai-governance",
        "name": "AI Governance",
        "order": 3,
        "description": "Rules, institutions and public capacity for artificial intelligence "
        "that is safe, accountable and useful to the public sector.",
    },
    {
        "slug": "digital-infrastructure",
        "name": "Digital Infrastructure",
        "order": 4,
        "description": "Subsea cables, data centres and digital public infrastructure: the "
        "physical and institutional plumbing of the digital economy.",
    },
    {
        "slug": "trade",
        "name": "Trade",
        "order": 5,
        "description": "Trade and investment policy for a decarbonising, digital world: carbon "
        "borders, critical minerals and cross-border data.",
    },
]

AUTHORS = [
    {
        "slug": "ana-lima",
        "name": "Ana Lima",
        "role": "Senior Fellow, Tech Cooperation",
        "bio": "Ana Lima leads StateUp's work on EU–Latin America technology partnerships. "
        "She previously advised a Brazilian science ministry on international research "
        "agreements and worked on connectivity projects at a development bank in Washington.",
    },
    {
        "slug": "jonas-weber",
        "name": "Jonas Weber",
        "role": "Director, Green Transition Programme",
        "bio": "Jonas Weber directs StateUp's Green Transition Programme. An energy economist, "
        "he spent a decade modelling power systems for a European grid operator before "
        "moving into policy. He writes on grids, storage and industrial decarbonisation.",
    },
    {
        "slug": "camila-rojas",
        "name": "Camila Rojas",
        "role": "Fellow, AI Governance",
        "bio": "Camila Rojas researches how governments adopt and oversee artificial "
        "intelligence. Trained as a lawyer in Santiago and Leuven, she has worked on "
        "algorithmic transparency rules for city and national administrations.",
    },
    {
        "slug": "pieter-van-dijk",
        "name": "Pieter van Dijk",
        "role": "Research Director",
        "bio": "Pieter van Dijk oversees StateUp's research agenda and its quality review. He "
        "was previously a senior economist at an international organisation, working on "
        "trade, investment and the economics of climate policy.",
    },
    {
        "slug": "sofia-mendez",
        "name": "Sofía Méndez",
        "role": "Policy Analyst, Digital Infrastructure",
        "bio": "Sofía Méndez analyses the economics and security of digital infrastructure, "
        "from subsea cables to payment systems. Before joining StateUp she worked for a "
        "telecoms regulator in Latin America.",
    },
    {
        "slug": "marta-kowalska",
        "name": "Marta Kowalska",
        "role": "Senior Fellow, Trade and Economic Security",
        "bio": "Marta Kowalska works on trade policy, supply chains and economic security. She "
        "negotiated trade agreements for a European government for eight years and now "
        "focuses on how trade rules can speed up, not slow down, decarbonisation.",
    },
    {
        "slug": "rafael-souza",
        "name": "Rafael Souza",
        "role": "Visiting Fellow",
        "affiliation": "Centro de Estudos em Política Digital, São Paulo",
        "bio": "Rafael Souza is an associate researcher in digital policy based in São Paulo. "
        "He studies regional connectivity, research networks and the political economy of "
        "digital public goods in South America.",
    },
    {
        "slug": "elena-marchetti",
        "name": "Elena Marchetti",
        "role": "External co-author",
        "affiliation": "Mediterranean Energy Policy Lab",
        "bio": "Elena Marchetti is an energy finance specialist. She has structured renewable "
        "energy investments in Southern Europe, North Africa and Latin America, and teaches "
        "project finance to public officials.",
    },
    {
        "slug": "tomas-herrera",
        "name": "Tomás Herrera",
        "role": "Research Assistant",
        "bio": "Tomás Herrera supports StateUp's research across programmes, with a focus on "
        "data: trade statistics, energy markets and public-sector technology spending.",
    },
]

CREDIT = "Illustration by StateUp Studio"
LICENCE = "CC BY 4.0"

BRIEFS = [
    {
        "slug": "eu-latin-america-digital-alliance",
        "art": "network",
        "title": "An EU–Latin America digital alliance that delivers",
        "topic": "tech-cooperation",
        "authors": ["ana-lima", "rafael-souza"],
        "days_ago": 2,
        "featured": True,
        "tags": ["EU–LAC", "Global Gateway", "Connectivity", "Research networks"],
        "summary": "The EU–Latin America and Caribbean Digital Alliance has the right "
        "ingredients: cables, satellites, research networks and regulatory dialogue. To "
        "matter, it needs a shared project pipeline, a joint financing window and a "
        "scoreboard that citizens can read.",
        "hero_alt": "Abstract illustration: two clusters of green and gold nodes joined by "
        "curved lines across a deep green background.",
        "links": [
            {
                "title": "EU–Latin America and Caribbean Digital Alliance",
                "url": "https://international-partnerships.ec.europa.eu/policies/programming/projects/eu-latin-america-and-caribbean-digital-alliance_en",
                "source": "European Commission",
                "note": "The alliance's founding declaration and current projects.",
            },
            {
                "title": "Global Gateway",
                "url": "https://commission.europa.eu/strategy-and-policy/priorities-2019-2024/stronger-europe-world/global-gateway_en",
                "source": "European Commission",
                "note": "The EU's investment strategy for infrastructure partnerships.",
            },
            {
                "title": "BELLA programme",
                "url": "https://www.bella-programme.eu/",
                "source": "BELLA",
                "note": "The research network and subsea cable linking Europe and Latin America.",
            },
            {
                "title": "Digital Development",
                "url": "https://www.cepal.org/en/topics/digital-development",
                "source": "ECLAC",
                "note": "Regional data on connectivity and the digital economy.",
            },
        ],
        "related": ["research-networks-backbone", "subsea-cables-strategic-infrastructure"],
        "body": """
<p>When the European Union and Latin American and Caribbean governments launched their
Digital Alliance, they signed up to an ambitious idea: that two regions with deep
cultural ties and shared democratic values could build a digital economy on common
principles rather than choose between Washington's platforms and Beijing's hardware.
The idea is right. The delivery is not yet there.</p>

<p>Two years on, the alliance has an impressive list of components: the EllaLink subsea
cable, the BELLA research network, Copernicus earth observation data, regulatory
dialogues on data protection and cybersecurity. What it lacks is the connective tissue
that turns a list into a strategy.</p>

<h2>Three gaps to close</h2>

<p><strong>A shared pipeline.</strong> Projects are still identified bilaterally,
country by country, and announced at summits. Investors cannot see what is coming,
and governments cannot plan counterpart funding. A rolling, public three-year pipeline,
agreed jointly and reviewed each year, would change that.</p>

<p><strong>A joint financing window.</strong> Global Gateway money arrives through a
maze of instruments: grants, guarantees, blended finance from development banks. Latin
American ministries report that preparing a single project can take longer than
building it. A dedicated window, co-managed with regional development banks, with one
application and one set of safeguards, would cut that time in half.</p>

<p><strong>A scoreboard.</strong> Citizens on both sides of the Atlantic should be able
to see what the alliance has achieved: kilometres of fibre laid, schools and clinics
connected, researchers using shared computing, regulatory agreements signed. Today that
information is scattered across press releases.</p>

<blockquote><p>A partnership that cannot show its results will not survive the next
change of government on either side of the Atlantic.</p></blockquote>

<h2>Where to start</h2>

<p>The alliance should concentrate on a small number of flagship projects where both
regions gain visibly and quickly:</p>

<ul>
<li><strong>Research connectivity</strong>: extend BELLA's reach to every national
research and education network in the region, with shared high-performance computing
for climate and health research.</li>
<li><strong>Open data for climate adaptation</strong>: combine Copernicus imagery with
national statistics so that municipalities can plan for floods, droughts and heat.</li>
<li><strong>Interoperable digital identity</strong>: pilot mutual recognition of
electronic signatures between a handful of willing countries, starting with business
registration.</li>
</ul>

<h2>Governance that travels</h2>

<p>Latin American partners are wary of importing European rules wholesale. They are
right to be. The alliance works best when it offers tools, not templates: model
clauses for data-sharing agreements, open-source reference implementations, training
for regulators. Brazil's experience with instant payments and Uruguay's long record on
data protection show that the learning runs in both directions.</p>


<h2>What success would look like by 2030</h2>

<p>Targets focus minds. The alliance should agree on a short list of outcomes it can be
held to: every public university in the region connected to a research network at 10
gigabits or more; a second direct subsea route between the two regions, landing outside
Brazil; shared earth observation services used by at least a hundred municipalities for
climate adaptation; and mutual recognition of electronic signatures between at least five
countries. Each of these is ambitious but achievable, and each can be checked.</p>
<p>The alliance's next ministerial meeting is the moment to agree on the pipeline, the
financing window and the scoreboard. None of them requires new treaties or large new
budgets. All of them require political attention, which is the scarcest resource of
all.</p>
""",
    },
    {
        "slug": "research-networks-backbone",
        "art": "lattice",
        "title": "Research networks: the quiet backbone of transatlantic cooperation",
        "topic": "tech-cooperation",
        "authors": ["rafael-souza", "tomas-herrera"],
        "days_ago": 19,
        "tags": ["Research networks", "EU–LAC", "Science diplomacy"],
        "summary": "National research and education networks carry the data that climate "
        "science, genomics and astronomy depend on. They are cheap, trusted and effective. "
        "They deserve a bigger place in the EU–Latin America agenda.",
        "hero_alt": "Abstract illustration: a lattice of thin gold lines connecting small "
        "circles over a dark green gradient.",
        "links": [
            {
                "title": "RedCLARA",
                "url": "https://www.redclara.net/",
                "source": "RedCLARA",
                "note": "The Latin American regional research and education network.",
            },
            {
                "title": "GÉANT",
                "url": "https://geant.org/",
                "source": "GÉANT",
                "note": "Europe's research and education network.",
            },
            {
                "title": "BELLA programme",
                "url": "https://www.bella-programme.eu/",
                "source": "BELLA",
            },
        ],
        "related": ["eu-latin-america-digital-alliance"],
        "body": """
<p>Few people outside universities have heard of national research and education
networks. Yet these networks move some of the most valuable data in the world: readings
from the telescopes of the Atacama desert, genomic sequences from hospitals, climate
model outputs measured in petabytes. They are one of the most successful examples of
cooperation between Europe and Latin America, and one of the least discussed.</p>

<h2>How the networks work</h2>

<p>Each country runs a network that connects its universities and research institutes.
Regional networks such as RedCLARA in Latin America and GÉANT in Europe link the national
networks together, and since 2021 a dedicated capacity on the EllaLink cable joins the
two regions directly, without routing traffic through North America.</p>

<p>The model is cooperative: networks are owned by their members, prices reflect costs,
and engineers on both sides of the Atlantic know each other by name. That trust is an
asset that money alone cannot buy.</p>

<h2>What is holding them back</h2>

<ul>
<li><strong>Uneven national coverage.</strong> Several smaller countries still connect
only a handful of institutions. Teacher-training colleges and regional hospitals are
often left out.</li>
<li><strong>Short funding cycles.</strong> Networks depend on project grants that run for
three or four years, which makes long-term capacity contracts hard to sign.</li>
<li><strong>Services beyond bandwidth.</strong> Researchers increasingly need identity
federation, data storage and computing, not just connectivity.</li>
</ul>

<h2>Recommendations</h2>

<p>First, the EU and its partners should commit to ten-year funding for the
transatlantic link and the regional backbone, with national co-financing rising over
time. Second, every public university and teaching hospital in the region should be
connected by the end of the decade, a goal that is measurable and within reach. Third,
networks should be supported to offer shared services: federated login for researchers,
trusted storage for sensitive data, and access to European supercomputers.</p>


<h2>The numbers behind the network</h2>

<p>The economics are striking. The annual cost of the transatlantic research link is a
fraction of the price of a single large telescope, yet it is what allows European
astronomers to use the observatories in Chile without shipping hard drives by air. The
same link carries data for genomic surveillance, which proved its value during the
pandemic, and for the climate models that regional weather services use to forecast
droughts and floods.</p>

<p>Connection also changes careers. Researchers in smaller universities gain access to
datasets and computing that were previously reserved for a handful of national centres.
Students can join international projects from their home institution rather than
moving abroad. Measured by scientific output per euro, few instruments of cooperation
perform better.</p>
<p>Research networks are infrastructure for knowledge. They are also infrastructure for
trust between the two regions. Both are worth the modest investment.</p>
""",
    },
    {
        "slug": "open-source-public-services-diplomacy",
        "art": "ring",
        "title": "Open-source public services as a tool of digital diplomacy",
        "topic": "tech-cooperation",
        "authors": ["ana-lima"],
        "days_ago": 41,
        "tags": ["Open source", "Digital public goods", "EU–LAC"],
        "summary": "Governments on both sides of the Atlantic are building the same digital "
        "services over and over again. Sharing open-source code is cheaper, builds trust "
        "and offers a credible alternative to proprietary lock-in.",
        "hero_alt": "Abstract illustration: overlapping translucent green and gold circles "
        "arranged in a ring.",
        "links": [
            {
                "title": "Digital Public Goods Registry",
                "url": "https://www.digitalpublicgoods.net/registry",
                "source": "Digital Public Goods Alliance",
            },
            {
                "title": "Open source software strategy",
                "url": "https://commission.europa.eu/about/departments-and-executive-agencies/digital-services/open-source-software-strategy_en",
                "source": "European Commission",
            },
        ],
        "related": [],
        "body": """
<p>A tax authority in the Andes and a municipality in Portugal may look like they have
little in common. In practice, both need to let citizens log in securely, fill in
forms, upload documents and track their requests. Most governments build or buy these
services separately, paying again and again for the same functions.</p>

<p>Open-source public software offers another path. Code written once can be reused,
adapted and improved by any administration. When Europe and Latin America share it, the
benefits go beyond savings.</p>

<h2>Why it matters for cooperation</h2>

<p>Shared code creates shared communities. Engineers who maintain the same software
meet, exchange ideas and build trust. Procurement officials learn from each other's
contracts. Regulators gain a concrete understanding of how systems work. This is digital
diplomacy at the level where it matters most: people solving the same problems.</p>

<p>Open source also addresses a concern that Latin American governments raise often:
dependence on a few foreign suppliers whose prices and terms can change overnight.
Software that can be inspected, modified and hosted locally is a hedge against lock-in.</p>

<h2>What it takes</h2>

<ol>
<li><strong>Publish by default.</strong> Code paid for with public money should be
released under an open licence unless there is a clear security reason not to.</li>
<li><strong>Fund maintenance, not just launches.</strong> The most common failure of
public open source is abandonment. Joint maintenance funds, shared between several
governments, keep critical components alive.</li>
<li><strong>Document in Spanish, Portuguese and English.</strong> Language is a real
barrier to reuse. Translation is cheap compared with rewriting.</li>
<li><strong>Build a catalogue.</strong> A joint EU–Latin America catalogue of reusable
components, linked to existing registries of digital public goods, would make the
offer visible.</li>
</ol>


<h2>Examples to build on</h2>

<p>There is already a base to build on. Several European administrations publish the
software behind their digital services, from identity and consent platforms to
participatory budgeting tools used by cities on both continents. Latin American
governments have released their own systems for electronic invoicing, document
management and open data portals. Uruguay's long-standing digital government agency has
shown that a small country can be a net exporter of public software and know-how.</p>

<p>What is missing is a deliberate effort to connect these communities. A modest joint
programme, funding a few shared components and the people who maintain them, would
create the habit of reuse. Once administrations see that they can adapt a working system
in months rather than commissioning a new one over years, the case makes itself.</p>
<p>None of this needs new institutions. It needs procurement rules that favour openness
and a modest, predictable budget for the communities that keep shared code alive.</p>
""",
    },
    {
        "slug": "skills-partnerships-twin-transition",
        "art": "columns",
        "title": "Skills partnerships for the twin transition",
        "topic": "tech-cooperation",
        "authors": ["ana-lima", "pieter-van-dijk"],
        "days_ago": 63,
        "tags": ["Skills", "Labour mobility", "EU–LAC"],
        "summary": "Europe lacks engineers, electricians and data specialists; Latin America "
        "has young, qualified workers and universities eager for partnerships. Talent "
        "partnerships can serve both, if they are designed to avoid a brain drain.",
        "hero_alt": "Abstract illustration: rising columns of green and gold bars against a "
        "pale background.",
        "links": [
            {
                "title": "Talent Partnerships",
                "url": "https://home-affairs.ec.europa.eu/policies/migration-and-asylum/legal-migration-and-integration/talent-partnerships_en",
                "source": "European Commission",
                "note": "The EU's framework for skills and mobility partnerships.",
            },
            {
                "title": "Skills Outlook",
                "url": "https://www.oecd.org/skills/",
                "source": "OECD",
            },
        ],
        "related": [],
        "body": """
<p>The green and digital transitions are labour-intensive. Heat pumps must be installed,
grids extended, factories retooled and software written. Across Europe, employers report
shortages of electricians, welders, engineers and data specialists. Demographic decline
will make these shortages worse.</p>

<p>Latin America faces a different problem: many young people with good qualifications
and too few jobs that use them. The match seems obvious. Yet labour mobility between the
two regions remains small, slow and often unfair to the workers involved.</p>

<h2>Learning from past mistakes</h2>

<p>Recruitment drives that simply poach trained nurses or engineers weaken the countries
that paid for their education. Partnerships that work invest in training in the country
of origin, for both those who move and those who stay. The principle is simple: for every
person recruited, train at least one more at home.</p>

<h2>A design for talent partnerships</h2>

<ul>
<li><strong>Joint curricula</strong> developed by technical colleges in both regions,
with qualifications recognised from day one.</li>
<li><strong>Circular options</strong>: work periods of two to four years with a right to
return and to come back, so that skills and savings flow home.</li>
<li><strong>Employer co-funding</strong> of training costs in the country of origin,
linked to each recruitment.</li>
<li><strong>Fair recruitment</strong>: no fees charged to workers, and contracts
checked by public employment services.</li>
</ul>

<h2>Start with the transition trades</h2>

<p>Pilots should focus on occupations where demand is certain for decades: grid
technicians, renewable energy installers, building retrofit specialists and software
developers. Small cohorts of a few hundred people, well evaluated, will teach more than
large announcements.</p>


<h2>Recognition is the hidden bottleneck</h2>

<p>Even when employers and workers are willing, recognition of qualifications can take
a year or more, and many skilled technicians end up working below their level. The
partnerships should start by agreeing on a small number of occupational profiles,
mapped against European and national qualification frameworks, so that a certified grid
technician from Bogotá or Córdoba is recognised as such in Lyon or Rotterdam.</p>

<p>Language training, started in the country of origin, and support for families are
equally important. Evaluations of earlier schemes show that the workers who stay longest
and contribute most are those who arrive prepared, with a clear job, recognised skills
and a network of people who have made the same journey.</p>
<p>Done well, talent partnerships are a rare policy that benefits workers, employers and
both regions. Done badly, they deepen resentment. The difference lies in the design.</p>
""",
    },
    {
        "slug": "green-hydrogen-without-extractivism",
        "art": "landscape",
        "title": "Green hydrogen partnerships without a new extractivism",
        "topic": "green-transition",
        "authors": ["jonas-weber", "elena-marchetti"],
        "days_ago": 6,
        "tags": ["Green hydrogen", "Energy", "Industrial policy", "EU–LAC"],
        "summary": "Chile, Brazil and Uruguay could become major producers of green hydrogen. "
        "If Europe only wants the molecules, the partnership will repeat old patterns. "
        "Local industry, water and grid benefits must be part of the deal.",
        "hero_alt": "Abstract illustration: a large pale sun rising behind layered green hills.",
        "links": [
            {
                "title": "National Green Hydrogen Strategy",
                "url": "https://energia.gob.cl/h2/",
                "source": "Ministry of Energy of Chile",
            },
            {
                "title": "European Hydrogen Bank",
                "url": "https://energy.ec.europa.eu/topics/energy-systems-integration/hydrogen/european-hydrogen-bank_en",
                "source": "European Commission",
            },
            {
                "title": "Green hydrogen",
                "url": "https://www.irena.org/Energy-Transition/Technology/Hydrogen",
                "source": "IRENA",
                "note": "Costs, trade and policy analysis from the International Renewable "
                "Energy Agency.",
            },
        ],
        "related": ["financing-clean-energy-emerging-markets"],
        "body": """
<p>Some of the best wind and solar resources on the planet lie in Patagonia, the
Atacama desert and north-eastern Brazil. Turned into green hydrogen and its derivatives,
ammonia and methanol, that energy could help decarbonise European steel, fertiliser and
shipping. Several Latin American governments have published hydrogen strategies;
European importers are signing memoranda of understanding.</p>

<p>The risk is familiar. For two centuries, Latin America has exported raw materials
and imported finished goods. A hydrogen trade that ships molecules to Rotterdam and
leaves little behind would repeat that pattern with a green label.</p>

<h2>What a fair partnership looks like</h2>

<p><strong>Local use first.</strong> Some of the hydrogen should decarbonise domestic
industry: fertiliser for local agriculture, green iron, mining trucks. Domestic demand
also reduces dependence on a single export market.</p>

<p><strong>Shared grid benefits.</strong> Renewable plants built for hydrogen should
strengthen, not bypass, national grids. Connecting them allows surplus power to reach
households and lowers electricity costs for everyone.</p>

<p><strong>Water stewardship.</strong> Electrolysis needs water. In arid regions,
projects should rely on desalination with strict brine management, and publish their
water use.</p>

<p><strong>Value added.</strong> Certification, engineering, component manufacturing and
maintenance can be done locally if training and procurement rules support it.</p>

<h2>Europe's part of the bargain</h2>

<p>European buyers need long-term offtake contracts to make projects bankable. The
European Hydrogen Bank and national auction schemes can provide them, but they should
reward projects with strong local benefits, not only the lowest price. Standards for
what counts as green hydrogen must be agreed jointly and recognised on both sides.</p>

<blockquote><p>The question is not whether Latin America will export hydrogen, but
whether it will export only hydrogen.</p></blockquote>


<h2>Certification and trust</h2>

<p>Certification is where the partnership will be won or lost. European rules define
renewable hydrogen through conditions on additionality, timing and location of the
electricity used. Producers in Latin America need certainty that plants built today
will qualify in ten years' time. Mutual recognition of certification schemes, and
support for local certification bodies, would reduce that risk and keep more of the
value of verification in the producing countries.</p>

<p>Communities near projects must also see benefits early: local hiring, shared
infrastructure such as roads and desalinated water, and transparent benefit-sharing
agreements. Where consultation has been rushed, projects have stalled.</p>
<p>A partnership that builds industries on both sides of the Atlantic will last longer
than one that merely secures supply. It will also be easier to defend politically, in
Santiago and in Brussels.</p>
""",
    },
    {
        "slug": "grid-storage-unglamorous-key",
        "art": "waves",
        "title": "Storage and grids: the unglamorous key to a renewable power system",
        "topic": "green-transition",
        "authors": ["jonas-weber"],
        "days_ago": 27,
        "tags": ["Energy", "Grids", "Storage"],
        "summary": "Solar and wind are now the cheapest sources of new electricity. The "
        "bottleneck has moved to grids and storage, where permitting is slow and market "
        "rules still favour the old system.",
        "hero_alt": "Abstract illustration: horizontal waves of green and teal with thin "
        "bright lines running across them.",
        "links": [
            {
                "title": "Electricity Grids and Secure Energy Transitions",
                "url": "https://www.iea.org/reports/electricity-grids-and-secure-energy-transitions",
                "source": "International Energy Agency",
            },
            {
                "title": "EU Action Plan for Grids",
                "url": "https://energy.ec.europa.eu/topics/infrastructure/eu-action-plan-grids_en",
                "source": "European Commission",
            },
        ],
        "related": [],
        "body": """
<p>A decade ago the debate was about whether renewable energy could ever be cheap
enough. That debate is over: in most of Europe and Latin America, new solar and wind
plants produce electricity at lower cost than new fossil plants. The new bottleneck is
less visible. Projects wait years for a grid connection, and power is wasted when lines
are congested.</p>

<h2>The scale of the problem</h2>

<p>Across Europe, hundreds of gigawatts of renewable projects are queuing for
connection. In Chile, solar plants in the north regularly curtail output because the
transmission lines to the centre are full. Every curtailed megawatt-hour is a lost
opportunity to displace coal or gas.</p>

<h2>Four fixes</h2>

<ol>
<li><strong>Plan grids for the system we want.</strong> Transmission plans should be
based on climate targets, not on connection requests already received. Building ahead
of demand is cheaper than building late.</li>
<li><strong>Speed up permits.</strong> Designated renewable and grid acceleration areas,
with environmental assessments done once at the planning stage, can cut permitting from
years to months.</li>
<li><strong>Make storage pay.</strong> Batteries and pumped hydro provide services that
markets often do not reward: fast frequency response, congestion relief, capacity at the
evening peak. Market rules must let storage earn from all of them.</li>
<li><strong>Use the grid we have.</strong> Dynamic line rating, advanced conductors and
better forecasting can add capacity to existing lines within months and at a fraction of
the cost of new ones.</li>
</ol>

<h2>Why this is a cooperation agenda</h2>

<p>Grid operators in Europe and Latin America face the same engineering questions.
Exchanges of staff, joint studies and shared procurement of equipment such as
transformers, now in short supply worldwide, would help both. Development banks can
finance grid-enhancing technologies with short payback periods.</p>


<h2>A note on costs</h2>

<p>Grid investment is often presented as a burden on consumers. The evidence suggests
the opposite. Studies by grid operators and the International Energy Agency find that
delays in transmission cost more, through curtailment, higher fossil fuel use and
congestion payments, than the lines themselves. Every year of delay locks in higher
bills.</p>

<p>Regulators can help by allowing network companies to invest ahead of need, rewarding
them for outcomes such as connection times rather than only for capital spent, and by
making grid data public so that developers can see where capacity exists. Several
European countries now publish maps of available connection capacity; Latin American
operators could do the same at little cost.</p>
<p>Cheap renewable electricity is the foundation of the transition. Grids and storage
are what let us build on it.</p>
""",
    },
    {
        "slug": "financing-clean-energy-emerging-markets",
        "art": "arcs",
        "title": "De-risking clean energy investment in emerging markets",
        "topic": "green-transition",
        "authors": ["elena-marchetti", "pieter-van-dijk"],
        "days_ago": 48,
        "tags": ["Climate finance", "Energy", "Development banks"],
        "summary": "Capital costs for a solar plant can be two or three times higher in "
        "Latin America than in Europe. Currency risk is the main culprit. Guarantees and "
        "local-currency lending can change the economics of the transition.",
        "hero_alt": "Abstract illustration: concentric gold arcs rising from the lower "
        "left corner over green.",
        "links": [
            {
                "title": "EIB Global",
                "url": "https://www.eib.org/en/projects/topics/global/index",
                "source": "European Investment Bank",
            },
            {
                "title": "Inter-American Development Bank",
                "url": "https://www.iadb.org/en",
                "source": "IDB",
            },
            {
                "title": "Network for Greening the Financial System",
                "url": "https://www.ngfs.net/en",
                "source": "NGFS",
            },
        ],
        "related": ["green-hydrogen-without-extractivism"],
        "body": """
<p>The panels, turbines and inverters that make up a renewable power plant cost roughly
the same everywhere. The cost of the money to build them does not. A solar project in
Germany might borrow at four or five per cent; a similar project in Colombia or Peru may
pay ten or twelve. Because renewable plants are almost all upfront investment, the cost
of capital largely determines the price of their electricity.</p>

<h2>Where the risk comes from</h2>

<p>Investors price in several risks: policy changes, counterparty risk from state
utilities, and above all currency risk. Projects earn revenue in local currency but
often borrow in dollars or euros. A sharp depreciation can turn a sound project into a
default.</p>

<h2>Tools that work</h2>

<ul>
<li><strong>Local-currency lending</strong> by development banks, backed by currency
hedging facilities, removes the mismatch at source.</li>
<li><strong>Guarantees</strong> against policy and payment risk cost public budgets
little when risks do not materialise, and unlock large volumes of private capital.</li>
<li><strong>Standardised contracts</strong> for power purchase agreements and
auctions reduce legal costs and make projects comparable for investors.</li>
<li><strong>Blended finance platforms</strong> that pool projects across countries
spread risk and reach the scale institutional investors need.</li>
</ul>

<h2>A role for Europe</h2>

<p>Europe's development finance institutions and its Global Gateway strategy have the
instruments. What is missing is scale and focus. A transatlantic clean energy guarantee
facility, co-managed with Latin American development banks and open to all countries in
the region, would do more for emissions per euro than almost any other use of public
money.</p>


<h2>What the numbers say</h2>

<p>A simple calculation shows what is at stake. For a solar plant with a thirty-year
life, raising the cost of capital from five to ten per cent increases the cost of its
electricity by roughly half. Across the hundreds of gigawatts of clean capacity Latin
America needs this decade, the difference amounts to tens of billions of dollars:
money paid by consumers, or projects that never get built.</p>

<p>Development banks already have many of the right tools, but they are used at small
scale and often compete with one another. Pooling guarantees across institutions,
publishing data on actual default rates, which are lower than investors assume, and
building pipelines of standardised projects would let private capital follow. Transparency
on risk is itself a way to lower its price.</p>
<p>Lowering the cost of capital by a few percentage points is not glamorous. It may be
the single most effective climate policy available to rich countries that want to help.</p>
""",
    },
    {
        "slug": "critical-minerals-value-added",
        "art": "crystals",
        "title": "Critical minerals: keeping more value where the minerals are",
        "topic": "green-transition",
        "authors": ["marta-kowalska", "jonas-weber"],
        "days_ago": 76,
        "tags": ["Critical minerals", "Lithium", "Industrial policy", "Supply chains"],
        "summary": "Europe needs lithium, copper and rare earths for its clean industries; "
        "Latin America holds a large share of the world's reserves. Partnerships should "
        "build processing and manufacturing in the region, with high environmental "
        "standards.",
        "hero_alt": "Abstract illustration: angular crystal-like shapes in copper, "
        "turquoise and white.",
        "links": [
            {
                "title": "Global Critical Minerals Outlook",
                "url": "https://www.iea.org/reports/global-critical-minerals-outlook-2024",
                "source": "International Energy Agency",
            },
            {
                "title": "Critical Raw Materials Act",
                "url": "https://single-market-economy.ec.europa.eu/sectors/raw-materials/areas-specific-interest/critical-raw-materials/critical-raw-materials-act_en",
                "source": "European Commission",
            },
            {
                "title": "Lithium statistics and information",
                "url": "https://www.usgs.gov/centers/national-minerals-information-center/lithium-statistics-and-information",
                "source": "U.S. Geological Survey",
            },
        ],
        "related": ["green-hydrogen-without-extractivism"],
        "body": """
<p>Electric cars, wind turbines and grid batteries depend on a handful of minerals:
lithium, copper, nickel, graphite and rare earths. Demand for several of them is set to
multiply by 2040. Europe has few reserves of its own and processes even less; the
processing of most critical minerals is concentrated in a single country.</p>

<p>Latin America holds more than half of the world's known lithium resources and is the
largest copper producer. Governments in the region are clear that they do not want to
repeat the commodity booms of the past, when mines created wealth that left with the
ore.</p>

<h2>From extraction to processing</h2>

<p>The greatest value and the largest number of skilled jobs lie in the steps after
mining: refining, producing battery chemicals, manufacturing cathodes and cells. These
steps need cheap clean energy, skilled workers and access to markets. Several Latin
American countries have the first two; trade partnerships can provide the third.</p>

<h2>What Europe can offer</h2>

<ul>
<li><strong>Long-term offtake</strong> for refined products, not only raw
concentrate, under the strategic partnerships foreseen in the Critical Raw Materials
Act.</li>
<li><strong>Co-investment</strong> in processing plants through development banks and
export credit agencies.</li>
<li><strong>Technology and standards</strong>: lower-impact extraction methods for
lithium brines, and traceability systems that reward responsible producers.</li>
</ul>

<h2>Standards as an advantage</h2>

<p>Water use in the salt flats, the rights of indigenous communities and the
environmental footprint of refining are serious concerns. High standards, credibly
verified, should be a selling point: European manufacturers increasingly need to prove
where their materials come from and how they were produced.</p>


<h2>Recycling closes the loop</h2>

<p>Partnerships should also look beyond the mine. As the first generation of electric
vehicle batteries reaches the end of its life, recycling will become an important
source of lithium, nickel and cobalt. Building recycling capacity in Latin America,
alongside processing, would create a second industry and reduce the pressure on new
extraction.</p>

<p>Finally, transparency matters. Publishing contracts, royalties and environmental data
for mining projects builds public trust and makes it harder for any party to cut
corners. Several countries in the region already do so through the Extractive
Industries Transparency Initiative; European partners should make it a condition of
their own support.</p>
<p>A minerals partnership that builds industry on both sides is harder to negotiate than
a supply contract. It is also the only kind likely to survive the next change in
commodity prices.</p>
""",
    },
    {
        "slug": "after-the-ai-act-regulatory-cooperation",
        "art": "grid",
        "title": "After the AI Act: a practical agenda for regulatory cooperation",
        "topic": "ai-governance",
        "authors": ["camila-rojas", "pieter-van-dijk"],
        "days_ago": 4,
        "tags": ["AI Act", "Regulation", "Standards", "EU–LAC"],
        "summary": "Latin American countries are drafting their own AI laws. Rather than "
        "exporting the AI Act wholesale, Europe should invest in what makes rules work: "
        "shared standards, testing capacity and regulators who talk to each other.",
        "hero_alt": "Abstract illustration: a grid of small squares, some highlighted in "
        "gold, behind thin concentric circles.",
        "links": [
            {
                "title": "Regulation (EU) 2024/1689 (Artificial Intelligence Act)",
                "url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
                "source": "EUR-Lex",
            },
            {
                "title": "OECD AI Principles",
                "url": "https://oecd.ai/en/ai-principles",
                "source": "OECD.AI",
            },
            {
                "title": "Recommendation on the Ethics of Artificial Intelligence",
                "url": "https://www.unesco.org/en/artificial-intelligence/recommendation-ethics",
                "source": "UNESCO",
            },
            {
                "title": "Framework Convention on Artificial Intelligence",
                "url": "https://www.coe.int/en/web/artificial-intelligence/the-framework-convention-on-artificial-intelligence",
                "source": "Council of Europe",
            },
        ],
        "related": ["shared-ai-evaluation-infrastructure", "public-algorithm-registers"],
        "body": """
<p>The European Union's Artificial Intelligence Act is the most comprehensive attempt
yet to regulate AI by risk. Brazil, Chile, Colombia and others are debating laws of
their own, some of them borrowing heavily from the European text. Policymakers in
Brussels speak of a "Brussels effect" in AI. That framing misses what matters.</p>

<h2>Laws are the easy part</h2>

<p>Passing a law is hard; implementing it is harder. The AI Act relies on technical
standards still being written, on conformity assessment bodies still being set up, and
on market surveillance authorities that must hire scarce technical staff. Latin
American regulators face the same challenges with smaller budgets.</p>

<p>Copying the text of a law without the institutions behind it creates rules that exist
on paper only. Worse, it can create compliance costs for local firms without any
improvement in safety.</p>

<h2>Four areas for cooperation</h2>

<ol>
<li><strong>Standards.</strong> Latin American standards bodies should have a seat in
the international processes that will define how AI systems are tested. Europe can fund
their participation.</li>
<li><strong>Testing capacity.</strong> Shared evaluation facilities, where regulators
can test high-risk systems such as credit scoring or biometric identification, are too
expensive for any single small country.</li>
<li><strong>Regulator networks.</strong> Data protection authorities in both regions
already cooperate through the Ibero-American Data Protection Network. A similar network
for AI supervisors would let them share cases and methods.</li>
<li><strong>Public-sector use.</strong> Governments are among the largest deployers of
AI. Joint guidance on procurement, impact assessment and transparency would raise the
bar everywhere.</li>
</ol>

<h2>Interoperability over uniformity</h2>

<p>Rules do not need to be identical to work together. What firms and citizens need is
that a system assessed in one jurisdiction can be recognised in another, and that core
protections, such as the right to an explanation of significant automated decisions,
mean the same thing on both sides of the Atlantic.</p>


<h2>The public sector as first mover</h2>

<p>Public administrations are a natural starting point. They buy AI systems, use them to
make decisions about citizens and answer to parliaments. Joint guidance on how to
procure AI, including requirements for documentation, testing and human oversight,
would give governments on both sides a common baseline. It would also send a clear
signal to suppliers about what responsible AI looks like in practice.</p>

<p>Such guidance does not need to wait for every law to be in force. It can be drafted
by procurement officials and regulators working together, tested in pilot tenders and
revised as experience grows. That is how trust between regulatory systems is built.</p>
<p>The coming two years, as the AI Act's obligations take effect and Latin American
laws take shape, are the window to build that interoperability. After that, divergence
will be expensive to undo.</p>
""",
    },
    {
        "slug": "public-algorithm-registers",
        "art": "cards",
        "title": "Public-sector algorithms need public registers",
        "topic": "ai-governance",
        "authors": ["camila-rojas"],
        "days_ago": 34,
        "tags": ["Transparency", "Public sector", "Algorithms"],
        "summary": "Governments use algorithms to allocate benefits, inspect businesses and "
        "prioritise cases. Citizens rarely know. Public registers of algorithmic systems are "
        "a simple, proven way to build trust and catch problems early.",
        "hero_alt": "Abstract illustration: neat rows of rectangular cards in shades of "
        "green, one highlighted in gold.",
        "links": [
            {
                "title": "Algorithmic Transparency Recording Standard",
                "url": "https://www.gov.uk/government/collections/algorithmic-transparency-recording-standard-hub",
                "source": "UK Government",
            },
            {
                "title": "Algorithm register",
                "url": "https://algoritmes.overheid.nl/en",
                "source": "Government of the Netherlands",
            },
        ],
        "related": [],
        "body": """
<p>An algorithm decides which tax returns are audited. Another ranks applications for
social housing. A third flags children at risk for social workers. Across Europe and
Latin America, public administrations rely on automated systems for decisions that
shape people's lives, usually without telling them.</p>

<p>When things go wrong, the consequences are severe. The Dutch childcare benefits
scandal, in which thousands of families were wrongly accused of fraud, showed how an
opaque system combined with rigid procedures can cause lasting harm.</p>

<h2>What a register does</h2>

<p>An algorithm register is a public list of the automated systems an administration
uses, with a short description of each: its purpose, the data it uses, who is
responsible, how it was tested and how people can challenge its outcomes. Amsterdam,
Helsinki, the Netherlands and the United Kingdom have all built registers, and in Chile a
university lab keeps a public repository of the algorithms used by the state.</p>

<p>Registers do three things. They let journalists, researchers and civil society
scrutinise systems before they cause harm. They force administrations to know what they
are running, which is often the first problem. And they create a record that auditors
can check.</p>

<h2>Getting registers right</h2>

<ul>
<li><strong>Make them mandatory</strong> for systems that affect rights or access to
services, not voluntary showcases of the best projects.</li>
<li><strong>Use a common format</strong> so that registers can be compared and
aggregated. Existing standards can be adapted rather than reinvented.</li>
<li><strong>Write for citizens</strong>: a plain-language summary first, technical
details second.</li>
<li><strong>Link to redress</strong>: every entry should say how to contest a decision.</li>
</ul>


<h2>Common objections, and answers</h2>

<p>Administrations raise three objections. The first is that publishing details invites
gaming: people will learn how to fool a fraud detection system. Registers can describe
purpose, data and oversight without revealing thresholds or model weights. The second is
cost. Experience from cities that run registers suggests that an entry takes a few days
to prepare, much of it work that should be done anyway for data protection impact
assessments.</p>

<p>The third objection is that nobody reads them. Usage figures are indeed modest. But
registers are read by exactly the people who need to read them: journalists,
researchers, auditors and advocates for affected groups. Their value lies in making
scrutiny possible, not in page views.</p>
<p>A register costs little to run. The discipline it imposes on administrations is worth
far more than its cost. Every government that uses algorithms to make decisions about
people should keep one.</p>
""",
    },
    {
        "slug": "ai-capacity-middle-powers",
        "art": "spiral",
        "title": "Compute, data and talent: an AI capacity agenda for middle powers",
        "topic": "ai-governance",
        "authors": ["pieter-van-dijk", "tomas-herrera"],
        "days_ago": 55,
        "tags": ["Compute", "Data", "Skills", "Industrial policy"],
        "summary": "Neither Europe nor Latin America will match the largest AI companies on "
        "spending. Together they can pool public compute, build high-quality datasets in "
        "their own languages and keep talent at home.",
        "hero_alt": "Abstract illustration: a dense cluster of small gold dots forming a "
        "spiral on a dark green background.",
        "links": [
            {
                "title": "AI Factories",
                "url": "https://digital-strategy.ec.europa.eu/en/policies/ai-factories",
                "source": "European Commission",
            },
            {
                "title": "EuroHPC Joint Undertaking",
                "url": "https://eurohpc-ju.europa.eu/",
                "source": "EuroHPC",
            },
        ],
        "related": [],
        "body": """
<p>Training the most advanced AI models costs hundreds of millions of dollars in
computing power alone. Only a handful of companies can afford it. For middle powers,
whether the European Union's member states or the larger Latin American economies, the
question is not how to win that race but how to avoid becoming mere consumers of
systems built elsewhere.</p>

<h2>Three building blocks</h2>

<p><strong>Compute.</strong> Public supercomputers, such as those of the EuroHPC network,
can reserve capacity for researchers, start-ups and public agencies. Opening part of that
capacity to Latin American partners, through research agreements, costs little and
builds lasting ties.</p>

<p><strong>Data.</strong> Models work best in the languages and contexts they were
trained on. Spanish and Portuguese are major world languages, yet high-quality public
datasets in them, covering law, health and public administration, remain scarce.
Indigenous languages are almost absent. Building such datasets, with clear licences and
privacy safeguards, is a public good.</p>

<p><strong>Talent.</strong> The region's best AI researchers are recruited abroad early in
their careers. Joint doctoral programmes, return fellowships and access to compute at
home make staying a realistic option.</p>

<h2>Specialise, do not imitate</h2>

<p>Middle powers gain most by specialising: adapting open models to local needs,
building applications for agriculture, health and public services, and developing
expertise in evaluation and safety. These are areas where domain knowledge matters more
than raw scale.</p>


<h2>Public compute with public purpose</h2>

<p>Access to compute should come with conditions that serve the public interest: results
published openly where possible, models evaluated for safety and bias, and priority for
projects in health, climate, education and public administration. Allocation should be
through transparent calls, judged by peers, as is already the practice for scientific
supercomputing.</p>

<p>A joint programme could start with a few hundred thousand GPU hours a year for Latin
American research teams, paired with training for the engineers who run national
computing centres. The cost is modest by the standards of AI investment, and the
returns, in skills, networks and locally relevant applications, are lasting.</p>

<p>Equally important is open infrastructure around the models: tools for evaluation,
datasets with clear provenance, and documentation in the languages people use. These
are public goods that neither markets nor any single government will provide at the
right scale on their own.</p>
<p>Cooperation between Europe and Latin America on AI capacity is in both regions'
interest. It diversifies supply, keeps expertise in public hands and ensures that the
next generation of AI understands more than one culture.</p>
""",
    },
    {
        "slug": "shared-ai-evaluation-infrastructure",
        "art": "stack",
        "title": "Shared infrastructure for testing AI systems",
        "topic": "ai-governance",
        "authors": ["camila-rojas", "sofia-mendez"],
        "days_ago": 83,
        "tags": ["AI safety", "Standards", "Regulation"],
        "summary": "Regulators cannot supervise what they cannot test. Pooling evaluation "
        "facilities, benchmarks and red-teaming expertise across countries is the fastest "
        "way to give AI rules real teeth.",
        "hero_alt": "Abstract illustration: layered translucent rectangles in green and "
        "gold, offset like a stack of test cards.",
        "links": [
            {
                "title": "AI Risk Management Framework",
                "url": "https://www.nist.gov/itl/ai-risk-management-framework",
                "source": "NIST",
            },
            {
                "title": "Testing and Experimentation Facilities",
                "url": "https://digital-strategy.ec.europa.eu/en/activities/testing-and-experimentation-facilities",
                "source": "European Commission",
            },
        ],
        "related": ["after-the-ai-act-regulatory-cooperation"],
        "body": """
<p>Most AI laws require that high-risk systems be tested before they reach the market and
monitored afterwards. That sounds straightforward until one asks who will do the
testing, with what methods and at what cost. Evaluating a large language model or a
biometric system requires specialised staff, datasets and computing power that few
regulators have.</p>

<h2>The evaluation gap</h2>

<p>Companies that build AI systems test them, but their incentives are not the same as
the public's. Independent evaluation needs institutions with the capacity to run their
own tests, reproduce results and probe for failures that developers missed or
downplayed. Today, that capacity exists in a few large countries at most.</p>

<h2>Pooling what no one can afford alone</h2>

<ul>
<li><strong>Shared test facilities</strong>, hosted by research institutions and open to
regulators from several countries, can spread fixed costs.</li>
<li><strong>Common benchmarks</strong> in Spanish and Portuguese, covering tasks that
matter for public services, would fill a real gap.</li>
<li><strong>Red-teaming networks</strong> of vetted experts can be mobilised across
borders when a new system raises concerns.</li>
<li><strong>Incident databases</strong> shared between supervisors let each learn from
the others' cases.</li>
</ul>

<h2>Start small, publish everything</h2>

<p>A first step could be a joint evaluation programme for AI systems used in public
services, such as document processing or benefit eligibility. Results, methods and
datasets should be published so that others can reuse them. Trust in evaluation depends
on it being open to scrutiny itself.</p>


<h2>Who should host the facilities</h2>

<p>Evaluation facilities need independence from both developers and political
pressure, technical depth and long-term funding. Public research institutes and
universities are natural hosts. They already run testing laboratories for medical
devices, vehicles and telecommunications equipment, and they know how to manage
conflicts of interest.</p>

<p>Governance matters as much as equipment. A joint board with representatives of the
participating regulators can set priorities, while the scientific work remains with the
host institutions. Funding should be multi-year and shared, with contributions scaled to
the size of each country's economy, so that smaller members are not priced out of the
arrangement that benefits them most.</p>

<p>Finally, evaluation must follow systems after deployment. Many failures only appear
when an AI system meets real users and real data. Shared monitoring, with agreed ways to
report incidents, closes the loop between testing and practice.</p>
<p>Rules without testing capacity are promises. Shared infrastructure is how middle
powers can keep them.</p>
""",
    },
    {
        "slug": "subsea-cables-strategic-infrastructure",
        "art": "cables",
        "title": "Subsea cables are strategic infrastructure. Govern them like it",
        "topic": "digital-infrastructure",
        "authors": ["sofia-mendez", "ana-lima"],
        "days_ago": 10,
        "tags": ["Subsea cables", "Connectivity", "Security", "EU–LAC"],
        "summary": "Almost all intercontinental data travels through cables on the seabed. "
        "Latin America depends on a few routes, most of them through the United States. "
        "New direct links and joint protection plans would make the region's internet "
        "more resilient.",
        "hero_alt": "Abstract illustration: thin bright lines curving across a deep blue "
        "and green gradient like cables on a seabed.",
        "links": [
            {
                "title": "Submarine Cable Map",
                "url": "https://www.submarinecablemap.com/",
                "source": "TeleGeography",
            },
            {
                "title": "EllaLink",
                "url": "https://ella.link/",
                "source": "EllaLink",
            },
            {
                "title": "Recommendation on secure and resilient submarine cable infrastructures",
                "url": "https://digital-strategy.ec.europa.eu/en/library/recommendation-security-and-resilience-submarine-cable-infrastructures",
                "source": "European Commission",
            },
        ],
        "related": ["eu-latin-america-digital-alliance"],
        "body": """
<p>Around ninety-nine per cent of intercontinental internet traffic travels through
fibre-optic cables laid on the ocean floor. They carry financial transactions, video
calls, government communications and the data that cloud services depend on. Yet they
are owned by a mix of telecoms operators and technology companies, protected by a
patchwork of rules, and repaired by a small fleet of specialised ships.</p>

<h2>Latin America's exposure</h2>

<p>For decades, most of Latin America's international traffic was routed through Miami.
The EllaLink cable, linking Brazil and Portugal since 2021, was the first direct route
to Europe in a generation. Pacific routes to Asia are planned but not yet built. A few
landing stations concentrate a large share of capacity, which makes them single points
of failure.</p>

<h2>Risks are rising</h2>

<p>Cables are cut more often by fishing and anchors than by sabotage, but incidents in
the Baltic and the Red Sea have shown that deliberate damage is a real threat. Repair
capacity is thin: in some regions a damaged cable can wait weeks for a ship.</p>

<h2>What governments should do</h2>

<ol>
<li><strong>Diversify routes</strong> with public co-financing for new direct links,
including branches to smaller countries and islands.</li>
<li><strong>Protect landing stations</strong> as critical infrastructure, with
redundancy requirements and security audits.</li>
<li><strong>Share repair capacity</strong>: a jointly financed repair vessel for the
South Atlantic would cut outage times.</li>
<li><strong>Exchange information</strong> on incidents between navies, regulators and
operators, following the model of European cooperation on cable security.</li>
</ol>


<h2>Ownership and transparency</h2>

<p>Ownership of cables is shifting. A decade ago, consortia of telecoms operators built
most new systems. Today, a few large technology companies finance a growing share of
new capacity for their own use. This brings welcome investment but also concentrates
control over routes and landing points. Governments should require basic transparency:
who owns each cable, where it lands and who can buy capacity on it.</p>

<p>Open access to a share of capacity on publicly supported cables, at fair prices, would
ensure that smaller operators and research networks benefit too. Licensing of landing
stations is the natural lever: it is where national authority meets an otherwise
international asset.</p>
<p>Cables rarely make headlines until they fail. Treating them as strategic
infrastructure, planned and protected jointly, is far cheaper than dealing with the
consequences of an outage.</p>
""",
    },
    {
        "slug": "digital-public-infrastructure-pix",
        "art": "diamond",
        "title": "Digital public infrastructure: what Europe can learn from Pix",
        "topic": "digital-infrastructure",
        "authors": ["sofia-mendez", "rafael-souza"],
        "days_ago": 37,
        "tags": ["Digital public goods", "Payments", "Competition"],
        "summary": "Brazil's instant payment system reached most of the adult population in "
        "three years and cut costs for small businesses. Its design, public rails with "
        "private services on top, holds lessons for Europe's digital euro and beyond.",
        "hero_alt": "Abstract illustration: a bold diamond shape made of smaller green and "
        "teal triangles on a light background.",
        "links": [
            {
                "title": "Pix",
                "url": "https://www.bcb.gov.br/en/financialstability/pix_en",
                "source": "Banco Central do Brasil",
            },
            {
                "title": "Digital euro",
                "url": "https://www.ecb.europa.eu/euro/digital_euro/html/index.en.html",
                "source": "European Central Bank",
            },
        ],
        "related": [],
        "body": """
<p>Launched by Brazil's central bank in November 2020, Pix lets anyone send money
instantly, at any hour, using a phone number, an email address or a QR code. Within
three years, most Brazilian adults were using it. Transfers between people are free;
merchants pay fees far lower than for cards. Millions of people without a bank account
started using digital payments for the first time.</p>

<h2>Why Pix worked</h2>

<p><strong>Public rails, private services.</strong> The central bank built and runs the
core infrastructure; banks and fintechs compete to offer services on top. Participation
was mandatory for large institutions, which ensured reach from day one.</p>

<p><strong>Simple for users.</strong> Keys such as phone numbers replaced account
numbers. QR codes made payments at market stalls as easy as online.</p>

<p><strong>Low cost by design.</strong> The central bank charges participants very low
fees, which pushed prices down across the market.</p>

<h2>Lessons for Europe</h2>

<p>Europe has instant payment rules and a debate on a digital euro, but retail payments
remain fragmented and dominated by international card schemes. Pix shows that a public
authority can provide a neutral platform that increases competition rather than
replacing the private sector. Its experience with fraud prevention, including limits on
night-time transfers and shared fraud databases, is equally relevant.</p>

<h2>A broader model</h2>


<h2>Governance is the secret ingredient</h2>

<p>Pix works because its governance is clear. The central bank sets the rules, runs the
core platform and decides on new features after consulting a forum of participants.
Competition happens in the services built on top, not in the plumbing. That separation
is what allowed small fintechs to reach millions of users quickly.</p>

<p>Any European scheme will have to find its own balance between public and private
roles, and between national systems and the single market. But the core lesson travels:
decide early who owns the rails, make participation broad, keep the user experience
simple and measure success by adoption and cost, not by the number of features.</p>
<p>The same logic applies beyond payments: digital identity, data exchange between
administrations, consent management for health records. Digital public infrastructure
works when it is open, interoperable and governed in the public interest. Europe and
Latin America have built some of the best examples. They should learn from each other
systematically, through exchanges between central banks, regulators and the teams that
build these systems.</p>
""",
    },
    {
        "slug": "data-centres-and-the-grid",
        "art": "racks",
        "title": "Data centres and the grid: planning for both",
        "topic": "digital-infrastructure",
        "authors": ["jonas-weber", "sofia-mendez"],
        "days_ago": 69,
        "tags": ["Data centres", "Energy", "Grids"],
        "summary": "Demand for data centres is surging with AI. Their electricity and water "
        "needs can strain local grids, or, if planned well, help finance new renewable "
        "capacity and flexible demand.",
        "hero_alt": "Abstract illustration: rows of tall narrow rectangles like server racks "
        "in green with gold highlights.",
        "links": [
            {
                "title": "Energy and AI",
                "url": "https://www.iea.org/reports/energy-and-ai",
                "source": "International Energy Agency",
            },
            {
                "title": "Energy Efficiency Directive",
                "url": "https://energy.ec.europa.eu/topics/energy-efficiency/energy-efficiency-targets-directive-and-rules/energy-efficiency-directive_en",
                "source": "European Commission",
            },
        ],
        "related": ["grid-storage-unglamorous-key"],
        "body": """
<p>Data centres already use a noticeable share of electricity in countries such as
Ireland, where they account for over a fifth of demand. The growth of AI is adding large
new loads: a single campus can need as much power as a mid-sized city. In Latin America,
Chile, Brazil, Mexico and Uruguay are competing to attract investment.</p>

<h2>Risk and opportunity</h2>

<p>Badly planned, data centres compete with households and industry for scarce grid
capacity and, in dry regions, for water. They can delay the closure of fossil plants if
new demand arrives faster than new clean supply.</p>

<p>Well planned, they can do the opposite. Data centre operators are large, creditworthy
buyers of electricity, able to sign long-term contracts that finance new wind and solar
farms. Some workloads can shift in time, making data centres a source of flexibility.
Waste heat can warm nearby buildings.</p>

<h2>Policy principles</h2>

<ul>
<li><strong>Site where the power is.</strong> Steer new campuses towards regions with
surplus renewable generation and grid capacity, through planning rules and connection
charges that reflect real costs.</li>
<li><strong>Additionality.</strong> Large new loads should contract new clean
generation, not just buy certificates from existing plants.</li>
<li><strong>Transparency.</strong> Operators should report energy and water use,
following the EU's reporting model.</li>
<li><strong>Flexibility.</strong> Connection agreements can reward operators who reduce
demand when the grid is stressed.</li>
</ul>


<h2>Water is the second constraint</h2>

<p>Cooling can require large volumes of water, especially with evaporative systems in
hot climates. In regions already facing drought, such as parts of central Chile and
northern Mexico, this has become a political issue. Closed-loop and air cooling reduce
consumption, at some cost in energy. Planning rules should require operators to assess
water use at the siting stage and to publish it once they operate.</p>

<p>Governments competing for investment should resist the temptation to waive these
requirements. Clear, stable conditions attract the kind of operators that plan for the
long term; a race to the bottom attracts the others.</p>

<p>For countries with abundant renewable power and cool climates, data centres can be an
export industry in their own right: clean computing sold to the world through the
cables that connect them.</p>
<p>The digital and green transitions meet, quite literally, at the data centre. Getting
the planning right is a test of whether the two can reinforce each other.</p>
""",
    },
    {
        "slug": "carbon-border-adjustment-exporters",
        "art": "containers",
        "title": "Making the carbon border adjustment fair for exporters",
        "topic": "trade",
        "authors": ["marta-kowalska"],
        "days_ago": 14,
        "tags": ["CBAM", "Carbon pricing", "Trade policy"],
        "summary": "The EU's carbon border levy will soon apply in full to steel, aluminium, "
        "cement, fertilisers and hydrogen. Exporters in Latin America need data systems "
        "and a credible way to have their own carbon prices recognised.",
        "hero_alt": "Abstract illustration: stacked blocks in muted green, teal and copper, "
        "like shipping containers, seen from the side.",
        "links": [
            {
                "title": "Carbon Border Adjustment Mechanism",
                "url": "https://taxation-customs.ec.europa.eu/carbon-border-adjustment-mechanism_en",
                "source": "European Commission",
            },
            {
                "title": "State and Trends of Carbon Pricing",
                "url": "https://www.worldbank.org/en/publication/state-and-trends-of-carbon-pricing",
                "source": "World Bank",
            },
        ],
        "related": ["eu-mercosur-transition-deal"],
        "body": """
<p>The European Union's Carbon Border Adjustment Mechanism (CBAM) puts a price on the
carbon emitted in producing certain imports, mirroring the price European producers pay
under the EU emissions trading system. Its purpose is to prevent carbon leakage and to
encourage cleaner production abroad. For exporters, it means new reporting obligations
and, from the definitive phase, a cost.</p>

<h2>Who is affected</h2>

<p>The mechanism covers iron and steel, aluminium, cement, fertilisers, electricity and
hydrogen. Direct Latin American exports in these sectors are modest overall, but they are
significant for particular firms and countries, such as Brazilian steel and pig iron or
Trinidad and Tobago's fertilisers.</p>

<h2>Three priorities</h2>

<p><strong>Data.</strong> The biggest early burden is measuring and verifying embedded
emissions. Small producers lack the systems to do so, and default values can be punitive.
Technical assistance and accredited local verifiers would lower compliance costs
considerably.</p>

<p><strong>Recognition of carbon prices.</strong> CBAM deducts carbon prices already paid
in the country of production. Several Latin American countries have carbon taxes or are
developing emissions trading. Clear, predictable rules on how these will be recognised
would reward countries that price carbon.</p>

<p><strong>Revenue use.</strong> A share of CBAM revenue could finance decarbonisation in
exporting countries. This would turn a measure that partners see as protectionist into a
visible partnership.</p>

<table>
<caption>Sectors covered by the border adjustment</caption>
<thead>
<tr><th scope="col">Sector</th><th scope="col">Main Latin American exposure</th></tr>
</thead>
<tbody>
<tr><td>Iron and steel</td><td>Brazil, Mexico</td></tr>
<tr><td>Aluminium</td><td>Brazil, Argentina</td></tr>
<tr><td>Fertilisers</td><td>Trinidad and Tobago</td></tr>
<tr><td>Cement</td><td>Limited</td></tr>
<tr><td>Hydrogen</td><td>Future exporters such as Chile</td></tr>
</tbody>
</table>


<h2>A window for dialogue</h2>

<p>The transition to full application leaves time, but not much. Exporters need to know
which data they will have to report, which verifiers will be accepted and how carbon
prices paid at home will be counted. Regular technical dialogues between the European
Commission and trade ministries in the region, with industry at the table, would reduce
surprises and disputes.</p>

<p>Developing countries will also watch how the EU treats least developed and small
exporters. Simplified procedures for small volumes and generous transition periods for
reporting would cost little in emissions and buy considerable goodwill.</p>
<p>A carbon border can be a tool for global climate ambition or a new source of trade
friction. The difference lies in the dialogue, support and flexibility that surround it.</p>
""",
    },
    {
        "slug": "eu-mercosur-transition-deal",
        "art": "venn",
        "title": "EU–Mercosur: turning a trade deal into a transition deal",
        "topic": "trade",
        "authors": ["marta-kowalska", "pieter-van-dijk"],
        "days_ago": 45,
        "tags": ["Mercosur", "Trade policy", "Deforestation", "EU–LAC"],
        "summary": "The EU–Mercosur agreement has been a generation in the making and "
        "remains contested. Its credibility will depend on how it is implemented: on "
        "deforestation, on clean industry and on support for those who lose out.",
        "hero_alt": "Abstract illustration: two large overlapping circles, one green and "
        "one gold, forming a shared lens-shaped middle.",
        "links": [
            {
                "title": "EU–Mercosur agreement",
                "url": "https://policy.trade.ec.europa.eu/eu-trade-relationships-country-and-region/countries-and-regions/mercosur_en",
                "source": "European Commission",
            },
            {
                "title": "Regulation on deforestation-free products",
                "url": "https://environment.ec.europa.eu/topics/forests/deforestation/regulation-deforestation-free-products_en",
                "source": "European Commission",
            },
        ],
        "related": ["carbon-border-adjustment-exporters"],
        "body": """
<p>Negotiations between the European Union and Mercosur (Argentina, Brazil, Paraguay and
Uruguay) began in 1999. The agreement would create one of the largest free trade areas
in the world. It also faces strong opposition: from European farmers worried about
competition, from environmental groups concerned about deforestation, and from
industrial interests in South America wary of European manufacturers.</p>

<h2>Beyond tariffs</h2>

<p>The economic gains from tariff cuts are real but modest. The agreement's larger
potential lies elsewhere: in investment, in supply chains for the green transition, and
in a framework for cooperation between two blocs that share an interest in open,
rules-based trade.</p>

<h2>Making it a transition deal</h2>

<ul>
<li><strong>Deforestation.</strong> Implementation must be tied to verifiable progress
on deforestation, supported by satellite monitoring and the EU's rules on
deforestation-free products. Cooperation on traceability would help compliant
producers.</li>
<li><strong>Clean industry.</strong> Investment chapters and regulatory cooperation
should prioritise sectors such as green steel, batteries and renewable equipment, with
local content developed jointly rather than imposed.</li>
<li><strong>Just transition.</strong> Adjustment funds on both sides should support
workers and regions that face new competition, with money available before the
competition arrives.</li>
<li><strong>Civil society.</strong> The agreement's trade and sustainable development
bodies should be open, with published minutes and a real role for unions and
environmental organisations.</li>
</ul>


<h2>Why it matters beyond trade</h2>

<p>Geopolitics has changed since the negotiations began. Both blocs now face a world in
which trade is used as a weapon and supply chains are reorganised around security
concerns. An agreement between two large democratic blocs, built around sustainability
and open rules, would be a signal that partnership remains possible.</p>

<p>That signal will only be credible if the agreement is implemented with the same
seriousness as it was negotiated. Monitoring should be public, regular and independent.
Disagreements on deforestation or labour rights should be handled through the dispute
mechanisms foreseen, not left to fester.</p>
<p>A trade deal signed in the 2020s cannot look like one drafted in the 1990s. If the
EU–Mercosur agreement is to survive ratification and the politics that follow, it must
be visibly a tool for the transition, not a relic of an older vision of trade.</p>
""",
    },
    {
        "slug": "data-flows-adequacy-bridge",
        "art": "flows",
        "title": "Data flows and trade: adequacy decisions as a bridge",
        "topic": "trade",
        "authors": ["camila-rojas", "marta-kowalska"],
        "days_ago": 90,
        "tags": ["Data", "Privacy", "Trade policy", "EU–LAC"],
        "summary": "Argentina and Uruguay enjoy EU data adequacy; Brazil is on its way. "
        "Extending adequacy across the region would let services trade grow while keeping "
        "high privacy standards on both sides.",
        "hero_alt": "Abstract illustration: parallel flowing lines in green and gold "
        "crossing from left to right.",
        "links": [
            {
                "title": "Adequacy decisions",
                "url": "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en",
                "source": "European Commission",
            },
            {
                "title": "Ibero-American Data Protection Network",
                "url": "https://www.redipd.org/",
                "source": "RIPD",
            },
        ],
        "related": [],
        "body": """
<p>Services trade increasingly depends on data crossing borders: a software team in
Montevideo working for a bank in Madrid, a hospital in Lisbon sharing research data with
a university in São Paulo, an online shop in Bogotá selling to customers in Berlin.
Under European law, personal data can flow freely only to countries whose protection
the EU has found adequate.</p>

<h2>A quiet success</h2>

<p>Argentina and Uruguay have held adequacy decisions for years, and both have
modernised their laws since. Brazil's general data protection law, closely modelled on
Europe's, and its independent data protection authority make it a strong candidate.
Chile, Colombia and others are reforming their laws.</p>

<p>Adequacy does more than ease compliance. It signals trust, lowers costs for small
firms that cannot afford complex contractual arrangements, and anchors high standards
in national law rather than in company policies.</p>

<h2>Recommendations</h2>

<ol>
<li><strong>Prioritise Brazil and Chile</strong> in the EU's adequacy work, given the
size of their economies and the maturity of their frameworks.</li>
<li><strong>Make it mutual</strong>: Latin American laws also restrict transfers, and
reciprocal recognition should be part of the discussion.</li>
<li><strong>Support authorities</strong>: adequacy depends on effective, independent
enforcement. Training and staff exchanges with European authorities help.</li>
<li><strong>Keep trade agreements consistent</strong> with data protection, so that
free-flow commitments never override privacy rights.</li>
</ol>


<h2>The economic stakes</h2>

<p>Services exported digitally, from software development to design, accounting and
customer support, are among the fastest-growing exports of several Latin American
countries. Uruguay and Costa Rica have built significant industries on them. For these
firms, data protection rules that differ from those of their clients are a real cost:
legal reviews, contractual clauses and, sometimes, lost contracts.</p>

<p>For European firms, adequacy means partners they can work with without complex legal
arrangements. For citizens in both regions, it means that their personal data is
protected by enforceable rights wherever it travels. Few trade measures offer gains on
all three fronts at once.</p>

<p>Adequacy is not permanent. Decisions are reviewed periodically, and a country whose
authority loses independence or whose surveillance laws expand can lose its status.
That makes adequacy a continuing conversation rather than a one-off certificate.</p>
<p>Data adequacy is one of the few areas where regulatory convergence between Europe and
Latin America is already working. It deserves to be extended and protected.</p>
""",
    },
    {
        "slug": "public-procurement-clean-tech",
        "art": "steps",
        "title": "Public procurement as industrial policy for clean technology",
        "topic": "green-transition",
        "authors": ["pieter-van-dijk"],
        "days_ago": 1,
        "status": "review",
        "tags": ["Procurement", "Industrial policy"],
        "summary": "Governments buy a large share of the steel, cement and vehicles used in "
        "their economies. Buying clean can create the first markets for low-carbon "
        "products.",
        "hero_alt": "Abstract illustration: a row of green blocks rising in height from "
        "left to right.",
        "links": [],
        "related": [],
        "body": """
<p>Public authorities spend around a seventh of GDP on goods, works and services. For
construction materials and vehicles, their share of demand is even higher. That buying
power can create early markets for clean products, such as low-carbon steel and cement,
that otherwise struggle to compete with cheaper, dirtier alternatives.</p>

<h2>What works</h2>

<p>Clear, rising standards for embodied carbon, announced years in advance, let
producers plan investment. Joint procurement between several authorities increases
volumes. Simple verification, based on product declarations, keeps costs down for
small suppliers.</p>

<p>This brief is in review and will be published after editing.</p>
""",
    },
]

# Topic names and descriptions in Spanish and Portuguese (Brazil), by topic slug.
TOPIC_TRANSLATIONS = {
    "tech-cooperation": {
        "name_es": "Cooperación tecnológica",
        "description_es": "Cómo Europa y América Latina pueden desarrollar, compartir y gobernar "
        "la tecnología juntas: redes de investigación, estándares abiertos, competencias e "
        "inversión conjunta.",
        "name_pt": "Cooperação tecnológica",
        "description_pt": "Como a Europa e a América Latina podem desenvolver, compartilhar e "
        "governar tecnologia juntas: redes de pesquisa, padrões abertos, qualificação e "
        "investimento conjunto.",
    },
    "green-transition": {
        "name_es": "Transición verde",
        "description_es": "Energía limpia, redes eléctricas, hidrógeno verde y la financiación "
        "que los hace posibles: vías prácticas hacia las cero emisiones netas que además crean "
        "empleo de calidad.",
        "name_pt": "Transição verde",
        "description_pt": "Energia limpa, redes elétricas, hidrogênio verde e o financiamento que "
        "os viabiliza: caminhos práticos para emissões líquidas zero que também geram empregos "
        "de qualidade.",
    },
    "ai-governance": {
        "name_es": "Gobernanza de la IA",
        "description_es": "Normas, instituciones y capacidades públicas para una inteligencia "
        "artificial segura, responsable y útil para el sector público.",
        "name_pt": "Governança de IA",
        "description_pt": "Regras, instituições e capacidade estatal para uma inteligência "
        "artificial segura, responsável e útil ao setor público.",
    },
    "digital-infrastructure": {
        "name_es": "Infraestructura digital",
        "description_es": "Cables submarinos, centros de datos e infraestructura pública "
        "digital: el entramado físico e institucional de la economía digital.",
        "name_pt": "Infraestrutura digital",
        "description_pt": "Cabos submarinos, data centers e infraestrutura pública digital: a "
        "base física e institucional da economia digital.",
    },
    "trade": {
        "name_es": "Comercio",
        "description_es": "Política comercial y de inversión para un mundo digital y en plena "
        "descarbonización: ajustes en frontera por carbono, minerales críticos y datos "
        "transfronterizos.",
        "name_pt": "Comércio",
        "description_pt": "Política comercial e de investimentos para um mundo digital e em "
        "descarbonização: ajustes de carbono na fronteira, minerais críticos e dados "
        "transfronteiriços.",
    },
}

# Translations of demo briefs: each a whole brief in its language, linked to its
# original. An `outdated` one was made before the original's last revision, which
# added the text between its two markers: the admin flags it "original updated since".
TRANSLATIONS = [
    {
        "of": "eu-latin-america-digital-alliance",
        "language": "es",
        "slug": "alianza-digital-ue-america-latina",
        "title": "Una alianza digital entre la UE y América Latina que dé resultados",
        "summary": "La Alianza Digital UE-América Latina y el Caribe tiene los ingredientes "
        "adecuados: cables, satélites, redes de investigación y diálogo regulatorio. Para que "
        "cuente de verdad, necesita una cartera común de proyectos, una ventanilla de "
        "financiación conjunta y un cuadro de indicadores que la ciudadanía pueda entender.",
        "hero_alt": "Ilustración abstracta: dos grupos de nodos verdes y dorados unidos por "
        "líneas curvas sobre un fondo verde oscuro.",
        "body": """
<p>Cuando la Unión Europea y los gobiernos de América Latina y el Caribe pusieron en marcha
su Alianza Digital, suscribieron una idea ambiciosa: que dos regiones con profundos lazos
culturales y valores democráticos compartidos podían construir una economía digital sobre
principios comunes, en lugar de elegir entre las plataformas de Washington y el hardware de
Pekín. La idea es acertada. Los resultados todavía no están a la altura.</p>

<p>Dos años después, la alianza cuenta con una lista impresionante de componentes: el cable
submarino EllaLink, la red de investigación BELLA, los datos de observación de la Tierra de
Copernicus y diálogos regulatorios sobre protección de datos y ciberseguridad. Lo que le falta
es el tejido conectivo que convierte una lista en una estrategia.</p>

<h2>Tres brechas que cerrar</h2>

<p><strong>Una cartera común.</strong> Los proyectos se siguen identificando de forma
bilateral, país por país, y se anuncian en las cumbres. Los inversores no pueden ver lo que
viene y los gobiernos no pueden planificar su financiación de contrapartida. Una cartera
pública y renovable a tres años, acordada conjuntamente y revisada cada año, cambiaría esa
situación.</p>

<p><strong>Una ventanilla de financiación conjunta.</strong> Los fondos de Global Gateway
llegan a través de un laberinto de instrumentos: subvenciones, garantías y financiación
combinada de los bancos de desarrollo. Los ministerios latinoamericanos señalan que preparar
un solo proyecto puede llevar más tiempo que construirlo. Una ventanilla específica,
cogestionada con los bancos regionales de desarrollo, con una única solicitud y un único
conjunto de salvaguardias, reduciría ese plazo a la mitad.</p>

<p><strong>Un cuadro de indicadores.</strong> La ciudadanía de ambos lados del Atlántico
debería poder ver lo que la alianza ha logrado: kilómetros de fibra tendidos, escuelas y
centros de salud conectados, investigadores que utilizan capacidad de cálculo compartida,
acuerdos regulatorios firmados. Hoy esa información está dispersa en comunicados de
prensa.</p>

<blockquote><p>Una asociación que no puede mostrar sus resultados no sobrevivirá al próximo
cambio de gobierno a ninguno de los dos lados del Atlántico.</p></blockquote>

<h2>Por dónde empezar</h2>

<p>La alianza debería concentrarse en un número reducido de proyectos emblemáticos en los que
ambas regiones ganen de forma visible y rápida:</p>

<ul>
<li><strong>Conectividad para la investigación</strong>: extender el alcance de BELLA a todas
las redes nacionales de investigación y educación de la región, con computación de alto
rendimiento compartida para la investigación sobre clima y salud.</li>
<li><strong>Datos abiertos para la adaptación climática</strong>: combinar las imágenes de
Copernicus con las estadísticas nacionales para que los municipios puedan prepararse ante
inundaciones, sequías y olas de calor.</li>
<li><strong>Identidad digital interoperable</strong>: ensayar el reconocimiento mutuo de la
firma electrónica entre unos pocos países dispuestos, empezando por el registro de
empresas.</li>
</ul>

<h2>Una gobernanza que viaje bien</h2>

<p>Los socios latinoamericanos desconfían de importar las normas europeas en bloque, y con
razón. La alianza funciona mejor cuando ofrece herramientas y no plantillas: cláusulas tipo
para acuerdos de intercambio de datos, implementaciones de referencia de código abierto,
formación para los reguladores. La experiencia de Brasil con los pagos instantáneos y la
larga trayectoria de Uruguay en protección de datos demuestran que el aprendizaje va en ambas
direcciones.</p>

<h2>Cómo sería el éxito en 2030</h2>

<p>Las metas concentran la atención. La alianza debería acordar una lista breve de resultados
por los que se la pueda juzgar: todas las universidades públicas de la región conectadas a
una red de investigación a 10 gigabits o más; una segunda ruta submarina directa entre ambas
regiones, con amarre fuera de Brasil; servicios compartidos de observación de la Tierra
utilizados por al menos cien municipios para la adaptación climática, y el reconocimiento
mutuo de la firma electrónica entre al menos cinco países. Cada uno de estos objetivos es
ambicioso pero alcanzable, y cada uno puede verificarse.</p>
<p>La próxima reunión ministerial de la alianza es el momento de acordar la cartera, la
ventanilla de financiación y el cuadro de indicadores. Ninguno de ellos exige nuevos tratados
ni grandes presupuestos adicionales. Todos exigen atención política, que es el recurso más
escaso de todos.</p>
""",
    },
    {
        "of": "eu-latin-america-digital-alliance",
        "language": "pt",
        "slug": "alianca-digital-ue-america-latina",
        # Translated before the original gained its "by 2030" section (between these).
        "outdated": ("<h2>What success would look like by 2030</h2>", "<p>The alliance's next"),
        "title": "Uma aliança digital entre a UE e a América Latina que entregue resultados",
        "summary": "A Aliança Digital UE–América Latina e Caribe tem os ingredientes certos: "
        "cabos, satélites, redes de pesquisa e diálogo regulatório. Para fazer diferença, "
        "precisa de uma carteira comum de projetos, de uma janela de financiamento conjunta e "
        "de um painel de resultados que os cidadãos consigam entender.",
        "hero_alt": "Ilustração abstrata: dois grupos de nós verdes e dourados ligados por "
        "linhas curvas sobre um fundo verde-escuro.",
        "body": """
<p>Quando a União Europeia e os governos da América Latina e do Caribe lançaram a Aliança
Digital, assumiram uma ideia ambiciosa: a de que duas regiões com laços culturais profundos
e valores democráticos em comum poderiam construir uma economia digital sobre princípios
compartilhados, em vez de escolher entre as plataformas de Washington e o hardware de
Pequim. A ideia está certa. Os resultados ainda não chegaram.</p>

<p>Dois anos depois, a aliança tem uma lista impressionante de componentes: o cabo submarino
EllaLink, a rede de pesquisa BELLA, os dados de observação da Terra do Copernicus e diálogos
regulatórios sobre proteção de dados e cibersegurança. O que falta é o tecido conectivo que
transforma uma lista em uma estratégia.</p>

<h2>Três lacunas a fechar</h2>

<p><strong>Uma carteira comum.</strong> Os projetos ainda são identificados de forma
bilateral, país a país, e anunciados em cúpulas. Os investidores não conseguem ver o que vem
pela frente, e os governos não conseguem planejar a contrapartida. Uma carteira pública e
contínua de três anos, acordada em conjunto e revista a cada ano, mudaria esse quadro.</p>

<p><strong>Uma janela de financiamento conjunta.</strong> Os recursos do Global Gateway
chegam por um labirinto de instrumentos: doações, garantias e financiamento combinado dos
bancos de desenvolvimento. Ministérios latino-americanos relatam que preparar um único
projeto pode levar mais tempo do que executá-lo. Uma janela específica, cogerida com os
bancos regionais de desenvolvimento, com um único pedido e um único conjunto de
salvaguardas, reduziria esse prazo pela metade.</p>

<p><strong>Um painel de resultados.</strong> Os cidadãos dos dois lados do Atlântico
deveriam poder ver o que a aliança conquistou: quilômetros de fibra instalados, escolas e
postos de saúde conectados, pesquisadores usando capacidade computacional compartilhada,
acordos regulatórios assinados. Hoje essa informação está espalhada em comunicados à
imprensa.</p>

<blockquote><p>Uma parceria que não consegue mostrar seus resultados não sobreviverá à
próxima troca de governo em nenhum dos lados do Atlântico.</p></blockquote>

<h2>Por onde começar</h2>

<p>A aliança deveria se concentrar em um pequeno número de projetos emblemáticos em que as
duas regiões ganhem de forma visível e rápida:</p>

<ul>
<li><strong>Conectividade para a pesquisa</strong>: estender o alcance da BELLA a todas as
redes nacionais de ensino e pesquisa da região, com computação de alto desempenho
compartilhada para pesquisas sobre clima e saúde.</li>
<li><strong>Dados abertos para a adaptação climática</strong>: combinar as imagens do
Copernicus com as estatísticas nacionais para que os municípios possam se preparar para
enchentes, secas e ondas de calor.</li>
<li><strong>Identidade digital interoperável</strong>: testar o reconhecimento mútuo de
assinaturas eletrônicas entre alguns países dispostos, começando pelo registro de
empresas.</li>
</ul>

<h2>Uma governança que viaje bem</h2>

<p>Os parceiros latino-americanos desconfiam de importar as regras europeias por inteiro, e
com razão. A aliança funciona melhor quando oferece ferramentas, não modelos prontos:
cláusulas-modelo para acordos de compartilhamento de dados, implementações de referência em
código aberto, capacitação para reguladores. A experiência do Brasil com o Pix e o longo
histórico do Uruguai em proteção de dados mostram que o aprendizado corre nos dois
sentidos.</p>

<p>A próxima reunião ministerial da aliança é o momento de acordar a carteira, a janela de
financiamento e o painel de resultados. Nenhum deles exige novos tratados nem grandes
orçamentos adicionais. Todos exigem atenção política, que é o recurso mais escasso de
todos.</p>
""",
    },
]
