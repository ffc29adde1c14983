"""Trigger words for agreements and meetings, and words that cancel a fact (French and English)."""
from __future__ import annotations

# verb lemma -> agreement status. Reflexive verbs need "se" ("s'accorder", "s'engager").
AGREE_VERBS = {
    "fr": {"convenir": "agreed", "signer": "signed", "conclure": "concluded", "ratifier": "ratified",
           "parapher": "initialled", "entendre": "agreed", "accorder": "agreed", "engager": "pledge",
           "prolonger": "extended", "reconduire": "extended", "adopter": "collective decision",
           "approuver": "agreed", "accepter": "agreed"},
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
              "ambassadeurs", "ambassadors",
              "sides", "countries", "leaders", "governments", "delegations", "nations", "ministers"}

# Plural nouns that name a group acting as one party ("les rebelles", "les différents partis",
# "les pays membres") -> the group's key. "membres" alone joins a "pays/États membres" group
# already named in the article.
GROUP_NOUNS = {"rebelles": "rebels", "insurgés": "rebels", "séparatistes": "separatists", "partis": "parties"}
MEMBER_HEADS = {"pays", "états", "etats"}
# Nouns naming the act itself, as object of an announcing verb ("ont annoncé leur ratification").
ACT_NOUNS = {"ratification": "ratified", "signature": "signed"}
ANNOUNCE_VERBS = {"annoncer", "confirmer", "officialiser", "achever", "finaliser"}
# Words that make a one-party act joint with the parties of the act just reported ("communiqué commun").
JOINT = {"commun", "commune", "conjoint", "conjointe", "conjointement"}
# Verb + object noun that make an in-person meeting ("remettre ses lettres de créance à X").
MEET_OBJECT_VERBS = {"remettre": "créance", "présenter": "créance"}
# "après / lors de / à l'issue de la réunion": the sentence refers back to a meeting.
MEETING_REF_DETS = {"la", "le", "l'", "l’", "cette", "ce", "cet", "sa", "son", "leur"}
# Verbs whose "que" clause makes them statements, not agreements ("avant de conclure que ...").
SAYING_SENSE = {"conclure"}
# Hosting verbs in a clause attached to a meeting verb: their agent is a participant.
HOST_VERBS = {"accueillir", "recevoir", "welcome", "receive", "host"}
# "une réunion réunissant X et Y": a participle that names the participants as its objects.
GATHER_VERBS = {"réunir", "rassembler"}
