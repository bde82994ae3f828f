"""Palettes, shapes and sizes: how a node's data becomes colour, shape and size.

Colours come from one categorical palette (Okabe–Ito plus Tableau, readable by
people with the common colour-vision deficiencies first) and one sequential ramp
for numbers.  Every function here is pure and returns plain data.

>>> scale = color_scale({"a": "clinic", "b": "school", "c": "clinic"})
>>> [(entry.label, entry.count) for entry in scale.entries]
[('clinic', 2), ('school', 1)]
>>> scale.category["a"] == scale.category["c"] == 0
True
>>> binned = color_scale({str(i): float(i) for i in range(20)})
>>> [entry.label for entry in binned.entries]
['0 – 3.8', '3.8 – 7.6', '7.6 – 11.4', '11.4 – 15.2', '15.2 – 19']
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "CATEGORICAL",
    "SEQUENTIAL",
    "MISSING_COLOR",
    "ANONYMOUS_COLOR",
    "KIND_SHAPES",
    "ScaleEntry",
    "ColorScale",
    "color_scale",
    "shape_for",
    "node_sizes",
    "readable",
    "MARKS",
]

#: Okabe–Ito first, then Tableau 10 and a few more distinct hues.
CATEGORICAL = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#7F3C8D",
    "#4E79A7",
    "#59A14F",
    "#B07AA1",
    "#9C755F",
)
#: Light to dark blue-green, for numbers and periods.
SEQUENTIAL = ("#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154")
#: Nodes without a value for the colour attribute.
MISSING_COLOR = "#c7c7c7"
#: People shown as an anonymous placeholder when colour would reveal their data.
ANONYMOUS_COLOR = "#8c8c8c"

#: vis-network shapes whose size follows ``value``; one per node kind.
KIND_SHAPES: dict[str, str] = {
    "person": "dot",
    "organization": "square",
    "asset": "diamond",
    "lever": "triangle",
    "community": "hexagon",
    "peer_team": "star",
    "bright_spot": "triangleDown",
    "domain": "square",
    "skill": "diamond",
    "behavior": "dot",
}

#: Marks the page draws around a node, besides its colour, and what the legend says.
#: Lived experience is a tripod role (a placeholder may show it); brokers are
#: structural; levers are always named.
MARKS: dict[str, str] = {
    "lived_experience": "resident with lived experience (dark ring)",
    "broker": "broker between groups (dashed ring)",
    "lever": "lever (always named)",
}

#: Colour attributes with more distinct values than this are grouped: the rarest
#: values share one "other" entry, so the legend stays readable.
MAX_CATEGORIES = len(CATEGORICAL)
#: Numbers with more distinct values than this are binned into ``NUMBER_BINS`` ranges.
MAX_DISTINCT_NUMBERS = 10
NUMBER_BINS = 5


@dataclass(frozen=True)
class ScaleEntry:
    """One legend line: a colour and what it means."""

    label: str
    color: str
    count: int


@dataclass
class ColorScale:
    """Colours for one attribute: ``category`` maps node id to an index into ``entries``."""

    entries: list[ScaleEntry] = field(default_factory=list)
    category: dict[str, int] = field(default_factory=dict)

    def color_of(self, node: str) -> str:
        return self.entries[self.category[node]].color


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def readable(value: Any) -> str:
    """A value as a user reads it: ``health_care`` → ``health care``, lists joined.

    >>> readable("health_care"), readable(["faith", "business"]), readable(2.0), readable(True)
    ('health care', 'faith, business', '2', 'yes')
    """
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(readable(v) for v in value)
    return str(value).replace("_", " ")


def color_scale(
    values: Mapping[str, Any],
    *,
    order: list[Any] | None = None,
    sequential: bool = False,
    missing_label: str = "none",
    fixed: Mapping[Any, str] | None = None,
) -> ColorScale:
    """Colour each node by its value; ``None`` is "none" in grey.

    Numbers with many distinct values are binned into equal-width ranges on the
    sequential ramp; other values are categories, most frequent first (or in
    ``order`` when given, e.g. the enum order of tripod roles).  ``sequential``
    puts categories (such as adoption periods) on the ramp instead of the palette;
    ``fixed`` pins colours that carry meaning (a shortfall in red).
    """
    present = {n: v for n, v in values.items() if v is not None}
    missing = [n for n, v in values.items() if v is None]
    scale = ColorScale()
    distinct = set(present.values())
    if present and all(_is_number(v) for v in distinct) and len(distinct) > MAX_DISTINCT_NUMBERS:
        _bin_numbers(scale, present)
    else:
        _categories(scale, present, order, sequential, fixed or {})
    if missing:
        scale.category.update((n, len(scale.entries)) for n in missing)
        scale.entries.append(ScaleEntry(missing_label, MISSING_COLOR, len(missing)))
    return scale


def _bin_numbers(scale: ColorScale, present: Mapping[str, Any]) -> None:
    low = min(float(v) for v in present.values())
    high = max(float(v) for v in present.values())
    width = (high - low) / NUMBER_BINS
    counts = Counter[int]()
    for node, value in present.items():
        index = min(int((float(value) - low) / width), NUMBER_BINS - 1)
        scale.category[node] = index
        counts[index] += 1
    ramp = _ramp(NUMBER_BINS)
    for index in range(NUMBER_BINS):
        start, stop = low + index * width, low + (index + 1) * width
        label = f"{readable(round(start, 4))} – {readable(round(stop, 4))}"
        scale.entries.append(ScaleEntry(label, ramp[index], counts[index]))


def _categories(
    scale: ColorScale,
    present: Mapping[str, Any],
    order: list[Any] | None,
    sequential: bool,
    fixed: Mapping[Any, str],
) -> None:
    counts = Counter(present.values())
    if order is not None:
        ranked = [v for v in order if v in counts] + sorted(
            (v for v in counts if v not in order), key=str
        )
    elif sequential:
        ranked = sorted(counts, key=lambda v: (not _is_number(v), v if _is_number(v) else str(v)))
    else:
        ranked = sorted(counts, key=lambda v: (-counts[v], str(v)))
    shown = ranked if len(ranked) <= MAX_CATEGORIES else ranked[: MAX_CATEGORIES - 1]
    colors = _ramp(len(shown)) if sequential else list(CATEGORICAL)
    index_of = {value: i for i, value in enumerate(shown)}
    for value, color in zip(shown, colors, strict=False):
        scale.entries.append(ScaleEntry(readable(value), fixed.get(value, color), counts[value]))
    other = len(shown)
    for node, value in present.items():
        scale.category[node] = index_of.get(value, other)
    rest = sum(counts[v] for v in ranked[len(shown) :])
    if rest:
        scale.entries.append(
            ScaleEntry(f"other ({len(ranked) - len(shown)} values)", "#6b6b6b", rest)
        )


def _ramp(n: int) -> list[str]:
    """``n`` colours spread evenly along :data:`SEQUENTIAL`."""
    if n <= 1:
        return [SEQUENTIAL[len(SEQUENTIAL) // 2]] * n
    last = len(SEQUENTIAL) - 1
    return [SEQUENTIAL[round(i * last / (n - 1))] for i in range(n)]


def shape_for(kind: str | None) -> str:
    """The vis-network shape drawn for a node kind (``dot`` for unknown kinds)."""
    return KIND_SHAPES.get(kind or "", "dot")


def node_sizes(
    metric: Mapping[str, Any], *, low: float = 1.0, high: float = 10.0
) -> dict[str, float]:
    """Map a metric onto ``[low, high]`` linearly; missing or non-numeric values get ``low``.

    >>> node_sizes({"a": 0, "b": 5, "c": 10, "d": None})
    {'a': 1.0, 'b': 5.5, 'c': 10.0, 'd': 1.0}
    """
    numbers = {n: float(v) for n, v in metric.items() if _is_number(v)}
    if not numbers:
        return {n: low for n in metric}
    least, most = min(numbers.values()), max(numbers.values())
    span = most - least
    sizes: dict[str, float] = {}
    for node in metric:
        if node not in numbers:
            sizes[node] = low
        elif span == 0:
            sizes[node] = (low + high) / 2
        else:
            sizes[node] = round(low + (numbers[node] - least) / span * (high - low), 3)
    return sizes
