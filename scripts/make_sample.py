"""Generate the fictional sample corpus in ``data/sample/`` (stdlib only, deterministic).

Notes are composed from hand-written Dutch sentence pools. Every pool entry is ``(text, labels)``; the
labels are written as letter codes (see ``LABEL_CODES``) and follow ``/work/shared/codebook.md``:
an empty string means neutral. The per-month mix of labels realises four designed trajectories.

    python scripts/make_sample.py            # (re)write data/sample/
    python scripts/make_sample.py --report   # also print monthly label shares per community
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 2025
MAX_USES_PER_COMMUNITY = 3
MONTHS = [(2025, m) for m in range(1, 13)] + [(2026, 1)]
MONTH_NAMES_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december"]

LABEL_CODES = {
    "P": "perspectiefname", "S": "schuring", "E": "eigenaarschap", "R": "reflectie",
    "T": "structuur", "O": "output", "D": "deadlines",
}
CATEGORIES = list(LABEL_CODES.values())
LEREN = ["perspectiefname", "schuring", "eigenaarschap", "reflectie"]
INSTRUMENTEEL = ["structuur", "output", "deadlines"]
NEUTRAL = "neutraal"
TEAM_CODES = {
    "perspectiefname": "Perspectief", "schuring": "Wrijving", "eigenaarschap": "Eigenaarschap",
    "reflectie": "Reflectie", "structuur": "Organisatie", "output": "Resultaat", "deadlines": "Tijdsdruk",
}

# ---------------------------------------------------------------------------------------------------------
# Sentence pools. Shared entries may appear in every community; the use cap applies per community.
# ---------------------------------------------------------------------------------------------------------

SHARED_POOL = [
    # neutral: attendance, logistics, small talk, denied signals
    ("Er waren twaalf mensen aanwezig, twee hadden zich afgemeld.", ""),
    ("De koffie en thee stonden al klaar toen we binnenkwamen.", ""),
    ("We zaten deze keer in de grote zaal op de eerste verdieping.", ""),
    ("Mevr. Jansen was er voor het eerst bij en stelde zich kort voor.", ""),
    ("Door een ongeluk op de ring schoven een paar mensen later aan.", ""),
    ("Na de pauze zijn we verdergegaan in de kleine zaal.", ""),
    ("Ahmed had zelfgebakken baklava meegenomen, die was snel op.", ""),
    ("Het regende pijpenstelen en de fietsenstalling stond vol.", ""),
    ("Dhr. Bakker is herstellende van zijn operatie en doet iedereen de groeten.", ""),
    ("De wifi deed het weer niet, dus de presentatie werd op papier rondgedeeld.", ""),
    ("Iedereen kreeg een naambordje omdat er een paar nieuwe gezichten waren.", ""),
    ("De bijeenkomst duurde ongeveer anderhalf uur.", ""),
    ("Het parkeerterrein achter het gebouw is tot het einde van de maand afgesloten.", ""),
    ("Femke is met zwangerschapsverlof en komt in het najaar terug.", ""),
    ("Er was soep over, wie wilde kon een bakje meenemen.", ""),
    ("We openden met een kort rondje hoe het met iedereen gaat.", ""),
    ("Een paar mensen waren net terug van vakantie.", ""),
    ("De lift was kapot, dus we zaten beneden in de hal.", ""),
    ("Twee mensen hadden zich ziek gemeld.", ""),
    ("Het was bloedheet in de zaal, de ramen stonden wagenwijd open.", ""),
    ("Bij binnenkomst lag er een presentielijst, die heeft bijna iedereen getekend.", ""),
    ("Karin had haar hond meegenomen, die lag de hele avond onder tafel.", ""),
    ("De beamer werkte pas na een kwartier, daarna ging het goed.", ""),
    ("Er werd getrakteerd op taart omdat Said jarig was.", ""),
    ("Het gesprek ging o.a. over het weer en de drukte in de stad.", ""),
    ("Na afloop bleven een paar mensen nog even hangen voor een drankje.", ""),
    ("Er lagen folders van de bibliotheek en het buurtcentrum op tafel.", ""),
    ("Er kwamen meer mensen dan verwacht, we moesten stoelen bijzetten.", ""),
    ("Thijs was er niet, hij zat vast in de trein bij Utrecht.", ""),
    ("Gelukkig was de verwarming weer gerepareerd.", ""),
    ("Mevr. El Idrissi vertaalde waar nodig naar het Arabisch.", ""),
    ("We hebben even stilgestaan bij het overlijden van dhr. Visser.", ""),
    ("Jeroen liet foto's zien van de barbecue van vorige week.", ""),
    ("Er was een korte presentatie over de nieuwe website van de gemeente.", ""),
    ("De gemeente heeft sinds kort een nieuwe wethouder voor het sociaal domein.", ""),
    ("Ik was vandaag wat moe, het was een lange werkdag.", ""),
    ("Ik kwam net uit een ander overleg en moest even schakelen.", ""),
    ("De sfeer was ontspannen en er werd veel gelachen.", ""),
    ("Er was een kleine verloting voor het goede doel.", ""),
    ("Fleur heeft haar rijbewijs gehaald, daar werd even op geklonken.", ""),
    ("Het thema van de avond was eenzaamheid.", ""),
    ("Iedereen kreeg een kopje koffie en een stroopwafel.", ""),
    ("Er zijn nieuwe stoelen aangeschaft voor de vergaderruimte.", ""),
    ("Kees vertelde over zijn kleinzoon die net naar de middelbare school gaat.", ""),
    ("Er was geen spanning of onenigheid, het was een gezellige avond.", ""),
    ("Van reflectie kwam het deze keer niet, daarvoor was het te rumoerig.", ""),
    ("We hebben deze keer niet echt van elkaar geleerd.", ""),
    ("Er is geen deadline afgesproken voor dit punt.", ""),
    ("Niemand nam verantwoordelijkheid voor het opruimen van de zaal.", ""),
    ("De wc's op de eerste verdieping waren buiten gebruik.", ""),
    ("Er hingen nieuwe schilderijen van een lokale kunstenaar in de gang.", ""),
    ("Naima had haar dochtertje bij zich omdat de opvang dicht was.", ""),
    ("Halverwege reed de brandweer met loeiende sirenes voorbij.", ""),
    ("De koffie was op, Bram heeft nieuwe gehaald bij de supermarkt.", ""),
    ("Er waren broodjes kaas en soep voor iedereen.", ""),
    ("Voor mensen met een rolstoel is de ingang aan de achterkant.", ""),
    ("Sven was er weer bij na een paar weken afwezigheid.", ""),
    ("De ruimte rook nog naar verf na de opknapbeurt.", ""),
    ("Er werd kort gesproken over de nieuwe parkeertarieven, bijv. bij het station.", ""),
    ("Naast de zaal werd een kinderfeestje gehouden, dat was goed te horen.", ""),
    ("De bus had vertraging, dus Linda kwam iets later binnen.", ""),
    ("Het gebouw is tijdens de zomer op vrijdag gesloten.", ""),
    ("Op tafel lag een mand met fruit van de markt.", ""),
    ("De fotograaf van de lokale krant maakte een paar foto's.", ""),
    ("Er was een nieuwe stagiaire die vooral kwam kijken.", ""),
    ("We hebben kort teruggeblikt op het mooie weer van afgelopen weekend.", ""),
    ("Het is alweer een jaar geleden dat het gebouw werd geopend.", ""),
    ("Sanne had kaartjes voor het concert van zaterdag en vroeg wie er mee wilde.", ""),
    # structuur
    ("De notulen van vorige keer zijn zonder wijzigingen vastgesteld.", "T"),
    ("De agenda werd kort doorgenomen en er kwamen geen punten bij.", "T"),
    ("Er komt een vaste voorzitter per kwartaal, deze ronde is dat Rachida.", "T"),
    ("We gebruiken voortaan het nieuwe format voor de verslaglegging.", "T"),
    ("De actielijst is bijgewerkt en staat in de Teams-map.", "T"),
    ("Afgesproken is dat de notulist wisselt per bijeenkomst.", "T"),
    ("Het overleg verschuift voortaan naar de tweede dinsdag van de maand.", "T"),
    ("Voor het volgende overleg komt er een strakkere agenda met tijdsblokken per punt.", "T"),
    ("Het protocol voor het melden van zorgen is aangepast.", "T"),
    ("Er is een kernteam van vier mensen dat de bijeenkomsten voorbereidt.", "T"),
    ("De rolverdeling is als volgt: Tim notuleert, Sevda zit voor en Wouter bewaakt de tijd.", "T"),
    ("Vragen kunnen via het formulier op de gedeelde schijf worden ingediend.", "T"),
    ("We hebben afgesproken dat punten voor de agenda uiterlijk maandag binnen moeten zijn.", "TD"),
    ("Het rooster voor de komende maanden is rondgestuurd.", "T"),
    ("Alle documenten komen voortaan in één map op SharePoint.", "T"),
    ("De werkgroep komt voortaan eens per zes weken bij elkaar i.p.v. elke maand.", "T"),
    ("Er is een nieuw sjabloon voor het verslag van elke bijeenkomst.", "T"),
    ("De stuurgroep wil voortaan elk kwartaal een korte voortgangsnotitie ontvangen.", "TO"),
    ("Het scrumboard is opgeschoond en de oude kaartjes zijn gearchiveerd.", "T"),
    # output
    ("De tussenrapportage is opgeleverd en naar de gemeente gestuurd.", "O"),
    ("We hebben dit kwartaal 45 deelnemers bereikt, iets meer dan gepland.", "O"),
    ("De doelstelling voor dit jaar is al voor de helft gehaald.", "O"),
    ("De cijfers van de evaluatie komen volgende week binnen.", "O"),
    ("Er ligt een concept van het eindrapport dat iedereen nog mag aanvullen.", "O"),
    ("De financier vraagt om meetbare resultaten i.p.v. verhalen.", "O"),
    ("De tevredenheidsscore kwam uit op een 7,8.", "O"),
    ("Het aantal aanmeldingen is ten opzichte van vorig jaar verdubbeld.", "O"),
    ("De factsheet met de belangrijkste resultaten is klaar.", "O"),
    ("Er moet een overzicht komen van alle activiteiten, bijv. met het aantal bezoekers per keer.", "O"),
    ("De KPI's voor volgend jaar zijn vastgesteld.", "O"),
    ("Het jaarverslag is gedrukt en ligt bij de receptie.", "O"),
    # deadlines
    ("We lopen twee weken achter op de planning.", "D"),
    ("De deadline voor de aanvraag is vrijdag om twaalf uur.", "D"),
    ("Het evaluatieverslag moet uiterlijk 1 juni binnen zijn.", "DO"),
    ("Door de zomervakantie wordt de oplevering uitgesteld tot september.", "DO"),
    ("Het wordt een race tegen de klok om alles voor de kerst af te krijgen.", "D"),
    ("De planning is krap, maar we liggen nog net op schema.", "D"),
    ("De startdatum is een maand naar achteren geschoven.", "D"),
    ("Alles moet eind van de maand klaar zijn, dus er is weinig ruimte.", "D"),
    ("We hebben uitstel gekregen tot half november.", "D"),
    ("Iedereen voelt de tijdsdruk nu de einddatum nadert.", "D"),
    # perspectiefname
    ("Ik snap nu beter waarom zij zo terughoudend reageerde.", "P"),
    ("Het was goed om te horen hoe het voor nieuwe deelnemers voelt om hier binnen te komen.", "P"),
    ("We hebben gevraagd hoe dit overkomt op mensen die de taal nog leren.", "P"),
    ("Hij legde uit waarom hij de vorige keer niet meer gekomen was.", "P"),
    ("Zij ervaren het als een verplichting, terwijl wij het als een kans zien.", "P"),
    ("Het hielp om de situatie eens door de ogen van de vrijwilligers te bekijken.", "P"),
    ("Ik vroeg me af hoe de jongeren hier zelf eigenlijk over denken.", "P"),
    ("Iedereen vertelde wat dit project voor hem of haar persoonlijk betekent.", "P"),
    # schuring
    ("Over de verdeling van het budget waren we het flink oneens.", "S"),
    ("Het schuurde behoorlijk toen het over de taakverdeling ging.", "ST"),
    ("Er was duidelijk irritatie over het feit dat afspraken niet worden nagekomen.", "S"),
    ("Het was een ongemakkelijk gesprek, maar het moest gevoerd worden.", "S"),
    ("Twee deelnemers botsten over de vraag wie hier eigenlijk beslist.", "S"),
    ("Er kwam weerstand toen de coördinator een nieuw format voorstelde.", "ST"),
    ("Er werd over en weer verweten dat de ander niet luistert.", "S"),
    ("De discussie liep hoog op en werd even geschorst.", "S"),
    ("Ik voelde me ongemakkelijk toen mijn voorstel zo snel werd weggewuifd.", "S"),
    # eigenaarschap
    ("We hebben zelf een extra bijeenkomst georganiseerd, zonder dat iemand erom vroeg.", "E"),
    ("Een paar deelnemers namen het initiatief om samen een oplossing te zoeken.", "E"),
    ("Wij pakken dit zelf op, daar hoeven we niet op de gemeente te wachten.", "E"),
    ("Dit voelt inmiddels echt als ons project.", "E"),
    ("De groep besloot zelf welke onderwerpen de komende tijd aan bod komen.", "E"),
    ("Ik heb zelf contact gezocht om het probleem op te lossen.", "E"),
    # reflectie
    ("Achteraf gezien hadden we veel eerder aan de bel moeten trekken.", "R"),
    ("Terugkijkend denk ik dat we te snel naar oplossingen zochten.", "R"),
    ("Ik heb geleerd dat ik beter eerst kan luisteren voordat ik iets voorstel.", "R"),
    ("Ik realiseer me dat ik vaak invul wat anderen bedoelen.", "R"),
    ("Het viel me op dat ik vooral zelf aan het woord was.", "R"),
    ("De volgende keer wil ik meer ruimte laten voor stiltes, omdat mensen dan pas echt iets zeggen.", "R"),
    ("We vroegen ons af of onze aanpak eigenlijk wel werkt.", "R"),
    ("Achteraf was de strakke vergaderstructuur eerder een belemmering.", "RT"),
    ("Ik merk dat mijn eigen aannames hier steeds weer op de proef worden gesteld.", "R"),
    ("Wat ik hiervan meeneem, is dat het niet altijd sneller hoeft.", "R"),
    ("Bij nader inzien was het verstandig om het gesprek niet te forceren.", "R"),
    ("Ik vraag me af of ik niet te veel vanuit mijn eigen rol kijk.", "R"),
]

SHARED_ACTIONS = [
    ("{naam} stuurt de notulen rond.", "T"),
    ("{naam} zet het punt op de agenda voor de volgende keer.", "T"),
    ("{naam} maakt een overzicht van de taken voor de komende maanden.", "T"),
    ("{naam} vraagt na wat de huur van de zaal kost.", "T"),
    ("{naam} werkt het concept uit, uiterlijk vrijdag.", "TD"),
    ("Iedereen leest het concept voor volgende week door.", "TD"),
    ("{naam} zoekt uit wie de sleutel van de zaal beheert.", "T"),
    ("{naam} mailt de nieuwe deelnemers met de praktische informatie.", "T"),
    ("{naam} plant een vervolgafspraak in.", "T"),
]

POOLS = {
    "wijkteam-noord": [
        # neutral: case updates, neighbourhood news, content
        ("De familie aan de Berkenstraat heeft inmiddels een nieuwe woning toegewezen gekregen.", ""),
        ("Dhr. Koster is weer thuis na zijn ziekenhuisopname.", ""),
        ("De speeltuin aan het Meeuwenplein is opnieuw geschilderd.", ""),
        ("Er zijn klachten binnengekomen over zwerfvuil bij de glasbak.", ""),
        ("In de Merelflat is de lift al twee weken stuk.", ""),
        ("Mevr. Öztürk heeft weer contact met haar dochter.", ""),
        ("De voedselbank in Noord heeft er tien nieuwe gezinnen bij.", ""),
        ("Op woensdagmiddag is er weer een inloop voor mantelzorgers.", ""),
        ("De wijkagent vertelde over een reeks fietsendiefstallen rond het station.", ""),
        ("Het buurthuis is in de zomer op zaterdag gesloten.", ""),
        ("In de Vogelbuurt worden de straten opengebroken voor nieuwe riolering.", ""),
        ("Er is een nieuwe huisarts gestart in het gezondheidscentrum.", ""),
        ("Jamal vertelde dat de moestuin dit jaar veel courgettes heeft opgeleverd.", ""),
        ("Het schuldhulpmaatje van mevr. Pinas komt voortaan bij haar thuis.", ""),
        ("Er komt een extra bankje bij de bushalte aan de Zeeweg.", ""),
        ("De jongeren hangen sinds kort vaker bij het winkelcentrum.", ""),
        ("De buurtbus rijdt vanaf deze maand ook op zondag.", ""),
        ("Twee bewoners van de Reigerstraat zijn verhuisd naar een aanleunwoning.", ""),
        ("De gemeente heeft de bomen langs de Noordsingel gesnoeid.", ""),
        ("Er is een nieuw taalcafé gestart in de bibliotheek.", ""),
        ("Het thema van de avond was armoede onder werkende gezinnen.", ""),
        ("Er is in de wijk veel belangstelling voor de energiecoaches.", ""),
        ("Bij de familie Wijnberg gaat het beter sinds de zoon werk heeft gevonden.", ""),
        ("Dhr. Pinas vertelde over zijn tijd als buschauffeur.", ""),
        ("Veel ouderen in de wijk hebben moeite met digitale formulieren, bijv. voor de huurtoeslag.", ""),
        ("Er is overlast gemeld van een hond die de hele dag blaft.", ""),
        ("Mevr. Dijkstra heeft een scootmobiel gekregen via de Wmo.", ""),
        ("De Turkse vrouwengroep kookt volgende maand voor het buurtdiner.", ""),
        ("In portiek 12 is weer een inbraak geweest.", ""),
        ("Het wijkcentrum krijgt nieuwe vloerbedekking.", ""),
        ("De jonge moeder uit de Zwaluwstraat heeft een plek voor haar jongste bij de opvang.", ""),
        ("De kringloopwinkel zoekt nog chauffeurs voor zaterdag.", ""),
        ("Bij de moskee aan de Havenstraat is een open dag geweest.", ""),
        ("Er stonden weer grofvuil en oude matrassen bij de containers.", ""),
        ("Dhr. Wolters heeft zijn tuin opengesteld voor de buurtkinderen.", ""),
        ("De oude bibliotheek aan de Kastanjelaan wordt een gezondheidscentrum.", ""),
        ("Bij de Surinaamse ouderenvereniging was een drukbezochte kerstviering.", ""),
        ("Het is in de Zwaluwstraat weer rustig sinds de luidruchtige buurman is verhuisd.", ""),
        ("De schuldhulpverlening heeft een nieuw adres aan de Havenstraat.", ""),
        ("Dhr. Bouzid repareert in zijn schuurtje fietsen voor de buurtkinderen.", ""),
        ("Er is een nieuwe snackbar geopend op de hoek van de Meeuwenlaan.", ""),
        ("Op Koningsdag was er een vrijmarkt op het plein.", ""),
        ("Mevr. Kaya is opgenomen in het ziekenhuis, haar buurvrouw haalt de post op.", ""),
        ("Veel bewoners hebben een brief gekregen over de huurverhoging.", ""),
        ("De buurtsportcoach geeft op dinsdag stoelyoga in het buurthuis.", ""),
        ("Het zwembad in Noord gaat in het voorjaar dicht voor renovatie.", ""),
        ("In de Merelflat zijn nieuwe brievenbussen geplaatst.", ""),
        ("De kinderen van de Reigerstraat hielden een stoepkrijtwedstrijd.", ""),
        ("De buurtconciërge heeft de nieuwe bewoners van nummer 40 rondgeleid.", ""),
        ("Er hangt sinds kort een AED aan de gevel van het buurthuis.", ""),
        ("Mevr. Sedney is negentig geworden en kreeg bloemen van de buurt.", ""),
        ("In de Vogelbuurt is een nieuwe huiskamer voor ouderen geopend.", ""),
        ("De gemeente plaatst in het najaar extra lantaarnpalen in het park.", ""),
        ("Dhr. Yıldırım helpt buren met het invullen van hun belastingaangifte.", ""),
        ("De zomerschool voor kinderen uit de wijk was snel volgeboekt.", ""),
        ("Op het plein stond de bibliotheekbus.", ""),
        ("Er is een nieuwe wijkverpleegkundige, zij heet Monique.", ""),
        ("Het speelveld achter de flat is opnieuw ingezaaid.", ""),
        ("De buurtvereniging heeft een kerstmarkt gehouden in de gymzaal.", ""),
        # instrumental
        ("Het casusoverleg volgt voortaan een vast stramien, d.w.z. melding, analyse en plan.", "T"),
        ("Elke casus krijgt een casusregisseur die het overzicht houdt.", "T"),
        ("Het registratiesysteem is aangepast, alle contacten moeten er nu in.", "T"),
        ("Het wijkteam heeft een nieuw intakeformulier dat vanaf volgende week verplicht is.", "T"),
        ("Meldingen komen voortaan binnen via het centrale nummer en worden verdeeld in het kernteam.", "T"),
        ("De overdracht tussen de wijkcoaches loopt via het weekoverleg op maandag.", "T"),
        ("Dhr. Hoekstra van de gemeente wil dat we het werkproces beter vastleggen.", "T"),
        ("Er is een escalatieprotocol voor situaties met huiselijk geweld.", "T"),
        ("Het wijkteam werkt vanaf nu met een gezamenlijke agenda in Outlook.", "T"),
        ("Ilse maakt het verslag, Mohamed zit voor.", "T"),
        ("We hebben dit kwartaal 63 huishoudens ondersteund.", "O"),
        ("De wethouder wil in het najaar zien wat het wijkteam heeft opgeleverd.", "O"),
        ("Het aantal doorverwijzingen naar de tweedelijnszorg moet omlaag, dat is een van de KPI's.", "O"),
        ("De monitor laat zien dat de wachttijd voor een intake is gedaald naar tien dagen.", "O"),
        ("De rapportage over het eerste halfjaar moet voor 15 juli bij de gemeente liggen.", "OD"),
        ("De verantwoording over 2024 moet deze maand nog de deur uit.", "OD"),
        ("Het afsluiten van dossiers loopt achter, er staan er nog veertig open.", "D"),
        ("Voor het einde van het jaar moet elk dossier volgens het nieuwe format zijn bijgewerkt.", "TD"),
        ("Het aantal bezoekers van de buurtlunch is gestegen naar dertig per keer.", "O"),
        ("We komen door de drukte niet op tijd toe aan alle nieuwe meldingen.", "D"),
        ("De gemeente wil per kwartaal het aantal afgesloten casussen zien.", "O"),
        ("Het nieuwe werkproces moet per 1 april ingevoerd zijn.", "TD"),
        # perspectiefname
        ("Vanuit bewoners gezien is het wijkteam vooral een loket waar je lang op moet wachten.", "P"),
        ("Mevr. Pinas legde uit waarom ze de eerste brief van het wijkteam niet eens had opengemaakt.", "P"),
        ("De wijkagent vertelde hoe hij de jongeren bij het winkelcentrum ziet, en dat was een ander "
         "verhaal dan het onze.", "P"),
        ("Bewoners ervaren onze huisbezoeken soms als controle in plaats van als hulp.", "P"),
        ("Ik begrijp nu waarom Fatma liever niet via de buurtapp wordt benaderd.", "P"),
        ("Hoe komt het over als er drie professionals tegelijk bij iemand op de bank zitten?", "PR"),
        ("De mantelzorgers vertelden wat het met ze doet als ze steeds opnieuw hun verhaal moeten "
         "doen.", "P"),
        ("Jamal zette de kant van de jongeren en die van de omwonenden naast elkaar.", "P"),
        ("We vroegen de bewoners zelf wat zij als het grootste probleem in de straat zien.", "P"),
        ("Voor veel nieuwkomers is de gemeente iets om bang voor te zijn, vertelde Abdel.", "P"),
        ("Ik zag de situatie ineens door de ogen van een moeder die alles alleen moet doen.", "P"),
        ("Dhr. Wolters vertelde hoe eenzaam de winter voor hem was, dat maakte veel indruk.", "P"),
        ("De jongeren legden uit dat ze bij het winkelcentrum zitten omdat er nergens anders plek is.", "P"),
        # schuring
        ("Een bewoner zei ronduit dat hij zich door het wijkteam niet serieus genomen voelt.", "SP"),
        ("Het schuurde tussen de woningcorporatie en de bewoners over de schimmel in de flats.", "S"),
        ("Er was onvrede over de manier waarop de gemeente de buurtbudgetten verdeelt.", "S"),
        ("Het gesprek met de huisbaas was confronterend, maar wel eerlijk.", "S"),
        ("Professionals en bewoners botsten over wie de buurtlunch mag organiseren.", "S"),
        # eigenaarschap
        ("Bewoners hebben zelf een buurtlunch opgezet in de kantine van de voetbalclub.", "E"),
        ("Mevr. Dijkstra nam het initiatief voor een belcirkel voor ouderen in haar flat.", "E"),
        ("De bewoners van de Merelflat hebben de regie over hun portiekgesprekken teruggepakt.", "E"),
        ("Wij als bewoners bepalen zelf welke onderwerpen op de buurtavond komen.", "E"),
        ("De moestuingroep draait inmiddels volledig op eigen kracht.", "E"),
        ("Saskia en Hamid hebben op eigen initiatief de jongeren bij het winkelcentrum opgezocht.", "E"),
        ("Het buurtfonds wordt vanaf nu door bewoners zelf beheerd, dat was hun eigen voorstel.", "E"),
        ("Ik heb besloten om samen met mevr. Öztürk zelf naar de gemeente te stappen.", "E"),
        ("Dit is inmiddels echt ons wijkteam geworden, niet meer dat van de gemeente.", "E"),
        # reflectie
        ("Terugkijkend hebben we het eerste halfjaar vooral over formulieren gepraat en weinig over "
         "bewoners.", "RT"),
        ("Ik realiseer me dat ik bewoners vaak te snel doorverwijs.", "R"),
        ("Het viel me op dat bewoners pas gingen praten toen wij ophielden met vragenlijsten.", "R"),
        ("Achteraf gezien was het een fout om het buurtgesprek in het gemeentehuis te houden.", "R"),
        ("Ik heb geleerd dat een kop koffie bij iemand thuis meer doet dan een intakegesprek.", "R"),
        ("We zijn gaan twijfelen aan de aanname dat bewoners vooral informatie nodig hebben.", "R"),
        ("De volgende keer wil ik eerst vragen wat iemand zelf al geprobeerd heeft, omdat dat "
         "vertrouwen geeft.", "R"),
        ("Het begint me te dagen dat wij als professionals soms het probleem zijn, niet de bewoners.", "R"),
        ("Ik merk dat ik minder snel oordeel sinds de gesprekken met de jongeren.", "R"),
        ("Terugkijkend op het jaar zie ik dat we echt anders zijn gaan werken.", "R"),
        ("Het gesprek met de jongeren zette mij aan het denken over hoe wij over 'overlast' praten.", "R"),
    ],
    "energiecooperatie-zonnedak": [
        # neutral (cp1252-safe)
        ("Het dak van de sporthal is ongeveer 1.800 vierkante meter groot.", ""),
        ("De installateur heeft de constructietekening van het dak bekeken.", ""),
        ("Er waren vragen over hoe een zonnepaneel eigenlijk stroom opwekt.", ""),
        ("Dhr. Verbeek heeft zelf twaalf panelen op zijn eigen huis liggen.", ""),
        ("De netbeheerder heeft bevestigd dat er op deze plek nog capaciteit is.", ""),
        ("Een lid vroeg of je als huurder ook mee kunt doen.", ""),
        ("De sporthal wordt in de zomer gebruikt voor een zomerkamp.", ""),
        ("Er was een kort filmpje over een vergelijkbaar project in Zwolle.", ""),
        ("De prijs per paneel is ten opzichte van vorig jaar iets gedaald.", ""),
        ("Mevr. Hendriks vertelde over haar ervaringen met een warmtepomp.", ""),
        ("De penningmeester was op vakantie in Portugal.", ""),
        ("Het dak moet eerst worden verstevigd voordat de panelen erop kunnen.", ""),
        ("Er is een nieuwe energieleverancier die met coöperaties samenwerkt.", ""),
        ("Op de informatieavond kwamen vooral gepensioneerden af.", ""),
        ("Iemand vroeg hoe lang de panelen meegaan, het antwoord was zo'n 25 jaar.", ""),
        ("De wethouder duurzaamheid was ook even aanwezig.", ""),
        ("De omvormers komen van een Duitse fabrikant.", ""),
        ("Er lagen flyers over energiebesparing op tafel.", ""),
        ("Het gesprek ging o.a. over de stijgende energieprijzen.", ""),
        ("De gymzaal was net schoongemaakt en rook naar chloor.", ""),
        ("Er is een artikel over de coöperatie verschenen in de wijkkrant.", ""),
        ("Een lid had een zelfgemaakte maquette van het dak meegenomen.", ""),
        ("Het terugleveren van stroom wordt vanaf 2027 anders geregeld.", ""),
        ("Piet legde uit hoe de salderingsregeling werkt.", ""),
        ("De dakdekker heeft foto's gemaakt van de dakbedekking.", ""),
        ("Er is een nieuwe laadpaal geplaatst bij de sporthal.", ""),
        ("Een paar leden kwamen op de fiets uit het naburige dorp.", ""),
        ("De bank gaf een presentatie over groene leningen.", ""),
        ("Het windpark in de polder kwam ook even ter sprake.", ""),
        ("Mevr. Kowalski vertaalde de folder naar het Pools.", ""),
        ("Er zat een journalist van de lokale omroep in de zaal.", ""),
        ("Het dak ligt op het zuiden, dat is gunstig voor de opbrengst.", ""),
        ("De energieprijzen waren deze maand weer gestegen.", ""),
        ("Een van de leden is elektricien en keek mee naar de schema's.", ""),
        ("Een lid vroeg of je ook met een klein bedrag kunt meedoen.", ""),
        ("Iemand had een thermoskan met verse muntthee meegenomen.", ""),
        ("De sporthal is gebouwd in 1978 en heeft een plat dak.", ""),
        ("Er was een vraag over wat er met de panelen gebeurt als de sporthal ooit wordt gesloopt.", ""),
        ("De wind trok flink aan toen we op het dak stonden.", ""),
        ("Een paar buren kwamen kijken toen de steiger werd opgebouwd.", ""),
        ("Op het dak van de basisschool liggen al sinds 2019 panelen.", ""),
        ("De elektriciteitskast in de kelder is vorig jaar vernieuwd.", ""),
        ("Er hing een poster van het project bij de supermarkt.", ""),
        ("De koffie werd geschonken door de kantinevrijwilligers van de sportclub.", ""),
        ("Een paar leden hebben zelf ook een thuisbatterij.", ""),
        ("De energiecoach van de gemeente gaf tips over isoleren.", ""),
        ("Er was een excursie naar de zonneweide bij Hoogeveen.", ""),
        ("Het was donker en koud, maar toch kwamen er bijna dertig mensen.", ""),
        ("De wethouder opende de bijeenkomst met een kort praatje.", ""),
        ("Mevr. de Graaf vertelde dat ze al veertig jaar naast de sporthal woont.", ""),
        ("Een lid vroeg of de panelen ook tegen hagel kunnen.", ""),
        ("De sportclub gaat in het voorjaar de kleedkamers verbouwen.", ""),
        ("Iemand liet een filmpje zien dat met een drone boven het dak was gemaakt.", ""),
        ("Op de weekmarkt stond een kraam van de coöperatie met een zonnepaneel als demonstratie.", ""),
        ("In de buurgemeente is een vergelijkbare coöperatie begonnen met een zonneweide.", ""),
        ("De jongste aanwezige was zeventien en kwam met zijn vader.", ""),
        ("Het dak was na de storm nog nat, we zijn er niet op geweest.", ""),
        ("Een paar leden hadden vragen over de belastingaangifte van hun participatie.", ""),
        ("De energiecoöperatie uit het buurdorp liet de groeten doen.", ""),
        ("Mevr. Demir vertelde dat haar kinderen het project op school hadden besproken.", ""),
        ("Er was geen ruimte om stil te staan bij wat dit project met de buurt doet.", ""),
        ("Van echt samen leren is in deze stuurgroep geen sprake.", ""),
        ("Niemand in de stuurgroep voelde zich eigenaar van het contact met de buurt.", ""),
        ("Van spanning was geen sprake, iedereen stemde in.", ""),
        # structuur
        ("De stuurgroep komt voortaan elke twee weken bij elkaar.", "T"),
        ("Er is een nieuw format voor de projectrapportage aan het bestuur.", "T"),
        ("De besluitvorming loopt via het bestuur, d.w.z. de stuurgroep adviseert alleen.", "T"),
        ("Het projectplan is opgedeeld in vier werkpakketten met elk een trekker.", "T"),
        ("De ledenadministratie gaat over naar een nieuw systeem.", "T"),
        ("Het huishoudelijk reglement is aangepast en wordt op de ALV ter stemming gebracht.", "T"),
        ("Vragen van leden gaan voortaan via het algemene mailadres.", "T"),
        ("Er is een risicolog aangemaakt in de gedeelde map.", "T"),
        ("De rolverdeling tussen bestuur en projectleider is opnieuw op papier gezet.", "T"),
        ("Het draaiboek voor de informatieavond is goedgekeurd.", "T"),
        ("Iedere werkgroep levert voortaan een statusupdate aan in het vaste sjabloon.", "T"),
        ("De agenda van de ALV is vastgesteld door het bestuur.", "T"),
        ("De projectleider rapporteert maandelijks aan de stuurgroep.", "T"),
        ("Er is een werkgroep communicatie opgericht.", "T"),
        ("De notulist van de stuurgroep stuurt het verslag binnen een week rond.", "T"),
        ("Het bestuur heeft een mandaatregeling opgesteld voor uitgaven boven de 5.000 euro.", "T"),
        ("De stuurgroep wil voortaan alle besluiten vastleggen in een besluitenlijst.", "T"),
        ("Er is een nieuwe procedure voor het aanmelden van leden via de website.", "T"),
        ("Het communicatieplan is opgesteld volgens het format van de provincie.", "T"),
        ("Voor de aanbesteding is een beoordelingsmatrix gemaakt.", "T"),
        ("Het projectteam werkt met een gedeeld planbord in Trello.", "T"),
        ("De werkgroep financiën legt verantwoording af aan het bestuur.", "T"),
        # output
        ("Het doel is 420 panelen op het dak van de sporthal.", "O"),
        ("De teller staat op 136 leden, het streefgetal is 200.", "O"),
        ("Er is voor 210.000 euro aan participaties opgehaald.", "O"),
        ("De verwachte opbrengst is 160.000 kWh per jaar, genoeg voor zo'n zestig huishoudens.", "O"),
        ("De KPI's voor de subsidie zijn: aantal leden, opgewekte kWh en CO2-reductie.", "O"),
        ("De subsidieverstrekker wil een kwartaalrapportage met meetbare resultaten.", "OT"),
        ("De businesscase is doorgerekend en komt positief uit.", "O"),
        ("De ledenwerving ligt op koers om de doelstelling te halen.", "O"),
        ("Het eerste productiejaar moet een rendement van 4 procent opleveren.", "O"),
        ("De monitoringsapp laat zien dat de panelen boven verwachting presteren.", "O"),
        ("Het aantal deelnemers uit de sociale huur blijft achter bij het doel.", "O"),
        ("In het jaarverslag komen de resultaten per kwartaal in een grafiek.", "O"),
        ("De SCE-beschikking is binnen: de subsidie is toegekend.", "O"),
        ("De opgewekte stroom in de eerste maand was 14.200 kWh.", "O"),
        ("Het aantal leden is deze maand met achttien gestegen.", "O"),
        ("De CO2-besparing wordt elk kwartaal berekend voor het subsidiedossier.", "O"),
        ("Het streven is dat 30 procent van de deelnemers huurder is.", "O"),
        ("De verantwoording aan de provincie vraagt om cijfers per kwartaal.", "OT"),
        ("De eerste opbrengstrapportage is naar de leden gestuurd.", "O"),
        # deadlines
        ("De subsidieaanvraag moet uiterlijk 1 april ingediend zijn.", "D"),
        ("We lopen achter met de ledenwerving, de inschrijving sluit over drie weken.", "DO"),
        ("De netaansluiting is uitgesteld tot het najaar.", "D"),
        ("De installateur kan pas in week 38 beginnen, dat zet de hele planning onder druk.", "D"),
        ("Het wordt krap om de aanvraag voor de deadline rond te krijgen.", "D"),
        ("De oplevering van het dak is een maand opgeschoven.", "DO"),
        ("De vergunning moet binnen zes weken verleend worden, anders schuift alles op.", "D"),
        ("Er is haast bij: de subsidieregeling sluit op 31 oktober.", "D"),
        ("We liggen op schema met de bouw, de panelen gaan in oktober het dak op.", "D"),
        ("De jaarrekening moet voor de ALV van juni klaar zijn.", "DO"),
        ("Het is een race tegen de klok om voor de ALV alle handtekeningen binnen te hebben.", "D"),
        ("De accountant heeft uitstel gevraagd tot eind januari.", "D"),
        ("De planning voor de inbedrijfstelling is naar voren gehaald.", "D"),
        ("De provincie wil vóór 15 september een voortgangsrapport.", "DO"),
        ("Als de panelen niet voor de winter liggen, lopen we een jaar opbrengst mis.", "DO"),
        ("De levering van de omvormers loopt vertraging op.", "D"),
        ("De ALV is met twee weken uitgesteld omdat de stukken niet klaar waren.", "DT"),
        ("De stuurgroep wil dat alle werkpakketten voor 1 maart een voortgangsrapport aanleveren.", "TDO"),
        # learning (rare here)
        ("Een huurder vertelde dat ze zich bij de coöperatie niet welkom voelt omdat alles over "
         "rendement gaat.", "P"),
        ("Het viel me op dat we op de ALV alleen over cijfers praten en niet over waarom we dit doen.", "RO"),
        ("Er was weerstand van een paar leden tegen de manier waarop het bestuur besluiten neemt.", "ST"),
        ("Dhr. Yilmaz vroeg hoe het project overkomt op mensen die geen geld hebben om in te leggen.", "P"),
        ("Een paar leden hebben zelf een ronde langs de flats georganiseerd om huurders te informeren.", "E"),
        ("Achteraf hadden we de buurt eerder moeten betrekken i.p.v. alleen de leden.", "R"),
        ("Het botste tussen de installateur en de vrijwilligers over wie de planning bepaalt.", "ST"),
        ("Ik vraag me af of wij als stuurgroep nog wel weten wat de leden belangrijk vinden.", "RP"),
        ("Mevr. Boukhari legde uit waarom veel mensen in haar straat wantrouwig zijn tegenover "
         "energieprojecten.", "P"),
        ("De jongeren van het buurthuis hebben zelf een voorstel gedaan voor een laadpunt voor "
         "e-bikes.", "E"),
        ("Terugkijkend was het bestuur zo druk met de subsidie dat de leden uit beeld raakten.", "R"),
    ],
    "leeratelier-zorg": [
        # neutral
        ("Het atelier vond deze keer plaats op afdeling De Linde.", ""),
        ("Er waren vier studenten van het mbo en twee van de hbo-opleiding.", ""),
        ("Het thema van de middag was valpreventie bij ouderen.", ""),
        ("Een bewoner van de afdeling zong spontaan mee met de radio.", ""),
        ("Yasmina liet zien hoe je een tillift veilig gebruikt.", ""),
        ("De nieuwe praktijkopleider stelde zich voor.", ""),
        ("We hebben een casus besproken van een bewoner met beginnende dementie.", ""),
        ("Dhr. Van Dam van de afdeling is vorige week overleden.", ""),
        ("Er was taart omdat Esra haar diploma had gehaald.", ""),
        ("De huiskamer van de afdeling is opnieuw ingericht met oude meubels.", ""),
        ("Het ging o.a. over decubitus en wisselligging.", ""),
        ("Een student vertelde over haar stage in de thuiszorg.", ""),
        ("De fysiotherapeut gaf een korte demonstratie van transfers.", ""),
        ("De lunch werd verzorgd door de keuken van het verpleeghuis.", ""),
        ("Er was een gastspreker van de GGD over hittestress.", ""),
        ("Op de afdeling woont sinds kort een kat.", ""),
        ("Het verpleeghuis krijgt een nieuwe tuin met een belevingspad.", ""),
        ("Twee studenten hadden nachtdienst gehad en waren moe.", ""),
        ("We oefenden met het nieuwe elektronische cliëntdossier.", ""),
        ("Het was warm op de afdeling, de ventilatoren draaiden op volle kracht.", ""),
        ("De coördinator had koekjes meegenomen van de markt.", ""),
        ("Mevr. Tjon-A-Fong vertelde over haar werk als wondverpleegkundige.", ""),
        ("Er werd een filmpje getoond over palliatieve zorg.", ""),
        ("De bewonerscommissie heeft een nieuwe voorzitter.", ""),
        ("Sommige studenten kwamen rechtstreeks uit de les.", ""),
        ("Het onderwerp was de overgang van ziekenhuis naar verpleeghuis.", ""),
        ("De zorgrobot werd even gedemonstreerd, d.w.z. hij zei een paar zinnen en bewoog zijn hoofd.", ""),
        ("Buiten was het tuinfeest voor de bewoners in volle gang.", ""),
        ("Er waren vragen over de griepprik dit najaar.", ""),
        ("Wiktoria vertelde dat ze uit Gdańsk komt en daar ook in de zorg werkte.", ""),
        ("De avonddienst kwam er halverwege bij zitten.", ""),
        ("De koffie kwam uit de automaat op de gang.", ""),
        ("Een bewoonster van 97 vertelde grappen uit haar jeugd in Paramaribo.", ""),
        ("De tuin van het verpleeghuis stond vol met bloeiende lavendel.", ""),
        ("Op de afdeling wonen achttien bewoners met dementie.", ""),
        ("Er is een nieuw bed met een sensormat aangeschaft.", ""),
        ("De kapster komt elke dinsdag op de afdeling.", ""),
        ("Sommige bewoners keken naar de wielerwedstrijd op tv.", ""),
        ("De wondverpleegkundige was er deze keer niet bij.", ""),
        ("De middag begon met een calamiteit op de afdeling, daarna werd het rustiger.", ""),
        ("Er was een kort optreden van een vrijwilliger met een accordeon.", ""),
        ("Het ging over de voeding van bewoners met slikproblemen.", ""),
        ("Lisa had haar eerste nachtdienst achter de rug.", ""),
        ("De familie van mevr. De Wit had bloemen meegenomen voor de afdeling.", ""),
        ("We zaten in de stiltekamer omdat de huiskamer bezet was.", ""),
        ("Er werd uitleg gegeven over de nieuwe pomp voor sondevoeding.", ""),
        ("Bart liet een animatie zien over de werking van het hart.", ""),
        ("Esra liet foto's zien van een zorginstelling in Marokko waar ze vrijwilligerswerk deed.", ""),
        ("Een bewoner had zijn verjaardag gevierd met haring en oranjebitter.", ""),
        ("Er stond een nieuwe kast met incontinentiemateriaal in de gang.", ""),
        ("Het ging o.a. over mondzorg bij mensen met dementie.", ""),
        ("De geestelijk verzorger schoof even aan.", ""),
        ("Buiten werd de nieuwe duofiets uitgeprobeerd.", ""),
        ("Twee bewoners speelden sjoelen in de huiskamer.", ""),
        ("Een hbo-v-student vertelde over haar minor in Zweden.", ""),
        ("Er is een nieuwe specialist ouderengeneeskunde op de afdeling.", ""),
        ("De familieraad had een grote bak fruit voor de afdeling gebracht.", ""),
        ("Reflectie kwam er deze middag niet van.", ""),
        # structuur
        ("Het atelier volgt een vaste opzet: casus, theorie, oefening, afsluiting.", "T"),
        ("De studenten vullen na elke bijeenkomst het reflectieformulier in hun portfolio in.", "T"),
        ("De groepsindeling voor de komende periode is rondgemaild.", "T"),
        ("Er is een nieuw rooster waarin de ateliermiddag op donderdag valt.", "T"),
        ("Elke student krijgt een vaste werkbegeleider op de afdeling.", "T"),
        ("De beoordelingscriteria staan in de nieuwe handleiding.", "TO"),
        ("Het werkplan van het leeratelier is besproken in het kernteam.", "T"),
        ("Afspraak over aanwezigheid: wie twee keer mist, maakt een vervangende opdracht.", "T"),
        ("De coördinator houdt de presentielijst bij voor de opleiding.", "T"),
        ("Er komt een vaste structuur voor de overdracht tussen de diensten.", "T"),
        ("Het protocol valincidenten is aangepast en moet door iedereen gelezen worden.", "T"),
        ("Voortaan is er één contactpersoon per opleiding.", "T"),
        ("De bijeenkomsten van het leeratelier staan voortaan in het dienstrooster.", "T"),
        ("Er is een vaste checklist voor de inwerkperiode van studenten.", "T"),
        ("Het leerplan is opgedeeld in zes modules met elk een eigen toets.", "TO"),
        ("De kwaliteitsmedewerker wil alle bijeenkomsten registreren in het leermanagementsysteem.", "T"),
        # output
        ("Alle studenten hebben hun competentie 'communiceren' afgetekend gekregen.", "O"),
        ("Het atelier moet dit jaar minimaal 30 leerwerkplekken opleveren.", "O"),
        ("De tevredenheid van de studenten kwam uit op een 8,1.", "O"),
        ("De directie wil cijfers zien over het verloop onder nieuwe medewerkers.", "O"),
        ("Drie studenten hebben hun proeve van bekwaamheid met een voldoende afgerond.", "O"),
        ("Het aantal openstaande vacatures op de afdeling is gedaald van twaalf naar zeven.", "O"),
        ("De eindproducten van de studenten worden gebundeld in een verslag voor de opleiding.", "O"),
        ("De evaluatie van het eerste halfjaar laat vooral positieve scores zien.", "O"),
        ("Het aantal afgeronde e-learnings is gestegen naar 86 procent.", "O"),
        ("De opleiding rapporteert het slagingspercentage aan de directie.", "O"),
        ("Het leeratelier telt nu twaalf studenten en vijf vaste begeleiders.", "O"),
        ("De inspectie vraagt om een aantoonbare verbetering van de scholingsgraad.", "O"),
        ("Het verzuim onder studenten wordt per maand bijgehouden in een dashboard.", "OT"),
        # deadlines
        ("De portfolio's moeten voor vrijdag 17.00 uur zijn ingeleverd.", "D"),
        ("Door personeelstekort lopen we achter met de praktijkbeoordelingen.", "D"),
        ("De beoordelingsgesprekken zijn uitgesteld tot na de zomer.", "D"),
        ("De opleiding wil de cijfers uiterlijk 30 juni binnen hebben.", "DO"),
        ("Het is elke week rennen om alle zorgtaken en het atelier te combineren.", "D"),
        ("De deadline voor de stageverslagen is een week vervroegd.", "DO"),
        ("De examencommissie vergadert op 10 december, daarvoor moet alles rond zijn.", "DT"),
        ("We hebben het programma van het atelier moeten inkorten vanwege de vakantieperiode.", "D"),
        ("De scholing medicatieveiligheid moet voor 1 oktober door iedereen zijn afgerond.", "D"),
        ("We lopen achter met het aftekenen van de voorbehouden handelingen.", "D"),
        ("Door de griepgolf is het atelier van januari verplaatst naar februari.", "D"),
        # perspectiefname
        ("Marleen, ervaringsdeskundige, vertelde hoe het voelde om als patiënt over het hoofd gezien "
         "te worden.", "P"),
        ("Zij ervaart de ochtendzorg als een lopende band waar je geen mens meer bent.", "P"),
        ("Voor het eerst hoorde ik hoe onze overdrachten klinken voor iemand die erbij ligt.", "P"),
        ("Ik snap nu waarom sommige bewoners zich verzetten als we te snel de deken wegtrekken.", "P"),
        ("Hoe komt het op een bewoner over als we boven zijn hoofd over hem praten?", "P"),
        ("Een student vroeg aan Marleen wat zij de verpleging het liefst had willen zeggen.", "P"),
        ("De dochter van een bewoner legde uit waarom ze ons zo vaak belt.", "P"),
        ("Vanuit de familie gezien zijn wij vaak onbereikbaar, bijv. in het weekend.", "P"),
        ("We legden het verhaal van de ervaringsdeskundige naast onze eigen beschrijving van dezelfde "
         "situatie.", "PR"),
        ("Esra vertelde hoe het is om als jonge zorgverlener met een hoofddoek door bewoners "
         "aangesproken te worden.", "P"),
        ("Marleen beschreef hoe ze 's nachts lag te wachten op iemand die tijd voor haar had.", "P"),
        ("Ik probeerde me voor te stellen hoe het is om je eigen tempo kwijt te raken.", "P"),
        # schuring
        ("Het verhaal van Marleen was confronterend, niemand zei een tijdje iets.", "S"),
        ("Een paar verpleegkundigen voelden zich aangevallen en reageerden fel.", "S"),
        ("Het schuurde toen Marleen zei dat de zorg haar vooral als dossier zag.", "SP"),
        ("Er ontstond een ongemakkelijk gesprek over hoe wij in de koffiekamer over bewoners praten.", "S"),
        ("Ervaren collega's en studenten waren het oneens over of je een bewoner ooit mag laten wachten.",
         "S"),
        ("Ik voelde weerstand toen ze zei dat goede bedoelingen niet genoeg zijn.", "S"),
        ("Er werd verweten dat studenten alleen maar taken afvinken.", "S"),
        ("De discussie tussen de avonddienst en de dagdienst werd behoorlijk scherp.", "S"),
        # reflectie
        ("Ik realiseer me dat ik tijdens de ochtendzorg vooral met mijn lijstje bezig ben.", "R"),
        ("Achteraf gezien heb ik mevr. De Wit die ochtend niet echt gezien.", "R"),
        ("Na de sessie met Marleen heb ik mijn eigen manier van overdragen kritisch bekeken.", "R"),
        ("Ik heb geleerd dat stilte bij een bewoner niet altijd betekent dat alles goed is.", "R"),
        ("De volgende keer wil ik eerst aan de bewoner vragen hoe die het wil, omdat ik anders voor "
         "hem beslis.", "R"),
        ("Het viel me op dat ik het woord 'lastig' gebruik voor bewoners die gewoon iets anders "
         "willen.", "R"),
        ("We vroegen ons af of onze routines er eigenlijk voor de bewoners zijn of voor onszelf.", "R"),
        ("Terugkijkend op de zomer merk ik dat ik weer snel in het oude ritme ben geschoten.", "R"),
        ("Die middag heeft me meer geleerd dan een heel jaar competentielijsten.", "R"),
        ("Ik ben me bewuster geworden van hoe snel ik praat als ik haast heb.", "R"),
        # eigenaarschap
        ("Twee studenten hebben zelf een gesprek met de familieraad georganiseerd.", "E"),
        ("De afdeling besloot zelf om de ochtendzorg anders in te richten, op het tempo van de "
         "bewoner.", "E"),
        ("Ik heb het initiatief genomen om Marleen uit te nodigen voor ons teamoverleg.", "E"),
        ("Na de sessie nam het team zelf de regie over het verbeterplan.", "E"),
    ],
    "werkgroep-jeugd-onderwijs": [
        # neutral
        ("De werkgroep kwam bijeen in het lokaal naast de aula.", ""),
        ("Er waren deze keer ook twee ouders aanwezig.", ""),
        ("De leerplichtambtenaar had een nieuwe collega meegenomen.", ""),
        ("Het schoolplein wordt in de zomer vergroend.", ""),
        ("Het jongerenwerk organiseert in de herfstvakantie een voetbaltoernooi.", ""),
        ("Op het Noorderlicht College zijn dit jaar drie nieuwe brugklassen gestart.", ""),
        ("Het ging o.a. over schoolverzuim en over de overstap van groep 8 naar het voortgezet "
         "onderwijs.", ""),
        ("De jeugdarts vertelde over de nieuwe vaccinatierondes.", ""),
        ("De kantine van de school is verbouwd.", ""),
        ("Er waren broodjes van de leerlingen van de horecaopleiding.", ""),
        ("De directeur van basisschool De Regenboog schoof later aan.", ""),
        ("Een leerling van 14 is verhuisd naar een andere gemeente.", ""),
        ("Het thema van de bijeenkomst was schermgebruik van jongeren.", ""),
        ("De mentor van klas 2b is met ziekteverlof.", ""),
        ("Er is een nieuwe schoolmaatschappelijk werker, mevr. Wijngaarde.", ""),
        ("Het jongerencentrum is in de kerstvakantie gesloten.", ""),
        ("In de wijk zijn twee nieuwe sportveldjes geopend.", ""),
        ("Dhr. Nowak vertelde over de taalklas voor nieuwkomers.", ""),
        ("Sommige leerlingen fietsen elke dag twintig minuten naar school.", ""),
        ("De school heeft een nieuwe website met informatie voor ouders.", ""),
        ("Er was een korte presentatie over de sociale kaart van de gemeente.", ""),
        ("Mevr. Yıldız had voor iedereen thee gezet.", ""),
        ("Het gebouw van de jeugdhulp aan de Stationsweg gaat verhuizen.", ""),
        ("Een paar leerlingen deden mee aan een debatwedstrijd in Den Haag.", ""),
        ("Er was een gastles over geldzaken voor de bovenbouw.", ""),
        ("Het schoolfeest werd dit jaar in de sporthal gehouden.", ""),
        ("Kevin van het jongerenwerk is net vader geworden.", ""),
        ("De leerlingenraad had een brief geschreven over de kluisjes.", ""),
        ("In de pauze was het lawaaiig op de gang.", ""),
        ("Bij de bakker naast de school is een overval geweest.", ""),
        ("De jongerenwerker had een rondje door de wijk gemaakt voordat hij aanschoof.", ""),
        ("Het Noorderlicht College heeft een nieuwe conrector, dhr. Aydın.", ""),
        ("In de brugklas wordt sinds dit jaar geen mobiel meer gebruikt in de les.", ""),
        ("Er waren twee stagiaires van de pabo aanwezig als toehoorder.", ""),
        ("De jongerenwerkers hebben een nieuw busje gekregen.", ""),
        ("Er is een nieuwe kinderopvang geopend naast basisschool De Regenboog.", ""),
        ("De leerlingen van groep 8 hebben hun eindmusical opgevoerd.", ""),
        ("Op school was er een week projectonderwijs over duurzaamheid.", ""),
        ("Er zijn in de wijk nieuwe speeltoestellen geplaatst.", ""),
        ("De mediatheek van de school is opnieuw ingericht.", ""),
        ("Het jongerencentrum heeft nu ook een studieruimte met wifi.", ""),
        ("Een leerling heeft een schrijfwedstrijd gewonnen.", ""),
        ("De school doet mee aan het programma Gezonde School.", ""),
        ("Er rijdt een nieuwe buslijn langs de school.", ""),
        ("De moeder van Noah was ook even aanwezig.", ""),
        ("Het was de eerste bijeenkomst in het nieuwe schoolgebouw.", ""),
        ("Er is een nieuwe kantinebeheerder op het Noorderlicht College.", ""),
        ("Het jongerenwerk had pizza besteld voor de jongerenraad.", ""),
        ("Een leerling uit de bovenbouw liep een dag mee met de jeugdhulp.", ""),
        ("De brugklassers zijn op kamp geweest op Ameland.", ""),
        ("Er zijn nieuwe fietsenrekken geplaatst bij de ingang van de school.", ""),
        ("De jeugdhulp heeft een nieuwe teamleider, mevr. Sewdien.", ""),
        ("De Kinderboekenweek werd op de basisschool groots gevierd.", ""),
        ("De ouderraad organiseert in het voorjaar een sponsorloop.", ""),
        ("In de herfstvakantie gingen de jongerenwerkers met een groep naar de Ardennen.", ""),
        ("Het schoolplein lag vol met herfstbladeren.", ""),
        ("Er werd gesproken over de fietsroute naar school, bijv. over de gevaarlijke oversteek bij "
         "de rotonde.", ""),
        # structuur
        ("De werkgroep heeft een convenant opgesteld over het delen van gegevens.", "T"),
        ("Afgesproken is dat de school de eerste melding doet en de jeugdhulp daarna het contact "
         "overneemt.", "T"),
        ("Het ondersteuningsteam van de school vergadert voortaan op maandagochtend.", "T"),
        ("Er komt een stroomschema voor doorverwijzing bij langdurig verzuim, d.w.z. langer dan vier "
         "weken.", "T"),
        ("De privacyregels bepalen wie welke informatie in het dossier mag zien.", "T"),
        ("De voorzitter van de werkgroep rouleert per schooljaar.", "T"),
        ("Er is een gezamenlijk aanmeldformulier voor school en jeugdhulp.", "T"),
        ("Iedere organisatie levert een vaste contactpersoon voor de werkgroep.", "T"),
        ("De werkgroep rapporteert twee keer per jaar aan de stuurgroep Jeugd.", "TO"),
        # output
        ("Het verzuim is in het eerste halfjaar met 12 procent gedaald.", "O"),
        ("De gemeente wil aan het eind van het jaar een rapportage met resultaten per school.", "O"),
        ("Er zijn dit schooljaar 23 leerlingen doorverwezen naar de jeugdhulp.", "O"),
        ("Het aantal thuiszitters moet volgend jaar gehalveerd zijn.", "O"),
        ("De pilot met de schoolmaatschappelijk werker wordt geëvalueerd op bereik en tevredenheid.", "O"),
        # deadlines
        ("Het plan van aanpak moet voor de herfstvakantie bij de wethouder liggen.", "D"),
        ("De evaluatie van de pilot is uitgesteld tot januari.", "DO"),
        ("We lopen achter met het opstellen van het convenant.", "DT"),
        ("Voor de start van het nieuwe schooljaar moet het stroomschema klaar zijn.", "DT"),
        ("Er is tijdsdruk: de subsidie voor de pilot loopt eind december af.", "D"),
        # schuring
        ("De school verweet de jeugdhulp dat er na een melding maandenlang niets gebeurt.", "S"),
        ("Het schuurde flink tussen de leerplichtambtenaar en de zorgcoördinator.", "S"),
        ("Er was veel irritatie over leerlingen die zonder overleg van school worden gestuurd.", "S"),
        ("Ruud van de jeugdhulp reageerde fel op het verwijt van de school.", "S"),
        ("Het gesprek over privacy liep uit op een ruzie over wie de schuld heeft.", "S"),
        ("Het onderwijs en de jeugdhulp spreken duidelijk een andere taal en dat botst.", "S"),
        ("Er was weerstand tegen het voorstel om de leerplichtambtenaar bij elk gesprek te laten "
         "aansluiten.", "S"),
        ("De sfeer was gespannen en een paar mensen zaten met de armen over elkaar.", "S"),
        ("De intern begeleider liep halverwege boos weg.", "S"),
        ("Er ontstond een heftige discussie over de rol van ouders.", "S"),
        ("Wij waren het er helemaal niet mee eens dat de wachtlijst de schuld van de school zou zijn.", "S"),
        ("Het was een pijnlijk en ongemakkelijk overleg.", "S"),
        ("Sommige docenten vinden dat de jeugdhulp zich te veel met de klas bemoeit, en zeggen dat "
         "ook hardop.", "S"),
        ("De botsing tussen de regels van school en die van de jeugdhulp kwam weer op tafel.", "S"),
        ("Er werd gemopperd dat de werkgroep alleen maar praat en niets oplost.", "S"),
        ("De toon tegen de gemeente werd scherp toen het over het budget ging.", "S"),
        ("Er is opnieuw gebotst over het delen van dossiers.", "S"),
        ("De leerplichtambtenaar vond dat de school te lang had gewacht met melden, de school was "
         "het daar niet mee eens.", "S"),
        ("Er was onvrede bij de jeugdhulp over de toon van de mail van de directeur.", "S"),
        ("Het liep opnieuw vast op de vraag wie verantwoordelijk is voor thuiszitters.", "S"),
        ("De gemeente kreeg het verwijt dat ze alleen naar de cijfers kijkt.", "S"),
        ("Er klonk frustratie over de vele overleggen waar niets uit komt.", "ST"),
        ("Een docent zei geïrriteerd dat hij geen hulpverlener is.", "S"),
        ("De zorgcoördinator en de jeugdhulp spraken elkaar openlijk tegen waar de ouders bij waren.", "S"),
        ("Er ontstond een woordenwisseling over wie het gesprek met de ouders moest voeren.", "S"),
        ("Het was een stroef overleg waarin iedereen vooral zijn eigen organisatie verdedigde.", "S"),
        ("Het ongenoegen over de wachtlijsten kwam er in volle hevigheid uit.", "S"),
        ("Bij het punt over het convenant laaide de discussie weer op.", "ST"),
        ("De nieuwe werkafspraken stuitten op verzet bij de docenten.", "ST"),
        ("Er was gedoe over de deadline voor de aanmeldingen, de scholen voelden zich overvallen.", "SD"),
        ("Ook deze keer kwamen we niet nader tot elkaar over het verzuimprotocol.", "ST"),
        ("Mevr. Brouwer van leerplicht reageerde zichtbaar geërgerd.", "S"),
        ("Het schuurde nog steeds, maar we bleven deze keer wel aan tafel zitten.", "S"),
        # schuring that now comes with perspective-taking or reflection
        ("We waren het oneens over de aanpak van Noah, maar hoorden elkaars argumenten nu wel uit.", "SP"),
        ("Het conflict over de wachtlijst leidde ertoe dat de jeugdhulp uitlegde waarom hun intake zo "
         "lang duurt.", "SP"),
        ("Het schuurde, maar daardoor zagen we voor het eerst hoe verschillend we naar verzuim kijken.",
         "SPR"),
        ("De ruzie van het voorjaar heeft ons achteraf gezien veel opgeleverd.", "SR"),
        ("De discussie was fel, maar iedereen probeerde te begrijpen waar de ander vandaan kwam.", "SP"),
        ("Ik merkte bij mezelf irritatie en heb daarna bewust doorgevraagd i.p.v. te reageren.", "SR"),
        ("Het meningsverschil met leerplicht dwong ons om onze eigen regels opnieuw te bekijken.", "SR"),
        ("De docenten waren boos over de vele formulieren, en de jeugdhulp legde uit waarom die "
         "nodig zijn.", "SPT"),
        ("Het bleef spannen tussen school en jeugdhulp, maar we zochten nu samen naar wat de "
         "leerling nodig heeft.", "SP"),
        # perspectiefname
        ("De leerplichtambtenaar legde uit waarom zij soms wel een proces-verbaal moet opmaken.", "P"),
        ("Voor het eerst vertelde een ouder hoe het is om van loket naar loket gestuurd te worden.", "P"),
        ("Ik begrijp nu waarom de jeugdhulp niet meteen op elke melding kan reageren.", "P"),
        ("Hoe komt het op een leerling over als vier instanties tegelijk met hem praten?", "P"),
        ("Vanuit de school gezien is een thuiszitter ook een lege stoel in een overvolle klas.", "P"),
        ("We lieten de jongeren van het jongerenwerk vertellen wat zij van de werkgroep vinden.", "P"),
        ("De zorgcoördinator vroeg hoe de leerplichtambtenaar deze situatie zou aanpakken en waarom.", "P"),
        ("Mevr. Nowak vertelde hoe haar zoon de overstap naar de brugklas heeft beleefd.", "P"),
        ("Een docent vertelde hoe machteloos hij zich voelt als een leerling wekenlang wegblijft.", "P"),
        # reflectie
        ("Terugkijkend hebben we vooral over elkaar gepraat en niet met elkaar.", "R"),
        ("Ik realiseer me dat ik de jeugdhulp lang als tegenpartij heb gezien.", "R"),
        ("Het viel me op dat we pas vooruitkomen als we een concrete leerling bespreken.", "R"),
        ("Achteraf gezien was het convenant vooral een papieren oplossing.", "RT"),
        ("We hebben geleerd dat het helpt om elk overleg te beginnen met de vraag van de leerling.", "R"),
        ("De volgende keer wil ik eerst de ouders horen, omdat zij het hele plaatje zien.", "RP"),
        ("Ik merk dat ik anders naar verzuim kijk sinds ik de verhalen van de jongeren heb gehoord.", "R"),
        # eigenaarschap
        ("De werkgroep heeft zelf een pilot bedacht met een gezamenlijk spreekuur op school.", "E"),
        ("Docenten en jeugdhulpverleners namen samen het initiatief voor een thuiszittersaanpak.", "E"),
        ("Wij pakken dit zelf op, zonder te wachten op een besluit van de stuurgroep.", "E"),
        ("Dit plan is echt van ons, niet van de gemeente.", "E"),
        ("De school en het jongerenwerk hebben zelf een zomerschool opgezet voor leerlingen met "
         "een achterstand.", "E"),
        ("De werkgroep besloot voortaan zelf de agenda te bepalen i.p.v. de gemeente.", "ET"),
        ("Twee leden van de leerlingenraad hebben zelf een voorstel geschreven voor de werkgroep.", "E"),
        ("We hebben de regie over het thuiszittersoverleg teruggepakt.", "E"),
    ],
}

ACTIONS = {
    "wijkteam-noord": [
        ("{naam} belt de woningcorporatie over de schimmel in de Merelflat.", "T"),
        ("{naam} voert de nieuwe meldingen in het registratiesysteem in.", "T"),
        ("{naam} legt voor 1 mei een huisbezoek af bij dhr. Koster.", "TD"),
        ("{naam} stuurt het nieuwe intakeformulier naar alle wijkcoaches.", "T"),
        ("Bewoners van de Reigerstraat organiseren zelf de volgende buurtlunch.", "E"),
        ("Mevr. Dijkstra en {naam} pakken op eigen initiatief de belcirkel verder op.", "E"),
        ("De bewonerscommissie bepaalt zelf het programma voor de buurtavond.", "E"),
        ("{naam} en een paar buren nemen zelf het initiatief om de nieuwe bewoners uit te nodigen.", "E"),
    ],
    "energiecooperatie-zonnedak": [
        ("{naam} vraagt een offerte op bij twee installateurs.", "T"),
        ("{naam} zet de ledenstand in de maandrapportage.", "TO"),
        ("{naam} dient de subsidieaanvraag in vóór 1 april.", "TD"),
        ("{naam} past de presentatie voor de ALV aan.", "T"),
        ("{naam} neemt contact op met de netbeheerder over de aansluiting.", "T"),
        ("De penningmeester maakt de begroting af, deadline eind van de maand.", "TD"),
        ("{naam} werkt de besluitenlijst bij.", "T"),
        ("{naam} en twee huurders organiseren zelf een informatieavond in de flat.", "E"),
    ],
    "leeratelier-zorg": [
        ("{naam} zet het rooster voor de komende periode online.", "T"),
        ("Iedere student uploadt het portfolio vóór vrijdag.", "TD"),
        ("De coördinator nodigt de opleiding uit voor het evaluatiegesprek.", "T"),
        ("{naam} verwerkt de beoordelingen in het leermanagementsysteem.", "T"),
        ("Marleen wordt opnieuw uitgenodigd, op voorstel van de studenten zelf.", "E"),
        ("{naam} zet op eigen initiatief een gesprek met de familieraad op.", "E"),
    ],
    "werkgroep-jeugd-onderwijs": [
        ("{naam} stuurt het stroomschema naar alle scholen.", "T"),
        ("De zorgcoördinator maakt een overzicht van de thuiszitters.", "TO"),
        ("Leerplicht levert de verzuimcijfers aan vóór de volgende bijeenkomst.", "TDO"),
        ("{naam} plant de volgende bijeenkomst in.", "T"),
        ("{naam} en mevr. Yıldız werken zelf het idee voor het spreekuur uit.", "E"),
        ("{naam} neemt zelf het initiatief voor een ouderavond samen met de jeugdhulp.", "E"),
    ],
}

# ---------------------------------------------------------------------------------------------------------
# Communities, authors and designed trajectories
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Community:
    """One fictional community: who writes, how notes are titled, and how the label mix develops."""

    name: str
    prefix: str
    authors: list[tuple[str, str]]
    meeting_titles: list[str]
    reflection_share: float
    quiet_months: list[int]
    note_total: tuple[int, int]


COMMUNITIES = [
    Community(
        name="wijkteam-noord", prefix="wn",
        authors=[("Fatima El Amrani", "professional"), ("Jan de Boer", "bewoner"),
                 ("Sanne Visser", "professional"), ("Mehmet Yılmaz", "bewoner"),
                 ("Rachida Bouzid", "coördinator"), ("Ilse Kramer", "professional"),
                 ("Gerda Smit", "vrijwilliger"), ("Hamid Ouali", "vrijwilliger"),
                 ("Roy Pinas", "bewoner"), ("Sjoerd Hoekstra", "ambtenaar"),
                 ("Anna Kowalczyk", "professional")],
        meeting_titles=["Notulen wijkteamoverleg Noord", "Verslag casusoverleg wijkteam Noord",
                        "Verslag bewonersavond Noord", "Notulen overleg wijkteam en bewoners"],
        reflection_share=0.35, quiet_months=[7], note_total=(84, 92),
    ),
    Community(
        name="energiecooperatie-zonnedak", prefix="ez",
        authors=[("Piet Verbeek", "bewoner"), ("Ans Hendriks", "bewoner"),
                 ("Henk Mulder", "professional"), ("Corinne Tjin", "bewoner"),
                 ("Mustafa Yilmaz", "ambtenaar"), ("Joanna Kowalski", "bewoner"),
                 ("Karim Boukhari", "vrijwilliger"), ("Ingrid Vos", "coördinator"),
                 ("Dennis Oudshoorn", "professional"), ("Zoë Ramdin", "bewoner")],
        meeting_titles=["Notulen stuurgroep Zonnedak", "Verslag ALV Energiecoöperatie Zonnedak",
                        "Notulen werkgroep techniek", "Verslag bestuursvergadering"],
        reflection_share=0.2, quiet_months=[7, 11], note_total=(80, 88),
    ),
    Community(
        name="leeratelier-zorg", prefix="lz",
        authors=[("Marleen Bos", "ervaringsdeskundige"), ("Esra Kaya", "student"),
                 ("Yasmina Amrani", "professional"), ("Wiktoria Zielińska", "student"),
                 ("Tom Jansen", "docent"), ("Sharon Tjon-A-Fong", "professional"),
                 ("Lisa de Groot", "student"), ("Noura Haddou", "coördinator"),
                 ("Joyce Kromodimedjo", "praktijkopleider"), ("Bart Hermans", "docent")],
        meeting_titles=["Verslag leeratelier", "Notulen leeratelier zorg", "Verslag ateliermiddag"],
        reflection_share=0.5, quiet_months=[7], note_total=(84, 93),
    ),
    Community(
        name="werkgroep-jeugd-onderwijs", prefix="wjo",
        authors=[("Ruud Vermeulen", "professional"), ("Kübra Yıldız", "docent"),
                 ("Kevin Doorn", "professional"), ("Priscilla Wijngaarde", "professional"),
                 ("Marek Nowak", "ouder"), ("Hanneke Brouwer", "ambtenaar"),
                 ("Youssef Amrani", "docent"), ("Zoë Dekker", "docent"),
                 ("Anouk Peeters", "coördinator"), ("Shanti Ramdin", "ambtenaar")],
        meeting_titles=["Overleg werkgroep Jeugd & Onderwijs", "Verslag werkgroep Jeugd en Onderwijs",
                        "Notulen overleg school en jeugdhulp"],
        reflection_share=0.35, quiet_months=[6, 7], note_total=(80, 90),
    ),
]


def _mix(neutral: float, instrumental: float, learning: dict[str, float]) -> dict[str, float]:
    weights = {NEUTRAL: neutral, "structuur": instrumental * 0.45, "output": instrumental * 0.3,
               "deadlines": instrumental * 0.25}
    weights.update(learning)
    return weights


def trajectory(community: str, month: int) -> dict[str, float]:
    """Designed sampling weights per label bucket for month index 0 (Jan 2025) .. 12 (Jan 2026)."""
    if community == "wijkteam-noord":
        growth = min(1.0, month / 8)
        learning = 0.08 + 0.36 * growth
        split = {"perspectiefname": 0.33, "reflectie": 0.33, "eigenaarschap": 0.24, "schuring": 0.1}
        return _mix(0.5, 0.48 - 0.32 * growth, {k: v * learning for k, v in split.items()})
    if community == "energiecooperatie-zonnedak":
        return _mix(0.5, 0.45, {"perspectiefname": 0.02, "reflectie": 0.015, "eigenaarschap": 0.015,
                                 "schuring": 0.02})
    if community == "leeratelier-zorg":
        burst = {5: 1.0, 6: 1.0, 7: 0.4}.get(month, 0.0)
        learning = 0.08 + 0.44 * burst
        split = {"perspectiefname": 0.35, "reflectie": 0.3, "schuring": 0.25, "eigenaarschap": 0.1}
        return _mix(0.52 - 0.1 * burst, 0.47 - 0.37 * burst, {k: v * learning for k, v in split.items()})
    if community == "werkgroep-jeugd-onderwijs":
        if month <= 4:
            return _mix(0.5, 0.24, {"schuring": 0.31, "perspectiefname": 0.01, "reflectie": 0.01,
                                     "eigenaarschap": 0.01})
        if month <= 9:
            opening = 0.5 if month == 5 else 1.0
            return _mix(0.48, 0.16, {"schuring": 0.31 - 0.12 * opening,
                                     "perspectiefname": 0.02 + 0.13 * opening,
                                     "reflectie": 0.01 + 0.12 * opening, "eigenaarschap": 0.02})
        return _mix(0.46, 0.14, {"schuring": 0.15, "perspectiefname": 0.14, "reflectie": 0.12,
                                 "eigenaarschap": 0.11})
    raise ValueError(community)


# ---------------------------------------------------------------------------------------------------------
# Composition
# ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A pool sentence with its full set of codebook categories (empty for neutral)."""

    text: str
    labels: tuple[str, ...]
    template: str = ""


@dataclass
class Note:
    """A composed note and the pool sentences it contains."""

    note_id: str
    community: str
    when: datetime
    author: str
    role: str
    kind: str
    text: str = ""
    sentences: list[Entry] = field(default_factory=list)


def parse_entries(raw: list[tuple[str, str]]) -> list[Entry]:
    """Turn ``(text, letter codes)`` pool rows into entries with labels in codebook order."""
    entries = []
    for text, codes in raw:
        unknown = set(codes) - set(LABEL_CODES)
        if unknown:
            raise ValueError(f"unknown label code {sorted(unknown)} in pool sentence: {text}")
        wanted = {LABEL_CODES[c] for c in codes}
        entries.append(Entry(text, tuple(c for c in CATEGORIES if c in wanted)))
    return entries


class SentencePicker:
    """Draws pool sentences by label bucket, least-used first, never more than the use cap."""

    def __init__(self, *, entries: list[Entry], rng: random.Random):
        self.entries = entries
        self.rng = rng
        self.uses: Counter[str] = Counter()
        self.fallbacks = 0

    def pick(self, *, bucket: str, weights: dict[str, float], exclude: set[str]) -> Entry | None:
        """One entry carrying ``bucket`` whose other labels are plausible this month (weight >= 0.03)."""
        allowed = {k for k, v in weights.items() if v >= 0.03} | {bucket}
        if bucket == NEUTRAL:
            candidates = [e for e in self.entries if not e.labels]
        else:
            candidates = [e for e in self.entries if bucket in e.labels and set(e.labels) <= allowed]
        candidates = [e for e in candidates
                      if self.uses[e.text] < MAX_USES_PER_COMMUNITY and e.text not in exclude
                      and e.template not in exclude]
        if not candidates:
            return None
        fewest = min(self.uses[e.text] for e in candidates)
        choice = self.rng.choice([e for e in candidates if self.uses[e.text] == fewest])
        self.uses[choice.text] += 1
        return choice

    def draw(self, *, weights: dict[str, float], exclude: set[str], fallback: str = NEUTRAL,
             bucket: str | None = None) -> Entry:
        """A sentence for ``bucket`` (else drawn by weight); from ``fallback`` when the bucket is used up."""
        if bucket is None:
            buckets = list(weights)
            bucket = self.rng.choices(buckets, weights=[weights[b] for b in buckets])[0]
        entry = self.pick(bucket=bucket, weights=weights, exclude=exclude)
        if entry is None:
            self.fallbacks += 1
            entry = self.pick(bucket=fallback, weights=weights, exclude=exclude)
        if entry is None:
            raise RuntimeError("sentence pools exhausted; add sentences or lower the note count")
        return entry


def allocate(weights: dict[str, float], total: int) -> list[str]:
    """``total`` bucket slots split in proportion to ``weights`` (largest remainder)."""
    scale = total / sum(weights.values())
    counts = {k: int(v * scale) for k, v in weights.items()}
    by_remainder = sorted(weights, key=lambda k: counts[k] - weights[k] * scale)
    for key in by_remainder[: total - sum(counts.values())]:
        counts[key] += 1
    return [k for k in weights for _ in range(counts[k])]


def expand_names(entries: list[Entry], names: list[str]) -> list[Entry]:
    """One entry per roster name for action templates with a ``{naam}`` slot."""
    expanded = []
    for entry in entries:
        if "{naam}" in entry.text:
            expanded += [Entry(entry.text.replace("{naam}", name), entry.labels, template=entry.text)
                         for name in names]
        else:
            expanded.append(entry)
    return expanded


def month_note_counts(community: Community, rng: random.Random) -> list[int]:
    """Notes per month: 6-9 in normal months, 2-3 in quiet months, total within the community's range."""
    low, high = community.note_total
    while True:
        counts = [rng.randint(2, 3) if m in community.quiet_months else rng.randint(6, 8)
                  for m in range(len(MONTHS))]
        if low <= sum(counts) <= high:
            return counts


HOLIDAYS = {date(2025, 1, 1), date(2025, 4, 18), date(2025, 4, 21), date(2025, 5, 5), date(2025, 5, 29),
            date(2025, 6, 9), date(2025, 12, 25), date(2025, 12, 26), date(2026, 1, 1)}


def pick_dates(year: int, month: int, count: int, rng: random.Random) -> list[date]:
    """Sorted working days in the month (repeats allowed: a meeting and a log on the same day)."""
    day = date(year, month, 1)
    workdays = []
    while day.month == month:
        if day.weekday() < 5 and day not in HOLIDAYS:
            workdays.append(day)
        day += timedelta(days=1)
    return sorted(rng.choice(workdays) for _ in range(count))


def dutch_date(day: date) -> str:
    """``4 maart 2025``."""
    return f"{day.day} {MONTH_NAMES_NL[day.month - 1]} {day.year}"


FIRST_PERSON = re.compile(r"\b(ik|me|mij|mijn|mezelf)\b", re.IGNORECASE)


def first_name(full: str) -> str:
    """The first word of a full name."""
    return full.split()[0]


def render_meeting(*, community: Community, when: date, author: str, body: list[Entry],
                   actions: list[Entry], markdown: bool, rng: random.Random) -> str:
    """Meeting notes: title, attendance, bullets and paragraphs, speaker lines, an action block."""
    names = [first_name(a) for a, _ in community.authors]
    attendees = rng.sample(names, rng.randint(4, 7))
    speakers = [n for n in attendees if n != first_name(author)]
    marker = rng.choice(["- ", "* ", "• "])
    as_bullets = rng.random() < 0.5
    title = f"{rng.choice(community.meeting_titles)} {dutch_date(when)}"
    lines = [f"# {title}" if markdown else title]
    if rng.random() < 0.8:
        lines.append(f"Aanwezig: {', '.join(attendees)}")
    if markdown:
        lines += ["", "## Besproken"]
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            lines.append(" ".join(paragraph))
            paragraph.clear()

    for entry in body:
        if FIRST_PERSON.search(entry.text) or rng.random() < 0.12:
            flush()
            lines.append(f"{rng.choice(speakers)}: {entry.text}")
        elif as_bullets:
            lines.append(marker + entry.text)
        else:
            paragraph.append(entry.text)
            if len(paragraph) >= rng.randint(1, 3):
                flush()
    flush()
    if actions:
        if markdown:
            lines += ["", rng.choice(["## Actiepunten", "**Actiepunten:**", "Actiepunten:"])]
        else:
            lines.append("Actiepunten:")
        lines += [marker + a.text for a in actions]
    return "\n".join(lines)


def render_reflection(*, when: date, author: str, body: list[Entry], markdown: bool,
                      rng: random.Random) -> str:
    """Reflection log: a title and short paragraphs, sometimes a bullet list of take-aways."""
    week = when.isocalendar().week
    title = rng.choice([f"Reflectielogboek {author} - week {week}",
                        f"Reflectielogboek {first_name(author)}, {dutch_date(when)}",
                        f"Reflectie na de bijeenkomst van {dutch_date(when)}"])
    lines = [f"# {title}" if markdown else title, ""]
    remaining = list(body)
    takeaways = [e for e in remaining if e.labels][-2:]
    tail = []
    if len(remaining) >= 5 and len(takeaways) == 2 and rng.random() < 0.4:
        remaining = [e for e in remaining if e not in takeaways]
        marker = rng.choice(["- ", "• "])
        tail = [rng.choice(["Wat ik meeneem:", "Punten voor mezelf:", "Opvallend:"])]
        tail += [marker + t.text for t in takeaways]
    while remaining:
        size = rng.randint(1, 3)
        lines.append(" ".join(e.text for e in remaining[:size]))
        lines.append("")
        remaining = remaining[size:]
    lines += tail
    return "\n".join(lines).strip()


def compose(rng: random.Random) -> tuple[list[Note], dict[str, SentencePicker]]:
    """All notes of all communities, in date order per community."""
    shared = parse_entries(SHARED_POOL)
    small_talk = {e.text for e in shared if not e.labels}
    shared_actions = parse_entries(SHARED_ACTIONS)
    notes: list[Note] = []
    pickers = {}
    for community in COMMUNITIES:
        picker = SentencePicker(entries=shared + parse_entries(POOLS[community.name]), rng=rng)
        names = sorted({first_name(a) for a, _ in community.authors})
        actions = expand_names(shared_actions + parse_entries(ACTIONS[community.name]), names)
        action_picker = SentencePicker(entries=actions, rng=rng)
        pickers[community.name] = picker
        counts = month_note_counts(community, rng)
        serial = 0
        for month_index, ((year, month), count) in enumerate(zip(MONTHS, counts, strict=True)):
            designed = trajectory(community.name, month_index)
            weights = {k: v * rng.uniform(0.8, 1.2) for k, v in designed.items()}
            plans = []
            for day in pick_dates(year, month, count, rng):
                author, role = rng.choice(community.authors)
                kind = "reflectielogboek" if rng.random() < community.reflection_share else "notulen"
                size = rng.randint(3, 10) if kind == "reflectielogboek" else rng.randint(3, 8)
                plans.append((day, author, role, kind, size))
            total = sum(plan[-1] for plan in plans)
            fixed = round(0.7 * total)
            slots = allocate(weights, fixed) + rng.choices(list(weights), weights=list(weights.values()),
                                                           k=total - fixed)
            rng.shuffle(slots)
            for day, author, role, kind, size in plans:
                serial += 1
                seen: set[str] = set()
                body = []
                for bucket in slots[:size]:
                    entry = picker.draw(weights=weights, exclude=seen, bucket=bucket)
                    seen.add(entry.text)
                    body.append(entry)
                slots = slots[size:]
                if rng.random() < 0.8:
                    body.sort(key=lambda e: e.text not in small_talk)
                actions = []
                if kind == "notulen" and rng.random() < 0.5:
                    action_weights = {k: weights[k] for k in ("structuur", "deadlines", "eigenaarschap")}
                    for _ in range(rng.randint(1, min(3, 10 - size))):
                        entry = action_picker.draw(weights=action_weights, exclude=seen, fallback="structuur")
                        seen |= {entry.text, entry.template} - {""}
                        actions.append(entry)
                markdown = community.name == "werkgroep-jeugd-onderwijs"
                when = datetime(day.year, day.month, day.day, rng.choice([9, 10, 14, 15, 19]),
                                rng.choice([0, 30]))
                if kind == "notulen":
                    text = render_meeting(community=community, when=day, author=author, body=body,
                                          actions=actions, markdown=markdown, rng=rng)
                else:
                    text = render_reflection(when=day, author=author, body=body, markdown=markdown, rng=rng)
                notes.append(Note(note_id=f"{community.prefix}-{serial:03d}", community=community.name,
                                  when=when, author=author, role=role, kind=kind, text=text,
                                  sentences=body + actions))
    return notes, pickers


# ---------------------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------------------


def write_wijkteam_csv(notes: list[Note], path: Path) -> None:
    """UTF-8, comma-delimited, ISO dates, multi-line text quoted."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "community", "date", "author", "role", "text"])
        for note in notes:
            writer.writerow([note.note_id, note.community, note.when.date().isoformat(), note.author,
                             note.role, note.text])


def write_excel_nl_csv(notes: list[Note], path: Path) -> None:
    """Excel-NL export: cp1252, ';'-delimited, CRLF rows (LF inside cells), day-first dates."""
    with path.open("w", encoding="cp1252", errors="strict", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["notitie_id", "gemeenschap", "datum", "auteur", "rol", "tekst"])
        for note in notes:
            writer.writerow([note.note_id, note.community, note.when.strftime("%d-%m-%Y"), note.author,
                             note.role, note.text])


def write_jsonl(notes: list[Note], path: Path, rng: random.Random) -> None:
    """One object per line; ISO datetimes for some notes, ISO dates for others."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for note in notes:
            stamp = note.when.isoformat() if rng.random() < 0.5 else note.when.date().isoformat()
            record = {"id": note.note_id, "community": note.community, "date": stamp,
                      "author": note.author, "role": note.role, "text": note.text}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def ascii_slug(text: str) -> str:
    """Lower-case ASCII slug of a name (``Kübra`` -> ``kubra``)."""
    folded = unicodedata.normalize("NFKD", text.replace("ı", "i")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def write_markdown_logs(notes: list[Note], folder: Path, rng: random.Random) -> list[Note]:
    """One .md per note named ``<date>-<slug>.md``; some with front matter whose date wins.

    Returns the notes with their ids replaced by the file stems.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for old in sorted(folder.glob("*.md")):
        old.unlink()
    renamed = []
    taken: set[str] = set()
    for note in notes:
        day = note.when.date()
        front_matter = rng.random() < 0.5
        file_day = day + timedelta(days=rng.randint(1, 4)) if front_matter and rng.random() < 0.3 else day
        slug = "overleg" if note.kind == "notulen" else f"reflectie-{ascii_slug(first_name(note.author))}"
        stem = f"{file_day.isoformat()}-{slug}"
        suffix = 2
        while stem in taken:
            stem = f"{file_day.isoformat()}-{slug}-{suffix}"
            suffix += 1
        taken.add(stem)
        if front_matter:
            header = f"---\ndate: {dutch_date(day)}\nauthor: {note.author}\nrole: {note.role}\n---\n\n"
        else:
            header = ""
        footer = "" if front_matter else f"\n\n_Auteur: {note.author} ({note.role})_"
        (folder / f"{stem}.md").write_text(header + note.text + footer + "\n", encoding="utf-8")
        renamed.append(Note(note_id=stem, community=note.community, when=note.when, author=note.author,
                            role=note.role, kind=note.kind, text=note.text, sentences=note.sentences))
    return renamed


def write_coded_sample(notes: list[Note], folder: Path, rng: random.Random, *, size: int = 400) -> None:
    """Human-style coding of ``size`` distinct hand-written pool sentences used in the notes.

    Codes are the team's own names (see ``TEAM_CODES``); action items with filled-in names are left out.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = {e.text for e in parse_entries(SHARED_POOL)}
    written |= {e.text for rows in POOLS.values() for e in parse_entries(rows)}
    used = {}
    for note in notes:
        for entry in note.sentences:
            if entry.text in written:
                used.setdefault(entry.text, entry)
    chosen = rng.sample(sorted(used), size)
    with (folder / "sample_coded.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["text", "codes"])
        for text in chosen:
            writer.writerow([text, ";".join(TEAM_CODES[c] for c in used[text].labels)])
    with (folder / "code_mapping.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "category"])
        for category, code in TEAM_CODES.items():
            writer.writerow([code, category])


# ---------------------------------------------------------------------------------------------------------
# Report and checks
# ---------------------------------------------------------------------------------------------------------


def check_pools() -> None:
    """Pool texts are unique (the cp1252 writer itself fails on characters cp1252 cannot encode)."""
    everything = SHARED_POOL + SHARED_ACTIONS + [row for rows in POOLS.values() for row in rows]
    everything += [row for rows in ACTIONS.values() for row in rows]
    counts = Counter(text for text, _ in everything)
    duplicates = [text for text, n in counts.items() if n > 1]
    if duplicates:
        raise ValueError(f"duplicate pool sentences: {duplicates}")


def print_report(notes: list[Note], pickers: dict[str, SentencePicker]) -> None:
    """Monthly note counts and label shares per community, from the pool labels."""
    written = parse_entries(SHARED_POOL) + [e for rows in POOLS.values() for e in parse_entries(rows)]
    used = {e.text for n in notes for e in n.sentences}
    used_written = [e for e in written if e.text in used]
    print(f"notes: {len(notes)}; hand-written pool sentences: {len(written)} "
          f"({sum(not e.labels for e in written)} neutral), of which used: {len(used_written)} "
          f"({sum(not e.labels for e in used_written)} neutral); distinct sentences incl. action items "
          f"with names filled in: {len(used)}")
    short = {"perspectiefname": "pers", "schuring": "schu", "eigenaarschap": "eig", "reflectie": "refl",
             "structuur": "stru", "output": "outp", "deadlines": "dead"}
    for community in COMMUNITIES:
        picker = pickers[community.name]
        mine = [n for n in notes if n.community == community.name]
        sizes = [len(n.sentences) for n in mine]
        print(f"\n== {community.name}: {len(mine)} notes, {sum(sizes)} pool sentences "
              f"({min(sizes)}-{max(sizes)} per note), max uses {max(picker.uses.values())}, "
              f"bucket fallbacks {picker.fallbacks}")
        print("month    notes words " + " ".join(f"{short[c]:>5}" for c in CATEGORIES)
              + "   neut  leren instr  (sentence shares %; leren/instr sentences per 1000 words)")
        per_month: dict[str, list[Note]] = defaultdict(list)
        for note in mine:
            per_month[note.when.strftime("%Y-%m")].append(note)
        for month in sorted(per_month):
            group = per_month[month]
            sentences = [e for n in group for e in n.sentences]
            words = sum(len(re.findall(r"\w+", n.text)) for n in group)
            shares = [100 * sum(c in e.labels for e in sentences) / len(sentences) for c in CATEGORIES]
            leren = sum(any(c in LEREN for c in e.labels) for e in sentences)
            instr = sum(any(c in INSTRUMENTEEL for c in e.labels) for e in sentences)
            neutral_share = 100 * sum(not e.labels for e in sentences) / len(sentences)
            print(f"{month}  {len(group):5d} {words:5d} " + " ".join(f"{s:5.1f}" for s in shares)
                  + f"  {neutral_share:5.1f}  {1000 * leren / words:5.1f} {1000 * instr / words:5.1f}")


def main() -> None:
    """Write the sample corpus; with ``--report`` also print the realised trajectories."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="print monthly label shares per community")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "sample")
    args = parser.parse_args()
    check_pools()
    rng = random.Random(SEED)
    notes, pickers = compose(rng)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    by_community = defaultdict(list)
    for note in notes:
        by_community[note.community].append(note)
    write_wijkteam_csv(by_community["wijkteam-noord"], out / "wijkteam_noord.csv")
    write_excel_nl_csv(by_community["energiecooperatie-zonnedak"], out / "energiecooperatie_zonnedak.csv")
    write_jsonl(by_community["leeratelier-zorg"], out / "leeratelier_zorg.jsonl", rng)
    by_community["werkgroep-jeugd-onderwijs"] = write_markdown_logs(
        by_community["werkgroep-jeugd-onderwijs"], out / "logboeken" / "werkgroep-jeugd-onderwijs", rng)
    final = [n for c in COMMUNITIES for n in by_community[c.name]]
    write_coded_sample(final, out / "coded", rng)
    print(f"wrote {len(final)} notes to {out}")
    if args.report:
        print_report(final, pickers)


if __name__ == "__main__":
    main()
