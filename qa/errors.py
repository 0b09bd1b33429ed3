"""The one exception family of the library: every failure a user can act on is a QAError."""


class QAError(Exception):
    """Base class: the message says what happened and what to do next."""


class InputError(QAError):
    """A file is missing, unsupported, or holds no usable text."""


class GoldFormatError(InputError, ValueError):
    """A gold-question file is missing or a line of it is malformed (the message names the line)."""


class IndexNotFoundError(QAError):
    """No index where one was expected."""


class IndexDamagedError(IndexNotFoundError):
    """A part of the index is missing or damaged (the message names the file and the command that rebuilds it)."""


class DiskFullError(QAError):
    """The disk filled up while writing; nothing was changed."""


class IndexVersionError(QAError):
    """The index was built by another schema or with other settings."""


class ConfigError(QAError):
    """A setting or environment variable has a wrong name or value."""


class ModelUnavailableError(QAError):
    """The configured embedding model cannot be loaded offline."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during an index update: `kept` reports of this run were committed before it (a rerun continues)."""

    def __init__(self, kept: int, index_dir: str) -> None:
        super().__init__(kept, index_dir)
        self.kept, self.index_dir = kept, index_dir

    def __str__(self) -> str:
        held = (f"the {self.kept} report(s) this run indexed so far are kept in {self.index_dir}" if self.kept
                else f"no report of this run was committed yet; the index in {self.index_dir} is as it was")
        return f"interrupted: {held}. Run the same command again to continue."
