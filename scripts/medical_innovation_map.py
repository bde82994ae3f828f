"""Draw the Medical Innovation spread map used in the README.

    python scripts/medical_innovation_map.py ../shared/data/medical_innovation out.html

The physicians carry no consent column, so they count as ``coalition`` (the default);
the map is drawn for a coalition audience and labels them by their survey ids.
"""

from __future__ import annotations

import sys
from pathlib import Path

from cosgraph.loaders import read_network
from cosgraph.visualizations import write_map

from cosgraph.analysis.spread import adoption_from_network


def main(data: Path, out: Path) -> Path:
    cmap = read_network(
        data / "physicians.csv",
        data / "ties.csv",
        id_column="physician_id",
        from_column="from_physician",
        to_column="to_physician",
    )
    G = cmap.to_graph()
    adoption = adoption_from_network(G, "city", "adoption_month", "relation")
    written: Path = write_map(
        G,
        out,
        "spread",
        audience="coalition",
        adoption=adoption,
        title="Medical Innovation: tetracycline across four cities",
    )
    return written


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), Path(sys.argv[2])))
