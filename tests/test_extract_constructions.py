"""The constructions the extraction engine reads, in both languages, on sentences written for these tests.

One engine reads French and English the same way; what differs is the language pack. Each case
names the construction (issue 13, "Constructions, not phrases" and "Discourse").
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kg.model import Article, Extraction

PUB = dt.date(2021, 3, 10)  # a Wednesday


def run(extractor: Any, lang: str, body: str, url: str | None = None, published: dt.date | None = PUB) -> Extraction:
    return extractor.extract(Article("c", "Titre", f"Titre\n\n{body}", lang, published, url))


def labels(ex: Extraction, keys: list[str]) -> set[str]:
    return {ex.entities[k].label for k in keys}


def agreement_parties(ex: Extraction) -> list[set[str]]:
    return [labels(ex, a.parties) for a in ex.agreements]


def meeting_parties(ex: Extraction) -> list[set[str]]:
    return [labels(ex, m.participants) for m in ex.meetings]


@pytest.mark.parametrize("lang, body, parties", [
    # passive with "between"
    ("fr", "Un accord sur la pêche a été signé entre le Danemark et la Norvège.", {"Denmark", "Norway"}),
    ("en", "A fisheries agreement was signed between Denmark and Norway.", {"Denmark", "Norway"}),
    # passive with its agent
    ("en", "The protocol was ratified by Chile and Peru last month.", {"Chile", "Peru"}),
    # a nominal agreement with its participants
    ("fr", "L'accord entre le Danemark et la Norvège porte sur la pêche.", {"Denmark", "Norway"}),
    ("en", "The accord between Denmark and Norway covers fishing.", {"Denmark", "Norway"}),
    # coordinated subjects
    ("fr", "Le Danemark et la Norvège ont conclu un accord sur la pêche.", {"Denmark", "Norway"}),
    ("en", "Denmark and Norway signed a fisheries pact.", {"Denmark", "Norway"}),
    # a partner after "avec" / "with"
    ("fr", "Le Danemark a signé un accord avec la Norvège.", {"Denmark", "Norway"}),
])
def test_agreement_constructions(extractor: Any, lang: str, body: str, parties: set[str]) -> None:
    assert parties in agreement_parties(run(extractor, lang, body))


@pytest.mark.parametrize("lang, body", [
    ("fr", "Le Conseil de sécurité a adopté une résolution sur le Mali."),
    ("en", "The Security Council adopted a resolution on Mali."),
])
def test_a_collective_body_deciding_is_the_only_party(extractor: Any, lang: str, body: str) -> None:
    ex = run(extractor, lang, body)
    assert [a.status for a in ex.agreements] == ["collective decision"]
    assert agreement_parties(ex) == [{"United Nations Security Council"}]


def test_a_named_agreement_extended_with_no_party_names_its_instrument(extractor: Any) -> None:
    ex = run(extractor, "fr", "Les accords de Vilnius ont été prolongés de deux ans.")
    (a,) = ex.agreements
    assert a.parties == [] and a.status == "extended" and a.instrument and "Vilnius" in a.instrument
    assert not any(e.kind == "Place" and e.label == "Vilnius" for e in ex.entities.values())  # part of a name


def test_a_state_ratifying_a_treaty_alone(extractor: Any) -> None:
    ex = run(extractor, "fr", "Le Portugal a ratifié le traité sur les océans.")
    (a,) = ex.agreements
    assert labels(ex, a.parties) == {"Portugal"} and a.status == "ratified" and a.instrument


@pytest.mark.parametrize("lang, body", [
    ("fr", "Le Danemark et la Norvège ne signeront pas l'accord."),
    ("fr", "Le Danemark souhaite signer un accord avec la Norvège."),
    ("fr", "Le Danemark et la Norvège se disent prêts à signer un accord."),
    ("en", "Denmark refused to sign the pact with Norway."),
    ("en", "Denmark could sign a pact with Norway if talks resume."),
    ("en", "Will Denmark sign a pact with Norway?"),
    # a company, a ministry, a government or a court deciding alone: its own act
    ("fr", "Le groupe Renault a décidé de fermer son usine de Flins."),
    ("fr", "Le ministère de la Santé a décidé de suspendre la vente du vaccin."),
    ("fr", "Le gouvernement danois a pris la décision de fermer les écoles."),
    ("fr", "Le Conseil d'État a décidé que le décret était illégal."),
    ("en", "The Danish government decided to close the schools."),
    # no subject taken from inside a quotation for a verb outside it
    ("fr", "Lars Holm a parlé. « Je salue Ingrid Berg et Erik Dahl pendant la transition. Ils ont été fantastiques » , "
           "a-t-il d'abord affirmé, avant d'en profiter pour réaffirmer tout au long de son discours les idées qu'il "
           "a promues."),
    # a country's parliament passing its own law
    ("fr", "Le Parlement danois a adopté une loi sur la chasse."),
    ("en", "The Danish parliament passed a hunting bill."),
    ("fr", "L'Assemblée nationale du Danemark a adopté la loi actant le retrait du pays du statut de Rome."),
    # a thing as the subject of a verb of commitment
    ("fr", "Lars Holm et Erik Dahl mènent la course. S'engage alors un combat sans merci contre les poursuivants "
           "mais également un affrontement en tête à tête entre les deux leaders."),
    # a group after a person and a state named in one phrase ("danois" took the state): whom is not said
    ("fr", "Les regards étaient tournés vers les frères Lars et Erik Holm. Les deux danois qui totalisent plusieurs "
           "titres mondiaux et une couronne olympique pour Erik, ont décidé de faire leur retour ensemble."),
])
def test_no_agreement_where_none_was_made(extractor: Any, lang: str, body: str) -> None:
    assert run(extractor, lang, body).agreements == []


@pytest.mark.parametrize("lang, body, participants", [
    ("fr", "Le ministre danois Lars Holm a rencontré son homologue norvégien, Erik Dahl, à Oslo.",
     {"Lars Holm", "Erik Dahl"}),
    ("en", "Danish minister Lars Holm met his Norwegian counterpart, Erik Dahl, in Oslo.", {"Lars Holm", "Erik Dahl"}),
    # a reciprocal verb with a coordinated subject
    ("fr", "Lars Holm et Erik Dahl se sont entretenus mardi à Oslo.", {"Lars Holm", "Erik Dahl"}),
    # a meeting noun with its participants
    ("fr", "La rencontre entre Lars Holm et Erik Dahl a duré deux heures.", {"Lars Holm", "Erik Dahl"}),
    # a clause joined by "but" does not undo the meeting
    ("en", "Lars Holm met Erik Dahl on Monday but failed to win his support.", {"Lars Holm", "Erik Dahl"}),
    ("fr", "Lars Holm a rencontré Erik Dahl lundi mais n'a pas obtenu son soutien.", {"Lars Holm", "Erik Dahl"}),
    # talks told through a noun of a series ("a new round of talks")
    ("en", "Denmark and Norway held a new round of talks in Oslo on Monday.", {"Denmark", "Norway"}),
    ("fr", "Le Danemark et la Norvège ont tenu un nouveau cycle de négociations à Oslo.", {"Denmark", "Norway"}),
    # a list of titled names after "with"
    ("en", "Lars Holm held a press conference with President of the Nordic Council Erik Dahl, Norway's Prime "
           "Minister Jonas Berg and Chief Negotiator Anna Lind.", {"Lars Holm", "Erik Dahl", "Jonas Berg", "Anna Lind"}),
    # who a noun's complement names is not a participant ("ami de X")
    ("fr", "Lars Holm a eu des rencontres avec Erik Dahl et Anna Lind, patronne de Nordvik et amie de Jonas Berg.",
     {"Lars Holm", "Erik Dahl", "Anna Lind"}),
    # who a relative clause names is not a participant
    ("en", "President Lars Holm attended the Nordic Council meeting, where Nordic leaders met Erik Dahl.",
     {"Lars Holm", "Nordic Council"}),
    # a party in brackets after a person is the person's, no participant
    ("fr", "Pendant la réunion entre le député Lars Holm (Parti vert) et Erik Dahl, le ton est monté.",
     {"Lars Holm", "Erik Dahl"}),
    # a visit noun with whom it visits
    ("fr", "Lors de sa visite chez Erik Dahl, Lars Holm a évoqué la pêche.", {"Lars Holm", "Erik Dahl"}),
    ("en", "During his visit to Erik Dahl, Lars Holm raised fishing.", {"Lars Holm", "Erik Dahl"}),
    # "il"/"he" in a clause that depends on another: that clause's subject
    ("fr", "Lars Holm est arrivé à Oslo, où il a rencontré Erik Dahl.", {"Lars Holm", "Erik Dahl"}),
    ("fr", "Lars Holm a déclaré qu'il avait rencontré Erik Dahl la veille.", {"Lars Holm", "Erik Dahl"}),
    ("en", "Lars Holm flew to Oslo, where he met Erik Dahl.", {"Lars Holm", "Erik Dahl"}),
    ("en", "The talks between Lars Holm and Erik Dahl lasted two hours.", {"Lars Holm", "Erik Dahl"}),
    # a light verb with a meeting noun
    ("fr", "Lars Holm a eu un entretien avec Erik Dahl.", {"Lars Holm", "Erik Dahl"}),
    ("en", "Lars Holm held talks with Erik Dahl on Monday.", {"Lars Holm", "Erik Dahl"}),
    # a passive of a meeting verb
    ("fr", "Lars Holm a été reçu par Erik Dahl.", {"Lars Holm", "Erik Dahl"}),
])
def test_meeting_constructions(extractor: Any, lang: str, body: str, participants: set[str]) -> None:
    assert participants in meeting_parties(run(extractor, lang, body))


@pytest.mark.parametrize("lang, body", [
    ("fr", "Lars Holm s'est entretenu par téléphone avec Erik Dahl."),
    ("fr", "La rencontre entre Lars Holm et Erik Dahl a été annulée."),
    ("fr", "Cette année, le Danemark et la Norvège se retrouvent en finale."),  # countries as teams
    ("fr", "Lars Holm ainsi que Erik Dahl ont annoncé leur visite."),  # a visit noun, nobody visited
    ("fr", "Selon la presse, Lars Holm aurait rencontré Erik Dahl en juin."),  # reported, not established
    ("en", "Lars Holm will meet Erik Dahl next week."),
    ("en", "Lars Holm spoke by phone with Erik Dahl."),
    ("en", "The upcoming meeting between Lars Holm and Erik Dahl was announced."),
    # travelling together is no meeting between the travellers
    ("fr", "Le ministre Lars Holm et la ministre Ingrid Dahl ont visité Bergen."),
])
def test_no_meeting_where_none_took_place(extractor: Any, lang: str, body: str) -> None:
    assert run(extractor, lang, body).meetings == []


def test_parenthesised_people_stand_for_their_states(extractor: Any) -> None:
    ex = run(extractor, "en", "The foreign ministers of Denmark (Lars Holm) and Norway (Erik Dahl) signed a pact.")
    assert {"Lars Holm", "Erik Dahl"} in agreement_parties(ex)


@pytest.mark.parametrize("lang, body", [
    ("fr", "Le Danemark et la Norvège ont discuté mardi. Les deux pays se sont mis d'accord sur les quotas."),
    ("en", "Denmark and Norway held talks on Tuesday. Both sides agreed on new quotas."),
    ("fr", "Le Danemark et la Norvège ont discuté mardi. Ils se sont entendus sur les quotas."),
])
def test_groups_and_plural_pronouns_stand_for_the_parties_named_before(extractor: Any, lang: str, body: str) -> None:
    assert {"Denmark", "Norway"} in agreement_parties(run(extractor, lang, body))


def test_a_group_that_fits_nobody_gives_no_agreement(extractor: Any) -> None:
    ex = run(extractor, "en", "Denmark, Norway and Sweden met on Tuesday. The two countries agreed on quotas.")
    assert not any(len(p) == 2 for p in agreement_parties(ex))  # which two is not said


def test_a_title_of_a_title_belongs_to_someone_else(extractor: Any) -> None:
    ex = run(extractor, "fr", "Le porte-parole du président danois Lars Holm a démenti.")
    posts = {(ex.entities[p.person].label, p.role) for p in ex.posts}
    assert ("Lars Holm", "président danois") in posts
    assert not any(role.startswith("porte-parole") for who, role in posts if who == "Lars Holm")


def test_an_ambassador_in_a_capital_is_not_that_states_ambassador(extractor: Any) -> None:
    ex = run(extractor, "fr", "L'ambassadeur à Oslo, Lars Holm, a parlé.")
    assert not any(p.organization == "state/norway" for p in ex.posts)


def test_an_unnamed_principal_of_an_unknown_publisher_stays_unresolved(extractor: Any) -> None:
    ex = run(extractor, "en", "The President met Prime Minister Erik Dahl of Norway today.",
             url="https://mirror.example.net/readout")
    assert {e.label for e in ex.entities.values() if e.kind == "Person"} == {"Erik Dahl"}


def test_the_principal_of_a_known_publisher_on_the_day(extractor: Any) -> None:
    ex = run(extractor, "fr", "Le Président de la République a reçu le Premier ministre norvégien Erik Dahl.",
             url="https://www.elysee.fr/actualites/x", published=dt.date(2021, 3, 10))
    assert {"Emmanuel Macron", "Erik Dahl"} in meeting_parties(ex)


def test_a_government_site_names_its_own_officials(extractor: Any) -> None:
    ex = run(extractor, "fr", "Le ministre des affaires étrangères, Lars Holm, a reçu Erik Dahl.",
             url="https://www.vie-publique.fr/discours/x")
    assert [(p.role, p.organization) for p in ex.posts] == [("ministre des affaires étrangères", "state/france")]


def test_a_state_title_is_not_guessed_for_one_when_another_holds_it_in_the_sentence(extractor: Any) -> None:
    # Norway dominates the article, yet Holm is not its foreign minister: Dahl is, by the sentence.
    ex = run(extractor, "fr", "Déclaration commune de M. Lars Holm, ministre des affaires étrangères, et de Mme "
                              "Ingrid Dahl, ministre norvégienne des affaires étrangères. La Norvège accueillera "
                              "le prochain sommet.")
    posts = {(ex.entities[p.person].label, p.organization) for p in ex.posts}
    assert ("Ingrid Dahl", "state/norway") in posts
    assert not any(who == "Lars Holm" for who, _ in posts)


DANISH = "Le Danemark a voté dimanche. Au Danemark, la participation a baissé. "


@pytest.mark.parametrize("body", [
    # a title every kind of body has: whose, the text does not say
    "Lars Holm, directeur général de Nordvik, a réagi.",
    "La porte-parole, Ingrid Dahl, a réagi.",
    # a body that is not the state's own, unnamed or unknown
    "Lars Holm, vice-président de la fédération nationale de voile, a réagi.",
    "Lars Holm, secrétaire général de la CGTK, a réagi.",
    # an adjective after its noun is no title
    "Au classement général, Lars Holm est premier suivi de Erik Dahl et Jonas Berg.",
    # a trade, not a post
    "Le chef décorateur danois Lars Holm est mort.",
    # a title every body has after "et": whose, the second title says
    "Lars Holm, président et chef de la direction de la chaîne de magasins, a réagi.",
])
def test_no_state_post_guessed_from_the_articles_country(extractor: Any, body: str) -> None:
    ex = run(extractor, "fr", DANISH + body)
    assert not [(p.role, p.organization) for p in ex.posts if p.organization == "state/denmark"]


@pytest.mark.parametrize("body, role", [
    ("Lars Holm, ministre de la Culture, a réagi.", "ministre de la Culture"),
    # a portfolio the model takes for a body
    ("Le ministre des Comptes publics, Lars Holm, a réagi.", "ministre des Comptes publics"),
    ("Lars Holm, premier ministre et ministre des Finances, a réagi.", "premier ministre"),
])
def test_a_state_title_without_its_state_takes_the_articles_country(extractor: Any, body: str, role: str) -> None:
    ex = run(extractor, "fr", DANISH + body)
    assert [(p.role, p.organization) for p in ex.posts] == [(role, "state/denmark")]


@pytest.mark.parametrize("lang, body", [
    ("fr", "Le président Chilien Mateo Rojas a été réélu."),  # a capitalised nationality
    ("en", "Chilean President Mateo Rojas was re-elected."),
])
def test_a_nationality_before_a_name_is_not_part_of_it(extractor: Any, lang: str, body: str) -> None:
    ex = run(extractor, lang, body)
    assert {e.label for e in ex.entities.values() if e.kind == "Person"} == {"Mateo Rojas"}
    assert [p.organization for p in ex.posts] == ["state/chile"]


def test_a_parliament_approving_a_treaty_is_a_party(extractor: Any) -> None:
    ex = run(extractor, "fr", "Le Parlement danois a approuvé la ratification du traité avec la Norvège.")
    assert any("Danish" in " ".join(p) or "Parlement danois" in p for p in agreement_parties(ex)), ex.agreements


@pytest.mark.parametrize("text, several", [
    ("Le ministre s'est retrouvé au cœur de la polémique.", False),
    ("Il fut président du club et s'est retrouvé au cœur de l'affaire.", False),  # the verb is no conjunct
    ("Les ministres se sont retrouvés à Oslo.", True),
    ("Lars Holm et Erik Dahl se sont retrouvés mardi.", True),
    ("Lars Holm s'est retrouvé avec Erik Dahl à Oslo.", True),
])
def test_a_mutual_trigger_needs_several_people(extractor: Any, text: str, several: bool) -> None:
    engine = extractor.engine("fr")
    trig = next(t for t in engine.pack.triggers_for("retrouver", "verb") if t.kind == "meeting")
    tok = next(t for t in engine.nlp(text) if t.lemma_ == "retrouver")
    assert engine.events._conditions_hold(tok, trig) is several
