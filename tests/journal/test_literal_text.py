"""User and curator text is drawn as written: "$" never starts matplotlib's mathtext (#6).

A curator's exercise named `Toe $\\foo{$ gripping` made the adherence charts and every
doctor's PDF a 500 for everyone; a "$" in a first name broke that person's PDF.
"""

import re

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from tests.factories import make_entries, make_user

CURATORS_NAME = "Toe $\\foo{$ gripping"
FIRST_NAME = "Jo $5 $\\alpha"


@pytest.fixture
def dollar_journal(catalog, frozen_today, client_of):
    catalog[0].name = CURATORS_NAME
    catalog[0].save()
    person = make_user("jo", first_name=FIRST_NAME, last_name="Smith")
    make_entries(person, frozen_today, 40)  # ticks the first two exercises every day
    return client_of(person)


def download_urls(page) -> list[str]:
    urls = re.findall(r'(?:href|src)="(/journal/reports/[^"]*v=[^"]*)"', page.text)
    return sorted({url.replace("&amp;", "&") for url in urls})


def test_every_chart_in_every_format_and_the_pdf_draw_dollar_signs(dollar_journal) -> None:
    page = dollar_journal.get("/journal/reports/?range=30")
    assert page.status_code == 200
    urls = download_urls(page)
    kinds = {
        re.search(r"(trend|practice|adherence)\.(png|svg|pdf)|doctor\.pdf", u)[0] for u in urls
    }
    assert kinds == {
        f"{kind}.{fmt}"
        for kind in ("trend", "practice", "adherence")
        for fmt in ("png", "svg", "pdf")
    } | {"doctor.pdf"}
    for url in urls:
        response = dollar_journal.get(url)
        assert response.status_code == 200, url


def test_no_text_with_a_dollar_is_read_as_mathematics(dollar_journal, monkeypatch) -> None:
    drawn: list[Figure] = []
    save = Figure.savefig

    def record(self: Figure, *args: object, **kwargs: object) -> object:
        drawn.append(self)
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", record)
    page = dollar_journal.get("/journal/reports/?range=30")
    for url in download_urls(page):
        if ".png?" in url or "doctor.pdf" in url:
            assert dollar_journal.get(url).status_code == 200
    assert len(drawn) == 4  # three PNG charts and the doctor's PDF
    with_dollars = [text for fig in drawn for text in fig.findobj(Text) if "$" in text.get_text()]
    # The curator's name in the adherence chart's labels and the PDF's table, the
    # person's name in the PDF title.
    assert any(CURATORS_NAME in t.get_text() for t in with_dollars)
    assert any(FIRST_NAME in t.get_text() for t in with_dollars)
    assert [t.get_text() for t in with_dollars if t.get_parse_math()] == []
