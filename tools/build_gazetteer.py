#!/usr/bin/env python3
"""Build the packaged gazetteer (kg/data/gazetteer/*.tsv) from ../shared/gazetteer.

Stdlib only. Usage: ``python tools/build_gazetteer.py [SOURCE_DIR] [--out DIR]``.
Reads the licensed source files described in SOURCE_DIR/README.md, fixes their known
problems (Prolex ``+Iso`` tag collisions are resolved through the merged country table,
never used as ISO codes) and writes compact TSV files that ``kg.extract.gazetteer`` loads.
The hand-written tables are the ``HAND_*`` constants below: written for this project
from general knowledge and dedicated to the public domain (CC0 1.0).
"""
from __future__ import annotations

import argparse
import csv
import re
import shutil
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SRC = REPO.parent / "shared" / "gazetteer"
DEFAULT_OUT = REPO / "kg" / "data" / "gazetteer"

# ---------------------------------------------------------------------------------------
# HAND-WRITTEN TABLES (CC0 1.0, written for this project from general knowledge).
# ---------------------------------------------------------------------------------------

#: Per-state fixes: iso2 <TAB> field <TAB> values separated by "|".
#: field: name_en/name_fr/status/iso3 replace; "+f" adds to column f; "-f" removes from it.
HAND_STATES = """
XK	iso3	XKX
XK	name_en	Kosovo
XK	name_fr	Kosovo
XK	+names_en	Kosovo|Republic of Kosovo
XK	+names_fr	Kosovo|République du Kosovo
XK	+capitals_en	Pristina|Priština
XK	+capitals_fr	Pristina
XK	+adjectives_fr	kosovar|kosovare|kosovars|kosovares
XK	+gentiles_fr	Kosovar|Kosovare|Kosovars|Kosovares
XK	+demonyms_en	Kosovar|Kosovars|Kosovan|Kosovans
MM	+names_en	Myanmar|Burma
MM	+names_fr	Birmanie|Myanmar
MM	name_fr	Birmanie
MM	+capitals_en	Naypyidaw|Nay Pyi Taw
MM	+capitals_fr	Naypyidaw|Nay Pyi Taw
MM	+adjectives_fr	birman|birmane|birmans|birmanes
MM	+gentiles_fr	Birman|Birmane|Birmans|Birmanes
RS	name_fr	Serbie
RS	+capitals_fr	Belgrade
RS	+adjectives_fr	serbe|serbes
RS	+gentiles_fr	Serbe|Serbes
ME	name_fr	Monténégro
ME	+capitals_fr	Podgorica
ME	+adjectives_fr	monténégrin|monténégrine|monténégrins|monténégrines
ME	+gentiles_fr	Monténégrin|Monténégrine|Monténégrins|Monténégrines
SS	name_fr	Soudan du Sud
SS	+capitals_fr	Djouba|Juba
SS	+adjectives_fr	sud-soudanais|sud-soudanaise|sud-soudanaises
SS	+gentiles_fr	Sud-Soudanais|Sud-Soudanaise|Sud-Soudanaises
MK	name_en	North Macedonia
MK	name_fr	Macédoine du Nord
MK	+names_en	Macedonia|North Macedonia
MK	+capitals_fr	Skopje
MK	+adjectives_fr	macédonien|macédonienne|macédoniens|macédoniennes
MK	+gentiles_fr	Macédonien|Macédonienne|Macédoniens|Macédoniennes
PS	name_en	Palestine
PS	name_fr	Palestine
PS	+names_en	State of Palestine
PS	+names_fr	État de Palestine
PS	-capitals_en	Jerusalem
PS	+capitals_fr	Ramallah
PS	+adjectives_fr	palestinien|palestinienne|palestiniens|palestiniennes
PS	+gentiles_fr	Palestinien|Palestinienne|Palestiniens|Palestiniennes
TW	name_fr	Taïwan
TW	+names_en	Republic of China
TW	+names_fr	Taiwan
TW	-names_en	Taiwan, Province of China
TW	+capitals_fr	Taipei|Taïpei
TW	+adjectives_fr	taïwanais|taïwanaise|taïwanaises
TW	+gentiles_fr	Taïwanais|Taïwanaise|Taïwanaises
VA	name_en	Vatican City
VA	name_fr	Vatican
VA	+names_en	Vatican|Vatican City|Holy See
VA	+names_fr	Vatican|Saint-Siège|Cité du Vatican|État de la Cité du Vatican
VA	-capitals_en	Vatican City State|Vatican City
UA	+capitals_fr	Kyiv
UA	+capitals_en	Kiev
KZ	-capitals_fr	Almaty
KZ	+capitals_fr	Astana|Nour-Soultan
KZ	+capitals_en	Astana
US	name_fr	États-Unis
US	+names_en	US|U.S.|USA|U.S.A.|United States of America
US	+names_fr	USA
US	+capitals_en	Washington|Washington, D.C.
GB	+names_en	Britain|Great Britain|UK|U.K.
GB	+names_fr	Grande-Bretagne
GB	+demonyms_en	Briton|Britons|Brits
RU	+names_en	Russian Federation
RU	+names_fr	Fédération de Russie
CN	+names_en	People's Republic of China|PRC
KP	+names_en	DPRK|Korea
KP	+names_fr	RPDC
KR	+names_en	Republic of Korea|ROK|Korea
AE	+names_en	UAE|Emirates
AE	+names_fr	EAU|Émirats
AE	-capitals_fr	Ach Chârdjah|Adjmân|Al Foudjaïrah|Doubaï|Oumm al Qaïwaïn|Râs al Khaïmah
CD	+names_en	DRC|DR Congo|Congo-Kinshasa|Congo
CD	+names_fr	RDC|RD Congo|Congo-Kinshasa|Congo
CD	+adjectives_fr	congolais|congolaise|congolaises
CD	+gentiles_fr	Congolais|Congolaise|Congolaises
CG	+names_en	Congo-Brazzaville|Congo
CG	+names_fr	Congo
CI	name_en	Ivory Coast
CI	+names_en	Côte d'Ivoire
CZ	+names_en	Czechia
EG	+capitals_fr	Caire
NL	+names_en	Holland
NL	-capitals_fr	La Haye
DE	-capitals_fr	Bonn
SZ	name_en	Eswatini
SZ	name_fr	Eswatini
SZ	+names_en	Swaziland|Eswatini
TL	+names_en	Timor-Leste
TL	+names_fr	Timor-Leste|Timor oriental
CV	+names_en	Cabo Verde
TR	+names_en	Türkiye
TR	+demonyms_en	Turk|Turks
VN	+names_fr	Vietnam|Viêt Nam
SY	-names_fr	Syrienne
GY	-names_fr	Guyane
GF	-names_fr	Guayane
GF	+names_fr	Guyane
BS	name_en	Bahamas
GM	name_en	Gambia
FM	name_en	Micronesia
SA	+demonyms_en	Saudi|Saudis
AR	+demonyms_en	Argentine|Argentines|Argentinian|Argentinians
PL	+demonyms_en	Pole|Poles
DK	+demonyms_en	Dane|Danes
SE	+demonyms_en	Swede|Swedes
FI	+demonyms_en	Finn|Finns
ES	+demonyms_en	Spaniard|Spaniards
AZ	+demonyms_en	Azeri|Azeris
KZ	+demonyms_en	Kazakh|Kazakhs
UZ	+demonyms_en	Uzbek|Uzbeks
TJ	+demonyms_en	Tajik|Tajiks
KG	+demonyms_en	Kyrgyz
SI	+demonyms_en	Slovenian|Slovenians
CS	status	historical
AN	status	historical
"""

#: States missing from Prolex but sovereign (or treated as state actors in the news).
HAND_SOVEREIGN = {"MM", "RS", "ME", "SS", "MK", "PS", "TW", "VA", "XK"}

#: Prolex region tags whose ISO cannot be inferred (tag collisions / non-ISO tags).
HAND_REGION_TAG = {"IsoGB": "GB", "IsoGI": "GB", "IsoNE": "NG", "IsoMX": "MX",
                   "IsoBT": "MM", "IsoEH": "KN", "IsoBR": "BR"}
HAND_REGION_FORM = {"Chuuk": "FM", "Kosrae": "FM", "Pohnpei": "FM", "Yap": "FM"}
#: Prolex forms not kept as places (generic, or a country/state form elsewhere).
HAND_REGION_SKIP = {"Niger", "Plateau", "Rivières", "District fédéral", "Grande-Bretagne",
                    "Territoire de la Capitale fédérale"}
#: Pejorative gentilés in Prolex that are not kept.
HAND_SLURS = {"Chinetoque", "Chinetoques", "Amerloque", "Amerloques", "Yankee", "Yankees"}
#: English surfaces too ambiguous to keep as capitals.
#: Cities that French sources list as (co-)capitals besides the English capital.
HAND_OTHER_CAPITALS = {"Le Cap": "Cape Town", "Dar-es-Salam": "Dar es Salaam",
                       "Tel-Aviv": "Tel Aviv", "Cotonou": "Cotonou", "La Paz": "La Paz",
                       "Abidjan": "Abidjan"}
#: English names of other Prolex cities whose French name differs.
HAND_CITY_EN = {"La Haye": "The Hague", "Doubaï": "Dubai", "Ach Chârdjah": "Sharjah",
                "Adjmân": "Ajman", "Al Foudjaïrah": "Fujairah", "Oumm al Qaïwaïn":
                "Umm al-Quwain", "Râs al Khaïmah": "Ras al-Khaimah", "Mexico": "Mexico City",
                "Panama": "Panama City"}
HAND_CAPITAL_SKIP = {"Male", "Malé", "Victoria", "Kingston", "Saint John's", "The Valley",
                     "Vatican City State", "Washington D.C."}

#: US states and UK nations: English name, French name (key place/<slug of English>).
HAND_PLACES = """
Alabama|Alabama;Alaska|Alaska;Arizona|Arizona;Arkansas|Arkansas;California|Californie
Colorado|Colorado;Connecticut|Connecticut;Delaware|Delaware;Florida|Floride;Georgia|Géorgie
Hawaii|Hawaï;Idaho|Idaho;Illinois|Illinois;Indiana|Indiana;Iowa|Iowa;Kansas|Kansas
Kentucky|Kentucky;Louisiana|Louisiane;Maine|Maine;Maryland|Maryland
Massachusetts|Massachusetts;Michigan|Michigan;Minnesota|Minnesota;Mississippi|Mississippi
Missouri|Missouri;Montana|Montana;Nebraska|Nebraska;Nevada|Nevada
New Hampshire|New Hampshire;New Jersey|New Jersey;New Mexico|Nouveau-Mexique
New York State|État de New York;North Carolina|Caroline du Nord;North Dakota|Dakota du Nord
Ohio|Ohio;Oklahoma|Oklahoma;Oregon|Oregon;Pennsylvania|Pennsylvanie
Rhode Island|Rhode Island;South Carolina|Caroline du Sud;South Dakota|Dakota du Sud
Tennessee|Tennessee;Texas|Texas;Utah|Utah;Vermont|Vermont;Virginia|Virginie
Washington State|État de Washington;West Virginia|Virginie occidentale;Wisconsin|Wisconsin
Wyoming|Wyoming;District of Columbia|District de Columbia
England|Angleterre;Scotland|Écosse;Wales|pays de Galles;Northern Ireland|Irlande du Nord
"""
HAND_PLACE_ISO = {"England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB"}

# ---------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Strip accents and unify apostrophes/whitespace (used for de-duplication)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("ʼ", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.split())


def slug(text: str) -> str:
    """ASCII slug: 'États-Unis' -> 'etats-unis'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def uniq(items: list[str] | set[str]) -> list[str]:
    """Order-preserving de-duplication on the folded form; empties dropped."""
    seen: set[str] = set()
    out = []
    for item in items:
        item = " ".join(item.split())
        if item and fold(item) not in seen:
            seen.add(fold(item))
            out.append(item)
    return out


def split(value: str | None, sep: str = "|") -> list[str]:
    """Split a multi-valued cell."""
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Read a TSV file with a header row."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a TSV file; multi-valued cells are already joined with '|'."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            cells = ["|".join(c) if isinstance(c, list) else (c or "") for c in row]
            if any("\t" in c or "\n" in c for c in cells):
                raise ValueError(f"{path.name}: tab or newline in {cells}")
            fh.write("\t".join(cells) + "\n")
    print(f"{path.name}: {len(rows)} rows")


# ---------------------------------------------------------------------------------------
# Prolex (French names, capitals, adjectives, gentilés)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Prolex:
    """One DELA line of Prolex-PaysCapitales."""

    form: str
    lemma: str
    cat: str        # "A" adjective, "N" noun, "PFX" prefix
    human: bool     # gentilé (N+Hum)
    level: str      # "Pays" | "Ville" | "Region"
    tag: str        # the raw +Iso tag (NOT an ISO code)


def read_prolex(path: Path) -> list[Prolex]:
    """Parse the DELA dictionary lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        form, rest = line.split(",", 1)
        lemma, codes = rest.split(".", 1)
        feats = codes.split(":")[0].split("+")
        level = next((f for f in feats if f in ("Pays", "Ville", "Region")), "")
        tag = next((f for f in feats if f.startswith("Iso")), "")
        out.append(Prolex(form, lemma or form, feats[0], "Hum" in feats, level, tag))
    return out


# ---------------------------------------------------------------------------------------
# More hand-written tables (CC0 1.0): organisations, leaders' French forms, titles, seats.
# ---------------------------------------------------------------------------------------

#: name_en | name_fr | more English names ; | more French names ; | acronyms en ; |
#: acronyms fr ; | kind.   Key = org/<slug of name_en>.
HAND_ORGS = """
United Nations|Organisation des Nations unies||Nations unies;Organisation des Nations Unies;Nations Unies|UN;U.N.|ONU|igo
United Nations Security Council|Conseil de sécurité des Nations unies|UN Security Council;U.N. Security Council;Security Council|Conseil de sécurité de l'ONU;Conseil de sécurité|UNSC||igo-organ
United Nations General Assembly|Assemblée générale des Nations unies|UN General Assembly;U.N. General Assembly|Assemblée générale de l'ONU|UNGA||igo-organ
United Nations Human Rights Council|Conseil des droits de l'homme des Nations unies|UN Human Rights Council;Human Rights Council|Conseil des droits de l'homme de l'ONU;Conseil des droits de l'homme|UNHRC||igo-organ
Office of the United Nations High Commissioner for Human Rights|Haut-Commissariat des Nations unies aux droits de l'homme|UN human rights office;UN Human Rights Office|Haut-Commissariat de l'ONU aux droits de l'homme|OHCHR|HCDH|igo-agency
United Nations High Commissioner for Refugees|Haut-Commissariat des Nations unies pour les réfugiés|UN refugee agency|Haut Commissariat des Nations unies pour les réfugiés;Haut-Commissariat de l'ONU pour les réfugiés|UNHCR|HCR;UNHCR|igo-agency
UNICEF|Fonds des Nations unies pour l'enfance|United Nations Children's Fund;UN Children's Fund||UNICEF|UNICEF;Unicef|igo-agency
UNESCO|Organisation des Nations unies pour l'éducation, la science et la culture|United Nations Educational, Scientific and Cultural Organization||UNESCO|UNESCO;Unesco|igo-agency
United Nations Development Programme|Programme des Nations unies pour le développement|UN Development Programme||UNDP|PNUD|igo-agency
World Food Programme|Programme alimentaire mondial|World Food Program||WFP|PAM|igo-agency
World Health Organization|Organisation mondiale de la santé|||WHO|OMS|igo-agency
Food and Agriculture Organization|Organisation des Nations unies pour l'alimentation et l'agriculture|UN Food and Agriculture Organization||FAO|FAO|igo-agency
International Labour Organization|Organisation internationale du travail|International Labor Organization||ILO|OIT|igo-agency
International Atomic Energy Agency|Agence internationale de l'énergie atomique|||IAEA|AIEA|igo-agency
International Energy Agency|Agence internationale de l'énergie|||IEA|AIE|igo-agency
Intergovernmental Panel on Climate Change|Groupe d'experts intergouvernemental sur l'évolution du climat|||IPCC|GIEC|igo-agency
Organisation for the Prohibition of Chemical Weapons|Organisation pour l'interdiction des armes chimiques|Organization for the Prohibition of Chemical Weapons||OPCW|OIAC|igo-agency
International Court of Justice|Cour internationale de justice|||ICJ|CIJ|court
International Criminal Court|Cour pénale internationale|||ICC|CPI|court
European Union|Union européenne|||EU;E.U.|UE|igo
European Commission|Commission européenne|EU Commission||||igo-organ
European Parliament|Parlement européen|||||igo-organ
European Council|Conseil européen|||||igo-organ
Council of the European Union|Conseil de l'Union européenne|Council of the EU|Conseil de l'UE|||igo-organ
European Central Bank|Banque centrale européenne|||ECB|BCE|bank
Eurogroup|Eurogroupe|||||igo-organ
Council of Europe|Conseil de l'Europe|||||igo
European Court of Human Rights|Cour européenne des droits de l'homme|||ECHR|CEDH|court
NATO|Organisation du traité de l'Atlantique nord|North Atlantic Treaty Organization;Atlantic Alliance|Alliance atlantique|NATO|OTAN|alliance
African Union|Union africaine|||AU|UA|igo
Economic Community of West African States|Communauté économique des États de l'Afrique de l'Ouest|||ECOWAS|CEDEAO|igo
Association of Southeast Asian Nations|Association des nations de l'Asie du Sud-Est|Association of South East Asian Nations||ASEAN|ASEAN;ANASE|igo
Asia-Pacific Economic Cooperation|Coopération économique pour l'Asie-Pacifique|Asia Pacific Economic Cooperation|Forum de coopération économique Asie-Pacifique|APEC|APEC|forum
Shanghai Cooperation Organisation|Organisation de coopération de Shanghai|Shanghai Cooperation Organization||SCO|OCS|igo
Collective Security Treaty Organization|Organisation du traité de sécurité collective|||CSTO|OTSC|alliance
Commonwealth of Independent States|Communauté des États indépendants|||CIS|CEI|igo
Eurasian Economic Union|Union économique eurasiatique|||EAEU|UEE|igo
OPEC|Organisation des pays exportateurs de pétrole|Organization of the Petroleum Exporting Countries||OPEC|OPEP|igo
World Trade Organization|Organisation mondiale du commerce|||WTO|OMC|igo
International Monetary Fund|Fonds monétaire international|||IMF|FMI|bank
World Bank|Banque mondiale|World Bank Group||||bank
OECD|Organisation de coopération et de développement économiques|Organisation for Economic Co-operation and Development;Organization for Economic Cooperation and Development||OECD|OCDE|igo
Arab League|Ligue arabe|League of Arab States|Ligue des États arabes|||igo
Gulf Cooperation Council|Conseil de coopération du Golfe|Cooperation Council for the Arab States of the Gulf||GCC|CCG|igo
Organisation of Islamic Cooperation|Organisation de la coopération islamique|Organization of Islamic Cooperation;Organization of the Islamic Conference|Organisation de la conférence islamique|OIC|OCI|igo
Organization for Security and Co-operation in Europe|Organisation pour la sécurité et la coopération en Europe|Organization for Security and Cooperation in Europe||OSCE|OSCE|igo
Organization of American States|Organisation des États américains|||OAS|OEA|igo
Mercosur|Mercosur|Southern Common Market|Marché commun du Sud|MERCOSUR|MERCOSUR|igo
Organisation internationale de la Francophonie|Organisation internationale de la Francophonie|International Organisation of La Francophonie;La Francophonie|Francophonie|OIF|OIF|igo
Commonwealth of Nations|Commonwealth|Commonwealth||||igo
G7|G7|Group of Seven|Groupe des Sept|G7;G-7|G7;G-7|forum
G8|G8|Group of Eight|Groupe des Huit|G8;G-8|G8;G-8|forum
G20|G20|Group of Twenty|Groupe des Vingt|G20;G-20|G20;G-20|forum
BRICS|BRICS|||BRICS|BRICS|forum
Interpol|Interpol|International Criminal Police Organization;INTERPOL|Organisation internationale de police criminelle|||igo
International Committee of the Red Cross|Comité international de la Croix-Rouge|||ICRC|CICR|ngo
Amnesty International|Amnesty International|||||ngo
Human Rights Watch|Human Rights Watch|||HRW|HRW|ngo
Médecins Sans Frontières|Médecins sans frontières|Doctors Without Borders;Medecins Sans Frontieres||MSF|MSF|ngo
"""

#: Prominent leaders whose French spelling differs or who post-date the CAMEO data:
#: canonical English name | iso2 | roles | French forms ; | English variants ; (the
#: variants are also used to find the matching CAMEO entry).
HAND_PERSONS = """
Vladimir Putin|RU|GOV|Vladimir Poutine;Poutine|Putin;Vladimir V. Putin
Dmitry Medvedev|RU|GOV|Dmitri Medvedev;Medvedev|Dmitri Medvedev;Medvedev
Sergey Lavrov|RU|GOV|Sergueï Lavrov;Sergei Lavrov;Lavrov|Sergei Lavrov;Lavrov
Nikolai Patrushev|RU|GOV|Nikolaï Patrouchev;Nikolai Patrouchev;Patrouchev|Nikolay Patrushev;Patrushev
Dmitry Peskov|RU|GOV|Dmitri Peskov;Peskov|Dmitri Peskov;Peskov
Sergei Shoigu|RU|GOV|Sergueï Choïgou;Choïgou|Sergey Shoigu;Shoigu
Ramzan Kadyrov|RU|GOV|Ramzan Kadyrov;Kadyrov|Kadyrov
Volodymyr Zelenskyy|UA|GOV|Volodymyr Zelensky;Volodymyr Zelenski;Zelensky;Zelenski|Volodymyr Zelensky;Zelensky;Zelenskyy
Petro Poroshenko|UA|GOV|Petro Porochenko;Porochenko|Poroshenko
Viktor Yanukovych|UA|GOV|Viktor Ianoukovitch;Ianoukovitch|Yanukovych
Alexander Lukashenko|BY|GOV|Alexandre Loukachenko;Loukachenko|Alyaksandr Lukashenka;Lukashenko
Recep Tayyip Erdoğan|TR|GOV|Recep Tayyip Erdogan;Erdoğan;Erdogan|Recep Tayyip Erdogan;Erdogan;Erdoğan
Benjamin Netanyahu|IL|GOV|Benyamin Netanyahou;Benjamin Netanyahou;Netanyahou|Netanyahu;Binyamin Netanyahu
Ali Khamenei|IR|GOV|Ali Khamenei;Ali Khameneï;Khamenei;Khameneï|Khamenei;Ayatollah Ali Khamenei
Hassan Rouhani|IR|GOV|Hassan Rohani;Rohani;Rouhani|Hassan Rohani;Rouhani
Ebrahim Raisi|IR|GOV|Ebrahim Raïssi;Ebrahim Raissi;Raïssi|Raisi
Mohammad Javad Zarif|IR|GOV|Mohammad Javad Zarif;Zarif|Javad Zarif;Zarif
Bashar al-Assad|SY|GOV|Bachar al-Assad;Bachar el-Assad;Bachar al Assad;el-Assad|Bashar Assad;Bashar al Assad;Assad
Kim Jong Un|KP|GOV|Kim Jong-un;Kim Jong-Un|Kim Jong-un;Kim Jong-Un
Xi Jinping|CN|GOV|Xi Jinping|Xi
Li Keqiang|CN|GOV|Li Keqiang|Li Keqiang
Wang Yi|CN|GOV|Wang Yi|Wang Yi
Mohammed bin Salman|SA|GOV|Mohammed ben Salmane;Mohammed ben Salman;MBS|Mohammad bin Salman;MBS
Salman of Saudi Arabia|SA|GOV|Salmane ben Abdelaziz;Salmane|Salman bin Abdulaziz
Tamim bin Hamad Al Thani|QA|GOV|Tamim ben Hamad Al Thani;Tamim ben Hamad al-Thani|Tamim bin Hamad al-Thani
Abdel Fattah el-Sisi|EG|GOV|Abdel Fattah al-Sissi;al-Sissi;Sissi|Abdel Fattah al-Sisi;Sisi
Muammar Gaddafi|LY|GOV|Mouammar Kadhafi;Kadhafi|Muammar Qadhafi;Qadhafi;Gaddafi
Mahmoud Abbas|PS|GOV|Mahmoud Abbas|Abu Mazen
Angela Merkel|DE|GOV|Angela Merkel;Merkel|Merkel
Emmanuel Macron|FR|GOV|Emmanuel Macron;Macron|Macron
François Hollande|FR|GOV|François Hollande;Hollande|Francois Hollande;Hollande
Donald Trump|US|GOV|Donald Trump;Trump|Trump;Donald J. Trump
Barack Obama|US|GOV|Barack Obama;Obama|Obama
Joe Biden|US|GOV|Joe Biden;Biden|Biden
John Kerry|US|GOV|John Kerry;Kerry|Kerry
Rex Tillerson|US|GOV|Rex Tillerson;Tillerson|Tillerson
Narendra Modi|IN|GOV|Narendra Modi;Modi|Modi
Shinzo Abe|JP|GOV|Shinzo Abe;Shinzō Abe|Shinzō Abe
Ban Ki-moon|KR|IGO|Ban Ki-moon|Ban Ki-Moon
António Guterres|PT|IGO|António Guterres;Antonio Guterres;Guterres|Antonio Guterres;Guterres
Jens Stoltenberg|NO|IGO|Jens Stoltenberg;Stoltenberg|Stoltenberg
Jean-Claude Juncker|LU|IGO|Jean-Claude Juncker;Juncker|Jean Claude Juncker;Juncker
Federica Mogherini|IT|IGO|Federica Mogherini;Mogherini|Mogherini
"""

#: French titles: surfaces ; | normalized English title | agent class | CAMEO-like code.
HAND_TITLES_FR = """
président;présidente|President|GOV
vice-président;vice-présidente|Vice President|GOV
président élu;présidente élue|President-elect|GOV
président par intérim;présidente par intérim|Acting President|GOV
premier ministre;première ministre|Prime Minister|GOV
vice-premier ministre;vice-première ministre|Deputy Prime Minister|GOV
ministre|Minister|GOV
ministre délégué;ministre déléguée|Minister Delegate|GOV
ministre des affaires étrangères|Foreign Minister|GOV
ministre de l'europe et des affaires étrangères|Foreign Minister|GOV
vice-ministre des affaires étrangères|Deputy Foreign Minister|GOV
chef de la diplomatie|Foreign Minister|GOV
ministre de la défense;ministre des armées|Defence Minister|GOV
ministre de l'intérieur|Interior Minister|GOV
ministre de la justice|Justice Minister|GOV
ministre des finances|Finance Minister|GOV
ministre de l'économie|Economy Minister|GOV
ministre du commerce|Trade Minister|GOV
ministre de l'énergie|Energy Minister|GOV
chef de l'état;chef d'état|Head of State|GOV
chef du gouvernement|Head of Government|GOV
chancelier;chancelière|Chancellor|GOV
vice-chancelier;vice-chancelière|Vice Chancellor|GOV
secrétaire d'état|Secretary of State|GOV
secrétaire|Secretary|GOV
secrétaire général;secrétaire générale|Secretary-General|GOV
secrétaire général adjoint;secrétaire générale adjointe|Deputy Secretary-General|GOV
secrétaire du conseil de sécurité|Secretary of the Security Council|GOV
conseiller à la sécurité nationale;conseillère à la sécurité nationale|National Security Adviser|GOV
conseiller;conseillère|Adviser|GOV
porte-parole|Spokesperson|GOV
chef de cabinet|Chief of Staff|GOV
directeur;directrice|Director|GOV
directeur général;directrice générale|Director-General|GOV
haut responsable;haute responsable|Senior Official|GOV
haut fonctionnaire;haute fonctionnaire|Senior Official|GOV
responsable|Official|GOV
dirigeant;dirigeante|Leader|GOV
chef|Leader|GOV
leader|Leader|GOV
commissaire|Commissioner|GOV
gouverneur;gouverneure|Governor|GOV
maire|Mayor|GOV
roi|King|GOV
reine|Queen|GOV
prince héritier|Crown Prince|GOV
prince;princesse|Prince|ELI
émir|Emir|GOV
sultan|Sultan|GOV
monarque|Monarch|GOV
empereur;impératrice|Emperor|GOV
guide suprême|Supreme Leader|GOV
cheikh|Sheikh|ELI
ambassadeur;ambassadrice|Ambassador|DIP
envoyé spécial;envoyée spéciale|Special Envoy|DIP
envoyé;envoyée|Envoy|DIP
émissaire|Envoy|DIP
diplomate|Diplomat|DIP
consul;consule|Consul|DIP
consul général;consule générale|Consul General|DIP
chargé d'affaires;chargée d'affaires|Chargé d'Affaires|DIP
négociateur;négociatrice|Negotiator|DIP
député;députée|Member of Parliament|LEG
parlementaire|Member of Parliament|LEG
sénateur;sénatrice|Senator|LEG
président de l'assemblée nationale;présidente de l'assemblée nationale|Speaker of the National Assembly|LEG
président du parlement;présidente du parlement|Speaker of Parliament|LEG
président du sénat;présidente du sénat|President of the Senate|LEG
juge|Judge|JUD
procureur;procureure|Prosecutor|JUD
procureur général;procureure générale|Prosecutor General|JUD
chef d'état-major|Chief of Staff|MIL
chef d'état-major des armées|Chief of the Defence Staff|MIL
général|General|MIL
amiral|Admiral|MIL
commandant;commandante|Commander|MIL
colonel|Colonel|MIL
maréchal|Marshal|MIL
ministre-président;ministre-présidente|Minister-President|GOV
chef du renseignement|Intelligence Chief|SPY
commissaire européen;commissaire européenne|European Commissioner|IGO
haut représentant;haute représentante|High Representative|IGO
président de la commission européenne;présidente de la commission européenne|President of the European Commission|IGO
secrétaire général du parti|Party General Secretary|PTY
premier secrétaire;première secrétaire|First Secretary|PTY
chef de l'opposition|Opposition Leader|OPP
candidat;candidate|Candidate|PTY
"""

#: English titles added to / overriding the CAMEO agents: surfaces ; | normalized | agent.
HAND_TITLES_EN = """
president|President|GOV
vice president;vice-president|Vice President|GOV
president-elect|President-elect|GOV
prime minister|Prime Minister|GOV
deputy prime minister|Deputy Prime Minister|GOV
foreign minister|Foreign Minister|GOV
minister of foreign affairs|Foreign Minister|GOV
deputy foreign minister;vice foreign minister|Deputy Foreign Minister|GOV
foreign secretary|Foreign Secretary|GOV
secretary of state|Secretary of State|GOV
deputy secretary of state|Deputy Secretary of State|GOV
assistant secretary of state|Assistant Secretary of State|GOV
under secretary of state;undersecretary of state|Under Secretary of State|GOV
secretary-general;secretary general|Secretary-General|GOV
deputy secretary-general|Deputy Secretary-General|GOV
spokesman;spokeswoman;spokesperson|Spokesperson|GOV
press secretary|Press Secretary|GOV
national security adviser;national security advisor|National Security Adviser|GOV
chief of staff|Chief of Staff|GOV
head of state|Head of State|GOV
head of government|Head of Government|GOV
supreme leader|Supreme Leader|GOV
crown prince|Crown Prince|GOV
senior official|Senior Official|GOV
official|Official|GOV
leader|Leader|GOV
counselor;counsellor|Counselor|GOV
adviser;advisor|Adviser|GOV
ambassador|Ambassador|DIP
envoy|Envoy|DIP
special envoy|Special Envoy|DIP
diplomat|Diplomat|DIP
consul|Consul|DIP
consul general|Consul General|DIP
charge d'affaires;chargé d'affaires|Chargé d'Affaires|DIP
emissary|Envoy|DIP
negotiator;chief negotiator|Negotiator|DIP
high representative|High Representative|IGO
european commissioner|European Commissioner|IGO
"""

#: Extra seat metonyms (surface | lang | same referent as this surface in the source file).
HAND_SEATS = """
10 Downing Street|fr,en|Downing Street
palais de l'Élysée|fr|Élysée
hôtel de Matignon|fr|Matignon
place Beauvau|fr|Beauvau
Maison Bleue|fr|Blue House
"""
#: CAMEO IGO phrases that are variants of another organisation's name.
HAND_ORG_ALIASES = {
    "UN High Commission for Refugees": "United Nations High Commissioner for Refugees",
    "United Nations Commission for Refugees": "United Nations High Commissioner for Refugees",
    "UN High Commission for Human Rights": "Office of the United Nations High Commissioner "
                                           "for Human Rights",
    "United Nations Commission for Human Rights": "Office of the United Nations High "
                                                  "Commissioner for Human Rights",
    "United Nations Food and Agriculture Organization": "Food and Agriculture Organization",
    "Association of Southeast Asia Nations": "Association of Southeast Asian Nations",
    "Organization of Islamic Conferences": "Organisation of Islamic Cooperation",
    "Organisation for Economic Cooperation and Development": "OECD",
    "UN Secretariat": "United Nations Secretariat",
    "Secretariat of the UN": "United Nations Secretariat",
    "Secretariat of the United Nations": "United Nations Secretariat",
    "Cocoa Producer's Alliance": "Cocoa Producers' Alliance",
    "Indo Bangla Joint River Commission": "Indo Bangladesh Joint Rivers Commission",
    "West Africa Development Bank": "West African Development Bank",
    "Organisation of Eastern Caribbean States": "Organization of Eastern Caribbean States",
}
#: CAMEO IGO-coded phrases that are not intergovernmental organisations.
HAND_ORG_SKIP = {"International Government Organisation", "International Government "
                 "Organization", "American Correctional Association", "Association Mondiale "
                 "des Amis de L'enfance", "Antarctic Treaty", "Southeast Asia Collective "
                 "Defense Treaty", "World Family Organization", "Europarc Federation",
                 "Organization of World Heritage Cities", "Special Rapporteur of the United "
                 "Nations Human Rights Council"}
HAND_SEAT_KEYS = {"European Commission": "org/european-commission",
                  "European Union institutions": "org/european-union"}


# ---------------------------------------------------------------------------------------
# CAMEO / PETRARCH2 actor and agent dictionaries
# ---------------------------------------------------------------------------------------

CODE_RE = re.compile(r"\[([^\]]*)\]")


@dataclass
class CameoRecord:
    """A primary phrase, its '+' synonyms and all its (dated) codes."""

    names: list[str]
    tagged: bool                     # CountryInfo.txt / IGOrulers.txt leader entry
    codes: list[str] = field(default_factory=list)


def tokens(name: str) -> list[str]:
    """CAMEO phrase -> upper-case tokens ('VLADIMIR_V._PUTIN_' -> [VLADIMIR, V., PUTIN])."""
    return [t for t in re.split(r"[_\s]+", name.strip("_ +").upper()) if t]


def read_cameo(path: Path) -> list[CameoRecord]:
    """Parse an actor file into records; code-less records merge into the next one
    when it repeats their last token (CountryInfo splits one leader over several lines)."""
    records: list[CameoRecord] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        codes = [c.strip() for c in CODE_RE.findall(body) if c.strip()]
        name = CODE_RE.sub(" ", body).strip()
        if raw[:1] in " \t" and body.strip().startswith("["):
            if records:
                records[-1].codes.extend(codes)
            continue
        tagged = "CountryInfo" in comment or "IGOrulers" in comment
        if name.startswith("+") and records:
            records[-1].names.append(name[1:].strip())
            records[-1].tagged |= tagged
            records[-1].codes.extend(codes)
            continue
        records.append(CameoRecord([name.lstrip("+").strip()], tagged, codes))
    kept: list[CameoRecord] = []
    for rec in reversed(records):
        own = {t for t in tokens(rec.names[0]) if len(t) > 3 and t not in TITLE_WORDS}
        nxt = kept[-1] if kept else None
        if nxt and not rec.codes and own & {t for n in nxt.names for t in tokens(n)}:
            nxt.names[:0] = rec.names
            nxt.tagged |= rec.tagged
        else:
            kept.append(rec)
    return kept[::-1]


#: Words stripped from the front of CAMEO person phrases ("RUSSIAN_PRESIDENT_V._PUTIN").
TITLE_WORDS = set("""
PRESIDENT VICE VICE-PRESIDENT PRIME MINISTER PREMIER FOREIGN DEFENSE DEFENCE INTERIOR FINANCE
SECRETARY SECRETARY-GENERAL GENERAL SEC. GEN. LT. LT COL. COL MAJ. MAJOR CAPT. CAPTAIN
ADMIRAL ADM. MARSHAL FIELD COMMANDER CHIEF DEPUTY FORMER EX- EX ACTING INTERIM KING QUEEN
PRINCE PRINCESS CROWN SHEIKH SHEIK SHAIKH EMIR AMIR SULTAN EMPEROR AYATOLLAH GRAND
HOJATOLISLAM HOJJATOLESLAM SAYYED SAYYID SAYED MULLAH IMAM CLERIC DR. DR MR. MR MRS. MRS MS.
MS SIR LORD LADY BARON DAME SENATOR SEN. REP. REPRESENTATIVE CONGRESSMAN CONGRESSWOMAN
GOVERNOR GOV. MAYOR AMBASSADOR ENVOY SPOKESMAN SPEAKER CHAIRMAN CHANCELLOR BUNDESKANZLER
LEADER SUPREME PARTY COMMUNIST SOVIET OPPOSITION US U.S. UN U.N. UNITED NATIONS STATES OF THE
STATE AFFAIRS HOMELAND SECURITY NATIONAL ADVISER AND PRESIDENT-ELECT EX-SOVIET MILITARY
STRONGMAN DICTATOR PRESIDENTIAL CANDIDATE REBEL
""".split())

PARTICLES = {"AL", "EL", "BIN", "BEN", "IBN", "BINT", "DE", "DA", "DI", "DOS", "DAS", "DO",
             "DU", "DEL", "DELLA", "VAN", "VON", "DER", "DEN", "LA", "LE", "UL", "UD"}


def _cap(part: str, lower_particle: bool) -> str:
    if lower_particle and part in PARTICLES:
        return part.lower()
    if part.startswith("MC") and len(part) > 3:
        return "Mc" + part[2:].capitalize()
    if len(part) > 2 and part[1] == "'":
        return part[:2].upper() + part[2:].capitalize()
    return part.capitalize()


def title_case(toks: list[str]) -> str:
    """['BASHAR', 'AL-ASSAD'] -> 'Bashar al-Assad'."""
    words = []
    for i, tok in enumerate(toks):
        parts = tok.split("-")
        words.append("-".join(_cap(p, i > 0 or (j < len(parts) - 1 and i > 0))
                              for j, p in enumerate(parts)))
    return " ".join(words)


def dates(code: str) -> tuple[list[int], bool]:
    """Years mentioned in a dated code and whether it is open-ended ('>YYMMDD')."""
    years = []
    for d in re.findall(r"\d{6,8}", code):
        y = int(d[:4]) if len(d) == 8 else int(d[:2])
        years.append(y if len(d) == 8 else (1900 + y if y >= 30 else 2000 + y))
    return years, ">" in code


def read_agents(path: Path) -> list[tuple[str, str]]:
    """(phrase, code) pairs of the agents file, substitution sets expanded."""
    subst = {"!MINIST!": ["MINISTER"], "!PERSON!": ["MAN", "WOMAN", "PERSON"]}
    out = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = raw.partition("#")[0].strip()
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]+)\]", body)
        if not m or "=" in body:
            continue
        phrases = [m.group(1)]
        for key, values in subst.items():
            phrases = [p.replace(key, v) for p in phrases for v in (values if key in p else [""])]
        out.extend((p, m.group(3)) for p in phrases if "!" not in p)
    return out


# ---------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------

STATE_COLS = ["names_en", "names_fr", "capitals_en", "capitals_fr", "adjectives_fr",
              "demonyms_en", "gentiles_fr"]
FORMAL_EN = set("""Republic Kingdom State States Federation Federal Islands Island Democratic
People's Commonwealth Union Principality Sultanate Emirates Confederation Grand Duchy United
Independent Co-operative Socialist Islamic Arab Hashemite Plurinational Bolivarian Territory
Bailiwick""".split())


@dataclass
class State:
    """One row of states.tsv while it is being assembled."""

    iso2: str
    iso3: str
    name_en: str
    name_fr: str = ""
    status: str = "territory"
    cols: dict[str, list[str]] = field(default_factory=lambda: {c: [] for c in STATE_COLS})


def latin(text: str) -> bool:
    """True for Latin-1 text (rejects transliterations with macrons and other scripts)."""
    return all(ord(c) < 256 or c in "’" for c in text)


def english_alt_ok(name: str) -> bool:
    """Keep formal English alternative names ('Russian Federation'), not native ones."""
    if any(c in name for c in ",()[]/") or not latin(name):
        return False
    words = name.split()
    return len(words) > 1 and any(w in FORMAL_EN for w in words)


def french_name(name: str) -> str:
    """'Saint-Siège (état de la cité du Vatican)' -> 'Saint-Siège'; "L'État de X" -> 'État de X'."""
    name = re.sub(r"\s*\(.*?\)", "", name).strip()
    return name[2:] if name.startswith(("L'", "L’")) else name


def en_plurals(demonym: str) -> list[str]:
    """English demonym and its plural ('Russian' -> Russians; 'Chinese' stays)."""
    if demonym.endswith(("ese", "ss", "sh", "i-Kiribati", "Vanuatu", "tswana")) or demonym in (
            "French", "Dutch", "Swiss", "Thai", "Lao"):
        return [demonym]
    return [demonym, demonym + "s"]


def build_states(src: Path, prolex: list[Prolex]) -> dict[str, State]:
    """Join countryinfo, pycountry and Prolex (through the merged table) per ISO code."""
    states: dict[str, State] = {}
    merged = read_tsv(src / "countries_fr_en_merged.tsv")
    pyc = {r["iso2"]: r for r in read_tsv(src / "pycountry_fr" / "iso3166-1_en_fr.tsv")}
    country_tags: dict[str, set[str]] = defaultdict(set)   # Prolex country form -> tags
    for p in prolex:
        if p.level == "Pays" and p.cat == "N" and not p.human:
            country_tags[p.form].add(p.tag)
    for row in merged:
        st = states.get(row["iso2"]) or states.setdefault(
            row["iso2"], State(row["iso2"], row["iso3"], row["name_en"]))
        c = st.cols
        prolex_forms = split(row["prolex_country_forms_fr"])
        if prolex_forms:
            st.status = "sovereign"
            st.name_fr = st.name_fr or next((f for f in prolex_forms if len(f) > 3), "")
        c["names_en"] += [re.sub(r"^the ", "", a) for a in [row["name_en"]]
                          + split(row["alt_names_en"]) if english_alt_ok(a)
                          or (a == row["name_en"] and "," not in a and "(" not in a)]
        c["names_fr"] += [french_name(n) for n in split(row["names_fr"]) if "," not in n]
        c["names_fr"] += [f for f in prolex_forms if len(f) > 3]
        c["capitals_en"] += [x.strip(" '[]") for x in re.split(r" / ", row["capital_en"])]
        c["capitals_fr"] += split(row["capital_fr"])
        c["demonyms_en"] += [d for x in re.split(r"[,/]", row["demonym_en"]) if x.strip()
                             for d in en_plurals(x.strip())]
        # Inflected adjectives / gentilés: Prolex lines whose lemma the merged table gives
        # for this ISO *and* whose tag is the tag of this country's Prolex name.
        tags = {t for f in prolex_forms for t in country_tags.get(f, ())}
        adj, gent = set(split(row["adjectives_fr"])), set(split(row["gentiles_fr"]))
        for p in prolex:
            if p.level == "Pays" and p.tag in tags and p.form not in HAND_SLURS:
                if p.cat == "A" and p.lemma in adj:
                    c["adjectives_fr"].append(p.form)
                elif p.cat == "N" and p.human and p.lemma in gent:
                    c["gentiles_fr"].append(p.form)
    for iso2, row in pyc.items():
        if iso2 in states:
            st = states[iso2]
            st.cols["names_en"] += [re.sub(r"^the ", "", n) for n in (
                row["name_en"], row["official_name_en"], row["common_name_en"])
                if n and "," not in n and "(" not in n]
            st.cols["names_fr"] += [french_name(n) for n in (row["name_fr"],
                                    row["official_name_fr"], row["common_name_fr"])
                                    if n and "," not in n]
    apply_state_fixes(states)
    finish_states(states)
    return states


def apply_state_fixes(states: dict[str, State]) -> None:
    """Apply HAND_STATES (CC0)."""
    for line in HAND_STATES.strip().splitlines():
        iso2, fld, values = line.split("\t")
        st = states.setdefault(iso2, State(iso2, "", ""))
        vals = split(values)
        if fld in ("name_en", "name_fr", "status", "iso3"):
            setattr(st, fld, values)
        elif fld[0] == "+":
            st.cols[fld[1:]] += vals
        elif fld[0] == "-":
            drop = {fold(v) for v in vals}
            st.cols[fld[1:]] = [v for v in st.cols[fld[1:]] if fold(v) not in drop]
    for iso2 in HAND_SOVEREIGN:
        states[iso2].status = "sovereign"


def finish_states(states: dict[str, State]) -> None:
    """Fallback capitals, de-duplication, and territory forms that shadow a state's."""
    for st in states.values():
        c = st.cols
        for col, name in (("names_en", st.name_en), ("names_fr", st.name_fr)):
            bare = french_name(name)
            if bare and "," not in bare:
                c[col].insert(0, bare)
        if st.status != "sovereign":
            c["capitals_en"], c["capitals_fr"] = [], []
        elif not c["capitals_fr"]:
            c["capitals_fr"] = [x for x in c["capitals_en"] if latin(x) and "City" not in x
                                and " of " not in x and x != st.name_en]
        for col in STATE_COLS:
            vals = uniq(c[col])
            if col.startswith("capitals"):
                names = {fold(n) for n in c["names_" + col[-2:]]}
                vals = [v for v in vals if fold(v) not in names and v not in HAND_CAPITAL_SKIP]
            c[col] = vals
        st.name_fr = st.name_fr or (c["names_fr"][0] if c["names_fr"] else "")
    sovereign_forms = {fold(f) for st in states.values() if st.status == "sovereign"
                       for col in ("demonyms_en", "adjectives_fr", "gentiles_fr")
                       for f in st.cols[col]}
    for st in states.values():
        if st.status != "sovereign":
            for col in ("demonyms_en", "adjectives_fr", "gentiles_fr"):
                st.cols[col] = [f for f in st.cols[col] if fold(f) not in sovereign_forms]


def state_key(st: State) -> str:
    """'state/<slug of the English name>'; dependent territories are 'place/<slug>'."""
    return ("place/" if st.status == "territory" else "state/") + slug(st.name_en)


# ---------------------------------------------------------------------------------------
# Places (capital cities, other Prolex cities, regions), seats of power
# ---------------------------------------------------------------------------------------


@dataclass
class Place:
    """One row of places.tsv."""

    key: str
    name_en: str
    name_fr: str
    iso2: str
    kind: str
    names_en: list[str] = field(default_factory=list)
    names_fr: list[str] = field(default_factory=list)


def build_places(states: dict[str, State], prolex: list[Prolex]) -> list[Place]:
    """Capitals of sovereign states, remaining Prolex cities and regions, US states."""
    places: dict[str, Place] = {}
    by_fr: dict[str, Place] = {}

    def add(pl: Place) -> None:
        if pl.key in places:       # same slug: merge (same city under two spellings)
            old = places[pl.key]
            old.names_en = uniq(old.names_en + pl.names_en)
            old.names_fr = uniq(old.names_fr + pl.names_fr)
            pl = old
        places[pl.key] = pl
        for n in pl.names_fr:
            by_fr.setdefault(fold(n), pl)

    for st in states.values():
        en, fr = st.cols["capitals_en"], st.cols["capitals_fr"]
        if st.status != "sovereign" or not (en or fr):
            continue
        # French lists may name a second seat (Le Cap|Pretoria): that one is its own city.
        main_fr = [f for f in fr if f not in HAND_OTHER_CAPITALS]
        name_en = en[0] if en else main_fr[0]
        add(Place("place/" + slug(name_en), name_en, main_fr[0] if main_fr else name_en,
                  st.iso2, "capital", list(en), main_fr))
        for other in fr:
            if other in HAND_OTHER_CAPITALS:
                other_en = HAND_OTHER_CAPITALS[other]
                add(Place("place/" + slug(other_en), other_en, other, st.iso2, "city",
                          [other_en], [other]))
    for line in HAND_PLACES.strip().replace("\n", ";").split(";"):
        en_name, fr_name = line.split("|")
        iso2 = HAND_PLACE_ISO.get(en_name, "US")
        kind = "nation" if iso2 == "GB" else "region"
        add(Place("place/" + slug(en_name), en_name, fr_name, iso2, kind, [en_name], [fr_name]))
    known_tags = tag_isos(states, prolex)
    for p in prolex:
        if p.cat != "N" or p.human or p.level not in ("Ville", "Region"):
            continue
        if p.form in HAND_REGION_SKIP or fold(p.form) in by_fr:
            continue
        iso2 = HAND_REGION_FORM.get(p.form) or HAND_REGION_TAG.get(p.tag) \
            or (next(iter(known_tags[p.tag])) if len(known_tags.get(p.tag, ())) == 1 else "")
        if not iso2:
            print(f"warning: no ISO code for Prolex {p.level} {p.form!r} ({p.tag})")
            continue
        kind = "city" if p.level == "Ville" else "region"
        en_name = HAND_CITY_EN.get(p.form, p.form)
        add(Place("place/" + slug(en_name), en_name, p.form, iso2, kind,
                  [en_name] if p.form in HAND_CITY_EN else [], [p.form]))
    return list(places.values())


def tag_isos(states: dict[str, State], prolex: list[Prolex]) -> dict[str, set[str]]:
    """Prolex +Iso tag -> the ISO codes of the countries that carry it (often several)."""
    iso_of = {fold(n): st.iso2 for st in states.values() if st.status == "sovereign"
              for n in st.cols["names_fr"]}
    out: dict[str, set[str]] = defaultdict(set)
    for p in prolex:
        if p.level == "Pays" and p.cat == "N" and not p.human and fold(p.form) in iso_of:
            out[p.tag].add(iso_of[fold(p.form)])
    return out


def build_seats(src: Path, orgs_by_name: dict[str, str]) -> list[list[str]]:
    """Seats of power from metonyms_seats_of_power.tsv (+ a few CC0 variants)."""
    rows = read_tsv(src / "metonyms_seats_of_power.tsv")
    by_surface = {r["surface_form"]: r for r in rows}
    for line in HAND_SEATS.strip().splitlines():
        surface, lang, same_as = line.split("|")
        rows.append({**by_surface[same_as], "surface_form": surface, "lang": lang, "note": ""})
    out = []
    for r in rows:
        refers = r["refers_to"].strip()
        bare = re.sub(r"\s*\(.*?\)", "", refers)
        key = HAND_SEAT_KEYS.get(refers) or orgs_by_name.get(fold(bare).lower()) \
            or "org/" + slug(bare)
        for lang in split(r["lang"], ","):
            if lang in ("fr", "en"):
                ctx = "yes" if "context-dependent" in r["note"] else "no"
                out.append([r["surface_form"].strip(), lang, refers, r["iso2"].strip(),
                            r["kind"].strip(), key, ctx])
    return out


# ---------------------------------------------------------------------------------------
# International organisations
# ---------------------------------------------------------------------------------------

ORG_ALIAS_STOP = set("""PRESIDENT SECRETARY SECRETARY-GENERAL SECY SEC. GEN GEN. CHIEF HEAD
CHAIRMAN DIRECTOR SPOKESMAN OFFICIAL OFFICIALS COUNTRIES MEMBERS MEMBER MINISTERS TROOPS
FORCES FORCE MONITOR MONITORS PEACEKEEPER PEACEKEEPERS ENVOY REPRESENTATIVE DELEGATION STAFF
MISSION PROJECT TO IN OBSERVERS OBSERVER SUMMIT REPORT NETWORK BOOK CONTINGENT UNSCR WB""".split())
SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "to", "de", "du", "des", "la", "le"}
ORG_WORDS = set("""ORGANIZATION ORGANISATION AGENCY FUND BANK COUNCIL COMMISSION COURT TRIBUNAL
PROGRAMME PROGRAM UNION ASSOCIATION COMMUNITY LEAGUE FORUM PANEL OFFICE INSTITUTE COMMITTEE
ASSEMBLY PARLIAMENT SECRETARIAT AUTHORITY FEDERATION PARTNERSHIP TREATY ALLIANCE""".split())


ACRONYM_WORDS = {"UN", "EU", "US", "UK", "AU", "G7", "G8", "G20"}


def org_phrase(name: str) -> tuple[str, bool]:
    """CAMEO org phrase -> (display form, is_acronym)."""
    toks = tokens(name)
    if toks and toks[0] == "THE":
        toks = toks[1:]
    if len(toks) == 1 and (len(toks[0]) <= 5 or "." in toks[0]):
        return toks[0], True
    words = [t if t in ACRONYM_WORDS or "." in t else
             t.lower() if t.lower() in SMALL_WORDS and i else t.capitalize()
             for i, t in enumerate(toks)]
    return " ".join(words), False


def build_orgs(records: list[CameoRecord]) -> list[list[str]]:
    """HAND_ORGS (English and French names) enriched with CAMEO International synonyms,
    plus other intergovernmental bodies of the CAMEO file (English only)."""
    index: dict[str, list[CameoRecord]] = defaultdict(list)
    for rec in records:
        for n in rec.names:
            index[fold(org_phrase(n)[0]).lower()].append(rec)
    rows, used = [], set()
    for line in HAND_ORGS.strip().splitlines():
        name_en, name_fr, en, fr, acr_en, acr_fr, kind = line.split("|")
        en_l, fr_l = [name_en] + split(en, ";"), [name_fr] + split(fr, ";")
        acr_en_l, acr_fr_l = split(acr_en, ";"), split(acr_fr, ";")
        for form in list(en_l) + list(acr_en_l):
            for rec in index.get(fold(form).lower(), []):
                used.add(id(rec))
                for n in rec.names:
                    if ORG_ALIAS_STOP & set(tokens(n)):
                        continue
                    phrase, is_acr = org_phrase(n)
                    (acr_en_l if is_acr else en_l).append(phrase)
        rows.append(["org/" + slug(name_en), name_en, name_fr, uniq(en_l), uniq(fr_l),
                     uniq(acr_en_l), uniq(acr_fr_l), kind, "hand+cameo"])
    by_name = {r[1]: r for r in rows}
    known = {fold(f).lower(): r for r in rows for col in (3, 5) for f in r[col]}
    for rec in records:
        if id(rec) in used or not any(c.startswith("IGO") for c in rec.codes):
            continue
        toks = tokens(rec.names[0])
        if not ORG_WORDS & set(toks) or ORG_ALIAS_STOP & set(toks) or "," in rec.names[0] \
                or any(t.endswith("-BASED") for t in toks):
            continue
        phrase, _ = org_phrase(rec.names[0])
        canon = HAND_ORG_ALIASES.get(phrase, phrase)
        if canon in HAND_ORG_SKIP:
            continue
        forms, acrs = [phrase], []
        for n in rec.names[1:]:
            if not ORG_ALIAS_STOP & set(tokens(n)):
                alias, is_acr = org_phrase(n)
                (acrs if is_acr else forms).append(alias)
        row = by_name.get(canon) or known.get(fold(canon).lower())
        if row is None:
            row = ["org/" + slug(canon), canon, "", [canon], [], [], [], "igo", "cameo"]
            rows.append(row)
            by_name[canon] = row
        row[3] = uniq(row[3] + forms)
        row[5] = uniq(row[5] + acrs)
        known.update((fold(f).lower(), row) for f in row[3] + row[5])
    return rows


# ---------------------------------------------------------------------------------------
# Persons
# ---------------------------------------------------------------------------------------

NON_PERSON = set("""OF THE AND FOR ADMINISTRATION GOVERNMENT REGIME CABINET MINISTRY COUNCIL
COMMITTEE COMMISSION PARTY ARMY FORCE FORCES POLICE GUARD GUARDS BUREAU PALACE HOUSE ASSEMBLY
PARLIAMENT CONGRESS SENATE COURT AGENCY SERVICE DEPARTMENT OFFICE UNION FRONT MOVEMENT LEAGUE
BANK REPUBLIC KINGDOM FEDERATION FEDERAL ISLAMIC DEMOCRATIC SOCIALIST REVOLUTIONARY BRIGADE
BRIGADES CORPS NAVY INTELLIGENCE AUTHORITY INSTITUTE UNIVERSITY COMPANY CORPORATION NEWS
TIMES TV RADIO PRESS ORGANIZATION ASSOCIATION FOUNDATION FUND CENTER CENTRE PROVINCE CITY
REGION DISTRICT ISLAND ISLANDS RIVER LAKE SUPPORTERS LOYALISTS FAMILY CAMP TRIBE CLAN DUMA
JUNTA EMBASSY MINISTERS MEMBERS OFFICIALS GROUP ALLIANCE COALITION SFSR REPUBLICS CONFERENCE
DYNASTY SUMMIT TREATY AIRLINES AIRWAYS TROOPS REBELS SOLDIERS OFFICERS CHAMBER COMMAND
AUTHORITIES DIVISION UNIT POLITBURO SECRETARIAT""".split())
ROLE_CODES = set("""GOV ELI MIL LEG JUD OPP PTY COP SPY MED REB BUS CVL EDU HLH LAB AGR DEV
HRI ENV REL REF UAF MOD RAD INS SEP CRM""".split())
NAME_TOKEN = re.compile(r"[A-Z][A-Z.'\-]*")


def person_tokens(name: str, strip: set[str]) -> list[str] | None:
    """Title-stripped name tokens, or None when the phrase is not a person's name."""
    toks = tokens(fold(name))
    while toks and toks[0] in strip:
        toks = toks[1:]
    if not toks or NON_PERSON & set(toks) or "," in name:
        return None
    if not all(NAME_TOKEN.fullmatch(t) for t in toks):
        return None
    return toks


@dataclass
class Person:
    """One row of persons.tsv while it is being assembled."""

    name: str
    iso2: str
    aliases: list[str] = field(default_factory=list)
    name_fr: str = ""
    aliases_fr: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    source: str = "cameo"


def cameo_persons(records: list[CameoRecord], iso_of: dict[str, str],
                  strip: set[str]) -> list[Person]:
    """Leaders (CountryInfo/IGOrulers entries) and other clearly person-shaped entries."""
    out = []
    for rec in records:
        codes = [c.split()[0] for c in rec.codes if c.split() and c.split()[0] != "---"]
        if not any(c[3:6] in ROLE_CODES or c.startswith("IGO") for c in codes):
            continue            # a country or region record, not a person
        dated = any(re.search(r"\d{6}", c) for c in rec.codes)
        titled = any(tokens(n)[:1] and tokens(n)[0] in strip for n in rec.names[1:])
        main = person_tokens(rec.names[0], strip)
        if not main or len(main) < 2 or len(main) > 6 or not codes:
            continue
        if not (rec.tagged or dated or titled) or all(len(t.rstrip(".")) == 1 for t in main):
            continue
        name = title_case(main)
        aliases = []
        for n in rec.names[1:]:
            toks = person_tokens(n, strip)
            if toks and (len(toks) > 1 or (len(toks[0]) > 3 and toks[0] in main)):
                aliases.append(title_case(toks))
        countries = [iso_of.get(c[:3], "") for c in codes]
        iso2 = max(set(countries), key=lambda x: (bool(x), countries.count(x), x))
        out.append(Person(name, iso2, aliases, codes=list(rec.codes)))
    return out


def merge_persons(persons: list[Person]) -> dict[str, Person]:
    """Key = person/<slug>; same name and country merge, homonyms get an ISO suffix."""
    out: dict[str, Person] = {}
    for p in persons:
        key = "person/" + slug(p.name)
        if key in out and out[key].iso2 != p.iso2:
            key = f"{key}-{(p.iso2 or 'igo').lower()}"
        if key in out:
            old = out[key]
            old.aliases += p.aliases
            old.codes += p.codes
        else:
            out[key] = p
    return out


def apply_hand_persons(persons: dict[str, Person]) -> dict[str, Person]:
    """HAND_PERSONS: canonical (Wikipedia-style) names, French forms, CAMEO data merged."""
    by_form: dict[str, list[str]] = defaultdict(list)
    for key, p in persons.items():
        for n in [p.name] + p.aliases:
            if len(n.split()) > 1:
                by_form[fold(n).lower()].append(key)
    for line in HAND_PERSONS.strip().splitlines():
        name, iso2, roles, fr, en = line.split("|")
        hand = Person(name, iso2, split(en, ";"), source="hand+cameo")
        fr_forms = split(fr, ";")
        hand.name_fr = next((f for f in fr_forms if len(f.split()) > 1), "")
        hand.aliases_fr = fr_forms
        for form in [name] + hand.aliases:
            for key in by_form.get(fold(form).lower(), []):
                p = persons.get(key)
                if p is not None and p.iso2 in (iso2, ""):
                    hand.aliases += [p.name] + p.aliases
                    hand.codes += p.codes
                    del persons[key]
        if not hand.codes:
            hand.source = "hand"
            hand.codes = [roles]
        persons["person/" + slug(name)] = hand
    return persons


def person_row(key: str, p: Person, cameo_iso: dict[str, str]) -> list:
    """persons.tsv row: key, name, name_fr, aliases, aliases_fr, iso2, roles, cameo codes,
    first_year, last_year (empty = open-ended or unknown)."""
    roles, years, open_end, codes = [], [], False, []
    for c in p.codes:
        code = c.split()[0] if c.split() else ""
        codes.append(code)
        rest = "IGO" if code.startswith("IGO") else code[3:] if code[:3] in cameo_iso else code
        roles += [rest[i:i + 3] for i in range(0, len(rest), 3) if len(rest[i:i + 3]) == 3]
        ys, op = dates(c)
        years += ys
        open_end |= op
    aliases = [a for a in uniq(p.aliases) if fold(a).lower() != fold(p.name).lower()]
    first = str(min(years)) if years else ""
    last = "" if open_end or not years else str(max(years))
    return [key, p.name, p.name_fr, aliases, uniq(p.aliases_fr), p.iso2,
            uniq(r for r in roles if r != "---"), uniq(codes), first, last, p.source]


# ---------------------------------------------------------------------------------------
# Titles
# ---------------------------------------------------------------------------------------

PERSON_HEADS = set("""MINISTER SECRETARY PRESIDENT PREMIER CHANCELLOR AMBASSADOR ENVOY EMISSARY
DIPLOMAT CONSUL LEGATE KING QUEEN PRINCE PRINCESS EMIR AMIR SULTAN EMPEROR EMPRESS MONARCH
GOVERNOR MAYOR SENATOR LAWMAKER LEGISLATOR MP CONGRESSMAN CONGRESSWOMAN PARLIAMENTARIAN
SPEAKER JUDGE PROSECUTOR GENERAL ADMIRAL COMMANDER MARSHAL COLONEL OFFICIAL SPOKESMAN
SPOKESWOMAN SPOKESPERSON ADVISER ADVISOR CHAIRMAN CHAIRWOMAN CHAIRPERSON DIRECTOR LEADER
CHIEF DICTATOR DESPOT AUTOCRAT AIDE NEGOTIATOR COMMISSIONER REGENT RULER BUREAUCRAT
DELEGATE STATESMAN POLITICIAN GENERALISSIMO""".split())
AGENT_CLASSES = ("GOV", "MIL", "LEG", "JUD", "ELI", "PTY", "SPY", "OPP", "COP")
DIP_HEADS = {"AMBASSADOR", "ENVOY", "EMISSARY", "DIPLOMAT", "CONSUL", "LEGATE"}


def title_norm(surface: str) -> str:
    """'secretary of state' -> 'Secretary of State'."""
    return " ".join(w if w in SMALL_WORDS and i else w.upper() if w in ("mp", "ngo", "ngos")
                    else w[:1].upper() + w[1:] for i, w in enumerate(surface.split()))


def build_titles(src: Path) -> list[list[str]]:
    """English titles from Phoenix.agents.txt (person nouns of government, military,
    legislative, judicial, elite, party classes) + HAND_TITLES_EN/FR (CC0)."""
    rows: dict[tuple[str, str], list[str]] = {}
    for phrase, code in read_agents(src / "petrarch2_cameo" / "Phoenix.agents.txt"):
        toks = tokens(phrase)
        if not toks or toks[-1] not in PERSON_HEADS or not code.startswith(AGENT_CLASSES) \
                or toks[0] == "OFFICE":
            continue
        surface = " ".join(toks).lower()
        agent = "DIP" if toks[-1] in DIP_HEADS else code[:3]
        rows[(surface, "en")] = [surface, "en", title_norm(surface), agent, code, "cameo"]
    for lang, table in (("en", HAND_TITLES_EN), ("fr", HAND_TITLES_FR)):
        for line in table.strip().splitlines():
            surfaces, norm, agent = line.split("|")
            for surface in split(surfaces, ";"):
                old = rows.get((surface, lang))
                code = old[4] if old else agent
                rows[(surface, lang)] = [surface, lang, norm, agent, code,
                                         "hand+cameo" if old else "hand"]
    return sorted(rows.values(), key=lambda r: (r[1], r[0]))


# ---------------------------------------------------------------------------------------
# Licences and attribution
# ---------------------------------------------------------------------------------------

LICENCES = [("petrarch2_cameo/LICENSE", "MIT-PETRARCH2-CAMEO.txt"),
            ("countryinfo_en/LICENSE-MIT.txt", "MIT-countryinfo.txt"),
            ("pycountry_fr/LICENSE-LGPL-2.1.txt", "LGPL-2.1-pycountry-iso-codes.txt"),
            ("pycountry_fr/COPYRIGHT.txt", "COPYRIGHT-pycountry.txt"),
            ("prolex_fr/LICENSE-LGPLLR.txt", "LGPLLR-Prolex.txt")]

ATTRIBUTION = """# Gazetteer data: sources and licences

Generated by `tools/build_gazetteer.py` from the licensed files in `../shared/gazetteer`
(see its README). Licence texts are in `licenses/`. Hand-written tables inside the build
script (marked `HAND_*`) were written for this project and are dedicated to the public
domain (CC0 1.0).

| file | built from | licence / copyright |
|---|---|---|
| `states.tsv` | countryinfo 1.0.1 (`countryinfo_countries.tsv`: ISO codes, English names, capitals, demonyms); pycountry 26.2.16 / Debian iso-codes (`iso3166-1_en_fr.tsv`: English and French names); Prolex-PaysCapitales (French names, capitals, inflected adjectives and gentilés), joined through `countries_fr_en_merged.tsv`; hand fixes (CC0) | countryinfo: MIT, Copyright (c) 2018 Porimol Chandro. pycountry / iso-codes: LGPL-2.1, Copyright (c) 2008-2023 pycountry (Christian Theune and contributors), data from the Debian iso-codes project. Prolex: LGPLLR, Prolex project, Laboratoire d'Informatique, Université François-Rabelais de Tours (contact Denis Maurel), via UnitexGramLab/unitex-lingua. The file as a whole is a derivative of LGPLLR and LGPL-2.1 data and is distributed under those licences. |
| `places.tsv` | capitals from `states.tsv`; other cities and regions from Prolex-PaysCapitales; US states and UK nations (CC0 hand table) | LGPLLR (Prolex parts), LGPL-2.1/MIT (capitals), CC0 (hand table) |
| `seats.tsv` | `metonyms_seats_of_power.tsv` (written for this project) + CC0 variants | CC0 1.0 |
| `orgs.tsv` | hand table of international organisations with French names (CC0), enriched with English synonyms and other intergovernmental bodies from PETRARCH2 `Phoenix.International.actors.txt` | MIT, Copyright (c) 2014 Open Event Data Alliance (Computational Event Data System / Parus Analytics; NSF funding) + CC0 |
| `persons.tsv` | PETRARCH2 `Phoenix.Countries.actors.txt` (CountryInfo leaders) and `Phoenix.International.actors.txt`; hand table of French spellings of prominent leaders (CC0) | MIT, Copyright (c) 2014 Open Event Data Alliance + CC0 |
| `titles.tsv` | English: PETRARCH2 `Phoenix.agents.txt` (government, military, legislative, judicial, elite, party person nouns); French and extra English titles: hand table (CC0) | MIT, Copyright (c) 2014 Open Event Data Alliance + CC0 |

Source versions: PETRARCH2 github.com/openeventdata/petrarch2 @676801cd; Prolex
github.com/UnitexGramLab/unitex-lingua @70e44648 (`French/Dela/Prolex-PaysCapitales.dic`,
converted to UTF-8); PyPI `countryinfo` 1.0.1; PyPI `pycountry` 26.2.16.

Known limits: CAMEO leaders and roles stop around 2014-2016 and their date ranges are
CAMEO's, not authoritative; Prolex `+Iso` tags are not ISO codes (resolved through the
merged table); places from Prolex carry French names only (their `name_en` repeats the
French name unless a hand table gives the English one).
"""


def write_attribution(src: Path, out: Path) -> None:
    """Copy licence texts and write ATTRIBUTION.md."""
    lic = out / "licenses"
    lic.mkdir(parents=True, exist_ok=True)
    for rel, name in LICENCES:
        shutil.copyfile(src / rel, lic / name)
    (out / "ATTRIBUTION.md").write_text(ATTRIBUTION, encoding="utf-8")


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """Build every file; returns the process exit code."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", nargs="?", type=Path, default=DEFAULT_SRC,
                    help="the shared gazetteer folder (default: ../shared/gazetteer)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = ap.parse_args(argv)
    src, out = args.source, args.out
    if not (src / "countries_fr_en_merged.tsv").is_file():
        print(f"error: {src} does not look like the shared gazetteer folder", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    prolex = read_prolex(src / "prolex_fr" / "Prolex-PaysCapitales.dic.utf8.txt")
    states = build_states(src, prolex)
    write_tsv(out / "states.tsv",
              ["key", "iso2", "iso3", "name_en", "name_fr", "status"] + STATE_COLS,
              [[state_key(s), s.iso2, s.iso3, s.name_en, s.name_fr, s.status]
               + [s.cols[c] for c in STATE_COLS]
               for s in sorted(states.values(), key=lambda s: s.iso2)])
    write_tsv(out / "places.tsv",
              ["key", "name_en", "name_fr", "iso2", "kind", "names_en", "names_fr"],
              [[p.key, p.name_en, p.name_fr, p.iso2, p.kind, p.names_en, p.names_fr]
               for p in build_places(states, prolex)])
    cameo = src / "petrarch2_cameo"
    intl = read_cameo(cameo / "Phoenix.International.actors.txt")
    orgs = build_orgs(intl)
    write_tsv(out / "orgs.tsv", ["key", "name_en", "name_fr", "names_en", "names_fr",
                                 "acronyms_en", "acronyms_fr", "kind", "source"], orgs)
    org_names = {fold(r[1]).lower(): r[0] for r in orgs}
    write_tsv(out / "seats.tsv", ["surface", "lang", "refers_to", "iso2", "kind", "key",
                                  "context_dependent"], build_seats(src, org_names))
    iso_of = {s.iso3: s.iso2 for s in states.values() if s.iso3} | {"KSV": "XK"}
    strip = set(TITLE_WORDS) | {fold(f).upper() for s in states.values()
                                for col in ("demonyms_en", "names_en") for f in s.cols[col]
                                if " " not in f}
    persons = merge_persons(cameo_persons(read_cameo(cameo / "Phoenix.Countries.actors.txt"),
                                          iso_of, strip) + cameo_persons(intl, iso_of, strip))
    persons = apply_hand_persons(persons)
    write_tsv(out / "persons.tsv", ["key", "name", "name_fr", "aliases", "aliases_fr", "iso2",
                                    "roles", "cameo", "first_year", "last_year", "source"],
              [person_row(k, p, iso_of) for k, p in sorted(persons.items())])
    write_tsv(out / "titles.tsv", ["surface", "lang", "normalized_en", "agent", "cameo",
                                   "source"], build_titles(src))
    write_attribution(src, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
