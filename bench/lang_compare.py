"""Compare the pinned plural data of pipeline/data/lang/ with Babel's, GNU gettext's and
translate-toolkit's, language by language.

    .venv/bin/python bench/lang_compare.py              # every data file, and cs uk lt (no file)
    .venv/bin/python bench/lang_compare.py pl fr ga     # these
    .venv/bin/python bench/lang_compare.py --json

For each language it prints nplurals and whether each peer's rule gives the same form as ours
for every n in 0..N (``--upto``, default 10 000; the expressions are evaluated as gettext does,
with ``gettext.c2py``), and whether the Plural-Forms string is the same text.  GNU gettext's is
what ``msginit --no-translator -l <code>`` writes (skipped if msginit is not installed).  A rule
that agrees in value but not in text is fine for catalogs (msgfmt evaluates it), but the text is
what a header carries, which is why ours is pinned: a Babel upgrade must not churn headers.
Exit status 1 if a peer disagrees with ours in value for a language that has a data file.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.lang import data_codes, language  # noqa: E402

Rule = Callable[[int], int]


def _compile(forms: str | None) -> tuple[int, Rule] | None:
    if not forms:
        return None
    n = re.search(r"nplurals\s*=\s*(\d+)", forms)
    expr = re.search(r"plural\s*=\s*(.+?);?\s*$", forms.strip())
    if not n or not expr:
        return None
    try:
        return int(n.group(1)), gettext.c2py(expr.group(1))
    except (ValueError, SyntaxError):
        return None


def babel_forms(code: str) -> str | None:
    from babel.messages.plurals import get_plural

    try:
        forms: str = get_plural(code).plural_forms
        return forms
    except (ValueError, LookupError):
        return None


def msginit_forms(code: str) -> str | None:
    if shutil.which("msginit") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "x.pot"
        pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
        done = subprocess.run(["msginit", "--no-translator", "-l", code, "-i", str(pot), "-o", "-"],
                              capture_output=True, text=True, cwd=tmp)
        joined = "".join(re.findall(r'^"(.*)"$', done.stdout, re.M)).replace("\\n", "\n")
        found = re.search(r"^Plural-Forms:\s*(.+)$", joined, re.M)
        return found.group(1).strip() if found else None


def toolkit_forms(code: str) -> str | None:
    try:
        from translate.lang import data
    except ImportError:
        return None
    entry = data.languages.get(code)
    if not entry:
        return None
    return f"nplurals={entry[1]}; plural={entry[2]};"


PEERS: dict[str, Callable[[str], str | None]] = {
    "babel": babel_forms,
    "msginit": msginit_forms,
    "translate-toolkit": toolkit_forms,
}


def compare(code: str, upto: int) -> dict[str, object]:
    ours = language(code)
    mine = _compile(ours.plural_forms)
    assert mine is not None, ours.plural_forms
    row: dict[str, object] = {"lang": code, "data_file": bool(ours.data_file), "nplurals": ours.nplurals,
                              "forms": ours.plural_forms}
    for name, get in PEERS.items():
        forms = get(code)
        theirs = _compile(forms)
        if theirs is None:
            row[name] = {"forms": forms, "available": False}
            continue
        n, rule = theirs
        differ = [k for k in range(upto + 1) if rule(k) != mine[1](k)]
        row[name] = {
            "forms": forms, "available": True, "nplurals": n, "same_nplurals": n == mine[0],
            "same_values": not differ and n == mine[0], "first_difference": differ[0] if differ else None,
            "same_text": forms == ours.plural_forms,
        }
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codes", nargs="*", help="language codes (default: every data file, and cs uk lt)")
    parser.add_argument("--upto", type=int, default=10000, help="compare the rules for n = 0..UPTO")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    codes = args.codes or [*data_codes(), *(c for c in ("cs", "uk", "lt") if c not in data_codes())]
    rows = [compare(code, args.upto) for code in codes]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        print(f"plural forms, ours (pipeline/data/lang, else Babel) against each peer, n = 0..{args.upto}")
        print(f"{'lang':<5} {'file':<5} {'n':>2}  " + "  ".join(f"{p:<26}" for p in PEERS))
        for row in rows:
            cells = []
            for peer in PEERS:
                info = row[peer]
                assert isinstance(info, dict)
                if not info["available"]:
                    cells.append("n/a")
                elif info["same_values"]:
                    cells.append("agrees" + (", same text" if info["same_text"] else ", other text"))
                else:
                    cells.append(f"DIFFERS (nplurals {info['nplurals']}, n={info['first_difference']})")
            print(f"{row['lang']:<5} {'yes' if row['data_file'] else 'no':<5} {row['nplurals']:>2}  "
                  + "  ".join(f"{c:<26}" for c in cells))
        for peer in PEERS:
            seen = [r[peer] for r in rows if isinstance(r[peer], dict) and r[peer]["available"]]  # type: ignore[index]
            agree = sum(1 for info in seen if isinstance(info, dict) and info["same_values"])
            text = sum(1 for info in seen if isinstance(info, dict) and info["same_text"])
            print(f"{peer}: agrees in value on {agree}/{len(seen)} languages, in text on {text}/{len(seen)}"
                  + (f" ({len(rows) - len(seen)} not available)" if len(seen) < len(rows) else ""))
    bad = [r["lang"] for r in rows if r["data_file"] and any(
        isinstance(r[p], dict) and r[p]["available"] and not r[p]["same_values"] for p in PEERS)]  # type: ignore[index]
    if bad:
        print(f"disagreement on a pinned language: {', '.join(map(str, bad))}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
