"""Hostile output folders: --out on an input, someone else's folder, two runs at once, a run killed halfway, files
of different runs mixed, a damaged manifest. Each is refused in one line (exit 2) or handled, inputs unchanged."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from leersignalen.cli.main import cli
from leersignalen.output import folder as run_folder
from leersignalen.output import staging
from leersignalen.run import batch
from leersignalen.run.batch import RunOptions, run_pipeline
from leersignalen.tag.pipeline import build_pipeline

TEXTS = ["We waren het oneens over de planning.", "Ik heb geleerd dat ik beter moet luisteren.",
         "De deadline is vrijdag.", "Wat vinden de bewoners zelf?", "Actie: Piet maakt de notulen."]  # fmt: skip


def tree_hashes(*paths: Path) -> dict[str, str]:
    """SHA-256 of every file under the given paths."""
    import hashlib

    files = [f for path in paths for f in (sorted(path.rglob("*")) if path.is_dir() else [path]) if f.is_file()]
    return {str(file): hashlib.sha256(file.read_bytes()).hexdigest() for file in files}


def write_notes(path: Path, count: int = 8, community: str = "wijk") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = [f'{community}-{i},{community},2025-0{1 + i % 6}-0{1 + i % 7},"{TEXTS[i % len(TEXTS)]}"'
            for i in range(count)]
    path.write_text("id,community,date,text\n" + "\n".join(rows) + "\nkapot,wijk,2025-01-01,\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def blank():
    return build_pipeline("blank")


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "invoer"
    write_notes(folder / "notes.csv")
    (folder / "trends.csv").write_text("not a leersignalen file\n", encoding="utf-8")
    return folder


def tag(inputs: list[Path], out: Path, blank, **options):
    return run_pipeline(RunOptions(inputs=inputs, out=out, model="blank"), nlp_and_info=blank, **options)


def cli_run(*args: str):
    return CliRunner().invoke(cli, [*args])


def one_line_error(result, code: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {code} "), result.output
    assert "Traceback" not in result.output


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(out.name + "."))


# 5: --out against the inputs, unwritable --out --------------------------------------------------------------


@pytest.mark.parametrize("where", ["input folder", "inside input folder", "holds the input"])
def test_out_on_an_input_is_refused_before_anything_is_written(inputs, where):
    notes = inputs / "notes.csv"
    given, out = {"input folder": (notes, inputs), "inside input folder": (inputs, inputs / "uit"),
                  "holds the input": (notes, inputs.parent)}[where]  # fmt: skip
    before = tree_hashes(inputs)
    result = cli_run("run", str(given), "--out", str(out), "--model", "blank", "-q")
    one_line_error(result, "E085")
    assert tree_hashes(inputs) == before
    assert not (inputs / "uit").exists() and leftovers(out) == []


def test_out_that_is_a_file_or_under_a_file_is_one_line(inputs, tmp_path):
    afile = tmp_path / "plain.txt"
    afile.write_text("x", encoding="utf-8")
    for out in (afile, afile / "sub"):
        one_line_error(cli_run("run", str(inputs / "notes.csv"), "--out", str(out), "--model", "blank"), "E086")
    assert afile.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc, which no one can write")
def test_out_that_cannot_be_written_is_one_line(inputs):
    one_line_error(cli_run("run", str(inputs), "--out", "/proc/leersignalen-uit", "--model", "blank"), "E086")


# 3: a rerun replaces the output whole; someone else's folder is never emptied ----------------------------------


def test_a_folder_that_is_not_an_output_is_refused_and_left_alone(inputs, tmp_path):
    theirs = tmp_path / "scriptie"
    theirs.mkdir()
    (theirs / "hoofdstuk1.docx").write_bytes(b"mine")
    before = tree_hashes(theirs)
    one_line_error(cli_run("run", str(inputs), "--out", str(theirs), "--model", "blank"), "E084")
    assert tree_hashes(theirs) == before


def test_rerun_without_trends_removes_stale_trends_and_keeps_the_users_files(inputs, tmp_path, blank):
    out = tmp_path / "uit"
    tag([inputs / "notes.csv"], out, blank, finish=lambda f: trends_quickly(f))
    (out / "report").mkdir()
    (out / "report" / "index.html").write_text("old report", encoding="utf-8")
    (out / "mijn_aantekeningen.txt").write_text("van mij", encoding="utf-8")
    (out / ".tag-settings").write_text("model=blank\n", encoding="utf-8")
    assert (out / "trends.csv").is_file()
    result = cli_run("run", str(inputs / "notes.csv"), "--out", str(out), "--model", "blank", "--no-trends", "-q")
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert not names & {"trends.csv", "trend_tests.csv", "patterns.csv", "evidence.csv", "trends_settings.json",
                        "report"}  # fmt: skip
    assert (out / "mijn_aantekeningen.txt").read_text(encoding="utf-8") == "van mij"
    assert (out / ".tag-settings").is_file() and leftovers(out) == []
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete" and len(manifest["run_id"]) == 16
    counts = manifest["counts"]
    assert counts["records_in"] == counts["notes_out"] + counts["rejects"] == 9 and counts["rejects"] == 1


def trends_quickly(folder: Path):
    from leersignalen.analyse.trends import write_trends

    return write_trends(folder, n_boot=20, min_notes=1, min_words=1)


# 2: a run is complete or refused --------------------------------------------------------------------------------


class Killed(RuntimeError):
    """The tagger stopped halfway."""


def kill_after(monkeypatch, notes: int) -> None:
    original = batch.TaggedWriter.write_note

    def write_note(self, *args, **kwargs):
        if self.counts.notes_out >= notes:
            raise Killed("stopped halfway")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(batch.TaggedWriter, "write_note", write_note)


def test_a_run_killed_halfway_leaves_the_old_output_whole_and_readable(inputs, tmp_path, blank, monkeypatch):
    out = tmp_path / "uit"
    tag([inputs / "notes.csv"], out, blank)
    before = tree_hashes(out)
    other = write_notes(tmp_path / "andere" / "notes.csv", count=20, community="buurt")
    kill_after(monkeypatch, 5)
    with pytest.raises(Killed):
        tag([other], out, blank)
    assert tree_hashes(out) == before
    assert leftovers(out) == []
    result = cli_run("summary", str(out))
    assert result.exit_code == 0 and "wijk" in result.output and "buurt" not in result.output


def test_a_half_written_folder_is_refused_by_every_reader(inputs, tmp_path, blank, monkeypatch):
    out = tmp_path / "uit"
    monkeypatch.setattr(staging, "_discard", lambda partial: None)
    kill_after(monkeypatch, 3)
    with pytest.raises(Killed):
        tag([inputs / "notes.csv"], out, blank)
    [partial] = [p for p in tmp_path.iterdir() if p.name.startswith("uit.partial-")]
    assert not out.exists()
    gold = tmp_path / "gold.csv"
    gold.write_text("text,labels\nDe deadline is vrijdag.,deadlines\n", encoding="utf-8")
    for command in (["summary", str(partial)], ["trends", str(partial)], ["report", str(partial)],
                    ["export", "xlsx", str(partial), "--out", str(tmp_path / "x.xlsx")],
                    ["export", "qdpx", str(partial), "--out", str(tmp_path / "x.qdpx")],
                    ["validate", "--gold", str(gold), "--pred", str(partial), "--out", str(tmp_path / "v")],
                    ["merge", str(partial), "--out", str(tmp_path / "m")]):  # fmt: skip
        one_line_error(cli_run(*command), "E088")
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "m").exists()


def test_files_from_different_runs_are_refused(inputs, tmp_path, blank):
    first, second = tmp_path / "een", tmp_path / "twee"
    tag([inputs / "notes.csv"], first, blank, finish=trends_quickly)
    other = write_notes(tmp_path / "andere" / "notes.csv", count=12, community="buurt")
    tag([other], second, blank, finish=trends_quickly)
    mixed_trends = tmp_path / "trends_gemengd"
    shutil.copytree(first, mixed_trends)
    for name in ("trends.csv", "trend_tests.csv", "patterns.csv", "evidence.csv", "trends_settings.json"):
        shutil.copy(second / name, mixed_trends / name)
    one_line_error(cli_run("report", str(mixed_trends)), "E089")
    one_line_error(cli_run("export", "xlsx", str(mixed_trends), "--out", str(tmp_path / "x.xlsx")), "E089")
    mixed_tables = tmp_path / "tabellen_gemengd"
    shutil.copytree(first, mixed_tables)
    shutil.copy(second / "notes.csv", mixed_tables / "notes.csv")
    for command in (["summary", str(mixed_tables)], ["trends", str(mixed_tables)],
                    ["merge", str(mixed_tables), "--out", str(tmp_path / "m")]):  # fmt: skip
        one_line_error(cli_run(*command), "E089")
    assert "notes.csv" in cli_run("summary", str(mixed_tables)).output


def test_trends_record_the_run_id_and_the_report_shows_it(inputs, tmp_path, blank):
    out = tmp_path / "uit"
    tag([inputs / "notes.csv"], out, blank, finish=trends_quickly)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    settings = json.loads((out / "trends_settings.json").read_text(encoding="utf-8"))
    assert settings["run_id"] == manifest["run_id"] and settings["status"] == "complete"
    assert manifest["run_id"] == run_folder.run_id_of(manifest)
    result = cli_run("report", str(out), "-q")
    assert result.exit_code == 0, result.output
    assert manifest["run_id"] in (out / "report" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["truncated", "not an object"])
def test_a_damaged_manifest_or_settings_file_is_one_line(inputs, tmp_path, blank, damage):
    out = tmp_path / "uit"
    tag([inputs / "notes.csv"], out, blank, finish=trends_quickly)
    text = (out / "manifest.json").read_text(encoding="utf-8")
    bad = text[: len(text) // 2] if damage == "truncated" else "[1, 2]"
    settings = out / "trends_settings.json"
    settings.write_text(bad, encoding="utf-8")
    one_line_error(cli_run("report", str(out)), "E088")
    (out / "manifest.json").write_text(bad, encoding="utf-8")
    for command in (["summary", str(out)], ["trends", str(out)]):
        one_line_error(cli_run(*command), "E088")


# 4: two runs into the same --out at once ------------------------------------------------------------------------


def test_a_second_run_into_a_locked_folder_is_refused(inputs, tmp_path):
    out = tmp_path / "uit"
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = staging.take_lock(out)
        lock.write_text(json.dumps({"pid": holder.pid, "host": socket.gethostname()}), encoding="utf-8")
        result = cli_run("run", str(inputs), "--out", str(out), "--model", "blank", "-q")
        one_line_error(result, "E087")
        assert str(holder.pid) in result.output and not out.exists()
    finally:
        holder.kill()
        holder.wait()
    result = cli_run("run", str(inputs / "notes.csv"), "--out", str(out), "--model", "blank", "--no-trends", "-q")
    assert result.exit_code == 0, result.output
    assert "taking over the lock" in result.output and not lock.exists()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["status"] == "complete"


def test_trends_report_and_validate_take_the_lock_of_the_folder_they_write_into(inputs, tmp_path):
    out = tmp_path / "uit"
    assert cli_run("run", str(inputs / "notes.csv"), "--out", str(out), "--model", "blank", "-q").exit_code == 0
    gold = tmp_path / "gold.csv"
    gold.write_text("text,labels\n" + "".join(f"{text},\n" for text in TEXTS), encoding="utf-8")
    before = tree_hashes(out)
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = staging.take_lock(out.resolve())
        lock.write_text(json.dumps({"pid": holder.pid, "host": socket.gethostname()}), encoding="utf-8")
        for command in (["trends", str(out)], ["report", str(out)], ["validate", "--gold", str(gold), "--pred",
                                                                      str(out), "--resamples", "20"]):  # fmt: skip
            result = cli_run(*command)
            one_line_error(result, "E087")
        assert tree_hashes(out) == before
    finally:
        holder.kill()
        holder.wait()
        lock.unlink(missing_ok=True)
    assert cli_run("trends", str(out), "-q").exit_code == 0 and not lock.exists()


@pytest.mark.slow
@pytest.mark.parametrize(("processes", "stop", "code"), [("1", "SIGTERM", 143), ("2", "SIGTERM", 143),
                                                         ("1", "SIGINT", 130), ("2", "SIGINT", 130)])  # fmt: skip
def test_a_stop_signal_removes_the_partial_folder_and_the_lock(tmp_path, processes, stop, code):
    import signal
    import time

    notes = tmp_path / "veel.csv"
    rows = [f"{i},wijk,2025-01-0{1 + i % 9},{TEXTS[i % 5]} {TEXTS[(i + 1) % 5]}" for i in range(40000)]
    notes.write_text("id,community,date,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "uit"
    command = [sys.executable, "-m", "leersignalen", "run", str(notes), "--out", str(out), "-q", "-p", processes]
    # a background job of a shell starts with SIGINT ignored and a run keeps it so; give it Ctrl-C as a terminal does
    process = subprocess.Popen(command, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("uit.partial-*")) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be stopped; give it more notes"
    time.sleep(0.5)
    process.send_signal(getattr(signal, stop))
    assert process.wait(timeout=60) == code
    assert sorted(p.name for p in tmp_path.iterdir()) == ["veel.csv"]


@pytest.mark.slow
def test_ctrl_c_during_trends_says_the_trends_are_incomplete_and_report_refuses_them(tmp_path):
    import signal
    import time

    notes = tmp_path / "veel.csv"
    rows = [f"{i},wijk{i % 7},2025-{1 + i % 12:02d}-0{1 + i % 9},{TEXTS[i % 5]}" for i in range(6000)]
    notes.write_text("id,community,date,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "uit"
    assert cli_run("run", str(notes), "--out", str(out), "-q", "--no-trends", "--model", "blank").exit_code == 0
    command = [sys.executable, "-m", "leersignalen", "trends", str(out), "-q", "--resamples", "100000"]
    process = subprocess.Popen(command, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    settings = out / "trends_settings.json"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if settings.is_file() and '"running"' in settings.read_text(encoding="utf-8"):
            break
        time.sleep(0.05)
    assert process.poll() is None, "trends ended before it could be stopped; give it more notes"
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=60) == 130
    assert process.stderr.read() == (
        f"Interrupted: the trend files in {out} are incomplete (its tables are intact); `report` and `export` refuse "
        f"them until you rerun `leersignalen trends {out}`\n")
    one_line_error(cli_run("report", str(out)), "E088")


# 7: a file a command writes that cannot be written: one line E124, the obstacle left as it is --------------------


@pytest.mark.parametrize("obstacle", ["trends.csv", "patterns.csv"])
def test_trends_where_a_folder_stands_at_one_of_its_files(inputs, tmp_path, obstacle):
    out = tmp_path / "uit"
    assert cli_run("run", str(inputs / "notes.csv"), "--out", str(out), "-q", "--no-trends",
                   "--model", "blank").exit_code == 0  # fmt: skip
    (out / obstacle / "mine.txt").parent.mkdir()
    (out / obstacle / "mine.txt").write_text("x", encoding="utf-8")
    result = cli_run("trends", str(out), "-q")
    one_line_error(result, "E124")
    assert result.output.strip() == (f"Error: E124 {out / obstacle}: cannot write this file (a folder stands there); "
                                     "move or rename that folder, then run the command again")
    assert (out / obstacle / "mine.txt").read_text(encoding="utf-8") == "x"
    assert not [path for path in out.iterdir() if path.name.endswith(".partial")]


def test_a_file_where_a_folder_of_the_output_path_should_be(tmp_path):
    from leersignalen.errors import OutputFileError
    from leersignalen.output.cells import write_csv
    from leersignalen.output.folder import write_json

    (tmp_path / "afile").write_text("x", encoding="utf-8")
    for write in (lambda path: write_csv(path, [], ["a"]), lambda path: write_json(path, {})):
        with pytest.raises(OutputFileError, match=r"E124 .*afile is a file, not a folder\); move or rename that file"):
            write(tmp_path / "afile" / "t.csv")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_an_error_reading_an_input_while_a_table_is_written_is_not_called_an_output_problem(tmp_path):
    from leersignalen.output.cells import write_csv

    def rows():
        yield ["a"]
        (tmp_path / "gone.csv").open(encoding="utf-8")

    with pytest.raises(FileNotFoundError, match="gone.csv"):
        write_csv(tmp_path / "t.csv", rows(), ["x"])
    assert sorted(path.name for path in tmp_path.iterdir()) == []
