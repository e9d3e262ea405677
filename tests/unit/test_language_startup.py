"""Start-up work of the language layer: the table cache, the one-pass tokenizer and spaCy's deferred command line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import spacy
from leersignalen.language import cache, lemmatizer
from leersignalen.language.build import build_language
from leersignalen.language.segmenter import split_word_dots


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting_build(payload: bytes):
    calls = []

    def build() -> bytes:
        calls.append(1)
        return payload

    return build, calls


def test_cached_bytes_builds_once_then_reads_the_file(cache_folder):
    build, calls = counting_build(b"table")
    assert cache.cached_bytes("t", "k1", build, bytes.decode) == "table"
    assert cache.cached_bytes("t", "k1", build, bytes.decode) == "table"
    assert len(calls) == 1 and len(list(cache_folder.iterdir())) == 1


def test_a_new_key_rebuilds_and_a_damaged_file_is_rebuilt(cache_folder):
    build, calls = counting_build(b"42")
    cache.cached_bytes("t", "k1", build, int)
    cache.cached_bytes("t", "k2", build, int)
    assert len(calls) == 2
    (damaged,) = [path for path in cache_folder.iterdir() if "k1" in path.name]
    damaged.write_bytes(b"not a number")
    assert cache.cached_bytes("t", "k1", build, int) == 42 and len(calls) == 3
    assert damaged.read_bytes() == b"42"


def test_no_cache_folder_or_an_unwritable_one_still_gives_the_table(tmp_path, monkeypatch):
    build, calls = counting_build(b"7")
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cached_bytes("t", "k", build, int) == 7
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    assert cache.cached_bytes("t", "k", build, int) == 7 and len(calls) == 2


def test_cached_lemma_tables_equal_the_json_tables(cache_folder):
    built = lemmatizer._tables_from_bytes(lemmatizer._tables_as_bytes())
    assert lemmatizer.lookup_tables() == built  # first call: built and saved
    assert lemmatizer.lookup_tables() == built  # second call: read from the file
    lookup, verbs, adjectives, nouns, closed = built
    index = lemmatizer._read_lookups_json("lemma_index")
    assert lookup == lemmatizer._read_lookups_json("lemma_lookup")
    assert verbs == frozenset(word for word in index["verb"] if word.endswith("n"))
    assert nouns == frozenset(index["noun"]) and adjectives == frozenset(index["adj"])
    assert closed == frozenset(index["adp"]) | frozenset(index["det"])


def test_the_notes_tokenizer_equals_blank_dutch_after_split_word_dots():
    stock = spacy.blank("nl")
    split_word_dots(stock)
    nlp, _ = build_language("blank")
    assert nlp.tokenizer.rules == stock.tokenizer.rules
    text = "Dat raakte me. We gaan o.a. naar dhr. Jansen, bijv. om 10.00 u. Al. Pas.\n- punt"
    assert [t.text for t in nlp.tokenizer(text)] == [t.text for t in stock.tokenizer(text)]
    assert "me" in [t.text for t in nlp.tokenizer(text)]


@pytest.mark.slow
def test_importing_spacy_through_the_cli_leaves_its_command_line_until_used():
    code = (
        "import sys\n"
        "import leersignalen.cli.main\n"
        "import spacy\n"
        "assert 'typer' not in sys.modules and 'weasel' not in sys.modules\n"
        "assert len(spacy.blank('nl')('Een zin.')) == 3\n"
        "from spacy.cli import download\n"
        "assert callable(download) and callable(spacy.cli.info)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
