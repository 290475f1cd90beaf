"""One schema layer for the unit's YAML files: typed fields declared once, errors in one style.

``fields.py`` declares the kinds of value (text, integer, boolean, date, choice, list of,
mapping of, nested record, each optional or required with a default and a custom check),
``record.py`` reads a mapping with them over a :class:`~pipeline.yamlutil.Located` document,
``issues.py`` is what comes out: an :class:`Issue` with line, column, field and a Chinese
sentence, rendered ``file:line:column: …`` and raised as :class:`SchemaError` (a
``ConfigError``) or turned into findings by the post model. docs/dev/schema.md explains it.
"""

from __future__ import annotations

from pipeline.schema.at import At, Invalid, field_name
from pipeline.schema.fields import (
    Boolean,
    Choice,
    Date,
    Field,
    Integer,
    Line,
    ListOf,
    MappingOf,
    Nested,
    Text,
    line_problem,
    parse_day,
    shown,
)
from pipeline.schema.issues import Issue, SchemaError, raise_errors, warnings_of
from pipeline.schema.record import Record, duplicates, read_document

__all__ = [
    "At",
    "Boolean",
    "Choice",
    "Date",
    "Field",
    "Integer",
    "Invalid",
    "Issue",
    "Line",
    "ListOf",
    "MappingOf",
    "Nested",
    "Record",
    "SchemaError",
    "Text",
    "duplicates",
    "field_name",
    "line_problem",
    "parse_day",
    "raise_errors",
    "read_document",
    "shown",
    "warnings_of",
]
