"""Hand-written tables for build_gazetteer.py: facts from general knowledge, CC0 1.0.

Kept apart from the builder so the logic reads on its own; see kg/data/gazetteer/ATTRIBUTION.md.
"""
from __future__ import annotations

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
espion;espionne|Spy|SPY
agent secret;agente secrète|Secret Agent|SPY
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
commissioner|Commissioner|IGO
secretary|Secretary|GOV
assistant secretary|Assistant Secretary|GOV
under secretary;undersecretary|Under Secretary|GOV
deputy secretary|Deputy Secretary|GOV
home secretary|Home Secretary|GOV
minister for foreign affairs|Foreign Minister|GOV
defense minister;defence minister|Defence Minister|GOV
finance minister|Finance Minister|GOV
interior minister|Interior Minister|GOV
trade minister|Trade Minister|GOV
economy minister|Economy Minister|GOV
energy minister|Energy Minister|GOV
health minister|Health Minister|GOV
justice minister|Justice Minister|GOV
deputy minister|Deputy Minister|GOV
vice premier|Vice Premier|GOV
state councilor;state councillor|State Councilor|GOV
first minister|First Minister|GOV
chancellor|Chancellor|GOV
vice chancellor|Vice Chancellor|GOV
taoiseach|Taoiseach|GOV
king|King|ELI
queen|Queen|ELI
emir|Emir|ELI
sultan|Sultan|ELI
sheikh|Sheikh|ELI
chairman;chairwoman;chair;chairperson|Chair|GOV
vice chairman|Vice Chair|GOV
general secretary|General Secretary|PTY
director;director general;director-general|Director|GOV
special representative|Special Representative|DIP
representative|Representative|DIP
counterpart|Counterpart|GOV
general|General|MIL
admiral|Admiral|MIL
commander|Commander|MIL
pope|Pope|REL
cardinal|Cardinal|REL
archbishop|Archbishop|REL
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


#: Holders of offices whose press services publish readouts that name the principal only by
#: title ("The President met today with...", "the Secretary's meeting with..."): office | ISO
#: alpha-2 | English title | French title | holder (as in persons.tsv) | start | end (empty:
#: still in office). Public facts (dates of taking and leaving office), written for this project.
HAND_OFFICES = """
us-president|US|President|président|Jimmy Carter|1977-01-20|1981-01-20
us-president|US|President|président|Ronald Reagan|1981-01-20|1989-01-20
us-president|US|President|président|George H. W. Bush|1989-01-20|1993-01-20
us-president|US|President|président|Bill Clinton|1993-01-20|2001-01-20
us-president|US|President|président|George W. Bush|2001-01-20|2009-01-20
us-president|US|President|président|Barack Obama|2009-01-20|2017-01-20
us-president|US|President|président|Donald Trump|2017-01-20|2021-01-20
us-president|US|President|président|Joe Biden|2021-01-20|2025-01-20
us-president|US|President|président|Donald Trump|2025-01-20|
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Cyrus Vance|1977-01-23|1980-04-28
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Edmund Muskie|1980-05-08|1981-01-18
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Alexander Haig|1981-01-22|1982-07-05
us-secretary-of-state|US|Secretary of State|secrétaire d'État|George Shultz|1982-07-16|1989-01-20
us-secretary-of-state|US|Secretary of State|secrétaire d'État|James Baker|1989-01-25|1992-08-23
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Lawrence Eagleburger|1992-12-08|1993-01-20
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Warren Christopher|1993-01-20|1997-01-17
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Madeleine Albright|1997-01-23|2001-01-20
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Colin Powell|2001-01-20|2005-01-26
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Condoleezza Rice|2005-01-26|2009-01-20
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Hillary Clinton|2009-01-21|2013-02-01
us-secretary-of-state|US|Secretary of State|secrétaire d'État|John Kerry|2013-02-01|2017-01-20
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Rex Tillerson|2017-02-01|2018-03-31
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Mike Pompeo|2018-04-26|2021-01-20
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Antony Blinken|2021-01-26|2025-01-20
us-secretary-of-state|US|Secretary of State|secrétaire d'État|Marco Rubio|2025-01-21|
gb-prime-minister|GB|Prime Minister|Premier ministre|Tony Blair|1997-05-02|2007-06-27
gb-prime-minister|GB|Prime Minister|Premier ministre|Gordon Brown|2007-06-27|2010-05-11
gb-prime-minister|GB|Prime Minister|Premier ministre|David Cameron|2010-05-11|2016-07-13
gb-prime-minister|GB|Prime Minister|Premier ministre|Theresa May|2016-07-13|2019-07-24
gb-prime-minister|GB|Prime Minister|Premier ministre|Boris Johnson|2019-07-24|2022-09-06
gb-prime-minister|GB|Prime Minister|Premier ministre|Liz Truss|2022-09-06|2022-10-25
gb-prime-minister|GB|Prime Minister|Premier ministre|Rishi Sunak|2022-10-25|2024-07-05
gb-prime-minister|GB|Prime Minister|Premier ministre|Keir Starmer|2024-07-05|
fr-president|FR|President of the Republic|président de la République|Valéry Giscard d'Estaing|1974-05-27|1981-05-21
fr-president|FR|President of the Republic|président de la République|François Mitterrand|1981-05-21|1995-05-17
fr-president|FR|President of the Republic|président de la République|Jacques Chirac|1995-05-17|2007-05-16
fr-president|FR|President of the Republic|président de la République|Nicolas Sarkozy|2007-05-16|2012-05-15
fr-president|FR|President of the Republic|président de la République|François Hollande|2012-05-15|2017-05-14
fr-president|FR|President of the Republic|président de la République|Emmanuel Macron|2017-05-14|
"""

#: Publishers whose releases name their principal by title only: how to recognise them (a URL
#: host, or a header line of the release, folded) | the principal's title as the release writes it
#: (folded) | the office | the period an archive host covers (start | end; empty for live sites).
HAND_HOUSES = """
host|whitehouse.gov|president|us-president||
host|obamawhitehouse.archives.gov|president|us-president|2009-01-20|2017-01-20
host|trumpwhitehouse.archives.gov|president|us-president|2017-01-20|2021-01-20
host|georgewbush-whitehouse.archives.gov|president|us-president|2001-01-20|2009-01-20
host|clintonwhitehouse2.archives.gov|president|us-president|1993-01-20|2001-01-20
host|clintonwhitehouse4.archives.gov|president|us-president|1993-01-20|2001-01-20
host|bidenwhitehouse.archives.gov|president|us-president|2021-01-20|2025-01-20
line|the white house|president|us-president||
line|office of the press secretary|president|us-president||
host|state.gov|secretary|us-secretary-of-state||
host|state.gov|secretary of state|us-secretary-of-state||
host|2001-2009.state.gov|secretary|us-secretary-of-state|2001-01-20|2009-01-20
host|2009-2017.state.gov|secretary|us-secretary-of-state|2009-01-20|2017-01-20
host|2017-2021.state.gov|secretary|us-secretary-of-state|2017-01-20|2021-01-20
host|2021-2025.state.gov|secretary|us-secretary-of-state|2021-01-20|2025-01-20
line|senior state department official|secretary|us-secretary-of-state||
line|office of the spokesperson|secretary|us-secretary-of-state||
line|u.s. department of state|secretary|us-secretary-of-state||
host|gov.uk|prime minister|gb-prime-minister||
line|prime minister's office, 10 downing street|prime minister|gb-prime-minister||
host|presidency.ucsb.edu|president|us-president||
host|elysee.fr|president de la republique|fr-president||
host|vie-publique.fr|president de la republique|fr-president||
host|gouvernement.fr|president de la republique|fr-president||
host|diplomatie.gouv.fr|president de la republique|fr-president||
"""

#: Government publishers and the state whose own officials they name without saying whose ("le
#: ministre des affaires étrangères" in a French government communiqué is France's): URL host
#: (matched as a suffix) | ISO alpha-2. Only governments' own sites: a news outlet reports on every
#: country. Written for this project (CC0).
HAND_PUBLISHERS = """
vie-publique.fr|FR
elysee.fr|FR
gouvernement.fr|FR
gouv.fr|FR
whitehouse.gov|US
state.gov|US
archives.gov|US
defense.gov|US
gov.uk|GB
kremlin.ru|RU
mid.ru|RU
government.ru|RU
fmprc.gov.cn|CN
bundesregierung.de|DE
auswaertiges-amt.de|DE
mofa.go.jp|JP
kantei.go.jp|JP
canada.ca|CA
pm.gc.ca|CA
"""
