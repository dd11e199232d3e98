"""Background paragraphs, sub-heads and boxes per topic, from which longer stories are filled out.

Each paragraph stands on its own, so a seeded shuffle can pick any of them for any story of
its topic and the copy still reads as the same reporter filling in the background.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Box:
    """A list that can sit in any story of its topic, under its own sub-head."""

    heading: str
    items: tuple[str, ...]
    is_ordered: bool = False


PARAGRAPHS: dict[str, tuple[str, ...]] = {
    "news": (
        "Merrowport City Council has been under pressure to find savings for three years running. "
        "Officers told councillors in the autumn that the gap between what the city spends and what it "
        "raises would reach £14 million by the end of the decade unless services were redesigned.",
        "Residents of the Saltings, the low-lying district between the railway and the river, have "
        "long complained that decisions about their streets are taken without them. A residents' "
        "association formed after the floods of two winters ago now has more than 600 members.",
        "The council's cabinet meets on the first Tuesday of each month in the Guildhall on Quay "
        "Street. Its papers are published a week in advance on the "
        '<a href="https://example.org/merrowport/council/papers">council website</a>, and members of the '
        "public may ask questions if they register by noon on the Friday before.",
        "Opposition councillors said they would scrutinise the figures closely. “We have heard "
        "promises like this before,” said one, who asked that the party's response be attributed to "
        "its group rather than to any individual member.",
        "Transport has been the most contested issue in the city since the tram extension to "
        "Eastgate was approved. Traders on Chandlery Row say months of roadworks cost them customers; "
        "supporters point out that passenger numbers on the new stretch have beaten every forecast.",
        "The estuary towns of Tollmarsh, Carrow Point and Brackwater share many of the city's "
        "services, from bin collections to the coroner's office, under arrangements that date back "
        "to the reorganisation of local government in the 1970s.",
        "A spokesperson for the council said it would respond to every comment received during the "
        "consultation, and that a summary would be published before any final decision was taken. "
        "The consultation closes at the end of next month.",
        "Fennick Hill, with its steep terraces of Victorian houses, has changed quickly in the last "
        "decade. Long-standing residents describe a neighbourhood where rents have doubled and the "
        "corner shops have given way to cafés, while newer arrivals praise its schools and its views.",
        "The city's population passed 310,000 at the last census, an increase of almost nine per "
        "cent in ten years. Most of that growth has been in the east of the city, where the former "
        "gasworks site is being turned into 1,800 homes.",
        "The Courier asked the council for the number of complaints it had received on the subject "
        "in the past year. It said the information was not held in a form that could be easily "
        "extracted, and suggested a formal request under freedom of information rules.",
        "The Courier will follow the story as it develops. Readers with information or experiences "
        "to share can contact the newsroom in confidence.",
    ),
    "world-project": (
        "Local media reported that the plan had been expected for some weeks, though its scale "
        "surprised some commentators. Details of how the later stages will be paid for have not "
        "yet been made public.",
        "People interviewed by the agency were broadly welcoming, although some questioned "
        "whether the benefits would reach smaller towns far from the capital. “We will believe "
        "it when we see it,” said one shopkeeper.",
        "Officials said the project had drawn interest from other countries facing similar "
        "problems, and that they intended to share what they learned.",
    ),
    "world-research": (
        "The researchers said the data would be shared openly so that other groups could compare "
        "their own results. They stressed that the findings were a first step and would need to be "
        "confirmed by further work.",
        "The figures could not be independently verified, and the scientists cautioned that they "
        "were provisional. A fuller report is expected in the coming months.",
        "The work was funded by a group of universities and public research agencies and "
        "involved scientists from more than a dozen institutions.",
    ),
    "world-meeting": (
        "The organisers said more than 40 countries had sent representatives, a record for the "
        "event. Several delegations travelled for more than a day to attend.",
        "Papers presented at the meeting will be published in a collected volume next year, and "
        "several speakers said they hoped to begin joint projects before then.",
        "The next meeting is due to be held in two years' time; its host city has not yet been announced.",
    ),
    "world-sport": (
        "Messages of congratulation arrived from around the world within hours of the finish, the "
        "agency's correspondent reported.",
        "Supporters said the achievement would inspire young people to take up a pursuit that has "
        "grown steadily in popularity over the past decade.",
    ),
    "world-trade": (
        "Analysts cautioned that a single month's figures could be distorted by holidays and the "
        "timing of large shipments, and said the trend over a quarter was a better guide.",
        "Shipping companies have been investing in larger vessels and in software to plan their "
        "routes, in an effort to cut fuel costs and emissions.",
        "Port operators in the region say they expect steady growth over the next few years, "
        "though they warn that congestion at peak times remains a problem.",
    ),
    "business": (
        "Merrowport's economy has long rested on three legs: the port, the university and the "
        "public sector. Economists at the university's business school have argued for a decade that "
        "the city needs a fourth, and have pointed to tidal energy and marine engineering as candidates.",
        "The port handled 4.2 million tonnes of cargo last year, according to the Merrow Harbour "
        "Board, slightly down on the year before. Container traffic rose, but bulk cargoes such as "
        "grain and timber fell as two long-standing customers moved to larger ports up the coast.",
        "Halloran Shipyards, the city's largest private employer, has about 2,300 staff at its "
        "Eastgate yard. Its order book is dominated by ferries and research vessels, and it has "
        "bid for a share of a large naval support contract expected to be awarded next year.",
        "Small businesses in the Ropewalk, the old quarter of workshops and warehouses behind the "
        "harbour, say that rising rents are their biggest worry. A survey by the local traders' "
        "association found that two in five expected to move or close within three years.",
        "Analysts at Estuary Capital, a local investment firm, said the results were broadly in line "
        "with expectations. “The underlying business is sound,” one wrote in a note to clients, “but "
        "the next twelve months will test how well management controls its costs.”",
        "The Merrowport Credit Union, which has more than 18,000 members, offers small loans to "
        "people who would otherwise turn to high-cost lenders. Its manager said demand had risen "
        "steadily and that most borrowers wanted help with a single large bill rather than everyday spending.",
        "Figures from the city's business hub show that 1,140 new companies were registered in "
        "Merrowport last year, up from 960 the year before. Most were sole traders in construction, "
        "hospitality and digital services.",
        "Tidewell Energy, which operates the tidal turbines off Carrow Point, says the array "
        "generated enough electricity last year to supply roughly 9,000 homes. The company wants to "
        "add twelve more turbines but needs a new cable to the mainland grid first.",
        "The Estuary Chamber of Commerce, which represents about 900 local firms, said its members "
        "wanted stability above all: predictable costs, reliable transport and a council that "
        "answers the phone.",
        "Economists at the university's business school publish a quarterly survey of local firms. "
        "The latest found that confidence had edged up, with more companies planning to hire than "
        "to cut jobs.",
        "Many of the city's firms are small and family-owned. Two-thirds employ fewer than ten "
        "people, according to the business hub, and most sell mainly to customers within a few miles.",
    ),
    "science": (
        "The Merrowport Marine Laboratory was founded in 1911 to study the fisheries of the estuary "
        "and now employs about 140 scientists. Its long-term monitoring programme, which has sampled "
        "the same twelve sites every month since 1954, is one of the oldest of its kind.",
        "Scientists not involved in the study said the results were interesting but should be "
        "treated with caution. “It is a small sample from a single place,” said one. “The obvious next "
        "step is to see whether the pattern holds elsewhere.”",
        "The research was published in a peer-reviewed journal and the underlying data have been "
        "deposited in an open archive, so that other groups can check the analysis. The team has also "
        'published a <a href="https://example.org/merrowport/lab/summary">plain-language summary</a>.',
        "The estuary is a difficult place to study. Its water changes from fresh to salt twice a day "
        "with the tide, its mudflats shift after every storm, and instruments left on the riverbed "
        "are quickly buried or carried away.",
        "Funding for the work came from a national research council and from a charitable trust "
        "established by a former Merrowport shipowner. Neither funder had any role in the design of "
        "the study or the interpretation of its results, the authors said.",
        "The University of Merrowport has invested heavily in its science faculty over the past "
        "decade. A new building on the Beacon Hill campus, opened three years ago, houses "
        "laboratories for ocean physics, materials science and climate modelling.",
        "Members of the public can take part in the research. Volunteers with the estuary "
        "watch scheme record birds, seals and water temperatures at set points along the shore, and "
        "their records have been used in more than a dozen published studies.",
        "The team now hopes to extend the work to a full year, to capture the effect of the seasons. "
        "That will depend on further funding, which the researchers said they were applying for.",
        "Sea levels at the Merrowport tide gauge have risen by about 19 centimetres since records "
        "began in 1880, according to the laboratory. The rate of rise has increased over recent decades.",
        "Asked what the findings meant for people living near the estuary, the lead author said "
        "there was no cause for alarm but good reason for attention. “Science rarely gives you a "
        "single dramatic answer,” she said. “It gives you a clearer picture, a little at a time.”",
    ),
    "culture": (
        "The Estuary Museum, housed in the former customs house on the quay, has spent the past two "
        "years cataloguing a collection of more than 60,000 objects, many of which have never been on "
        "display. Its director has promised that more of them will be seen in the next few years.",
        "The city's arts organisations have had a difficult few years. Council grants have been cut "
        "by almost a third since the start of the decade, and several smaller groups now rely "
        "entirely on ticket sales, donations and the goodwill of volunteers.",
        "The Merrowport Festival, held every June, has grown from a weekend of folk music on the "
        "quay into a fortnight of theatre, music, film and talks. Last year it sold more than "
        "45,000 tickets, and organisers estimate that a third of its audience came from outside the city.",
        "The Estuary Library's local studies collection holds newspapers, maps, photographs and "
        "parish records going back more than three centuries. Its reading room is open to anyone, "
        "free of charge, six days a week.",
        "Local writers have always drawn on the estuary. The tide, the mudflats and the ferry appear "
        "in poems, novels and songs from the eighteenth century to the present day, and the city "
        "has a literary walking trail that takes in a dozen sites.",
    ),
    "sport": (
        "The Merrowport Mariners, the city's rugby union club, share a training ground with Athletic "
        "on the edge of the Saltings. The arrangement, agreed two years ago, has saved both clubs "
        "money and, players say, brought the two squads closer together.",
        "The Estuary Regatta, first held in 1851, is one of the oldest rowing events in the country. "
        "More than 900 crews entered last year, from schoolchildren in their first race to veterans "
        "in their eighties.",
        "Merrowport has a long sporting tradition for a city of its size. Its rowing clubs are "
        "among the oldest in the country, and its rugby and football clubs were both founded by "
        "dockworkers in the 1880s.",
        "The city council's sports development team says the number of adults taking part in "
        "organised sport has risen for three years running, with the biggest growth among women "
        "over forty.",
        "The Courier's sport pages carry results from grassroots clubs every Monday. Clubs can send "
        "reports and photographs to the sport desk by Sunday evening.",
    ),
    "opinion": (
        "I have lived in this city for most of my life, and I have learned to be suspicious of "
        "anything described as a once-in-a-generation opportunity. In my experience they come along "
        "every three years or so, usually just before an election.",
        "None of this is an argument for doing nothing. It is an argument for doing things in the "
        "right order: asking people what they need, telling them honestly what it will cost, and "
        "then, only then, drawing up the plans.",
        "There is a particular kind of meeting that every Merrowport resident will recognise. It "
        "takes place in a draughty hall on a weekday evening, it is attended by forty people and a "
        "tray of biscuits, and it is where most of the important decisions in this city are really made.",
        "The council will say, with some justice, that it has very little money and a great many "
        "obligations. That is true. But a tight budget is a reason to choose carefully, not a reason "
        "to stop explaining the choices.",
        "What would good look like? It would look like a plan with dates in it, published where "
        "people can read it, with someone's name attached. It would look like a report a year later "
        "saying what had been done and what had not.",
        "I do not pretend that the answer is simple. Reasonable people who love this city will "
        "disagree about it, and they should be able to do so without being told that they are "
        "against progress or against the past.",
        "It is worth remembering that the things we most value about Merrowport, from the library "
        "to the tram to the regatta, were once controversial. Someone had to argue for each of them, "
        "and someone had to pay.",
        "So here is a modest proposal. Before the next vote, let every councillor spend a morning "
        "where the decision will actually land: on the bus, in the waiting room, at the school gate. "
        "Then let them vote.",
    ),
    "football": (
        "Merrowport Athletic, known as the Gulls, have played at the Saltings Ground since 1902. "
        "The ground holds just over 11,000 spectators and has been sold out for every league match "
        "this season.",
        "The manager has used the same starting eleven for four matches in a row, a sign of how "
        "settled the side has become. The one concern is fitness: the squad is small, and an injury "
        "to either central defender would leave the team short.",
        "The club's academy has produced six first-team players in the past five years, and its "
        "director says the aim is for half the squad to be local by the end of the decade. Training "
        "sessions for under-9s are held every Saturday morning and are free to attend.",
        "Statistics compiled by the Courier show that the side has scored more goals in the final "
        "fifteen minutes of matches than in any other period, a reflection of both its fitness and "
        "its refusal to settle for a draw.",
        "Brackwater Rovers, the Gulls' nearest rivals, sit three places below them in the table. "
        "The two sides meet again in the spring, when the fixture is expected to be a sell-out.",
        "Supporters have been asked to arrive early, as roadworks on Quay Street are expected to "
        "slow traffic around the ground. Extra trams will run on the Eastgate line before and after "
        "the match.",
    ),
    "review": (
        "The Lantern Theatre opened in 1889 as a music hall and has survived two fires, a wartime "
        "requisition and a period in the 1970s as a bingo hall. A campaign by residents saved it from "
        "demolition, and it reopened as a producing theatre in 1994.",
        "The design is simple but effective: a bare stage, a few pieces of furniture and lighting "
        "that does a great deal of the storytelling. The sound, by contrast, is rich and detailed, "
        "full of gulls, foghorns and the creak of rigging.",
        "Not everything works. The second half loses some of the first half's momentum, and a "
        "subplot about a missing letter is resolved too neatly. But these are small complaints about "
        "a production that is ambitious, funny and frequently moving.",
        "Audiences responded warmly on the opening night, with a standing ovation for the lead "
        "performers and an extended round of applause for the musicians, who had played throughout "
        "from a gallery above the stage.",
        "Tickets range from £12 to £34, with a limited number of £8 seats for under-26s at every "
        "performance. The theatre runs a relaxed performance and a captioned performance during each "
        "production's run; dates are listed on its "
        '<a href="https://example.org/merrowport/lantern">website</a>.',
    ),
    "editorial": (
        "This newspaper has argued for years that the city's decisions are better when they are "
        "made in the open. That principle applies here as much as anywhere.",
        "We do not underestimate the difficulty. Money is short, the engineering is complicated "
        "and the timetable is tight. But none of those is a reason not to ask the people most "
        "affected what they want.",
        "The council has an opportunity to show that it has learned from past schemes, when plans "
        "were finished before residents saw them. We hope it takes it.",
    ),
    "city": (
        "Merrowport grew up where the River Merrow widens into its estuary, about eight miles from "
        "the open sea. For most of its history it was a port first and a city second, and the "
        "harbour still shapes its streets, its jobs and its sense of itself.",
        "The city is divided, roughly, by the railway line that runs along the old sea wall. To the "
        "north lie the Victorian terraces of Fennick Hill and the university; to the south, the "
        "Saltings, the Ropewalk and the working quays.",
        "The tram network, reopened in 2009 after more than half a century without trams, now runs "
        "three lines and carries about 60,000 passengers on a typical weekday. A fourth line, to the "
        "airport, has been discussed for years but never funded.",
        "Surveys by the university suggest that most residents feel a strong attachment to their "
        "own neighbourhood, and that the feeling is strongest in the oldest parts of the city, "
        "where families have often lived for generations.",
        "The Old Merrow Bridge was for centuries the lowest crossing of the river. It is now closed "
        "to cars and has become one of the city's favourite places to walk, particularly on summer "
        "evenings when the tide is high.",
        "Records in the Estuary Library show that debates about the harbour, the bridge and the "
        "cost of housing have been running in the city's newspapers for more than a hundred years. "
        "The arguments have changed less than one might expect.",
        "The estuary's weather is famously changeable. Locals say you can see four seasons in a "
        "day, and the Courier's own archive contains reports of snow in May and sunbathing in "
        "February within the same decade.",
        "Community groups have filled gaps left by shrinking public budgets. The city has more than "
        "400 registered charities, from food banks and lunch clubs to choirs and rowing clubs, most "
        "of them run entirely by volunteers.",
        "Those who know the city best tend to be cautious about predicting its future. “Merrowport "
        "has reinvented itself before,” said a local historian. “It usually takes longer than anyone "
        "hopes and turns out differently from what anyone planned.”",
        "Visitor numbers have risen since the cruise terminal opened on the western quay, bringing "
        "about 90 ships a year. Shopkeepers in the old town welcome the trade, though some residents "
        "complain about crowds on the narrow streets on busy days.",
    ),
}

SUBHEADS: dict[str, tuple[str, ...]] = {
    "news": ("What happens next", "A long-running dispute", "The view from the street", "Counting the cost", "Questions remain"),
    "football": ("Team news", "The story so far", "What they said", "Looking ahead"),
    "business": ("The numbers", "A changing port", "What it means for customers", "Looking ahead", "Jobs"),
    "science": ("How the study worked", "Why it matters", "The next step", "A long record", "Caution urged"),
    "culture": ("Behind the scenes", "A changing scene", "Looking ahead"),
    "review": ("The production", "A theatre with nine lives", "Verdict"),
    "sport": ("The story so far", "What they said", "Looking ahead"),
    "opinion": ("The real question", "What would help", "A modest proposal"),
    "city": ("A city shaped by water", "Then and now", "In their words"),
}  # fmt: skip

BOXES: dict[str, Box] = {
    "news": Box(
        heading="How to have your say",
        items=(
            "Read the consultation papers at the Guildhall or any branch library.",
            "Register to ask a question at the cabinet's public forum by noon on the Friday before.",
            "Write to your ward councillor; addresses are listed on the council website.",
            "Attend the drop-in sessions at Saltings Community Centre on Wednesday evenings.",
        ),
    ),
    "business": Box(
        heading="Where to find help",
        items=(
            "The Merrowport Credit Union runs free money clinics on Thursday afternoons.",
            "The city's business hub offers one-to-one advice for firms with fewer than 50 staff.",
            "Citizens' advice sessions are held daily at the Estuary Library.",
        ),
    ),
    "science": Box(
        heading="Reading a study like this",
        items=(
            "Check how many people, places or samples were measured.",
            "Ask whether other scientists reviewed the work before publication.",
            "Look at who paid for it, and whether they had a say in the results.",
            "Treat a single study as a clue, not a verdict.",
        ),
        is_ordered=True,
    ),
    "review": Box(
        heading="If you go",
        items=(
            "The box office on Chandlery Row opens at noon, Monday to Saturday.",
            "Concessions are available for students, under-26s and people on benefits.",
            "There is step-free access to the stalls and an induction loop in the auditorium.",
            "The nearest tram stop is Lantern Square, on the Eastgate line.",
        ),
    ),
    "football": Box(
        heading="How to follow the match",
        items=(
            "Full commentary on Estuary FM, starting half an hour before kick-off.",
            "Live updates on the Courier's sport pages.",
            "Extended highlights on the club's website from 10pm.",
        ),
    ),
}
