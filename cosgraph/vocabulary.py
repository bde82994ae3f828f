"""Names the whole package shares: tie type groups, node kinds' sheets, consent, audiences.

Plain strings (and the string enumeration :class:`Consent`) only, so any module may
import them without pulling in the model: the command line builds its options from
them without importing pydantic.  :mod:`cosgraph.model` re-exports the model's names
here and :mod:`cosgraph.consent` the audiences; that is where callers import them
from.  Each group is written once: an analysis, a view, a loader and an export that
mean "the ties between actors" all read :data:`CONTACT_TIE_TYPES`.

>>> SOCIAL_TIE_TYPES
('KNOWS', 'TRUSTS', 'PARTNERS_WITH', 'MEMBER_OF')
>>> SHEET_OF_KIND["peer_team"], TIES_SHEET
('peer_teams', 'ties')
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Consent",
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "AUDIENCE_ENV",
    "ACTOR_KINDS",
    "FRAMEWORK_TIE_TYPES",
    "CONTACT_TIE_TYPES",
    "SOCIAL_TIE_TYPES",
    "COMMUNITY_CONTACT_TIE_TYPES",
    "LEVER_TIE_TYPES",
    "SHEET_OF_KIND",
    "TIES_SHEET",
    "SKILLS_SHEET",
    "SKILL_TIE_TYPES",
]


class Consent(StrEnum):
    """How widely a person agreed to be shown.

    ``public``: on any map or export; ``coalition``: only to coalition members;
    ``private``: only to the map's stewards.  An audience sees a person when the
    person's consent is at least as open as the audience (see :func:`cosgraph.model.visible_to`).
    """

    PUBLIC = "public"
    COALITION = "coalition"
    PRIVATE = "private"


#: Who an output is for: one audience per consent, from the widest to the narrowest.
AUDIENCES = tuple(str(c) for c in Consent)
#: The audience of every output unless told otherwise.
DEFAULT_AUDIENCE = str(Consent.PUBLIC)
#: The environment variable a steward sets to change the default (read by the CLI only).
AUDIENCE_ENV = "COSGRAPH_AUDIENCE"

#: Node kinds that act: they know, trust, broker, hold power and decide levers.
ACTOR_KINDS = ("person", "organization")

#: Ties inside the framework reference graph, written by ``cosgraph init`` and never by
#: a load: they are not the user's map (exports, copies, templates and counts skip them).
FRAMEWORK_TIE_TYPES = ("SUPPORTS", "HAS_SKILL")
#: Ties of regard between actors (people and organizations): they carry a practice
#: and give standing; MEMBER_OF is affiliation, not regard, so it is not one of them.
CONTACT_TIE_TYPES = ("KNOWS", "TRUSTS", "PARTNERS_WITH")
#: Ties that carry relationships between actors: contact plus membership.
SOCIAL_TIE_TYPES = (*CONTACT_TIE_TYPES, "MEMBER_OF")
#: Ties between communities that carry a practice.
COMMUNITY_CONTACT_TIE_TYPES = ("PEER_OF", "MENTORS", "VISITED")
#: Ties from an actor to a lever it decides or influences.
LEVER_TIE_TYPES = ("DECIDES", "INFLUENCES")

#: Node kind -> its sheet in a workbook (or its CSV file's stem in a folder), in the
#: order the README's layout table gives them.  Framework kinds have no sheet.
SHEET_OF_KIND = {
    "person": "people",
    "organization": "organizations",
    "asset": "assets",
    "lever": "levers",
    "community": "communities",
    "peer_team": "peer_teams",
    "bright_spot": "bright_spots",
}
#: The sheet (or CSV file stem) that holds the ties.
TIES_SHEET = "ties"
#: The sheet (or CSV file stem) that asks, in plain words, which skill domains each
#: actor practises and which behaviors it shows: its rows become SKILL_TIE_TYPES ties.
SKILLS_SHEET = "skills"
#: Ties from an actor or a community into the framework: the skill domains (or skills)
#: it PRACTISES and the behaviors it EXHIBITS, which the crosswalk reads.
SKILL_TIE_TYPES = ("PRACTISES", "EXHIBITS")
