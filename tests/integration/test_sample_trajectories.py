"""The sample corpus was written with four trajectories; the pipeline must recover each of them."""

import csv
from pathlib import Path

import pytest
from leersignalen.analyse.trends import write_trends
from leersignalen.run.batch import RunOptions, run_pipeline
from leersignalen.tag.pipeline import build_pipeline

pytestmark = pytest.mark.slow  # runs the whole pipeline or loads a trained model; in make test-all

REPO = Path(__file__).resolve().parent.parent.parent
SAMPLE = REPO / "data" / "sample"
INPUTS = [
    SAMPLE / "wijkteam_noord.csv",
    SAMPLE / "energiecooperatie_zonnedak.csv",
    SAMPLE / "leeratelier_zorg.jsonl",
    SAMPLE / "logboeken",
]


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample")
    run_pipeline(RunOptions(inputs=INPUTS, out=out, model="blank"), nlp_and_info=build_pipeline("blank"))
    write_trends(out, period="month")
    return out


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def flags(out: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for row in rows(out / "patterns.csv"):
        found.setdefault(row["community"], set()).add(row["pattern"])
    return found


def trend(out: Path, community: str, measure: str) -> str:
    [row] = [r for r in rows(out / "trend_tests.csv") if r["community"] == community and r["measure"] == measure
             and r["test"]]
    return row["trend"]


def test_every_sample_note_is_read(sample_out):
    notes = rows(sample_out / "notes.csv")
    assert len(notes) >= 300
    assert {n["community"] for n in notes} == {
        "wijkteam-noord", "energiecooperatie-zonnedak", "leeratelier-zorg", "werkgroep-jeugd-onderwijs",
    }  # fmt: skip
    assert rows(sample_out / "rejects.csv") == []
    assert all(n["date"] for n in notes)


def test_deepening_community_follows_through(sample_out):
    assert "doorpakken" in flags(sample_out)["wijkteam-noord"]
    assert trend(sample_out, "wijkteam-noord", "leren_share") == "increasing"
    assert trend(sample_out, "wijkteam-noord", "balance") == "increasing"
    assert "lege_huls" not in flags(sample_out)["wijkteam-noord"]


def test_empty_shell_community_is_flagged_and_stays_low(sample_out):
    assert flags(sample_out)["energiecooperatie-zonnedak"] == {"lege_huls"}
    assert trend(sample_out, "energiecooperatie-zonnedak", "leren_share") != "increasing"
    shares = [float(r["leren_share"]) for r in rows(sample_out / "trends.csv")
              if r["community"] == "energiecooperatie-zonnedak" and r["leren_share"]]
    assert shares and max(shares) <= 0.1


def test_model_slopes_follow_the_designs(sample_out):
    tests = {(r["community"], r["measure"]): r for r in rows(sample_out / "trend_tests.csv")}
    assert float(tests[("wijkteam-noord", "leren_share")]["model_slope_low"]) > 0
    flat = tests[("energiecooperatie-zonnedak", "leren_share")]
    assert float(flat["model_slope_low"]) < 0 < float(flat["model_slope_high"])
    assert float(tests[("energiecooperatie-zonnedak", "difference")]["model_share_low"]) > 0.3


def test_one_off_event_is_flagged_in_june_july(sample_out):
    [event] = [
        r for r in rows(sample_out / "patterns.csv")
        if r["community"] == "leeratelier-zorg" and r["pattern"] == "eenmalig_evenement"
    ]  # fmt: skip
    assert set(event["periods"].split(";")) <= {"2025-06", "2025-07"}
    assert "doorpakken" not in flags(sample_out)["leeratelier-zorg"]


def test_friction_becomes_productive(sample_out):
    community = "werkgroep-jeugd-onderwijs"
    assert "doorpakken" in flags(sample_out)[community]
    assert trend(sample_out, community, "perspectiefname_per_1000w") == "increasing"
    assert trend(sample_out, community, "schuring_per_1000w") != "increasing"
    months = [r for r in rows(sample_out / "trends.csv") if r["community"] == community and not r["warning"]]
    late = months[len(months) // 2 :]
    present = [float(r["schuring_sentences"]) > 0 for r in late]
    assert sum(present) >= len(late) - 1, "friction stays present while learning grows"
