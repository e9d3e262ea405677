"""Key file rules of the pseudonymiser: location, permissions, atomic writes, normalised names, --also values."""

import json
import os
import stat

import pytest
from leersignalen.privacy.engine import parse_also
from leersignalen.privacy.keyfile import KeyFileError, PseudonymKey, check_key_location, normalise_name


@pytest.mark.parametrize("spelling", ["Petra", "petra", "Petra's", "PETRA", "Pétra", "mevrouw Petra", " Petra’s "])
def test_spellings_of_one_name_normalise_alike(spelling):
    assert normalise_name(spelling) == "petra"


def test_kees_possessive_apostrophe_is_dropped():
    assert normalise_name("Kees'") == "kees"
    assert normalise_name("Jan-Willem van 't Hof") == "jan-willem van 't hof"


def test_key_inside_output_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(KeyFileError, match="^E070"):
        check_key_location(out / "sub" / "key.json", out)
    with pytest.raises(KeyFileError, match="^E070"):
        check_key_location(tmp_path / "out" / ".." / "out" / "key.json", out)
    check_key_location(tmp_path / "key.json", out)


def test_key_file_is_owner_only_and_round_trips(tmp_path):
    path = tmp_path / "keys" / "key.json"
    key = PseudonymKey.load(path)
    key.record("person:petra", "[PERSOON-4]", "Petra")
    old_umask = os.umask(0)
    try:
        key.save()
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["key.json"]
    again = PseudonymKey.load(path)
    assert again.keys == {"person:petra": "[PERSOON-4]"}
    assert again.originals == {"[PERSOON-4]": ["Petra"]}


def test_saving_replaces_the_file_atomically(tmp_path):
    path = tmp_path / "key.json"
    key = PseudonymKey.load(path)
    key.record("person:jan", "[PERSOON-1]", "Jan")
    key.save()
    inode = path.stat().st_ino
    key.record("person:ahmed", "[PERSOON-2]", "Ahmed")
    key.save()
    assert path.stat().st_ino != inode
    assert set(json.loads(path.read_text())["keys"]) == {"person:jan", "person:ahmed"}


def test_no_path_means_nothing_is_written(tmp_path):
    key = PseudonymKey.load(None)
    key.record("person:jan", "[PERSOON-1]", "Jan")
    key.save()
    assert list(tmp_path.iterdir()) == []


def test_foreign_or_broken_key_files_are_refused(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    broken.chmod(0o600)
    with pytest.raises(KeyFileError, match="^E071"):
        PseudonymKey.load(broken)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "something else"}))
    other.chmod(0o600)
    with pytest.raises(KeyFileError, match="^E071"):
        PseudonymKey.load(other)


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_key_file_others_can_read_is_refused(tmp_path):
    path = tmp_path / "key.json"
    key = PseudonymKey.load(path)
    key.record("person:jan", "[PERSOON-1]", "Jan")
    key.save()
    path.chmod(0o644)
    with pytest.raises(KeyFileError, match="^E076"):
        PseudonymKey.load(path)


def test_also_accepts_commas_and_repeats_and_rejects_unknown_kinds():
    assert parse_also(["places,dates", "contact"]) == {"places", "dates", "contact"}
    with pytest.raises(KeyFileError, match="^E073"):
        parse_also(["persons"])
