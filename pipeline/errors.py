"""One exception family for the whole pipeline.

Every error a user can cause names the place it comes from, as compilers do:
``path:line: message`` (or ``path:line:col: message``), followed by the offending
line when it is known.  Config errors name the key path instead of a line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class PipelineError(Exception):
    """Base class of every error the pipeline reports to a user."""


class SourceError(PipelineError):
    """A problem at a known place in an input file (seed, catalog, template)."""

    def __init__(
        self,
        path: str | Path,
        lineno: int | None,
        message: str,
        *,
        column: int | None = None,
        line_text: str | None = None,
    ) -> None:
        self.path = str(path)
        self.lineno = lineno
        self.column = column
        self.message = message
        self.line_text = line_text
        super().__init__(self.format())

    @property
    def location(self) -> str:
        loc = self.path
        if self.lineno is not None:
            loc += f":{self.lineno}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def format(self) -> str:
        text = f"{self.location}: {self.message}"
        if self.line_text is not None:
            shown = self.line_text.rstrip("\r\n")
            if len(shown) > 200:
                shown = shown[:200] + "…"
            text += f"\n    {shown}"
        return text


class CatalogError(SourceError):
    """A malformed or unsafe gettext catalog (.po/.pot)."""


class ConfigError(PipelineError):
    """A bad value in configuration, named by file and key path."""

    def __init__(self, path: str | Path, key: str, message: str) -> None:
        self.path = str(path)
        self.key = key
        self.message = message
        super().__init__(f"{self.path}: {key}: {message}" if key else f"{self.path}: {message}")


class NoProjectError(ConfigError):
    """The folder a command runs in is not a pipeline project (no ``[tool.pipeline]`` there)."""


class TomlError(SourceError):
    """A TOML file that does not parse: ``path:line:column: invalid TOML: …``."""


class FileError(PipelineError, OSError):
    """A file or folder that cannot be read or written (missing, permission denied, disk full):
    ``path: message``.  Also an :class:`OSError`, so code that handles OS errors still does."""

    def __init__(self, path: str | Path, message: str, errno: int | None = None) -> None:
        self.path = str(path)
        self.message = message
        OSError.__init__(self, errno or 0, message, self.path)
        self.args = (f"{self.path}: {message}",)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def __reduce__(self) -> tuple[type[FileError], tuple[str, str, int | None]]:  # for process pools
        return (type(self), (self.path, self.message, self.errno))


class RenderError(SourceError):
    """A template or PDF render failed; names the template and line."""


class ConcurrentEditError(PipelineError):
    """A file changed on disk after the pipeline read it; refusing to overwrite."""


class BatchError(PipelineError):
    """Several inputs failed; a batch run reports all of them at the end."""

    def __init__(self, errors: Sequence[PipelineError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in errors))
