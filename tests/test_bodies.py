"""Named bodies and non-actors (kg/extract/bodies.py and the news gazetteer), on invented sentences."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kg.model import Article, Extraction

PUB = dt.date(2019, 3, 12)


def run(extractor: Any, body: str, lang: str = "fr") -> Extraction:
    text = f"Titre\n\n{body}" if lang == "fr" else f"Title\n\n{body}"
    return extractor.extract(Article("x", "Titre", text, lang, PUB))


def found(ex: Extraction) -> dict[str, str]:
    """Mention text -> kind of its entity."""
    return {m.text: ex.entities[m.entity].kind for m in ex.mentions}


def keys(ex: Extraction, text: str) -> set[str]:
    return {m.entity for m in ex.mentions if m.text == text}


# -- institution noun phrases ------------------------------------------------------------------
@pytest.mark.parametrize("body, span", [
    ("Le directeur de l'hôpital Saint-Lucien a écrit lundi à ses collègues.", "hôpital Saint-Lucien"),
    ("Les plaintes ont été transmises au ministère de la Culture jeudi.", "ministère de la Culture"),
    ("Elle a fait appel devant la cour d'appel de Bordeaux en mars.", "cour d'appel de Bordeaux"),
    ("Les chercheurs de l'université de Grenoble ont publié une étude.", "université de Grenoble"),
    ("Le parquet national financier a ouvert une enquête préliminaire.", "parquet national financier"),
])
def test_institution_phrase_is_an_organisation(extractor: Any, body: str, span: str) -> None:
    assert found(run(extractor, body)).get(span) == "Organization", found(run(extractor, body))


def test_a_body_named_inside_another_stays(extractor: Any) -> None:
    ex = run(extractor, "La commission des finances de l'Assemblée nationale a auditionné le ministre.")
    kinds = found(ex)
    assert kinds.get("commission des finances de l'Assemblée nationale") == "Organization"
    assert kinds.get("Assemblée nationale") == "Organization"


def test_state_body_named_by_a_nationality_belongs_to_the_state(extractor: Any) -> None:
    ex = run(extractor, "Le parlement estonien a voté la réforme mardi soir.")
    [key] = keys(ex, "parlement estonien")
    assert ex.entities[key].kind == "Organization" and ex.entities[key].part_of == "state/estonia"


@pytest.mark.parametrize("body, words", [
    ("Une université de Tokyo a publié un rapport sur le climat.", "université de Tokyo"),
    ("Le tribunal correctionnel a rendu sa décision vendredi.", "tribunal correctionnel"),
    ("Le parti de Marine Le Pen a tenu un meeting à Lyon.", "parti de Marine Le Pen"),
    ("Une banque suisse a gelé les avoirs du ministre.", "banque suisse"),
])
def test_descriptions_are_not_names(extractor: Any, body: str, words: str) -> None:
    ex = run(extractor, body)
    assert not [t for t, k in found(ex).items() if k == "Organization" and words in t], found(ex)


def test_english_institutions(extractor: Any) -> None:
    ex = run(extractor, "Researchers at the University of Leeds briefed the Ministry of Health on Monday.", "en")
    kinds = found(ex)
    assert kinds.get("University of Leeds") == "Organization" and kinds.get("Ministry of Health") == "Organization"


# -- media, parties, armed groups, movements ---------------------------------------------------
def test_media_party_and_armed_group_are_organisations(extractor: Any) -> None:
    ex = run(extractor, "Selon Le Figaro, des élus du PS ont dénoncé les menaces de l'État islamique.")
    assert keys(ex, "Le Figaro") == {"org/le-figaro"}
    assert keys(ex, "PS") == {"org/socialist-party-france"}
    assert keys(ex, "État islamique") == {"org/islamic-state"}
    assert all(ex.entities[k].kind == "Organization" for k in ("org/le-figaro", "org/socialist-party-france",
                                                               "org/islamic-state"))


def test_name_after_a_contracted_article(extractor: Any) -> None:
    ex = run(extractor, "Le maire a confié au Parisien qu'il quitterait le parti, puis il a répondu aux Échos.")
    assert keys(ex, "Parisien") == {"org/le-parisien"} and keys(ex, "Échos") == {"org/les-echos"}


def test_english_media_and_armed_group(extractor: Any) -> None:
    ex = run(extractor, "AFP reported that Hezbollah had moved its fighters north.", "en")
    assert keys(ex, "AFP") == {"org/agence-france-presse"} and keys(ex, "Hezbollah") == {"org/hezbollah"}


def test_movement_is_not_a_person(extractor: Any) -> None:
    ex = run(extractor, "Les Gilets jaunes ont bloqué un rond-point samedi. Les Gilets jaunes sont repartis le soir.")
    assert {ex.entities[k].kind for k in keys(ex, "Gilets jaunes")} == {"Organization"}
    assert not [e for e in ex.entities.values() if e.kind == "Person"]


def test_state_inside_a_company_name_is_not_the_state(extractor: Any) -> None:
    ex = run(extractor, "Air France a annulé la moitié de ses vols vers Lyon mardi.")
    assert "state/france" not in ex.entities
    assert {ex.entities[k].kind for k in keys(ex, "Air France")} == {"Organization"}


# -- what is not an actor -----------------------------------------------------------------------
@pytest.mark.parametrize("body, lang, word", [
    ("Le missile Zéphyr a été tiré depuis un navire.", "fr", "Zéphyr"),
    ("La Coupe Davis reprend lundi à Madrid.", "fr", "Coupe Davis"),
    ("The Davis Cup resumes in Madrid on Monday.", "en", "Davis Cup"),
    ("Operation Barkhane ended in August.", "en", "Barkhane"),
])
def test_weapons_and_events_are_not_actors(extractor: Any, body: str, lang: str, word: str) -> None:
    ex = run(extractor, body, lang)
    assert not [m for m in ex.mentions if word in m.text and ex.entities[m.entity].kind in ("Person", "Organization")], \
        found(ex)


def test_a_family_is_not_a_person(extractor: Any) -> None:
    ex = run(extractor, "Les Martinez ont quitté leur maison de Nantes en février.")
    assert not [e for e in ex.entities.values() if e.kind == "Person"], found(ex)


@pytest.mark.parametrize("body", [
    "La famille Kervella a quitté Nantes en février.",
    "Vers midi, un cortège de Brgs de Toulouse arrive place du Capitole.",
])
def test_families_and_abbreviations_are_not_people(extractor: Any, body: str) -> None:
    ex = run(extractor, body)
    assert not [e for e in ex.entities.values() if e.kind == "Person"], found(ex)


def test_one_person_of_a_nationality_is_not_the_state(extractor: Any) -> None:
    ex = run(extractor, "Le Portugais a remporté la course devant deux coureurs kényans.")
    assert "state/portugal" not in ex.entities, found(ex)


def test_article_of_a_name(extractor: Any) -> None:
    ex = run(extractor, "Le Drian est arrivé à Berlin mardi. Plus tard, Le Drian a rencontré son homologue.")
    assert [m.text for m in ex.mentions if ex.entities[m.entity].kind == "Person"] == ["Le Drian", "Le Drian"]
    ex = run(extractor, "Le Norvégien Lars Haugen a gagné l'étape.")
    assert [m.text for m in ex.mentions if ex.entities[m.entity].kind == "Person"] == ["Lars Haugen"]
    assert "state/norway" not in ex.entities
