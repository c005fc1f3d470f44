"""The orchestrator's catalog stages (``pipeline.build.extract`` / ``update``) on a copy of the
fixture project: the ui domain is one more domain in them, a template that does not parse stops
``extract`` before anything is written, and the stage modules neither write nor sequence."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import build as stages
from pipeline.cli import main
from pipeline.config import load_config
from pipeline.errors import RenderError
from pipeline.pofile import read_po
from tests.render_support import REPO, copy_fixture


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy_fixture(tmp_path, locales=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_extract_and_update_cover_documents_and_the_ui_domain_alike(project: Path) -> None:
    config = load_config(project)
    assert stages.extract(config).ok and stages.update(config).ok
    report = stages.extract(config, check=True)
    assert report.ok and not report.changed, [c.path for c in report.changed]  # now up to date
    shown = {c.path.name: c.summary for c in report.changes}
    assert "ui.pot" in shown and shown["ui.pot"].endswith("ui strings")
    assert len(shown) == 6 and shown["ak-belarus-statement.pot"].endswith("entries")
    updated = stages.update(config, check=True)
    assert updated.ok and not updated.changed
    names = {(c.path.parent.parent.name, c.path.name) for c in updated.changes}
    assert names == {(lang, f"{d}.po") for lang in ("be", "de")
                     for d in (*(p.stem for p in config.locales.glob("*.pot")),)}


def test_a_template_that_does_not_parse_stops_extract_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = load_config(project)
    assert main(["extract"]) == 0 and main(["update"]) == 0  # the frozen fixture, brought up to date
    seed = next((project / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\nA new closing sentence was added by the editor.\n",
                    encoding="utf-8")
    template = project / "templates" / "site" / "pack.html"
    lines = template.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_line = next(i for i, line in enumerate(lines) if "{%" in line and "endif" not in line and i > 3)
    lines[broken_line] = "{% if %}\n" + lines[broken_line]  # an `if` without a condition
    template.write_text("".join(lines), encoding="utf-8")
    before = _snapshot(project / "locales")
    ui_entries = len(read_po(config.pot_path("ui")).entries)

    assert main(["extract"]) == 1
    err = capsys.readouterr().err
    assert f"error: templates/site/pack.html:{broken_line + 1}: template does not parse" in err
    assert "{% if %}" in err  # the offending line is shown
    assert "nothing written" in err
    assert _snapshot(project / "locales") == before  # neither ui.pot nor the changed seed's template
    assert main(["extract", "--check"]) == 1

    # update then has nothing new to merge: the ui strings keep their translations.
    assert main(["update"]) == 0
    assert len(read_po(config.pot_path("ui")).entries) == ui_entries
    assert not any(m.obsolete for m in read_po(config.po_path("be", "ui")).messages)

    with pytest.raises(RenderError, match=r"templates/site/pack\.html:\d+"):
        from pipeline.ui import extract_ui

        extract_ui(config)


def test_every_broken_template_and_seed_is_reported_at_once(project: Path) -> None:
    (project / "templates" / "site" / "chooser.html").write_text("{{ _('x') \n", encoding="utf-8")
    (project / "templates" / "pack.pdf.html").write_text("{% for %}\n", encoding="utf-8")
    seeds = sorted((project / "seeds").glob("*.txt"))
    seeds[0].write_bytes(b"\xff\xfe\x00 not text")
    report = stages.extract(load_config(project))
    where = sorted(str(e).split(":")[0] for e in report.errors)
    assert "templates/pack.pdf.html" in where and "templates/site/chooser.html" in where
    assert any(seeds[0].name in str(e) for e in report.errors)
    assert report.changes == ()


def test_update_keeps_going_past_a_broken_catalog(project: Path) -> None:
    config = load_config(project)
    broken = config.po_path("be", "ak-belarus-statement")
    broken.write_text(broken.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    report = stages.update(config)
    assert len(report.errors) == 1 and str(report.errors[0]).startswith(f"{broken}:")
    done = {c.path for c in report.changes}
    assert config.po_path("de", "ak-belarus-statement") in done and config.po_path("be", "ui") in done


STAGE_MODULES = ("catalog.py", "ui.py")
WRITERS = {"write_po", "atomic_write_bytes", "atomic_write_text", "write_if_changed", "write_text", "write_bytes"}
UPSTREAM = {"pipeline.ingest", "pipeline.segment", "pipeline.render", "pipeline.build", "pipeline.localize"}


@pytest.mark.parametrize("name", STAGE_MODULES)
def test_catalog_stages_are_pure(name: str) -> None:
    """catalog.py and ui.py write no file and call no other stage: only the orchestrator does."""
    tree = ast.parse((REPO / "pipeline" / name).read_text(encoding="utf-8"))
    calls = {node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
             for node in ast.walk(tree) if isinstance(node, ast.Call)}
    assert not calls & WRITERS, calls & WRITERS
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not imported & UPSTREAM, imported & UPSTREAM


def test_the_ui_domain_does_not_pull_in_the_renderer() -> None:
    code = "import sys, pipeline.ui; print('pipeline.render' in sys.modules, 'jinja2.sandbox' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO).stdout
    assert out.split()[0] == "False"
