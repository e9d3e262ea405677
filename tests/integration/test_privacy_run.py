"""`leersignalen run --pseudonymise`: every text the run writes is pseudonymised, the key file stays private."""

from __future__ import annotations

import csv
import json
import stat

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli

pytestmark = pytest.mark.slow  # deduce builds its lookup tables on first use

NOTES = [
    ("n1", "wijk", "2025-03-04", "Petra de Vries", "Aanwezig: Petra de Vries, Ahmed Yilmaz en Kees.\n"
     "Kees: ik vond het lastig dat mevrouw Jansen niet mee wilde denken.\n"
     "Achteraf gezien hadden we de bewoners eerder moeten betrekken. Mail naar p.devries@example.org."),
    ("n2", "wijk", "2025-04-01", "Ahmed Yilmaz", "Petra wil doorverwijzen, Ahmed wil eerst vertrouwen opbouwen."),
]
NAMES = ("Petra", "Vries", "Ahmed", "Yilmaz", "Kees", "Jansen", "p.devries@example.org")


@pytest.fixture
def notes(tmp_path):
    path = tmp_path / "in" / "notes.csv"
    path.parent.mkdir()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "community", "date", "author", "text"])
        writer.writerows(NOTES)
    return path


def written_text(out) -> str:
    parts = []
    for name in ("sentences.csv", "signals.csv", "notes.csv", "evidence.csv"):
        if (out / name).is_file():
            parts.append((out / name).read_text(encoding="utf-8"))
    return "\n".join(parts)


def test_run_pseudonymises_every_output_and_keeps_the_key_private(tmp_path, notes):
    out, key = tmp_path / "out", tmp_path / "keys" / "project.json"
    key.parent.mkdir()
    result = CliRunner().invoke(cli, ["run", str(notes), "--out", str(out), "--model", "blank", "--pseudonymise",
                                      "--key", str(key), "-q"])
    assert result.exit_code == 0, result.output
    text = written_text(out)
    assert "[PERSOON-" in text
    assert not [name for name in NAMES if name in text]
    assert "bewoners" in text and "Achteraf gezien" in text
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert not list(out.rglob("project.json"))
    mapping = json.loads(key.read_text(encoding="utf-8"))
    assert "Petra de Vries" in json.dumps(mapping, ensure_ascii=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["privacy"]["pseudonymised"] is True
    with (out / "sentences.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert any("reflectie" in row["labels"] for row in rows)


def test_the_same_key_gives_the_same_pseudonyms_in_a_later_run(tmp_path, notes):
    key = tmp_path / "project.json"
    for name in ("a", "b"):
        result = CliRunner().invoke(cli, ["run", str(notes), "--out", str(tmp_path / name), "--model", "blank",
                                          "--key", str(key), "--no-trends", "-q"])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "a" / "sentences.csv").read_bytes() == (tmp_path / "b" / "sentences.csv").read_bytes()


def test_a_key_inside_the_output_folder_is_refused_before_anything_is_written(tmp_path, notes):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["run", str(notes), "--out", str(out), "--model", "blank", "--pseudonymise",
                                      "--key", str(out / "key.json"), "-q"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: E070 ")
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()
