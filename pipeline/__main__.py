"""Allow ``python -m pipeline``."""

from .cli.main import main

main()
