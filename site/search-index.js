window.CLAIMCHECK_SEARCH_INDEX = [
 [
  "source",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html"
 ],
 [
  "claim",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges\nOriginal: Anthropic is accusing DeepSeek, Moonshot AI (Kimi) and MiniMax of setting up more than 24,000 fraudulent Claude accounts, and distilling training information from 16 million exchanges.",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html#c-7f501df4f513"
 ],
 [
  "claim",
  "View original →\nIndustrial-Scale AI Data Theft Allegations\nAnthropic has leveled explosive accusations against three Chinese AI companies: DeepSeek, Moonshot AI (Kimi), and MiniMax.",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html#c-f22bfd5d9c50"
 ],
 [
  "claim",
  "According to a Wall Street Journal report, the companies allegedly set up more than 24,000 fraudulent Claude accounts and used them to harvest training data from approximately 16 million conversation exchanges.",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html#c-56d3c1478132"
 ],
 [
  "claim",
  "Creating over 24,000 fake accounts and systematically harvesting 16 million conversations suggests a coordinated, industrial-scale operation rather than casual experimentation.",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html#c-efad9b8832f6"
 ],
 [
  "claim",
  "Anthropic described this as an \"industrial-scale distillation attack\" in a company blog post, noting they had identified and blocked the operation.",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html#c-9070b2703b3a"
 ],
 [
  "claim",
  "Context: China's AI Surge\nDeepSeek made waves in late 2024 and early 2025 by claiming GPT-4-level performance at a fraction of the cost.",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html#c-53cc905a43e5"
 ],
 [
  "claim",
  "Anthropic has published evidence of the attack and is calling for industry-wide attention to model output protection.",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html#c-229d91b373d2"
 ],
 [
  "claim",
  "Anthropic mapped 832 malicious accounts to MITRE ATT\u0026CK and found medium-or-higher risk actors rising from 33% to 56%.",
  "Anthropic Accuses DeepSeek and Chinese AI Firms of Stealing 16M Claude Training Exchanges",
  "sources/anthropic-accuses-deepseek-16m-exchanges.html#c-8ec6b921104e"
 ],
 [
  "source",
  "cybernews-anthropic-distillation",
  "Cybernews",
  "sources/cybernews-anthropic-distillation.html"
 ],
 [
  "claim",
  "But Anthropic has still just accused three prominent Chinese startups of lifting large amounts of data from its chatbot, Claude.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-8049287911b1"
 ],
 [
  "claim",
  "The San Francisco-based AI startup says the three Chinese companies – DeepSeek, Moonshot, and MiniMax – improperly harvested data from its AI technologies in an effort to accelerate the development of their own systems.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-8be153be5f98"
 ],
 [
  "claim",
  "According to Anthopric, DeepSeek, Moonshot, and Minimax used about 24,000 fraudulent accounts to generate over 16 million conversations with Claude that could be used to teach skills to their own chatbots.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-23014c0b56ef"
 ],
 [
  "claim",
  "To be fair, using one AI system’s data to train another – it’s a process called distillation – is pretty common in the industry.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-fbbcd0041810"
 ],
 [
  "claim",
  "For example, frontier AI labs routinely distill their own models to create smaller, cheaper versions for their customers,” Anthropic said in a blog post.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-a193b549f2b1"
 ],
 [
  "claim",
  "Anthropic’s rival OpenAI recently also warned US lawmakers that DeepSeek was targeting the ChatGPT maker and other US AI firms to replicate their models and use them for its own training, essentially “free-riding on the capabilities” developed by the Americans.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-ff8b1e5a823a"
 ],
 [
  "claim",
  "That’s because Anthropic, now valued at $380 billion, is itself facing multiple lawsuits accusing the startup of illegally using copyrighted internet data to train its systems.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-8ab666a62bd5"
 ],
 [
  "claim",
  "More to the point, the firm was last year accused of using illegally pirated books from “Library Genesis” to train its Claude models.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-f522de975a79"
 ],
 [
  "claim",
  "Anthropic agreed to a landmark $1.5 billion settlement.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-441b9339b944"
 ],
 [
  "claim",
  "Anthropic, now valued at $380 billion, is itself facing multiple lawsuits accusing the startup of illegally using copyrighted internet data to train its systems.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-bc12ae57e0d2"
 ],
 [
  "claim",
  "The millions of man-hours Anthropic spent hand-writing code, text, art, books, etc., to generate enough data for training must be taken into consideration here.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-f1d89b08bd10"
 ],
 [
  "claim",
  "one coder ironically asked on X.\nThe timing of all this might not be an accident.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-042d5ffd578d"
 ],
 [
  "claim",
  "It’s hard to forget early 2025 when Hangzhou-based DeepSeek shook markets with a set of AI models that rivaled some of the best offerings from the US.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-2b52383c1c51"
 ],
 [
  "claim",
  "In 2025, shares for the chip giant Nvidia plummeted 17% and wiped out $600 billion in a flash.",
  "cybernews-anthropic-distillation · Cybernews",
  "sources/cybernews-anthropic-distillation.html#c-3fe16c2f3609"
 ],
 [
  "source",
  "The Data Thieves Who Built the Kingdom",
  "Bangkok8 AI",
  "sources/bangkok8-data-thieves.html"
 ],
 [
  "claim",
  "The Data Thieves Who Built the Kingdom\n\nAnthropic just called three Chinese AI companies thieves.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-5fb2c6c46e2e"
 ],
 [
  "claim",
  "This week, Anthropic's security team published a detailed report accusing DeepSeek, Moonshot AI, and MiniMax of running 24,000 fraudulent accounts and executing 16 million Claude API conversations through a network of proxy servers the security team described — with impressive nomenclature — as a hydra cluster architecture.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-93f0dfcfeac9"
 ],
 [
  "claim",
  "The deception — 24,000 fraudulent identities, a proxy architecture specifically designed to evade detection — is indefensible.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-d7519bfaef96"
 ],
 [
  "claim",
  "But Anthropic conflates two separate things in its report: the deceptive method, and the distillation itself.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-927ca3d07cdb"
 ],
 [
  "claim",
  "The moral weight of \"24,000 fake accounts\" is being used to carry the legal argument that any distillation from Claude is theft — regardless of whether it's done honestly.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-fd2d5daa4895"
 ],
 [
  "claim",
  "Books, articles, forum posts, creative writing, academic papers, code repositories — the accumulated intellectual output of millions of people who were not asked, not notified, and not paid.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-b5a5f610216f"
 ],
 [
  "claim",
  "There's one more detail.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-036889892a64"
 ],
 [
  "claim",
  "Those 16 million conversations Anthropic describes as stolen property?",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-cfdac26add91"
 ],
 [
  "claim",
  "OpenAI and the Studio Ghibli Problem\nBefore anyone concludes this is a problem unique to Anthropic, let's talk about OpenAI.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-7e994d8ec685"
 ],
 [
  "claim",
  "The specific visual language that Hayao Miyazaki spent fifty years developing by hand, frame by frame, as an explicit rejection of mechanical reproduction of any kind.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-e6063efbf4f5"
 ],
 [
  "claim",
  "In a widely circulated 2016 interview — well before the current wave — he watched an AI animation demo and called it \"an insult to life itself.\"",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-7784064eb65c"
 ],
 [
  "claim",
  "This is, word for word, the same argument that record labels successfully defeated when Napster users said they were sampling music for personal appreciation in the early 2000s.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-799101809148"
 ],
 [
  "claim",
  "The rules of transformative use turn out to be considerably more elastic when the entity invoking them has a $157 billion valuation and a direct line to government.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-b090dc32e014"
 ],
 [
  "claim",
  "More recently: the Writers Guild of America struck in 2023 in part because studios were using AI tools — trained on the scripts those same writers delivered under existing contracts — to generate story breakdowns, scene analyses, and script coverage.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-57707df05d54"
 ],
 [
  "claim",
  "Now those same studios want protection from Chinese platforms doing to American visual content what American studios were doing to their own writers' intellectual property eighteen months ago.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-57da4151f29c"
 ],
 [
  "claim",
  "Phase three: lobby for legislation that enshrines phase two as the legal standard — ensuring that no future competitor can build the same way you did.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-a3b60fac21d4"
 ],
 [
  "claim",
  "Anthropic is somewhere between two and three.",
  "The Data Thieves Who Built the Kingdom · Bangkok8 AI",
  "sources/bangkok8-data-thieves.html#c-533b6a672c4a"
 ],
 [
  "source",
  "They Stole AI With 24,000 Fake Accounts",
  "",
  "sources/stole-ai-fake-accounts-summary.html"
 ],
 [
  "claim",
  "They Stole AI With 24,000 Fake Accounts\nAI Summary\nAnthropic recently published a provocative blog post accusing three prominent Chinese AI companies—Deepseek, Moonshot, and Miniax—of conducting a massive, coordinated campaign to \"steal\" their AI capabilities.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-b0dab561b605"
 ],
 [
  "claim",
  "This operation involved approximately 24,000 fake accounts and 16 million exchanges.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-e5dc94b43610"
 ],
 [
  "claim",
  "In a standard training process, a company like Anthropic might spend hundreds of millions of dollars and several months training a massive model like Claude Opus.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-6d32a24e5631"
 ],
 [
  "claim",
  "By capturing millions of these prompt-response pairs, the student model learns to mimic the teacher's reasoning and behavior at a fraction of the cost and time.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-63c97e123f7e"
 ],
 [
  "claim",
  "While companies like Anthropic and OpenAI use distillation internally to create smaller versions of their own models—such as Claude Haiku or GPT-4o mini—the controversy arises when one company performs this process on a competitor’s model without permission.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-465a5d30fe63"
 ],
 [
  "claim",
  "According to Anthropic’s report from February 2026, the three Chinese firms used proxy networks and fraudulent accounts to bypass access restrictions.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-1b6ac410e06b"
 ],
 [
  "claim",
  "Deepseek allegedly engaged in over 150,000 exchanges, specifically targeting Claude’s reasoning capabilities.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-8a467709f7f3"
 ],
 [
  "claim",
  "Notably, Anthropic claims Deepseek used Claude to generate \"censorship-safe\" responses for politically sensitive queries, effectively training their own models to steer conversations away from topics restricted by the Chinese government, such as authoritarianism or dissident leaders.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-5157e3c145f1"
 ],
 [
  "claim",
  "Moonshot AI was linked to 3.4 million exchanges, focusing on agentic reasoning, coding, and computer vision.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-13001f995df3"
 ],
 [
  "claim",
  "Anthropic noted that Moonshot used hundreds of fraudulent accounts, but investigators were able to match some activity to the public profiles of senior Moonshot staff.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-5a5f944cf16a"
 ],
 [
  "claim",
  "The largest offender, Miniax, accounted for over 13 million exchanges.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-354a9cbcc649"
 ],
 [
  "claim",
  "Anthropic observed that Miniax was so aggressive that when Anthropic released a new model, Miniax redirected half of its traffic to capture the new system's capabilities within just 24 hours.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-cffa9a664de1"
 ],
 [
  "claim",
  "Anthropic has faced its own legal battles regarding this practice; in September 2025, the company settled a first-of-its-kind copyright suit with authors for $1.5 billion, paying roughly $3,000 for each of the 500,000 books used in its training data.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-2d6a00f98167"
 ],
 [
  "claim",
  "The implications of this conflict are three-fold.",
  "They Stole AI With 24,000 Fake Accounts",
  "sources/stole-ai-fake-accounts-summary.html#c-74f88a9ccb3a"
 ],
 [
  "source",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom",
  "BereaOnline.com · Chad Hembree",
  "sources/bereaonline-ai-data-theft.html"
 ],
 [
  "claim",
  "Anthropic says it has uncovered “industrial-scale” campaigns by three Chinese AI labs—DeepSeek, Moonshot AI, and MiniMax—that used about 24,000 fraudulent accounts to generate more than 16 million interactions with its Claude model.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-db2968cd8587"
 ],
 [
  "claim",
  "Anthropic states the goal was distillation: training another model on Claude’s outputs to copy capabilities faster and cheaper than building them from scratch.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-91edaaece986"
 ],
 [
  "claim",
  "It also arrives squarely in the middle of a massive policy fight about AI chip exports and “who gets to have frontier capability,” which is why this story is much bigger than one vendor’s terms of service.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-23362918aa8d"
 ],
 [
  "claim",
  "What Anthropic Says Happened\n\nAnthropic’s technical writeup says it identified coordinated campaigns that relied on fraudulent account creation to bypass regional restrictions and policy controls.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-1eda8494bd26"
 ],
 [
  "claim",
  "Anthropic describes this as distillation abuse.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-a1f508790b6e"
 ],
 [
  "claim",
  "Reuters reports that Anthropic believes the massive output was used to aggressively improve competitors’ models.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-04feb47765be"
 ],
 [
  "claim",
  "Anthropic explicitly acknowledges that distillation is “widely used and legitimate,” and that frontier labs routinely distill their own models to create smaller, cheaper versions.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-91a8a6ce2553"
 ],
 [
  "claim",
  "Training on the public internet created one set of copyright and permission disputes.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-c928e0c54eb5"
 ],
 [
  "claim",
  "Millions of prompts routed via thousands of proxy accounts looks like an extraction program.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-516eb894352f"
 ],
 [
  "claim",
  "One reason is capability proliferation.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-b1f8c2d185ee"
 ],
 [
  "claim",
  "Anthropic warns that models built via illicit distillation are unlikely to retain safety guardrails, meaning dangerous capabilities could spread without the protections U.S. labs try to enforce.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-4cda48aacd7f"
 ],
 [
  "claim",
  "(Note: As of current reporting, the accused firms have not publicly responded to Anthropic’s claims, meaning we are largely seeing one side’s evidence and framing.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-15092298d067"
 ],
 [
  "claim",
  "🔗 Where to Read More\n\n\n🖊️ About the Author\n\nChad Hembree is a certified network engineer with 30 years of experience in IT and networking.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-4205d34f32be"
 ],
 [
  "claim",
  "Today, he is based in Berea as the Executive Director of The Spotlight Playhouse, proof that some careers don’t pivot, they evolve.",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-04aa152eb13f"
 ],
 [
  "claim",
  "Covering Berea, KY News and Events Since 1995",
  "When AI Companies Accuse Each Other of Data Theft, the Fight is Really About Who Gets to Learn From Whom · BereaOnline.com",
  "sources/bereaonline-ai-data-theft.html#c-19610a04b307"
 ],
 [
  "entity",
  "Anthropic",
  "@AnthropicAI, Anthopric, Anthropic, Anthropic PBC",
  "entities/anthropic.html"
 ],
 [
  "entity",
  "ATT\u0026CK",
  "ATT\u0026CK",
  "entities/att-ck.html"
 ],
 [
  "entity",
  "Bangkok8 AI",
  "Bangkok8 AI",
  "entities/bangkok8-ai.html"
 ],
 [
  "entity",
  "BereaOnline.com",
  "BereaOnline.com",
  "entities/bereaonline-com.html"
 ],
 [
  "entity",
  "Chad Hembree",
  "Chad Hembree, Hembree",
  "entities/chad-hembree.html"
 ],
 [
  "entity",
  "ChatGPT",
  "ChatGPT",
  "entities/chatgpt.html"
 ],
 [
  "entity",
  "Claude",
  "Claude",
  "entities/claude.html"
 ],
 [
  "entity",
  "Cloudflare",
  "Cloudflare",
  "entities/cloudflare.html"
 ],
 [
  "entity",
  "Cybernews",
  "Cybernews",
  "entities/cybernews.html"
 ],
 [
  "entity",
  "DataStar",
  "DataStar",
  "entities/datastar.html"
 ],
 [
  "entity",
  "DeepSeek",
  "DeepSeek, Deepseek",
  "entities/deepseek.html"
 ],
 [
  "entity",
  "Google",
  "Google, Google LLC",
  "entities/google.html"
 ],
 [
  "entity",
  "Hayao Miyazaki",
  "Hayao Miyazaki, Miyazaki",
  "entities/hayao-miyazaki.html"
 ],
 [
  "entity",
  "Kling",
  "Kling",
  "entities/kling.html"
 ],
 [
  "entity",
  "Library Genesis",
  "LibGen, Library Genesis",
  "entities/library-genesis.html"
 ],
 [
  "entity",
  "Meta",
  "Meta, Meta Platforms",
  "entities/meta.html"
 ],
 [
  "entity",
  "MiniMax",
  "MiniMax, Miniax, Minimax",
  "entities/minimax.html"
 ],
 [
  "entity",
  "MITRE",
  "MITRE",
  "entities/mitre.html"
 ],
 [
  "entity",
  "Moonshot AI",
  "Kimi, Moonshot, Moonshot AI",
  "entities/moonshot-ai.html"
 ],
 [
  "entity",
  "Mythos Preview",
  "Mythos Preview",
  "entities/mythos-preview.html"
 ],
 [
  "entity",
  "Napster",
  "Napster",
  "entities/napster.html"
 ],
 [
  "entity",
  "Nasdaq",
  "Nasdaq",
  "entities/nasdaq.html"
 ],
 [
  "entity",
  "Nvidia",
  "Nvidia, Nvidia Corporation",
  "entities/nvidia.html"
 ],
 [
  "entity",
  "OpenAI",
  "@OpenAI, OpenAI",
  "entities/openai.html"
 ],
 [
  "entity",
  "Project Glasswing",
  "Project Glasswing",
  "entities/project-glasswing.html"
 ],
 [
  "entity",
  "Reddit",
  "Reddit",
  "entities/reddit.html"
 ],
 [
  "entity",
  "Reuters",
  "Reuters",
  "entities/reuters.html"
 ],
 [
  "entity",
  "Seedance",
  "Seedance",
  "entities/seedance.html"
 ],
 [
  "entity",
  "Studio Ghibli",
  "Ghibli, Studio Ghibli",
  "entities/studio-ghibli.html"
 ],
 [
  "entity",
  "The Spotlight Playhouse",
  "The Spotlight Playhouse",
  "entities/the-spotlight-playhouse.html"
 ],
 [
  "entity",
  "The Wall Street Journal",
  "The Wall Street Journal, WSJ, Wall Street Journal",
  "entities/the-wall-street-journal.html"
 ],
 [
  "entity",
  "U.S. Copyright Office",
  "U.S. Copyright Office, United States Copyright Office",
  "entities/u-s-copyright-office.html"
 ],
 [
  "entity",
  "Writers Guild of America",
  "WGA, Writers Guild of America",
  "entities/writers-guild-of-america.html"
 ],
 [
  "entity",
  "YouTube",
  "YouTube",
  "entities/youtube.html"
 ],
 [
  "fact",
  "Anthropic: books",
  "500,000 books",
  "facts/anthropic-books-8a1c7b55.html"
 ],
 [
  "fact",
  "Count",
  "three",
  "facts/xe3b0c44298fc1c14-12c17307.html"
 ],
 [
  "fact",
  "Date",
  "early 2025",
  "facts/xe3b0c44298fc1c14-4f8a44b8.html"
 ],
 [
  "fact",
  "MiniMax: exchanges",
  "over 13 million exchanges",
  "facts/minimax-exchanges-211c04cf.html"
 ],
 [
  "fact",
  "Anthropic: settlement",
  "$1.5 billion",
  "facts/anthropic-settlement-2ba443ee.html"
 ],
 [
  "fact",
  "Hayao Miyazaki: date",
  "2016",
  "facts/hayao-miyazaki-89a6af75.html"
 ],
 [
  "fact",
  "Reason",
  "One reason",
  "facts/reason-b1d769fd.html"
 ],
 [
  "fact",
  "Count",
  "two",
  "facts/xe3b0c44298fc1c14-1c5d3a5f.html"
 ],
 [
  "fact",
  "Anthropic: separate things",
  "two separate things",
  "facts/anthropic-separate-things-680a0b90.html"
 ],
 [
  "fact",
  "MiniMax: traffic",
  "half",
  "facts/minimax-traffic-fd69a387.html"
 ],
 [
  "fact",
  "Months",
  "eighteen months",
  "facts/months-d5a6d634.html"
 ],
 [
  "fact",
  "Nvidia: date",
  "2025",
  "facts/nvidia-d49c1a0b.html"
 ],
 [
  "fact",
  "Anthropic: chinese ai companies",
  "three Chinese AI companies, three prominent Chinese startups",
  "facts/anthropic-chinese-ai-companies-0c67a27f.html"
 ],
 [
  "fact",
  "Writers Guild of America: date",
  "2023",
  "facts/writers-guild-of-america-6f247cd1.html"
 ],
 [
  "fact",
  "Nvidia: percent",
  "17%",
  "facts/nvidia-99439d87.html"
 ],
 [
  "fact",
  "Date",
  "1995",
  "facts/xe3b0c44298fc1c14-20b110e6.html"
 ],
 [
  "fact",
  "Claude: ai system",
  "one AI system",
  "facts/claude-ai-system-7f4756df.html"
 ],
 [
  "fact",
  "Moonshot AI: exchanges",
  "3.4 million exchanges",
  "facts/moonshot-ai-exchanges-28680eee.html"
 ],
 [
  "fact",
  "Anthropic: date",
  "September 2025",
  "facts/anthropic-c4d39e9a.html"
 ],
 [
  "fact",
  "MiniMax: hours",
  "24 hours",
  "facts/minimax-hours-ba088426.html"
 ],
 [
  "fact",
  "DeepSeek: exchanges",
  "over 150,000 exchanges",
  "facts/deepseek-exchanges-3fdc9294.html"
 ],
 [
  "fact",
  "Anthropic: malicious accounts",
  "832 malicious accounts",
  "facts/anthropic-malicious-accounts-a9895daf.html"
 ],
 [
  "fact",
  "Set",
  "one set",
  "facts/set-e6dac431.html"
 ],
 [
  "fact",
  "Anthropic: count",
  "between two and three",
  "facts/anthropic-1a9b7a8c.html"
 ],
 [
  "fact",
  "BereaOnline.com: chinese ai labs",
  "three Chinese AI labs",
  "facts/bereaonline-com-chinese-ai-labs-76a67507.html"
 ],
 [
  "fact",
  "Anthropic: payment",
  "roughly $3,000",
  "facts/anthropic-payment-c1b9d127.html"
 ],
 [
  "fact",
  "Date",
  "February 2026",
  "facts/xe3b0c44298fc1c14-1ff57276.html"
 ],
 [
  "fact",
  "Nvidia: money",
  "$600 billion",
  "facts/nvidia-47b7996f.html"
 ],
 [
  "fact",
  "Date",
  "late 2024",
  "facts/xe3b0c44298fc1c14-20bfcf22.html"
 ],
 [
  "fact",
  "DeepSeek, MiniMax and Moonshot AI: chinese ai companies",
  "three Chinese AI companies, three Chinese companies, three Chinese firms, three prominent Chinese AI companies",
  "facts/deepseek-minimax-moonshot-ai-chinese-ai-companie-61f8520e.html"
 ],
 [
  "fact",
  "Company",
  "one company",
  "facts/company-8f1658f1.html"
 ],
 [
  "fact",
  "Years",
  "30 years",
  "facts/years-d87c7751.html"
 ],
 [
  "fact",
  "OpenAI: side",
  "one side",
  "facts/openai-side-4c44691f.html"
 ],
 [
  "fact",
  "Percent",
  "from 33% to 56%",
  "facts/xe3b0c44298fc1c14-133ca393.html"
 ],
 [
  "fact",
  "DeepSeek, MiniMax and Moonshot AI: fake accounts",
  "24,000 Fake Accounts, 24,000 fake accounts, 24,000 fraudulent accounts, 24,000 fraudulent identities, about 24,000 fraudulent accounts, approximately 24,000 fake accounts, more than 24,000 fraudulent Claude accounts, over 24,000 fake accounts",
  "facts/deepseek-minimax-moonshot-ai-fake-accounts-6bd47674.html"
 ],
 [
  "fact",
  "More detail",
  "one more detail",
  "facts/more-detail-5c4e7ceb.html"
 ],
 [
  "fact",
  "Valuation",
  "$157 billion",
  "facts/valuation-36cb496c.html"
 ],
 [
  "fact",
  "Vendor",
  "one vendor",
  "facts/vendor-8a735a2c.html"
 ],
 [
  "fact",
  "Coder",
  "one coder",
  "facts/coder-2db0e1a4.html"
 ],
 [
  "fact",
  "Hayao Miyazaki: years",
  "fifty years",
  "facts/hayao-miyazaki-years-d8da11c8.html"
 ],
 [
  "fact",
  "DeepSeek, MiniMax and Moonshot AI: conversations",
  "16 million Claude API conversations, 16 million conversations, 16 million exchanges, approximately 16 million conversation exchanges, more than 16 million interactions, over 16 million conversations",
  "facts/deepseek-minimax-moonshot-ai-conversations-415fe8f4.html"
 ],
 [
  "fact",
  "Anthropic: valuation",
  "$380 billion",
  "facts/anthropic-valuation-124aff93.html"
 ]
];
