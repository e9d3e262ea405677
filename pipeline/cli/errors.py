"""The error every command raises for a problem the user can fix."""

from __future__ import annotations

import click

from ..errors import LeersignalenError


class UserError(click.ClickException):
    """A one-line error for the user: click prints ``Error: MESSAGE`` and exits with code 2."""

    exit_code = 2


def fail(error: LeersignalenError) -> UserError:
    """Turn a project error into a UserError with the same message."""
    return UserError(str(error))
