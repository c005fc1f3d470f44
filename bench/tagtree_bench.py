"""Cost of the tag-tree post-pass (pipeline/tagtree.py) beside WeasyPrint's own rendering.

    .venv/bin/python bench/tagtree_bench.py [--runs 3] [--json out.json]

For every (pack, language) of the project, the final HTML the build gives WeasyPrint is
rendered by WeasyPrint alone (the same options, fetcher and templates as pipeline/pdf.py, with
WeasyPrint's own tags), then :func:`pipeline.tagtree.finish_tag_tree` is run on those bytes.
Each figure is the median of --runs runs; the ratio is (WeasyPrint + post-pass) / WeasyPrint.
The whole build against WeasyPrint alone is bench/build_bench.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    import weasyprint  # type: ignore[import-untyped]

    from build_bench import _final_html  # type: ignore[import-not-found]
    from pipeline.pdf import PDF_VARIANT, TemplateFetcher
    from pipeline.tagtree import finish_tag_tree

    templates = ROOT / "templates"
    rows = []
    with tempfile.TemporaryDirectory(prefix="tagtree-bench-") as tmp:
        for html_file in _final_html(Path(tmp) / "dist", Path(tmp)):
            html = html_file.read_text(encoding="utf-8")
            renders, passes = [], []
            data = b""
            for _ in range(args.runs):
                t0 = time.perf_counter()
                data = weasyprint.HTML(
                    string=html, base_url=templates.resolve().as_uri() + "/", url_fetcher=TemplateFetcher(templates)
                ).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
                renders.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                finish_tag_tree(data)
                passes.append(time.perf_counter() - t0)
            render, post = statistics.median(renders), statistics.median(passes)
            rows.append({"pdf": html_file.stem, "weasyprint_s": round(render, 3), "post_pass_s": round(post, 3),
                         "ratio": round((render + post) / render, 3), "bytes": len(data)})
            print(f"{html_file.stem}: WeasyPrint {render:.2f}s  post-pass {post:.3f}s  ratio {(render + post) / render:.3f}",
                  file=sys.stderr)
    total_render = sum(r["weasyprint_s"] for r in rows)
    total_post = sum(r["post_pass_s"] for r in rows)
    result = {"runs": args.runs, "pdfs": rows, "weasyprint_s": round(total_render, 3),
              "post_pass_s": round(total_post, 3), "ratio": round((total_render + total_post) / total_render, 3)}
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
