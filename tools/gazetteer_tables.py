"""Hand-written tables for build_gazetteer.py: facts from general knowledge, CC0 1.0.

Kept apart from the builder so the logic reads on its own; see kg/data/gazetteer/ATTRIBUTION.md.
"""
from __future__ import annotations

#: Per-state fixes: iso2 <TAB> field <TAB> values separated by "|".
#: field: name_en/name_fr/status/iso3 replace; "+f" adds to column f; "-f" removes from it.
HAND_STATES = """
SU	name_en	Soviet Union
SU	name_fr	Union soviétique
SU	iso3	SUN
SU	+names_en	Soviet Union|USSR|U.S.S.R.|Union of Soviet Socialist Republics
SU	+names_fr	Union soviétique|URSS|U.R.S.S.|Union des républiques socialistes soviétiques
SU	+adjectives_fr	soviétique|soviétiques
SU	+demonyms_en	Soviet|Soviets
SU	+gentiles_fr	Soviétique|Soviétiques
YU	name_en	Yugoslavia
YU	name_fr	Yougoslavie
YU	iso3	YUG
YU	+names_en	Yugoslavia
YU	+names_fr	Yougoslavie
YU	+adjectives_fr	yougoslave|yougoslaves
YU	+demonyms_en	Yugoslav|Yugoslavs
YU	+gentiles_fr	Yougoslave|Yougoslaves
DD	name_en	East Germany
DD	name_fr	République démocratique allemande
DD	iso3	DDR
DD	+names_en	East Germany|German Democratic Republic|GDR
DD	+names_fr	République démocratique allemande|RDA|Allemagne de l'Est
DD	+adjectives_fr	est-allemand|est-allemande|est-allemands|est-allemandes
DD	+demonyms_en	East German|East Germans
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
AN	status	historical
"""


#: States missing from Prolex but sovereign (or treated as state actors in the news).
HAND_SOVEREIGN = {"MM", "RS", "ME", "SS", "MK", "PS", "TW", "VA", "XK"}
# States that no longer exist but that archives and older communiqués name: sovereign in their time,
# with no capital of their own here (Moscou, Belgrade, Prague and Berlin stay their present states').
HAND_SOVEREIGN |= {"SU", "YU", "DD"}


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
#: OTH: a title every kind of body has (a director, a spokesperson, a secretary): it belongs to a state only
#: when the text says which (a nationality, a ministry), never by guessing the article's country.
HAND_TITLES_FR = """
pape|Pope|REL
cardinal|Cardinal|REL
archevêque|Archbishop|REL
évêque|Bishop|REL
président de la république;présidente de la république|President of the Republic|GOV
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
secrétaire|Secretary|OTH
secrétaire général;secrétaire générale|Secretary-General|GOV
secrétaire général adjoint;secrétaire générale adjointe|Deputy Secretary-General|GOV
secrétaire du conseil de sécurité|Secretary of the Security Council|GOV
conseiller à la sécurité nationale;conseillère à la sécurité nationale|National Security Adviser|GOV
conseiller;conseillère|Adviser|OTH
conseiller fédéral;conseillère fédérale|Federal Councillor|GOV
porte-parole|Spokesperson|OTH
chef de cabinet|Chief of Staff|GOV
directeur;directrice|Director|OTH
directeur général;directrice générale|Director-General|OTH
haut responsable;haute responsable|Senior Official|GOV
haut fonctionnaire;haute fonctionnaire|Senior Official|GOV
responsable|Official|OTH
dirigeant;dirigeante|Leader|OTH
chef|Leader|OTH
leader|Leader|OTH
commissaire|Commissioner|OTH
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
official|Official|OTH
leader|Leader|OTH
counselor;counsellor|Counselor|OTH
adviser;advisor|Adviser|OTH
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
councilor;councillor|Councilor|GOV
first minister|First Minister|GOV
chancellor|Chancellor|GOV
vice chancellor|Vice Chancellor|GOV
taoiseach|Taoiseach|GOV
king|King|ELI
queen|Queen|ELI
emir|Emir|ELI
sultan|Sultan|ELI
sheikh|Sheikh|ELI
chairman;chairwoman;chair;chairperson|Chair|OTH
vice chairman|Vice Chair|OTH
general secretary|General Secretary|PTY
director;director general;director-general|Director|OTH
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


#: Media, parties, armed groups, movements, trade unions, companies and national agencies that the
#: news names as actors: name_en | name_fr | other forms ; | kind.  Key = org/<slug of name_en>.
#: name_en is an English form, name_fr a French one; other forms count in both languages unless
#: prefixed "en:" or "fr:"; a form written in capitals ("PS", "AFP") is an acronym (matched with its
#: case). A name that begins with its article ("Le Monde", "Les Républicains") is listed with it: the
#: extractor also finds the bare name after a contracted article ("au Monde", "des Républicains").
#: Kinds: media, party, armed-group, movement, union, company, agency, sport. Names only, from general
#: knowledge; a name shared by several bodies ("Parti conservateur", "Parti travailliste") is left out.
HAND_ORGS_NEWS = """
Agence France-Presse|Agence France-Presse|Agence France Presse;AFP|media
Reuters|Reuters|Thomson Reuters|media
Associated Press|Associated Press|AP|media
BBC|BBC|British Broadcasting Corporation;BBC News;BBC World Service|media
CNN|CNN|Cable News Network|media
Al Jazeera|Al Jazeera|Al-Jazeera;Al Jazira;Al-Jazira|media
Al Arabiya|Al Arabiya|Al-Arabiya|media
Fox News|Fox News|Fox News Channel|media
CBS News|CBS|CBS News|media
NBC News|NBC|NBC News|media
NPR|NPR|National Public Radio|media
Euronews|Euronews|euronews|media
Deutsche Welle|Deutsche Welle||media
Voice of America|Voice of America|VOA|media
Radio Free Europe/Radio Liberty|Radio Free Europe|Radio Free Europe/Radio Liberty;RFE/RL|media
France 24|France 24|France24|media
Radio France Internationale|Radio France internationale|RFI|media
TV5Monde|TV5 Monde|TV5Monde;TV5MONDE|media
France Télévisions|France Télévisions|France Televisions|media
France 2|France 2|France2|media
France 3|France 3|France3|media
France 5|France 5|France5|media
France Info|France Info|Franceinfo;franceinfo;France info|media
France Inter|France Inter|France inter|media
France Culture|France Culture|France culture|media
France Bleu|France Bleu|France bleu|media
Radio France|Radio France||media
TF1|TF1|TF1|media
M6|M6|M6|media
Canal+|Canal+|Canal Plus|media
BFM TV|BFMTV|BFM TV;BFM|media
CNews|CNews|iTélé;i-Télé;iTELE;I-Télé|media
LCI|LCI|LCI|media
RTL|RTL|RTL|media
Europe 1|Europe 1|Europe1|media
RMC|RMC|RMC|media
Arte|Arte|ARTE|media
La Chaîne parlementaire|La Chaîne parlementaire|LCP|media
Public Sénat|Public Sénat|Public Senat|media
RTBF|RTBF|RTBF|media
Radio Télévision Suisse|Radio Télévision Suisse|RTS|media
Radio-Canada|Radio-Canada|Radio Canada|media
CBC|CBC|Canadian Broadcasting Corporation|media
Le Monde|Le Monde|en:Le Monde|media
Le Monde diplomatique|Le Monde diplomatique|Monde diplomatique|media
Le Figaro|Le Figaro|en:Le Figaro;Figaro|media
Libération|Libération|Libé|media
Le Parisien|Le Parisien|Aujourd'hui en France|media
Les Échos|Les Échos|Les Echos|media
La Croix|La Croix|en:La Croix|media
L'Humanité|L'Humanité|L’Humanité|media
L'Express|L'Express|L’Express|media
Le Point|Le Point|en:Le Point|media
L'Obs|L'Obs|L’Obs;Le Nouvel Observateur;Nouvel Observateur|media
Le Journal du dimanche|Le Journal du dimanche|Journal du dimanche;Journal du Dimanche;Le Journal du Dimanche;JDD|media
Le Canard enchaîné|Le Canard enchaîné|Canard enchaîné;Le Canard Enchaîné;Canard Enchaîné|media
Mediapart|Mediapart|Médiapart|media
Le HuffPost|Le HuffPost|HuffPost;Huffington Post;The Huffington Post;Le Huffington Post|media
BuzzFeed|BuzzFeed|Buzzfeed;BuzzFeed News|media
Rue89|Rue89|Rue 89|media
Slate|Slate|Slate.fr|media
Paris Match|Paris Match|Paris-Match|media
Valeurs actuelles|Valeurs actuelles|Valeurs Actuelles|media
Télérama|Télérama|Telerama|media
Les Inrockuptibles|Les Inrockuptibles|Les Inrocks|media
Courrier international|Courrier international|Courrier International|media
Jeune Afrique|Jeune Afrique|en:Jeune Afrique|media
20 Minutes|20 Minutes|20minutes|media
L'Équipe|L'Équipe|L’Équipe;L'Equipe|media
Ouest-France|Ouest-France|Ouest France|media
Sud Ouest|Sud Ouest|Sud-Ouest|media
La Dépêche du Midi|La Dépêche du Midi|La Dépêche|media
La Voix du Nord|La Voix du Nord|Voix du Nord|media
Le Dauphiné libéré|Le Dauphiné libéré|Le Dauphiné Libéré;Dauphiné libéré|media
Le Télégramme|Le Télégramme|Le Telegramme|media
La Provence|La Provence|en:La Provence|media
Midi Libre|Midi Libre|Midi libre|media
Nice-Matin|Nice-Matin|Nice Matin|media
Var-Matin|Var-Matin|Var Matin|media
Corse-Matin|Corse-Matin|Corse Matin|media
La Nouvelle République|La Nouvelle République|La Nouvelle République du Centre-Ouest|media
Presse Océan|Presse Océan|Presse-Océan|media
L'Est républicain|L'Est républicain|L’Est républicain;L'Est Républicain|media
Dernières Nouvelles d'Alsace|Dernières Nouvelles d'Alsace|Les Dernières Nouvelles d'Alsace;DNA|media
Le Soir|Le Soir|en:Le Soir|media
La Libre Belgique|La Libre Belgique|La Libre|media
Le Devoir|Le Devoir|en:Le Devoir|media
Le Journal de Montréal|Le Journal de Montréal|Journal de Montréal|media
Tribune de Genève|Tribune de Genève|La Tribune de Genève|media
The Guardian|The Guardian|Guardian|media
The Observer|The Observer||media
The New York Times|The New York Times|New York Times;NYT|media
The Washington Post|The Washington Post|Washington Post|media
The Wall Street Journal|The Wall Street Journal|Wall Street Journal;WSJ|media
USA Today|USA Today|USA TODAY|media
Los Angeles Times|Los Angeles Times|LA Times|media
Politico|Politico|POLITICO|media
Financial Times|Financial Times|en:FT|media
The Times|The Times|en:Times of London|media
The Independent|The Independent|en:Independent|media
The Daily Telegraph|The Daily Telegraph|Daily Telegraph;The Telegraph|media
The Economist|The Economist|en:Economist|media
Daily Mail|Daily Mail|The Daily Mail|media
The Sun|The Sun||media
Der Spiegel|Der Spiegel|Spiegel|media
Bild|Bild|Bild-Zeitung|media
Die Welt|Die Welt||media
Die Zeit|Die Zeit||media
Süddeutsche Zeitung|Süddeutsche Zeitung|Sueddeutsche Zeitung|media
Frankfurter Allgemeine Zeitung|Frankfurter Allgemeine Zeitung|FAZ|media
El País|El País|El Pais|media
El Mundo|El Mundo||media
La Repubblica|La Repubblica|Repubblica|media
Corriere della Sera|Corriere della Sera||media
Hürriyet|Hürriyet|Hurriyet|media
Haaretz|Haaretz|Haaretz|media
The Jerusalem Post|The Jerusalem Post|Jerusalem Post|media
The Times of Israel|The Times of Israel|Times of Israel|media
Asahi Shimbun|Asahi Shimbun|The Asahi Shimbun|media
Yomiuri Shimbun|Yomiuri Shimbun|The Yomiuri Shimbun|media
Kyodo News|Kyodo|Kyodo News|media
Yonhap|Yonhap|Yonhap News Agency;agence Yonhap|media
Korean Central News Agency|Agence centrale de presse nord-coréenne|KCNA|media
Xinhua|Xinhua|Xinhua News Agency;agence Chine nouvelle;Chine nouvelle|media
Global Times|Global Times||media
People's Daily|Quotidien du peuple|le Quotidien du peuple|media
China Central Television|China Central Television|CCTV|media
TASS|TASS|ITAR-TASS;Itar-Tass;Tass|media
RIA Novosti|RIA Novosti|Ria Novosti|media
Sputnik|Sputnik|Sputnik News|media
RT|RT|Russia Today|media
Interfax|Interfax||media
Izvestia|Izvestia|Izvestiya|media
Kommersant|Kommersant||media
Anadolu Agency|agence Anadolu|Anadolu;Anadolu Ajansı|media
Islamic Republic News Agency|Islamic Republic News Agency|IRNA|media
Tasnim News Agency|Tasnim|Tasnim|media
Syrian Arab News Agency|Syrian Arab News Agency|SANA|media
Amaq News Agency|Amaq|Amaq|media
Press TV|Press TV|PressTV|media
Times of India|Times of India|The Times of India|media
Socialist Party (France)|Parti socialiste|PS|party
The Republicans (France)|Les Républicains|LR|party
Union for a Popular Movement|Union pour un mouvement populaire|UMP|party
National Rally|Rassemblement national|RN|party
National Front (France)|Front national|FN|party
La République En Marche!|La République en marche|La République en Marche;République en marche;LREM;LaREM;LRM;En marche;En Marche;En marche !;En Marche !|party
Democratic Movement (France)|Mouvement démocrate|MoDem;Modem|party
Union of Democrats and Independents|Union des démocrates et indépendants|UDI|party
Europe Ecology – The Greens|Europe Écologie Les Verts|Europe Écologie-Les Verts;EELV|party
French Communist Party|Parti communiste français|PCF|party
La France Insoumise|La France insoumise|France insoumise;La France Insoumise;LFI|party
New Anticapitalist Party|Nouveau Parti anticapitaliste|NPA|party
Lutte Ouvrière|Lutte ouvrière|Lutte Ouvrière|party
Debout la France|Debout la France|DLF|party
Radical Party of the Left|Parti radical de gauche|PRG|party
Christian Democratic Union of Germany|Union chrétienne-démocrate|CDU|party
Christian Social Union in Bavaria|Union chrétienne-sociale|CSU|party
Social Democratic Party of Germany|Parti social-démocrate d'Allemagne|SPD|party
Free Democratic Party (Germany)|Parti libéral-démocrate allemand|FDP|party
Alternative for Germany|Alternative pour l'Allemagne|Alternative für Deutschland;AfD|party
Die Linke|Die Linke||party
UK Independence Party|Parti pour l'indépendance du Royaume-Uni|UKIP|party
Scottish National Party|Parti national écossais|SNP|party
Brexit Party|Brexit Party|Parti du Brexit|party
Republican Party (United States)|Parti républicain|en:Republican Party;en:GOP|party
Democratic Party (United States)|Parti démocrate|en:Democratic Party|party
Spanish Socialist Workers' Party|Parti socialiste ouvrier espagnol|PSOE|party
Podemos|Podemos||party
Ciudadanos|Ciudadanos||party
Five Star Movement|Mouvement 5 étoiles|Mouvement Cinq Étoiles;Mouvement cinq étoiles;M5S|party
Forza Italia|Forza Italia||party
Northern League|Ligue du Nord|Lega Nord|party
United Russia|Russie unie|Russie Unie|party
Chinese Communist Party|Parti communiste chinois|Communist Party of China;PCC;CCP|party
Liberal Democratic Party (Japan)|Parti libéral-démocrate|PLD;LDP|party
Bharatiya Janata Party|Bharatiya Janata Party|BJP|party
Indian National Congress|Congrès national indien|Parti du Congrès|party
African National Congress|Congrès national africain|ANC|party
Justice and Development Party (Turkey)|AKP|AK Party;AKP|party
Republican People's Party (Turkey)|Parti républicain du peuple|CHP|party
Peoples' Democratic Party (Turkey)|Parti démocratique des peuples|HDP|party
Fidesz|Fidesz||party
Jobbik|Jobbik||party
Law and Justice|Droit et justice|PiS|party
Syriza|Syriza|SYRIZA|party
New Democracy (Greece)|Nouvelle Démocratie||party
Likud|Likoud|Likud|party
Fatah|Fatah|Fath|party
ZANU–PF|ZANU-PF|ZANU–PF;Zanu-PF|party
United Socialist Party of Venezuela|Parti socialiste unifié du Venezuela|PSUV|party
National Council for the Defense of Democracy – Forces for the Defense of Democracy|Conseil national pour la défense de la démocratie – Forces pour la défense de la démocratie|CNDD-FDD|party
Parti Québécois|Parti québécois|Parti Québécois|party
Bloc Québécois|Bloc québécois|Bloc Québécois|party
Party for Freedom|Parti pour la liberté|PVV|party
Freedom Party of Austria|Parti de la liberté d'Autriche|FPÖ|party
Austrian People's Party|Parti populaire autrichien|ÖVP|party
New Flemish Alliance|Nouvelle Alliance flamande|N-VA|party
Swiss People's Party|Union démocratique du centre|UDC;SVP|party
Sweden Democrats|Démocrates de Suède||party
Ennahda|Ennahda|Ennahdha|party
National League for Democracy|Ligue nationale pour la démocratie|NLD;LND|party
Workers' Party of Korea|Parti du travail de Corée||party
Communist Party of Cuba|Parti communiste de Cuba|Parti communiste cubain|party
European People's Party|Parti populaire européen|PPE;EPP|party
Islamic State|État islamique|État Islamique;Etat islamique;Etat Islamique;Organisation de l'État islamique;Daech;Daesh;Daëch;fr:EI;E.I.;fr:EIIL;ISIS;ISIL;en:IS;en:Islamic State of Iraq and the Levant;en:Islamic State of Iraq and Syria|armed-group
Al-Qaeda|Al-Qaïda|Al-Qaida;al-Qaïda;al-Qaida;Al Qaïda;Al Qaida;Al-Qaeda;al-Qaeda;Al Qaeda;al Qaeda;Al-Kaïda;Al-Kaida|armed-group
Al-Qaeda in the Islamic Maghreb|Al-Qaïda au Maghreb islamique|AQMI;AQIM|armed-group
Al-Qaeda in the Arabian Peninsula|Al-Qaïda dans la péninsule arabique|AQPA;AQAP|armed-group
Al-Nusra Front|Front al-Nosra|al-Nosra;Al-Nosra;Jabhat al-Nosra;Front Al-Nosra;Nusra Front;Jabhat al-Nusra;Front Fatah al-Cham;Hayat Tahrir al-Cham;Hayat Tahrir al-Sham|armed-group
Hezbollah|Hezbollah|Hizbollah;Hizballah;Hezbolla|armed-group
Hamas|Hamas|HAMAS|armed-group
Islamic Jihad Movement in Palestine|Jihad islamique|Djihad islamique;Jihad islamique palestinien;Palestinian Islamic Jihad|armed-group
Boko Haram|Boko Haram||armed-group
Al-Shabaab|Shebab|Chebab;Shabab;al-Shabab;Al-Shabab;al-Shabaab;Al-Shabaab|armed-group
Taliban|Taliban|Talibans;Talibán|armed-group
Pakistani Taliban|Tehrik-e-Taliban Pakistan|TTP|armed-group
Haqqani network|réseau Haqqani|Haqqani network;Haqqani Network|armed-group
Lashkar-e-Taiba|Lashkar-e-Taiba|Lashkar-e-Toiba|armed-group
Jaish-e-Mohammed|Jaish-e-Mohammed|Jaish-e-Mohammad|armed-group
Abu Sayyaf|Abou Sayyaf|Abu Sayyaf|armed-group
Ansar Dine|Ansar Dine|Ansar Eddine|armed-group
Revolutionary Armed Forces of Colombia|Forces armées révolutionnaires de Colombie|FARC;Farc;FARC-EP|armed-group
National Liberation Army (Colombia)|Armée de libération nationale|ELN|armed-group
ETA (separatist group)|ETA|fr:ETA;Euskadi ta Askatasuna|armed-group
Irish Republican Army|Armée républicaine irlandaise|IRA|armed-group
Kurdistan Workers' Party|Parti des travailleurs du Kurdistan|PKK|armed-group
People's Protection Units|Unités de protection du peuple|YPG|armed-group
Women's Protection Units|Unités de protection de la femme|YPJ|armed-group
Democratic Union Party (Syria)|Parti de l'union démocratique|PYD|armed-group
Syrian Democratic Forces|Forces démocratiques syriennes|fr:FDS;en:SDF|armed-group
Free Syrian Army|Armée syrienne libre|ASL;FSA|armed-group
Houthis|Houthis|Ansar Allah;Ansarullah|armed-group
March 23 Movement|Mouvement du 23 mars|M23|armed-group
Democratic Forces for the Liberation of Rwanda|Forces démocratiques de libération du Rwanda|FDLR|armed-group
Allied Democratic Forces|Forces démocratiques alliées|ADF|armed-group
Séléka|Séléka|Seleka|armed-group
Wagner Group|groupe Wagner|Wagner Group|armed-group
Jemaah Islamiyah|Jemaah Islamiyah|Jemaah Islamiya|armed-group
Islamic State West Africa Province|État islamique en Afrique de l'Ouest|ISWAP|armed-group
Islamic State in the Greater Sahara|État islamique au Grand Sahara|EIGS|armed-group
Muslim Brotherhood|Frères musulmans|Confrérie des Frères musulmans|movement
Yellow vests movement|Gilets jaunes|Gilets Jaunes;fr:gilets jaunes;Mouvement des Gilets jaunes;Yellow Vests;en:yellow vests|movement
Nuit debout|Nuit debout|Nuit Debout|movement
Black Lives Matter|Black Lives Matter||movement
Extinction Rebellion|Extinction Rebellion||movement
Occupy Wall Street|Occupy Wall Street||movement
Femen|Femen|FEMEN|movement
Bonnets rouges|Bonnets rouges|Bonnets Rouges|movement
La Manif pour tous|La Manif pour tous|Manif pour tous|movement
General Confederation of Labour (France)|Confédération générale du travail|CGT|union
French Democratic Confederation of Labour|Confédération française démocratique du travail|CFDT|union
Force Ouvrière|Force ouvrière|Force Ouvrière;FO|union
CFE-CGC|CFE-CGC||union
National Union of Autonomous Trade Unions|Union nationale des syndicats autonomes|UNSA;Unsa|union
Solidaires (trade union)|Union syndicale Solidaires|fr:Solidaires|union
Fédération syndicale unitaire|Fédération syndicale unitaire|FSU|union
Movement of the Enterprises of France|Mouvement des entreprises de France|Medef;MEDEF|union
Trades Union Congress|Trades Union Congress|TUC|union
AFL–CIO|AFL-CIO|AFL–CIO|union
Solidarity (Polish trade union)|Solidarność|Solidarnosc|union
Airbus|Airbus|Airbus Group|company
Boeing|Boeing||company
Renault|Renault|Groupe Renault|company
PSA Group|PSA|Groupe PSA;PSA Peugeot Citroën|company
Air France|Air France|Air France-KLM|company
KLM|KLM||company
Lufthansa|Lufthansa||company
British Airways|British Airways||company
Ryanair|Ryanair||company
EasyJet|easyJet|EasyJet|company
SNCF|SNCF|Société nationale des chemins de fer français|company
RATP|RATP|Régie autonome des transports parisiens|company
Électricité de France|Électricité de France|EDF|company
Engie|Engie|GDF Suez|company
Areva|Areva|AREVA|company
Orano|Orano||company
Dassault Aviation|Dassault Aviation||company
Thales|Thales|Thalès|company
Safran|Safran||company
Alstom|Alstom||company
LVMH|LVMH|Moët Hennessy Louis Vuitton|company
L'Oréal|L'Oréal|L’Oréal|company
Danone|Danone||company
Auchan|Auchan||company
Sanofi|Sanofi||company
BNP Paribas|BNP Paribas||company
Société Générale|Société générale|Société Générale|company
Crédit Agricole|Crédit agricole|Crédit Agricole|company
AXA|AXA|Axa|company
Vivendi|Vivendi||company
Bouygues|Bouygues||company
Veolia|Veolia||company
Michelin|Michelin||company
TotalEnergies|Total|TotalEnergies|company
Publicis|Publicis|Publicis Groupe|company
Ubisoft|Ubisoft||company
Microsoft|Microsoft||company
IBM|IBM||company
Intel|Intel||company
Samsung|Samsung|Samsung Electronics|company
Huawei|Huawei||company
Sony|Sony||company
Nintendo|Nintendo||company
Toyota|Toyota||company
Volkswagen|Volkswagen|VW|company
Siemens|Siemens||company
Gazprom|Gazprom||company
Rosneft|Rosneft||company
Saudi Aramco|Saudi Aramco|Aramco|company
Shell|Shell|Royal Dutch Shell|company
ExxonMobil|ExxonMobil|Exxon Mobil;Exxon|company
Monsanto|Monsanto||company
Bayer|Bayer||company
Nestlé|Nestlé|Nestle|company
Uber|Uber||company
Tesla|Tesla|Tesla Motors|company
SpaceX|SpaceX||company
Netflix|Netflix||company
Nokia|Nokia||company
Ericsson|Ericsson||company
Ifop|Ifop|IFOP|company
Ipsos|Ipsos||company
Harris Interactive|Harris Interactive||company
OpinionWay|OpinionWay||company
Elabe|Elabe||company
BVA|BVA||company
Pôle emploi|Pôle emploi|Pôle Emploi|agency
Parquet national financier|Parquet national financier|parquet national financier;PNF|agency
General Directorate for Internal Security|Direction générale de la sécurité intérieure|DGSI|agency
Directorate-General for External Security|Direction générale de la sécurité extérieure|DGSE|agency
RAID (French police unit)|RAID|RAID|agency
GIGN|Groupe d'intervention de la Gendarmerie nationale|GIGN|agency
INSEE|Institut national de la statistique et des études économiques|INSEE;Insee|agency
CNRS|Centre national de la recherche scientifique|CNRS|agency
CNES|Centre national d'études spatiales|CNES|agency
Inserm|Institut national de la santé et de la recherche médicale|Inserm;INSERM|agency
Météo-France|Météo-France|Météo France|agency
Banque de France|Banque de France||agency
Caisse des dépôts|Caisse des dépôts et consignations|Caisse des dépôts|agency
Federal Reserve|Réserve fédérale américaine|Réserve fédérale;Federal Reserve System;Fed|agency
Federal Bureau of Investigation|Federal Bureau of Investigation|FBI|agency
Central Intelligence Agency|Central Intelligence Agency|CIA|agency
National Security Agency|National Security Agency|NSA|agency
NASA|NASA|National Aeronautics and Space Administration;Nasa|agency
European Space Agency|Agence spatiale européenne|ESA;en:European Space Agency|agency
Roscosmos|Roscosmos||agency
CERN|CERN|Organisation européenne pour la recherche nucléaire;European Organization for Nuclear Research|agency
International Olympic Committee|Comité international olympique|fr:CIO;en:IOC|sport
FIFA|FIFA|Fédération internationale de football association|sport
UEFA|UEFA|Union des associations européennes de football|sport
World Anti-Doping Agency|Agence mondiale antidopage|fr:AMA;WADA|sport
International Skating Union|Union internationale de patinage|ISU|sport
Union Cycliste Internationale|Union cycliste internationale|UCI|sport
"""
