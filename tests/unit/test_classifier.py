"""The sentence classifier: training, label rules, safe saving and loading, and uncertainty sampling."""

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
from leersignalen.agreement.gold import GoldRow, read_gold
from leersignalen.categories import category_ids
from leersignalen.errors import ClassifierError
from leersignalen.learn.features import feature_inputs_from_doc, lexicon_tokens
from leersignalen.learn.model import SentenceClassifier, load_classifier
from leersignalen.learn.modelfile import FORMAT_VERSION, MODEL_FILE, WEIGHTS_FILE
from leersignalen.learn.rules import (
    CANDIDATE_RULES,
    LEXICON_RULE,
    PER_CATEGORY,
    LabelRule,
    PerCategoryRules,
    choose_rules_per_category,
    combine_labels,
    rule_scores,
)
from leersignalen.learn.suggest import CodedKeys, uncertainty_round_robin
from leersignalen.learn.training import (
    TrainingSettings,
    fit_models,
    splits_keeping_copies_together,
    stratification_keys,
    train_classifier,
)

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"


@pytest.fixture(scope="module")
def training(nlp):
    rows = read_gold(GOLD / "train_small.tsv")
    inputs = [feature_inputs_from_doc(doc) for doc in nlp.pipe([row.text for row in rows])]
    labels = [row.labels for row in rows]
    model, cv = train_classifier(inputs, labels, settings=TrainingSettings(folds=3, seed=4))
    return model, cv, inputs


@pytest.fixture
def saved(training, tmp_path):
    model, _, _ = training
    return model.save(tmp_path / "model")


@pytest.mark.slow
def test_round_trip_gives_the_same_scores_and_labels(training, saved):
    model, _, inputs = training
    loaded = load_classifier(saved)
    texts, lemmas, signals = zip(*[(i.text, i.lemma_text, i.signals) for i in inputs], strict=True)
    original = model.scores(list(texts), list(lemmas), list(signals))
    assert original.shape == (len(inputs), len(category_ids()))
    assert np.array_equal(original, loaded.scores(list(texts), list(lemmas), list(signals)))
    assert loaded.rule == model.rule
    assert [model.labels(r, i.lexicon_labels) for r, i in zip(original, inputs, strict=True)] == \
        loaded.label_inputs(inputs)


def test_saving_twice_is_byte_identical(training, tmp_path):
    model, _, _ = training
    first, second = model.save(tmp_path / "a"), model.save(tmp_path / "b")
    for name in sorted(p.name for p in first.iterdir()):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_card_records_cross_validation_and_the_best_rule(training, saved):
    _, cv, inputs = training
    card = json.loads((saved / MODEL_FILE).read_text(encoding="utf-8"))
    assert set(card["cross_validation"]["rules"]) == {rule.name for rule in CANDIDATE_RULES}
    best = max(cv.scores.values(), key=lambda s: s["macro_f1"])["macro_f1"]
    assert card["label_rule"]["name"] == cv.chosen.name
    assert cv.scores[cv.chosen.name]["macro_f1"] == best
    assert card["training"]["sentences"] == len(inputs)
    assert len(card["training"]["sha256"]) == 64
    assert {"leersignalen", "scikit-learn", "spacy"} <= set(card["versions"])


def test_corrupt_weights_are_detected(saved):
    weights = saved / WEIGHTS_FILE
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ClassifierError, match="weights.npz: does not match the checksum"):
        load_classifier(saved)


def test_garbage_model_json_is_a_clear_error(saved):
    (saved / MODEL_FILE).write_bytes(b"\x00\x01 not json")
    with pytest.raises(ClassifierError, match="corrupt model file"):
        load_classifier(saved)


def test_foreign_and_other_version_models_are_refused(saved):
    model_path = saved / MODEL_FILE
    original = json.loads(model_path.read_text(encoding="utf-8"))
    cases = [
        ({"format": "sklearn-pickle"}, "not a leersignalen classifier"),
        ({**original, "format_version": FORMAT_VERSION + 1}, "model format version"),
        ({**original, "format_version": True}, "model format version"),
        ({**original, "leersignalen_version": "9.9.0"}, "trained with leersignalen 9.9.0"),
        ({**original, "categories": ["reflectie"]}, "differ from the codebook"),
    ]
    for content, message in cases:
        model_path.write_text(json.dumps(content), encoding="utf-8")
        with pytest.raises(ClassifierError, match=message) as error:
            load_classifier(saved)
        assert "\n" not in str(error.value)


def test_pickled_arrays_are_not_loaded(saved):
    import hashlib

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        member = io.BytesIO()
        np.lib.format.write_array(member, np.array([{"x": 1}], dtype=object), allow_pickle=True)
        archive.writestr("coef.npy", member.getvalue())
    (saved / WEIGHTS_FILE).write_bytes(buffer.getvalue())
    model_path = saved / MODEL_FILE
    model = json.loads(model_path.read_text(encoding="utf-8"))
    model["files"][WEIGHTS_FILE] = hashlib.sha256(buffer.getvalue()).hexdigest()
    model_path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ClassifierError, match="corrupt model"):
        load_classifier(saved)


def test_missing_model_folder(tmp_path):
    with pytest.raises(ClassifierError, match="no classifier model here"):
        load_classifier(tmp_path / "nothing")


def test_label_rules_combine_as_documented():
    categories = ("a", "b", "c")
    scores = [0.9, 0.2, 0.6]
    lexicon = frozenset({"b", "c"})
    assert combine_labels(LabelRule("text", "classifier"), categories, scores, lexicon) == ("a", "c")
    assert combine_labels(LabelRule("text", "or"), categories, scores, lexicon) == ("a", "b", "c")
    assert combine_labels(LabelRule("text", "and"), categories, scores, lexicon) == ("c",)
    assert combine_labels(LabelRule("none", "lexicon"), categories, scores, lexicon) == ("b", "c")
    assert combine_labels(LabelRule("text", "classifier", 0.95), categories, scores, lexicon) == ()


def test_uncertainty_sampling_is_spread_over_categories_without_duplicates():
    rng = np.random.default_rng(0)
    scores = rng.random((40, 4))
    picks = uncertainty_round_robin(scores, n=12)
    rows = [row for row, _ in picks]
    assert len(picks) == 12 and len(set(rows)) == 12
    assert [column for _, column in picks] == [0, 1, 2, 3] * 3
    first_of_column_0 = picks[0][0]
    assert abs(scores[first_of_column_0, 0] - 0.5) == min(abs(scores[:, 0] - 0.5))


def test_uncertainty_sampling_stops_when_the_pool_is_exhausted():
    assert len(uncertainty_round_robin(np.full((3, 5), 0.5), n=10)) == 3


def test_stratification_uses_the_rarest_label_and_pools_small_groups():
    labels = [frozenset({"a", "b"})] * 3 + [frozenset({"a"})] * 6 + [frozenset()] * 4 + [frozenset({"c"})]
    keys = stratification_keys(labels, folds=3)
    assert keys[:3] == ["b"] * 3
    assert keys[3:9] == ["a"] * 6
    assert keys[9:13] == ["neutral"] * 4
    assert keys[13] == "rare"


def test_feature_inputs_of_a_sentence_keep_only_its_own_signals(nlp):
    doc = nlp("Achteraf gezien was het goed. Koffie en thee stonden klaar.")
    sentences = list(doc.sents)
    first, second = feature_inputs_from_doc(sentences[0]), feature_inputs_from_doc(sentences[1])
    whole = feature_inputs_from_doc(doc)
    assert len(first.signals) + len(second.signals) == len(whole.signals)
    assert all(s.start < sentences[0].end for s in first.signals)
    assert second.text == sentences[1].text and "." not in second.lemma_text


def test_lexicon_tokens_mark_negation():
    class S:
        def __init__(self, rule_id, category, negated):
            self.rule_id, self.category, self.negated = rule_id, category, negated

    tokens = lexicon_tokens([S("refl.x", "reflectie", False), S("schuur.y", "schuring", True)])
    assert tokens.split() == sorted(["rule=refl.x", "cat=reflectie", "neg:rule=schuur.y", "neg:cat=schuring"])


# --------------------------------------------------------------------------------------------- rules per category

OR_RULE = LabelRule("text+lexicon", "or")
TEXT_RULE = LabelRule("text", "classifier")


def test_per_category_rules_apply_each_categorys_own_rule():
    rules = PerCategoryRules((("a", LEXICON_RULE), ("b", OR_RULE), ("c", TEXT_RULE)))
    lexicon = frozenset({"a", "b"})
    assert combine_labels(rules, ("a", "b", "c"), [0.9, 0.1, 0.7], lexicon) == ("a", "b", "c")
    assert combine_labels(rules, ("a", "b", "c"), [0.9, 0.1, 0.2], frozenset()) == ()
    assert rules.features == "text+lexicon" and rules.table_name == PER_CATEGORY
    assert rules.name.startswith("per category: a=lexicon, b=classifier[text+lexicon] OR lexicon")


def test_choose_rules_per_category_takes_the_best_f1_and_the_simpler_rule_on_ties():
    gold = [frozenset({"a"}), frozenset({"b"}), frozenset()]
    scores = {
        "classifier[text] OR lexicon": rule_scores(gold, [("a",), ("b",), ()], ("a", "b")),  # a 1.0, b 1.0
        "lexicon": rule_scores(gold, [("a",), (), ()], ("a", "b")),  # a 1.0, b 0.0
        "per-category choice": {"a": 2.0, "b": 2.0},  # not a rule: skipped
    }
    chosen = choose_rules_per_category(scores, categories=("a", "b"))
    assert chosen == {"a": LEXICON_RULE, "b": LabelRule("text", "or")}
    plain = choose_rules_per_category({"lexicon": {"a": 0.4}, "classifier[text+lexicon]": {"a": 0.5}},
                                      categories=("a",))  # fmt: skip
    assert plain == {"a": LabelRule("text+lexicon", "classifier")}
    with pytest.raises(ValueError):
        choose_rules_per_category({"per-category choice": {"a": 1.0}}, categories=("a",))


@pytest.fixture(scope="module")
def per_category_training(nlp):
    rows = read_gold(GOLD / "train_small.tsv")
    inputs = [feature_inputs_from_doc(doc) for doc in nlp.pipe([row.text for row in rows])]
    labels = [row.labels for row in rows]
    settings = TrainingSettings(folds=3, seed=4, rule_choice="per-category")
    model, cv = train_classifier(inputs, labels, settings=settings)
    return model, cv, inputs, labels


def test_training_chooses_for_each_category_the_rule_with_its_best_cross_validated_f1(per_category_training):
    model, cv, _, _ = per_category_training
    for category, rule in model.rules.items():
        f1 = {name: score["per_category"][category]["f1"] for name, score in cv.scores.items() if name != PER_CATEGORY}
        assert f1[rule.name] == max(f1.values()), category
        earlier = [r.name for r in CANDIDATE_RULES[: [c.name for c in CANDIDATE_RULES].index(rule.name)]]
        assert all(f1[name] < f1[rule.name] for name in earlier), f"{category}: a simpler rule ties"
    if isinstance(model.rule, PerCategoryRules):
        assert cv.scores[PER_CATEGORY]["macro_f1"] >= max(s["macro_f1"] for s in cv.scores.values())


def test_rules_per_category_survive_saving_and_loading(per_category_training, tmp_path):
    model, _, inputs, _ = per_category_training
    rules = PerCategoryRules(tuple(zip(model.categories, [LEXICON_RULE, OR_RULE, TEXT_RULE, OR_RULE, LEXICON_RULE,
                                                          LabelRule("text+lexicon", "and"), OR_RULE], strict=True)))
    mixed = SentenceClassifier(model.categories, model.features, model.coef, model.intercept, rules, model.card)
    folder = mixed.save(tmp_path / "mixed")
    stored = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8"))
    assert stored["format_version"] == 2 and "label_rule" not in stored
    assert list(stored["label_rules"]) == list(model.categories)
    loaded = load_classifier(folder)
    assert loaded.rule == rules
    assert loaded.label_inputs(inputs) == mixed.label_inputs(inputs)
    card = (folder / "card.md").read_text(encoding="utf-8")
    for category, rule in rules.pairs:
        assert f"- {category}: **{rule.name}**" in card
    assert mixed.save(tmp_path / "again") and (tmp_path / "again" / MODEL_FILE).read_bytes() == \
        (folder / MODEL_FILE).read_bytes()


def test_a_model_with_one_rule_is_still_written_and_read_as_version_1(training, saved):
    model, _, _ = training
    assert json.loads((saved / MODEL_FILE).read_text(encoding="utf-8"))["format_version"] == 1
    assert set(load_classifier("default").rules) == set(model.categories)
    assert load_classifier(saved).rules == dict.fromkeys(model.categories, model.rule)


def test_text_only_categories_equal_a_model_without_lexicon_features(per_category_training):
    _, _, inputs, labels = per_category_training
    categories = category_ids()
    settings = TrainingSettings(folds=3, seed=4)
    rich, rich_coef, rich_intercept = fit_models(inputs, labels, categories, lexicon_features=True, settings=settings,
                                                 text_only=frozenset({"reflectie"}))  # fmt: skip
    plain, plain_coef, plain_intercept = fit_models(inputs, labels, categories, lexicon_features=False,
                                                    settings=settings)  # fmt: skip
    row = categories.index("reflectie")
    assert np.array_equal(rich_coef[row, : plain.size], plain_coef[row])
    assert not rich_coef[row, plain.size:].any() and rich_intercept[row] == plain_intercept[row]
    other = categories.index("schuring")
    assert rich_coef[other, plain.size:].any()


# --------------------------------------------------------------------------------------------- coded sentences


def gold_row(**keys):
    return GoldRow(source="coded.csv", line=2, labels=frozenset(), **keys)


def sentence(note_id, index, start, end, text):
    return {"note_id": note_id, "sentence_index": str(index), "start_char": str(start), "end_char": str(end),
            "text": text}  # fmt: skip


def test_coded_sentences_are_recognised_by_every_kind_of_gold_key():
    coded = CodedKeys.of([
        gold_row(text="  Koffie en   THEE stonden klaar. "),
        gold_row(note_id="n1", sentence_index=1),
        gold_row(note_id="n2", start_char=50, end_char=84),
        gold_row(row_id="n3#0", text="another wording"),
    ])  # fmt: skip
    assert coded.covers(sentence("x", 9, 0, 29, "Koffie en thee stonden klaar."))
    assert coded.covers(sentence("n1", 1, 30, 72, "De agenda is rondgestuurd."))
    assert coded.covers(sentence("n2", 1, 50, 85, "We waren het oneens."))
    assert coded.covers(sentence("n3", 0, 0, 10, "Iets anders."))
    assert not coded.covers(sentence("n1", 2, 73, 120, "Het eindrapport moet af."))
    assert not coded.covers(sentence("n2", 0, 0, 49, "Vanuit bewoners gezien."))
    assert not coded.covers(sentence("n2", 2, 86, 136, "Achteraf gezien."))


def test_copies_of_a_sentence_share_a_fold_and_folds_without_copies_are_the_splitters():
    from sklearn.model_selection import StratifiedKFold

    texts = [f"zin {i}" for i in range(30)]
    keys = ["a", "b", "neutral"] * 10
    splitter = StratifiedKFold(n_splits=3, shuffle=True, random_state=7)
    plain = splits_keeping_copies_together(splitter, texts, keys)
    expected = list(splitter.split(np.zeros(30), keys))
    assert all((a == c).all() and (b == d).all() for (a, b), (c, d) in zip(plain, expected, strict=True))
    copied = [*texts, "zin 4", "zin  4", "zin 17", "zin 17"]
    splits = splits_keeping_copies_together(splitter, copied, [*keys, "a", "a", "b", "b"])
    fold_of = {int(i): fold for fold, (_, test) in enumerate(splits) for i in test}
    assert sorted(fold_of) == list(range(len(copied)))
    assert fold_of[4] == fold_of[30] == fold_of[31] and fold_of[17] == fold_of[32] == fold_of[33]
    assert all(not set(train) & set(test) for train, test in splits)
