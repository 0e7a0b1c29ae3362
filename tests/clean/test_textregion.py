"""The article-region finder for text dumps: whole-page dumps lose their furniture, clean
texts lose nothing.

The dumps below are written by hand in the shape a browser's "save as text" gives (one block
per line): menus, link rails, comment threads, footers and cookie notices around an
article, in English, German, Portuguese and Japanese.
"""

from __future__ import annotations

import re
import textwrap
import time
from pathlib import Path

import pytest

from builder.clean import clean, load_rules
from builder.clean.textblocks import text_blocks
from builder.clean.textregion import article_region, units
from builder.model import Diagnostics, SourceDoc
from tests.conftest import CORPUS, RUNAWAY_SECONDS, SEEDS

RULES = load_rules()


def cleaned(text: str):
    return clean(SourceDoc(Path("page.txt"), "text", text), RULES, Diagnostics())


def kept_lines(article) -> list[str]:
    return [b.text for b in article.blocks]


def rules_of(article, text: str) -> set[str]:
    return {r.rule for r in article.removed if r.text == text}


NEWS_MENU = """Skip to content
Home
World
Politics
Business
Tech
Science
Health
Sport
Culture
Opinion
Video
Podcasts
Newsletters
Sign in
Subscribe"""

NEWS_BODY = [
    (
        "The city council voted on Monday night to close the old market hall for good, ending "
        "a debate that has divided the town for more than a decade."
    ),
    (
        "Officials said the building, which opened in 1894, had become too expensive to heat "
        "and repair, and that the money would be better spent on the new library."
    ),
    (
        "Traders who still rent stalls in the hall will be offered places at a weekly street "
        "market from the spring, the council's finance committee said."
    ),
    (
        '"We did not take this decision lightly," said the mayor, Anna Berg. "The hall is part '
        'of who we are, but we cannot keep pouring money into a roof that leaks every winter."'
    ),
    "What happens next",
    (
        "The hall will be sold at auction in the autumn. A heritage group has asked for the "
        "facade to be protected, and the planning office said it would consider the request."
    ),
    "Opponents have until the end of the month to ask for a review of the vote.",
]

NEWS_AFTER = """Share this article
Facebook
Twitter
Email
Copy link
Around the region
Storm brings down power lines across the north
Teachers vote to strike over pay
Police name man found in river
New bakery opens in old station building
Football club appoints new manager
About us
Contact
Careers
Advertise
Terms of use
Privacy policy
Cookie settings
We use cookies to give you the best experience on our site. By continuing you agree to our use of cookies.
© 2024 Town Times Media Ltd. All rights reserved."""


def news_page() -> str:
    head = NEWS_MENU + "\nMarket hall to close after 130 years\nBy Jane Doe\n12 March 2024\n"
    return head + "\n".join(NEWS_BODY) + "\n" + NEWS_AFTER


def test_whole_page_dump_keeps_the_article_and_drops_menu_rail_and_footer():
    article = cleaned(news_page())
    kept = kept_lines(article)
    assert kept == NEWS_BODY
    assert "heading" in {b.kind for b in article.blocks if b.text == "What happens next"}
    assert rules_of(article, "Politics") == {"text.menu-run"}
    assert rules_of(article, "Careers") == {"text.menu-run"}
    assert rules_of(article, "Teachers vote to strike over pay") == {"text.outside-article"}
    # named by its own rule, before the finder sees it
    assert rules_of(article, "© 2024 Town Times Media Ltd. All rights reserved.") == {
        "footer.copyright"
    }
    assert all(r.reason == "boilerplate" for r in article.removed if r.rule.startswith("text."))


def test_a_menu_item_on_the_first_line_is_not_taken_for_the_headline():
    article = cleaned(news_page())
    assert article.meta.title is None  # unknown rather than "Skip to content" or "World"
    # Navigation labels are named by a rule; "World", the first line the title finder
    # could take, opens the menu and is found to be part of it.
    assert rules_of(article, "Skip to content") == {"nav.label"}
    assert rules_of(article, "World") == {"text.menu-run"}
    assert cleaned(CLEAN_TEXT).meta.title == "Market hall to close after 130 years"


def test_a_first_line_a_rule_names_as_furniture_is_not_the_headline():
    # A dateline or a teaser heading opening the text: the headline is the next line.
    for opener in ("12 March 2024 Last updated at 14:39 GMT", "Latest News"):
        article = cleaned(opener + "\n" + CLEAN_TEXT)
        assert article.meta.title == "Market hall to close after 130 years"
        assert rules_of(article, "Market hall to close after 130 years") == {"title.headline"}
        assert "title.headline" not in rules_of(article, opener)
        assert kept_lines(article) == kept_lines(cleaned(CLEAN_TEXT))


def test_a_dated_byline_or_dateline_above_the_headline_is_passed_over():
    # Stamped with a full date, in any order or language: not the headline.
    for opener in ("Article posted on 08.07.2012", "updated 8:41 p. m. EST, Tue March 3, 2009",
                   "Von Jane Doe, publiziert am 25. September 2018"):
        article = cleaned(opener + "\n" + CLEAN_TEXT)
        assert article.meta.title == "Market hall to close after 130 years", opener
    # A back link, then a dated byline, then the headline (a German blog's dump).
    article = cleaned("Zurück zur Übersicht\nVon Jane Doe publiziert am 25. September 2018\n"
                      + CLEAN_TEXT)
    assert article.meta.title == "Market hall to close after 130 years"


def test_a_menu_whose_items_other_rules_removed_gives_no_headline():
    # The first line opens a run of link-sized lines that the teaser rules, not the region
    # finder, took away: a menu item, not the headline.
    menu = "International\nTrending\nBusiness\nTech\nPolitics\nMore"
    teasers = "\n".join(
        f"{title}\n{teaser}..." for title, teaser in [
            ("Ferry fares rise again", "Passengers will pay more from April, the operator said"),
            ("Library reopens after fire", "The reading room is open again after two years of"),
            ("New cycle lanes approved", "Councillors backed the plan by a wide margin after"),
        ]
    )
    article = cleaned(menu + "\nLatest articles\n" + teasers + "\n" + "\n".join(NEWS_BODY)
                      + "\nInternational\nContact")
    assert article.meta.title is None
    # the first line and its repeat at the foot are the menu item, not a headline
    assert rules_of(article, "International") == {"text.menu-run"}
    # A short headline followed by its byline and the text is still the headline.
    short = cleaned("Market hall to close\nBy Jane Doe\n" + "\n".join(NEWS_BODY))
    assert short.meta.title == "Market hall to close"


def test_every_line_is_kept_or_accounted_for_and_no_word_is_added():
    page = news_page()
    article = cleaned(page)
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    out = [b.text for b in article.blocks] + [r.text for r in article.removed]
    assert sorted(out) == sorted(lines)


GERMAN_PAGE = """Startseite
Politik
Wirtschaft
Panorama
Sport
Kultur
Wissen
Mehr
Anmelden
Gemeinderat beschließt Schließung der Markthalle
Der Gemeinderat hat am Montagabend beschlossen, die alte Markthalle zu schließen. Damit endet ein Streit, der die Stadt seit mehr als zehn Jahren beschäftigt.
Die Stadtverwaltung erklärte, das 1894 eröffnete Gebäude sei zu teuer in Heizung und Unterhalt geworden.
Anzeige
Die Händler, die noch Stände in der Halle mieten, sollen ab dem Frühjahr auf einen Wochenmarkt unter freiem Himmel ausweichen können.
„Wir haben uns diese Entscheidung nicht leicht gemacht“, sagte Bürgermeisterin Anna Berg.
Anzeige
Gegner der Schließung können bis Monatsende eine Überprüfung des Beschlusses beantragen.
Mehr zum Thema
Neue Bäckerei im alten Bahnhof eröffnet
Stadtbibliothek verlängert Öffnungszeiten
Impressum
Datenschutz
Kontakt
AGB
Wir verwenden Cookies, um Inhalte zu personalisieren und die Zugriffe auf unsere Website zu analysieren. Sie können Ihre Auswahl jederzeit ändern.
Einverstanden
Einstellungen"""


def test_german_dump_loses_menu_footer_and_cookie_text_without_any_german_rule():
    kept = kept_lines(cleaned(GERMAN_PAGE))
    assert kept[0].startswith("Der Gemeinderat hat am Montagabend")
    assert kept[-1].startswith("Gegner der Schließung")
    assert not {"Startseite", "Impressum", "Einverstanden", "Mehr zum Thema"} & set(kept)
    assert not any(line.startswith("Wir verwenden Cookies") for line in kept)
    assert "Neue Bäckerei im alten Bahnhof eröffnet" not in kept
    # Body lines around an advertising label stay; so does the short quoted sentence.
    assert any(line.startswith("„Wir haben uns") for line in kept)


JAPANESE_PAGE = """ホーム
ニュース
経済
スポーツ
エンタメ
ログイン
市議会、旧市場ホールの閉鎖を決定
市議会は月曜日の夜、十年以上にわたって町を二分してきた議論に終止符を打ち、旧市場ホールを閉鎖することを決めた。
市の担当者によると、一八九四年に開業した建物は暖房と修繕の費用がかさみ、維持が難しくなっていたという。
ホールで店を営む商人には、春から毎週開かれる屋外市場での出店場所が用意される。
アクセスランキング
台風で北部の送電線が倒壊
新しいパン屋が旧駅舎に開店
会社概要
お問い合わせ
利用規約
プライバシーポリシー"""


def test_japanese_dump_is_measured_in_characters_not_spaces():
    assert units("市議会は月曜日の夜に決めた。") > 5
    kept = kept_lines(cleaned(JAPANESE_PAGE))
    assert len(kept) == 3 and kept[0].startswith("市議会は月曜日の夜")
    assert "アクセスランキング" not in kept


COMMENTS = """34 comments
jane_doe says:
12 March 2024 at 9:14 am
This is a disgrace, the hall has been part of the town for as long as anyone can remember and now it is gone.
Reply
bob1987 says:
12 March 2024 at 9:40 am
Good riddance, it was freezing in there every winter and the roof leaked onto the vegetables.
Reply
marketfan says:
12 March 2024 at 10:02 am
Where will the cheese stall go? Nobody from the council has said anything about the small traders at all.
Reply
oldtimer says:
12 March 2024 at 11:15 am
I remember buying fish there with my grandmother in the sixties. It was the heart of the town, and it will be missed.
Reply
Leave a Reply"""


def test_comment_thread_after_the_article_is_dropped_as_comments():
    page = NEWS_MENU + "\n" + "\n".join(NEWS_BODY) + "\n" + COMMENTS
    article = cleaned(page)
    assert kept_lines(article) == NEWS_BODY
    assert rules_of(article, "bob1987 says:") == {"text.comment-thread"}
    thread = [r.text for r in article.removed if r.rule == "text.comment-thread"]
    assert any(text.startswith("Good riddance") for text in thread)


PORTUGUESE_PAGE = """Início
Notícias
Esportes
Entretenimento
Colunistas
Câmara aprova fechamento do antigo mercado
A Câmara Municipal aprovou na segunda-feira o fechamento definitivo do antigo mercado, encerrando um debate que dividia a cidade havia mais de uma década.
Segundo a prefeitura, o prédio, inaugurado em 1894, ficou caro demais para aquecer e reformar.
Leia também
Chuva forte derruba árvores no centro
Prefeitura anuncia nova linha de ônibus
Os comerciantes que ainda alugam bancas no mercado poderão se instalar numa feira semanal a partir da primavera, informou a comissão de finanças.
O leilão do prédio está previsto para o outono, e um grupo de preservação pediu a proteção da fachada.
Calendário das feiras de 2024:
9 de março – Praça Central
16 de março – Largo da Estação
23 de março – Praça Central
30 de março – Parque Municipal
Publicidade
Termos de uso
Política de privacidade
Fale conosco"""


def test_related_box_inside_the_article_does_not_cut_it_and_an_announced_list_stays():
    kept = kept_lines(cleaned(PORTUGUESE_PAGE))
    assert kept[0].startswith("A Câmara Municipal aprovou")
    assert "O leilão do prédio está previsto para o outono" in " ".join(kept)
    assert "30 de março – Parque Municipal" in kept
    assert "Termos de uso" not in kept and "Início" not in kept


CLEAN_TEXT = """Market hall to close after 130 years

The city council voted on Monday night to close the old market hall for good.

Officials said the building had become too expensive to heat and repair.

What happens next

The hall will be sold at auction in the autumn.

It was built in 1894."""


def test_a_clean_text_loses_nothing_to_the_region_finder():
    article = cleaned(CLEAN_TEXT)
    assert not [r for r in article.removed if r.rule.startswith("text.")]
    assert kept_lines(article)[-1] == "It was built in 1894."


def test_the_curator_can_switch_the_region_finder_off(tmp_path):
    from builder.config import load_config

    (tmp_path / "config.yaml").write_text("title: T\ncleaning:\n  disable: [text.article-region]\n")
    config = load_config(tmp_path / "config.yaml")
    rules = load_rules(config.disable_rules, config.extra_rules)
    article = clean(SourceDoc(Path("page.txt"), "text", news_page()), rules, Diagnostics())
    assert "Politics" in kept_lines(article)
    assert not [r for r in article.removed if r.rule.startswith("text.")]


def test_a_table_inside_the_article_does_not_cut_it_in_two():
    rows = [f"Ward {i}: {1000 + 37 * i} votes ({40 + i}%)" for i in range(1, 16)]
    after = [
        "Turnout was the highest in the city's history, the electoral office said on Tuesday.",
        "A recount in Ward 7 has been requested by the losing candidate.",
    ]
    body = NEWS_BODY[:3] + ["Results by ward"] + rows + after
    kept = kept_lines(cleaned(NEWS_MENU + "\n" + "\n".join(body) + "\nAbout us\nContact\nCareers"))
    assert kept == body


def test_a_text_wrapped_at_a_fixed_width_is_left_alone():
    wrapped = "\n\n".join(textwrap.fill(paragraph, 72) for paragraph in NEWS_BODY)
    article = cleaned(NEWS_MENU + "\n" + wrapped)
    assert not [r for r in article.removed if r.rule.startswith("text.")]


def test_a_text_without_any_prose_is_left_to_the_other_rules():
    blocks = text_blocks("Home\nNews\nSport\nWeather\nContact")
    assert article_region(blocks, {}) == {}


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_stories_lose_nothing_to_the_region_finder(name):
    path = SEEDS / name
    article = cleaned(path.read_text(encoding="utf-8"))
    # The seeds' furniture is all named by rules and the other heuristics; the region finder
    # must not add to it (test_clean.py checks the removals line by line against gold.yaml).
    assert [r.line for r in article.removed if r.rule.startswith("text.")] == []


SENTENCE = re.compile(r"[.!?]['\"”’)]*\s*$")
CORPUS_FILES = sorted(CORPUS.glob("*/*.txt"))


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: f"{p.parent.name[:24]}/{p.name}")
def test_corpus_texts_lose_at_most_their_first_lines_furniture(path):
    text = path.read_text(encoding="utf-8")
    article = clean(SourceDoc(path, "text", text), RULES, Diagnostics())
    dropped = [r for r in article.removed if r.rule.startswith("text.")]
    first_kept = min((b.line for b in article.blocks), default=0)
    assert all(r.line < first_kept for r in dropped), [(r.line, r.text) for r in dropped]
    words = len(text.split())
    assert sum(len(r.text.split()) for r in dropped) <= max(0.1 * words, 10)
    assert not [r.text for r in dropped if len(r.text.split()) >= 25 and SENTENCE.search(r.text)]


@pytest.mark.parametrize("width", [60, 72, 100])
def test_corpus_texts_wrapped_at_a_fixed_width_lose_nothing(width):
    for path in CORPUS_FILES:
        lines = [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        # Three lines to a paragraph, each paragraph wrapped, as a plain-text e-mail would.
        paragraphs = [" ".join(lines[i : i + 3]) for i in range(1, len(lines), 3)]
        text = lines[0] + "\n\n" + "\n\n".join(textwrap.fill(p, width) for p in paragraphs)
        article = clean(SourceDoc(path, "text", text), RULES, Diagnostics())
        dropped = [r for r in article.removed if r.rule.startswith("text.")]
        words = len(text.split())
        assert sum(len(r.text.split()) for r in dropped) <= max(0.1 * words, 10), path.name


def test_a_large_dump_is_cleaned_quickly():
    page = "\n".join([NEWS_MENU] * 200 + [news_page()] * 50 + [COMMENTS] * 100)
    one_long_line = "x" * 1_000_000
    start = time.perf_counter()
    cleaned(page)
    cleaned(one_long_line + "\n" + news_page())
    assert time.perf_counter() - start < RUNAWAY_SECONDS
