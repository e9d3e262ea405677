"""How every command reports a problem the user can fix: one line ``Error: E0xx ...`` and exit code 2."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

from ..errors import Errors, LeersignalenError

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


class UserError(click.ClickException):
    """A one-line error for the user: click prints ``Error: MESSAGE`` and exits with code 2."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(CONTROL.sub(" ", message).strip())


NO_ARGUMENTS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())  # a group without arguments shows help


def one_line_usage_error(error: click.UsageError, ctx: click.Context | None) -> UserError:
    """A bad option value, an unknown option or command as one line E117 instead of click's usage block."""
    command = (error.ctx or ctx).command_path if (error.ctx or ctx) is not None else "leersignalen"
    return UserError(Errors.E117.format(problem=error.format_message().rstrip("."), command=command))


class ReportingGroup(click.Group):
    """A click group whose commands (and sub-groups) turn a :class:`LeersignalenError` into a :class:`UserError`."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LeersignalenError as error:
            raise UserError(str(error)) from None
        except NO_ARGUMENTS_IS_HELP:
            raise
        except click.UsageError as error:
            raise one_line_usage_error(error, ctx) from None

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except NO_ARGUMENTS_IS_HELP:
            raise
        except click.UsageError as error:
            raise one_line_usage_error(error, error.ctx) from None

    def group(self, *args, **kwargs):
        kwargs.setdefault("cls", ReportingGroup)
        return super().group(*args, **kwargs)


class InputPath(click.Path):
    """``click.Path(exists=True)`` whose refusal is a one-line E005 naming the option, not a usage message."""

    def __init__(self, **kwargs):
        super().__init__(exists=True, path_type=Path, **kwargs)

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            where = param.get_error_hint(ctx) if param is not None and ctx is not None else "the path"
            if not os.path.lexists(value):
                reason = f"no such file or folder, given as {where}"
            elif os.path.isdir(value) and not self.dir_okay:
                reason = f"{where} needs a file, this is a folder"
            elif not os.path.isdir(value) and not self.file_okay:
                reason = f"{where} needs a folder, this is a file"
            else:
                reason = f"a broken link or no access, given as {where}"
            raise UserError(Errors.E005.format(path=value, reason=reason)) from None
