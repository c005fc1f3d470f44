"""Exchange with CAT tools and reviewers: XLIFF 1.2, TMX 1.4, and applying edited targets back.

* :mod:`pipeline.exchange.apply` — the one safeguarded way to put externally edited
  translations into the current catalogs (shared by every importer: XLIFF, the reviewer's
  table);
* :mod:`pipeline.exchange.xliff` — XLIFF 1.2 writer and reader;
* :mod:`pipeline.exchange.tmx` — TMX 1.4 writer and reader (a language's translation memory);
* :mod:`pipeline.exchange.project` — which catalogs and files, the registry of formats;
* :mod:`pipeline.exchange.xmlio` — XML escaping and a strict, safe parser (the only user of lxml
  here).
"""
