"""Reading is streamed: a ~30 MB CSV is read with a peak memory far below its size times the old factor 7."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# VmHWM is this process's own peak since exec (ru_maxrss would carry over the peak of the pytest process).
MEASURE = textwrap.dedent("""
    import sys
    from pathlib import Path
    from leersignalen.read.inputs import read_inputs

    def peak_kb():
        return int([line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")][0])

    path = Path(sys.argv[1])
    before = peak_kb()
    count = sum(1 for _ in read_inputs([path]))
    after = peak_kb()
    print(count, before, after)
""")


@pytest.mark.slow
def test_reading_a_30_mb_csv_does_not_hold_the_file_in_memory(tmp_path):
    path = tmp_path / "big.csv"
    note = "Vandaag hebben we met de bewoners besproken hoe het plein er straks uit moet zien. " * 6
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("id,community,date,text\n")
        for number in range(60_000):
            handle.write(f"n{number},wijk,2025-01-{number % 28 + 1:02d},{note}\n")
    size_mb = path.stat().st_size / 2**20
    assert size_mb > 28
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, check=True)
    count, before_kb, after_kb = map(int, result.stdout.split())
    assert count == 60_000
    growth_mb = (after_kb - before_kb) / 1024
    assert growth_mb < 20, f"reading {size_mb:.0f} MB grew the peak memory by {growth_mb:.0f} MB"


QDPX_MEASURE = textwrap.dedent("""
    import sys
    from leersignalen.exchange.qdpx_import import import_qdpx

    def peak_kb():
        return int([line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM")][0])

    before = peak_kb()
    result = import_qdpx(sys.argv[1], sys.argv[2], mapping={"Tijdsdruk": "deadlines"}, model="blank")
    print(len(result.rows), before, peak_kb())
""")


@pytest.mark.slow
def test_importing_a_qdpx_source_of_40_mb_takes_about_twice_its_size_not_fifteen_times(tmp_path):
    import zipfile

    text = "Eerste zin over de deadline. " + " " * (40 * 2**20) + "Laatste zin."
    qde = ('<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="x"><CodeBook><Codes>'
           '<Code guid="44444444-4444-4444-4444-444444444444" name="Tijdsdruk" isCodable="true"/></Codes></CodeBook>'
           '<Sources><TextSource guid="11111111-1111-1111-1111-111111111111" name="s" plainTextPath="internal://s.txt">'
           '<PlainTextSelection guid="22222222-2222-2222-2222-222222222222" startPosition="0" endPosition="28">'
           '<Coding guid="33333333-3333-3333-3333-333333333333"><CodeRef targetGUID="44444444-4444-4444-4444-'
           '444444444444"/></Coding></PlainTextSelection></TextSource></Sources></Project>')  # fmt: skip
    path = tmp_path / "groot.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/s.txt", text)
    result = subprocess.run([sys.executable, "-c", QDPX_MEASURE, str(path), str(tmp_path / "gold.csv")],
                            capture_output=True, text=True, check=True)  # fmt: skip
    rows, before_kb, after_kb = map(int, result.stdout.split())
    assert rows == 2
    # about 170 MiB for the pipeline and twice the text; counting over every character took 590 MiB in all
    assert (after_kb - before_kb) / 1024 < 200 + 4 * 40
