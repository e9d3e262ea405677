"""Word lists for name detection in meeting notes: words that are never a person here, and line headings.

deduce was written for medical letters; meeting notes are full of capitalised role nouns, tool names,
months and the category signal words of leersignalen ("zelf", "bewoners", "de gemeente"), which must stay.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


MONTHS = _words(
    "januari februari maart april mei juni juli augustus september oktober november december "
    "feb mrt apr jun jul aug sep sept okt nov dec"
)
WEEKDAYS = _words("maandag dinsdag woensdag donderdag vrijdag zaterdag zondag ma di wo do vr za zo")
TOOLS_AND_METHODS = _words(
    "teams scrum zoom excel word outlook slack miro trello jira sharepoint onedrive google drive whatsapp "
    "powerpoint canvas brightspace moodle mentimeter padlet kanban agile lean sprint retro standup stand-up "
    "linkedin facebook instagram twitter youtube chatgpt copilot notion planner forms wiki github gitlab "
    "figma figjam confluence doodle calendly asana basecamp discord telegram dropbox wetransfer surfdrive osiris "
    "magister somtoday parnassys webex kahoot qualtrics typeform mural lucidchart clickup azure devops postman "
    "docker vercel netlify heroku firebase canva prezi loom"
)
ROLES = _words(
    "gemeente wijkagent coach docent docenten mentor begeleider begeleiders bewoner bewoners buurtbewoners "
    "voorzitter notulist secretaris penningmeester opdrachtgever opdrachtnemer teamleider manager directeur "
    "wethouder burgemeester huisarts cliënt client cliënten clienten student studenten leerling leerlingen "
    "ouders ouder moeder vader zorgverlener mantelzorger mantelzorgers vrijwilliger vrijwilligers buurman "
    "buurvrouw collega collega's team wijkteam kernteam stuurgroep werkgroep projectgroep bestuur ledenraad "
    "leden lid deelnemer deelnemers stagiair stagiaire wijkverpleegkundige verpleegkundige jongerenwerker "
    "opbouwwerker beleidsmedewerker ambtenaar corporatie woningcorporatie provincie rijk overheid raad "
    "scrummaster scrum-master product owner po facilitator iedereen allen niemand iemand"
)
# Surnames that are also trades: a name only when capitalised inside a sentence, or after a first name or title.
TRADE_WORDS = frozenset(_words("boer bakker visser smid smit mulder molenaar slager schipper kok koster timmerman"))
SIGNAL_WORDS = _words(
    "zelf zelfstandig samen eigenaarschap reflectie perspectief schuring output deadline deadlines structuur "
    "agenda actiepunten actie acties besluit besluiten notulen verslag planning evaluatie terugblik vooruitblik"
)
LANGUAGES = _words(
    "nederlands duits engels frans spaans italiaans pools turks marokkaans arabisch surinaams fries limburgs "
    "brabants vlaams portugees russisch oekraïens chinees somalisch tigrinya berbers koerdisch"
)
HOLIDAYS = _words("kerst kerstmis pasen pinksteren ramadan suikerfeest offerfeest carnaval koningsdag sinterklaas")

# Finite verbs that follow a name opening a sentence ('Yordanka wil', 'Cor vraagt', 'Dimitar uit groep 7').
FINITE_VERBS = frozenset(
    _words(
        "is was heeft had wil wilde gaat ging komt kwam zegt zei vraagt vroeg vertelt vertelde belt belde mailt "
        "appt stuurt stuurde stelt stelde spreekt sprak werkt werkte woont woonde zit zat ligt lag staat stond "
        "neemt nam geeft gaf doet deed kan kon moet moest mag mocht zal zou wordt werd laat liet krijgt kreeg "
        "maakt maakte regelt regelde vindt vond denkt dacht voelt voelde loopt liep zoekt zocht helpt hielp "
        "tolkt tolkte reviewt presenteert presenteerde meldt meldde blijft bleef leest las schrijft schreef uit"
    )
)
# Words before a number that make 'Punt 1', 'Sprint 4', 'Presentielijst 11-09' a numbered item, not an address.
NUMBERED_ITEMS = (
    "punt", "sprint", "week", "ronde", "fase", "stap", "bijlage", "hoofdstuk", "versie", "groep", "klas", "lokaal",
    "zaal", "kamer", "blok", "lijst", "periode", "module", "les", "opdracht", "casus", "vraag", "actie", "item",
    "story", "issue", "ticket", "release", "iteratie", "dag", "jaar", "leerjaar", "bijeenkomst", "sessie", "avond",
    "overleg", "vergadering", "notulen", "verslag", "agenda", "team", "tafel", "niveau", "stelling", "doel",
)  # fmt: skip
SALUTATIONS = _words("geachte beste hallo hoi hey dear hi hello")  # not 'lieve': Lieve is a first name
EMAIL_HEADERS = _words("aan cc bcc onderwerp verzonden from to subject sent")  # "Van:" opens names too

NEVER_A_PERSON = frozenset(
    SALUTATIONS + MONTHS + WEEKDAYS + TOOLS_AND_METHODS + ROLES + SIGNAL_WORDS + HOLIDAYS + LANGUAGES
)

# Words that open a line as "Word: ..." without being a speaker.
HEADINGS = frozenset(
    _words(
        "aanwezig aanwezigen afwezig afwezigen afgemeld afmelding afmeldingen notulist notuliste notulen "
        "voorzitter voorzitster agenda actie acties actiepunt actiepunten besluit besluiten besluitenlijst "
        "datum tijd locatie plaats onderwerp thema casus vraag vragen antwoord toelichting opmerking opmerkingen "
        "conclusie conclusies samenvatting inleiding aanleiding doel doelen resultaat resultaten output update "
        "stand vervolg planning evaluatie terugblik vooruitblik reflectie feedback tip tips top tops leerpunt "
        "leerpunten afspraak afspraken wat waarom hoe wie wanneer waar mededelingen rondvraag sluiting opening "
        "let noot nb n.b p.s ps wvttk overig overige deelnemers gast gasten genodigden secretaris penningmeester "
        "verslag verslaglegging tijdbewaker facilitator gespreksleider punt ter info idee ideeën risico risico's "
        "probleem knelpunt knelpunten kansen sterk zwak status taak taken eigenaar deadline deadlines sprint "
        "retro retrospective review demo backlog doelgroep budget kosten begroting financien financiën "
        "energie zorg onderwijs wijk week maand jaar vandaag morgen gisteren volgende vorige dag"
    )
    + EMAIL_HEADERS
    + MONTHS
    + WEEKDAYS
)

# Line headings whose rest is a list of people.
ATTENDANCE_HEADINGS = (
    "aanwezig", "aanwezigen", "afwezig", "afwezigen", "afgemeld", "afmelding", "afmeldingen", "notulist",
    "notuliste", "notulen", "voorzitter", "voorzitster", "deelnemers", "gast", "gasten", "genodigden",
    "secretaris", "penningmeester", "verslag", "verslaglegging", "tijdbewaker", "facilitator", "gespreksleider",
    "met kennisgeving afwezig", "afwezig met kennisgeving", "zonder bericht afwezig", "ziek", "ziekgemeld",
    "te gast", "namens", "uitgenodigd", "niet aanwezig", "later", "eerder weg", "coach", "begeleider",
    "begeleiding", "docent", "mentor", "opdrachtgever", "contactpersoon", "trekker", "trekkers",
)  # fmt: skip

# Titles and role nouns after which a capitalised word is a person ("wijkagent Ruud", "mevrouw De Vries").
TITLES = (
    "mevrouw", "mevr.", "mevr", "mw.", "mw", "meneer", "mijnheer", "dhr.", "dhr", "de heer", "juf", "juffrouw",
    "meester", "dokter", "dr.", "ds.", "pastor", "collega", "wijkagent", "wijkverpleegkundige", "coach", "docent",
    "docente", "mentor", "begeleider", "buurman", "buurvrouw", "opa", "oma", "zoon", "dochter", "moeder", "vader",
    "broer", "zus", "cliënt", "client", "cliënte", "bewoner", "bewoonster", "student", "studente", "stagiair",
    "stagiaire", "teamleider", "manager", "directeur", "wethouder", "burgemeester", "huisarts", "familie", "gezin",
    "echtpaar", "voorzitter", "notulist", "secretaris", "penningmeester", "opdrachtgever", "leerling",
    "jongerenwerker", "opbouwwerker", "vrijwilliger", "vrijwilligster", "mantelzorger", "ouders", "tante", "oom",
    "neef", "nicht", "partner", "vriend", "vriendin", "man", "vrouw", "kleinzoon", "kleindochter", "professor",
    "prof.", "ir.", "ing.", "drs.", "mr.", "beleidsmedewerker", "casusregisseur", "consulent", "coördinator",
)  # fmt: skip

# Particles that form part of a Dutch (or Arabic/French/German) surname.
PARTICLES = (
    "van der", "van den", "van de", "van het", "van 't", "van ’t", "in 't", "in ’t", "in het", "op de", "op den",
    "op 't", "uit de", "uit den", "van", "de", "der", "den", "ter", "ten", "te", "'t", "’t", "von", "du", "da",
    "la", "le", "el", "al", "d'", "di", "dos", "del",
)  # fmt: skip
# Particles that can open a surname without a first name in running text ("met de Boer", "van Dijk vindt").
SURNAME_OPENERS = ("van der", "van den", "van de", "van 't", "van ’t", "in 't", "ter", "ten", "van", "de", "den", "el")
