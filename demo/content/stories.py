"""The demo's sections and stories, each with its readers' comments."""

SECTIONS = [
    ("World", "world"),
    ("China", "china"),
    ("Business", "business"),
    ("Opinion", "opinion"),
    ("Tech", "tech"),
    # The Chinese edition's sections: its stories are written in Chinese.
    ("中文·社会", "zh-society"),
    ("中文·财经", "zh-business"),
]

ARTICLES = [
    {
        "slug": "harbour-towns-race-to-raise-sea-walls-before-winter",
        "section": "world",
        "kind": "news",
        "headline": "Harbour towns race to raise sea walls before winter storms",
        "summary": "Three fishing towns on the northern coast have pooled their "
        "budgets to finish flood defences before the season's first gales.",
        "byline": "Mara Ellison",
        "source": "Newsroom",
        "hours_ago": 3,
        "caption": "Workers set concrete blocks along the breakwater at low tide.",
        "credit": "Newsroom graphics",
        "palette": ((28, 63, 94), (120, 170, 200)),
        "body": """Crews worked under floodlights on Tuesday night as the towns of Keelby, Marrow Point and Hesk tried to finish the last stretch of a shared sea wall before the first winter storms arrive.

The three councils agreed in the spring to pool their repair budgets after a tidal surge last January pushed seawater into more than two hundred homes. Engineers say the new wall is a metre higher than the one it replaces and is built to let waves spend their energy on a sloped face instead of slamming into a vertical one.

"We have been patching the old wall every year for a decade," said the harbour master at Marrow Point, who has worked on the quay for thirty years. "This time we are building something our grandchildren will not have to fix."

Not everyone is pleased. Some boat owners say the construction has closed the slipway they depend on for weeks at a time, and a group of shop owners on the seafront has asked for compensation for lost trade over the summer.

The councils say the work should be finished within a fortnight if the weather holds. Forecasters expect the first strong gales of the season before the end of the month.""",
        "comments": [
            (
                "DeckhandDave",
                "Good to see the three towns working together for once. The old wall was a disgrace.",
            ),
            (
                "Salt&Pepper",
                "The slipway closure has cost my brother most of his autumn season. Nobody asked the fishermen.",
            ),
            (
                "L. Okafor",
                "A metre higher sounds like a lot until you read the sea level projections. Hope they planned for that.",
            ),
        ],
    },
    {
        "slug": "river-port-trials-electric-ferries-on-busiest-crossing",
        "section": "china",
        "kind": "news",
        "headline": "River port trials electric ferries on its busiest crossing",
        "summary": "A mid-sized river port is running battery ferries alongside its "
        "diesel fleet for six months to see whether they can keep up with rush hour.",
        "byline": "Chen Yiran",
        "source": "Eastern Wire Service",
        "hours_ago": 7,
        "caption": "A battery ferry charges at the north pier between crossings.",
        "credit": "Newsroom graphics",
        "palette": ((16, 88, 84), (200, 220, 160)),
        "body": """Commuters in a busy river port in the country's east have started crossing the water on battery-powered ferries, in a six-month trial that the city's transport bureau says will decide the future of its fleet.

Two electric vessels now run alongside the older diesel boats on the crossing between the north and south piers, which carries about forty thousand passengers a day. Each charges for twelve minutes at the pier between trips.

The bureau said the main question is not whether the boats work but whether they can keep to the timetable in the morning rush, when a ferry leaves every four minutes. Early figures show the electric boats running slightly behind schedule on days with strong currents.

Passengers interviewed at the north pier were mostly positive. Several said the new boats were quieter and did not smell of fuel. An older commuter said he missed being able to stand on the open deck, which the new design encloses.

If the trial succeeds, the city plans to replace its diesel ferries over five years as they reach the end of their service lives.""",
        "comments": [
            (
                "Riverwatcher",
                "Quieter boats would be wonderful for those of us who live by the pier.",
            ),
            (
                "ferryfan88",
                "Twelve minutes of charging every trip seems tight for rush hour. Curious to see the numbers.",
            ),
        ],
    },
    {
        "slug": "bakery-chain-tries-four-day-week",
        "section": "business",
        "kind": "news",
        "headline": "Family bakery chain moves its staff to a four-day week",
        "summary": "A regional bakery chain with fourteen shops says shorter weeks have "
        "cut staff turnover without closing any shop for an extra day.",
        "byline": "Priya Nandakumar",
        "source": "Newsroom",
        "hours_ago": 26,
        "caption": "Early-morning loaves cooling on racks at the chain's central bakery.",
        "credit": "Newsroom graphics",
        "palette": ((150, 90, 40), (240, 210, 160)),
        "body": """A family-owned bakery chain with fourteen shops across the region has moved all of its staff to a four-day working week, a year after trying the idea in two of its branches.

The owners say the change has not meant closing shops for an extra day. Instead, the company hired eleven more people and rearranged its rotas so that each shop is covered seven days a week while each employee works four.

The results from the trial branches persuaded them, the company's operations manager said. Staff turnover in those shops fell by more than half, and sick days dropped sharply. "Training a new baker takes months," she said. "Keeping the ones we have is worth more than the extra wages."

Economists caution that bakeries are an unusual case. Much of the work happens in fixed shifts, which makes it easier to plan around shorter weeks than in jobs where work spills over from one day to the next.

The chain says it has no plans to raise prices to cover the cost, though it will review them in the spring as it does every year.""",
        "comments": [
            (
                "CrustyRoll",
                "Good for them. Happy bakers make better bread, I'm convinced.",
            ),
            (
                "J. Whitcombe",
                "Eleven extra hires for fourteen shops is a real cost. I'd like to see their margins in a year.",
            ),
            (
                "morning_shift",
                "I worked for a bakery for six years. The early starts are brutal; four days would have kept me there.",
            ),
            (
                "Anonymous Reader",
                "Let's see if the price of a loaf stays the same by summer.",
            ),
        ],
    },
    {
        "slug": "local-papers-are-worth-paying-for",
        "section": "opinion",
        "kind": "opinion",
        "headline": "Local papers are worth paying for, even when they annoy us",
        "summary": "The reporter at the council meeting is the only one there on our "
        "behalf. If we want that seat filled, we will have to pay for it.",
        "byline": "Tomasz Brennan",
        "source": "Newsroom",
        "hours_ago": 30,
        "caption": "An empty press bench at a council meeting.",
        "credit": "Newsroom graphics",
        "palette": ((70, 40, 90), (220, 180, 120)),
        "author_bio": "Tomasz Brennan reported on local government for twenty years "
        "and now teaches journalism at a community college.",
        "body": """Every other Tuesday, a reporter sits at the back of the council chamber and writes down what our elected representatives decide to do with our money. Most evenings nothing dramatic happens. Sometimes a contract is quietly extended, a park is rezoned, or a fee goes up. Somebody has to notice.

For most of my career that somebody was paid by a local paper. Many of those papers no longer exist, and the ones that remain have fewer people than they used to. The seat at the back of the chamber is empty more often than it is filled.

I understand why readers drift away. Local papers make mistakes. They cover the flower show when you wanted them to cover the road closures. Their comment sections can be unpleasant. And almost everything else on the internet is free.

But the free version of local news is rumour. It is a post in a neighbourhood group that nobody checked, a screenshot without context, a claim that spreads because it is angry rather than because it is true.

Paying for a local paper is not charity. It is buying a seat at the back of the chamber and sending someone to sit in it for you. That is a bargain, even on the evenings when nothing happens.""",
        "comments": [
            (
                "Ward7Resident",
                "Our paper broke the story about the bus depot contract. Nobody else would have. I subscribe.",
            ),
            (
                "skeptic_sam",
                "I'd pay if they stopped putting half the site behind pop-ups.",
            ),
            (
                "Hannah R.",
                "Well argued. The line about rumour being the free version of news is exactly right.",
            ),
        ],
    },
    {
        "slug": "library-starts-lending-tools-for-repairs",
        "section": "tech",
        "kind": "news",
        "headline": "Library lends soldering irons, and the waiting list is long",
        "summary": "A city library's repair corner lends tools and runs weekend "
        "clinics; most of the gadgets brought in leave working again.",
        "byline": "Ada Kowalczyk",
        "source": "Newsroom",
        "hours_ago": 50,
        "caption": "Volunteers help visitors open a broken radio at the weekend clinic.",
        "credit": "Newsroom graphics",
        "palette": ((30, 30, 60), (90, 200, 180)),
        "body": """The central library has added an unusual item to its catalogue: alongside books and films, members can now borrow soldering irons, multimeters and precision screwdriver sets.

The repair corner opened in September with a grant from the city's waste reduction fund. Its weekend clinics, run by volunteers, have become so popular that the library now asks visitors to book a slot.

Volunteers keep a tally on a whiteboard by the door. Of the hundred and forty gadgets brought in so far, they say, more than two thirds left in working order. Lamps, toasters and headphones are the most common patients. Phones are the hardest, because many are glued shut.

The librarian who runs the project said the point is as much confidence as repair. "People come in thinking they will break something," she said. "They leave knowing what the inside of a kettle looks like."

The library plans to add sewing machines to the lending collection in the new year.""",
        "comments": [
            (
                "fixitfelix",
                "Brought my old amplifier in last Saturday. Loose wire, ten minutes, working again. Wonderful volunteers.",
            ),
        ],
    },
    {
        "slug": "volunteers-count-record-number-of-migrating-cranes",
        "section": "world",
        "kind": "news",
        "headline": "Volunteers count a record number of migrating cranes",
        "summary": "An autumn bird count at the wetlands recorded more cranes than in "
        "any year since counting began, helped by a wet summer.",
        "byline": "Ines Halvorsen",
        "source": "Nordic Features Agency",
        "hours_ago": 75,
        "caption": "Cranes settle on the flooded meadows at dusk.",
        "credit": "Newsroom graphics",
        "palette": ((60, 90, 120), (240, 190, 140)),
        "comments_open": False,
        "body": """Volunteers at the lowland wetlands counted more than twelve thousand cranes on a single evening last week, the highest number since the autumn count began thirty-one years ago.

Counters stand at fixed points around the flooded meadows at dusk and tally birds as they fly in to roost. The method has barely changed in three decades, which the organisers say makes the numbers comparable from year to year.

A wet summer left more shallow water on the meadows than usual, giving the birds safe places to spend the night. Farmers in the area have also left more stubble in their fields after the harvest, which provides food.

The organisers cautioned against reading too much into a single year. Numbers have swung widely before, and a dry autumn could send the birds elsewhere next year.

The count continues on weekend evenings until the end of the month. Visitors are asked to stay on marked paths and keep their voices down.""",
        "comments": [
            (
                "birdnerd",
                "I was there on Thursday. The noise as they came in was unforgettable.",
            ),
            (
                "M. Lindqvist",
                "Thank you to the volunteers who stand in the cold every evening for this.",
            ),
        ],
    },
    {
        "slug": "port-talks-resume-as-container-backlog-grows",
        "section": "business",
        "kind": "news",
        "headline": "Port talks resume as the container backlog grows",
        "summary": "Dock workers and port operators are back at the table after a "
        "week-long walkout left ships waiting offshore.",
        "byline": "Samuel Adeyemi",
        "source": "Newsroom",
        "hours_ago": 100,
        "caption": "Ships wait at anchor outside the container terminal.",
        "credit": "Newsroom graphics",
        "palette": ((40, 50, 70), (230, 120, 60)),
        "body": """Negotiators for dock workers and the operators of the city's container terminal returned to talks on Monday, a week after a walkout that left more than twenty ships waiting at anchor offshore.

The dispute centres on shift patterns at the automated section of the terminal, where the union says workers are being asked to cover longer hours with fewer breaks. The operators say the new rota is needed to keep up with larger ships.

Importers have begun to feel the delay. A furniture wholesaler said it had moved part of its orders to a smaller port two hundred kilometres away, adding days and costs to each shipment.

Both sides said on Monday that they hoped to reach an agreement before the end of the week. Neither would comment on the details of the talks.""",
        "comments": [],
    },
    {
        "slug": "neighbourhood-tool-room-opens-zh",
        "section": "zh-society",
        "kind": "news",
        "language": "zh-hans",
        "headline": "老城区开出“共享工具间”，居民凭借书证借电钻",
        "summary": "一个老旧小区把闲置的自行车棚改成工具间，居民像借书一样借用电钻、"
        "梯子和缝纫机，开放一个月已借出四百多次。",
        "byline": "林晓岚",
        "source": "Newsroom",
        "hours_ago": 5,
        "caption": "志愿者在工具间里给借出的电钻登记编号。",
        "credit": "Newsroom graphics",
        "palette": ((120, 60, 40), (240, 200, 150)),
        "body": """城东一个建成近三十年的老小区，最近把院子角落里闲置多年的自行车棚改成了“共享工具间”。居民只要用社区图书室的借书证登记，就能借走电钻、折叠梯、水管钳，甚至一台缝纫机，最长可借七天。

工具间由十几名退休居民轮流值班，每天傍晚开放两个小时。负责登记的王阿姨说，开放第一个月就借出了四百多次，最受欢迎的是电钻和梯子，“谁家装个窗帘杆、换个灯泡，都不用再专门去买一套工具了”。

工具大多来自居民捐赠，也有一部分由街道用社区微更新经费购买。每件工具都贴了编号，归还时志愿者会当面检查，电池类工具统一充好电再放回架子。

也有居民担心工具损坏后说不清责任。社区居委会表示，目前采取“小损不赔、大损协商”的办法，一个月来只有两把螺丝刀丢失，一台电钻需要更换电池。

街道计划明年在另外三个小区复制这一做法，并考虑开设周末维修课，由有经验的居民教大家自己动手修理家电。""",
        "comments": [
            (
                "梧桐巷老住户",
                "这个办法好！家里一年用不了几次电钻，买一把放着占地方，借着用正合适。",
            ),
            (
                "小周爱动手",
                "希望以后能加上测电笔和万用表，修小家电的时候特别需要。",
            ),
            (
                "Lisa在城东",
                "我们小区也有很多闲置空间，能不能把经验整理出来给其他社区参考？",
            ),
        ],
    },
    {
        "slug": "old-street-tea-shops-seasonal-menus-zh",
        "section": "zh-business",
        "kind": "news",
        "language": "zh-hans",
        "headline": "老街茶饮店联手推出“节气限定”，夜间客流回升两成",
        "summary": "一条老街上的八家小茶饮店按二十四节气轮换限定饮品，并约定错开招牌产品，"
        "带动了傍晚以后的客流。",
        "byline": "赵一帆",
        "source": "Newsroom",
        "hours_ago": 30,
        "caption": "傍晚时分，老街上的茶饮店门口排起了队。",
        "credit": "Newsroom graphics",
        "palette": ((60, 90, 50), (250, 220, 120)),
        "body": """在一条不足五百米的老街上，八家小茶饮店从今年立秋开始联手推出“节气限定”饮品：每逢一个节气，每家店各推出一款应季新品，并在街口的公告板上统一公布。

参与的店主说，过去几家店的菜单高度重合，彼此只能打价格战。现在大家事先商量，错开各自的招牌产品，有的主打桂花和柚子，有的专做药食同源的养生茶。

街道商会的统计显示，活动开始后的两个月里，老街傍晚六点以后的客流比去年同期增加了约两成，周边的小吃摊和书店也跟着受益。

不过也有店主坦言，每半个月换一次菜单，对原料采购和员工培训都是考验。一位开店十年的店主说，有的时令水果价格波动大，限定饮品的利润并不高，“主要还是为了把人留在街上”。

商会表示，接下来准备推出集章卡，顾客在一个节气内光顾四家以上的店铺，可以换取老街的纪念明信片。""",
        "comments": [
            (
                "喝茶不加糖",
                "上周的白露限定很好喝，就是排队太久了，希望能多开一个窗口。",
            ),
            (
                "老街邻居",
                "晚上热闹了是好事，但也请大家注意别太吵，楼上还住着老人。",
            ),
            (
                "路过的学生",
                "集章卡这个主意不错，明信片要是能印上老街的老照片就更好了。",
            ),
        ],
    },
]
