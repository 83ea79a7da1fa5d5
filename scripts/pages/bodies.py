"""Article bodies for the extraction test pages: all text written for newsdesk's fixtures.

Markup: blank-line separated blocks; '## ' heading, '- ' list items, '1. ' numbered items,
'> ' quote, '```' code fences, '|' table rows (first row the header), '!fig ALT | CAPTION'.
Inline: *em*, **strong**, `code`, [text](url).
"""

BODIES = [
    dict(
        slug="harbour-dredging",
        title="Harbour Board Delays Dredging Vote as Fishermen Push Back",
        author="Ilse Marchetti",
        date="2025-03-14",
        section="Local",
        tags=["harbour", "fishing", "council"],
        text="""
The Kessock harbour board postponed a vote on Thursday evening over plans to deepen the main channel, after more than sixty fishermen crowded into the council chamber to argue that the work would ruin the spring spawning grounds just beyond the breakwater.

The proposal, drawn up by the board's engineers last autumn, would remove roughly 180,000 cubic metres of silt over two winters so that larger cargo vessels could reach the grain quay at any tide. Supporters say the town has lost three regular shipping contracts since 2021 because captains refuse to wait outside for high water.

"We are not against the harbour making money," said Tormod Aird, who has fished out of Kessock for thirty-one years. "We are against a plan that treats the bay as a car park. Nobody on that board has asked what lives in the mud they want to shift."

## What the engineers propose

According to the board's consultation papers, the dredging would happen in two phases:

- a first pass between November and February, clearing the outer approach;
- a second pass the following winter, widening the turning basin by eleven metres;
- monitoring buoys left in place for five years to measure how quickly the silt returns.

The chief engineer, Paulina Ferreira, told the meeting that the timing had been chosen *precisely* to avoid the spawning season, and that an independent survey had found "no significant population" of juvenile flatfish in the area to be dug.

Fishermen disputed that survey, pointing out that it was carried out in a single week of August, when the young fish have already moved into deeper water. Several read out catch records going back two decades.

## A second survey

After almost three hours, the board's chair, Moira Banerjee, proposed that a second survey be commissioned for April and May, with two fishermen invited to join the boat. The motion passed by five votes to two.

> We would rather lose a season of planning than lose the trust of the people who have kept this harbour alive.

The board will meet again in June. Ferreira said the delay would add about four percent to the cost of the project, which is currently estimated at 6.4 million pounds.
""",
    ),
    dict(
        slug="sourdough-cooperative",
        title="The Bakery That Belongs to Its Bakers",
        author="Dorota Lindqvist",
        date="2024-11-02",
        section="Food",
        tags=["food", "cooperatives"],
        text="""
At four in the morning the ovens at Grain & Gable are already warm, and eleven people are arguing cheerfully about rye. None of them is the boss. Since last spring the bakery on Wharf Lane has been owned by the people who work there, each holding one share and one vote.

The change came when the founder, a retired engineer named Cyrus Okonjo, decided he no longer wanted to get up before dawn. Rather than sell to a chain, he offered the business to his staff at a price they could pay over ten years from profits.

"I had two offers that were higher," Okonjo said. "But the bread would have changed. I could taste it in the way they talked about flour."

## How decisions get made

The bakers meet every second Monday after the last batch comes out. Small questions, such as which seasonal loaf to bake, are settled by whoever turns up. Bigger ones need a quorum of eight.

1. Anyone can put an item on the agenda by writing it on the flour-dusted board by the door.
2. Items are discussed for at most twenty minutes.
3. If there is no consensus, the group votes, and a simple majority wins.

The first big vote was about wages. The group chose to pay every baker the same hourly rate, with a small premium for the two people who open the shop at six.

!fig Loaves of dark rye cooling on wire racks | Rye loaves cooling before the morning rush; the recipe was changed by a vote in June.

## The numbers so far

Sales are up nine percent on the year before, helped by a **weekday lunch counter** that one of the newer bakers proposed. Costs are up too: flour prices rose sharply over the summer, and the cooperative spent savings on a second mixer.

Mirela Osei, who joined as an apprentice two years ago, says the biggest difference is not the money. "When a customer complains, it is my problem now. That sounds worse, but it is actually better."
""",
    ),
    dict(
        slug="broadband-valley",
        title="Fibre Finally Reaches the Upper Valley, Three Years Late",
        author="Benedikt Sørensen",
        date="2025-06-21",
        section="Technology",
        tags=["broadband", "rural"],
        text="""
The last of the seven hamlets in the upper Ardmoor valley was connected to fibre broadband this week, completing a project that was promised for 2022 and ended up costing almost twice its original budget.

Residents of Coille Bheag, the most remote of the settlements, had been relying on a satellite link that cut out in heavy rain. The school there, with nineteen pupils, could not stream lessons on wet days, which in this part of the country means most days between October and March.

"The first thing my daughter did was a video call with her cousin in Toronto," said Aileen Marr, who runs the village shop. "Forty minutes and not a single freeze. She kept asking if it was going to stop."

## Why it took so long

The contractor, Northlight Networks, blamed a combination of problems. Some were predictable, others were not:

- a shortage of trained splicers after a national rollout drew workers to the cities;
- two landowners who refused access for the cable route until the route was changed;
- a landslide in 2023 that carried away four hundred metres of newly laid duct.

The regional authority fined the contractor for the delay, but the fine was later halved on appeal.

## What people pay

| Package | Speed | Monthly price |
| Basic | 100 Mbps | £24 |
| Standard | 500 Mbps | £31 |
| Full | 900 Mbps | £42 |

Prices are the same as in the towns, which was a condition of the public grant that paid for most of the build.

Not everyone is convinced the valley needed the fastest tier. "I check the weather and the sheep prices," said one farmer, who asked not to be named. "I do not need nine hundred of anything." He has signed up for the basic package anyway.
""",
    ),
    dict(
        slug="rust-iterators",
        title="Five Iterator Adapters I Use Every Week",
        author="Hana Kowalczyk",
        date="2025-01-09",
        section="Programming",
        tags=["rust", "iterators"],
        text="""
Most Rust code I review could lose a third of its loops. Not because loops are bad, but because the standard library already has a name for what the loop is doing, and the name tells the next reader the intent at a glance.

Here are the five adapters I reach for most often, with the situations where they earn their place.

## Windows and chunks

When you need to look at neighbouring elements, `windows` gives you overlapping slices without any index arithmetic:

```
let rising = readings
    .windows(2)
    .filter(|w| w[1] > w[0])
    .count();
```

The related `chunks` method gives non-overlapping pieces, which is what you want when packing bytes into fixed-size records.

## Zip, and knowing when to stop

`zip` stops at the shorter of the two iterators. That is usually what you want, and occasionally a silent bug. If the lengths must match, check them first.

## A comparison

| Adapter | Allocates | Typical use |
| map | no | transform each item |
| filter_map | no | parse and skip failures |
| flat_map | no | one item to many |
| collect | yes | build a container |

## Take while, skip while

These two read almost like English. I use `take_while` for parsing headers that end at the first blank line, and `skip_while` to jump past leading whitespace tokens.

## Fold, sparingly

`fold` can express anything, which is exactly why I avoid it unless nothing else fits. A `sum`, `max_by_key` or `partition` says more with less.

If you take one thing away: write the loop first if it helps you think, then ask which adapter it already is.
""",
    ),
    dict(
        slug="glacier-field-notes",
        title="Field Notes from the Skarvbreen Glacier",
        author="Tomasz Elvebakk",
        date="2024-08-30",
        section="Science",
        tags=["climate", "glaciers", "fieldwork"],
        text="""
We reached the research hut below the Skarvbreen tongue on the second evening, two days later than planned because the ferry across the fjord was cancelled for wind. The hut had survived the winter with one broken window and a family of stoats under the floor.

Our task this season was simple to describe and tedious to carry out: re-measure the forty-two stakes drilled into the ice last August, and record how much of each had emerged as the surface melted.

## The first measurements

The lower stakes told a familiar story. On average they had gained 2.9 metres of exposed length, compared with 2.4 metres the year before. Stake 17, near the central moraine, had fallen over entirely and was lying flat on the ice with its tag still readable.

Higher up, the picture was more mixed. Two stakes above 900 metres showed almost no change, which our team leader, Sunniva Haugland, attributes to a heavy snowfall in late May that insulated the surface for several weeks.

> A single cold spring does not change the trend. It changes the shape of one year on the graph.

## Daily routine

Our days fell into a pattern quickly:

- breakfast at six, weather check, radio call to the station;
- four to six hours on the ice, roped in pairs;
- afternoons spent cleaning instruments and entering readings twice, by two people, to catch typing errors.

!fig A measuring stake leaning out of grey glacier ice | Stake 31 on the fourth day, with about three metres of aluminium showing above the surface.

The data will be added to a record that now runs for twenty-six years. We leave on Thursday, weather permitting, which on this coast is never a promise.
""",
    ),
    dict(
        slug="council-budget",
        title="Council Passes Budget with Cuts to Libraries and a Rise in Parking Fees",
        author="Rafael Quintero",
        date="2025-02-26",
        section="Politics",
        tags=["budget", "council", "libraries"],
        text="""
Brennock city council approved its budget for the coming year late on Tuesday night, after a session that ran past midnight and ended with a narrow vote of twenty-three to nineteen.

The budget closes a gap of 11.2 million euros through a mix of savings and new charges. The most contested items were reduced opening hours at four branch libraries and an increase of forty cents an hour in on-street parking fees in the city centre.

Councillor Agnieszka Doyle, who leads the finance committee, said the council had "no painless options left". Central government funding has fallen in real terms for six consecutive years, she said, while demand for adult social care keeps rising.

## The library question

Opponents spent most of the evening on the libraries. Under the plan, the branches in Millbrook, Castle Road, Eastgate and Ferris Hill will close on Mondays and Wednesdays from April.

Pauline Adeyemi, a retired teacher who collected 4,100 signatures against the change, told councillors that the Eastgate branch was the only warm, quiet place some of her former pupils had to do homework. "You are balancing the books on children who do not have a desk at home," she said.

An amendment to fund the libraries by delaying a road resurfacing scheme failed by two votes.

## What else changes

- Garden waste collection will cost households 48 euros a year, up from 40.
- Two public toilets in the old market will close.
- The council will spend 900,000 euros more on home care visits.

The opposition leader, Senan Kirwan, called the budget "a list of small cruelties" and promised to revisit the library hours at the first review in September.
""",
    ),
    dict(
        slug="coast-path-walk",
        title="Three Days on the Coast Path with a Borrowed Tent",
        author="Maeve Tanaka",
        date="2024-05-18",
        section="Travel",
        tags=["walking", "travel"],
        text="""
I had never camped alone before, which is why the tent was borrowed and the plan was short: three days, fifty-one kilometres, from the lighthouse at Penmor to the fishing village of St Aldric.

The first morning was grey and still. The path climbed steeply out of the lighthouse car park and then ran along the cliff edge for hours, with sea pinks in every crack of the rock and fulmars hanging in the updraft just below my boots.

## Day one: the long climb

By lunchtime I had met exactly two people, a pair of retired surveyors from Leeds who were walking the whole coast in sections, a week each summer. They gave me a flapjack and the advice to pitch early.

I pitched early. The campsite at Trenance Farm had a tap, a honesty box and a view straight down the valley to a cove where seals were hauled out on the rocks.

## Day two: rain

It rained from six until four. I learned that a borrowed tent's seams are only as good as its owner's memory of when they were last sealed. I also learned that a pasty eaten in a bus shelter can be the best meal of a year.

What I would pack differently:

- a second pair of socks kept in a sealed bag, whatever happens;
- a proper map, because the phone signal vanishes in every valley;
- less food, since there is a shop or a pub every ten kilometres.

## Day three: the descent

The last stretch into St Aldric drops through oak woods that the path guide calls "ancient" and that felt it, mossy and quiet after the wind on the tops. I arrived at the harbour at two, sunburnt on one side only, and bought the largest ice cream the kiosk sold.
""",
    ),
    dict(
        slug="chess-open",
        title="Teenager Wins Lakeside Open After Marathon Final Round",
        author="Oluwaseun Brandt",
        date="2025-07-07",
        section="Sport",
        tags=["chess", "sport"],
        text="""
Sixteen-year-old Ilona Varga won the Lakeside Open chess tournament on Sunday, beating the top seed in a final-round game that lasted six hours and ninety-four moves.

Varga, who started the event as the twenty-second seed, finished with seven and a half points from nine games. She collects the first prize of 5,000 dollars and, more importantly for her, the last result she needed for the international master title.

"In the endgame I stopped looking at the clock," she said afterwards. "I just wanted to find one more good move, and then another one."

## The decisive game

Her opponent, the veteran grandmaster Piotr Halloran, built a clear advantage out of the opening and looked set to win the tournament himself. But he spent too long in a sharp middlegame and reached move forty with barely two minutes left.

In the ending that followed, Varga's rook and knight held off his rook and bishop for more than fifty moves before a single slip, a king step to the wrong square, let her push a passed pawn through.

## Final standings

| Place | Player | Points |
| 1 | Ilona Varga | 7.5 |
| 2 | Piotr Halloran | 7 |
| 3 | Deniz Achterberg | 6.5 |
| 4 | Sakura Lindgren | 6.5 |

The organisers said the event drew a record 212 players from fourteen countries. Next year's edition will move to a larger hall by the lake to make room for a junior section.
""",
    ),
]
