"""kumu: a Kumu map, a JSON blueprint or Kumu's workbook layout (``Elements`` sheet).

Read by :mod:`cosgraph.loaders.kumu`, written (as a JSON blueprint) by
:func:`cosgraph.exports.write_kumu`.  Told apart from other ``.json`` and ``.xlsx``
files by what they hold: Kumu's ``elements``.
"""

from __future__ import annotations

from pathlib import Path

from cosgraph.exports import write_kumu
from cosgraph.formats.format import Format, whole_file
from cosgraph.loaders.kumu import is_kumu_json, read_kumu_json, read_kumu_workbook
from cosgraph.loaders.rows import normalise_header
from cosgraph.loaders.shape import TieShape
from cosgraph.loaders.tables import workbook_sheet_names
from cosgraph.model import CommunityMap


def _is_kumu(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "elements" in {normalise_header(n) for n in workbook_sheet_names(path)}
    return suffix == ".json" and is_kumu_json(path)


def _read_kumu(path: Path, shape: TieShape | None) -> CommunityMap:
    reader = read_kumu_workbook if path.suffix.lower() == ".xlsx" else read_kumu_json
    cmap: CommunityMap = reader(path, shape)
    return cmap


FORMAT = Format(
    name="kumu",
    suffixes=(".json", ".xlsx"),
    sniff=_is_kumu,
    read=whole_file(_read_kumu),
    write=write_kumu,
    title="a Kumu blueprint (JSON) or Kumu's workbook layout",
    loses=("a node without a name comes back named by its id: Kumu labels every element",),
)
