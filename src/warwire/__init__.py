"""warwire: war and conflict news in, a sourced, geocoded, queryable event database out.

    >>> import warwire
    >>> report = warwire.extract("Russian drones struck Kharkiv on Tuesday ...", published="2024-05-08")
    >>> [(e.type, e.subtype) for e in report.events]
    >>> store = warwire.Store()            # SQLite in the user data dir, or Store("postgresql://...")
    >>> store.add(report); store.events(warwire.Filters(place="Kharkiv"))
"""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# Public names, imported on first use so that `import warwire` (and `warwire --version`) stays light.
_PUBLIC = {
    "extract": "report",
    "extract_many": "report",
    "read_articles": "ingest",
    "make_article": "ingest",
    "Store": "store",
    "Filters": "store",
    "export": "export",
    "Report": "models",
    "Article": "models",
    "WarwireError": "errors",
    "InputError": "errors",
}

__all__ = [
    "Article",
    "Filters",
    "InputError",
    "Report",
    "Store",
    "WarwireError",
    "__version__",
    "export",
    "extract",
    "extract_many",
    "make_article",
    "read_articles",
]


def __getattr__(name: str):
    if name in _PUBLIC:
        import importlib

        return getattr(importlib.import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module 'warwire' has no attribute {name!r}")
