"""A built wheel works outside the source tree: it carries the lexicon and the default model as package data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow  # builds a wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                             "-w", str(folder), str(REPO)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    [built] = folder.glob("leersignalen-*.whl")
    return built


def test_the_wheel_ships_the_package_lexicon_and_model_and_no_pipeline_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "leersignalen/cli/main.py" in names
    assert "leersignalen/lexicons/categories.tsv" in names
    assert any(name.startswith("leersignalen/lexicons/rules/") for name in names)
    assert "leersignalen/models/default/model.json" in names
    assert not [name for name in names if name.startswith("pipeline/")]


def test_run_from_the_installed_wheel_outside_the_source_tree(wheel, tmp_path):
    target = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                             str(wheel)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    notes = tmp_path / "notes.csv"
    notes.write_text("id,community,date,text\n1,wijk,2025-03-04,Achteraf gezien hadden we eerder moeten luisteren.\n",
                     encoding="utf-8")
    environment = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import leersignalen.resources as r, sys; assert r.INSTALLED, r.PACKAGE_DIR; "
            "from leersignalen.cli.main import main; sys.argv = ['leersignalen'] + sys.argv[1:]; main()")
    run = subprocess.run([sys.executable, "-c", code, "run", str(notes), "--out", str(tmp_path / "out"), "--model",
                          "blank", "-q", "--classifier", "default"],
                         capture_output=True, text=True, check=False, cwd=tmp_path, env=environment)  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    sentences = (tmp_path / "out" / "sentences.csv").read_text(encoding="utf-8")
    assert "reflectie" in sentences
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert str(target) in json.dumps(manifest) or manifest["lexicon"]["sha256"]
