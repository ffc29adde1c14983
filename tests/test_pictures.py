"""The entity pages' pictures (kg/web/pictures.py): SVG drawn on the server from the page's own facts."""
from __future__ import annotations

import re

from kg.web.pictures import network, of_entity, timeline


def ref(name: str, kind: str = "state") -> dict[str, str]:
    slug = name.lower().replace(" ", "-")
    return {"iri": f"https://w3id.org/newskg/id/{kind}/{slug}", "href": f"/id/{kind}/{slug}", "label": name}


def source(n: int, date: str) -> dict[str, str]:
    return {"iri": f"https://w3id.org/newskg/id/article/a{n}", "href": f"/id/article/a{n}", "label": f"a{n}",
            "date": date}


def post(role: str, start: str | None, end: str | None, seen: str, status: str = "current") -> dict:
    return {"kind": "post", "href": "/id/article/a1/membership/1", "role": role, "organization": ref("Chile"),
            "status": status, "start": start, "end": end, "source": source(1, seen)}


def meeting(n: int, date: str | None, *who: str) -> dict:
    return {"kind": "meeting", "href": f"/id/article/a{n}/meeting/1", "date": date, "source": source(n, "2021-01-01"),
            "counterparts": [ref(w) for w in who], "label": None}


def test_a_post_with_a_stated_start_and_end_is_a_bar_between_them() -> None:
    svg = str(timeline([post("ministre", "2018-03", "2020-01-15", "2021-05-10", "former")], [], []))
    bar = re.search(r'<rect class="mark post status-former" x="([\d.]+)" y="\d+" width="([\d.]+)"', svg)
    assert bar, svg
    years = {int(y) for y in re.findall(r'class="year" x="[\d.]+" y="11">(\d{4})<', svg)}
    assert min(years) == 2018 and max(years) >= 2021
    assert "from 2018-03" in svg and "until 2020-01-15" in svg  # the tooltip says what the bar says


def test_a_post_seen_once_is_a_dot_at_its_articles_date_and_meetings_have_their_row() -> None:
    svg = str(timeline([post("président", None, None, "2021-05-10")], [meeting(2, "2021-03-02", "Peru")], []))
    assert '<circle class="mark post' in svg and '<circle class="mark meeting' in svg
    assert ">meetings<" in svg and "with Peru" in svg


def test_nothing_is_drawn_without_two_dated_marks() -> None:
    assert str(timeline([], [meeting(1, None, "Peru") | {"source": {}}], [])) == ""
    assert str(timeline([post("président", None, None, "2021-05-10")], [], [])) == ""
    assert str(network("Chile", [], [])) == ""


def test_names_are_escaped_not_run() -> None:
    svg = str(network("Chile", [meeting(1, "2021-01-01", "<script>alert(1)</script>")], []))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_network_lines_weigh_the_articles_that_tell_of_two_actors() -> None:
    meetings = [meeting(1, "2021-01-01", "Peru"), meeting(2, "2021-02-01", "Peru"), meeting(3, "2021-03-01", "Peru"),
                meeting(4, "2021-04-01", "Bolivia")]
    svg = str(network("Chile", meetings, []))
    widths = dict(re.findall(r'stroke-width="([\d.]+)"><title>(\w+):', svg)[i][::-1] for i in range(2))
    assert float(widths["Peru"]) > float(widths["Bolivia"])
    assert "Peru: 3 meeting(s), 0 agreement(s), in 3 article(s)" in svg


def test_a_bodys_timeline_names_each_row_after_its_holder() -> None:
    member = post("président", "2018-03", None, "2021-05-10") | {"member": ref("Ana Ruiz", "person")}
    view = {"is_org": True, "label": "Chile", "members": [member], "posts": [],
            "meetings": [meeting(2, "2021-03-02", "Peru")], "agreements": []}
    assert ">Ana Ruiz — président<" in str(of_entity(view)["timeline"])
