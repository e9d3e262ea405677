"""Write the generated reference pages docs/cli.md (every command and option) and docs/errors.md (every code).

Usage: ``python scripts/make_docs.py [--check]``; with --check, exit 1 when a page is out of date instead of writing.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import click
from leersignalen.cli.main import cli
from leersignalen.errors import Errors

DOCS = Path(__file__).resolve().parent.parent / "docs"


def commands(group: click.Group, path: tuple[str, ...] = ()):
    for name in sorted(group.commands):
        command = group.commands[name]
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


def option_line(parameter: click.Parameter) -> str:
    names = ", ".join(f"`{opt}`" for opt in [*parameter.opts, *parameter.secondary_opts])
    default = ""
    if isinstance(parameter, click.Option) and parameter.show_default and parameter.default not in (None, (), False):
        default = f" (default: `{parameter.default}`)"
    return f"- {names}{default}: {parameter.help or ''}".rstrip()


def cli_page() -> str:
    lines = ["# Command reference", "",
             "Generated from the code by `python scripts/make_docs.py`; do not edit by hand.",
             "Every command also takes `-h`/`--help`.", ""]
    for path, command in commands(cli):
        lines += [f"## `leersignalen {' '.join(path)}`", "", inspect.cleandoc(command.help or ""), ""]
        arguments = [p for p in command.params if isinstance(p, click.Argument)]
        if arguments:
            lines += ["Arguments: " + ", ".join(f"`{p.human_readable_name}`" for p in arguments), ""]
        options = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
        lines += [option_line(p) for p in options]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def errors_page() -> str:
    codes = sorted(name for name in vars(Errors) if name[:1] == "E" and name[1:].isdigit())
    lines = ["# Error reference", "",
             "Every problem a user can fix is reported on one line, `Error: E0xx ...`, and the command exits with",
             "code 2. A run that stops with an error leaves the previous outputs as they were. Generated from",
             "`pipeline/errors.py` by `python scripts/make_docs.py`.", "",
             "| code | message (fields in braces are filled in) |", "|---|---|"]
    for code in codes:
        template = type.__getattribute__(Errors, code).replace("|", "\\|")
        lines.append(f"| `{code}` | {template} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    pages = {DOCS / "cli.md": cli_page(), DOCS / "errors.md": errors_page()}
    stale = [path for path, text in pages.items() if not path.is_file() or path.read_text("utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"{path} is out of date; run `python scripts/make_docs.py`")
        return 1 if stale else 0
    for path in stale:
        path.write_text(pages[path], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
