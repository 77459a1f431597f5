"""warwire: war and conflict news in, a sourced, geocoded, queryable event database out."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
