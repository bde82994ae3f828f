#!/usr/bin/env python3
"""Generate the bundled demo coalition in ``cosgraph/data/demo/`` and check its promises.

The demo is a *fictional* coalition modelled on the Proviso Partners for Health
(PP4H) case study in "Overview of SCALE and a Community of Solutions" (Stout, 2017):
a cross-sector coalition in Proviso Township, in the west suburbs of Chicago,
anchored by a health system, working on healthy food access, community gardens,
youth-led salad bar tests, a sweetened-beverage tax and community benefit dollars.

The hand-curated tables live in ``scripts/demo_source/``: the organizations, levers,
assets, communities, peer teams and bright spots as they are written out; the formal
leaders and community connectors (``formal_leaders.csv``, ``connectors.csv``); the
residents' neighbourhoods, organizations and name pools (``residents.yaml``,
``names.yaml``); and the hand-written ties (the other CSVs, in the ``ties.csv``
layout, where ``@key`` names a person by the key of their row).  This program draws
the people's names and the social ties at random from a fixed seed, so running it
again writes the same files, then loads what it wrote with cosgraph's own loader and
checks the demo's promises with cosgraph's own analyses (:func:`broken_promises`).

    python scripts/make_demo.py            # writes cosgraph/data/demo/*.csv
    python scripts/make_demo.py --out DIR  # writes somewhere else

No person in the demo is real; the public institutions are named generically and
every tie, stance and number is invented.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import yaml
from cosgraph.loaders import read_map

from cosgraph.analysis.matching import match_assets
from cosgraph.analysis.power import power_map, trust_graph, trust_paths
from cosgraph.model import Asset, Lever, Person, Stance
from cosgraph.session import TEMPLATE_COLUMNS  # the one statement of the sheet layout

SEED = 20170301
SOURCE = Path(__file__).resolve().with_name("demo_source")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "cosgraph" / "data" / "demo"
#: Curated node tables, written out as they are (an asset's ``@key`` holder resolved).
NODE_TABLES = ("organizations", "assets", "levers", "communities", "peer_teams", "bright_spots")

# What the demo promises (cosgraph/data/demo/README.md, "Deliberate features").
#: Levers at least FAR_STEPS ties from every resident, counting every tie either way.
FAR_LEVERS = ["soda-proceeds", "snap-ed-formula"]
FAR_STEPS = 4
#: The levers ``power_map(G, k=2)`` leaves unreached; with k=3 every lever is reached.
UNREACHED_WITHIN_TWO = ["snap-ed-formula", "soda-proceeds", "soda-tax"]
#: The one (lever, capability) the matching leaves short, and the only capability
#: whose supply falls below the levers' demand.
SHORT = ("snap-match", "translation")
#: Assets no lever needs: the matching leaves them entirely untapped.
UNTAPPED_ASSETS = ["a-church-van", "a-elder-stories", "a-childcare-swap", "a-barber-talks"]


def read_table(name: str) -> list[dict[str, str]]:
    """The rows of ``demo_source/<name>.csv``."""
    with open(SOURCE / f"{name}.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_yaml(name: str) -> dict[str, Any]:
    with open(SOURCE / f"{name}.yaml", encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


@dataclass(eq=False)
class DemoPerson:
    """A person while the demo is drawn; ``key`` names curated slots and chosen residents."""

    id: str
    name: str
    tripod_role: str
    sectors: list[str]
    neighbourhood: str
    power: int
    interest: int
    consent: str = "public"
    orgs: list[tuple[str, str]] = field(default_factory=list)
    key: str | None = None
    circle: str | None = None  # "elite": deciders far from residents; "buffer": all they know
    spanner: bool = False
    youth: bool = False
    periphery: bool = False
    survivor: bool = False


class Generator:
    """Draws the demo's people and ties; every draw comes from one seeded generator."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.residents_plan = read_yaml("residents")
        self.names = read_yaml("names")
        self.people: list[DemoPerson] = []
        self.by_key: dict[str, DemoPerson] = {}
        self.used_names: set[str] = set()
        self.ties: list[dict[str, object]] = []
        self.tie_keys: set[tuple[str, str, str]] = set()
        self.knows: dict[str, set[str]] = defaultdict(set)

    # ---- building blocks ----------------------------------------------------------------
    def name_for(self, neighbourhood: str) -> str:
        plan = self.residents_plan
        weights = plan["heritage_weights"].get(neighbourhood, plan["default_heritage"])
        groups = list(weights)
        while True:
            group = self.rng.choices(groups, [weights[g] for g in groups])[0]
            # Surnames usually, not always, follow the same heritage.
            last_group = group if self.rng.random() < 0.93 else self.rng.choice(groups)
            first = self.rng.choice(self.names["first"][group])
            name = f"{first} {self.rng.choice(self.names['last'][last_group])}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def tie(self, type_: str, source: str, target: str, **fields: object) -> None:
        key = (type_, source, target)
        if key in self.tie_keys or source == target:
            return
        self.tie_keys.add(key)
        row: dict[str, object] = {"type": type_, "source": source, "target": target}
        row.update({k: v for k, v in fields.items() if v is not None})
        self.ties.append(row)

    def know(self, a: str, b: str) -> None:
        if a == b or b in self.knows[a]:
            return
        self.knows[a].add(b)
        self.knows[b].add(a)
        source, target = sorted((a, b))
        self.tie("KNOWS", source, target)

    def ref(self, value: str) -> str:
        """An id, with ``@key`` resolved to the id of the person holding that key."""
        return self.by_key[value[1:]].id if value.startswith("@") else value

    def add_curated(self, table: str) -> None:
        """Add the hand-written ties of ``demo_source/<table>.csv``, in their order."""
        for row in read_table(table):
            fields = {f: self.ref(v) for f, v in row.items() if v}
            type_, source, target = fields.pop("type"), fields.pop("source"), fields.pop("target")
            if type_ == "KNOWS":
                self.know(source, target)
            else:
                self.tie(type_, source, target, **fields)

    def add_person(self, **fields: Any) -> DemoPerson:
        person = DemoPerson(id=f"p{len(self.people) + 1:03d}", **fields)
        self.people.append(person)
        if person.key:
            self.by_key[person.key] = person
        return person

    def person(self, pid: str) -> DemoPerson:
        return self.people[int(pid[1:]) - 1]

    def residents(self, *, youth: bool | None = None, periphery: bool = False) -> list[DemoPerson]:
        return [
            p
            for p in self.people
            if p.tripod_role == "lived_experience"
            and p.periphery == periphery
            and (youth is None or p.youth == youth)
        ]

    def of_role(self, role: str) -> list[DemoPerson]:
        return [p for p in self.people if p.tripod_role == role]

    # ---- people -------------------------------------------------------------------------
    def make_people(self) -> None:
        villages = self.residents_plan["villages"]
        slots = (("formal_leader", "formal_leaders"), ("community_connector", "connectors"))
        for role, table in slots:
            for row in read_table(table):
                hood, sector = row["neighbourhood"], row["sector"]
                local = role != "formal_leader" and hood in villages  # a connector who lives here
                self.add_person(
                    key=row["key"],
                    name=self.name_for(hood),
                    tripod_role=role,
                    sectors=[sector, "resident"] if local else [sector],
                    neighbourhood=hood,
                    power=int(row["power"]),
                    interest=int(row["interest"]),
                    orgs=[(o, row["title"]) for o in row["organizations"].split(";") if o],
                    circle=row.get("circle") or None,
                    spanner=row.get("spanner") == "true",
                )
        rng = self.rng
        for hood, counts in self.residents_plan["plan"].items():
            for i in range(counts["adults"] + counts["youth"]):
                is_youth = i >= counts["adults"]
                power = rng.choices([0, 1, 2], [0.55, 0.38, 0.07])[0]
                if is_youth:
                    power = rng.choice([0, 1])
                    interest = rng.choice([4, 5, 5])
                else:
                    interest = rng.choices([1, 2, 3, 4, 5], [0.08, 0.17, 0.3, 0.25, 0.2])[0]
                faith = not is_youth and rng.random() >= 0.8
                self.add_person(
                    name=self.name_for(hood),
                    tripod_role="lived_experience",
                    sectors=["resident", "faith"] if faith else ["resident"],
                    neighbourhood=hood,
                    power=power,
                    interest=interest,
                    youth=is_youth,
                )
        for hood in self.residents_plan["periphery"]:
            self.add_person(
                name=self.name_for(hood),
                tripod_role="lived_experience",
                sectors=["resident"],
                neighbourhood=hood,
                power=0,
                interest=rng.choice([1, 2, 3]),
                periphery=True,
            )
        self.assign_resident_roles()
        self.assign_consent()

    def give_key(self, person: DemoPerson, key: str) -> None:
        person.key = key
        self.by_key[key] = person

    def assign_resident_roles(self) -> None:
        """Give residents their organizations, and pick the residents who hold assets."""
        rng = self.rng
        for p in self.residents(youth=True):
            p.orgs = [("youth-council", "youth champion"), ("d209", "student")]
        adults = self.residents(youth=False)
        for p in adults:
            choices = [(o, r) for o, r in self.residents_plan["organizations"][p.neighbourhood]]
            n = rng.choices([0, 1, 2], [0.3, 0.5, 0.2])[0]
            p.orgs = rng.sample(choices, min(n, len(choices)))
        # DV survivors who train with the police: members of Safe Harbor, private.
        near = [p for p in adults if p.neighbourhood in ("Maywood", "Bellwood", "Forest Park")]
        for p in rng.sample(near, 3):
            p.orgs.append(("safe-harbor", "survivor advocate"))
            p.survivor = True
        # Asset-holding residents, keyed for assets.csv's "@key" holders.
        pool = [p for p in adults if not p.survivor]
        rng.shuffle(pool)
        gardeners = [p for p in pool if p.neighbourhood in ("Maywood", "Bellwood", "Broadview")]
        for i, p in enumerate(gardeners[:4], start=1):
            self.give_key(p, f"yard{i}")
        rest = [p for p in pool if p.key is None]
        self.give_key(next(p for p in rest if p.neighbourhood == "Melrose Park"), "interpreter")
        rest = [p for p in rest if p.key is None]
        for key in ("testifier", "datavol", "cook", "elder", "parent"):
            self.give_key(rest.pop(), key)
        self.by_key["elder"].power = 1
        self.by_key["testifier"].interest = 5
        self.give_key(self.residents(youth=True)[0], "videomaker")

    def assign_consent(self) -> None:
        rng = self.rng
        youth = self.residents(youth=True)
        private = [p for p in self.people if p.survivor] + [self.by_key["dv-advocate"]]
        private += rng.sample(youth, 2)
        others = [
            p
            for p in self.residents(youth=False) + self.residents(periphery=True)
            if p not in private and p.key is None
        ]
        private += rng.sample(others, 4)
        for p in private:
            p.consent = "private"
        coalition = rng.sample([p for p in youth if p not in private], 6)
        coalition += rng.sample([p for p in others if p not in private], 6)
        connectors = self.of_role("community_connector")
        coalition += rng.sample([p for p in connectors if p not in private], 3)
        for p in coalition:
            p.consent = "coalition"

    # ---- social ties --------------------------------------------------------------------
    def make_social_ties(self) -> None:
        rng, by_key, know = self.rng, self.by_key, self.know
        connectors = self.of_role("community_connector")
        spanners = [p for p in connectors if p.spanner]

        # 1. Neighbourhood clusters among residents and connectors, by block (about
        # eight people a block).
        by_hood: dict[str, list[DemoPerson]] = defaultdict(list)
        for p in self.people:
            if p.tripod_role != "formal_leader" and not p.periphery:
                by_hood[p.neighbourhood].append(p)
        block: dict[str, int] = {}
        for members in by_hood.values():
            order = list(range(len(members)))
            rng.shuffle(order)
            for rank, i in enumerate(order):
                block[members[i].id] = rank * max(1, round(len(members) / 8)) // len(members)
        for members in by_hood.values():
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    pr = 0.25 if block[a.id] == block[b.id] else 0.015
                    if a.youth and b.youth:
                        pr = 0.3
                    elif a.tripod_role == b.tripod_role == "community_connector":
                        pr = 0.15
                    if rng.random() < pr:
                        know(a.id, b.id)
        # Every resident knows at least one connector from the same neighbourhood.
        for p in self.residents():
            near = [c for c in connectors if c.neighbourhood == p.neighbourhood]
            if near and not any(c.id in self.knows[p.id] for c in near):
                know(p.id, rng.choice(near).id)

        # 2. Youth champions: a dense cluster across villages, held by their adults.
        youth = self.residents(youth=True)
        for i, a in enumerate(youth):
            for b in youth[i + 1 :]:
                if rng.random() < 0.2:
                    know(a.id, b.id)
        for key in ("youth-coord", "teacher1"):
            for y in youth:
                if key == "youth-coord" or rng.random() < 0.5:
                    know(by_key[key].id, y.id)
        for y in rng.sample(youth, 4):
            know(by_key["ymca-youth"].id, y.id)

        # 3. Organization co-members know each other; elite and buffer leaders keep to
        # formal circles.
        org_members: dict[str, list[DemoPerson]] = defaultdict(list)
        for p in self.people:
            for org, _role in p.orgs:
                org_members[org].append(p)
        for org, group in org_members.items():
            if org in ("d209", "youth-council"):
                continue  # students are handled in step 2
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    roles = (a.tripod_role, b.tripod_role)
                    if (a.circle or b.circle) and "formal_leader" not in roles:
                        continue
                    if (a.circle and b.tripod_role != "formal_leader") or (
                        b.circle and a.tripod_role != "formal_leader"
                    ):
                        continue
                    if roles == ("lived_experience", "lived_experience"):
                        pr = 0.15
                    elif "lived_experience" in roles:
                        pr = 0.0 if "formal_leader" in roles else 0.2
                    else:
                        pr = 0.7
                    if rng.random() < pr:
                        know(a.id, b.id)

        # 4. Connectors know other connectors across the township.
        for i, a in enumerate(connectors):
            for b in connectors[i + 1 :]:
                if rng.random() < (0.15 if a.spanner or b.spanner else 0.04):
                    know(a.id, b.id)

        # 5. Formal leaders: dense by sector, sparse across sectors; key coalition leaders
        # know about a third of them.  Elite and buffer leaders move in their own circle.
        ordinary = [p for p in self.of_role("formal_leader") if p.circle is None]
        for i, a in enumerate(ordinary):
            for b in ordinary[i + 1 :]:
                if rng.random() < (0.45 if a.sectors[0] == b.sectors[0] else 0.07):
                    know(a.id, b.id)
        for key in ("pp4h-dir", "luc-chair", "cbo"):
            for b in ordinary:
                if rng.random() < 0.35:
                    know(by_key[key].id, b.id)
        self.add_curated("leaders_circle")

        # 6. Boundary spanners reach formal leaders and residents of other villages.
        spanner_leaders = [p for p in ordinary if p.key != "procurement"]
        for s in spanners:
            for leader in rng.sample(spanner_leaders, rng.randint(3, 5)):
                know(s.id, leader.id)
            far = [p for p in self.residents(youth=False) if p.neighbourhood != s.neighbourhood]
            for p in rng.sample(far, rng.randint(3, 5)):
                know(s.id, p.id)
        # A few ordinary residents know a local formal leader (mayor, library director).
        for key in ("pp4h-dir", "mayor-maywood", "library-dir", "d89-wellness"):
            leader = by_key[key]
            hoods = (leader.neighbourhood, "Maywood")
            near = [p for p in self.residents(youth=False) if p.neighbourhood in hoods]
            for p in rng.sample(near, 3):
                know(leader.id, p.id)
        # Every connector knows a few neighbours and at least one boundary spanner.
        for c in connectors:
            if len(self.knows[c.id]) < 3:
                near = [p for p in self.residents() if p.neighbourhood == c.neighbourhood]
                for p in rng.sample(near, min(2, len(near))):
                    know(c.id, p.id)
                know(c.id, rng.choice(spanners).id)

        # 7. Periphery: a chain of neighbours reaching in through one Melrose Park
        # resident who knows only residents.
        sp1, sp2, sp3, nl1, nl2, bk1 = (p.id for p in self.residents(periphery=True))
        for a_id, b_id in [(sp1, sp2), (sp2, sp3), (sp1, sp3), (sp3, nl1), (nl1, nl2), (nl2, bk1)]:
            know(a_id, b_id)
        melrose = [p for p in self.residents(youth=False) if p.neighbourhood == "Melrose Park"]
        secluded = [
            p
            for p in melrose
            if not p.orgs
            and all(self.person(q).tripod_role == "lived_experience" for q in self.knows[p.id])
        ]
        know(bk1, (secluded or melrose)[0].id)

        # 8. TRUSTS: a directed subset of KNOWS, stronger among peers than across power.
        pairs = sorted({(min(a, b), max(a, b)) for a in self.knows for b in self.knows[a]})
        for a_id, b_id in pairs:
            for src, dst in ((a_id, b_id), (b_id, a_id)):
                if rng.random() < 0.22:
                    pa, pb = self.person(src), self.person(dst)
                    gap = abs(pa.power - pb.power)
                    base = 4 if pa.neighbourhood == pb.neighbourhood else 3
                    strength = max(1, min(5, base - gap // 2 + rng.choice([-1, 0, 0, 1])))
                    self.tie("TRUSTS", src, dst, strength=strength)

    # ---- memberships, levers, framework -------------------------------------------------
    def make_memberships(self) -> None:
        for p in self.people:
            for org, role in p.orgs:
                self.tie("MEMBER_OF", p.id, org, role=role)
        # People living in a village community are its members (formal leaders half the
        # time); other township residents belong to the township.  Elite and buffer
        # leaders and the periphery do not.
        village_community = {
            v: "com-" + v.lower().replace(" ", "-") for v in self.residents_plan["villages"]
        }
        for p in self.people:
            if p.circle or p.periphery:
                continue
            hood, leader = p.neighbourhood, p.tripod_role == "formal_leader"
            if hood in village_community and (not leader or self.rng.random() < 0.5):
                self.tie("MEMBER_OF", p.id, village_community[hood], role="resident")
            elif hood in ("Hillside", "Westchester") and not leader:
                self.tie("MEMBER_OF", p.id, "com-proviso", role="resident")
        self.add_curated("core_team")
        for y in self.rng.sample(self.residents(youth=True), 3):
            self.tie("MEMBER_OF", y.id, "com-proviso", role="core team (youth)")
        self.add_curated("organization_ties")

    def make_lever_ties(self) -> None:
        self.add_curated("lever_ties")
        # Residents with lived experience weigh in on the levers closest to home.
        adults = self.residents(youth=False)
        pools = {
            "garden-ordinance": [p for p in adults if p.neighbourhood in ("Maywood", "Bellwood")],
            "school-salad": self.residents(youth=True),
            "food-hub-procurement": adults,
            "snap-match": [p for p in adults if p.neighbourhood == "Melrose Park"],
        }
        stances = [str(s) for s in Stance][:4]  # champion .. skeptic
        for lever, people in pools.items():
            for p in self.rng.sample(people, min(4, len(people))):
                stance = self.rng.choices(stances, [0.35, 0.4, 0.15, 0.1])[0]
                self.tie("INFLUENCES", p.id, lever, stance=stance)
        self.tie("INFLUENCES", self.by_key["testifier"].id, "cb-allocation", stance="champion")

    # ---- spread of bright spots ---------------------------------------------------------
    @staticmethod
    def s_curve(total: int, midpoint: float, scale: float, periods: int = 12) -> list[int]:
        """New adopters per period 1..periods following a logistic curve."""
        cdf = [1 / (1 + math.exp(-(t + 0.5 - midpoint) / scale)) for t in range(periods + 1)]
        lo, hi = cdf[0], cdf[-1]
        shares = [(cdf[t] - cdf[t - 1]) / (hi - lo) * total for t in range(1, periods + 1)]
        counts = [int(s) for s in shares]
        order = sorted(range(periods), key=lambda i: shares[i] - counts[i], reverse=True)
        for i in order[: total - sum(counts)]:
            counts[i] += 1
        if counts[0] == 0:
            counts[0] = 1
            counts[counts.index(max(counts))] -= 1
        return counts

    def spread(
        self, spot: str, eligible: list[str], seeds: list[str], total: int, mid: float, scale: float
    ) -> None:
        """Adopters of ``spot`` period by period, drawn with weight 1 + 5 × adopters known."""
        rng = self.rng
        adopted: dict[str, int] = {}
        pending = list(seeds)
        candidates = [e for e in eligible if e not in seeds]
        for period, count in enumerate(self.s_curve(total, mid, scale), start=1):
            new: list[str] = []
            while pending and len(new) < count:
                new.append(pending.pop(0))
            while len(new) < count and candidates:
                weights = [1 + 5 * len(self.knows[c] & adopted.keys()) for c in candidates]
                pick = rng.choices(candidates, weights)[0]
                candidates.remove(pick)
                new.append(pick)
            for pid in new:
                teachers = sorted(n for n in self.knows[pid] if n in adopted)
                learned = rng.choice(teachers) if teachers and rng.random() < 0.85 else None
                self.tie("ADOPTED", pid, spot, period=period, learned_from=learned)
            for pid in new:
                adopted[pid] = period

    def make_adoptions(self) -> None:
        def ids(people: list[DemoPerson]) -> list[str]:
            return [p.id for p in people]

        def keys(*names: str) -> list[str]:
            return [self.by_key[k].id for k in names]

        plain = [p for p in self.people if not p.circle and not p.periphery]
        youth, adults = ids(self.residents(youth=True)), ids(self.residents(youth=False))
        connectors = ids([p for p in plain if p.tripod_role == "community_connector"])
        formal = ids([p for p in plain if p.tripod_role == "formal_leader"])
        gardeners = [a for a in adults if self.person(a).neighbourhood != "Hillside"]
        salad = keys("teacher1", "teacher2", "d209-food", "d89-wellness", "pta", "ymca-youth")
        self.spread(
            "bs-salad-bar", youth + salad + adults[:6], [*keys("teacher1"), youth[1]], 20, 4.5, 1.0
        )
        self.spread(
            "bs-yard-gardens", gardeners + connectors, keys("garden-coord", "yard1"), 40, 6.5, 1.4
        )
        catering = keys("chef-instructor", "coop-mgr", "hub-mgr") + adults[10:22]
        self.spread("bs-healthy-catering", catering, keys("caterer"), 9, 5.0, 1.5)
        walkers = youth + connectors + adults
        self.spread("bs-asset-walks", walkers, [*keys("youth-coord"), youth[0]], 16, 8.0, 1.2)
        listening = keys("luc-chair", "pp4h-dir")
        self.spread("bs-empathy-listening", connectors + formal, listening, 14, 5.5, 1.5)
        self.add_curated("adoptions")

    def run(self) -> None:
        self.make_people()
        self.make_social_ties()
        self.make_memberships()
        self.make_lever_ties()
        self.add_curated("framework_ties")
        self.add_curated("community_ties")
        self.make_adoptions()

    # ---- output -------------------------------------------------------------------------
    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        people = [
            [p.id, p.name, p.tripod_role, ";".join(p.sectors), p.neighbourhood, p.power]
            + [p.interest, p.consent, "true" if p.youth else "false"]
            for p in self.people
        ]
        _write_csv(out / "people.csv", [*TEMPLATE_COLUMNS["people"], "youth"], people)
        for name in NODE_TABLES:
            columns = TEMPLATE_COLUMNS[name]
            rows = read_table(name)
            if rows and list(rows[0]) != columns:
                raise SystemExit(f"{SOURCE / name}.csv: the columns must be {','.join(columns)}")
            if name == "assets":
                rows = [{**row, "holder": self.ref(row["holder"])} for row in rows]
            _write_csv(out / f"{name}.csv", columns, [list(row.values()) for row in rows])
        fields = TEMPLATE_COLUMNS["ties"]
        _write_csv(out / "ties.csv", fields, [[t.get(f) for f in fields] for t in self.ties])


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(["" if v is None else str(v) for v in row] for row in rows)


def broken_promises(folder: Path) -> list[str]:
    """The demo's promises that the map in ``folder`` breaks (none, when all is well).

    The map is read with :func:`cosgraph.loaders.read_map`, so every row passes the
    loader's checks and ``needs`` are parsed by :class:`cosgraph.model.Lever`; reach,
    matching and connectedness come from cosgraph's own analyses.
    """
    cmap = read_map(folder)
    G = cmap.to_graph()
    broken: list[str] = []
    residents = [
        n.id for n in cmap.nodes if isinstance(n, Person) and n.tripod_role == "lived_experience"
    ]
    every_tie = nx.Graph(G.to_undirected())
    for lever, path in trust_paths(every_tie, residents, FAR_LEVERS).items():
        if len(path) - 1 < FAR_STEPS:
            broken.append(f"{lever} is {len(path) - 1} ties from resident {path[-1]}")
    for k, promised in ((2, UNREACHED_WITHIN_TWO), (3, [])):
        unreached = sorted(power_map(G, k=k).unreached_levers)
        if unreached != promised:
            broken.append(f"power map, k={k}: unreached levers {unreached}, not {promised}")

    matching = match_assets(G)
    short = [(s.lever, s.capability) for s in matching.short]
    if short != [SHORT]:
        broken.append(f"the matching leaves {short} short, not {[SHORT]}")
    supply: Counter[str] = Counter()
    demand: Counter[str] = Counter()
    for node in cmap.nodes:
        if isinstance(node, Asset):
            supply.update({c: node.capacity for c in node.capabilities})
        elif isinstance(node, Lever):
            demand.update(node.needs)
    scarce = [c for c in demand if supply[c] < demand[c]]
    if scarce != [SHORT[1]]:
        broken.append(f"supply falls below demand for {scarce}, not only {SHORT[1]}")
    untapped = {u.asset for u in matching.untapped if u.entirely}
    for asset in UNTAPPED_ASSETS:
        if asset not in untapped:
            broken.append(f"{asset} is not entirely untapped")
    if not nx.is_connected(trust_graph(G)):
        broken.append("the people and organizations are not one connected component")
    return broken


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default: %(default)s)")
    args = parser.parse_args()
    gen = Generator(args.seed)
    gen.run()
    gen.write(args.out)
    counts = Counter(str(t["type"]) for t in gen.ties)
    print(
        f"wrote {args.out}: {len(gen.people)} people, {len(read_table('organizations'))} "
        f"organizations, {len(read_table('assets'))} assets, {len(read_table('levers'))} "
        f"levers, {len(gen.ties)} ties"
    )
    print("  " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    broken = broken_promises(args.out)
    if broken:
        raise SystemExit("the demo breaks its promises: " + "; ".join(broken))


if __name__ == "__main__":
    main()
