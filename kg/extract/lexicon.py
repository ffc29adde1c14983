"""Trigger words for agreements and meetings, and words that cancel a fact (French and English)."""
from __future__ import annotations

# verb lemma -> agreement status. Reflexive verbs need "se" ("s'accorder", "s'engager").
AGREE_VERBS = {
    "fr": {"convenir": "agreed", "signer": "signed", "conclure": "concluded", "ratifier": "ratified",
           "parapher": "initialled", "entendre": "agreed", "accorder": "agreed", "engager": "pledge",
           "prolonger": "extended", "reconduire": "extended", "adopter": "collective decision",
           "approuver": "agreed"},
    "en": {"agree": "agreed", "sign": "signed", "conclude": "concluded", "ratify": "ratified",
           "initial": "initialled", "pledge": "pledge", "commit": "commitment", "reaffirm": "reaffirmed",
           "extend": "extended", "adopt": "collective decision", "approve": "agreed"},
}
REFLEXIVE_ONLY = {"entendre", "accorder", "engager"}
# Idioms: verb lemma -> the noun it needs among its dependents ("se mettre d'accord", "tomber d'accord").
IDIOMS = {"fr": {"mettre": "accord", "tomber": "accord"}, "en": {"reach": "agreement", "strike": "deal"}}
# Objects that make "adopter"/"approuver"/"prolonger"/"extend" an agreement rather than anything else.
AGREEMENT_OBJECTS = {"accord", "traité", "résolution", "convention", "pacte", "cessez-le-feu", "trêve",
                     "mémorandum", "protocole", "agreement", "treaty", "resolution", "deal", "ceasefire",
                     "truce", "memorandum", "protocol", "sanction", "sanctions", "ratification", "déclaration", "declaration"}
NEEDS_OBJECT = {"adopter", "approuver", "prolonger", "reconduire", "adopt", "approve", "extend"}

MEET_VERBS = {
    "fr": {"rencontrer", "entretenir", "recevoir", "accueillir", "retrouver", "visiter", "réunir"},
    "en": {"meet", "met", "host", "hosted", "receive", "received", "visit", "visited"},
}
MEET_NOUNS = {
    "fr": {"rencontre", "entretien", "entretiens", "sommet", "réunion", "visite", "pourparlers", "tête-à-tête"},
    "en": {"meeting", "talks", "summit", "visit"},
}

# A sentence with one of these does not state a meeting in person.
NOT_IN_PERSON = {"téléphone", "téléphonique", "visioconférence", "phone", "telephone", "videoconference",
                 "annulé", "annulée", "annuler", "reporté", "reportée", "cancelled", "canceled", "postponed"}
# Heads that turn a following trigger into a wish, a need or a refusal, not a fact.
NOT_FACT_HEADS = {"prêt", "espérer", "souhaiter", "vouloir", "refuser", "nécessité", "devoir", "pouvoir",
                  "appeler", "demander", "envisager", "proposer", "menacer", "idée", "possibilité", "perspective",
                  "éventualité", "projet", "ouvert", "idea", "possibility", "prospect", "open", "plan",
                  "ready", "hope", "wish", "want",
                  "refuse", "need", "should", "could", "may", "might", "call", "urge", "propose", "threaten"}
RELATIVE_PRONOUNS = {"qui", "lequel", "laquelle", "lesquels", "who", "which", "that"}
NEGATIONS = {"pas", "jamais", "ni", "not", "never", "n't", "no"}

# Collective subjects that stand for the parties named earlier.
COLLECTIVE = {"parties", "pays", "dirigeants", "gouvernements", "délégations", "camps", "côtés", "ministres",
              "sides", "countries", "leaders", "governments", "delegations", "nations", "ministers"}
