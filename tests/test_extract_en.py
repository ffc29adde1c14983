"""English extraction (the same engine as French, on en_core_web_sm's parse) on small invented sentences."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kg.model import Article, Extraction

PUB = dt.date(2022, 9, 20)  # a Tuesday


def run(extractor: Any, body: str, title: str = "Headline", published: dt.date | None = PUB) -> Extraction:
    return extractor.extract(Article("x", title, f"{title}\n\n{body}", "en", published))


def people(ex: Extraction) -> set[str]:
    return {e.label for e in ex.entities.values() if e.kind == "Person"}


def posts(ex: Extraction) -> set[tuple[str, str, str | None]]:
    return {(ex.entities[p.person].label, p.role, p.organization) for p in ex.posts}


def parties(ex: Extraction, kind: str = "agreements") -> list[set[str]]:
    items = ex.agreements if kind == "agreements" else ex.meetings
    return [{ex.entities[k].label for k in (i.parties if kind == "agreements" else i.participants)}
            for i in items]


def test_title_before_name_makes_a_person_and_a_post(extractor: Any) -> None:
    ex = run(extractor, "Peruvian Foreign Minister Elena Castrillo arrived on Monday.")
    assert "Elena Castrillo" in people(ex)
    assert ("Elena Castrillo", "Peruvian Foreign Minister", "state/peru") in posts(ex)


def test_possessive_state_and_of_state_after_name(extractor: Any) -> None:
    ex = run(extractor, "Norway's Prime Minister Ola Brekke spoke. Later Foreign Minister Dag Lunde of Sweden spoke.")
    found = posts(ex)
    assert ("Ola Brekke", "Norway's Prime Minister", "state/norway") in found
    assert any(who == "Dag Lunde" and org == "state/sweden" for who, _, org in found)


def test_apposition_after_name_and_counterpart(extractor: Any) -> None:
    ex = run(extractor, "Karl Hufnagel, Austria's defense minister, met his Czech counterpart, Tomas Dvorak, in Vienna.")
    found = posts(ex)
    assert ("Karl Hufnagel", "Austria's defense minister", "state/austria") in found
    assert ("Tomas Dvorak", "Czech counterpart", "state/czech-republic") in found or any(
        who == "Tomas Dvorak" for who, _, _ in found)


def test_title_case_headline_does_not_swallow_words(extractor: Any) -> None:
    ex = run(extractor, "He spoke.", title="Talks With Chilean President Ana Rojas Before Their Meeting")
    assert "Ana Rojas" in people(ex)


def test_list_of_titled_names_is_not_an_apposition(extractor: Any) -> None:
    ex = run(extractor, "He thanked the Council for Trade and Development, Vice Premier Li Wen and others.")
    assert people(ex) == {"Li Wen"}


def test_agreement_with_coordinated_subjects_and_date(extractor: Any) -> None:
    ex = run(extractor, "Norway and Sweden signed a fisheries agreement on Thursday.")
    assert parties(ex) == [{"Norway", "Sweden"}]
    assert ex.agreements[0].status == "signed" and ex.agreements[0].date.iso == "2022-09-15"


def test_agreement_with_and_reached_a_deal(extractor: Any) -> None:
    ex = run(extractor, "Chile agreed with Peru on a border plan. Later Norway and Denmark reached a deal on fishing.")
    assert parties(ex) == [{"Chile", "Peru"}, {"Norway", "Denmark"}]


def test_future_agreement_is_planned(extractor: Any) -> None:
    ex = run(extractor, "Norway and Sweden will sign a treaty next month.")
    assert [a.status for a in ex.agreements] == ["planned"]


def test_non_agreements_are_refused(extractor: Any) -> None:
    for body in ("Norway and Sweden did not sign the treaty.",
                 "Norway and Sweden could sign a treaty.",
                 "Norway said it was ready to sign a treaty with Sweden.",
                 "Norway refused to agree with Sweden.",
                 "If Norway and Sweden agree, talks will follow.",
                 "Norway and Sweden cancelled the agreement they signed."):
        assert run(extractor, body).agreements == [], body


def test_meeting_with_place_and_date(extractor: Any) -> None:
    ex = run(extractor, "Peruvian President Ana Rojas met Chilean President Luis Vera in Lima on Monday.")
    assert parties(ex, "meetings") == [{"Ana Rojas", "Luis Vera"}]
    m = ex.meetings[0]
    assert m.place == "place/lima" or m.place == "state/peru" or m.place is not None
    assert m.date is not None and m.date.iso == "2022-09-19"


def test_meeting_by_talks_between_and_held_talks_with(extractor: Any) -> None:
    ex = run(extractor, "Talks between Norway and Sweden ended. Later Chile held talks with Peru.")
    assert parties(ex, "meetings") == [{"Norway", "Sweden"}, {"Chile", "Peru"}]


def test_non_meetings_are_refused(extractor: Any) -> None:
    for body in ("Norway and Sweden spoke by phone on Monday.",
                 "Prime Minister Ola Brekke will meet President Luis Vera next week.",
                 "Prime Minister Ola Brekke cancelled his meeting with President Luis Vera.",
                 "Prime Minister Ola Brekke did not meet President Luis Vera.",
                 "The minister's meetings with Norway, Sweden and Chile were short."):
        assert run(extractor, body).meetings == [], body


def test_english_dates_resolve_against_publication(extractor: Any) -> None:
    from kg.extract.dates import find_dates

    got = [d.iso for _, _, d in find_dates("They met yesterday. Then on March 3, last week and on 3 March 2014.",
                                           PUB, "en")]
    assert got == ["2022-09-19", "2022-03-03", "2022-W37", "2014-03-03"]


def aliases(ex: Extraction, label: str) -> set[str]:
    return next(e.aliases for e in ex.entities.values() if e.label == label)


def test_title_and_name_are_kept_as_surface_forms(extractor: Any) -> None:
    ex = run(extractor, "She met Peruvian Foreign Minister Castrillo. Later Foreign Minister Lunde of Sweden spoke.")
    assert {"Peruvian Foreign Minister Castrillo", "Foreign Minister Castrillo"} <= aliases(ex, "Castrillo")
    assert "Foreign Minister Lunde of Sweden" in aliases(ex, "Lunde")


def test_counterpart_description_resolves_to_the_named_minister(extractor: Any) -> None:
    ex = run(extractor, "The minister met Peruvian Foreign Minister Castrillo. She asked her Peruvian counterpart "
                        "to call.")
    assert "her Peruvian counterpart" in aliases(ex, "Castrillo")


def test_unnamed_principal_is_never_guessed_from_the_text(extractor: Any) -> None:
    """Only a publisher's office resolves "The President": a title holder named in the text is not the
    principal (a mirror of a readout would otherwise give a foreign president)."""
    ex = run(extractor, "President Ola Brekke of Norway met Dag Lunde. The President thanked him.")
    assert "The President" not in aliases(ex, "Ola Brekke")
    ex = run(extractor, "The President met Foreign Minister Dag Lunde on Monday.")
    assert people(ex) == {"Dag Lunde"}  # no person is made up


def test_places_and_bodies_from_their_shape(extractor: Any) -> None:
    ex = run(extractor, "Fighting went on in Syria's Zawiya province. Talks on the Korean Peninsula were held "
                        "in Cartagena by the Andean Economic Forum.")
    kinds = {e.label: e.kind for e in ex.entities.values()}
    assert kinds.get("Zawiya") == "Place" and kinds.get("Korean Peninsula") == "Place"
    assert kinds.get("Cartagena") == "Place" and kinds.get("Andean Economic Forum") == "Organization"


def test_header_place_lines_and_outlet_line(extractor: Any) -> None:
    text = "The White House\n\nRemarks Before the Meeting\n\nTreaty Room\nWashington, DC\nJanuary 17, 2014\n\n" \
           "Secretary of State John Kerry met Foreign Secretary Jose Antonio Meade."
    ex = extractor.extract(Article("x", "Remarks", text, "en", dt.date(2014, 1, 17)))
    kinds = {e.label: e.kind for e in ex.entities.values()}
    assert kinds.get("Washington, DC") == "Place" and kinds.get("Treaty Room") == "Place"
    assert "Presidency of the United States" not in kinds  # the publisher is no actor
    assert [m.date.iso for m in ex.meetings if m.date] == ["2014-01-17"]  # the header date line


def test_collective_leaders_and_joint_pledge(extractor: Any) -> None:
    ex = run(extractor, "President Ana Rojas has joined with leaders of nine other Southeast Asian nations in a pledge "
                        "to reopen fishing talks. The pledge was made Sunday at the ASEAN summit. ASEAN leaders also "
                        "agreed to study ways to cut tariffs.", published=dt.date(2022, 9, 20))
    assert {"Ana Rojas", "ASEAN leaders"} in parties(ex)  # "leaders of nine other nations": the body's members
    assert any(p == {"ASEAN leaders"} for p in parties(ex))


def test_wire_dateline_dates_undated_lead_events(extractor: Any) -> None:
    ex = run(extractor, "ATHENS - Greece and Cyprus agreed to a fisheries deal in the Aegean.",
             published=dt.date(2020, 3, 5))
    assert [a.date.iso for a in ex.agreements if a.date] == ["2020-03-05"]


_TRANSCRIPT_HEAD = ("Remarks With Peruvian Foreign Minister Elena Castrillo\n\n"
                    "Ana Rojas\nSecretary of State\nWashington, DC\nSeptember 20, 2022\n\n")


def _turn(extractor: Any, turns: str) -> Extraction:
    return extractor.extract(Article("x", "Remarks", _TRANSCRIPT_HEAD + turns, "en", PUB))


def test_speaker_turn_welcome_here_and_meeting_today(extractor: Any) -> None:
    ex = _turn(extractor, "SECRETARY ROJAS: It is my pleasure to welcome Foreign Minister Elena Castrillo here. "
                          "Later we will sit down together.\n\nFOREIGN MINISTER CASTRILLO: Thank you.")
    assert parties(ex, "meetings") == [{"Ana Rojas", "Elena Castrillo"}]
    m = ex.meetings[0]
    assert m.date is not None and m.date.iso == "2022-09-20"  # the header's date line
    ex = _turn(extractor, "SECRETARY ROJAS: Foreign Minister Elena Castrillo and I met this morning.")
    assert parties(ex, "meetings") == [{"Ana Rojas", "Elena Castrillo"}]
    ex = _turn(extractor, "SECRETARY ROJAS: I am glad to welcome Foreign Minister Elena Castrillo here so we can "
                          "continue the talks we had in Lima.")
    # the welcome (of the day) and the earlier talks are one pair of participants: one meeting, dated by the welcome
    assert parties(ex, "meetings") == [{"Ana Rojas", "Elena Castrillo"}]
    assert ex.meetings[0].date is not None and ex.meetings[0].date.iso == "2022-09-20"


def test_speaker_turn_non_meetings_are_refused(extractor: Any) -> None:
    for turns in ("SECRETARY ROJAS: We welcome the decision of Foreign Minister Elena Castrillo to free them.",
                  "SECRETARY ROJAS: We welcome Foreign Minister Elena Castrillo's decision here.",
                  "SECRETARY ROJAS: I look forward to welcoming Foreign Minister Elena Castrillo here next month.",
                  "SECRETARY ROJAS: I spoke by phone with Foreign Minister Elena Castrillo; we will meet today.",
                  "SECRETARY ROJAS: We will meet Foreign Minister Elena Castrillo next week in Lima.",
                  "SECRETARY ROJAS: I did not welcome Foreign Minister Elena Castrillo here.",
                  "QUESTION: Will you welcome Foreign Minister Elena Castrillo here?",
                  "Foreign Minister Elena Castrillo said we met today."):
        assert _turn(extractor, turns).meetings == [], turns


def run_release(extractor: Any, body: str, url: str | None, published: dt.date | None,
                title: str = "Readout") -> Extraction:
    return extractor.extract(Article("x", title, f"{title}\n\n{body}", "en", published, url))


def test_the_secretary_of_a_state_department_release_is_the_holder_on_the_day(extractor: Any) -> None:
    body = ("Senior State Department Official\n\nThe Secretary met Peruvian Foreign Minister Elena Castrillo "
            "today to discuss U.S.-Peru trade. As for her meeting with Foreign Minister "
            "Castrillo, it lasted an hour.")
    ex = run_release(extractor, body, "https://2009-2017.state.gov/r/pa/x.htm", dt.date(2014, 3, 4))
    assert "John Kerry" in people(ex)
    assert ("John Kerry", "Secretary", "state/united-states") in posts(ex)
    assert {"John Kerry", "Elena Castrillo"} in parties(ex, "meetings")
    assert any("her meeting" in e for m in ex.meetings for e in m.evidence)
    # the same text two years earlier means her predecessor
    earlier = run_release(extractor, body, "https://2009-2017.state.gov/r/pa/x.htm", dt.date(2011, 9, 26))
    assert "Hillary Clinton" in people(earlier) and "John Kerry" not in people(earlier)


def test_the_president_of_an_archived_white_house_release_without_a_date(extractor: Any) -> None:
    """An archive host covers one administration: its President is known without a date."""
    body = "The White House\n\nOffice of the Press Secretary\n\nThe President met today with Vice Premier Wang Yang."
    ex = run_release(extractor, body, "https://obamawhitehouse.archives.gov/the-press-office/x", None)
    assert {"Barack Obama", "Wang Yang"} in parties(ex, "meetings")
    # a live host with no date cannot tell which President
    live = run_release(extractor, body, "https://www.whitehouse.gov/briefing-room/x", None)
    assert "Barack Obama" not in people(live) and not live.meetings


def test_the_president_of_an_unknown_publisher_stays_unresolved(extractor: Any) -> None:
    ex = run_release(extractor, "The President met today with Vice Premier Wang Yang.",
                     "https://news.example.org/x", dt.date(2014, 3, 4))
    assert people(ex) == {"Wang Yang"}


def test_a_publisher_known_by_its_header_line_and_the_handover_day(extractor: Any) -> None:
    body = "The White House\n\nThe President met today with Vice Premier Wang Yang."
    ex = run_release(extractor, body, None, dt.date(2017, 1, 20))
    assert "Donald Trump" in people(ex) and "Barack Obama" not in people(ex)


def test_meetings_with_a_list_are_one_meeting_with_each(extractor: Any) -> None:
    body = ("Senior State Department Official\n\nHere to brief you on the Secretary's meetings this afternoon "
            "with Peruvian Foreign Minister Elena Castrillo, Chilean Foreign Minister Ana Rojas, and others.")
    ex = run_release(extractor, body, "https://2009-2017.state.gov/r/pa/x.htm", dt.date(2014, 3, 4))
    assert sorted(map(sorted, parties(ex, "meetings"))) == [["Ana Rojas", "John Kerry"],
                                                            ["Elena Castrillo", "John Kerry"]]


def test_meeting_verb_then_adverb_then_with(extractor: Any) -> None:
    ex = run(extractor, "Peruvian Foreign Minister Elena Castrillo met separately with Chilean Foreign Minister "
                        "Ana Rojas in Lima.")
    assert {"Elena Castrillo", "Ana Rojas"} in parties(ex, "meetings")


def test_people_named_for_a_possessor_stand_in_its_place(extractor: Any) -> None:
    ex = run(extractor, "Peruvian Foreign Minister Elena Castrillo met today with Chile's Special Envoys to the "
                        "Pacific Forum, Deputy Minister Ana Rojas and Ambassador Luis Vera.")
    assert parties(ex, "meetings") == [{"Elena Castrillo", "Ana Rojas", "Luis Vera"}]
    alone = run(extractor, "Peruvian Foreign Minister Elena Castrillo met today with Chile's foreign minister.")
    assert parties(alone, "meetings") == [{"Elena Castrillo", "Chile"}]
