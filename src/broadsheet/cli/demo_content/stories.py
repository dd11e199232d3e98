"""The demo's stories: each one's own copy, credits and place in the last four weeks.

`hours_ago` is counted back from the moment the demo loads, so the site always looks current;
a negative value schedules the story for the future.
"""

from __future__ import annotations

from dataclasses import dataclass

from broadsheet.cli.demo_content.world import AGENCY, COASTAL, EXAMPLE_TIMES, MERIDIAN

IMOGEN, TOMASZ, PRIYA = "imogen-aldous", "tomasz-rennick", "priya-castellane"
DANIEL, HARRIET, MARCUS = "daniel-osei-marlow", "harriet-quennell", "marcus-thelby"
EDITORIAL = "The Courier Editorial Board"
LETTERS = "Readers of the Courier"


@dataclass(frozen=True, kw_only=True)
class Story:
    slug: str
    section: str
    headline: str
    paragraphs: tuple[str, ...]
    hours_ago: float
    words: int = 180  # the body is filled out with background to about this length
    kicker: str = ""
    dek: str = ""
    authors: tuple[str, ...] = ()  # staff author slugs, in byline order
    credit: str = ""  # an organisation or wire credit instead of (or after) staff authors
    dateline: str = ""
    tags: tuple[str, ...] = ()
    picture: str = ""  # a key in pictures.PICTURES
    quote: tuple[str, str] | None = None  # (words, who said them)
    facts: tuple[str, ...] = ()
    facts_heading: str = "Key points"
    topic: str = ""  # the background bank; the section's by default
    correction: str = ""  # published as a correction after the story, so readers see an "Updated" time
    is_draft: bool = False
    # The desk: "in_review" (filed by the demo reporter and submitted), or "embargoed" (scheduled
    # for the moment its embargo lifts, -hours_ago from the load).
    desk: str = ""
    working_copy_dek: str = ""  # an unpublished change to a live story, waiting for an editor


STORIES: tuple[Story, ...] = (
    # ---------------------------------------------------------------- News
    Story(
        slug="council-backs-fresh-study-of-airport-tram",
        section="news",
        headline="Council backs fresh study of tram line to the airport",
        kicker="Transport",
        dek="Cabinet members agreed to spend £380,000 on a new business case, the third in fifteen years.",
        authors=(IMOGEN,),
        hours_ago=4,
        words=650,
        picture="tramlines",
        tags=("Transport", "Merrowport City Council"),
        paragraphs=(
            "Merrowport's long-discussed tram line to the airport moved a small step closer on "
            "Tuesday when the city council's cabinet agreed to commission a fresh study of the route, "
            "its cost and the number of passengers it might carry.",
            "The £380,000 study will be the third since 2011. The previous two concluded that the "
            "line was technically possible but that passenger numbers would not cover its running "
            "costs. Supporters say the opening of the Eastgate extension, which has carried a third "
            "more passengers than forecast, has changed the picture.",
            "Councillor Ruth Ambery, the cabinet member for transport, said the study would report "
            "by the autumn. Officers will look at two routes: one along the old goods railway north "
            "of the Saltings, and a longer one through the new homes on the gasworks site.",
        ),
        quote=(
            "We are not promising a tram. We are promising to find out, properly and in public, "
            "whether one makes sense",
            "Cllr Ruth Ambery, cabinet member for transport",
        ),
    ),
    Story(
        slug="saltings-flood-wall-to-be-raised",
        working_copy_dek="The raised wall is due to be finished before next winter's spring tides, the agency says.",
        section="news",
        headline="Saltings flood wall to be raised by a metre after winter storms",
        kicker="Flooding",
        dek="The £22m scheme will protect 1,900 homes, but residents want a say in how the riverside looks.",
        authors=(IMOGEN, PRIYA),
        hours_ago=28,
        words=1400,
        correction="An earlier version of this article said the scheme would protect 1,600 homes. "
        "The correct figure is 1,900.",
        picture="rain",
        tags=("Flooding", "The Saltings", "Climate", "Estuary"),
        paragraphs=(
            "The flood wall that protects the Saltings from the River Merrow is to be raised by "
            "almost a metre along a two-kilometre stretch, after two winters in which the river came "
            "within a hand's breadth of overtopping it.",
            "The £22 million scheme, announced jointly by the city council and the national "
            "environment agency, will take about three years to build. It is designed to protect "
            "1,900 homes and 140 businesses from a flood of a size expected, on average, once in 200 "
            "years, allowing for the sea-level rise forecast for the rest of the century.",
            "Work is expected to start next spring at the upstream end, near the Old Merrow Bridge, "
            "and move downstream towards the harbour. Some stretches of the riverside path will close "
            "while the work is carried out, although the council says at least one route along the "
            "river will remain open at all times.",
            "For residents who spent the night of the last big storm moving furniture upstairs, the "
            "news was welcome but overdue. Margaret Oduya, who has lived on Tanner's Row for 34 years, "
            "said she had stopped keeping anything valuable on the ground floor.",
            "The existing wall was built in the 1950s after the great surge of 1953 flooded more than "
            "600 homes in the Saltings overnight. It has been patched many times since, and an "
            "inspection three years ago found that several sections were close to the end of their "
            "working life.",
            "Engineers considered a tidal barrier across the estuary below the harbour, but rejected "
            "it as too expensive and too damaging to the mudflats, which are protected for their "
            "wading birds. Raising the existing line of defence was the cheapest option by a wide "
            "margin.",
            "The new wall will be topped with a stone coping and will include glass panels at three "
            "points so that people can still see the river from the street. The riverside path will "
            "be widened and resurfaced, and the council has promised to replace every tree that has "
            "to be removed with two new ones.",
            "The Courier has reported on the Saltings' flood risk for many years; our "
            '<a href="/tags/flooding/">flooding coverage</a> collects those reports.',
        ),
        quote=(
            "We have been told many times that something would be done. I will believe it when I "
            "see the diggers, but I am glad somebody has finally written a cheque",
            "Margaret Oduya, Tanner's Row resident",
        ),
        facts_heading="The scheme in brief",
        facts=(
            "<strong>Length:</strong> 2.1 kilometres of wall, from the Old Merrow Bridge to the harbour.",
            "<strong>Height:</strong> raised by up to 0.9 metres, with glass panels at three viewpoints.",
            "<strong>Cost:</strong> £22 million, of which the council pays £4.5 million.",
            "<strong>Timetable:</strong> work starts next spring and should finish within three years.",
        ),
    ),
    Story(
        slug="branch-libraries-to-open-on-sundays",
        section="news",
        headline="Branch libraries to open on Sundays in year-long trial",
        kicker="Libraries",
        authors=(IMOGEN,),
        hours_ago=52,
        words=220,
        tags=("Libraries", "Merrowport City Council"),
        paragraphs=(
            "Four of Merrowport's branch libraries will open on Sunday afternoons from next month, "
            "in a year-long trial the council hopes will bring in families and people who work during "
            "the week.",
            "The libraries at Fennick Hill, Eastgate, Tollmarsh and the Saltings will open from noon "
            "until 4pm. The extra hours will be staffed by a mix of paid staff and trained volunteers, "
            "and the council says the trial will cost about £60,000.",
            "Visitor numbers will be counted throughout the year and the results published before "
            "any decision is made about making the change permanent.",
        ),
    ),
    Story(
        slug="first-residents-move-into-gasworks-homes",
        section="news",
        headline="First residents move into homes on former gasworks site",
        kicker="Housing",
        dek="Forty families have the keys to the first phase of the 1,800-home Eastgate development.",
        authors=(IMOGEN,),
        hours_ago=80,
        words=500,
        picture="skyline",
        tags=("Housing", "Eastgate"),
        paragraphs=(
            "The first forty households moved into the new homes on the former Eastgate gasworks on "
            "Saturday, nearly a decade after the site was first earmarked for housing.",
            "Half of the homes in the first phase are let at social rents by a housing association; "
            "the rest are for sale. When complete, the development will include a primary school, a "
            "health centre and a park laid out along the line of the old gasholder foundations.",
            "Daniel and Aisha Fernley, who moved in with their two children, said the new flat was "
            "the first home they had lived in without damp.",
        ),
        quote=(
            "The children ran round every room turning the lights on and off. They could not believe "
            "the windows did not have ice on the inside",
            "Aisha Fernley, new resident",
        ),
    ),
    Story(
        slug="old-merrow-bridge-to-close-for-repairs",
        section="news",
        headline="Old Merrow Bridge to close for three weeks of repairs",
        kicker="Travel",
        authors=(IMOGEN,),
        hours_ago=130,
        words=320,
        picture="bridge",
        tags=("Transport", "Old Merrow Bridge"),
        paragraphs=(
            "The Old Merrow Bridge will close to pedestrians and cyclists for three weeks from the "
            "start of next month while engineers repair the stonework of its central arches.",
            "Inspections last summer found that mortar between the stones had been washed out by "
            "winter floods. The repairs will use lime mortar matched to the original, which was laid "
            "when the bridge was built in the early nineteenth century.",
            "A free shuttle boat will carry foot passengers between the two banks every fifteen "
            "minutes from 7am to 8pm. Cyclists are advised to use the Eastgate road bridge.",
        ),
    ),
    Story(
        slug="tollmarsh-village-school-saved",
        section="news",
        headline="Village school saved after parents raise £40,000",
        kicker="Education",
        dek="Tollmarsh Primary had been proposed for closure because of falling rolls.",
        authors=(IMOGEN,),
        dateline="TOLLMARSH",
        hours_ago=200,
        words=450,
        tags=("Education", "Tollmarsh"),
        paragraphs=(
            "Parents in Tollmarsh have raised more than £40,000 in six months to keep their village "
            "primary school open, persuading the education authority to withdraw a proposal to close "
            "it.",
            "The school, which has 61 pupils, had been earmarked for closure because of falling "
            "numbers and the cost of repairing its roof. Parents organised cake sales, a sponsored "
            "swim across the harbour and an auction of promises that raised £11,000 in a single night.",
            "The money will pay for the roof. The authority has agreed to review the school's "
            "future again in three years.",
        ),
        quote=(
            "This school is the village. Close it and you close the last place where everybody meets",
            "Tom Hadley, chair of the parents' group",
        ),
    ),
    Story(
        slug="carrow-point-ferry-later-summer-sailings",
        section="news",
        headline="Carrow Point ferry to run later on summer evenings",
        credit=COASTAL,
        dateline="CARROW POINT",
        hours_ago=300,
        words=230,
        tags=("Transport", "Carrow Point"),
        paragraphs=(
            "The passenger ferry between Carrow Point and Merrowport will run until 11pm on Fridays "
            "and Saturdays from May to September, its operator announced on Monday.",
            "The last sailing currently leaves Carrow Point at 7.30pm. Businesses on both sides of the "
            "estuary had campaigned for later crossings, saying visitors were leaving early to avoid "
            "a forty-minute drive round by road.",
            "Fares will not change. The operator said it would review the timetable at the end of the "
            "season in the light of passenger numbers.",
        ),
    ),
    Story(
        slug="ropewalk-market-traders-win-reprieve",
        section="news",
        headline="Ropewalk market traders win reprieve over pitch fees",
        kicker="Markets",
        authors=(IMOGEN,),
        hours_ago=380,
        words=420,
        picture="market",
        tags=("Ropewalk", "Merrowport City Council", "Small business"),
        paragraphs=(
            "A planned increase of 40 per cent in the fees charged to stallholders at the Ropewalk "
            "market has been put on hold after traders warned that many of them would give up their "
            "pitches.",
            "The council had proposed raising the daily fee for a standard pitch from £25 to £35 to "
            "cover the cost of new awnings and lighting. After a meeting with traders on Thursday, "
            "officers agreed to phase in a smaller rise over two years.",
        ),
        quote=(
            "On a wet Tuesday in February I might take £60. Ten pounds more on the pitch is the "
            "difference between working and staying at home",
            "Lena Marsh, fruit and vegetable trader",
        ),
    ),
    Story(
        slug="city-asks-residents-where-savings-should-fall",
        section="news",
        headline="City asks residents where £14m of savings should fall",
        kicker="Budget",
        dek="An online budget simulator lets residents try to balance the books themselves.",
        authors=(IMOGEN, TOMASZ),
        hours_ago=520,
        words=820,
        picture="bar-chart",
        tags=("Merrowport City Council", "Budget"),
        paragraphs=(
            "Merrowport City Council has launched a six-week consultation asking residents to help "
            "decide where £14 million of savings should be made over the next four years.",
            "For the first time, the consultation includes an online budget simulator that lets people "
            "move money between services and see the effect on council tax. More than 2,000 people "
            "used it in the first three days, the council said.",
            "The biggest areas of spending are adult social care, children's services and waste "
            "collection, which together account for nearly two-thirds of the council's budget. "
            "Officers say those services will be protected as far as possible, which means the "
            "savings are likely to fall hardest on libraries, parks, culture and road maintenance.",
            "The full papers are on the council's "
            '<a href="https://example.org/merrowport/council/budget">budget pages</a>. The Courier will '
            "publish an analysis of the options next week.",
        ),
        quote=(
            "There is no painless option on this list. We want people to see the choices as we see "
            "them, and tell us which ones they could live with",
            "the council's director of finance",
        ),
    ),
    Story(
        slug="tram-fares-frozen-for-another-year",
        section="news",
        headline="Tram fares frozen for another year",
        kicker="Transport",
        authors=(IMOGEN,),
        hours_ago=-3,
        words=200,
        tags=("Transport",),
        paragraphs=(
            "Single tram fares in Merrowport will stay at £1.80 for a third year running, the "
            "operator confirmed, after the council agreed to cover the cost of the freeze from its "
            "transport budget.",
            "Weekly and monthly tickets will also be frozen. The operator said passenger numbers had "
            "risen by 8 per cent over the past year and that keeping fares steady was the best way to "
            "hold on to new passengers.",
        ),
    ),
    Story(
        slug="cycle-lanes-planned-for-quay-street",
        section="news",
        headline="Protected cycle lanes planned for Quay Street",
        kicker="Transport",
        authors=(IMOGEN,),
        hours_ago=0,
        words=200,
        is_draft=True,
        tags=("Transport", "Cycling"),
        paragraphs=(
            "Quay Street could get protected cycle lanes on both sides under plans to be published "
            "next month. [Check with press office: cost figure and consultation dates.]",
            "The plans would remove about 40 parking spaces and move the loading bays to side streets.",
        ),
    ),
    Story(
        slug="allotment-waiting-list-passes-nine-hundred",
        section="news",
        headline="Allotment waiting list passes 900 as council looks for new plots",
        kicker="Gardening",
        dek="Some applicants in the east of the city have waited more than six years for a plot.",
        authors=(TOMASZ,),
        hours_ago=0,
        words=260,
        desk="in_review",
        tags=("Merrowport City Council",),
        paragraphs=(
            "The number of people waiting for a council allotment in Merrowport has passed 900 for "
            "the first time, and the longest waits are now more than six years.",
            "Officers told the environment committee they were looking at two disused playing fields "
            "and a strip of land beside the railway at Tollmarsh as possible new sites.",
            "Plot holders at Hythe Lane said many tenants would accept half-size plots if it shortened "
            "the queue for newcomers.",
        ),
    ),
    Story(
        slug="harbour-trust-annual-report-shows-record-tonnage",
        section="business",
        headline="Harbour trust report shows record tonnage through Merrowport docks",
        kicker="Embargoed results",
        dek="Cargo handled rose by a tenth, driven by timber and wind-turbine parts.",
        credit="Coastal News Service",
        dateline="MERROWPORT",
        hours_ago=-6,
        words=240,
        desk="embargoed",
        tags=("Economy",),
        paragraphs=(
            "The Merrowport Harbour Trust handled more cargo last year than in any year since its "
            "records began, according to its annual report.",
            "The trust said timber imports and components for offshore wind farms made up most of the "
            "growth, while container traffic was flat.",
            "Its chief executive said the figures justified the planned deepening of the outer channel.",
        ),
    ),
    # ---------------------------------------------------------------- World
    Story(
        slug="farmers-network-shares-drought-hardy-seeds",
        topic="world-project",
        section="world",
        headline="Farmers' network shares drought-hardy seed varieties across the region",
        kicker="Agriculture",
        credit=COASTAL,
        dateline="NAIROBI",
        hours_ago=20,
        words=300,
        picture="fields",
        tags=("Agriculture", "Climate"),
        paragraphs=(
            "A network of smallholder farmers' co-operatives has begun exchanging seed for "
            "drought-tolerant varieties of sorghum, millet and beans, in a scheme its organisers say "
            "could reach 30,000 farms within three years.",
            "The Highland Seed Exchange, founded by eleven co-operatives, stores seed in community "
            "banks and swaps it between villages after each harvest. Farmers who borrow seed repay "
            "twice the amount from their own crop.",
            "Agronomists say the varieties are not new: many were grown by farmers' grandparents "
            "before they were replaced by higher-yielding seed that needs more water.",
        ),
        quote=(
            "When the rains fail, the farmer who planted the old seed still has something to harvest",
            "Grace Wanjiru, a co-operative organiser",
        ),
    ),
    Story(
        slug="scientists-begin-survey-of-pacific-fish-stocks",
        topic="world-research",
        section="world",
        headline="Scientists set sail for annual survey of coastal fish stocks",
        credit=MERIDIAN,
        dateline="LIMA",
        hours_ago=60,
        words=260,
        tags=("Fisheries", "Oceans"),
        paragraphs=(
            "Two research vessels left port on Wednesday for a five-week survey of fish stocks along "
            "the Pacific coast, the results of which will help set catch limits for the coming season.",
            "Scientists on board will use echo sounders to estimate the size of shoals and take "
            "samples to check the age and health of the fish. Water temperatures will also be "
            "recorded, since warmer currents can drive shoals further offshore or deeper.",
            "Fishing communities along the coast depend heavily on the catch, and the survey's "
            "findings are closely watched. Last year's results led to a shorter season after "
            "scientists found fewer young fish than expected.",
        ),
    ),
    Story(
        slug="geothermal-heat-to-warm-greenhouse-district",
        topic="world-project",
        section="world",
        headline="Geothermal heat to warm new greenhouse district",
        credit=AGENCY,
        dateline="REYKJAVÍK",
        hours_ago=100,
        words=260,
        picture="mountains",
        tags=("Energy", "Agriculture"),
        paragraphs=(
            "Hot water from underground will heat a new district of commercial greenhouses on the "
            "edge of the capital, allowing tomatoes, peppers and herbs to be grown all year round.",
            "The project's developers say the greenhouses will cover twelve hectares when complete "
            "and will use waste heat from an existing geothermal plant that currently escapes into "
            "the air as steam.",
            "Most of the country's fruit and vegetables are currently imported, and growers say "
            "local produce could replace a large share of those imports. The first greenhouses are "
            "expected to be planted next spring.",
        ),
    ),
    Story(
        slug="scholars-compare-ancient-eclipse-records",
        topic="world-meeting",
        section="world",
        headline="Scholars gather to compare ancient records of eclipses",
        kicker="History",
        credit=EXAMPLE_TIMES,
        dateline="BEIJING",
        hours_ago=150,
        words=320,
        picture="night-sky",
        tags=("Astronomy", "History"),
        paragraphs=(
            "Historians and astronomers from more than twenty countries met this week to compare "
            "records of eclipses written down by court astronomers, monks and merchants over more "
            "than two thousand years.",
            "Because the timing of an eclipse can be calculated precisely, old observations allow "
            "scientists to measure how the Earth's rotation has slowed over the centuries. Several "
            "speakers presented newly translated records that had been overlooked in archives.",
            "One session compared accounts of the same eclipse recorded independently in three "
            "different places, which allowed researchers to check the records against each other.",
        ),
        quote=(
            "A single line in a chronicle, written by someone who looked up at the right moment, "
            "can be worth as much as a modern instrument",
            "a speaker at the conference",
        ),
    ),
    Story(
        slug="city-orders-new-trams-for-steepest-routes",
        topic="world-project",
        section="world",
        headline="City orders new trams built for its steepest hills",
        credit=COASTAL,
        dateline="LISBON",
        hours_ago=210,
        words=240,
        picture="tramlines",
        tags=("Transport",),
        paragraphs=(
            "The city's transport operator has ordered a fleet of compact trams designed to climb "
            "the steep, narrow streets of its oldest districts, replacing vehicles that have been in "
            "service for decades.",
            "The new trams will keep the look of the old ones but add low floors for wheelchair users "
            "and brakes that recover energy on the way downhill. The first is due to enter service "
            "in two years.",
            "Some of the routes climb gradients that would defeat most modern trams. The builders "
            "said the new vehicles had been tested on a hill track with slopes steeper than any on "
            "the network.",
        ),
    ),
    Story(
        slug="schools-join-earthquake-early-warning-trial",
        topic="world-research",
        section="world",
        headline="Schools join earthquake early-warning trial",
        credit=MERIDIAN,
        dateline="WELLINGTON",
        hours_ago=250,
        words=280,
        tags=("Earthquakes", "Education"),
        paragraphs=(
            "Forty schools have joined a trial of a low-cost earthquake early-warning system that "
            "uses sensors the size of a paperback book, fixed to classroom walls.",
            "The sensors detect the first, faster tremors of an earthquake and can give a few "
            "seconds' warning before the stronger shaking arrives: enough, researchers say, for "
            "pupils to drop, cover and hold on.",
            "Each sensor costs a fraction of the price of a conventional seismometer and connects "
            "to the school's wireless network. When several sensors detect the same tremor, an alarm "
            "sounds in every classroom taking part.",
            "Teachers say pupils have taken to the drills with enthusiasm, and that the trial has "
            "become a science lesson in its own right.",
        ),
    ),
    Story(
        slug="electric-ferry-completes-first-winter",
        topic="world-project",
        section="world",
        headline="Electric ferry completes its first winter of service",
        credit=AGENCY,
        dateline="OSLO",
        hours_ago=330,
        words=250,
        tags=("Energy", "Transport", "Shipping"),
        paragraphs=(
            "A battery-powered car ferry has completed its first winter crossing the fjord without "
            "a single cancellation caused by its batteries, its operator said on Tuesday.",
            "The ferry charges for ten minutes at each end of its twenty-minute crossing. Engineers "
            "had worried that cold weather would shorten battery life, but the operator said "
            "performance had been within a few per cent of the summer figures.",
            "The route carries about 2,000 vehicles a day. The operator said the switch from diesel "
            "had cut its fuel costs by more than half, although the batteries and charging equipment "
            "had added considerably to the price of the vessel.",
        ),
    ),
    Story(
        slug="teenager-wins-youth-chess-open",
        topic="world-sport",
        section="world",
        headline="Teenager wins youth chess open after six-hour final game",
        credit=EXAMPLE_TIMES,
        dateline="MONTREAL",
        hours_ago=400,
        words=220,
        tags=("Chess",),
        paragraphs=(
            "A fifteen-year-old from a small town on the north shore has won an international youth "
            "chess tournament after a final game that lasted more than six hours and ended with only "
            "kings and pawns on the board.",
            "The player, who learned the game from her grandfather, said she had been sure the game "
            "was a draw until her opponent made a single slip in the last half-hour.",
            "More than 300 players under the age of eighteen took part in the nine-round event, "
            "which is open to juniors from any country. The winner finished half a point ahead of "
            "three players who shared second place.",
            "She will now be invited to a round-robin tournament for the strongest junior players "
            "later in the year. Her first move after the final, she said, was to telephone her "
            "grandfather.",
        ),
    ),
    Story(
        slug="old-maps-go-online-in-library-project",
        topic="world-project",
        section="world",
        headline="Thousands of old maps go online in national library project",
        credit=EXAMPLE_TIMES,
        dateline="DAKAR",
        hours_ago=460,
        words=240,
        tags=("Libraries", "History"),
        paragraphs=(
            "More than 8,000 maps, some of them three centuries old, have been photographed and "
            "published online by the national library, which says the collection will be free for "
            "anyone to use.",
            "Librarians spent four years cleaning, repairing and photographing the maps. Researchers "
            "say they will help trace how coastlines, rivers and towns have changed.",
            "The oldest maps were drawn by hand on linen and paper, some by navigators and some by "
            "surveyors working for trading companies. Several had been folded for so long that they "
            "had to be humidified before they could be opened flat.",
        ),
    ),
    # ---------------------------------------------------------------- Business
    Story(
        slug="halloran-shipyards-wins-hybrid-ferry-order",
        section="business",
        headline="Halloran Shipyards wins order for two hybrid ferries",
        kicker="Shipbuilding",
        dek="The £96m contract secures work at the Eastgate yard until at least the end of 2028.",
        authors=(TOMASZ,),
        hours_ago=10,
        words=600,
        picture="harbour",
        tags=("Shipbuilding", "Jobs", "Eastgate"),
        paragraphs=(
            "Halloran Shipyards has won a £96 million order to build two hybrid ferries for an "
            "island operator, securing work for its 2,300 staff at the Eastgate yard for at least the "
            "next three years.",
            "The ferries, each able to carry 140 cars and 600 passengers, will run on batteries in "
            "and out of port and switch to engines for the open sea. Steel will be cut in the autumn, "
            "and the first vessel is due to be delivered in spring 2028.",
            "The yard's chief executive, Eleanor Halloran, the fourth generation of her family to run "
            "the business, said the order justified the company's decision to invest in a new "
            "covered assembly hall during the downturn.",
        ),
        quote=(
            "People told us we were mad to build a hall with no orders to fill it. This is what we built it for",
            "Eleanor Halloran, chief executive",
        ),
    ),
    Story(
        slug="ropewalk-workshops-fear-rent-rises",
        section="business",
        headline="Ropewalk workshops fear rent rises as landlord sells up",
        kicker="Property",
        dek="Forty small firms rent space in the Victorian warehouses being put up for sale.",
        authors=(TOMASZ,),
        hours_ago=90,
        words=700,
        picture="market",
        tags=("Ropewalk", "Small business"),
        paragraphs=(
            "Tenants of the Ropewalk's largest block of workshops are worried about their future after "
            "the family that has owned the buildings since 1921 put them up for sale.",
            "The three Victorian warehouses, known locally as the Long Sheds, house about forty small "
            "businesses, including a boatbuilder, two furniture makers, a coffee roaster and a "
            "recording studio. Most rent their space on short leases at well below city-centre rates.",
            "The selling agents said the buildings were being marketed as an investment with "
            "“significant potential”, a phrase tenants fear means conversion into flats.",
        ),
        quote=(
            "Everything I make comes out of that shed. If it becomes flats, I do not know where in "
            "this city I would find another space I could afford",
            "Jonah Preece, boatbuilder",
        ),
    ),
    Story(
        slug="tidal-power-firm-seeks-new-grid-cable",
        section="business",
        headline="Tidal power firm seeks approval for new grid cable",
        kicker="Energy",
        dek="Tidewell Energy says twelve more turbines off Carrow Point depend on a £60m link to the mainland.",
        authors=(TOMASZ, PRIYA),
        hours_ago=160,
        words=900,
        picture="sunrise-sea",
        tags=("Energy", "Tidal power", "Carrow Point"),
        paragraphs=(
            "Tidewell Energy, which runs the tidal turbines off Carrow Point, has applied for "
            "permission to lay a new undersea cable that it says is essential if the array is to "
            "grow.",
            "The existing cable can carry only the output of the eight turbines already installed. "
            "The new one, costing about £60 million, would run eleven kilometres across the estuary "
            "to a substation near Brackwater, allowing twelve more turbines to be added.",
            "Unlike wind, the tides are predictable years in advance, which the company argues makes "
            "tidal power valuable for balancing the grid. Critics point out that it remains far more "
            "expensive per unit of electricity than offshore wind.",
            "Fishermen have raised concerns about the cable's route across shellfish beds. Tidewell "
            "said it would bury the cable at least a metre below the seabed and pay for monitoring.",
        ),
        quote=(
            "The tide turns twice a day whatever the weather. That reliability is worth paying for",
            "Sunil Amberley, Tidewell's operations director",
        ),
    ),
    Story(
        slug="credit-union-lending-hits-record",
        section="business",
        headline="Credit union lending hits record as households face bills",
        kicker="Personal finance",
        authors=(TOMASZ,),
        hours_ago=260,
        words=450,
        picture="line-chart",
        tags=("Personal finance", "Jobs"),
        paragraphs=(
            "The Merrowport Credit Union lent more money last year than at any time in its 38-year "
            "history, as members borrowed to cover large household bills.",
            "Lending rose by 22 per cent to £6.1 million. The average loan was £740, and the most "
            "common reasons given were car repairs, replacing a broken appliance and paying an energy "
            "bill in one go.",
        ),
    ),
    Story(
        slug="port-cargo-dips-as-grain-trade-moves",
        section="business",
        headline="Port cargo dips as grain trade moves up the coast",
        kicker="Shipping",
        authors=(TOMASZ,),
        hours_ago=430,
        words=500,
        tags=("Shipping", "Port of Merrowport"),
        paragraphs=(
            "Cargo handled at the Port of Merrowport fell by 4 per cent last year after two grain "
            "merchants moved their business to a deep-water port further up the coast.",
            "The harbour board said growth in container traffic and the cruise trade had softened the "
            "blow, and that it was in talks with an agricultural supplier about a new bulk terminal.",
        ),
    ),
    Story(
        slug="bakery-co-operative-opens-second-shop",
        section="business",
        headline="Bakery co-operative opens second shop in Fennick Hill",
        authors=(TOMASZ,),
        hours_ago=600,
        words=200,
        tags=("Small business", "Food"),
        paragraphs=(
            "The Corvid Bakery, a worker-owned co-operative that started in a railway arch seven years "
            "ago, has opened a second shop on Fennick Hill.",
            "All fourteen of its bakers are members of the co-operative and share in any profit. The "
            "new shop will sell bread, pastries and soup, and will stay open until 7pm on weekdays.",
        ),
    ),
    Story(
        slug="container-volumes-rise-as-lines-add-routes",
        topic="world-trade",
        section="business",
        headline="Container volumes rise as shipping lines add routes",
        kicker="Trade",
        credit=MERIDIAN,
        dateline="SINGAPORE",
        hours_ago=40,
        words=300,
        picture="line-chart",
        tags=("Shipping", "Trade"),
        paragraphs=(
            "Container volumes through the region's busiest ports rose for the fifth month in a row, "
            "as shipping lines added services to meet demand for consumer goods.",
            "Freight rates have eased from their peak, analysts said, but remain above their average "
            "for the past decade. Several lines have announced new direct routes that avoid "
            "transferring boxes between ships.",
            "The region's ports handled the equivalent of several million twenty-foot containers last "
            "month, according to figures compiled by an industry association, an increase of about "
            "6 per cent on the same month a year earlier.",
        ),
    ),
    Story(
        slug="ports-trial-shared-berth-booking",
        topic="world-trade",
        section="business",
        headline="European ports trial shared system for booking berths",
        kicker="Technology",
        credit=AGENCY,
        dateline="ROTTERDAM",
        hours_ago=280,
        words=280,
        tags=("Shipping", "Technology"),
        paragraphs=(
            "Six European ports have begun a trial of a shared system that lets ships book a berth "
            "and a time slot before they set sail, rather than queueing at anchor when they arrive.",
            "Supporters say ships could save fuel by sailing more slowly if they know a berth is "
            "waiting. The trial will run for a year.",
            "Ships that arrive early often wait at anchor for a day or more, burning fuel to keep "
            "their systems running. Port authorities taking part in the trial say the system could "
            "also reduce congestion in busy shipping lanes.",
            "Shipping lines will be able to see available slots at all six ports and change their "
            "bookings if they are delayed by weather.",
        ),
    ),
    # ---------------------------------------------------------------- Science
    Story(
        slug="estuary-seal-numbers-highest-on-record",
        section="science",
        headline="Seal numbers in the estuary at highest level since records began",
        kicker="Wildlife",
        dek="Volunteers counted 412 grey and common seals on the sandbanks in a single day.",
        authors=(PRIYA,),
        hours_ago=14,
        words=750,
        picture="sunrise-sea",
        tags=("Wildlife", "Estuary"),
        paragraphs=(
            "More seals are living in the Merrow estuary than at any time since counts began in the "
            "1980s, according to the latest survey by the Merrowport Marine Laboratory and volunteers.",
            "Counters on boats and on the shore recorded 412 seals on the sandbanks off Carrow Point "
            "at low tide on a single day in late summer, up from 288 five years ago. Most were grey "
            "seals; about a quarter were the smaller common seals.",
            "Scientists believe the increase reflects cleaner water and a recovery in the fish that "
            "seals eat. Visitors are asked to keep at least 100 metres away, particularly during the "
            "pupping season.",
        ),
        quote=(
            "It is a real success story for the estuary, but seals are easily disturbed. Enjoy them from a distance",
            "Dr Helen Marwick, Merrowport Marine Laboratory",
        ),
    ),
    Story(
        slug="what-the-merrowport-tide-gauge-tells-us",
        section="science",
        headline="A century and a half of tides: what the Merrowport gauge tells us",
        kicker="Climate",
        dek="A brass float in a stone well on the harbour wall has recorded the sea since 1880. Its "
        "record is now one of the most valuable in the country.",
        authors=(PRIYA,),
        hours_ago=120,
        words=1450,
        picture="line-chart",
        tags=("Climate", "Sea levels", "Estuary", "History"),
        paragraphs=(
            "In a small stone hut at the end of the harbour wall, a brass float rises and falls in a "
            "well connected to the sea. For almost 150 years, first on paper rolls and now "
            "electronically, it has recorded every tide that has come into Merrowport.",
            "The record it has produced is one of the longest continuous sea-level series in the "
            "country, and one of the few that has been checked against careful surveys of the land "
            "beneath it. Scientists use it to separate the rise of the sea from the slow sinking of "
            "the ground on which the city stands.",
            "The gauge was installed by the harbour board in 1880 to help ships' captains judge when "
            "there would be enough water to cross the bar at the mouth of the estuary. Nobody at the "
            "time imagined that its readings would one day be used to study the climate.",
            "Dr Samuel Okafor, who looks after the record at the Marine Laboratory, keeps the "
            "original paper charts in a climate-controlled room. Each roll covers a week, and the "
            "pencil line on it is often smudged where a clerk's sleeve brushed it a century ago.",
            "### The slow rise",
            "Over the whole record, the sea at Merrowport has risen by about 19 centimetres. The "
            "rise has not been steady: it was slower in the first half of the twentieth century and "
            "has been faster in recent decades.",
            "That matters because flood defences are designed for particular heights of tide. A "
            "wall that was high enough in 1950 may not be now, and the engineers who design "
            "replacements need to know how fast the water is likely to keep rising.",
            "### Checking the ground",
            "A tide gauge measures the sea relative to the land it is bolted to, and land moves. "
            "Parts of the estuary are still settling slowly as the soft mud beneath them compacts, "
            "and for decades nobody knew how much of the apparent rise was really the city sinking.",
            "Since 1997 a satellite positioning receiver on the roof of the gauge hut has measured "
            "its height to within a few millimetres. Combined with old surveys of the harbour wall, "
            "it shows the gauge has sunk by about three centimetres since it was installed: a real "
            "effect, but a small part of the total.",
            "### Rescuing the early years",
            "The paper charts from before 1920 were never fully digitised. Over the past two years, "
            "more than 300 volunteers have typed in hourly readings from photographs of the charts, "
            "each value entered twice by different people so that mistakes can be caught.",
            "The work has already turned up a surprise: a storm surge in January 1899, missing from "
            "published summaries, that was almost as high as the worst floods of recent years. "
            "Nobody had noticed, because the clerk who wrote the summaries that month was ill.",
            "Dr Okafor hopes the finished record will help the engineers designing the new Saltings "
            "flood wall, as well as scientists comparing Merrowport with gauges around the world.",
        ),
        quote=(
            "Every one of those pencil lines was made by someone who had no idea it would matter. "
            "That is what makes the record so honest",
            "Dr Samuel Okafor, Merrowport Marine Laboratory",
        ),
        facts_heading="The gauge in numbers",
        facts=(
            "Installed in <strong>1880</strong> on the harbour wall.",
            "More than <strong>7,000</strong> weekly paper charts held in the archive.",
            "Sea level up about <strong>19 cm</strong> since records began.",
            "Readings now taken <strong>every minute</strong> and published online.",
        ),
    ),
    Story(
        slug="students-find-fewer-plastic-fragments-on-beaches",
        section="science",
        headline="Students find fewer plastic fragments on city beaches",
        kicker="Pollution",
        authors=(PRIYA,),
        hours_ago=220,
        words=450,
        picture="molecules",
        tags=("Pollution", "Education", "Estuary"),
        paragraphs=(
            "Sixth-formers from three Merrowport schools have found a fall in the number of small "
            "plastic fragments on the city's beaches, in a survey they have repeated every spring "
            "for five years.",
            "The students sieve sand from marked squares at the high-tide line and count the "
            "fragments under a microscope. This year's average was 31 fragments per square metre, "
            "down from 54 when the project began.",
            "Their teacher said the results had been checked by scientists at the university and "
            'would be published on the <a href="https://example.org/merrowport/beach-survey">project website</a>.',
        ),
    ),
    Story(
        slug="observatory-opens-for-comet-viewing",
        section="science",
        headline="Beacon Hill observatory opens its doors for comet viewing",
        kicker="Astronomy",
        authors=(PRIYA,),
        hours_ago=350,
        words=160,
        picture="night-sky",
        tags=("Astronomy",),
        paragraphs=(
            "The university's observatory on Beacon Hill will open to the public on the next three "
            "clear evenings so that visitors can see a comet now visible through binoculars.",
            "The comet is best seen low in the north-west after sunset. Astronomers advise finding "
            "somewhere away from streetlights and giving your eyes twenty minutes to adjust.",
            "Volunteers from the Merrowport Astronomical Society will be on hand with telescopes "
            "from 7pm, cloud permitting. Entry is free, but numbers in the dome are limited to twenty "
            "at a time, so visitors may have to queue.",
            "The observatory will post a message on its website by 5pm each day to say whether the "
            "evening's session will go ahead. Warm clothes are recommended: the dome is unheated.",
        ),
    ),
    Story(
        slug="restored-salt-marsh-stores-carbon-faster",
        section="science",
        headline="Restored salt marsh is storing carbon faster than expected",
        kicker="Climate",
        dek="Ten years after the sea wall was breached on purpose, the marsh at Lindenfold is thriving.",
        authors=(PRIYA,),
        hours_ago=500,
        words=850,
        picture="fields",
        tags=("Climate", "Wildlife", "Estuary"),
        paragraphs=(
            "A salt marsh created by deliberately breaching a sea wall on the estuary ten years ago "
            "is locking away carbon in its mud faster than scientists had predicted, a new study "
            "has found.",
            "Researchers took cores of mud from the marsh at Lindenfold, once farmland, and measured "
            "the carbon buried in each layer. They estimate that the marsh is storing about twice as "
            "much carbon per hectare each year as the models used to plan it had assumed.",
            "The marsh has also become home to thousands of wading birds and acts as a buffer against "
            "storm surges, absorbing the energy of waves before they reach the new sea wall behind it.",
        ),
    ),
    Story(
        slug="astronomers-map-nearby-star-nursery",
        section="science",
        headline="Astronomers publish sharpest map yet of a nearby star nursery",
        kicker="Astronomy",
        credit=MERIDIAN,
        dateline="SANTIAGO",
        hours_ago=230,
        words=320,
        picture="night-sky",
        tags=("Astronomy",),
        topic="world-research",
        paragraphs=(
            "An international team has published the most detailed map yet of a cloud of gas and "
            "dust where new stars are forming, using observations from telescopes in the high desert.",
            "The map shows dozens of young stars still wrapped in the material from which they "
            "formed. The team hopes to use it to test ideas about why some stars form alone and "
            "others in pairs.",
            "The cloud lies several hundred light years away, close by astronomical standards, which "
            "makes it one of the best places to watch stars being born. The observations took more "
            "than a hundred hours of telescope time spread over three years.",
        ),
    ),
    # ---------------------------------------------------------------- Culture
    Story(
        slug="review-the-lighthouse-keepers-daughters",
        topic="review",
        section="culture",
        headline="Review: The Lighthouse Keeper's Daughters, Lantern Theatre",
        kicker="Theatre",
        dek="A new play about three sisters and one very long winter is the Lantern's best in years.",
        authors=(HARRIET,),
        hours_ago=30,
        words=700,
        picture="stage",
        tags=("Theatre", "Reviews"),
        paragraphs=(
            "Three sisters, one lighthouse and a winter that will not end: on paper, "
            "<em>The Lighthouse Keeper's Daughters</em> sounds like an evening of gloom. On stage, it "
            "is anything but.",
            "Written by Merrowport playwright Ada Fenwick and directed by the Lantern's artistic "
            "director, the play follows the Carrick sisters after their father's death leaves them "
            "to keep the light on a rock off the estuary mouth. The eldest wants to leave; the "
            "youngest wants to stay; the middle one wants, mostly, to be left alone.",
            "Fenwick's dialogue is sharp and often very funny, and the three performers have the "
            "easy rhythm of people who have shared a small room for too long.",
        ),
        quote=(
            "The light does not care whether you are happy. It only cares whether you are awake",
            "from the play",
        ),
    ),
    Story(
        slug="museum-displays-200-ship-models",
        section="culture",
        headline="Museum puts 200 ship models on display after decade in storage",
        kicker="Museums",
        authors=(HARRIET,),
        hours_ago=110,
        words=500,
        picture="harbour",
        tags=("Museums", "History", "Shipbuilding"),
        paragraphs=(
            "More than 200 ship models, many made by the shipwrights who built the real vessels at "
            "Merrowport's yards, have gone on display at the Estuary Museum after a decade in storage.",
            "The models range from a fishing smack the length of a pencil to a three-metre model of "
            "the ocean liner <em>Merrow Star</em>, built at Halloran's in 1931. Each one has been "
            "cleaned and repaired by volunteers over the past two years.",
        ),
    ),
    Story(
        slug="festival-programme-built-around-the-river",
        section="culture",
        headline="Merrowport Festival announces a programme built around the river",
        kicker="Festivals",
        dek="Floating stages, a choir on the ferry and a night walk along the flood wall.",
        authors=(HARRIET,),
        hours_ago=190,
        words=600,
        tags=("Merrowport Festival", "Music", "Theatre"),
        paragraphs=(
            "This year's Merrowport Festival will take to the water, with concerts on floating "
            "stages, a choir singing on the Carrow Point ferry and a new play performed on a barge "
            "moored below the Old Merrow Bridge.",
            "The festival's director said the programme was a response to the flood wall works, "
            "which will change the riverside over the coming years.",
        ),
        facts_heading="Highlights",
        facts=(
            "<strong>Tidesong</strong>, a new choral work for 200 voices, performed at high tide on the quay.",
            "<strong>The Night Walk</strong>, a guided walk along the flood wall with stories from "
            "people who have lived beside it.",
            "A free family day at the Saltings with boat-building workshops.",
        ),
    ),
    Story(
        slug="library-names-first-poet-in-residence",
        section="culture",
        headline="Estuary Library names its first poet in residence",
        kicker="Books",
        authors=(HARRIET,),
        hours_ago=320,
        words=350,
        picture="library",
        tags=("Books", "Libraries"),
        paragraphs=(
            "The Estuary Library has appointed its first poet in residence, who will spend a year "
            "writing about the city from a desk in the local studies room.",
            "Kwame Ashdown, whose first collection was about growing up on the Saltings, will run "
            "free workshops for adults and schools and will publish a new poem each month in the "
            '<a href="/culture/">Courier\'s culture pages</a>.',
        ),
    ),
    Story(
        slug="review-saltings-community-choir",
        section="culture",
        headline="Review: Saltings Community Choir, St Anselm's Church",
        kicker="Music",
        authors=(HARRIET,),
        hours_ago=410,
        words=160,
        tags=("Music", "Reviews"),
        paragraphs=(
            "Three years ago the Saltings Community Choir had eleven members and a borrowed piano. On "
            "Saturday, seventy singers filled St Anselm's with a programme that ran from sea shanties "
            "to a new setting of a psalm by their own conductor.",
            "Not every entry was clean, and the tenors were occasionally outnumbered. But the sound "
            "was warm, the enjoyment infectious and the final shanty, with the audience joining in, "
            "worth the ticket on its own.",
            "The choir rehearses on Wednesday evenings at the Saltings Community Centre and "
            "auditions nobody. Its next concert is at the Guildhall in the spring.",
        ),
    ),
    Story(
        slug="the-lantern-theatre-at-135",
        section="culture",
        headline="Two fires, a bingo hall and a standing ovation: the Lantern at 135",
        kicker="Theatre",
        dek="How a music hall that nobody could kill became the heart of the city's cultural life.",
        authors=(HARRIET,),
        hours_ago=560,
        words=1350,
        picture="stage",
        tags=("Theatre", "History"),
        paragraphs=(
            "On a cold night in 1889, the doors of the Lantern music hall opened for the first time, "
            "and 1,200 people paid threepence each to see a bill of comic singers, acrobats and a man "
            "who claimed to be able to talk to seagulls.",
            "One hundred and thirty-five years later, the building is still standing, which is more "
            "than many people expected at several points in between.",
            "It was gutted by fire in 1911 and again in 1938. It was requisitioned during the war as "
            "a store for the dockyard. In the 1970s it spent nine years as a bingo hall, with the "
            "gilded boxes boarded over and the stage used for storing chairs.",
            "### The campaign",
            "When the bingo company left in 1986 and the owners applied to demolish the building, a "
            "group of residents formed the Friends of the Lantern. They collected 23,000 signatures, "
            "held a sit-in in the foyer and, eventually, persuaded the council to buy it.",
            "Restoration took eight years and was paid for by a mixture of public grants, a national "
            "heritage fund and more than 4,000 individual donations, the smallest of them a jar of "
            "coins collected by a class of seven-year-olds at Fennick Hill Primary.",
            "### A producing theatre",
            "When it reopened in 1994, the Lantern did something unusual for a theatre of its size: "
            "it decided to make its own shows rather than simply host touring productions. Its first "
            "season included two new plays by local writers and a pantomime that has been revived, "
            "with new jokes, every few years since.",
            "That decision has shaped the theatre ever since. Actors who began their careers in the "
            "Lantern's youth company now appear on national stages, and several of the plays that "
            "premiered here have been performed around the world.",
            "Today the theatre employs 46 people, welcomes about 110,000 visitors a year and runs a "
            "programme for schools that reaches every primary school in the city. Its finances "
            "remain fragile, as they always have been.",
        ),
        quote=(
            "We were told it was a lost cause. We said it was only lost if we stopped turning up",
            "Beryl Coombe, founding member of the Friends of the Lantern",
        ),
    ),
    Story(
        slug="independent-cinema-plans-reopening",
        section="culture",
        headline="Independent cinema plans reopening in the Ropewalk",
        kicker="Film",
        authors=(HARRIET,),
        hours_ago=0,
        words=180,
        is_draft=True,
        tags=("Film", "Ropewalk"),
        paragraphs=(
            "The Roxy, the Ropewalk's single-screen cinema, could reopen next year under plans by a "
            "community group. [Waiting on a reply from the owners before this runs.]",
        ),
    ),
    # ---------------------------------------------------------------- Sport
    Story(
        slug="late-header-sends-gulls-top",
        topic="football",
        section="sport",
        headline="Late header sends Gulls top of the table",
        kicker="Football",
        dek="Merrowport Athletic 2 Hollin Town 1: Okonjo rises highest in the 89th minute.",
        authors=(DANIEL,),
        hours_ago=18,
        words=550,
        correction="An earlier version of this report misspelled the name of Callum Reyes.",
        picture="pitch",
        tags=("Merrowport Athletic", "Football"),
        paragraphs=(
            "Merrowport Athletic went top of the table for the first time in eleven years on "
            "Saturday, when captain Femi Okonjo headed in a corner in the 89th minute to beat Hollin "
            "Town in front of a sell-out crowd at the Saltings Ground.",
            "Hollin had taken the lead against the run of play shortly before half-time, but the "
            "Gulls equalised through a low shot from Callum Reyes ten minutes after the restart and "
            "pressed for a winner until it came.",
        ),
        quote=(
            "I have never heard the ground like that. The lads deserved it for how they kept going",
            "Femi Okonjo, Merrowport Athletic captain",
        ),
    ),
    Story(
        slug="regatta-entries-pass-1000",
        section="sport",
        headline="Regatta entries pass 1,000 for the first time",
        kicker="Rowing",
        authors=(DANIEL,),
        hours_ago=140,
        words=400,
        tags=("Rowing", "Estuary Regatta"),
        paragraphs=(
            "More than 1,000 crews have entered this summer's Estuary Regatta, the first time the "
            "figure has been passed in the event's 175-year history.",
            "Organisers have added a third day of racing to fit in the extra heats. The biggest "
            "growth has come in junior and veterans' events, and in the new class for coastal rowing "
            "boats.",
        ),
    ),
    Story(
        slug="mariners-appoint-former-captain-as-coach",
        section="sport",
        headline="Mariners appoint former captain as head coach",
        kicker="Rugby",
        authors=(DANIEL,),
        hours_ago=240,
        words=450,
        tags=("Rugby", "Merrowport Mariners"),
        paragraphs=(
            "The Merrowport Mariners have appointed their former captain, Owain Pryce, as head coach "
            "on a three-year contract.",
            "Pryce, who played 212 games for the club, has spent the past two seasons as forwards "
            "coach. He takes over from the departing coach, who is moving abroad for family reasons.",
        ),
        quote=(
            "I know this club from the front row up. I want us to be hard to beat and good to watch",
            "Owain Pryce, head coach",
        ),
    ),
    Story(
        slug="inside-the-gulls-academy",
        topic="football",
        section="sport",
        headline="Six graduates and counting: inside the Gulls' academy",
        kicker="Youth sport",
        dek="A small club's bet on local talent is starting to pay off.",
        authors=(DANIEL,),
        hours_ago=470,
        words=800,
        picture="pitch",
        tags=("Merrowport Athletic", "Football", "Youth sport"),
        paragraphs=(
            "On a Tuesday evening under floodlights at the Saltings training ground, thirty "
            "teenagers are running drills in the drizzle. Six years ago, several of the first team "
            "stood on the same pitch doing the same thing.",
            "Merrowport Athletic's academy costs the club about £400,000 a year, a large sum for a "
            "side of its size. Its director, Jo Whitlock, argues that it is the best investment the "
            "club makes.",
        ),
        quote=(
            "We cannot outspend anybody. What we can do is find the best players in this city and "
            "give them a reason to stay",
            "Jo Whitlock, academy director",
        ),
    ),
    Story(
        slug="honours-even-in-derby-of-few-chances",
        topic="football",
        section="sport",
        headline="Honours even in a derby of few chances",
        kicker="Football",
        dek="Brackwater Rovers 0 Merrowport Athletic 0.",
        authors=(DANIEL,),
        hours_ago=620,
        words=500,
        tags=("Merrowport Athletic", "Brackwater Rovers", "Football"),
        paragraphs=(
            "The first estuary derby of the season ended goalless at Brackwater on Saturday, in a "
            "match long on effort and short on chances.",
            "The best opportunity fell to the Gulls' Callum Reyes, whose shot was tipped round the "
            "post by the Rovers goalkeeper midway through the second half.",
        ),
    ),
    Story(
        slug="ocean-rowing-crew-completes-atlantic-crossing",
        section="sport",
        headline="Ocean rowing crew completes Atlantic crossing in 41 days",
        kicker="Rowing",
        credit=COASTAL,
        dateline="CAPE TOWN",
        hours_ago=170,
        words=300,
        tags=("Rowing", "Oceans"),
        topic="world-sport",
        paragraphs=(
            "A crew of four rowers arrived on Thursday after crossing the South Atlantic in 41 days, "
            "rowing in shifts of two hours on and two hours off throughout.",
            "The crew lost their water maker for three days midway across and survived on reserve "
            "supplies until it was repaired. They said the hardest part had been the last week, when "
            "headwinds pushed them backwards overnight.",
            "The four, who met at a university rowing club, each lost about eight kilograms during "
            "the crossing. They ate freeze-dried meals rehydrated with desalinated water and slept in "
            "a cabin barely large enough to sit up in.",
            "They said they had seen whales on eleven separate days, and that a pod of dolphins had "
            "swum alongside the boat for most of one night. The crew raised money for a charity that "
            "teaches children to swim.",
        ),
    ),
    Story(
        slug="gulls-expect-full-house-as-unbeaten-run-tested",
        topic="football",
        section="sport",
        headline="Gulls expect a full house as unbeaten run is tested",
        kicker="Football",
        authors=(DANIEL,),
        hours_ago=-20,
        words=250,
        tags=("Merrowport Athletic", "Football"),
        paragraphs=(
            "Merrowport Athletic will put their eight-match unbeaten run on the line on Saturday "
            "against a side who have won five of their last six away games.",
            "The club expects another sell-out and has asked supporters to arrive early.",
        ),
    ),
    # ---------------------------------------------------------------- Opinion
    Story(
        slug="airport-tram-needs-a-better-plan",
        section="opinion",
        headline="The airport tram is a good idea that needs a better plan",
        kicker="Column",
        dek="A third study is fine. A third study with no deadline for a decision is not.",
        authors=(MARCUS,),
        hours_ago=36,
        words=650,
        tags=("Transport", "Merrowport City Council"),
        paragraphs=(
            "I voted for the first airport tram study in 2011. I was still on the council when the "
            "second one reported in 2017. So forgive me if I greet news of a third with something "
            "short of a brass band.",
            "The idea is good. The airport is eight miles out of town, served by a bus that runs "
            "every half-hour and gets stuck behind everything on the ring road. A tram would help "
            "travellers, the airport's 1,400 staff and the new homes along the route.",
            "What has been missing is not information but a decision. <strong>This time the council "
            "should set a date by which it will say yes or no</strong>, and stick to it.",
        ),
    ),
    Story(
        slug="editorial-saltings-deserve-more-than-a-wall",
        topic="editorial",
        section="opinion",
        headline="Editorial: the Saltings deserve more than a higher wall",
        kicker="Our view",
        credit=EDITORIAL,
        hours_ago=170,
        words=450,
        tags=("Flooding", "The Saltings"),
        paragraphs=(
            "The decision to raise the flood wall along the Saltings is right, and it is welcome. "
            "Nobody who has seen the river at the top of a spring tide in a gale could argue otherwise.",
            "But a wall is not a plan for a neighbourhood. The Saltings has some of the city's oldest "
            "housing, its fewest green spaces and its highest rates of childhood asthma. The people "
            "who live there should be asked what else the riverside could become while the diggers "
            "are on site.",
        ),
    ),
    Story(
        slug="why-sunday-libraries-matter",
        section="opinion",
        headline="Why Sunday libraries matter more than you think",
        kicker="Column",
        authors=(MARCUS,),
        hours_ago=290,
        words=550,
        tags=("Libraries",),
        paragraphs=(
            "A library on a Sunday afternoon is a small miracle of civic life. It is warm, it is "
            "free, and nobody asks you to buy anything.",
            "For a parent with young children and a long day to fill, for someone who lives alone, "
            "for a teenager with homework and nowhere quiet to do it, those four hours matter far "
            "more than the modest sum the trial will cost.",
        ),
    ),
    Story(
        slug="let-the-festival-go-back-to-the-quay",
        section="opinion",
        headline="Let the festival go back to the quay",
        kicker="Column",
        authors=(MARCUS,),
        hours_ago=450,
        words=400,
        tags=("Merrowport Festival",),
        paragraphs=(
            "The Merrowport Festival began as a weekend of folk music on the quay, free to anyone who "
            "wandered past. It has become a fine, serious, ticketed fortnight, and something has been "
            "lost along the way.",
            "This year's river-themed programme is a step back towards the water. I hope it is the first of many.",
        ),
    ),
    Story(
        slug="letters-ferry-times-bridge-and-a-missing-cat",
        section="opinion",
        headline="Letters: ferry times, the bridge and a missing cat",
        kicker="Letters",
        credit=LETTERS,
        hours_ago=640,
        words=0,
        tags=("Transport", "Old Merrow Bridge"),
        paragraphs=(
            "### Later ferries, please",
            "Every summer my friends from Carrow Point leave our barbecues at seven to catch the last "
            "ferry. A later sailing on Fridays would make a great many people happy. "
            "<em>— P. Sayers, Fennick Hill</em>",
            "### The bridge is worth it",
            "Whatever the repairs to the Old Merrow Bridge cost, they are cheaper than losing it. It "
            "is the one place in this city where everybody walks at the same pace. "
            "<em>— R. Tomlin, the Saltings</em>",
            "### Found: one cat",
            "Thank you to the reader who returned our ginger tom, Admiral, from the Ropewalk market, "
            "where he had been living on the fishmonger's generosity for a week. "
            "<em>— The Hale family, Quay Street</em>",
            "### A word for the lollipop man",
            "After thirty years seeing children across Tanner's Row, Mr Ellery retires this week. "
            "Three generations of my family have been waved across by him. Thank you. "
            "<em>— J. Okafor, Tanner's Row</em>",
            "### Write to us",
            "Letters may be edited for length. Send them to the letters editor with your name and "
            "the area of the city where you live; we do not publish anonymous letters.",
        ),
    ),
)
