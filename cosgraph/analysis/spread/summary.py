"""How far and how fast a practice spread: event-history summary per community.

>>> import networkx as nx
>>> G = nx.DiGraph()
>>> G.add_nodes_from("abcd")
>>> data = AdoptionData(G, {"a": "x", "b": "x", "c": "y", "d": "y"}, {"a": 1, "b": 2, "c": 2})
>>> [(c.community, c.adopters, c.saturation) for c in spread_summary(data).communities]
[('x', 2, 1.0), ('y', 1, 0.5)]
"""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from pydantic import BaseModel

from cosgraph.analysis.result import Result, Row
from cosgraph.analysis.spread.adoption import AdoptionData, TimeUnit, time_number

__all__ = [
    "PeriodAdoption",
    "PeriodRate",
    "CommunityAdoption",
    "SpreadSummary",
    "spread_summary",
    "ROGERS_CATEGORIES",
]

#: Rogers' adopter categories, earliest first.
ROGERS_CATEGORIES = ("innovators", "early_adopters", "early_majority", "late_majority", "laggards")


class PeriodAdoption(BaseModel):
    """Adoption up to one period: ``adopters`` new in it, ``cumulative`` by its end."""

    period: int | float
    date: str | None = None
    adopters: int
    cumulative: int
    share: float | None


class PeriodRate(BaseModel):
    """Hazard in one period: ``adopters`` new in it out of ``at_risk`` not yet adopted."""

    period: int | float
    date: str | None = None
    at_risk: int
    adopters: int
    rate: float | None


class CommunityAdoption(BaseModel):
    """Adoption in one community (``community`` is ``None`` for the overall row)."""

    community: str | None
    members: int
    adopters: int
    saturation: float | None
    time_to_half: int | float | None
    time_to_half_date: str | None = None
    mean_time: float | None
    sd_time: float | None
    cumulative: list[PeriodAdoption]
    rate: list[PeriodRate]
    categories: dict[str, int] | None


class SpreadSummary(Result):
    """Result of :func:`spread_summary`."""

    practice: str | None
    time_unit: TimeUnit
    communities: list[CommunityAdoption]
    overall: CommunityAdoption

    def table_rows(self) -> list[Row]:
        """One row per community, then ``(all)``: counts, saturation, time to half, categories."""
        rows: list[Row] = []
        for entry in [*self.communities, self.overall]:
            row: Row = {
                "community": entry.community if entry.community is not None else "(all)",
                "members": entry.members,
                "adopters": entry.adopters,
                "saturation": entry.saturation,
                "time_to_half": entry.time_to_half,
                "mean_time": entry.mean_time,
                "sd_time": entry.sd_time,
            }
            if self.time_unit == "day":
                row["time_to_half_date"] = entry.time_to_half_date
            for name in ROGERS_CATEGORIES:
                row[name] = None if entry.categories is None else entry.categories[name]
            rows.append(row)
        return rows


def spread_summary(data: AdoptionData) -> SpreadSummary:
    """Event-history summary of one practice: how far and how fast it spread.

    Parameters
    ----------
    data : AdoptionData

    Returns
    -------
    SpreadSummary
        Per community (sorted by name) and ``overall``: members, adopters,
        saturation, cumulative adoption and hazard rate per period, time to half,
        mean and standard deviation of adoption time, Rogers' categories.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph()
    >>> G.add_nodes_from([(n, {"c": "x"}) for n in "abcd"])
    >>> data = AdoptionData(G, {n: "x" for n in "abcd"}, {"a": 1, "b": 2, "c": 2})
    >>> row = spread_summary(data).communities[0]
    >>> row.saturation, row.time_to_half
    (0.75, 2)
    >>> [(p.period, p.adopters, p.cumulative, p.share) for p in row.cumulative]
    [(1, 1, 1, 0.25), (2, 2, 3, 0.75)]
    >>> [(p.period, p.at_risk, p.rate) for p in row.rate]
    [(1, 4, 0.25), (2, 3, 0.6666666666666666)]

    Notes
    -----
    *Periods* are the distinct adoption times in the whole data set, so every
    community's curve has the same axis; a period with no adoption anywhere does
    not appear (nothing changes in it).

    *Saturation* is adopters / members.  ``share`` is cumulative adopters /
    members.  *Time to half* is the first period at which cumulative adopters
    :math:`\\ge` members / 2 (``None`` if that never happens).

    *Rate* is the discrete-time hazard: adopters in period :math:`t` divided by the
    members who had not adopted at the start of :math:`t`
    (``None`` when none were left).

    *Rogers' categories* place each adopter by its adoption time :math:`t` against
    the mean :math:`\\bar t` and the **population** standard deviation :math:`s`
    (divisor :math:`n`) of its group's adoption times: innovators
    :math:`t < \\bar t - 2s`; early adopters :math:`\\bar t - 2s \\le t < \\bar t - s`;
    early majority :math:`\\bar t - s \\le t < \\bar t`; late majority
    :math:`\\bar t \\le t < \\bar t + s`; laggards :math:`t \\ge \\bar t + s`.  When
    :math:`s = 0` (one adopter, or all at once) the categories are ``None``.

    References
    ----------
    .. [1] Rogers, E. M. (2003). *Diffusion of Innovations* (5th ed.). Free Press, ch. 7.
    .. [2] Valente, T. W. (1995). *Network Models of the Diffusion of Innovations*.
       Hampton Press.
    .. [3] Allison, P. D. (1982). Discrete-time methods for the analysis of event
       histories. *Sociological Methodology*, 13, 61-98.
    """
    periods = sorted({t for t in data.time.values() if t is not None})
    by_group: dict[str, list[Hashable]] = {}
    for node in data.contacts:
        group = data.community.get(node)
        if group is not None:
            by_group.setdefault(group, []).append(node)
    communities = [
        _group_adoption(name, by_group[name], data, periods) for name in sorted(by_group)
    ]
    overall = _group_adoption(None, list(data.contacts), data, periods)
    return SpreadSummary(
        practice=data.practice,
        time_unit=data.time_unit,
        communities=communities,
        overall=overall,
    )


def _group_adoption(
    name: str | None, members: list[Hashable], data: AdoptionData, periods: list[float]
) -> CommunityAdoption:
    times = [t for n in members if (t := data.time.get(n)) is not None]
    n_members = len(members)
    new_by_period: dict[float, int] = {}
    for t in times:
        new_by_period[t] = new_by_period.get(t, 0) + 1
    cumulative: list[PeriodAdoption] = []
    rate: list[PeriodRate] = []
    total = 0
    half: float | None = None
    for period in periods:
        new = new_by_period.get(period, 0)
        at_risk = n_members - total
        total += new
        label = data.date_label(period)
        cumulative.append(
            PeriodAdoption(
                period=time_number(period),
                date=label,
                adopters=new,
                cumulative=total,
                share=total / n_members if n_members else None,
            )
        )
        rate.append(
            PeriodRate(
                period=time_number(period),
                date=label,
                at_risk=at_risk,
                adopters=new,
                rate=new / at_risk if at_risk else None,
            )
        )
        if half is None and n_members and 2 * total >= n_members:
            half = period
    mean = sd = None
    categories = None
    if times:
        arr = np.asarray(times, dtype=float)
        mean = float(arr.mean())
        sd = float(arr.std())  # population sd (ddof=0), as Rogers' categories use
        if sd > 0:
            categories = _rogers(arr, mean, sd)
    return CommunityAdoption(
        community=name,
        members=n_members,
        adopters=len(times),
        saturation=len(times) / n_members if n_members else None,
        time_to_half=None if half is None else time_number(half),
        time_to_half_date=None if half is None else data.date_label(half),
        mean_time=mean,
        sd_time=sd,
        cumulative=cumulative,
        rate=rate,
        categories=categories,
    )


def _rogers(times: np.ndarray, mean: float, sd: float) -> dict[str, int]:
    edges = np.array([mean - 2 * sd, mean - sd, mean, mean + sd])
    # side="right": a time equal to a boundary falls in the later category
    slots = np.searchsorted(edges, times, side="right")
    counts = np.bincount(slots, minlength=len(ROGERS_CATEGORIES))
    return {name: int(c) for name, c in zip(ROGERS_CATEGORIES, counts, strict=True)}
