"""Exchange with CAT tools and reviewers: XLIFF 1.2, TMX 1.4, and applying edited targets back.

* :mod:`pipeline.exchange.apply` — the one safeguarded way to put externally edited
  translations into the current catalogs (shared by every importer);
* :mod:`pipeline.exchange.xliff` — XLIFF 1.2 writer and reader;
* :mod:`pipeline.exchange.tmx` — TMX 1.4 writer and reader (a language's translation memory).
"""
