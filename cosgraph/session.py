"""Asset-mapping sessions: the workbook a facilitator hands out, and what changed between two.

:func:`write_template` writes a workbook with one sheet per node kind and a ``ties``
sheet (the layout ``cosgraph load`` reads), drop-down lists for every enumeration
(kept on a hidden ``Lists`` sheet), and an ``Instructions`` sheet in plain language
with a worked example for each sheet.  :func:`diff_maps` says what going from one
version of a map to the next would create, update and remove.

>>> import tempfile, pathlib
>>> from cosgraph.loaders import read_map
>>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "session.xlsx")
>>> read_map(path).nodes       # an empty template loads as an empty map
[]
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cosgraph.cells import cell_text, spreadsheet_cell
from cosgraph.loaders.skills import SKILLS_COLUMNS, behavior_labels, domain_labels
from cosgraph.model import FRAMEWORK_TIE_TYPES as _FRAMEWORK_TIES
from cosgraph.model import (
    SKILLS_SHEET,
    TIE_ENDPOINTS,
    TIES_SHEET,
    AssetKind,
    BrightSpotKind,
    Consent,
    LearningRole,
    LeverKind,
    Sector,
    Stance,
    TripodRole,
)
from cosgraph.store.plan import NodeChange, TieChange, WritePlan

if TYPE_CHECKING:
    import networkx as nx

    from cosgraph.store.protocol import GraphStore

__all__ = [
    "TEMPLATE_COLUMNS",
    "LISTS",
    "CAPABILITY_LIST",
    "capability_vocabulary",
    "write_template",
    "write_workbook",
    "diff_maps",
    "diff_source",
    "diff_rows",
    "diff_people",
]

#: The columns of each sheet, in the order README's "The CSV layout" gives them.
TEMPLATE_COLUMNS: dict[str, list[str]] = {
    "people": [
        "id",
        "name",
        "tripod_role",
        "sectors",
        "neighbourhood",
        "power",
        "interest",
        "consent",
    ],
    "organizations": ["id", "name", "sector", "anchor", "power", "interest"],
    "assets": ["id", "name", "asset_kind", "capabilities", "capacity", "holder"],
    "levers": ["id", "name", "lever_kind", "needs"],
    "communities": ["id", "name", "place", "learning_role"],
    "peer_teams": ["id", "name"],
    "bright_spots": ["id", "name", "spot_kind", "description"],
    "ties": [
        "type",
        "source",
        "target",
        "strength",
        "role",
        "stance",
        "period",
        "date",
        "learned_from",
    ],
    SKILLS_SHEET: SKILLS_COLUMNS,
}

#: Drop-down lists, one column each on the hidden ``Lists`` sheet.
LISTS: dict[str, list[str]] = {
    "tripod_role": [str(v) for v in TripodRole],
    "sector": [str(v) for v in Sector],
    "consent": [str(v) for v in Consent],
    "anchor": ["true", "false"],
    "asset_kind": [str(v) for v in AssetKind],
    "lever_kind": [str(v) for v in LeverKind],
    "learning_role": [str(v) for v in LearningRole],
    "spot_kind": [str(v) for v in BrightSpotKind],
    "stance": [str(v) for v in Stance],
    "tie_type": [str(t) for t in TIE_ENDPOINTS if str(t) not in _FRAMEWORK_TIES],
    "skill_domain": domain_labels(),
    "behavior": behavior_labels(),
}
#: The list of capabilities in use (:func:`capability_vocabulary`), after :data:`LISTS`
#: on the ``Lists`` sheet: it differs from one workbook to the next.
CAPABILITY_LIST = "capability"
#: (sheet, column) -> the list its drop-down offers.
_DROPDOWNS = {
    ("people", "tripod_role"): "tripod_role",
    ("people", "sectors"): "sector",
    ("people", "consent"): "consent",
    ("organizations", "sector"): "sector",
    ("organizations", "anchor"): "anchor",
    ("assets", "asset_kind"): "asset_kind",
    ("levers", "lever_kind"): "lever_kind",
    ("communities", "learning_role"): "learning_role",
    ("bright_spots", "spot_kind"): "spot_kind",
    ("ties", "type"): "tie_type",
    ("ties", "stance"): "stance",
    ("assets", "capabilities"): CAPABILITY_LIST,
    ("levers", "needs"): CAPABILITY_LIST,
    (SKILLS_SHEET, "practises"): "skill_domain",
    (SKILLS_SHEET, "shows"): "behavior",
}
#: Columns where several values may be typed (``a; b``), or new words (a capability
#: nobody offered yet): the drop-down only suggests.
_MULTI = {
    ("people", "sectors"),
    ("assets", "capabilities"),
    ("levers", "needs"),
    (SKILLS_SHEET, "practises"),
    (SKILLS_SHEET, "shows"),
}
_SCORES = {("people", "power"), ("people", "interest")}
_SCORES |= {("organizations", "power"), ("organizations", "interest")}
_ROWS = 1000  # rows of each data sheet that carry the drop-downs

#: A short help note on each header cell.
_HEADER_HELP = {
    "id": "A short name for this row that never changes, e.g. ana-r. Each id only once.",
    "name": "The name to show on the map.",
    "tripod_role": "formal_leader, community_connector or lived_experience.",
    "sectors": "Pick one, or type several separated by ; (health_care; faith).",
    "neighbourhood": "Where they live or work (optional).",
    "power": "0 (none) to 5 (a lot): how much say they have over the changes we want.",
    "interest": "0 to 5: how much they care about those changes.",
    "consent": "Who may see this person on a map: public, coalition (default) or private.",
    "sector": "Which sector the organization belongs to.",
    "anchor": "true for an anchor institution (a hospital, a university).",
    "asset_kind": "What kind of asset it is (required).",
    "capabilities": "What it can do: pick from the list or type a new word; several "
    "separated by ; (meeting_space; translation).",
    "capacity": "How much of it there is (a number; 1 if blank).",
    "holder": "The id of the person or organization who brings it.",
    "lever_kind": "policy, system or environment (required).",
    "needs": "What it needs: pick from the list or type a new word, with an amount, "
    "e.g. funding=50000; volunteers=20.",
    "place": "Where the community is.",
    "learning_role": "pacesetter, mentor or member.",
    "spot_kind": "bright_spot, change_idea or practice.",
    "description": "A sentence about it.",
    "type": "What kind of tie (KNOWS, MEMBER_OF, HOLDS, ...). See Instructions.",
    "source": "The id the tie starts from.",
    "target": "The id the tie goes to.",
    "strength": "How strong (a number, e.g. 1 to 5), for KNOWS, TRUSTS, PARTNERS_WITH.",
    "role": "The role in a MEMBER_OF tie, e.g. board chair.",
    "stance": "For DECIDES / INFLUENCES: champion, supporter, neutral, skeptic, opponent.",
    "period": "When it was adopted, as a whole number (for ADOPTED).",
    "date": "When, written YYYY-MM-DD.",
    "learned_from": "The id of whom they learned it from (for ADOPTED).",
    "who": "The id of a person, organization or community (as on its own sheet).",
    "practises": "Which skill domains they practise: pick one, or type several separated "
    "by ; (see Instructions).",
    "shows": "Which of the 28 behaviors they show (mostly for a community): pick one, or "
    "type several separated by ; (CSB 7; CSB 12).",
}


def _skill_domain_lines() -> list[tuple[str, str]]:
    """One Instructions line per skill domain: its label, description and skills."""
    from cosgraph.framework import load_framework

    return [
        (
            "text",
            f"{d.label}: {d.description} It includes: {'; '.join(s.name for s in d.skills)}.",
        )
        for d in load_framework().domains
    ]


def _behavior_groups() -> str:
    from cosgraph.framework import load_framework

    return "; ".join(g.name.lower() for g in load_framework().groups)


_SKILL_DOMAIN_LINES = _skill_domain_lines()
_BEHAVIOR_GROUPS = _behavior_groups()

INSTRUCTIONS: list[tuple[str, str]] = [
    ("title", "Our community map: how to fill in this workbook"),
    (
        "text",
        "This workbook collects who is in our community, what each of us brings, and what "
        "we want to change together. Fill in one row per person, group or thing. You do "
        "not have to fill every box: only the id is needed (and the kind of asset or "
        "change). Leave a box empty if you do not know.",
    ),
    (
        "text",
        "Each row needs an id: a short name that never changes, like ana-r or food-bank. "
        "Use each id only once in the whole workbook. Ties use these ids to say who is "
        "connected to whom.",
    ),
    (
        "text",
        "Boxes with a small arrow offer a list to choose from. Where several answers fit "
        "(sectors, capabilities), type them separated by a semicolon: faith; education. "
        "Type values, not formulas.",
    ),
    ("title", "Your consent"),
    (
        "text",
        "Everyone decides who may see them on the map. Write it in the consent column of "
        "the people sheet: public means anyone who sees a map of our work may see your "
        "name; coalition (the usual choice) means only members of our coalition; private "
        "means only the few people who look after the map. If you are not on a map's "
        "list, you are left out or shown only as an unnamed dot, never with your name. "
        "You can change your mind at any time: tell the facilitator.",
    ),
    ("title", "The sheets"),
    (
        "sheet",
        "people: one row per person. Example: id ana-r | name Ana Ruiz | tripod_role "
        "lived_experience | sectors resident; faith | neighbourhood Maywood | power 1 | "
        "interest 5 | consent public",
    ),
    (
        "sheet",
        "organizations: groups, agencies, congregations, businesses. Example: id clinic | "
        "name Maywood Clinic | sector health_care | anchor true | power 4 | interest 3",
    ),
    (
        "sheet",
        "assets: what someone brings: a skill, a room, money, time, relationships. "
        "Example: id church-hall | name Church hall | asset_kind physical_space | "
        "capabilities meeting_space | capacity 2 | holder bo-c",
    ),
    (
        "sheet",
        "levers: a policy, system or environment change we want. Example: id soda-tax | "
        "name Soda tax | lever_kind policy | needs policy_advocacy=2; funding=500",
    ),
    (
        "sheet",
        "communities: towns or neighbourhoods that take part. Example: id maywood | name "
        "Maywood | place Maywood IL | learning_role pacesetter",
    ),
    ("sheet", "peer_teams: communities that learn together. Example: id team-a | name Team A"),
    (
        "sheet",
        "bright_spots: something that works and others can copy. Example: id garden | "
        "name Youth garden | spot_kind bright_spot | description Teens grow food for seniors",
    ),
    (
        "sheet",
        "ties: who is connected to whom or what, one row per tie, from source to target. "
        "Examples: KNOWS | ana-r | bo-c | strength 3   -   MEMBER_OF | ana-r | clinic | role "
        "volunteer   -   HOLDS | bo-c | church-hall   -   INFLUENCES | bo-c | soda-tax | "
        "stance champion   -   ADOPTED | ana-r | garden | period 2",
    ),
    ("title", "Kinds of ties"),
    ("text", "KNOWS, TRUSTS, PARTNERS_WITH: between people and organizations (strength)."),
    ("text", "MEMBER_OF: a person or group belongs to an organization or community (role)."),
    ("text", "HOLDS: a person, organization or community brings an asset."),
    ("text", "DECIDES, INFLUENCES: who decides or sways a lever (stance)."),
    (
        "text",
        "PRACTISES, EXHIBITS: a skill (LT, LT.collaboration) or behavior (CSB1 to CSB28); "
        "the skills sheet asks the same in plain words.",
    ),
    ("text", "PEER_OF, MENTORS, VISITED: between communities (date or period)."),
    ("text", "ADOPTED: someone took up a bright spot (period or date, learned_from)."),
    ("title", "Skills and behaviors"),
    (
        "text",
        "The skills sheet asks which of the five skill domains of the Community of Solutions "
        "each person, organization or community practises, and which of its 28 behaviors a "
        "community shows. One row each: who is the id from its own sheet; practises and "
        "shows offer a list, and take several answers separated by a semicolon. Leave "
        "shows empty if you are not sure.",
    ),
    (
        "sheet",
        "skills: Examples: who ana-r | practises Leading Together (LT); Leading for Equity "
        "(LE)   -   who maywood | practises Leading for Outcomes (LO) | shows CSB 18: Use "
        "data and stories to drive improvement and monitor their impact",
    ),
    ("text", "The five skill domains, in the words of the Community of Solutions framework:"),
    *_SKILL_DOMAIN_LINES,
    (
        "text",
        "The 28 behaviors (the shows list) are what a community does when these skills are "
        "at work, in three groups: " + _BEHAVIOR_GROUPS + ".",
    ),
    ("title", "When you are done"),
    (
        "text",
        "Save the workbook and give it back to the facilitator. It can be loaded again "
        "and again: changed rows are updated, and nothing is lost if a row has a mistake "
        "(every problem is listed with its sheet, row and column).",
    ),
]


@cache
def _demo_capabilities() -> tuple[str, ...]:
    from cosgraph.demo import demo_folder
    from cosgraph.loaders import read_map

    return tuple(capability_vocabulary(read_map(demo_folder()).to_graph(), fallback=False))


def capability_vocabulary(G: nx.MultiDiGraph | None = None, *, fallback: bool = True) -> list[str]:
    """The capabilities in use: what the assets of ``G`` offer and its levers need.

    In canonical form (:func:`cosgraph.model.canonical_term`), sorted.  When ``G`` is
    None or names none, and ``fallback``, the demo's vocabulary: a first session's
    workbook still offers words to pick.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("hall", kind="asset", capabilities=["meeting_space"])
    >>> G.add_node("tax", kind="lever", needs={"funding": 500.0})
    >>> capability_vocabulary(G)
    ['funding', 'meeting_space']
    >>> "translation" in capability_vocabulary()
    True
    """
    found: set[str] = set()
    for _, data in G.nodes(data=True) if G is not None else []:
        if data.get("kind") == "asset":
            found.update(data.get("capabilities") or [])
        elif data.get("kind") == "lever":
            found.update(data.get("needs") or {})
    if not found and fallback:
        return list(_demo_capabilities())
    return sorted(found)


def write_template(
    path: str | Path, *, capabilities: Sequence[str] | None = None, force: bool = False
) -> Path:
    """Write the session workbook to ``path`` (.xlsx) and return the path.

    Every cell is written through :func:`cosgraph.cells.spreadsheet_cell`, so no
    text of the workbook can run as a formula.

    Parameters
    ----------
    path : str or Path
        Where to write.  An existing file is replaced only when cosgraph wrote it and
        no spreadsheet program saved it since, or with ``force``
        (:func:`cosgraph.overwrite.check_output`).
    capabilities : sequence of str, optional
        The capabilities the ``capabilities`` and ``needs`` drop-downs offer (they
        still take new words); by default the demo's (:func:`capability_vocabulary`).

    Returns
    -------
    Path
        ``path``.
    """
    from cosgraph.overwrite import check_output

    check_output(path, force=force)
    book = _session_book(capability_vocabulary() if capabilities is None else capabilities)
    target = Path(path)
    book.save(target)
    return target


def write_workbook(G: nx.MultiDiGraph, path: Path) -> None:
    """Write the map ``G`` as a filled session workbook: the ``xlsx`` export.

    The template's sheets, drop-downs and Instructions, with a row for every node and
    tie (extra attribute columns after the template's); PRACTISES and EXHIBITS ties
    without properties on the ``skills`` sheet, in plain words.  ``cosgraph load``
    reads it back to the same map.  Cells are written as the CSV export writes them
    (text that reads as a number stays text), whole numbers as numbers.
    """
    from cosgraph.exports import sheet_tables
    from cosgraph.loaders.skills import is_sheet_tie, skills_sheet_rows

    book = _session_book(capability_vocabulary(G))
    tables = sheet_tables(G)
    fields, ties = tables[TIES_SHEET]
    tables[TIES_SHEET] = (fields, [t for t in ties if not is_sheet_tie(t)])
    tables[SKILLS_SHEET] = (SKILLS_COLUMNS, skills_sheet_rows(G))
    for sheet, (fields, rows) in tables.items():
        _fill_sheet(book[sheet], fields, rows)
    book.save(path)


#: Whole numbers a workbook cell holds exactly (an IEEE double's integers).
_EXACT_INT = 2**53


def _workbook_cell(value: Any, keep_text: bool) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < _EXACT_INT:
        return value
    return spreadsheet_cell(value, keep_text=keep_text)


def _fill_sheet(ws: Any, fields: Iterable[str], rows: list[dict[str, Any]]) -> None:
    """Append ``rows`` to a template sheet, adding a header for each column it lacks."""
    columns = [str(c.value) for c in ws[1]]
    known = set(fields)
    for row in rows:
        for column in row:
            if column not in columns:
                columns.append(column)
                ws.cell(row=1, column=len(columns), value=spreadsheet_cell(column))
    for row in rows:
        ws.append([_workbook_cell(row.get(c), keep_text=c not in known) for c in columns])


def _session_book(capabilities: Sequence[str]) -> Any:
    """The session workbook, empty (an openpyxl ``Workbook``): Instructions, the data
    sheets, the hidden Lists."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from cosgraph.overwrite import stamp_workbook

    book = Workbook()
    stamp_workbook(book)
    guide = book.active
    assert guide is not None  # a new workbook always has one sheet
    guide.title = "Instructions"
    guide.column_dimensions["A"].width = 110
    for row, (style, text) in enumerate(INSTRUCTIONS, start=1):
        cell = guide.cell(row=row, column=1, value=spreadsheet_cell(text))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style == "title":
            cell.font = Font(bold=True, size=14)

    lists = book.create_sheet("Lists")
    ranges: dict[str, str] = {}
    offered = {**LISTS, CAPABILITY_LIST: list(capabilities)}
    for col, (name, values) in enumerate(offered.items(), start=1):
        letter = get_column_letter(col)
        lists.cell(row=1, column=col, value=spreadsheet_cell(name))
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=col, value=spreadsheet_cell(value))
        last = max(len(values), 1) + 1  # an empty list still names a range
        ranges[name] = f"{quote_sheetname('Lists')}!${letter}$2:${letter}${last}"
    lists.sheet_state = "hidden"

    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet, columns in TEMPLATE_COLUMNS.items():
        ws = book.create_sheet(sheet)
        ws.freeze_panes = "A2"
        for col, column in enumerate(columns, start=1):
            letter = get_column_letter(col)
            cell = ws.cell(row=1, column=col, value=spreadsheet_cell(column))
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.comment = Comment(_HEADER_HELP.get(column, column), "cosgraph")
            ws.column_dimensions[letter].width = max(14, len(column) + 4)
            cells = f"{letter}2:{letter}{_ROWS + 1}"
            listed = _DROPDOWNS.get((sheet, column))
            if listed is not None:
                multi = (sheet, column) in _MULTI
                dv = DataValidation(
                    type="list",
                    formula1=ranges[listed],
                    allow_blank=True,
                    showErrorMessage=not multi,
                    errorTitle="Not in the list",
                    error="Choose a value from the list (or leave the box empty).",
                    promptTitle=column,
                    prompt=_HEADER_HELP.get(column, "")[:255],
                    showInputMessage=True,
                )
                dv.add(cells)
                ws.add_data_validation(dv)
            elif (sheet, column) in _SCORES:
                dv = DataValidation(
                    type="whole",
                    operator="between",
                    formula1="0",
                    formula2="5",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="0 to 5",
                    error="Type a whole number from 0 to 5.",
                )
                dv.add(cells)
                ws.add_data_validation(dv)
    book.move_sheet("Lists", offset=len(book.sheetnames))
    return book


#: The provenance both versions carry inside a diff's throwaway store.
_DIFF_PROVENANCE = "cosgraph diff"


def diff_maps(old: str | Path, new: str | Path) -> WritePlan:
    """What loading ``new`` with ``--prune`` over a load of ``old`` would change.

    Both are read as ``cosgraph load`` reads them, in any format of
    :func:`cosgraph.formats.readable`.  ``old`` goes into a throwaway embedded store,
    and ``new`` is planned against it with the same provenance, so the plan lists
    creates, updates (with the changed fields) and removals.  Nothing else is touched.

    Raises
    ------
    LoadError
        Either version cannot be read or loaded: every problem at once (field and
        reference problems alike, as ``load`` reports them), naming the file, row
        and field.
    """
    from cosgraph.errors import LoadError
    from cosgraph.loaders import read_map
    from cosgraph.store.embedded import EmbeddedStore

    old_map = read_map(old, partial=True)
    new_map = read_map(new, partial=True)
    with tempfile.TemporaryDirectory(prefix="cosgraph-diff-") as folder:
        store = EmbeddedStore(Path(folder) / "diff.lbug")
        try:
            store.init()
            try:
                store.write(old_map, provenance=_DIFF_PROVENANCE)
            except LoadError as exc:  # NEW cannot be checked against a broken OLD
                raise LoadError(exc.problems + new_map.problems) from None
            plan = store.plan(new_map, provenance=_DIFF_PROVENANCE, prune=True)
        finally:
            store.close()
    return plan


def diff_source(store: GraphStore, source: str, new: str | Path) -> WritePlan:
    """What loading ``new`` with ``--source source --prune`` into ``store`` would change.

    The store's rows of the named source (whatever file each came from) against the
    file ``new``: creates, updates (with the changed fields) and removals, exactly as
    ``cosgraph load NEW --source SOURCE --prune --dry-run`` plans them.  Nothing is
    written; a read-only store will do.

    Parameters
    ----------
    store : GraphStore
        The store holding earlier loads of ``source``.
    source : str
        The session name (see :func:`cosgraph.provenance.provenance_of`).
    new : str or Path
        The newer version, in any format ``cosgraph load`` reads.

    Returns
    -------
    WritePlan
        A pruning plan; its removals are what ``new`` no longer holds.

    Raises
    ------
    LoadError
        ``new`` cannot be read or does not fit the store, naming the file, row and field.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from cosgraph.model import CommunityMap, Person
    >>> from cosgraph.provenance import provenance_of
    >>> from cosgraph.store import open_store
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> store = open_store(folder / "m.lbug"); store.init()
    >>> two = CommunityMap(nodes=[Person(id="ana"), Person(id="bo")])
    >>> _ = store.write(two, provenance_of("monday.json", source="s"))
    >>> _ = (folder / "friday.json").write_text('{"nodes": [{"kind": "person", "id": "ana"}]}')
    >>> [n.id for n in diff_source(store, "s", folder / "friday.json").removed_nodes]
    ['bo']
    >>> store.close()
    """
    from cosgraph.loaders import read_map
    from cosgraph.provenance import provenance_of

    provenance = provenance_of(new, source=source)
    return store.plan(read_map(new, partial=True), provenance=provenance, prune=True)


def diff_people(*paths: str | Path, store: GraphStore | None = None) -> nx.MultiDiGraph:
    """Everyone the versions of a diff name, with their consent: the store's map (for
    ``diff --source``) and each file as ``load`` reads it, later ones winning.

    A diff report names people as an audience may see them
    (:func:`cosgraph.plan_report.masked_plan`); this is the graph that audience is
    made from.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "m.json"
    >>> _ = f.write_text('{"nodes": [{"kind": "person", "id": "bo", "consent": "private"}]}')
    >>> diff_people(f).nodes["bo"]["consent"]
    'private'
    """
    from cosgraph.loaders import read_map
    from cosgraph.plan_report import plan_people

    graphs = [store.project()] if store is not None else []
    graphs += [read_map(path, partial=True).to_graph() for path in paths]
    return plan_people(WritePlan(), *graphs)


def diff_rows(plan: WritePlan) -> list[dict[str, Any]]:
    """One row per change of a diff: action (create, update, remove), what, id, fields.

    An update's ``fields`` give each changed field as ``field: old → new``; a new
    node or tie lists the fields it fills, never its empty columns.

    >>> from cosgraph.store.plan import NodeChange
    >>> change = NodeChange("person", "ana", "update", {"tripod_role": "community_connector"},
    ...                     ("tripod_role",), {"tripod_role": "formal_leader"})
    >>> diff_rows(WritePlan(nodes=[change]))[0]["fields"]
    'tripod_role: formal_leader → community_connector'
    """
    rows = plan.summary_rows()
    changes: list[NodeChange | TieChange] = [*plan.nodes, *plan.ties]
    for row, change in zip(rows, changes, strict=False):
        if change.action == "update":
            row["fields"] = "; ".join(
                f"{k}: {_shown(change.old.get(k))} → {_shown(change.properties.get(k))}"
                for k in change.changed
            )
    return rows


def _shown(value: Any) -> str:
    """A field's value in a diff line; an empty one says so."""
    text = cell_text(value)
    return text if text else "(empty)"
