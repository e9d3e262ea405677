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
