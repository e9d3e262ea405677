"""Generate the office-format part of the fictional sample: Word minutes and an Excel log (deterministic).

    python scripts/make_sample_office.py     # (re)write data/sample/notulen/ and data/sample/livinglab_mobiliteit.xlsx

``buurtmoestuin-west`` keeps its minutes as .docx files in ``notulen/buurtmoestuin-west/``: one file per meeting
in spring, and one long document with a dated section per meeting in autumn (read with ``--split-on date``).
``livinglab-mobiliteit`` keeps a log as an .xlsx sheet with a merged title row, Excel dates and an empty row.
Needs the ``formats`` extra (python-docx, openpyxl). Zip entries get a fixed time, so reruns are byte-identical.
"""

from __future__ import annotations

import argparse
import random
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

SEED = 2025
FIXED_TIME = datetime(2025, 1, 1)
MONTH_NAMES_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                  "september", "oktober", "november", "december"]  # fmt: skip

GARDEN_POOL = [
    "De regenton bij de kas is eindelijk vastgezet.",
    "Er zijn drie nieuwe buren bij gekomen die een bak willen.",
    "Het gereedschap ligt weer in de schuur achter het hek.",
    "De compostbak was vol, Gerda heeft hem omgeschept.",
    "Het was koud maar droog, we hebben buiten gezeten.",
    "Said had thee meegenomen in een grote thermoskan.",
    "De pompoenen doen het dit jaar goed.",
    "Mevr. De Wit vertelde dat zij de tuin vanuit haar raam ziet en dat de rommel bij het hek haar stoort.",
    "Vanuit de jongeren gezien is de tuin vooral een plek om rustig te zitten, niet om te werken.",
    "We vroegen de buren van de flat hoe zij de tuin ervaren; sommigen wisten niet dat ze mochten meedoen.",
    "Over het sproeien liepen de meningen flink uiteen en het werd even ongemakkelijk.",
    "Bram vond dat de vaste kern te veel bepaalt, dat schuurde met de anderen.",
    "We besloten zelf de sleutelregeling te organiseren in plaats van te wachten op de woningcorporatie.",
    "Anna heeft op eigen initiatief een zaadbibliotheek opgezet.",
    "Achteraf gezien hadden we de nieuwe buren eerder moeten betrekken bij de indeling.",
    "Ik realiseer me dat we te snel beslissen zonder het de mensen aan de tuin te vragen.",
    "De agenda voor de volgende werkgroep wordt vooraf rondgestuurd.",
    "Actiepunten worden voortaan in het gedeelde document bijgehouden.",
    "De subsidieaanvraag bij het wijkfonds moet uiterlijk 1 oktober binnen zijn.",
    "We lopen achter met het opknappen van de bakken.",
    "Er zijn dit seizoen 14 bakken verhuurd en 60 kilo groente geoogst.",
    "Het jaarverslag voor het wijkfonds is opgeleverd.",
    "Er was geen ruimte voor een terugblik, de tijd was op.",
]
GARDEN_ACTIONS = ["Said bestelt zaden", "Gerda maakt het rooster voor het water geven",
                  "Anna mailt de woningcorporatie", "Bram haalt houtsnippers op"]  # fmt: skip
GARDEN_PEOPLE = ["Gerda", "Said", "Anna", "Bram", "Mevr. De Wit", "Joost", "Latifa"]

LAB_POOL = [
    "Vandaag de deelfietsen bij het station geteld, er stonden er negen.",
    "De bewonersavond in het buurthuis werd goed bezocht.",
    "Het laadpunt aan de Kerkstraat was weer defect.",
    "De gemeente heeft de nieuwe parkeervakken geschilderd.",
    "Er was een korte storing in de app, daarna werkte alles weer.",
    "We hebben koffie gedronken met de beheerder van het buurthuis.",
    "Een bewoner legde uit dat de deelauto voor haar te duur is omdat ze alleen in het weekend rijdt.",
    "Voor ouderen in de wijk voelt de app als een drempel, vertelde de wijkverpleegkundige.",
    "Tussen de onderzoekers en de ambtenaren ontstond wrijving over wie de data mag zien.",
    "De bewoners waren het oneens met het voorstel om parkeerplaatsen op te heffen.",
    "De bewonersgroep heeft zelf een proefrit met de elektrische bakfiets georganiseerd.",
    "Ik heb geleerd dat een enquête niet genoeg is om te weten wat mensen nodig hebben.",
    "Terugkijkend hadden we de winkeliers eerder moeten uitnodigen.",
    "De stuurgroep vergadert voortaan eens per maand.",
    "De rolverdeling tussen gemeente en hogeschool is vastgelegd in een notitie.",
    "De tussenrapportage moet voor 15 juni bij de provincie liggen.",
    "We liggen twee weken achter op de planning.",
    "Er zijn 120 ritten met de deelauto's gemaakt, ruim boven het doel van 80.",
    "Het dashboard met de KPI's is bijgewerkt.",
    "Van enige weerstand was geen sprake, iedereen vond het prima.",
]
LAB_PEOPLE = [("Noor Hendriks", "onderzoeker"), ("Bram Visser", "ambtenaar"), ("Fatma Yilmaz", "bewoner"),
              ("Kees de Jong", "bewoner"), ("Lotte Smit", "student")]  # fmt: skip


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTH_NAMES_NL[day.month - 1]} {day.year}"


def meeting_paragraphs(rng: random.Random, day: date) -> tuple[str, list[str], list[str]]:
    """A title, body sentences and action points for one meeting of the garden work group."""
    present = ", ".join(rng.sample(GARDEN_PEOPLE, 4))
    body = [f"Aanwezig: {present}."] + rng.sample(GARDEN_POOL, rng.randint(4, 6))
    return f"Verslag werkgroep buurtmoestuin {dutch_date(day)}", body, rng.sample(GARDEN_ACTIONS, 2)


def add_meeting(document, rng: random.Random, day: date) -> None:
    title, body, actions = meeting_paragraphs(rng, day)
    document.add_heading(title, level=2)
    for sentence in body:
        document.add_paragraph(sentence)
    document.add_paragraph("Actiepunten:")
    table = document.add_table(rows=0, cols=2)
    for action in actions:
        who, _, what = action.partition(" ")
        cells = table.add_row().cells
        cells[0].text, cells[1].text = who, what


def new_document(docx, title: str):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Buurtmoestuin West - werkgroep"
    document.sections[0].footer.paragraphs[0].text = "Intern verslag, niet verspreiden"
    document.core_properties.title = title
    document.core_properties.author = "Werkgroep buurtmoestuin"
    document.core_properties.created = document.core_properties.modified = FIXED_TIME
    document.core_properties.revision = 1
    return document


def fix_zip_times(path: Path) -> None:
    """Rewrite a zip with a fixed time on every entry and in docProps, so the file only changes with its content."""
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries = [(name, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                if name == "docProps/core.xml" else data) for name, data in entries]  # fmt: skip
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in entries:
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME.timetuple()[:6]), data, zipfile.ZIP_DEFLATED)


def write_minutes(folder: Path, rng: random.Random) -> int:
    import docx

    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.docx"):
        old.unlink()
    spring = [date(2025, 3, 11), date(2025, 4, 8), date(2025, 5, 13), date(2025, 6, 10), date(2025, 7, 8)]
    for day in spring:
        document = new_document(docx, "Verslag werkgroep")
        add_meeting(document, rng, day)
        path = folder / f"{day.isoformat()}-verslag-werkgroep.docx"
        document.save(path)
        fix_zip_times(path)
    autumn = [date(2025, 9, 9), date(2025, 10, 14), date(2025, 11, 11), date(2025, 12, 9), date(2026, 1, 13)]
    document = new_document(docx, "Notulen werkgroep najaar 2025")
    document.add_heading("Notulen werkgroep buurtmoestuin, najaar 2025", level=1)
    for day in autumn:
        add_meeting(document, rng, day)
    path = folder / "notulen-najaar-2025.docx"
    document.save(path)
    fix_zip_times(path)
    return len(spring) + len(autumn)


def write_log(path: Path, rng: random.Random) -> int:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Logboek"
    sheet.append(["Logboek living lab mobiliteit Oost, 2025"])
    sheet.merge_cells("A1:F1")
    sheet.append(["Nr", "Project", "Datum", "Auteur", "Rol", "Verslag"])
    days = sorted(date(2025, month, rng.randint(1, 28)) for month in range(2, 13) for _ in range(2))
    for number, day in enumerate(days, start=1):
        author, role = rng.choice(LAB_PEOPLE)
        text = " ".join(rng.sample(LAB_POOL, rng.randint(3, 5)))
        sheet.append([f"ll-{number:03d}", "livinglab-mobiliteit", datetime(day.year, day.month, day.day), author,
                      role, text])  # fmt: skip
        sheet.cell(row=sheet.max_row, column=3).number_format = "dd-mm-yyyy"
        if number == 10:
            sheet.append([])  # an empty row, as people leave them in logs
    workbook.properties.creator = "Living lab mobiliteit"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    workbook.save(path)
    fix_zip_times(path)
    return len(days)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "sample")
    args = parser.parse_args()
    rng = random.Random(SEED)
    minutes = write_minutes(args.out / "notulen" / "buurtmoestuin-west", rng)
    log = write_log(args.out / "livinglab_mobiliteit.xlsx", rng)
    print(f"wrote {minutes} meetings in .docx and {log} log rows in .xlsx to {args.out}")


if __name__ == "__main__":
    main()
