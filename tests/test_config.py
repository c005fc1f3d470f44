"""Configuration and environment errors, through the command line, on copies of the fixture
project: a TOML syntax error names its file, line and column; the project is the working folder
or ``--project DIR``, never a parent folder; a read-only folder or a missing file is a clear
``path: message`` with a non-zero exit; a missing catalog is listed, reported and (with
``--strict``) fails the build; an interrupted write's temporary file is removed on the next run.
Every case: the exit code, the message, no traceback, nothing written."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline import fileio
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.errors import FileError, NoProjectError, PipelineError, TomlError
from pipeline.tomlfile import parse
from tests import render_support as rs

DOC = "byline-opposition-presses-on"  # the shortest seed: keeps the PDFs of a build quick
REPO = rs.REPO


def _project(tmp_path: Path, *, templates: bool = False) -> Path:
    """A writable copy of the fixture project (with the repository's templates if asked)."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(rs.ROOT / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(rs.ROOT / "seeds", root / "seeds")
    shutil.copytree(rs.ROOT / "locales", root / "locales")
    if templates:
        shutil.copytree(REPO / "templates", root / "templates")
    return root


def _mini(tmp_path: Path) -> Path:
    """The fixture project cut to one pack of DOC, for builds (three small PDFs)."""
    root = _project(tmp_path, templates=True)
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    start = text.index("documents = [")
    end = text.index("]", start) + 1
    (root / "pyproject.toml").write_text(text[:start] + f'documents = ["{DOC}"]' + text[end:], encoding="utf-8")
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` with its bytes (to prove that nothing was written)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m pipeline ARGS`` in ``cwd``, as a user runs it."""
    full = {k: v for k, v in os.environ.items() if k != "PIPELINE_PROJECT"}
    full.update({"PYTHONPATH": str(REPO), **(env or {})})
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=300)


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``main(ARGS)`` in this process: (exit code, stdout, stderr)."""
    code = main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture(autouse=True)
def _no_project_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIPELINE_PROJECT", raising=False)


# ---------------------------------------------------------------------------------------- TOML

BROKEN_PYPROJECT = [
    # (the [tool.pipeline] table's body, line:column, what tomllib says)
    ('languages = ["en", "be"\nproject = "x"\n', "3:1", "unclosed array"),
    ('project = "unterminated\n', "2:24", "illegal character"),
    ('languages = ["en"]\nlanguages = ["de"]\n', "3:19", "cannot overwrite a value"),
    ("project = \n", "2:11", "invalid value"),
    ('seeds = "a" "b"\n', "2:13", "expected newline or end of document after a statement"),
    ("[tool.pipeline.packs\n", "2:21", "expected ']' at the end of a table declaration"),
]


@pytest.mark.parametrize(("body", "where", "message"), BROKEN_PYPROJECT, ids=[c[2] for c in BROKEN_PYPROJECT])
def test_a_toml_syntax_error_names_file_line_and_column(tmp_path: Path, body: str, where: str, message: str) -> None:
    root = _project(tmp_path)
    (root / "pyproject.toml").write_text("[tool.pipeline]\n" + body, encoding="utf-8")
    before = _snapshot(root)
    for command in (["status"], ["extract"], ["update"], ["check"]):
        result = _run(command, root)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert result.stderr.startswith(f"error: pyproject.toml:{where}: invalid TOML: {message}"), result.stderr
        assert "not a pipeline project" not in result.stderr and "Traceback" not in result.stderr
        line = body.split("\n")[int(where.split(":")[0]) - 2]
        assert f"\n    {line.rstrip()}" in result.stderr  # the offending line, as for every error
    assert _snapshot(root) == before


def test_a_toml_error_under_project_names_the_file_as_given(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "pyproject.toml").write_text('[tool.pipeline]\nproject = "x\n', encoding="utf-8")
    result = _run(["--project", "project", "status"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("error: project/pyproject.toml:2:13: invalid TOML: illegal character")


def test_a_syntax_error_in_the_manifest_and_the_house_style(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    manifest = root / "seeds" / "seeds.toml"
    lines = manifest.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("title = "))
    lines[at] = 'title = "Belarus'  # unterminated: the string runs into the line end
    manifest.write_text("\n".join(lines), encoding="utf-8")
    before = _snapshot(root)
    for command in (["ingest"], ["extract"], ["segment"], ["build"]):
        code, _, err = _cli(command, capsys)
        assert code == 1
        assert f"seeds/seeds.toml:{at + 1}:{len(lines[at]) + 1}: invalid TOML: illegal character" in err, err
    assert _snapshot(root) == before

    manifest.write_text(before["seeds/seeds.toml"].decode("utf-8"), encoding="utf-8")
    (root / "locales" / "style.toml").write_text("[be]\ndates = 'long'\n[de\n", encoding="utf-8")
    code, _, err = _cli(["check"], capsys)
    assert code == 1 and "locales/style.toml:3:4: invalid TOML: expected ']'" in err, err


def test_toml_errors_are_placed_in_crlf_and_at_the_end_of_the_document() -> None:
    with pytest.raises(TomlError) as info:
        parse('a = 1\r\nb = "x\r\n', "f.toml")
    assert str(info.value).startswith("f.toml:2:7: invalid TOML")  # CRLF counts as one line end
    with pytest.raises(TomlError) as info:
        parse("a = 1\nb = 2\nb = 3\n\n", "f.toml")  # tomllib: "at end of document"
    assert str(info.value).startswith("f.toml:3:6: invalid TOML: cannot overwrite a value")
    assert str(info.value).endswith("\n    b = 3")


def test_a_toml_file_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    from pipeline.tomlfile import load

    path = tmp_path / "x.toml"
    path.write_bytes(b'a = 1\nb = "caf\xe9"\n')
    with pytest.raises(TomlError, match=r"x\.toml:2:9: invalid TOML: not UTF-8"):
        load(path, "x.toml")
    with pytest.raises(FileError, match=r"^gone\.toml: cannot read: No such file"):
        load(tmp_path / "gone.toml", "gone.toml")


# -------------------------------------------------------------------------------- project root


def test_the_project_is_the_working_folder_never_a_parent(tmp_path: Path) -> None:
    root = _project(tmp_path)
    before = _snapshot(root)
    for sub in (root / "locales", root / "seeds"):
        result = _run(["status"], sub)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr == ("error: pyproject.toml: not found: this folder is not a pipeline project; "
                                 "did you mean --project .. ?\n")
    deeper = _run(["update"], root / "locales" / "be" / "LC_MESSAGES")
    assert deeper.returncode == 1 and "did you mean --project ../../.. ?" in deeper.stderr
    assert _snapshot(root) == before


def test_a_pyproject_without_the_table_is_not_a_project(tmp_path: Path) -> None:
    root = _project(tmp_path)
    inner = root / "tools"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "helpers"\n', encoding="utf-8")
    result = _run(["status"], inner)
    assert result.returncode == 1
    assert result.stderr.startswith("error: pyproject.toml: has no [tool.pipeline] table: this folder is not a "
                                    "pipeline project; did you mean --project .. ?")


def test_no_hint_without_a_project_above(tmp_path: Path) -> None:
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    result = _run(["status"], lonely)
    assert result.returncode == 1
    assert result.stderr == "error: pyproject.toml: not found: this folder is not a pipeline project\n"
    missing = _run(["--project", "nowhere", "status"], lonely)
    assert missing.returncode != 0 and "nowhere" in missing.stderr and "Traceback" not in missing.stderr


def test_project_option_and_environment_variable(tmp_path: Path) -> None:
    root = _project(tmp_path)
    here = _run(["status", "--json"], root)
    assert here.returncode == 0, here.stderr
    by_option = _run(["--project", "..", "status", "--json"], root / "locales")
    by_env = _run(["status", "--json"], root / "seeds", env={"PIPELINE_PROJECT": str(root)})
    assert by_option.returncode == by_env.returncode == 0, by_option.stderr + by_env.stderr
    assert json.loads(by_option.stdout) == json.loads(by_env.stdout) == json.loads(here.stdout)
    # The option wins over the environment, which names another (broken) project.
    other = tmp_path / "other"
    other.mkdir()
    (other / "pyproject.toml").write_text("[tool.pipeline\n", encoding="utf-8")
    wins = _run(["--project", str(root), "status", "--json"], tmp_path, env={"PIPELINE_PROJECT": str(other)})
    assert wins.returncode == 0 and json.loads(wins.stdout) == json.loads(here.stdout)


def test_load_config_never_walks_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root / "locales")
    with pytest.raises(NoProjectError, match=r"did you mean --project \.\. \?"):
        load_config()
    assert load_config(root).root == root.resolve()


# ---------------------------------------------------------------------- permissions and files


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """``read_only(folder)`` makes ``folder`` (and what is in it) unwritable.  Root ignores
    file modes, so for root the kernel's answer (EACCES) is given by the two calls a write
    starts with: making a folder and creating the temporary file."""
    frozen: list[Path] = []

    def inside(path: str | os.PathLike[str]) -> bool:
        target = Path(path).resolve()
        return any(target == f or target.is_relative_to(f) for f in frozen)

    if os.geteuid() == 0:
        real_mkstemp, real_mkdir = tempfile.mkstemp, os.mkdir

        def mkstemp(suffix: str | None = None, prefix: str | None = None, dir: str | None = None,
                     text: bool = False) -> tuple[int, str]:
            if dir is not None and inside(dir):
                name = os.path.join(dir, f"{prefix or ''}xxxxxxxx{suffix or ''}")
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), name)
            return real_mkstemp(suffix, prefix, dir, text)

        def mkdir(path: Any, mode: int = 0o777, *args: Any, **kwargs: Any) -> None:
            if inside(Path(path).parent) and not os.path.exists(path):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fspath(path))
            real_mkdir(path, mode, *args, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "mkdir", mkdir)

    def freeze(folder: Path) -> None:
        frozen.append(folder.resolve())
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o555)

    yield freeze
    for folder in frozen:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir():
                path.chmod(0o755)


def _temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp")]


def test_a_read_only_locales_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch, read_only: Any) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    (root / "locales" / "be" / "LC_MESSAGES" / f"{DOC}.po").unlink()  # so that update has to write it
    pot = root / "locales" / f"{DOC}.pot"
    pot.write_bytes(b"# an edit extract undoes\n" + pot.read_bytes())  # so that extract has to write too
    read_only(root / "locales")
    before = _snapshot(root)
    code, out, err = _cli(["update"], capsys)
    assert code == 1
    assert f"error: locales/be/LC_MESSAGES/{DOC}.po: cannot write: Permission denied" in err, err
    assert "unchanged: locales/de/LC_MESSAGES/ui.po" in out  # the batch went on
    code, out, err = _cli(["extract"], capsys)
    assert code == 1 and f"error: locales/{DOC}.pot: cannot write: Permission denied" in err, err
    assert _snapshot(root) == before and not _temp_files(root)


def test_a_read_only_dist_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch, read_only: Any) -> None:
    root = _mini(tmp_path)
    monkeypatch.chdir(root)
    (root / "dist").mkdir()
    read_only(root / "dist")
    code, _, err = _cli(["build", "-j", "1"], capsys)
    assert code == 1
    errors = [line for line in err.splitlines() if not line.startswith("… ")]  # progress lines aside
    assert errors[0].startswith("error: dist/") and ": cannot write: Permission denied" in errors[0], err
    assert "Traceback" not in err
    assert list((root / "dist").iterdir()) == []


def test_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    code, _, err = _cli(["merge", "nothere.po", f"locales/{DOC}.pot", "-o", "out.po"], capsys)
    assert code == 1 and "nothere.po: cannot read: No such file or directory" in err, err
    code, _, err = _cli(["check", "locales/be/LC_MESSAGES/nothere.po"], capsys)
    assert code == 1
    (root / "seeds" / "seeds.toml").unlink()
    before = _snapshot(root)
    code, _, err = _cli(["extract"], capsys)
    assert code == 1 and err == "error: seeds/seeds.toml: manifest not found\n"
    assert not (root / "out.po").exists() and _snapshot(root) == before


def test_file_errors_are_os_errors_with_a_path() -> None:
    error = FileError("locales/x.po", "cannot write: Permission denied", errno.EACCES)
    assert isinstance(error, PipelineError) and isinstance(error, OSError)
    assert str(error) == "locales/x.po: cannot write: Permission denied"
    assert error.errno == errno.EACCES and error.filename == "locales/x.po"


def test_write_errors_name_the_target_not_the_temporary_file(tmp_path: Path, read_only: Any) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    read_only(folder)
    with pytest.raises(FileError) as info:
        fileio.atomic_write_text(folder / "x.po", "text")
    assert str(info.value) == f"{folder / 'x.po'}: cannot write: Permission denied"
    with pytest.raises(FileError) as info:
        fileio.atomic_write_text(folder / "new" / "x.po", "text")
    assert str(info.value).startswith(f"{folder / 'new'}: cannot write: Permission denied")


# --------------------------------------------------------------------------- missing catalogs


def test_status_lists_a_missing_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    (root / "locales" / "be" / "LC_MESSAGES" / f"{DOC}.po").unlink()
    before = _snapshot(root)
    code, out, err = _cli(["status"], capsys)
    assert code == 0
    rows = {tuple(line.split()[:2]): line for line in out.splitlines()[1:]}
    assert rows[(DOC, "be")].endswith("0.0%  missing")
    assert not rows[(DOC, "de")].endswith("missing") and not any(
        line.endswith("missing") for key, line in rows.items() if key != (DOC, "be"))
    assert f"warning: locales/be/LC_MESSAGES/{DOC}.po: missing catalog" in err
    code, out, _ = _cli(["status", "--json"], capsys)
    missing = [(c["document"], c["language"]) for c in json.loads(out)["catalogs"] if c["missing"]]
    assert missing == [(DOC, "be")]
    code, out, _ = _cli(["status", "--min", "50"], capsys)
    assert code == 1  # all of it untranslated
    assert _snapshot(root) == before


def test_check_reports_a_missing_catalog(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    code, out, _ = _cli(["check", "--json"], capsys)
    assert not [f for f in json.loads(out)["findings"] if f["check"] == "missing"]
    (root / "locales" / "de" / "LC_MESSAGES" / "ui.po").unlink()
    code, out, err = _cli(["check"], capsys)
    assert code == 1
    assert "locales/de/LC_MESSAGES/ui.po:0: [missing] missing catalog: `pipeline update` creates it" in out
    code, out, _ = _cli(["check", "--json"], capsys)
    found = [f for f in json.loads(out)["findings"] if f["check"] == "missing"]
    assert [(f["path"], f["severity"]) for f in found] == [("locales/de/LC_MESSAGES/ui.po", "error")]


def test_build_says_which_language_fell_back_and_strict_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root = _mini(tmp_path)
    monkeypatch.chdir(root)
    (root / "locales" / "be" / "LC_MESSAGES" / f"{DOC}.po").unlink()
    code, out, err = _cli(["build", "--strict", "-j", "1"], capsys)
    assert code == 1
    assert (f"locales/be/LC_MESSAGES/{DOC}.po: missing catalog: [be] falls back to the source language (en) "
            f"for '{DOC}' in pack 'belarus-and-the-war'") in err and "(--strict)" in err
    assert not (root / "dist").exists() or not any((root / "dist").rglob("*.pdf"))
    code, out, err = _cli(["build", "-j", "1"], capsys)
    assert code == 0, err
    lines = [line for line in err.splitlines() if "missing catalog" in line]
    assert lines == [f"warning: locales/be/LC_MESSAGES/{DOC}.po: missing catalog: [be] falls back to the source "
                     f"language (en) for '{DOC}' in pack 'belarus-and-the-war'; `pipeline update` creates it"]
    be = next(line for line in out.splitlines() if line.startswith("belarus-and-the-war [be]"))
    assert "0/" in be and "fell back to English" in be
    de = next(line for line in out.splitlines() if line.startswith("belarus-and-the-war [de]"))
    assert " 0/" not in de
    # Nothing to render the second time: the report still says it, and --strict still fails.
    code, out, err = _cli(["build", "-j", "1"], capsys)
    assert code == 0 and "up to date: 7 outputs" in out
    assert [line for line in err.splitlines() if "missing catalog" in line] == lines
    code, _, err = _cli(["build", "--strict", "-j", "1"], capsys)
    assert code == 1 and f"locales/be/LC_MESSAGES/{DOC}.po: missing catalog" in err and "(--strict)" in err


# ---------------------------------------------------------------- temporary files of a write

_STALLED_WRITER = """
import os, sys, time
from pathlib import Path
from pipeline import fileio

def stall(fd):  # the write is done, not yet synced nor renamed: killed here
    print("writing", flush=True)
    time.sleep(120)

os.fsync = stall
fileio.atomic_write_bytes(Path(sys.argv[1]), b"new contents\\n")
"""


def test_a_killed_write_leaves_a_locked_private_temp_file_swept_on_the_next_run(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path)
    target = root / "locales" / "be" / "LC_MESSAGES" / f"{DOC}.po"
    old = target.read_bytes()
    writer = subprocess.Popen([sys.executable, "-c", _STALLED_WRITER, str(target)], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        (temp,) = _temp_files(root)
        assert fileio.is_temp_file(temp) and temp.name.startswith(f".{target.name}.pipeline-")
        assert temp.stat().st_mode & 0o777 == 0o600  # private while being written
        assert fileio.sweep_temp_files([root / "locales"], min_age=0) == []  # a live writer holds it
        assert temp.exists()
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    assert temp.exists() and target.read_bytes() == old
    os.utime(temp, (temp.stat().st_atime - 60, temp.stat().st_mtime - 60))
    monkeypatch.chdir(root)
    code, out, err = _cli(["status"], capsys)
    assert code == 0
    assert f"removed locales/be/LC_MESSAGES/{temp.name}: left behind by an interrupted write" in err
    assert not temp.exists() and target.read_bytes() == old
    code, out, err = _cli(["status"], capsys)
    assert "removed" not in err  # said once


def test_the_sweep_keeps_young_locked_and_foreign_files(tmp_path: Path) -> None:
    folder = tmp_path / "locales" / "be" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "x.po").write_text("", encoding="utf-8")
    stale = folder / ".x.po.pipeline-ab12cd.tmp"
    young = folder / ".x.po.pipeline-young1.tmp"
    held = folder / ".x.po.pipeline-held99.tmp"
    legacy = folder / ".x.po.k3j4h5g6.tmp"  # an older version's name, beside its target
    legacy_young = folder / ".x.po.a1b2c3d4.tmp"
    foreign = folder / "notes.tmp"  # not ours
    lookalike = folder / ".other.po.q1w2e3r4.tmp"  # no other.po beside it
    for path in (stale, young, held, legacy, legacy_young, foreign, lookalike):
        path.write_bytes(b"half")
    past = (stale.stat().st_mtime - 7200,) * 2
    for path in (stale, held, legacy, foreign, lookalike):
        os.utime(path, past)
    os.utime(young, (young.stat().st_mtime + 3600,) * 2)  # written "now", whatever the clock does
    os.utime(legacy_young, (legacy_young.stat().st_mtime - 60,) * 2)  # old enough for ours, not a legacy one
    with open(held, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        removed = fileio.sweep_temp_files([tmp_path / "locales"])
    assert sorted(removed) == sorted([stale, legacy])
    assert {p.name for p in folder.iterdir()} == {"x.po", young.name, held.name, legacy_young.name, foreign.name,
                                                  lookalike.name}


def test_the_sweep_is_shallow_where_asked_and_skips_missing_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    top = tmp_path / ".pyproject.toml.pipeline-aaaa.tmp"
    below = tmp_path / "sub" / ".x.pipeline-bbbb.tmp"
    for path in (top, below):
        path.write_bytes(b"")
        os.utime(path, (0, 0))
    assert fileio.sweep_temp_files([tmp_path / "absent"], shallow=[tmp_path]) == [top]
    assert below.exists()


def test_a_finished_write_leaves_no_temporary_file_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    fileio.atomic_write_text(target, "one\n")
    assert target.stat().st_mode & 0o777 == 0o644
    target.chmod(0o640)
    fileio.atomic_write_text(target, "two\n")
    assert target.read_text(encoding="utf-8") == "two\n" and target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]


def test_an_os_error_no_stage_caught_is_still_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.catalog

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), "locales/be/LC_MESSAGES/x.po")

    monkeypatch.chdir(_project(tmp_path))
    monkeypatch.setattr(pipeline.catalog, "status_report", refuse)
    code, _, err = _cli(["status"], capsys)
    assert code == 1 and err == "error: locales/be/LC_MESSAGES/x.po: Permission denied\n"
