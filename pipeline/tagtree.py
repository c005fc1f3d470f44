"""The PDF/UA tag tree post-pass: the only module that imports pikepdf.

WeasyPrint 70 tags the boxes it lays out, page by page.  :func:`finish_tag_tree` turns that
into the tree a screen reader can use, working on the bytes :mod:`pipeline.pdf` rendered:

* marked content that no reachable structure element owns (WeasyPrint builds elements for the
  running heads and folios of the page margins and then leaves them out of the tree) becomes
  ``/Artifact`` of type ``/Pagination``, and leaves the parent tree;
* elements cut by a page turn are joined: one ``Art`` per article, one ``P`` per paragraph,
  one ``LI`` per item (WeasyPrint's tagger, wrapped in :mod:`pipeline.pdf`, writes the
  identity of the HTML element on each element as the private key ``/PipelineKey``);
* lists are ``L`` / ``LI`` / ``Lbl`` / ``LBody``: an item's label is its ``Lbl`` and the rest
  its ``LBody``; a description list pairs each ``dt`` (``Lbl``) with its ``dd`` (``LBody``);
* a ``Link`` owns its annotations and its marked content directly (no nested ``Link`` or
  ``Span``) and is described by its visible text: ``/Alt`` on the element and ``/Contents``
  on every annotation, "Title, page N" for a link inside the pack (the pattern, localized,
  comes from the ``data-link-label`` attribute of the ``<a>``);
* ``/Lang`` stays only where it differs from the language the element inherits;
* the ``/ActualText`` that :mod:`pipeline.pdf` puts on a marked-content span ending in an
  inserted hyphen is copied to the span's structure element;
* the catalog opens the bookmarks panel (``/PageMode /UseOutlines``).

The private keys are removed; the output is saved with a deterministic ``/ID``, so the same
input gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Iterator

import pikepdf
from pikepdf import Array, Dictionary, Name, Object

PRIVATE = ("/PipelineKey", "/PipelineTag", "/PipelineText", "/PipelineLabel")
DEFAULT_LINK_LABEL = "%(title)s, page %(page)s"

ObjGen = tuple[int, int]


def _is_elem(obj: object) -> bool:
    """A structure element (marked-content and object references have no ``/S``)."""
    return isinstance(obj, Dictionary) and "/S" in obj


# A marked-content sequence as pydyf writes it: /Tag <</MCID n [/ActualText string]>> BDC
_MARKED = re.compile(
    rb"/(\w+)\s*<<\s*/MCID\s+(\d+)\s*(?:/ActualText\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)\s*)?>>\s*BDC"
)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _pdf_string(token: bytes) -> pikepdf.String:
    """A PDF string token (``(literal)`` or ``<hex>``) as a pikepdf string of the same bytes."""
    if token.startswith(b"<"):
        return pikepdf.String(bytes.fromhex(re.sub(rb"\s", b"", token[1:-1]).decode("ascii")))
    body = re.sub(rb"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), token[1:-1])
    return pikepdf.String(body)


def _kids(elem: Object) -> list[Object]:
    k = elem.get("/K")
    if k is None:
        return []
    if isinstance(k, Array):
        return list(k)
    return [k]


def _text(obj: Object | None) -> str | None:
    return None if obj is None else str(obj)


def link_label(pattern: str, title: str, page: int | None) -> str:
    """``pattern`` with its ``%(title)s`` and ``%(page)s`` filled in (never %-formatted)."""
    if page is None:
        return title
    if "%(title)s" not in pattern or "%(page)s" not in pattern:
        pattern = DEFAULT_LINK_LABEL
    return pattern.replace("%(title)s", title).replace("%(page)s", str(page))


class _Tree:
    """The structure tree of one PDF, with who owns each piece of marked content."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.root = pdf.Root.StructTreeRoot
        self.pages = list(pdf.pages)
        self.page_of: dict[ObjGen, int] = {p.obj.objgen: i for i, p in enumerate(self.pages)}
        self.struct_parents: dict[int, int] = {}  # page index -> its /StructParents key
        # (page index, MCID) -> owning element; annotation objgen -> (its key, owning element)
        self.owner: dict[tuple[int, int], Object] = {}
        self.annot_owner: dict[ObjGen, tuple[int, Object]] = {}
        self.annots: dict[ObjGen, Object] = {}
        nums = self.root.ParentTree.get("/Nums", Array())
        by_key = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
        for index, page in enumerate(self.pages):
            key = page.obj.get("/StructParents")
            if key is None:
                continue
            self.struct_parents[index] = int(key)
            for mcid, elem in enumerate(by_key.get(int(key), Array())):
                if isinstance(elem, Dictionary):
                    self.owner[(index, mcid)] = elem
            for annot in page.obj.get("/Annots", Array()):
                if "/StructParent" in annot and int(annot.StructParent) in by_key:
                    self.annot_owner[annot.objgen] = (int(annot.StructParent), by_key[int(annot.StructParent)])
                    self.annots[annot.objgen] = annot
        # Reverse index: element objgen -> the MCIDs and annotations it owns.
        self.mcids_of: dict[ObjGen, list[tuple[int, int]]] = defaultdict(list)
        for where, owner in self.owner.items():
            self.mcids_of[owner.objgen].append(where)
        self.annots_of: dict[ObjGen, list[ObjGen]] = defaultdict(list)
        for annot_id, (_, annot_elem) in self.annot_owner.items():
            self.annots_of[annot_elem.objgen].append(annot_id)

    # --- walking ------------------------------------------------------------------------------

    def top(self) -> list[Object]:
        return [k for k in _kids(self.root) if _is_elem(k)]

    def walk(self, elem: Object | None = None) -> Iterator[Object]:
        """Every element under ``elem`` (default: the whole tree), parents first."""
        stack = list(reversed(self.top())) if elem is None else [elem]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed([k for k in _kids(node) if _is_elem(k)]))

    def page_index(self, obj: Object) -> int | None:
        pg = obj.get("/Pg")
        return None if pg is None else self.page_of.get(pg.objgen)

    # --- moving content between elements ------------------------------------------------------

    def _reown(self, old: Object, new: Object) -> None:
        for where in self.mcids_of.pop(old.objgen, []):
            self.owner[where] = new
            self.mcids_of[new.objgen].append(where)
        for annot in self.annots_of.pop(old.objgen, []):
            key, _ = self.annot_owner[annot]
            self.annot_owner[annot] = (key, new)
            self.annots_of[new.objgen].append(annot)

    def _move_kid(self, kid: Object, source: Object, target: Object) -> Object:
        """``kid`` of ``source``, made fit to be a kid of ``target`` (and its content owned by it)."""
        if isinstance(kid, int):
            page = self.page_index(source)
            if page is None:
                raise ValueError("marked-content kid of an element without /Pg")
            if self.owner.get((page, int(kid))) is not None and self.owner[(page, int(kid))].objgen == source.objgen:
                self._set_owner((page, int(kid)), source, target)
            if self.page_index(target) == page:
                return kid
            return Dictionary(Type=Name.MCR, Pg=self.pages[page].obj, MCID=int(kid))
        if isinstance(kid, Dictionary) and kid.get("/Type") == "/MCR":
            page = self.page_index(kid)
            if page is not None:
                self._set_owner((page, int(kid.MCID)), source, target)
            return kid
        if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
            annot = kid.Obj.objgen
            if annot in self.annot_owner:
                key, _ = self.annot_owner[annot]
                self.annot_owner[annot] = (key, target)
                if annot in self.annots_of.get(source.objgen, []):
                    self.annots_of[source.objgen].remove(annot)
                self.annots_of[target.objgen].append(annot)
            return kid
        if _is_elem(kid):
            kid.P = target
        return kid

    def _set_owner(self, where: tuple[int, int], source: Object, target: Object) -> None:
        self.owner[where] = target
        if where in self.mcids_of.get(source.objgen, []):
            self.mcids_of[source.objgen].remove(where)
        self.mcids_of[target.objgen].append(where)

    def new_elem(self, tag: str, parent: Object, like: Object) -> Object:
        elem = Dictionary(Type=Name.StructElem, S=Name(tag), P=parent, K=Array())
        if "/Pg" in like:
            elem.Pg = like.Pg
        return self.pdf.make_indirect(elem)

    def adopt(self, target: Object, kids: list[tuple[Object, Object]]) -> None:
        """Append ``kids`` (each with the element it comes from) to ``target``'s kids."""
        moved = [self._move_kid(kid, source, target) for kid, source in kids]
        target.K = Array(_kids(target) + moved)

    # --- the passes -----------------------------------------------------------------------------

    def reachable(self) -> set[ObjGen]:
        return {elem.objgen for elem in self.walk()}

    def artifacts(self) -> int:
        """Marked content owned by no element of the tree becomes a pagination artifact.

        WeasyPrint 70 (through pydyf) writes each marked-content sequence as
        ``/Tag <</MCID n ...>> BDC``; the streams are rewritten at that level, which is 5-10
        times faster than parsing every operator (the audit checks nothing is left unowned).
        """
        reachable = self.reachable()
        by_page: dict[int, set[int]] = defaultdict(set)
        for (page_index, mcid), elem in self.owner.items():
            if elem.objgen not in reachable:
                by_page[page_index].add(mcid)
        count = 0
        for index, page in enumerate(self.pages):
            if index not in self.struct_parents:
                continue
            orphans = by_page.get(index, set())
            contents = page.obj.get("/Contents")
            if contents is None or isinstance(contents, Array):
                streams = list(contents or [])
            else:
                streams = [contents]
            for stream in streams:
                data = stream.read_bytes()
                if b"BDC" not in data:
                    continue

                def replace(m: re.Match[bytes]) -> bytes:
                    nonlocal count
                    mcid = int(m.group(2))
                    if mcid in orphans:
                        count += 1
                        return b"/Artifact <</Type /Pagination>> BDC"
                    actual = m.group(3)
                    if actual is not None:
                        span = self.owner.get((index, mcid))
                        if span is not None and span.get("/S") != "/Link":
                            span.ActualText = _pdf_string(actual)
                    return m.group(0)

                new = _MARKED.sub(replace, data)
                if new != data:
                    stream.write(new)
            for orphan in orphans:
                gone = self.owner.pop((index, orphan))
                if (index, orphan) in self.mcids_of.get(gone.objgen, []):
                    self.mcids_of[gone.objgen].remove((index, orphan))
        return count

    def join_split(self, elem: Object) -> None:
        """Join consecutive kids that are pieces of one HTML element (cut by a page turn)."""
        out: list[Object] = []
        for kid in _kids(elem):
            prev = out[-1] if out else None
            key = kid.get("/PipelineKey") if _is_elem(kid) else None
            if key is not None and prev is not None and _is_elem(prev) and prev.get("/PipelineKey") == key:
                self.adopt(prev, [(k, kid) for k in _kids(kid)])
                self._reown(kid, prev)
                continue
            out.append(kid)
        if len(out) != len(_kids(elem)):
            elem.K = Array(out)
        for kid in out:
            if _is_elem(kid):
                self.join_split(kid)

    def lists(self) -> None:
        for elem in list(self.walk()):
            if elem.get("/S") != "/L":
                continue
            if _text(elem.get("/PipelineTag")) == "dl":
                self._description_list(elem)
            else:
                for item in _kids(elem):
                    if _is_elem(item) and item.get("/S") == "/LI":
                        self._list_item(item)

    def _list_item(self, item: Object) -> None:
        kids = _kids(item)
        labels = [k for k in kids if _is_elem(k) and k.get("/S") == "/Lbl"]
        rest = [k for k in kids if not (_is_elem(k) and k.get("/S") == "/Lbl")]
        if len(rest) == 1 and _is_elem(rest[0]) and rest[0].get("/S") == "/LBody":
            return
        if not rest:
            return
        body = self.new_elem("/LBody", item, item)
        # The content of an LBody already there goes in directly: one body per item.
        flat: list[tuple[Object, Object]] = []
        for kid in rest:
            if _is_elem(kid) and kid.get("/S") == "/LBody":
                flat += [(k, kid) for k in _kids(kid)]
                self._reown(kid, body)
            else:
                flat.append((kid, item))
        self.adopt(body, flat)
        item.K = Array(labels + [body])

    def _description_list(self, dl: Object) -> None:
        items: list[Object] = []
        current: Object | None = None
        others: list[Object] = []
        for kid in _kids(dl):
            tag = _text(kid.get("/PipelineTag")) if _is_elem(kid) else None
            if tag not in ("dt", "dd"):
                others.append(kid)
                continue
            inner = [k for k in _kids(kid) if _is_elem(k) and k.get("/S") == "/LBody"] or [kid]
            lang = kid.get("/Lang")
            if tag == "dt" or current is None:
                current = self.new_elem("/LI", dl, kid)
                items.append(current)
            if tag == "dt":
                label = self.new_elem("/Lbl", current, inner[0])
                self.adopt(label, [(k, i) for i in inner for k in _kids(i)])
                for i in inner:
                    self._reown(i, label)
                if lang is not None:
                    label.Lang = lang
                current.K = Array(_kids(current) + [label])
            else:
                bodies = [k for k in _kids(current) if k.get("/S") == "/LBody"]
                if bodies:
                    body = bodies[0]
                else:
                    body = self.new_elem("/LBody", current, inner[0])
                    current.K = Array(_kids(current) + [body])
                    if lang is not None:
                        body.Lang = lang
                self.adopt(body, [(k, i) for i in inner for k in _kids(i)])
                for i in inner:
                    self._reown(i, body)
            self._reown(kid, current)
        dl.K = Array(items + others)

    def links(self, dests: dict[str, int]) -> int:
        """Flatten every ``Link`` and describe it by its visible text; returns how many."""
        count = 0
        for elem in list(self.walk()):
            if elem.get("/S") != "/Link" or elem.get("/PipelineTag") is None:
                continue
            if _text(elem.get("/PipelineTag")) != "a":
                continue
            parent = elem.get("/P")
            if parent is not None and any(
                a.get("/S") == "/Link" and _text(a.get("/PipelineTag")) == "a" for a in self._ancestors(elem)
            ):
                continue
            count += 1
            content: list[tuple[Object, Object]] = []
            objrs: dict[ObjGen, Object] = {}

            def gather(node: Object) -> None:
                for kid in _kids(node):
                    if _is_elem(kid):
                        gather(kid)
                        self._reown(kid, elem)
                    elif isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                        objrs.setdefault(kid.Obj.objgen, kid)
                        content.append((kid, node))
                    else:
                        content.append((kid, node))

            gather(elem)
            seen: set[ObjGen] = set()
            kept: list[tuple[Object, Object]] = []
            for kid, source in content:
                if isinstance(kid, Dictionary) and kid.get("/Type") == "/OBJR":
                    if kid.Obj.objgen in seen:
                        continue
                    seen.add(kid.Obj.objgen)
                kept.append((kid, source))
            elem.K = Array()
            self.adopt(elem, kept)
            title = " ".join(str(elem.get("/PipelineText", "")).split())
            pattern = str(elem.get("/PipelineLabel", DEFAULT_LINK_LABEL))
            page = None
            for objr in objrs.values():
                dest = objr.Obj.get("/Dest")
                if dest is not None and not isinstance(dest, Array):
                    page = dests.get(str(dest))
                elif isinstance(dest, Array) and len(dest):
                    page = self.page_of.get(dest[0].objgen)
                    page = None if page is None else page + 1
            label = link_label(pattern, title, page) if title else None
            if label:
                elem.Alt = pikepdf.String(label)
                for objr in objrs.values():
                    objr.Obj.Contents = pikepdf.String(label)
        return count

    def _ancestors(self, elem: Object) -> Iterator[Object]:
        node = elem.get("/P")
        while node is not None and _is_elem(node):
            yield node
            node = node.get("/P")

    def finish_elements(self, lang: str) -> None:
        """Drop each ``/Lang`` equal to the inherited language, and the private keys."""
        stack = [(k, lang) for k in self.top()]
        while stack:
            elem, inherited = stack.pop()
            own = elem.get("/Lang")
            if own is not None and str(own).lower() == inherited.lower():
                del elem["/Lang"]
                own = None
            here = str(own) if own is not None else inherited
            for key in PRIVATE:
                if key in elem:
                    del elem[key]
            stack.extend((k, here) for k in _kids(elem) if _is_elem(k))

    def parent_tree(self) -> None:
        """Write the parent tree anew from who owns what now."""
        nums = Array()
        entries: dict[int, Object] = {}
        by_page: dict[int, dict[int, Object]] = defaultdict(dict)
        for (page, mcid), elem in self.owner.items():
            by_page[page][mcid] = elem
        for index, key in self.struct_parents.items():
            owned = by_page.get(index, {})
            size = max(owned) + 1 if owned else 0
            entries[key] = Array([owned.get(m, None) for m in range(size)])
        for _, (key, elem) in self.annot_owner.items():
            entries[key] = elem
        for key in sorted(entries):
            nums.append(key)
            nums.append(entries[key])
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=nums))
        self.root.ParentTreeNextKey = (max(entries) + 1) if entries else 0


def _destinations(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Named destinations -> the (1-based) number of the page they point at."""
    pages = {p.obj.objgen: i + 1 for i, p in enumerate(pdf.pages)}
    out: dict[str, int] = {}
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return out
    for name, value in pikepdf.NameTree(names.Dests).items():
        dest = value.get("/D") if isinstance(value, Dictionary) else value
        if isinstance(dest, Array) and len(dest) and isinstance(dest[0], Dictionary):
            page = pages.get(dest[0].objgen)
            if page is not None:
                out[str(name)] = page
    return out


def finish_tag_tree(data: bytes) -> bytes:
    """The PDF ``data`` (as WeasyPrint 70 tags it) with the tag tree finished (module docstring)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            return data
        tree = _Tree(pdf)
        tree.artifacts()
        for top in tree.top():
            tree.join_split(top)
        tree.lists()
        tree.links(_destinations(pdf))
        tree.finish_elements(str(pdf.Root.get("/Lang", "")))
        tree.parent_tree()
        pdf.Root.PageMode = Name.UseOutlines
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


__all__ = ["DEFAULT_LINK_LABEL", "finish_tag_tree", "link_label"]
