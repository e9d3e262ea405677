"""Leave-one-source-out scoring: pooled scores per method, per source, and the machine's alpha against the gold."""

import math

import pytest
from leersignalen.agreement.corpus import RealSentence
from leersignalen.agreement.loso import format_loso, method_scores, shape_of
from leersignalen.agreement.statistics import krippendorff_alpha


def sentence(number: int, source: str, gold: set[str]) -> RealSentence:
    labels = frozenset(gold)
    return RealSentence(f"{source}-{number}", source, "minutes", f"zin {number}", labels, labels, labels)


SENTENCES = [sentence(1, "a", {"structuur"}), sentence(2, "a", set()), sentence(3, "b", {"structuur"}),
             sentence(4, "b", {"reflectie"}), sentence(5, "b", set()), sentence(6, "a", {"structuur", "reflectie"})]


def test_alpha_of_a_method_is_krippendorffs_alpha_against_the_gold():
    predictions = [frozenset({"structuur"}), frozenset({"structuur"}), frozenset(), frozenset({"reflectie"}),
                   frozenset(), frozenset({"structuur"})]
    result = method_scores("lexicon", SENTENCES, predictions)
    gold = [int("structuur" in s.gold) for s in SENTENCES]
    machine = [int("structuur" in p) for p in predictions]
    assert result.alpha["structuur"] == pytest.approx(krippendorff_alpha(gold, machine))
    assert result.alpha["structuur"] < 1
    assert math.isnan(result.alpha["schuring"])


def test_a_perfect_method_has_alpha_one_and_macro_f1_one_per_source():
    result = method_scores("perfect", SENTENCES, [s.gold for s in SENTENCES])
    assert result.alpha["reflectie"] == pytest.approx(1.0)
    assert result.per_source == {"a": pytest.approx(1.0), "b": pytest.approx(1.0)}


def test_the_loso_table_shows_the_machines_alpha_next_to_the_coders():
    from leersignalen.agreement.loso import coder_agreement

    result = method_scores("lexicon", SENTENCES, [s.gold for s in SENTENCES])
    table = format_loso([result], coder_agreement(SENTENCES, resamples=0), SENTENCES)
    section = table.split("Krippendorff's alpha of each method against the adjudicated gold")[1]
    assert "reflectie" in section and "1.00" in section


@pytest.mark.parametrize(("text", "shape"), [("# Notulen", "heading or label"), ("- actiepunt", "list item"),
                                             ("Dat ging niet goed.", "with negation"), ("Dat ging goed.", "sentence")])
def test_shape_of_sorts_errors_by_the_form_of_the_sentence(text, shape):
    assert shape_of(text) == shape


def test_held_back_scores_pool_only_the_held_back_sources():
    from leersignalen.agreement.loso import format_held_back, held_back_scores

    predictions = [s.gold if s.source == "b" else frozenset() for s in SENTENCES]
    result = method_scores("lexicon", SENTENCES, predictions)
    only_b = held_back_scores([result], SENTENCES, frozenset({"b"}))
    assert only_b[0].macro_f1 == pytest.approx(1.0) and result.macro_f1 < 1
    assert len(only_b[0].predictions) == 3
    assert held_back_scores([result], SENTENCES, frozenset({"c"})) == []
    assert "On the 1 sources held back from rule writing (b; 3 sentences)" in format_held_back(
        [result], SENTENCES, frozenset({"b"}))


def test_held_back_sources_are_read_from_sources_tsv(tmp_path):
    from leersignalen.agreement.corpus import held_back_sources

    (tmp_path / "sources.tsv").write_text("id\trule_writing\nx\theld back\ny\ttuning\nz\t\n", encoding="utf-8")
    assert held_back_sources(tmp_path) == frozenset({"x"})
    assert held_back_sources(tmp_path / "missing") == frozenset()


def test_the_committed_sources_say_which_were_held_back_from_rule_writing():
    import re

    from leersignalen.agreement.corpus import held_back_sources
    from leersignalen.resources import REAL_DIR

    sources_md = (REAL_DIR / "SOURCES.md").read_text(encoding="utf-8")
    listed = re.search(r"\(`held back`, (\d+) sources:(.*?)\)\.", sources_md, re.S)
    held = held_back_sources()
    assert len(held) == int(listed.group(1)) >= 12
    assert held == frozenset(re.findall(r"`([a-z0-9_]+)`", listed.group(2)))
