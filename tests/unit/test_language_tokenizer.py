"""The lazy tokenizer gives the tokens of spaCy's tokenizer with every special case loaded, and loads few cases."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import spacy
from leersignalen.language.build import build_language
from leersignalen.language.tokenizer import LazyDotTokenizer
from leersignalen.resources import UD_DIR
from spacy.tokenizer import Tokenizer

SURROUNDINGS = ("{}", "({})", "'{}'", "{},", "{}:", "{})", "x-{}", "{}-x", "a/{}", "{}.", "{}...", "[{}]", "{}!",
                "\"{}\"", "{}\n", "op {} en", "{}{}", "{}x", "5{}", "#{}")  # fmt: skip


@pytest.fixture(scope="module")
def tokenizers():
    """The notes tokenizer as built for a run, and spaCy's Tokenizer with the same settings and all cases."""
    nlp, _ = build_language("blank")
    lazy = nlp.tokenizer
    assert isinstance(lazy, LazyDotTokenizer)
    rules = lazy.rules
    eager = Tokenizer(spacy.blank("nl").vocab, rules=rules, prefix_search=lazy.prefix_search,
                      suffix_search=lazy.suffix_search, infix_finditer=lazy.infix_finditer,
                      token_match=lazy.token_match, url_match=lazy.url_match)  # fmt: skip
    return lazy, eager, rules


def tokens(doc) -> list[tuple[str, str, bool]]:
    return [(token.text, token.norm_, bool(token.whitespace_)) for token in doc]


def texts_with_every_case(rules) -> list[str]:
    keys = sorted(rules)
    generator = random.Random(7)
    texts = []
    for start in range(0, len(keys), 40):
        words = []
        for key in keys[start:start + 40]:
            words.append(generator.choice(SURROUNDINGS).format(key, generator.choice(keys)))
            words.append(generator.choice(("de", "Het", "zo", "ca", "nr", "1", "")))
        texts.append(" ".join(words))
    return texts


def ud_texts(limit: int = 3000) -> list[str]:
    texts = []
    for path in sorted(Path(UD_DIR).glob("*.conllu")) if UD_DIR and Path(UD_DIR).is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                texts.append(line[len("# text = "):])
    return texts[:limit]


def test_a_run_tokenizer_starts_without_its_dotted_cases_and_reports_them_all(tokenizers):
    lazy, _, rules = tokenizers
    fresh = build_language("blank")[0].tokenizer
    loaded = Tokenizer.rules.__get__(fresh)
    assert len(loaded) < 300 < len(rules)
    assert not any("." in key for key in loaded)
    assert "bijv." in rules and "d.w.z." in rules


def test_tokens_equal_spacy_with_every_case_in_varied_surroundings(tokenizers):
    lazy, eager, rules = tokenizers
    for text in texts_with_every_case(rules):
        assert tokens(lazy(text)) == tokens(eager(text)), text


def test_tokens_equal_spacy_on_treebank_sentences(tokenizers):
    lazy, eager, _ = tokenizers
    texts = ud_texts()
    if not texts:
        pytest.skip("the Dutch UD treebanks (../shared/ud-dutch) are not on this machine")
    for text in texts:
        assert tokens(lazy(text)) == tokens(eager(text)), text


def test_a_case_is_loaded_by_the_first_text_that_holds_it_and_only_then():
    tokenizer = build_language("blank")[0].tokenizer
    loaded = lambda: Tokenizer.rules.__get__(tokenizer)  # noqa: E731
    tokenizer("We spraken af, d.w.z. morgen.")
    assert "d.w.z." in loaded() and "bijv." not in loaded()
    assert [t.text for t in tokenizer("Zie (bijv. hier)")] == ["Zie", "(", "bijv.", "hier", ")"]
    assert "bijv." in loaded()
    (doc,) = tokenizer.pipe(["Dat is m.a.w. klaar."])
    assert "m.a.w." in [t.text for t in doc] and "m.a.w." in loaded()


def test_a_case_added_by_hand_is_not_overwritten_later():
    tokenizer = build_language("blank")[0].tokenizer
    tokenizer.add_special_case("bijv.", [{"ORTH": "bijv"}, {"ORTH": "."}])
    assert [t.text for t in tokenizer("bijv. dit")] == ["bijv", ".", "dit"]


def test_a_case_added_by_hand_changes_a_chunk_tokenized_before():
    tokenizer = build_language("blank")[0].tokenizer
    assert [t.text for t in tokenizer("zie (xyzq) nu")] == ["zie", "(", "xyzq", ")", "nu"]
    tokenizer.add_special_case("xyzq", [{"ORTH": "xy"}, {"ORTH": "zq"}])  # the cached "(xyzq)" must be dropped
    assert [t.text for t in tokenizer("zie (xyzq) nu")] == ["zie", "(", "xy", "zq", ")", "nu"]


def test_chunks_tokenized_before_a_lazily_added_case_keep_their_tokens(tokenizers):
    lazy, eager, rules = tokenizers
    tokenizer = build_language("blank")[0].tokenizer
    before = "Ik schreef het op. Zie ook blz. 4 en d.w.z. later, m.a.w. niets."
    texts = [before, "Hij kwam o.a. met bijv. een plan, enz.", before]
    assert [tokens(tokenizer(text)) for text in texts] == [tokens(eager(text)) for text in texts]


def test_setting_rules_and_a_byte_round_trip_keep_every_case(tokenizers):
    _, eager, rules = tokenizers
    tokenizer = build_language("blank")[0].tokenizer
    tokenizer.rules = {"o.a.": rules["o.a."]}
    assert set(tokenizer.rules) == {"o.a."}
    restored = build_language("blank")[0].tokenizer
    restored.from_bytes(eager.to_bytes())
    assert set(restored.rules) == set(rules)
    text = texts_with_every_case(rules)[3]
    assert tokens(restored(text)) == tokens(eager(text))


def test_a_pickled_tokenizer_is_lazy_again_and_gives_the_same_tokens(tokenizers):
    import pickle

    lazy, eager, rules = tokenizers
    copy = pickle.loads(pickle.dumps(lazy))
    assert isinstance(copy, LazyDotTokenizer) and set(copy.rules) == set(rules)
    assert not any("." in key for key in Tokenizer.rules.__get__(copy))
    text = texts_with_every_case(rules)[5]
    assert tokens(copy(text)) == tokens(eager(text))
