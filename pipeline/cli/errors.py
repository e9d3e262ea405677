"""How every command reports a problem the user can fix: one line ``Error: E0xx ...`` and exit code 2."""

from __future__ import annotations

import re

import click

from ..errors import LeersignalenError

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


class UserError(click.ClickException):
    """A one-line error for the user: click prints ``Error: MESSAGE`` and exits with code 2."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(CONTROL.sub(" ", message).strip())


class ReportingGroup(click.Group):
    """A click group whose commands (and sub-groups) turn a :class:`LeersignalenError` into a :class:`UserError`."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LeersignalenError as error:
            raise UserError(str(error)) from None

    def group(self, *args, **kwargs):
        kwargs.setdefault("cls", ReportingGroup)
        return super().group(*args, **kwargs)
