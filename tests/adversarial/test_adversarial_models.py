"""Edited or damaged model folders, degenerate training gold, duplicate second-coder rows: one-line errors."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import zipfile

import numpy as np
import pytest
from click.testing import CliRunner
from leersignalen.agreement.evaluate import load_labelled
from leersignalen.agreement.gold import GoldRow, read_gold
from leersignalen.agreement.pairing import pair_two_coders
from leersignalen.cli.main import cli
from leersignalen.errors import ClassifierError, GoldFileError
from leersignalen.learn.features import FeatureInput
from leersignalen.learn.model import load_classifier
from leersignalen.learn.training import TrainingSettings, train_classifier
from leersignalen.resources import MODELS_DIR


@pytest.fixture
def model_copy(tmp_path):
    """The shipped model as a one-rule (version 1) file: the weights do not depend on the rules."""
    folder = tmp_path / "model"
    shutil.copytree(MODELS_DIR / "default", folder)

    def one_rule(model):
        if "label_rules" in model:
            model.pop("label_rules")
            model["label_rule"] = {"name": "classifier[text+lexicon] OR lexicon", "features": "text+lexicon",
                                   "combine": "or", "threshold": 0.5}  # fmt: skip
            model["format_version"] = 1

    edit_model_json(folder, one_rule)
    return folder


def edit_model_json(folder, change) -> None:
    path = folder / "model.json"
    model = json.loads(path.read_text(encoding="utf-8"))
    change(model)
    path.write_text(json.dumps(model), encoding="utf-8")


def replace_file(folder, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)
    edit_model_json(folder, lambda model: model["files"].__setitem__(name, hashlib.sha256(data).hexdigest()))


def load_error(folder) -> str:
    with pytest.raises(ClassifierError) as error:
        load_classifier(folder)
    message = str(error.value)
    assert "\n" not in message
    return message


def test_the_shipped_model_loads(model_copy):
    assert load_classifier(model_copy).rule.threshold == pytest.approx(0.5)
    shipped = load_classifier(MODELS_DIR / "default")
    rules = getattr(shipped.rule, "by_category", {"all": shipped.rule})
    assert all(rule.threshold == pytest.approx(0.5) for rule in rules.values())


@pytest.mark.parametrize(("field", "value", "named"), [
    ("threshold", -1, "label_rule.threshold"), ("threshold", "nan", "label_rule.threshold"),
    ("threshold", 1.5, "label_rule.threshold"), ("threshold", True, "label_rule.threshold"),
    ("combine", "xor", "label_rule.combine"), ("features", "everything", "label_rule.features"),
])  # fmt: skip
def test_label_rule_fields_are_checked_for_type_and_range(model_copy, field, value, named):
    edit_model_json(model_copy, lambda model: model["label_rule"].__setitem__(field, value))
    assert load_error(model_copy).startswith(f"E094 {model_copy / 'model.json'}: field {named} is ")


def as_per_category(model) -> None:
    """Turn the shipped model.json into a version-2 file with one rule per category."""
    rule = model.pop("label_rule")
    model["format_version"] = 2
    model["label_rules"] = {category: dict(rule) for category in model["categories"]}


def test_a_version_2_file_with_rules_per_category_loads(model_copy):
    def change(model):
        as_per_category(model)
        model["label_rules"]["reflectie"] = {"name": "lexicon", "features": "none", "combine": "lexicon",
                                             "threshold": 0.5}  # fmt: skip

    edit_model_json(model_copy, change)
    rules = load_classifier(model_copy).rules
    assert rules["reflectie"].combine == "lexicon" and rules["schuring"].combine == "or"


@pytest.mark.parametrize(("change", "named"), [
    (lambda rules: rules["reflectie"].__setitem__("threshold", -1), "label_rules.reflectie.threshold"),
    (lambda rules: rules["schuring"].__setitem__("threshold", True), "label_rules.schuring.threshold"),
    (lambda rules: rules["output"].__setitem__("combine", "xor"), "label_rules.output.combine"),
    (lambda rules: rules["deadlines"].__setitem__("features", "all"), "label_rules.deadlines.features"),
    (lambda rules: rules.__setitem__("structuur", "lexicon"), "label_rules.structuur"),
    (lambda rules: rules.pop("structuur"), "label_rules"),
    (lambda rules: rules.__setitem__("extra", {}), "label_rules"),
])  # fmt: skip
def test_rules_per_category_are_checked_for_type_and_range(model_copy, change, named):
    edit_model_json(model_copy, lambda model: (as_per_category(model), change(model["label_rules"])))
    assert load_error(model_copy).startswith(f"E094 {model_copy / 'model.json'}: field {named} is ")


def test_a_version_2_file_needs_label_rules_and_version_1_ignores_them(model_copy):
    edit_model_json(model_copy, lambda model: model.__setitem__("format_version", 2))
    assert load_error(model_copy).startswith(f"E094 {model_copy / 'model.json'}: field label_rules is None")
    edit_model_json(model_copy, lambda model: (model.__setitem__("format_version", 1),
                                               model.__setitem__("label_rules", {"reflectie": "bad"})))  # fmt: skip
    assert load_classifier(model_copy).rule.name == "classifier[text+lexicon] OR lexicon"


def test_files_as_a_list_is_a_field_error(model_copy):
    edit_model_json(model_copy, lambda model: model.__setitem__("files", []))
    assert load_error(model_copy).startswith(f"E094 {model_copy / 'model.json'}: field files is list")


def test_a_deeply_nested_model_json_is_refused(model_copy):
    (model_copy / "model.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert load_error(model_copy).startswith("E095 ") and "nested too deeply" in load_error(model_copy)


def test_an_npy_header_with_a_huge_shape_is_refused_before_allocating(model_copy):
    buffer = io.BytesIO()
    with zipfile.ZipFile(model_copy / "weights.npz") as original, zipfile.ZipFile(buffer, "w") as archive:
        for name in original.namelist():
            archive.writestr(name, original.read(name))
        header = io.BytesIO()
        np.lib.format.write_array_header_1_0(header, {"descr": "<f4", "fortran_order": False,
                                                      "shape": (10**6, 10**6)})  # fmt: skip
        archive.writestr("coef_huge.npy", header.getvalue())
    replace_file(model_copy, "weights.npz", buffer.getvalue())
    message = load_error(model_copy)
    assert message.startswith("E095 ") and "(1000000, 1000000)" in message


def test_a_duplicate_vocabulary_term_is_named(model_copy):
    vocabulary = json.loads((model_copy / "vocabulary.json").read_text(encoding="utf-8"))
    terms = vocabulary["blocks"][0]["terms"]
    terms[1] = terms[0]
    replace_file(model_copy, "vocabulary.json", json.dumps(vocabulary).encode())
    expected = f"E096 {model_copy / 'vocabulary.json'}: the term {terms[0]!r} occurs twice"
    assert load_error(model_copy).startswith(expected)


def inputs(texts):
    return [FeatureInput(text, text.lower()) for text in texts]


SENTENCES = [f"Zin nummer {i} over het overleg van vandaag." for i in range(12)]


@pytest.mark.parametrize("labels", [
    [frozenset()] * 12,
    [frozenset({"reflectie"})] * 12,
])  # fmt: skip
def test_training_on_gold_without_any_two_class_category_is_refused(labels):
    with pytest.raises(ClassifierError, match=r"^E097 training data: no category has both coded and uncoded"):
        train_classifier(inputs(SENTENCES), labels, settings=TrainingSettings(folds=2))


def test_training_warns_per_one_class_category_and_on_contradictions(capsys):
    labels = [frozenset({"reflectie"}) if i % 2 else frozenset() for i in range(12)]
    texts = SENTENCES[:11] + [SENTENCES[0]]  # the last repeats the first with another label
    train_classifier(inputs(texts), labels, settings=TrainingSettings(folds=2))
    err = capsys.readouterr().err
    assert "Warning: training data: no sentence is coded schuring" in err
    assert "1 sentence(s) occur again with other labels" in err


def test_training_on_texts_without_features_is_refused():
    labels = [frozenset({"reflectie"}) if i % 2 else frozenset() for i in range(12)]
    with pytest.raises(ClassifierError, match=r"^E098 training data: the sentences have no usable features"):
        train_classifier(inputs(["  "] * 12), labels, settings=TrainingSettings(folds=2))


def gold(source, *rows):
    return [GoldRow(source, line, frozenset(labels), text=f"t{line}", row_id=row_id)
            for line, (row_id, labels) in enumerate(rows, start=2)]  # fmt: skip


def test_second_coder_rows_with_duplicate_ids_are_refused():
    first = gold("a.csv", ("1", {"reflectie"}), ("2", ()))
    second = gold("b.csv", ("1", {"reflectie"}), ("2", ()), ("2", {"schuring"}))
    with pytest.raises(GoldFileError) as error:
        pair_two_coders(first, second)
    assert str(error.value) == ("E099 b.csv: the same sentence is coded more than once (2); keep one row per "
                                "sentence in each coder's file")  # fmt: skip


def test_the_same_short_text_with_the_same_labels_may_repeat():
    first = [GoldRow("a.csv", 2, frozenset(), text="Ja."), GoldRow("a.csv", 3, frozenset(), text="Ja.")]
    second = [GoldRow("b.csv", 2, frozenset(), text="Ja.")]
    pairs, _, _ = pair_two_coders(first, second)
    assert len(pairs) == 1


def test_a_gold_sentence_longer_than_one_tagged_piece_is_one_line_e123(tmp_path):
    path = tmp_path / "gold.csv"
    rows = [f'"Ik merkte dat ik anders ging kijken, ronde {i}.",reflectie' for i in range(6)]
    path.write_text("text,labels\n" + "\n".join([*rows, f'"{"woord " * 200_000}",reflectie']) + "\n", encoding="utf-8")
    for command in (["train", "--gold", str(path), "--out", str(tmp_path / "model")],
                    ["validate", "--gold", str(path), "--out", str(tmp_path / "val")]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2, result.output
        assert result.output == (f"Error: E123 {path}:8: the sentence text has 1,200,000 characters, more than the "
                                 "999,999 a sentence can have; this is a whole document, not a sentence: split it "
                                 "into sentences (`leersignalen run` does) and code those\n")
    assert not (tmp_path / "model").exists()
    path.write_text(f'text,labels\n"{"woord " * 166_666}",reflectie\n', encoding="utf-8")
    assert len(read_gold(path)[0].text) == 999_996


def test_a_devset_sentence_over_the_csv_field_limit_is_e123_not_a_csv_traceback(tmp_path):
    path = tmp_path / "dev.tsv"
    path.write_text(f"id\ttext\tlabels\na\tIk merkte dat.\treflectie\nb\t{'woord ' * 200_000}\treflectie\n",
                    encoding="utf-8")
    with pytest.raises(GoldFileError, match=rf"^E123 {re.escape(str(path))}:3: the sentence text has 1,200,000 "):
        load_labelled([path])
    path.write_text(f"id\ttext\tlabels\nb\t{'woord ' * 30_000}\treflectie\n", encoding="utf-8")
    assert len(load_labelled([path])[0].text) == 180_000
