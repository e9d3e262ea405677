"""Every message code is defined once: a second definition in the class would silently replace the first."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import leersignalen.errors as errors


def test_no_error_code_is_defined_twice():
    source = Path(errors.__file__).read_text(encoding="utf-8")
    codes = Counter(re.findall(r"^    ([EW]\d{3}) = ", source, re.MULTILINE))
    assert codes, "no codes found: the pattern no longer matches errors.py"
    assert [code for code, count in codes.items() if count > 1] == []
