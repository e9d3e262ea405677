"""Agreement statistics, gold reading, code mapping, pairing and the validation outputs."""

import math
from pathlib import Path

import numpy as np
import pytest
from leersignalen.agreement.gold import load_mapping, read_gold
from leersignalen.agreement.pairing import PairedSentence, load_tagged_output, pair_two_coders, pair_with_output
from leersignalen.agreement.statistics import (
    agreement_rows,
    bootstrap_intervals,
    cohen_kappa,
    kappa_alpha_from_counts,
    krippendorff_alpha,
)
from leersignalen.agreement.validate import methods_sentence, validate_pairs, write_validation
from leersignalen.categories import category_ids
from leersignalen.errors import GoldFileError
from leersignalen.output.cells import read_csv_rows

GOLD = Path(__file__).resolve().parent.parent / "data" / "gold"


def test_kappa_and_alpha_match_hand_computed_values():
    gold = [0, 0, 0, 0, 1, 1, 0, 0]
    machine = [0, 0, 0, 0, 1, 0, 0, 0]
    # po = 7/8, pe = 2/8*1/8 + 6/8*7/8 = 44/64 -> kappa = (56-44)/(64-44) = 0.6
    # alpha = 1 - (2N-1) d / (n0 n1) = 1 - 15 * 1 / (13 * 3) = 8/13
    assert cohen_kappa(gold, machine) == pytest.approx(0.6)
    assert krippendorff_alpha(gold, machine) == pytest.approx(8 / 13)
    kappa, alpha = kappa_alpha_from_counts([1], [0], [1], [6])
    assert kappa[0] == pytest.approx(0.6)
    assert alpha[0] == pytest.approx(8 / 13)


def test_complete_disagreement_is_negative():
    gold, machine = [1, 0, 1, 0], [0, 1, 0, 1]
    assert cohen_kappa(gold, machine) == pytest.approx(-1.0)
    assert krippendorff_alpha(gold, machine) == pytest.approx(1 - 7 * 4 / 16)


def test_closed_form_agrees_with_the_libraries_on_random_codings():
    rng = np.random.default_rng(7)
    for _ in range(20):
        gold = rng.integers(0, 2, 40)
        other = np.where(rng.random(40) < 0.7, gold, 1 - gold)
        tp, fp = int((gold & other).sum()), int(((1 - gold) & other).sum())
        fn, tn = int((gold & (1 - other)).sum()), int(((1 - gold) & (1 - other)).sum())
        kappa, alpha = kappa_alpha_from_counts([tp], [fp], [fn], [tn])
        assert kappa[0] == pytest.approx(cohen_kappa(gold, other))
        assert alpha[0] == pytest.approx(krippendorff_alpha(gold, other))


def test_no_variation_gives_nan_not_an_error():
    assert math.isnan(cohen_kappa([0, 0, 0], [0, 0, 0]))
    assert math.isnan(krippendorff_alpha([0, 0, 0], [0, 0, 0]))


def _pairs(golds, others):
    return [PairedSentence(f"f:{i}", str(i), f"zin {i}", frozenset(g), frozenset(o))
            for i, (g, o) in enumerate(zip(golds, others, strict=True))]  # fmt: skip


def test_empty_categories_are_reported_with_a_note():
    pairs = _pairs([{"reflectie"}, set(), {"reflectie"}, set()], [{"reflectie"}, set(), set(), {"reflectie"}])
    rows = {row.category: row for row in agreement_rows(pairs, resamples=50, seed=1)}
    for category in set(category_ids()) - {"reflectie"}:
        assert math.isnan(rows[category].alpha) and math.isnan(rows[category].kappa)
        assert "no positives in either coding" in rows[category].note
    assert rows["reflectie"].tp == 1 and rows["reflectie"].fp == 1 and rows["reflectie"].fn == 1
    assert "left out" in rows["macro"].note
    assert rows["macro"].f1 == pytest.approx(rows["reflectie"].f1)
    assert rows["neutral"].false_positive_rate == pytest.approx(0.5)


def test_bootstrap_is_seeded():
    rng = np.random.default_rng(3)
    gold = rng.integers(0, 2, (60, 3))
    other = np.where(rng.random((60, 3)) < 0.8, gold, 1 - gold)
    first = bootstrap_intervals(gold, other, resamples=200, seed=11)
    again = bootstrap_intervals(gold, other, resamples=200, seed=11)
    other_seed = bootstrap_intervals(gold, other, resamples=200, seed=12)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other_seed)
    assert np.all(first[:, 0] <= first[:, 1]) and np.all(first[:, 2] <= first[:, 3])


def test_read_gold_sniffs_semicolons_and_bom():
    rows = read_gold(GOLD / "coder_a.csv")
    assert rows[0].text == "De agenda en de notulen zijn rondgestuurd."
    assert rows[0].labels == {"structuur"}
    mixed = next(r for r in rows if r.text.startswith("Terugkijkend"))
    assert mixed.labels == {"reflectie", "structuur"}
    assert rows[2].labels == frozenset()


def test_unknown_code_names_file_line_code_and_known_ids():
    with pytest.raises(GoldFileError) as error:
        read_gold(GOLD / "team_codes.csv")
    message = str(error.value)
    assert "team_codes.csv:2:" in message and "'Perspectief'" in message
    assert all(category in message for category in category_ids())
    assert "--mapping" in message and "\n" not in message


def test_mapping_translates_team_codes():
    rows = read_gold(GOLD / "team_codes.csv", mapping=load_mapping(GOLD / "team_mapping.csv"))
    by_id = {row.row_id: row.labels for row in rows}
    assert by_id == {
        "t1": {"perspectiefname"}, "t2": {"schuring"}, "t3": {"output", "deadlines"}, "t4": frozenset(),
        "t5": {"reflectie"},
    }  # fmt: skip


def test_mapping_to_an_unknown_category_is_an_error(tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("code,category\nWrijving,schuring\nPlanning,planning\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"map.csv:3: 'planning' is not a codebook id"):
        load_mapping(mapping)


def test_gold_without_a_key_is_an_error(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("labels\nreflectie\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="gold.csv:1: no sentence key"):
        read_gold(gold)


def test_pairing_by_index_and_disagreements(tmp_path):
    output = load_tagged_output(GOLD / "tagged")
    pairs = pair_with_output(read_gold(GOLD / "gold_by_index.csv"), output)
    result = validate_pairs(pairs, comparison="test", resamples=100, seed=5)
    assert result.row("perspectiefname").kappa == pytest.approx(0.6)
    assert result.row("neutral").false_positive_rate == pytest.approx(1 / 3)
    write_validation(result, tmp_path)
    _, rows = read_csv_rows(tmp_path / "disagreements.csv")
    assert [row["sentence"] for row in rows] == ["n1#2", "n2#1", "n2#3"]
    first = rows[0]
    assert first["only_machine"] == "deadlines" and first["only_gold"] == ""
    assert first["rule_ids"] == "out.eindrapport;dl.uiterlijk"
    assert first["matched_words"] == "eindrapport;uiterlijk 1 maart"
    assert rows[1]["only_gold"] == "perspectiefname"
    assert (tmp_path / "validation_methods.txt").read_text(encoding="utf-8").strip() == methods_sentence(result)


def test_pairing_by_character_span_tolerates_small_offsets():
    output = load_tagged_output(GOLD / "tagged")
    pairs = pair_with_output(read_gold(GOLD / "gold_by_span.csv"), output)
    assert [pair.key for pair in pairs] == ["n1#2", "n2#1", "n2#3"]
    assert pairs[2].other == {"eigenaarschap"} and pairs[2].gold == frozenset()


def test_unmatched_gold_sentence_is_an_error(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("text,labels\nDeze zin staat niet in de output.,reflectie\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"gold.csv:2: no sentence .* matches text"):
        pair_with_output(read_gold(gold), load_tagged_output(GOLD / "tagged"))


def test_two_coders_are_paired_on_common_sentences():
    pairs, only_first, only_second = pair_two_coders(read_gold(GOLD / "coder_a.csv"), read_gold(GOLD / "coder_b.tsv"))
    assert (len(pairs), only_first, only_second) == (9, 1, 1)
    disagreeing = {pair.text for pair in pairs if pair.gold != pair.other}
    assert disagreeing == {"We waren het oneens over de aanpak.", "De notulen van vorige week zijn vastgesteld."}


def test_validation_files_are_byte_identical_on_rerun(tmp_path):
    output = load_tagged_output(GOLD / "tagged")
    for folder in ("a", "b"):
        pairs = pair_with_output(read_gold(GOLD / "gold_by_index.csv"), output)
        write_validation(validate_pairs(pairs, comparison="test", resamples=300, seed=9), tmp_path / folder)
    for name in ("validation.csv", "disagreements.csv", "validation_methods.txt"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_codes_split_over_extra_fields_are_an_error_not_silently_dropped(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("text;labels\nAchteraf was de agenda te vol.;reflectie;structuur\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"gold.csv:2: 3 fields but the header has 2 \(semicolon-separated\)"):
        read_gold(gold)
