"""The crosswalk view: skill domains and the Community of Solutions Behaviors they support."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .view_base import View, ViewOptions, ViewSpec, expected, required

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.analysis.crosswalk import CrosswalkResult

__all__ = ["crosswalk_view", "EVIDENCE", "VIEW"]

EVIDENCE = [
    "exhibited_supported",
    "exhibited_unsupported",
    "supported_not_exhibited",
    "neither",
    "domain practised",
    "domain not practised",
]
EVIDENCE_COLORS = ["#009E73", "#E69F00", "#0072B2", "#9aa5b1", "#7F3C8D", "#d9d9d9"]


def crosswalk_view(
    G: nx.MultiDiGraph, *, crosswalk: CrosswalkResult | Mapping[str, Any] | None = None
) -> ViewSpec:
    """Skills to behaviors: skill domains and the Community of Solutions Behaviors they support.

    ``crosswalk`` is a :class:`cosgraph.analysis.crosswalk.CrosswalkResult`, or a dict
    ``{"evidence": {behavior id: evidence}, "domains": {behavior id: [domain ids]},
    "practised": {domain id: bool}}``.
    """
    result = required(crosswalk, "crosswalk", "crosswalk", "crosswalk_gaps")
    extra_nodes: dict[str, dict[str, Any]] = {}
    evidence: dict[str, Any] = {}
    status: dict[str, Any] = {}
    supports: list[tuple[str, str]] = []
    from cosgraph.analysis.crosswalk import CrosswalkResult

    if isinstance(result, CrosswalkResult):
        practised = set(result.practised_domains)
        for b in result.behaviors:
            evidence[b.id] = b.evidence
            status[b.id] = b.status
            supports.extend((d, b.id) for d in b.domains)
            extra_nodes[b.id] = {
                "kind": "behavior",
                "name": f"CSB {b.number}",
                "text": b.text,
                "group": b.group,
                "practised_domains": list(b.practised),
                "missing_domains": list(b.missing),
            }
    elif isinstance(result, Mapping):
        evidence = dict(result.get("evidence", {}))
        practised = {d for d, on in dict(result.get("practised", {})).items() if on}
        for behavior, domains in dict(result.get("domains", {})).items():
            supports.extend((str(d), str(behavior)) for d in domains)
            extra_nodes.setdefault(str(behavior), {"kind": "behavior", "name": str(behavior)})
    else:
        raise expected("crosswalk", "crosswalk", result, "a CrosswalkResult or a dict")
    domains = list(dict.fromkeys(d for d, _ in supports))
    for domain in domains:
        data = dict(G.nodes[domain]) if domain in G else {"kind": "domain", "name": domain}
        extra_nodes.setdefault(domain, data)
        evidence[domain] = EVIDENCE[4] if domain in practised else EVIDENCE[5]
    behaviors = [n for n in extra_nodes if n not in set(domains)]
    return ViewSpec(
        name="crosswalk",
        what="Which Community of Solutions Behaviors the community's practised skills "
        "support, and which it already exhibits.",
        how="Each behavior is supported by skill domains (Table 1 of the framework); a "
        "domain counts as practised when someone in the community PRACTISES it or one of "
        "its skills. Behaviors are coloured by the evidence for them "
        "(cosgraph.analysis.crosswalk.crosswalk_gaps).",
        nodes=domains + behaviors,
        color_by="evidence",
        tie_types=frozenset(),
        derived={"evidence": evidence, **({"status": status} if status else {})},
        color_order={"evidence": EVIDENCE},
        fixed_colors={"evidence": dict(zip(EVIDENCE, EVIDENCE_COLORS, strict=True))},
        extra_ties=[(d, b, "SUPPORTS") for d, b in supports],
        extra_nodes=extra_nodes,
    )


def _compute(G: nx.MultiDiGraph, options: ViewOptions) -> dict[str, Any]:
    from cosgraph.analysis.crosswalk import crosswalk_gaps

    return {"crosswalk": crosswalk_gaps(G, community=options.community)}


VIEW = View("crosswalk", "skills to behaviors", crosswalk_view, _compute, ("community",))
