"""Lexicon files: the validator reports every problem as file:line: problem."""

import pytest
from leersignalen.errors import LexiconError
from leersignalen.tag.check import check_lexicon
from leersignalen.tag.lexicon import PatternSyntaxError, load_rules, load_scope, parse_pattern

HEADER = "id\tcategory\tpattern\tunless\tnote\texample\n"


def write_rules(folder, body: str):
    rules = folder / "rules"
    rules.mkdir(parents=True, exist_ok=True)
    path = rules / "test.tsv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("", "empty pattern"),
        ("... leren", "cannot start or end"),
        ("leren ...", "cannot start or end"),
        ("leren|", "empty alternative"),
        ("op+", "separable verb"),
        ("op+pak*", "separable verb"),
        ("leren \u2026 dat", "ellipsis"),
        ("leren & ", "empty pattern part"),
        ("*", "invalid word"),
        ("*.*", "wildcard '\\*\\.\\*' has no letter or digit"),
        ("leren|*-", "has no letter or digit"),
        ("zal @naam regelen", "first word of a rule's pattern"),
        ("@naam regelen", "first word of a rule's pattern"),
    ],
)
def test_pattern_syntax_errors(pattern, reason):
    with pytest.raises(PatternSyntaxError, match=reason):
        parse_pattern(pattern)


def test_separable_verb_compiles_to_four_word_orders():
    [part] = parse_pattern("op+pakken")
    assert len(part.sequences) == 4


def test_every_problem_is_reported_with_file_and_line(tmp_path):
    path = write_rules(
        tmp_path,
        "a.one\tschuring\toneens\t\tdisagreement\tWe waren het oneens.\n"
        "a.one\tschuring\tbotsen\t\tclash\tWe botsten.\n"
        "a.two\tgedoe\tgedoe\t\tunknown category\tGedoe.\n"
        "a.three\tschuring\toneens\t\tsame pattern\tOneens.\n"
        "A Bad\tschuring\tschuren\t\tbad id\tHet schuurde.\n"
        "a.four\treflectie\tleren ...\t\tbad pattern\tGeleerd.\n"
        "a.five\treflectie\tachteraf\t\tno example\t\n"
        "a.six\treflectie\tterugkijken\n",
    )
    with pytest.raises(LexiconError) as error:
        load_rules([path])
    assert error.value.problems == [
        f"{path}:3: duplicate id 'a.one' (first at {path}:2)",
        f"{path}:4: unknown category 'gedoe'; use one of deadlines, eigenaarschap, output, perspectiefname, "
        "reflectie, schuring, structuur",
        f"{path}:5: duplicate pattern 'oneens' (first at {path}:2)",
        f"{path}:6: id 'A Bad' must be lowercase letters, digits, '_', '.' or '-'",
        f"{path}:7: pattern 'leren ...': a gap '...' cannot start or end a pattern",
        f"{path}:8: rule 'a.five' has no example sentence",
        f"{path}:9: expected 6 tab-separated fields, got 3",
    ]


def test_wrong_header_is_reported(tmp_path):
    path = tmp_path / "rules.tsv"
    path.write_text("id\tcategorie\tpatroon\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r":1: header must be"):
        load_rules([path])


def test_scope_kind_is_validated(tmp_path):
    path = tmp_path / "negation.tsv"
    path.write_text("id\tkind\tpattern\tnote\texample\nx\tcue\tniet\t\t\ny\tontkenning\tgeen\t\t\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"negation.tsv:3: unknown kind 'ontkenning'"):
        load_scope(path)


def test_check_reports_an_example_that_its_pattern_does_not_match(tmp_path):
    (tmp_path / "negation.tsv").write_text("id\tkind\tpattern\tnote\texample\nn\tcue\tniet\t\t\n", encoding="utf-8")
    path = write_rules(
        tmp_path,
        "s.ok\tschuring\toneens\t\tfine\tWe waren het oneens.\n"
        "s.miss\tschuring\tbotsen\t\twrong example\tHet schuurde flink.\n"
        "s.neg\tschuring\truzie\t\tonly negated\tEr was niet echt ruzie.\n"
        "s.unless\tschuring\tbotsing\tauto\tcancelled\tDe botsing met de auto.\n"
        "s.both\tschuring\tbotsingen\tauto\tno match\tHet schuurde met de auto.\n",
    )
    problems, checked = check_lexicon(tmp_path)
    assert checked == 5
    assert problems == [
        f"{path}:3: example does not match its own pattern 'botsen': 'Het schuurde flink.'",
        f"{path}:4: example matches 'ruzie' only as negated: 'Er was niet echt ruzie.'",
        f"{path}:5: example is cancelled by the rule's own unless 'auto': 'De botsing met de auto.'; give an example "
        "the rule codes",
        f"{path}:6: example does not match its own pattern 'botsingen': 'Het schuurde met de auto.'",
    ]


def test_shipped_lexicon_is_valid_and_every_example_matches():
    problems, checked = check_lexicon()
    assert problems == []
    assert checked > 0


def test_shipped_scope_has_every_kind_and_every_entry_an_example():
    entries = load_scope()
    assert {entry.kind for entry in entries} == {"cue", "postcue", "pseudo", "boundary", "frame"}
    for entry in entries:
        assert entry.example, entry.id


def test_frame_and_postcue_kinds_load(tmp_path):
    path = tmp_path / "negation.tsv"
    path.write_text(
        "id\tkind\tpattern\tnote\texample\n"
        "f\tframe\tachteraf\tlooking back\tAchteraf gezien niet.\n"
        "p\tpostcue\tbleef ... liggen\tleft undone\tHet bleef liggen.\n",
        encoding="utf-8",
    )
    assert [(e.id, e.kind) for e in load_scope(path)] == [("f", "frame"), ("p", "postcue")]


def test_names_marker_starts_a_rule_pattern_and_is_not_a_word(tmp_path):
    path = write_rules(
        tmp_path,
        "a.name\tstructuur\t@naam regelen\t\tallocation\tJesse regelt de zaal.\n"
        "a.bare\tstructuur\t@naam\t\tnothing after it\tJesse.\n"
        "a.unless\tstructuur\tregelen\t@naam\tmarker in unless\tJesse regelt de zaal.\n",
    )
    with pytest.raises(LexiconError) as error:
        load_rules([path])
    assert error.value.problems == [
        f"{path}:3: pattern '@naam': @naam must be followed by a pattern",
        f"{path}:4: unless '@naam': '@naam' can only be the first word of a rule's pattern, alone",
    ]
    path.write_text(HEADER + "a.name\tstructuur\t@naam regelen\t\tallocation\tJesse regelt de zaal.\n",
                    encoding="utf-8")
    [rule] = load_rules([path])
    assert rule.after_names and rule.pattern == "@naam regelen" and len(rule.parts) == 1
