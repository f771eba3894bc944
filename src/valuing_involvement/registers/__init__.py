"""Registers in spreadsheets: groups and agreements as CSV files or one XLSX workbook.

Commissioners keep their registers in spreadsheets, so the library reads and writes them: a
groups sheet, an agreements sheet and, optionally, a portfolio sheet (one row: the commissioner,
strategy, involvement, population and indirect funding), as CSV files of any name or the sheets
of one workbook; a sheet's kind comes from its columns.  Writing a workbook needs the optional
extra ``xlsx`` (openpyxl); reading one needs nothing.

The columns are derived from the models' JSON Schemas, so a field added to a model gets its
column without any change here, and are titled in plain English from one table
(``_titles``); the reader takes a title or the dotted name:

* a nested object's fields are dotted columns: ``period.start``, ``decision_body.kind``;
* a list of enum values is one cell, the values separated by ``"; "``: ``money; policy``;
* a list of objects or of free text is numbered columns, from 1: ``Member 1: roles``
  (``decision_body.members.1.roles``), ``Aim 2`` (``aims.2``); add more when three are not
  enough;
* an empty cell means "not stated": the field's default, or ``null``;
  ``(none)`` is an empty list where an empty cell would mean ``null`` (a group's
  ``infrastructure``, an agreement's ``support`` and ``terms``);
* ``yes`` and ``no`` for yes/no columns, ``01/04/2008`` or ``2008-04-01`` for dates,
  ``£12,000`` or ``12000`` for money (the reader forgives more: see ``_cells``);
* a committee may instead be given as counts of each kind of seat (``_layouts``).

The package's modules: ``_schema`` (columns), ``_titles`` (titles), ``_cells`` (one cell),
``_layouts`` (the counts layout), ``_csv`` and ``_xlsx`` (reading within limits), ``_read``
(rows into models), ``_write`` (writing and the template), ``_model`` (the results).

An agreement names its group by ``group_reference`` (a register holds groups once, on their own
sheet), so agreements that embed their group cannot be written.  Writing and reading back gives
equal models.

>>> import tempfile
>>> from valuing_involvement import example_portfolio
>>> folder = tempfile.mkdtemp()
>>> written = write_register(example_portfolio(), folder)
>>> sorted(path.name for path in written)
['agreements.csv', 'groups.csv', 'portfolio.csv']
>>> read_register(folder).portfolio == example_portfolio()
True
"""

from __future__ import annotations

from valuing_involvement.registers._model import InvalidRegister, Register
from valuing_involvement.registers._read import DEFAULT_MAX_INPUT, read_register
from valuing_involvement.registers._schema import SHEETS
from valuing_involvement.registers._write import LAYOUTS, template, write_register

__all__ = [
    "DEFAULT_MAX_INPUT",
    "LAYOUTS",
    "SHEETS",
    "InvalidRegister",
    "Register",
    "read_register",
    "template",
    "write_register",
]
