"""Synthetic digests for the speed benchmark: N stories x 5 sources, deterministic from a seed.

usage: python bench/synth.py OUT_DIR [--stories N] [--seed S] [--pelican DIR]

Each story has a pool of fact sentences (names, places, figures). Each of its five reports
tells ~500-800 words of the story: most sentences come from the shared pool, some reworded
the way outlets rewrite wire copy (attribution moved, synonyms, clauses swapped), plus a few
sentences only that outlet has. Reports are text dumps (.txt) and saved pages (.html),
mixed, wrapped in the furniture the cleaner has to strip: menus, breadcrumbs, "Latest
articles" teaser lists (headline + teaser pairs), photo captions with credits, "Leave a
Reply", subscribe prompts, "Read the original article on X" footers.

`--pelican DIR` also writes DIR/content/*.md: one plain Markdown post per story (the first
report's body, same length), the input Pelican builds for the comparison; and
DIR-reports/content/*.md: every report of every story as a plain post of its own (five per
story), for the like-for-like comparison (as many documents as the builder reads).

Nothing here imports the builder: the generator is plain Python, so the same seed gives
the same bytes whatever the builder's version.
"""

from __future__ import annotations

import argparse
import html
import random
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Anna", "Mark", "Lena", "Tomas", "Priya", "Joel", "Sara", "Hugo", "Mei", "Omar",
         "Ines", "Kofi", "Rita", "Ivan", "Nora", "Paolo", "Aiko", "Dev", "Eva", "Luis"]
LAST = ["Keller", "Okafor", "Nakamura", "Brennan", "Silva", "Haddad", "Lindqvist", "Moreau",
        "Kowalski", "Reyes", "Chen", "Abbott", "Farouk", "Novak", "Quinn", "Duarte", "Iyer",
        "Schmidt", "Walsh", "Petrov"]
ROLES = ["the mayor", "a council spokesperson", "the transport minister", "a senior engineer",
         "the regional governor", "a police spokesperson", "the company's chief executive",
         "an independent analyst", "the union leader", "a hospital director"]
PLACES = ["Harbourton", "Westfield", "Port Alder", "Kingsbridge", "Lake Morrow", "Ashford",
          "New Carden", "Eastmere", "Redhill", "Stonebury", "Millbank", "Fairhaven"]
THINGS = ["bridge", "power plant", "rail line", "hospital wing", "water system", "port",
          "airport terminal", "school district", "data centre", "tunnel", "dam", "market"]
EVENTS = ["closure", "strike", "outage", "inquiry", "expansion", "collapse", "recall",
          "shutdown", "merger", "evacuation", "audit", "fire"]
VERBS = ["said", "told reporters", "confirmed", "warned", "added", "explained", "noted"]
SYNONYMS = {
    "said": "stated", "about": "around", "closed": "shut", "began": "started",
    "workers": "staff", "people": "residents", "large": "big", "quickly": "rapidly",
    "announced": "revealed", "expected": "likely", "damage": "harm", "cost": "price",
    "officials": "authorities", "repairs": "fixes", "week": "seven days",
}
TEMPLATES = [
    "The {thing} in {place} was {closed} on {day} after {people} reported {problem}.",
    "About {n1:,} {people} depend on the {thing} every day, {role} {verb}.",
    "{Name} {verb} that {repairs} could {cost} as much as {n2} million dollars.",
    "The {event} is {expected} to last at least {n3} weeks, according to {role}.",
    "{officials} {began} an inquiry into the {event} on {day} morning.",
    "\u201cWe are doing everything we can to restore normal service,\u201d {Name} {verb}.",
    "The {thing} opened in {year} and was last renovated in {year2}.",
    "Local businesses fear the {event} will {cost} them {n4} percent of their trade this month.",
    "{Name}, who leads the {place} {thing} authority, {verb} the {damage} was {large}er than first thought.",
    "Inspectors found {n5} faults during a routine check of the {thing} last {month}.",
    "Opposition members called for {Name2} to resign over the handling of the {event}.",
    "A temporary service will run between {place} and {place2} while {repairs} are carried out.",
    "The regional government has set aside {n2} million dollars for emergency {repairs}.",
    "{people} were advised to avoid the area around the {thing} until further notice.",
    "{Name2} {verb} the decision to close the {thing} was taken {quickly} to protect {people}.",
    "Engineers had warned about the state of the {thing} in a report published in {year3}.",
    "The {event} is the third of its kind in {place} in the past {n3} years.",
    "Traffic on the roads around {place} rose by {n4} percent in the first {n3} days.",
    "\u201cThis should never have happened,\u201d said {Name2}, a resident of {place} for {n3} decades.",
    "The insurer of the {thing} has sent a team of assessors to estimate the {damage}.",
    "A full report on the causes of the {event} is {expected} by the end of {month}.",
    "{officials} {announced} that compensation would be paid to {people} affected by the {event}.",
    "Several {workers} at the {thing} said they had raised concerns months before the {event}.",
    "Shares in the operator of the {thing} fell {n4} percent on {day}.",
    "The {thing} carries an estimated {n1:,} tonnes of goods each {week}.",
    "{Name} {verb} that the {thing} would reopen in stages, starting with the northern section.",
    "Emergency crews remained at the site of the {event} overnight, {role} {verb}.",
    "The last comparable {event} in {place2} took {n3} months to resolve.",
    "Critics argue that years of underinvestment made the {event} almost inevitable.",
    "A hotline has been set up for {people} with questions about the {event}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PROBLEMS = ["cracks in the main span", "a strong smell of gas", "water leaking from the roof",
            "a loud bang", "smoke from a substation", "falling debris"]
OUTLETS = ["Harbour Gazette", "Wire Service", "The Daily Courier", "Metro Today", "Evening Star",
           "National Herald", "City Post", "Morning Ledger", "Coast Times", "Valley News"]
MENU = ["Home", "News", "World", "Business", "Sport", "Culture", "Opinion", "Weather"]
TAGS = ["transport", "infrastructure", "energy", "health", "politics", "economy", "weather",
        "crime", "environment", "labour"]


def _fill(rng: random.Random, template: str, facts: dict) -> str:
    return template.format(**facts)


def _story_facts(rng: random.Random) -> dict:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    name2 = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    place, place2 = rng.sample(PLACES, 2)
    return {
        "Name": name, "Name2": name2, "place": place, "place2": place2,
        "thing": rng.choice(THINGS), "event": rng.choice(EVENTS), "role": rng.choice(ROLES),
        "verb": rng.choice(VERBS), "day": rng.choice(DAYS), "month": rng.choice(MONTHS),
        "problem": rng.choice(PROBLEMS), "n1": rng.randrange(5, 90) * 1000,
        "n2": rng.randrange(2, 60), "n3": rng.randrange(2, 12), "n4": rng.randrange(3, 40),
        "n5": rng.randrange(3, 30), "year": rng.randrange(1900, 1980),
        "year2": rng.randrange(1981, 2015), "year3": rng.randrange(2015, 2024),
        "closed": "closed", "people": "people", "repairs": "repairs", "cost": "cost",
        "expected": "expected", "officials": "Officials", "began": "began",
        "damage": "damage", "large": "larg", "quickly": "quickly", "announced": "announced",
        "workers": "workers", "week": "week",
    }


def _reword(rng: random.Random, sentence: str) -> str:
    """Rewrite a sentence the way a second outlet does: synonyms, moved attribution."""
    words = sentence.split(" ")
    out = []
    for w in words:
        bare = w.strip(".,\u201c\u201d")
        if bare in SYNONYMS and rng.random() < 0.6:
            w = w.replace(bare, SYNONYMS[bare])
        out.append(w)
    text = " ".join(out)
    if rng.random() < 0.3 and ", according to " in text:
        head, _, who = text.rstrip(".").partition(", according to ")
        text = f"According to {who}, {head[0].lower()}{head[1:]}."
    if rng.random() < 0.2:
        text = "Meanwhile, " + text[0].lower() + text[1:]
    return text


def _own_sentence(rng: random.Random, facts: dict, outlet: str) -> str:
    options = [
        f"{outlet} understands that talks about the future of the {facts['thing']} will resume next week.",
        f"Speaking to {outlet}, a local shopkeeper said trade had fallen sharply since the {facts['event']}.",
        f"{outlet} has asked the operator for the full inspection records of the {facts['thing']}.",
        f"Documents seen by {outlet} show that maintenance was postponed {facts['n3']} times.",
        f"A petition started by residents of {facts['place']} has gathered {rng.randrange(2, 40)},000 signatures.",
    ]
    return rng.choice(options)


def _paragraphs(rng: random.Random, pool: list[str], facts: dict, outlet: str) -> list[list[str]]:
    """A report body: ~500-800 words in paragraphs of 2-4 sentences."""
    target = rng.randrange(500, 800)
    order = list(range(len(pool)))
    rng.shuffle(order)
    order = sorted(order[: rng.randrange(18, 26)])  # outlets keep the wire's order, mostly
    if rng.random() < 0.5:
        i = rng.randrange(1, len(order) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
    sentences = []
    for idx in order:
        s = pool[idx]
        sentences.append(_reword(rng, s) if rng.random() < 0.35 else s)
    for _ in range(rng.randrange(2, 5)):
        sentences.insert(rng.randrange(1, len(sentences)), _own_sentence(rng, facts, outlet))
    words = 0
    kept = []
    for s in sentences:
        kept.append(s)
        words += len(s.split())
        if words >= target:
            break
    while words < target - 40:  # pad from the pool, reworded, to reach the length
        s = _reword(rng, rng.choice(pool))
        kept.append(s)
        words += len(s.split())
    paras, i = [], 0
    while i < len(kept):
        n = rng.randrange(2, 5)
        paras.append(kept[i : i + n])
        i += n
    return paras


def _teasers(rng: random.Random) -> list[tuple[str, str]]:
    pairs = []
    for _ in range(rng.randrange(3, 6)):
        f = _story_facts(rng)
        head = f"{f['place']} {f['thing']} {f['event']} leaves {f['n1']:,} without service"
        teaser = f"{f['Name']} said the {f['event']} could last for {f['n3']} weeks, and officials are..."
        pairs.append((head, teaser))
    return pairs


def _caption(rng: random.Random, facts: dict) -> str:
    agency = rng.choice(["REUTERS", "AP Photo", "Getty Images", "AFP via Getty Images"])
    return (f"The {facts['thing']} in {facts['place']} on {facts['day']}. "
            f"{rng.choice(FIRST)} {rng.choice(LAST)}/{agency}")


def text_dump(rng: random.Random, title: str, paras: list[list[str]], facts: dict,
              outlet: str) -> str:
    lines = ["".join(MENU), f"Home > News > {title[:60]}", "", title, ""]
    if rng.random() < 0.5:
        lines += ["Published on", ""]
    lines += [f"By {rng.choice(FIRST)} {rng.choice(LAST)}", ""]
    for n, para in enumerate(paras):
        lines += [" ".join(para), ""]
        if n == 1:
            lines += [_caption(rng, facts), ""]
    lines += ["Subscribe to our newsletter for the latest news from the region.", ""]
    lines += ["Latest articles", ""]
    for head, teaser in _teasers(rng):
        lines += [head, teaser, ""]
    lines += ["Leave a Reply", "", "You must be logged in to post a comment.", ""]
    if rng.random() < 0.5:
        lines += [f"Read the original article on {rng.choice(OUTLETS)}", ""]
    return "\n".join(lines)


def html_page(rng: random.Random, title: str, paras: list[list[str]], facts: dict,
              outlet: str, published: str, url: str) -> str:
    e = html.escape
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    body = []
    for n, para in enumerate(paras):
        body.append(f"<p>{e(' '.join(para))}</p>")
        if n == 1:
            body.append(f'<figure><img src="/img/{rng.randrange(1000)}.jpg" alt="">'
                        f"<figcaption>{e(_caption(rng, facts))}</figcaption></figure>")
    teasers = "".join(
        f'<li><a href="/story/{i}"><h3>{e(h)}</h3></a><p>{e(t)}</p></li>'
        for i, (h, t) in enumerate(_teasers(rng))
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(title)} | {e(outlet)}</title>
<meta property="og:site_name" content="{e(outlet)}">
<meta property="og:title" content="{e(title)}">
<link rel="canonical" href="{e(url)}">
<meta property="article:published_time" content="{published}T08:00:00Z">
<script>window.dataLayer = window.dataLayer || []; function gtag(){{dataLayer.push(arguments);}}</script>
<link rel="stylesheet" href="/static/site.css">
</head>
<body class="article-page">
<header class="site-header"><a class="logo" href="/">{e(outlet)}</a>
<nav class="main-menu"><ul>{menu}</ul></nav></header>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/news">News</a></div>
<main>
<article class="story">
<h1>{e(title)}</h1>
<p class="byline">By {rng.choice(FIRST)} {rng.choice(LAST)}</p>
<time datetime="{published}">{published}</time>
<div class="article-body">
{chr(10).join(body)}
</div>
<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside class="newsletter"><h2>Subscribe to our newsletter</h2><p>Get the latest news from the region every morning.</p><form><input type="email"><button>Sign up</button></form></aside>
<section class="latest-articles"><h2>Latest articles</h2><ul>{teasers}</ul></section>
<section id="comments" class="comments"><h3>Leave a Reply</h3><p>You must be logged in to post a comment.</p></section>
</main>
<footer class="site-footer"><p>&copy; {e(outlet)}. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body>
</html>
"""


def story(rng: random.Random, index: int) -> tuple[str, dict[str, str], str, list[str]]:
    """One story folder: (slug, {file: text}, title, each report's Markdown body)."""
    facts = _story_facts(rng)
    pool = [_fill(rng, t, facts) for t in TEMPLATES]
    title = f"{facts['place']} {facts['thing']} {facts['event']}: {facts['Name']} warns of {facts['n3']}-week disruption"
    day = date(2024, 1, 1) + timedelta(days=index % 700)
    slug = f"story-{index:05d}-{facts['place'].lower().replace(' ', '-')}-{facts['event']}"
    outlets = rng.sample(OUTLETS, 5)
    files: dict[str, str] = {}
    meta_lines = []
    bodies: list[str] = []
    for n, outlet in enumerate(outlets):
        paras = _paragraphs(rng, pool, facts, outlet)
        published = (day + timedelta(days=rng.randrange(0, 2))).isoformat()
        url = f"https://{outlet.lower().replace(' ', '')}.example/{day.year}/{slug}"
        headline = title if n % 2 == 0 else _reword(rng, title)
        if (index + n) % 2 == 0:
            name = f"{n:02d}_{outlet.lower().replace(' ', '-')}.txt"
            files[name] = text_dump(rng, headline, paras, facts, outlet)
        else:
            name = f"{n:02d}_{outlet.lower().replace(' ', '-')}.html"
            files[name] = html_page(rng, headline, paras, facts, outlet, published, url)
        meta_lines.append(f"  {name}: {{outlet: {outlet}, url: \"{url}\", published: {published}}}")
        bodies.append("\n\n".join(" ".join(p) for p in paras))
    tags = sorted(rng.sample(TAGS, 2))
    files["story.yaml"] = "\n".join([
        f"title: \"{title}\"",
        f"date: {day.isoformat()}",
        f"tags: [{', '.join(tags)}]",
        "sources:",
        *meta_lines,
        "",
    ])
    return slug, files, title, bodies


def _post(site: Path, title: str, day: date, slug: str, body: str) -> None:
    """One plain Markdown post for Pelican, in site/content/."""
    post = f"Title: {title}\nDate: {day.isoformat()} 08:00\nCategory: news\nSlug: {slug}\n\n{body}\n"
    (site / "content" / f"{slug}.md").write_text(post, encoding="utf-8")


def generate(out: Path, stories: int, seed: int = 1, pelican: Path | None = None) -> None:
    """Write `stories` story folders under out/content/stories/ (and Pelican posts if asked)."""
    rng = random.Random(seed)
    root = out / "content" / "stories"
    root.mkdir(parents=True, exist_ok=True)
    # Every report as a post of its own goes beside the per-story posts: DIR-reports/.
    reports = pelican.with_name(pelican.name + "-reports") if pelican else None
    for site in (pelican, reports):
        if site:
            (site / "content").mkdir(parents=True, exist_ok=True)
    for i in range(stories):
        slug, files, title, bodies = story(rng, i)
        folder = root / slug
        folder.mkdir(exist_ok=True)
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
        if pelican and reports:  # both or neither
            day = date(2024, 1, 1) + timedelta(days=i % 700)
            for n, md in enumerate(bodies, 1):
                _post(reports, f"{title} ({n})", day, f"{slug}-{n}", md)
            _post(pelican, title, day, slug, bodies[0])
    (out / "config.yaml").write_text("title: Synthetic Digest\nbase_url: /\nper_page: 20\n",
                                     encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pelican", type=Path)
    args = parser.parse_args()
    generate(args.out, args.stories, args.seed, args.pelican)


if __name__ == "__main__":
    main()
