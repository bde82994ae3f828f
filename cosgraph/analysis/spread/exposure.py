"""Exposure at adoption: how many of an adopter's contacts had adopted before it.

>>> import networkx as nx
>>> data = AdoptionData(nx.DiGraph([("b", "a")]), {}, {"a": 1, "b": 2})
>>> [(a.node, a.exposure) for a in exposure(data).adopters]
[('a', None), ('b', 1.0)]
"""

from __future__ import annotations

import numpy as np
from pydantic import BaseModel

from cosgraph.analysis.result import Result, Row, model_rows
from cosgraph.analysis.spread.adoption import AdoptionData, time_number

__all__ = ["AdopterExposure", "ExposureResult", "exposure"]


class AdopterExposure(BaseModel):
    """One adopter's exposure at adoption: ``exposed`` of its ``contacts`` adopted earlier."""

    node: str
    community: str | None
    time: int | float
    date: str | None = None
    contacts: int
    exposed: int
    exposure: float | None


class ExposureResult(Result):
    """Result of :func:`exposure`."""

    practice: str | None
    directed: bool
    relation: str | None
    adopters: list[AdopterExposure]
    correlation: float | None
    n_correlated: int

    def table_rows(self) -> list[Row]:
        """One row per adopter, earliest first."""
        return model_rows(self.adopters)


def exposure(
    data: AdoptionData, directed: bool = True, relation: str | None = None
) -> ExposureResult:
    """Each adopter's network exposure at the moment it adopted (Valente's threshold).

    Parameters
    ----------
    data : AdoptionData
    directed : bool, default True
        True: an adopter's contacts are its out-neighbours, the nodes it named
        (netdiffuseR's default, ``outgoing=TRUE``).  False: every neighbour, either
        direction.
    relation : str, optional
        Use only contacts whose ``relations`` include this one (e.g. ``"advice"``).

    Returns
    -------
    ExposureResult
        Per adopter (earliest first): contacts, how many adopted strictly earlier,
        and their share (``None`` for an adopter with no contacts); and the Pearson
        correlation between exposure and adoption time over the adopters with a
        defined exposure (``None`` when fewer than two, or either is constant).

    Raises
    ------
    CosgraphError
        When ``relation`` is not a relation of any contact.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.DiGraph([("c", "a"), ("c", "b"), ("b", "a")])
    >>> data = AdoptionData(G, {}, {"a": 1, "b": 2, "c": 3})
    >>> [(a.node, a.contacts, a.exposed, a.exposure) for a in exposure(data).adopters]
    [('a', 0, 0, None), ('b', 1, 1, 1.0), ('c', 2, 2, 1.0)]
    >>> [a.exposure for a in exposure(data, directed=False).adopters]
    [0.0, 0.5, 1.0]

    Notes
    -----
    For adopter :math:`i` adopting at :math:`t_i` with contacts :math:`N(i)`,
    :math:`E_i = |\\{j \\in N(i) : t_j < t_i\\}| / |N(i)|`.  Contacts adopting in the
    same period do **not** count (netdiffuseR's ``threshold()`` reads exposure in
    the adoption period itself, so there they would).  Contacts are counted once,
    unweighted.

    References
    ----------
    .. [1] Valente, T. W. (1996). Social network thresholds in the diffusion of
       innovations. *Social Networks*, 18(1), 69-89.
    .. [2] Valente, T. W. (1995). *Network Models of the Diffusion of Innovations*.
       Hampton Press.
    """
    neighbours = data.contact_sets(directed, relation)
    rows: list[AdopterExposure] = []
    for node in data.adopters():
        t = data.time_of(node)
        contacts = neighbours[node]
        exposed = sum(1 for j in contacts if (tj := data.time.get(j)) is not None and tj < t)
        rows.append(
            AdopterExposure(
                node=str(node),
                community=data.community.get(node),
                time=time_number(t),
                date=data.date_label(t),
                contacts=len(contacts),
                exposed=exposed,
                exposure=exposed / len(contacts) if contacts else None,
            )
        )
    pairs = [(r.exposure, float(r.time)) for r in rows if r.exposure is not None]
    return ExposureResult(
        practice=data.practice,
        directed=directed,
        relation=relation,
        adopters=rows,
        correlation=_pearson(pairs),
        n_correlated=len(pairs),
    )


def _pearson(pairs: list[tuple[float, float]]) -> float | None:
    if len(pairs) < 2:
        return None
    x, y = np.asarray(pairs, dtype=float).T
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return None
    return float(np.corrcoef(x, y)[0, 1])
