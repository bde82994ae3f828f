"""gexf: GEXF 1.2 for Gephi, written by :func:`cosgraph.exports.write_gexf` (write only).

Names are node labels and tie types edge labels, as Gephi shows them.  cosgraph does
not read GEXF back; load GraphML or JSON to round-trip a map.
"""

from __future__ import annotations

from cosgraph.exports import write_gexf
from cosgraph.formats.format import Format

FORMAT = Format(
    name="gexf",
    suffixes=(".gexf",),
    sniff=None,
    read=None,
    write=write_gexf,
    title="GEXF 1.2 for Gephi (names as labels)",
)
