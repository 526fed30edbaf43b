"""Generate the bundled web sample: Dutch web pages in the mC4 shard format.

The pages are composed from the hand-written texts in `web_texts.yaml` (all written for this
project) plus the kinds of noise that the mC4-nl cleaning rules exist for: menus and other
short lines, cookie and privacy banners, javascript notices, code fragments with `{`, lorem
ipsum placeholders, print-version notices, profanity in comment sections, pages in English,
German and Afrikaans, pages that are too short, very long URLs and base64 blobs, lines without
end punctuation or ending in "...", and Wikipedia-style citation marks. About two thirds of
the pages are clean Dutch content that a good filter keeps; the innocent homograph pages
("potlood", "analyse", "Scunthorpe", "de hond uitlaten", ...) are among them.

Output, in `--out` (default: `web/` next to this script):

    c4-nl-00000-of-00002.json.gz
    c4-nl-00001-of-00002.json.gz

gzip files of JSON lines, one object per line with exactly the fields `text`, `timestamp`
("2019-04-22T09:31:07Z") and `url`, as in the published mC4 shards. A labels file
(`--labels`, default `web_labels.jsonl` next to this script) lists, for every URL, the shard
and the kinds of noise the page was given, for tests and for reading filter statistics.

Everything is drawn from one seeded `random.Random`, and gzip is written with `mtime=0`, so
running the script twice gives byte-identical files:

    python data/samples/make_web_sample.py [--out DIR] [--labels FILE]
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from common.config import build

SEED = 20190422
NUM_SHARDS = 2
HERE = Path(__file__).resolve().parent
TEXTS = HERE / "web_texts.yaml"
DEFAULT_OUT = HERE / "web"
DEFAULT_LABELS = HERE / "web_labels.jsonl"

FIRST_DAY = datetime(2019, 1, 1, tzinfo=UTC)
LAST_DAY = datetime(2020, 12, 31, 23, 59, 59, tzinfo=UTC)

PLACES = [
    "Zwolle", "Amersfoort", "Deventer", "Leeuwarden", "Tilburg", "Haarlem", "Gouda", "Assen",
    "Middelburg", "Venlo", "Alkmaar", "Zutphen", "Hoorn", "Roermond", "Meppel", "Harderwijk",
    "Doetinchem", "Emmen", "Kampen", "Bergen op Zoom",
]  # fmt: skip
FIRST_NAMES = ["Anouk", "Bas", "Fleur", "Joost", "Marieke", "Sander", "Ilse", "Wouter", "Lotte"]

DUTCH_WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
DUTCH_MONTHS = [
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december",
]  # fmt: skip

# How many pages of each kind that is not tied to a list of hand-written pages.
# The other kinds get one page per entry in web_texts.yaml: homograph, wiki, lorem ipsum,
# English, German, Afrikaans and too-short pages.
PLAN = {
    "clean": 66,
    "long_url": 7,
    "base64": 6,
    "very_long": 6,
    "cookie_banner_en": 6,
    "cookie_banner_nl": 6,
    "javascript": 6,
    "curly_brace": 5,
    "print_version": 5,
    "profanity": 6,
}

# Topics with readers who leave comments.
COMMENT_TOPICS = ["nieuws", "voetbalclub", "sport", "gemeente", "moestuin", "texel"]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@dataclass(frozen=True)
class Texts:
    """The hand-written texts of `web_texts.yaml`, one field per top-level key."""

    topics: dict[str, dict]
    related_topics: list[list[str]]
    homograph_paragraphs: list[dict]
    wiki_articles: list[dict]
    wiki_references: list[str]
    english_pages: list[dict]
    german_pages: list[dict]
    afrikaans_pages: list[dict]
    short_pages: list[dict]
    lorem_pages: list[dict]
    menu_items: list[str]
    breadcrumb_formats: list[str]
    share_lines: list[str]
    reply_lines: list[str]
    footer_lines: list[str]
    subheadings: list[str]
    ellipsis_lines: list[str]
    clean_comments: list[str]
    profane_comments: list[str]
    cookie_banners_en: list[list[str]]
    cookie_banners_nl: list[list[str]]
    javascript_notices: list[str]
    code_fragments: list[str]
    print_notices: list[str]


def load_texts(path: Path = TEXTS) -> Texts:
    """Read the texts, strictly: a missing, unknown or mistyped key fails, naming it."""
    with open(path, encoding="utf-8") as f:
        return build(Texts, yaml.safe_load(f), str(path))


T = load_texts()


@dataclass
class Page:
    """One web page while it is being composed; `lines()` gives its text, line by line."""

    site: str
    section: str
    title: str
    timestamp: datetime
    body: list[str]
    top: list[str] = field(default_factory=list)
    bottom: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    topic: str | None = None
    plaats: str = ""
    show_title: bool = True

    def lines(self) -> list[str]:
        title = [self.title] if self.show_title else []
        return [*self.top, *title, *self.body, *self.bottom]


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def random_timestamp(rng: random.Random) -> datetime:
    seconds = int((LAST_DAY - FIRST_DAY).total_seconds())
    return FIRST_DAY + timedelta(seconds=rng.randrange(seconds))


def dutch_date(moment: datetime) -> str:
    weekday = DUTCH_WEEKDAYS[moment.weekday()]
    return f"{weekday} {moment.day} {DUTCH_MONTHS[moment.month - 1]} {moment.year}"


def date_line(rng: random.Random, moment: datetime) -> str:
    published = moment - timedelta(days=rng.randrange(60))
    return rng.choice(
        [
            f"Geplaatst op {published.day} {DUTCH_MONTHS[published.month - 1]} {published.year}",
            published.strftime("%d-%m-%Y"),
            f"{dutch_date(published)} | {published:%H:%M}",
            f"Door: Redactie | {published:%d-%m-%Y}",
            f"Bijgewerkt: {published:%d-%m-%Y %H:%M}",
        ]
    )


def token(rng: random.Random, length: int, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
HEX = "0123456789abcdef"


def tracking_url(rng: random.Random, site: str, slug: str, length: int) -> str:
    """A URL with marketing tracking parameters, padded to about `length` characters."""
    base = (
        f"https://{site}/{slug}?utm_source=nieuwsbrief&utm_medium=email"
        f"&utm_campaign={rng.choice(['voorjaar', 'zomer', 'najaar', 'kerst'])}_"
        f"{rng.randint(2019, 2020)}&utm_content=knop_{rng.choice(['groen', 'oranje'])}"
        f"&_hsmi={rng.randrange(10**7, 10**8)}&mc_cid={token(rng, 10, HEX)}"
        f"&mc_eid={token(rng, 10, HEX)}&_hsenc=p2ANqtz-{token(rng, 60, ALNUM)}&fbclid=IwAR"
    )
    return base + token(rng, max(20, length - len(base)), ALNUM)


def base64_image(rng: random.Random) -> str:
    """A data URI of a made-up PNG: one word of 1,100 to 2,100 characters."""
    blob = base64.b64encode(PNG_MAGIC + rng.randbytes(rng.randint(800, 1550))).decode()
    return f"data:image/png;base64,{blob}"


class UrlBook:
    """Hands out plausible, unique URLs."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def make(
        self, rng: random.Random, site: str, section: str, title: str, moment: datetime
    ) -> str:
        slug = slugify(title) or "pagina"
        style = rng.randrange(5)
        if style == 0:
            path = f"{section}/{slug}"
        elif style == 1:
            path = f"{section}/{moment:%Y/%m}/{slug}"
        elif style == 2:
            path = f"{section}/{rng.randrange(10_000, 99_999)}/{slug}"
        elif style == 3:
            path = f"{slug}.html"
        else:
            path = f"{section}/{slug}/"
        url = f"https://{site}/{path}"
        n = 2
        while url in self.used:
            url = f"https://{site}/{path.rstrip('/')}-{n}"
            n += 1
        self.used.add(url)
        return url


# ---------------------------------------------------------------------------------------------
# Dutch pages
# ---------------------------------------------------------------------------------------------


def dutch_page(
    rng: random.Random,
    moment: datetime,
    topic_name: str | None = None,
    n_paragraphs: tuple[int, int] = (2, 6),
    plaats: str | None = None,
) -> Page:
    """A Dutch article of 2 to 6 hand-written paragraphs on one topic."""
    topic_name = topic_name or rng.choice(sorted(T.topics))
    topic = T.topics[topic_name]
    plaats = plaats or rng.choice(PLACES)
    paragraphs = topic["paragraphs"]
    k = rng.randint(n_paragraphs[0], min(n_paragraphs[1], len(paragraphs)))
    chosen = sorted(rng.sample(range(len(paragraphs)), k))  # keep the written order
    body = [paragraphs[i].format(plaats=plaats) for i in chosen]
    return Page(
        site=rng.choice(topic["sites"]),
        section=topic["section"],
        title=rng.choice(topic["titles"]).format(plaats=plaats),
        timestamp=moment,
        body=body,
        topic=topic_name,
        plaats=plaats,
    )


def comment_section(rng: random.Random, moment: datetime, comments: list[str]) -> list[str]:
    lines = [f"Reacties ({len(comments)})"]
    hours_before = sorted((rng.randrange(1, 200) for _ in comments), reverse=True)
    for text, hours in zip(comments, hours_before, strict=True):
        when = moment - timedelta(hours=hours)
        author = rng.choice(FIRST_NAMES)
        lines.append(f"{author} schreef op {when.day} {DUTCH_MONTHS[when.month - 1]} {when:%Y}:")
        lines.append(text)
    return lines


def decorate(rng: random.Random, page: Page) -> None:
    """Add the line-level noise of a real page: menus, dates, buttons, footers, teasers."""
    topic = T.topics.get(page.topic or "", {})
    if rng.random() < 0.1:
        page.show_title = False
    else:
        page.kinds.append("heading")
    if rng.random() < 0.3:
        page.top[:0] = rng.sample(T.menu_items, rng.randint(3, 7))
        page.kinds.append("menu")
    if rng.random() < 0.2:
        crumb = rng.choice(T.breadcrumb_formats)
        page.top.append(crumb.format(section=page.section.capitalize(), title=page.title))
        page.kinds.append("breadcrumb")
    if rng.random() < 0.5:
        page.body.insert(0, date_line(rng, page.timestamp))
        page.kinds.append("date_line")
    if topic.get("extras") and rng.random() < 0.4:
        extras = rng.sample(topic["extras"], min(len(topic["extras"]), rng.randint(2, 4)))
        at = 1 if rng.random() < 0.5 else len(page.body)
        page.body[at:at] = extras
        page.kinds.append("topic_extras")
    if len(page.body) >= 4 and rng.random() < 0.3:
        at = rng.randrange(2, len(page.body))
        page.body.insert(at, rng.choice(T.subheadings))
        page.kinds.append("subheading")
    if rng.random() < 0.2:
        page.body.append(rng.choice(T.ellipsis_lines).format(plaats=page.plaats or "de regio"))
        page.kinds.append("ellipsis")
    if page.topic in COMMENT_TOPICS and rng.random() < 0.12:
        picked = rng.sample(T.clean_comments, rng.randint(1, 3))
        page.bottom += comment_section(rng, page.timestamp, picked)
        page.kinds.append("comments")
    if rng.random() < 0.25:
        page.bottom += rng.sample(T.share_lines, rng.randint(2, 4))
        page.bottom.append(rng.choice(T.reply_lines))
        page.kinds.append("share_reply")
    if rng.random() < 0.2:
        footer = rng.sample(T.footer_lines, rng.randint(1, 3))
        page.bottom += [f.format(year=page.timestamp.year, site=page.site) for f in footer]
        page.kinds.append("footer")


def insert_line(rng: random.Random, page: Page, line: str) -> None:
    """Put a line somewhere in the body, between paragraphs."""
    page.body.insert(rng.randrange(len(page.body) + 1), line)


# ---------------------------------------------------------------------------------------------
# Builders, one per kind of page
# ---------------------------------------------------------------------------------------------


def build_clean(rng: random.Random, moment: datetime, _item: object) -> Page:
    page = dutch_page(rng, moment)
    decorate(rng, page)
    return page


def build_long_url(rng: random.Random, moment: datetime, _item: object) -> Page:
    page = dutch_page(rng, moment)
    decorate(rng, page)
    length = rng.choice([rng.randint(300, 600), rng.randint(600, 950), rng.randint(1050, 1500)])
    url = tracking_url(rng, page.site, slugify(page.title), length)
    line = rng.choice(
        [url, f"Bekijk de aanbieding via {url}", f"Bron: {url}", f"Lees het hele artikel op {url}."]
    )
    insert_line(rng, page, line)
    page.kinds.append("long_url")
    return page


def build_base64(rng: random.Random, moment: datetime, _item: object) -> Page:
    page = dutch_page(rng, moment)
    decorate(rng, page)
    image = base64_image(rng)
    insert_line(rng, page, rng.choice([image, f"Logo {image}"]))
    page.kinds.append("base64")
    return page


def build_very_long(rng: random.Random, moment: datetime, item: list[str]) -> Page:
    first, second = item
    page = dutch_page(rng, moment, first, n_paragraphs=(5, 5))
    more = dutch_page(rng, moment, second, n_paragraphs=(4, 5), plaats=page.plaats)
    page.body += [rng.choice(T.subheadings), *more.body]
    decorate(rng, page)
    page.kinds.append("very_long")
    return page


def build_homograph(rng: random.Random, moment: datetime, item: dict) -> Page:
    page = dutch_page(rng, moment, item["topic"], n_paragraphs=(1, 3))
    page.title = item["title"]
    page.body.insert(rng.randrange(2), item["text"].format(plaats=page.plaats))
    decorate(rng, page)
    page.kinds.append("homograph")
    return page


def build_wiki(rng: random.Random, moment: datetime, item: dict) -> Page:
    section = item["section"]
    heading = rng.choice([f"{section}[bewerken]", f"{section} [bewerken | brontekst bewerken]"])
    body = [
        "Uit Wikipedia, de vrije encyclopedie",
        *item["infobox"],
        item["intro"],
        "Inhoud",
        f"1 {section}",
        "2 Referenties",
        heading,
        item["body"],
        "Referenties[bewerken]",
        *rng.sample(T.wiki_references, 2),
    ]
    page = Page(item["site"], "wiki", item["title"], moment, body)
    page.kinds += ["heading", "wiki_citations"]
    return page


def build_cookie_banner(language: str):
    banners = T.cookie_banners_en if language == "en" else T.cookie_banners_nl

    def build(rng: random.Random, moment: datetime, _item: object) -> Page:
        page = dutch_page(rng, moment)
        decorate(rng, page)
        banner = rng.choice(banners)
        if rng.random() < 0.5:
            page.top[:0] = banner
        else:
            page.bottom += banner
        page.kinds.append(f"cookie_banner_{language}")
        return page

    return build


def build_javascript(rng: random.Random, moment: datetime, _item: object) -> Page:
    page = dutch_page(rng, moment)
    decorate(rng, page)
    notice = rng.choice(T.javascript_notices)
    if rng.random() < 0.5:
        page.top.insert(0, notice)
    else:
        page.bottom.append(notice)
    page.kinds.append("javascript")
    return page


def build_curly_brace(rng: random.Random, moment: datetime, _item: object) -> Page:
    page = dutch_page(rng, moment)
    decorate(rng, page)
    fragment = rng.choice(T.code_fragments).replace("{title}", page.title)
    if rng.random() < 0.5:
        page.top.append(fragment)
    else:
        insert_line(rng, page, fragment)
    page.kinds.append("curly_brace")
    return page


def build_print_version(rng: random.Random, moment: datetime, _item: object) -> Page:
    page = dutch_page(rng, moment)
    decorate(rng, page)
    page.top[:0] = ["Printversie", rng.choice(T.print_notices)]
    page.bottom.append(f"Bron: https://{page.site}/{page.section}/{slugify(page.title)}")
    page.kinds.append("print_version")
    return page


def build_profanity(rng: random.Random, moment: datetime, _item: object) -> Page:
    page = dutch_page(rng, moment, rng.choice(COMMENT_TOPICS))
    decorate(rng, page)
    comments = rng.sample(T.profane_comments, rng.randint(1, 2))
    comments += rng.sample(T.clean_comments, rng.randint(0, 2))
    rng.shuffle(comments)
    page.bottom[:0] = comment_section(rng, moment, comments)
    page.kinds.append("profanity")
    return page


def build_lorem(rng: random.Random, moment: datetime, item: dict) -> Page:
    page = Page(item["site"], "pagina", item["title"], moment, list(item["lines"]))
    decorate(rng, page)
    lorum = any("lorum ipsum" in line.lower() for line in item["lines"])
    page.kinds.append("lorum_ipsum" if lorum else "lorem_ipsum")
    return page


def build_foreign(kind: str):
    def build(rng: random.Random, moment: datetime, item: dict) -> Page:
        page = Page(item["site"], "blog", item["title"], moment, list(item["paragraphs"]))
        if rng.random() < 0.5:
            page.body.insert(0, moment.strftime("%d/%m/%Y"))
            page.kinds.append("date_line")
        page.kinds += ["heading", kind]
        return page

    return build


def build_short(rng: random.Random, moment: datetime, item: dict) -> Page:
    plaats = rng.choice(PLACES)
    text = item["text"].format(plaats=plaats)
    site = rng.choice(["www.marktplaatsje-regio.nl", "www.mijnwebsite.nl"])
    page = Page(site, "pagina", item["title"], moment, [text], plaats=plaats)
    # Only lines that no rule counts as a sentence: a menu (under 3 words) and the title.
    page.kinds.append("heading")
    if rng.random() < 0.5:
        page.top = rng.sample(T.menu_items, rng.randint(3, 6))
        page.kinds.append("menu")
    page.kinds.append("too_short")
    return page


BUILDERS = {
    "clean": build_clean,
    "long_url": build_long_url,
    "base64": build_base64,
    "very_long": build_very_long,
    "homograph": build_homograph,
    "wiki_citations": build_wiki,
    "cookie_banner_en": build_cookie_banner("en"),
    "cookie_banner_nl": build_cookie_banner("nl"),
    "javascript": build_javascript,
    "curly_brace": build_curly_brace,
    "print_version": build_print_version,
    "profanity": build_profanity,
    "lorem_ipsum": build_lorem,
    "english": build_foreign("english"),
    "german": build_foreign("german"),
    "afrikaans": build_foreign("afrikaans"),
    "too_short": build_short,
}


def page_specs(rng: random.Random) -> list[tuple[str, object]]:
    """Every page to build, as (kind, hand-written item or None), in a shuffled order."""
    specs: list[tuple[str, object]] = []
    for kind, count in PLAN.items():
        if kind == "very_long":
            specs += [(kind, T.related_topics[i % len(T.related_topics)]) for i in range(count)]
        else:
            specs += [(kind, None)] * count
    specs += [("homograph", item) for item in T.homograph_paragraphs]
    specs += [("wiki_citations", item) for item in T.wiki_articles]
    specs += [("lorem_ipsum", item) for item in T.lorem_pages]
    specs += [("english", item) for item in T.english_pages]
    specs += [("german", item) for item in T.german_pages]
    specs += [("afrikaans", item) for item in T.afrikaans_pages]
    specs += [("too_short", item) for item in T.short_pages]
    rng.shuffle(specs)
    return specs


def generate(seed: int = SEED) -> list[dict]:
    """All documents, each a dict with text, timestamp, url, and the labels kinds and shard."""
    rng = random.Random(seed)
    urls = UrlBook()
    docs = []
    specs = page_specs(rng)
    per_shard = -(-len(specs) // NUM_SHARDS)
    for i, (kind, item) in enumerate(specs):
        moment = random_timestamp(rng)
        page = BUILDERS[kind](rng, moment, item)
        docs.append(
            {
                "text": "\n".join(page.lines()),
                "timestamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "url": urls.make(rng, page.site, page.section, page.title, moment),
                "kinds": sorted(set(page.kinds)),
                "shard": i // per_shard,
            }
        )
    return docs


def shard_name(index: int) -> str:
    return f"c4-nl-{index:05d}-of-{NUM_SHARDS:05d}.json.gz"


def write_shards(docs: list[dict], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(NUM_SHARDS):
        path = out / shard_name(index)
        # filename="" keeps the output directory out of the gzip header; mtime=0 the clock.
        with open(path, "wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as gz:
            for doc in docs:
                if doc["shard"] == index:
                    record = {key: doc[key] for key in ("text", "timestamp", "url")}
                    line = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
                    gz.write(line.encode("utf-8") + b"\n")
        paths.append(path)
    return paths


def write_labels(docs: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for doc in docs:
            label = {"url": doc["url"], "shard": shard_name(doc["shard"]), "kinds": doc["kinds"]}
            f.write(json.dumps(label, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS, help="labels file")
    parser.add_argument("--quiet", action="store_true", help="do not print the summary")
    args = parser.parse_args(argv)

    docs = generate()
    paths = write_shards(docs, args.out)
    write_labels(docs, args.labels)
    if not args.quiet:
        for path in paths:
            print(f"wrote {path}")
        print(f"wrote {args.labels}")
        counts = Counter(kind for doc in docs for kind in doc["kinds"])
        print(f"{len(docs)} documents; pages per kind:")
        for kind, n in sorted(counts.items()):
            print(f"  {kind:18} {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
