#!/usr/bin/env python3
"""Generate the bundled demo coalition in ``cosgraph/data/demo/``.

The demo is a *fictional* coalition modelled on the Proviso Partners for Health
(PP4H) case study in "Overview of SCALE and a Community of Solutions" (Stout, 2017):
a cross-sector coalition in Proviso Township, in the west suburbs of Chicago,
anchored by a health system, working on healthy food access, community gardens,
youth-led salad bar tests, a sweetened-beverage tax and community benefit dollars.

Organizations, levers, assets, communities, peer teams and bright spots are
hand-curated below.  People's names and the social ties between them are drawn
at random from a fixed seed, so running the script again writes the same files.

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
from collections import defaultdict, deque
from pathlib import Path

from cosgraph.session import TEMPLATE_COLUMNS  # the one statement of the sheet layout

SEED = 20170301
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "cosgraph" / "data" / "demo"

# --------------------------------------------------------------------------------------
# Organizations: (id, name, sector, anchor, power, interest)
# --------------------------------------------------------------------------------------
ORGANIZATIONS = [
    ("loyola", "Loyola Medicine (Loyola University Health System)", "health_care", True, 5, 3),
    ("gottlieb", "Gottlieb Memorial Hospital (Loyola Medicine)", "health_care", False, 3, 3),
    ("luc-ph", "Loyola University Chicago, Public Health Sciences", "education", True, 4, 5),
    ("pp4h", "Proviso Partners for Health (backbone)", "community_based", False, 3, 5),
    ("d209", "Proviso Township High Schools District 209", "education", False, 4, 3),
    ("d89", "Maywood-Melrose Park-Broadview School District 89", "education", False, 3, 3),
    ("triton", "Triton College", "education", False, 3, 2),
    ("extension", "University of Illinois Extension, Cook County", "education", False, 2, 4),
    ("cookco-dph", "Cook County Department of Public Health", "public_health", False, 4, 4),
    ("cookco-board", "Cook County Board of Commissioners", "government", False, 5, 2),
    ("idhs", "Illinois Department of Human Services (SNAP-Ed)", "government", False, 5, 1),
    ("maywood-village", "Village of Maywood", "government", False, 3, 3),
    ("bellwood-village", "Village of Bellwood", "government", False, 2, 2),
    ("melrose-village", "Village of Melrose Park", "government", False, 3, 1),
    ("maywood-parks", "Maywood Park District", "government", False, 2, 3),
    ("maywood-police", "Maywood Police Department", "government", False, 3, 2),
    ("maywood-library", "Maywood Public Library District", "government", False, 1, 3),
    ("proviso-mhc", "Proviso Township Mental Health Commission", "public_health", False, 2, 3),
    ("pfhc", "Proviso Family Health Center", "health_care", False, 2, 4),
    ("food-hub", "Proviso Healthy Food Hub", "community_based", False, 1, 5),
    ("garden-network", "Proviso Garden Network", "community_based", False, 1, 5),
    ("urban-farm", "Maywood Urban Farm Collective", "community_based", False, 1, 5),
    ("youth-council", "Champions for Change Youth Council", "community_based", False, 1, 5),
    ("catering", "Seeds & Greens Healthy Catering", "business", False, 1, 4),
    ("food-coop", "Proviso Community Food Co-op", "business", False, 1, 4),
    ("chamber", "Maywood-Bellwood Chamber of Commerce", "business", False, 2, 2),
    ("fresh-corner", "Fresh Corner Market", "business", False, 1, 3),
    ("bev-assoc", "Illinois Beverage Retailers Association", "business", False, 3, 4),
    ("wsv", "West Suburban Voice (community newspaper)", "business", False, 2, 2),
    ("new-hope", "Greater New Hope Missionary Baptist Church", "faith", False, 2, 4),
    ("nueva-vida", "Iglesia Nueva Vida, Melrose Park", "faith", False, 1, 3),
    ("interfaith", "Bellwood Interfaith Alliance", "faith", False, 1, 3),
    ("wscf", "West Suburban Community Foundation", "philanthropy", False, 4, 3),
    ("mhef", "Midwest Health Equity Fund", "philanthropy", False, 3, 4),
    ("family-services", "Proviso Family Services", "social_services", False, 2, 3),
    (
        "safe-harbor",
        "Safe Harbor West (domestic violence services)",
        "social_services",
        False,
        1,
        3,
    ),
    ("ymca", "West Suburban YMCA", "social_services", False, 2, 3),
    ("food-pantry", "Proviso Community Food Pantry", "social_services", False, 1, 4),
]

# PARTNERS_WITH org -> org, with the kind of partnership as the tie's role.
PARTNERSHIPS = [
    ("pp4h", "loyola", "anchor institution"),
    ("pp4h", "luc-ph", "co-lead and evaluation"),
    ("pp4h", "gottlieb", "community benefit"),
    ("pp4h", "d209", "school wellness"),
    ("pp4h", "d89", "school wellness"),
    ("pp4h", "cookco-dph", "grant partner"),
    ("pp4h", "maywood-village", "land and permits"),
    ("pp4h", "bellwood-village", "land and permits"),
    ("pp4h", "maywood-parks", "park programming"),
    ("pp4h", "maywood-police", "community safety"),
    ("pp4h", "maywood-library", "meeting space"),
    ("pp4h", "pfhc", "referrals"),
    ("pp4h", "food-hub", "fiscal sponsor"),
    ("pp4h", "garden-network", "fiscal sponsor"),
    ("pp4h", "urban-farm", "growing partner"),
    ("pp4h", "youth-council", "youth leadership"),
    ("pp4h", "catering", "social enterprise"),
    ("pp4h", "food-coop", "social enterprise"),
    ("pp4h", "new-hope", "faith partner"),
    ("pp4h", "nueva-vida", "faith partner"),
    ("pp4h", "interfaith", "faith partner"),
    ("pp4h", "wscf", "funder"),
    ("pp4h", "mhef", "funder"),
    ("pp4h", "family-services", "referrals"),
    ("pp4h", "ymca", "youth programming"),
    ("pp4h", "food-pantry", "food access"),
    ("pp4h", "triton", "culinary training"),
    ("pp4h", "wsv", "media partner"),
    ("pp4h", "proviso-mhc", "behavioral health"),
    ("loyola", "luc-ph", "academic partner"),
    ("loyola", "gottlieb", "health system"),
    ("loyola", "pfhc", "clinical affiliation"),
    ("loyola", "wscf", "co-funder"),
    ("loyola", "triton", "workforce pipeline"),
    ("loyola", "cookco-dph", "community health needs assessment"),
    ("luc-ph", "d209", "research partner"),
    ("luc-ph", "cookco-dph", "data sharing"),
    ("luc-ph", "mhef", "grantee"),
    ("gottlieb", "catering", "catering contract"),
    ("gottlieb", "food-hub", "food purchasing"),
    ("d209", "youth-council", "school club"),
    ("d209", "d89", "feeder district"),
    ("d209", "triton", "dual credit"),
    ("d89", "extension", "nutrition lessons"),
    ("extension", "garden-network", "master gardeners"),
    ("extension", "food-pantry", "nutrition education"),
    ("extension", "idhs", "SNAP-Ed implementing agency"),
    ("cookco-dph", "cookco-board", "county agency"),
    ("cookco-dph", "pfhc", "clinic partner"),
    ("cookco-dph", "idhs", "state-county coordination"),
    ("maywood-village", "maywood-parks", "shared parks"),
    ("maywood-village", "maywood-police", "village department"),
    ("maywood-village", "maywood-library", "village services"),
    ("maywood-village", "chamber", "economic development"),
    ("bellwood-village", "chamber", "economic development"),
    ("melrose-village", "nueva-vida", "community events"),
    ("food-hub", "urban-farm", "supply"),
    ("food-hub", "food-coop", "supply"),
    ("food-hub", "catering", "supply"),
    ("food-hub", "fresh-corner", "wholesale"),
    ("food-hub", "food-pantry", "surplus sharing"),
    ("garden-network", "urban-farm", "shared tools"),
    ("garden-network", "new-hope", "church garden"),
    ("garden-network", "interfaith", "congregation gardens"),
    ("catering", "triton", "apprenticeships"),
    ("catering", "chamber", "member business"),
    ("fresh-corner", "chamber", "member business"),
    ("chamber", "bev-assoc", "trade association"),
    ("new-hope", "food-pantry", "host site"),
    ("nueva-vida", "food-pantry", "host site"),
    ("interfaith", "safe-harbor", "shelter network"),
    ("safe-harbor", "maywood-police", "officer training"),
    ("family-services", "safe-harbor", "referrals"),
    ("family-services", "proviso-mhc", "grantee"),
    ("ymca", "maywood-parks", "shared programs"),
    ("ymca", "youth-council", "youth programming"),
    ("wscf", "mhef", "co-funders"),
    ("wscf", "ymca", "grantee"),
    ("wsv", "chamber", "advertising"),
]

# --------------------------------------------------------------------------------------
# Levers: (id, name, lever_kind, needs)
# --------------------------------------------------------------------------------------
LEVERS = [
    (
        "soda-tax",
        "County-wide sweetened beverage tax",
        "policy",
        "policy_advocacy=4; media=2; volunteers=40; data_analysis=1",
    ),
    (
        "soda-proceeds",
        "Dedicate beverage-tax proceeds to community-led prevention",
        "policy",
        "policy_advocacy=2; data_analysis=1",
    ),
    (
        "cb-allocation",
        "Redirect hospital community benefit allocations to resident-set priorities",
        "system",
        "data_analysis=2; policy_advocacy=1; meeting_space=2",
    ),
    (
        "school-salad",
        "Healthy salad bar as a standard item on school menus",
        "system",
        "youth_outreach=15; cooking_instruction=2; volunteers=10; data_analysis=1; funding=12000",
    ),
    (
        "garden-ordinance",
        "Village ordinance allowing yard and vacant-lot food growing",
        "policy",
        "land=30000; policy_advocacy=1; volunteers=25",
    ),
    (
        "food-hub-procurement",
        "Healthy food hub with local procurement",
        "environment",
        "funding=180000; land=8000; meeting_space=1; cooking_instruction=2; volunteers=15",
    ),
    (
        "park-joint-use",
        "Joint-use agreement for parks between Park District and Village",
        "environment",
        "meeting_space=2; land=20000; policy_advocacy=1",
    ),
    (
        "snap-match",
        "Double-up SNAP dollars at the food hub and farm stands",
        "system",
        "funding=40000; translation=4; volunteers=8; media=1",
    ),
    (
        "snap-ed-formula",
        "State SNAP-Ed allocation formula that funds community-led food hubs",
        "policy",
        "data_analysis=2; policy_advocacy=2",
    ),
    (
        "local-hiring",
        "Anchor institution local hiring and purchasing commitment",
        "system",
        "youth_outreach=10; data_analysis=1; funding=50000",
    ),
]

#: Levers designed so that no resident with lived experience reaches them in 3 steps.
UNREACHABLE_LEVERS = ["soda-proceeds", "snap-ed-formula"]
#: The lever whose need for one capability exceeds everything the map holds.
SHORT_LEVER = ("snap-match", "translation")

# --------------------------------------------------------------------------------------
# Assets: (id, name, asset_kind, capabilities, capacity, holder).  A holder written as
# "@key" is a person slot, resolved to that person's id once people are generated.
# --------------------------------------------------------------------------------------
ASSETS = [
    # funding (needed 282000; held 325000)
    ("a-loyola-cb-fund", "Community benefit grant pool", "financial", "funding", 150000, "loyola"),
    ("a-wscf-grants", "Health equity small grants", "financial", "funding", 75000, "wscf"),
    ("a-mhef-grant", "Multi-year coalition grant", "financial", "funding", 60000, "mhef"),
    (
        "a-cookco-minigrants",
        "Chronic disease prevention mini-grants",
        "financial",
        "funding",
        25000,
        "cookco-dph",
    ),
    (
        "a-catering-revenue",
        "Catering revenue set aside for the coalition",
        "financial",
        "funding",
        15000,
        "catering",
    ),
    # meeting_space (needed 5; held 6)
    ("a-newhope-hall", "Fellowship hall", "physical_space", "meeting_space", 1, "new-hope"),
    (
        "a-library-room",
        "Library community room",
        "physical_space",
        "meeting_space",
        2,
        "maywood-library",
    ),
    ("a-loyola-conf", "Hospital conference rooms", "physical_space", "meeting_space", 2, "loyola"),
    ("a-ymca-gym", "YMCA multipurpose room", "physical_space", "meeting_space", 1, "ymca"),
    # land, square feet (needed 58000; held 64000)
    (
        "a-vacant-lots",
        "Village-owned vacant lot inventory",
        "physical_space",
        "land",
        15000,
        "maywood-village",
    ),
    ("a-park-fields", "Under-used park acreage", "physical_space", "land", 25000, "maywood-parks"),
    ("a-newhope-lot", "Church side lot", "physical_space", "land", 6000, "new-hope"),
    (
        "a-loyola-garden",
        "Hospital campus teaching garden",
        "physical_space",
        "land",
        8000,
        "loyola",
    ),
    ("a-yard-1", "Donated backyard plot", "in_kind", "land", 2000, "@yard1"),
    ("a-yard-2", "Donated backyard plot", "in_kind", "land", 2500, "@yard2"),
    ("a-yard-3", "Donated double lot", "in_kind", "land", 4000, "@yard3"),
    ("a-yard-4", "Donated front yard beds", "in_kind", "land", 1500, "@yard4"),
    # volunteers (needed 98; held 105)
    (
        "a-garden-volunteers",
        "Garden volunteer roster",
        "organizational_resource",
        "volunteers",
        40,
        "garden-network",
    ),
    (
        "a-newhope-volunteers",
        "Congregation volunteers",
        "organizational_resource",
        "volunteers",
        25,
        "new-hope",
    ),
    (
        "a-loyola-volunteers",
        "Employee volunteer days",
        "organizational_resource",
        "volunteers",
        30,
        "loyola",
    ),
    (
        "a-ymca-volunteers",
        "YMCA volunteer corps",
        "organizational_resource",
        "volunteers",
        10,
        "ymca",
    ),
    # youth_outreach (needed 25; held 31)
    (
        "a-youth-champions",
        "Champions for Change youth network",
        "organizational_resource",
        "youth_outreach",
        15,
        "youth-council",
    ),
    (
        "a-d209-clubs",
        "High school health and garden clubs",
        "organizational_resource",
        "youth_outreach",
        10,
        "d209",
    ),
    (
        "a-ymca-youth",
        "Summer youth program",
        "organizational_resource",
        "youth_outreach",
        6,
        "ymca",
    ),
    # policy_advocacy (needed 11; held 12)
    (
        "a-pp4h-policy",
        "Coalition policy committee",
        "organizational_resource",
        "policy_advocacy",
        4,
        "pp4h",
    ),
    (
        "a-faith-advocacy",
        "Interfaith advocacy days",
        "organizational_resource",
        "policy_advocacy",
        3,
        "interfaith",
    ),
    (
        "a-luc-advocacy",
        "Public health faculty testimony",
        "individual_skill",
        "policy_advocacy",
        2,
        "luc-ph",
    ),
    (
        "a-organizer-1",
        "Community organizing",
        "individual_skill",
        "policy_advocacy",
        1,
        "@organizer1",
    ),
    (
        "a-organizer-2",
        "Community organizing (bilingual)",
        "individual_skill",
        "policy_advocacy",
        1,
        "@organizer2",
    ),
    (
        "a-resident-testimony",
        "Testimony from lived experience",
        "intrinsic",
        "policy_advocacy",
        1,
        "@testifier",
    ),
    # data_analysis (needed 8; held 8)
    (
        "a-luc-evaluation",
        "Evaluation team and run charts",
        "organizational_resource",
        "data_analysis",
        4,
        "luc-ph",
    ),
    (
        "a-cookco-epi",
        "County epidemiology data",
        "organizational_resource",
        "data_analysis",
        2,
        "cookco-dph",
    ),
    (
        "a-data-volunteer",
        "Spreadsheet and survey skills",
        "individual_skill",
        "data_analysis",
        1,
        "@datavol",
    ),
    (
        "a-chw-surveys",
        "Door-to-door survey skills",
        "individual_skill",
        "data_analysis",
        1,
        "@chwlead",
    ),
    # cooking_instruction (needed 4; held 6)
    (
        "a-triton-culinary",
        "Culinary arts program",
        "organizational_resource",
        "cooking_instruction",
        3,
        "triton",
    ),
    (
        "a-ext-nutrition",
        "Nutrition educators",
        "organizational_resource",
        "cooking_instruction",
        2,
        "extension",
    ),
    (
        "a-grandma-recipes",
        "Home cooking classes",
        "individual_skill",
        "cooking_instruction",
        1,
        "@cook",
    ),
    # media (needed 3; held 5)
    (
        "a-wsv-coverage",
        "Community newspaper coverage",
        "organizational_resource",
        "media",
        2,
        "wsv",
    ),
    (
        "a-loyola-comms",
        "Hospital communications office",
        "organizational_resource",
        "media",
        2,
        "loyola",
    ),
    (
        "a-youth-video",
        "Youth video and social media",
        "individual_skill",
        "media",
        1,
        "@videomaker",
    ),
    # translation (needed 4 by snap-match; held only 2) -> the short lever
    (
        "a-spanish-interp",
        "Spanish interpreting",
        "individual_skill",
        "translation",
        1,
        "@interpreter",
    ),
    (
        "a-promotora-interp",
        "Promotora interpreting",
        "individual_skill",
        "translation",
        1,
        "@promotora",
    ),
    # untapped: capabilities that no lever needs
    ("a-church-van", "15-seat church van", "in_kind", "transportation", 15, "new-hope"),
    ("a-elder-stories", "Elders' oral-history circle", "intrinsic", "storytelling", 1, "@elder"),
    ("a-childcare-swap", "Parents' childcare swap", "in_kind", "childcare", 8, "@parent"),
    (
        "a-barber-talks",
        "Barbershop health conversations",
        "intrinsic",
        "storytelling",
        1,
        "@barber",
    ),
]
UNTAPPED_ASSETS = ["a-church-van", "a-elder-stories", "a-childcare-swap", "a-barber-talks"]

# --------------------------------------------------------------------------------------
# Communities, peer teams, bright spots
# --------------------------------------------------------------------------------------
VILLAGES = ["Maywood", "Bellwood", "Melrose Park", "Broadview", "Forest Park"]
COMMUNITIES = [
    (
        "com-proviso",
        "Proviso Township (Proviso Partners for Health)",
        "Proviso Township, Cook County, Illinois",
        "pacesetter",
    ),
    ("com-maywood", "Maywood", "Maywood, Illinois", "member"),
    ("com-bellwood", "Bellwood", "Bellwood, Illinois", "member"),
    ("com-melrose-park", "Melrose Park", "Melrose Park, Illinois", "member"),
    ("com-broadview", "Broadview", "Broadview, Illinois", "member"),
    ("com-forest-park", "Forest Park", "Forest Park, Illinois", "member"),
    ("com-riverbend", "Riverbend Health Alliance (peer SCALE community)", "Ohio", "mentor"),
    (
        "com-eastside",
        "Eastside Thrive Collaborative (peer SCALE community)",
        "Wisconsin",
        "pacesetter",
    ),
]
VILLAGE_COMMUNITY = {v: "com-" + v.lower().replace(" ", "-") for v in VILLAGES}

PEER_TEAMS = [
    ("pt-midwest", "Peer Community Team: Midwest urban food and jobs"),
    ("pt-villages", "Proviso Villages Learning Circle"),
]

BRIGHT_SPOTS = [
    (
        "bs-salad-bar",
        "Youth-led salad bar tests",
        "bright_spot",
        "Youth champions run PDSA cycles on which items to add to the school salad bar; healthy "
        "choices rose six-fold and salads became a standard menu item.",
    ),
    (
        "bs-yard-gardens",
        "Donated-yard community gardens",
        "bright_spot",
        "Residents donate part of a yard or a vacant lot; neighbours grow food together and the "
        "coalition tracks square feet of growing space.",
    ),
    (
        "bs-healthy-catering",
        "Healthy catering social enterprise",
        "bright_spot",
        "A resident-owned catering business buys from the food hub and hires locally; jobs "
        "created are tracked as an outcome.",
    ),
    (
        "bs-asset-walks",
        "Youth asset-mapping walks",
        "change_idea",
        "Youth champions lead adults on block walks to find and record community assets.",
    ),
    (
        "bs-empathy-listening",
        "Empathy-map listening sessions",
        "practice",
        "Partners meet a new partner or resident group by listening first with an empathy map "
        "before proposing anything.",
    ),
]

# Community -> community ties.
COMMUNITY_TIES = [
    # (type, source, target, date)
    ("MEMBER_OF", "com-maywood", "com-proviso", None),
    ("MEMBER_OF", "com-bellwood", "com-proviso", None),
    ("MEMBER_OF", "com-melrose-park", "com-proviso", None),
    ("MEMBER_OF", "com-broadview", "com-proviso", None),
    ("MEMBER_OF", "com-forest-park", "com-proviso", None),
    ("MEMBER_OF", "com-proviso", "pt-midwest", None),
    ("MEMBER_OF", "com-riverbend", "pt-midwest", None),
    ("MEMBER_OF", "com-eastside", "pt-midwest", None),
    ("MEMBER_OF", "com-maywood", "pt-villages", None),
    ("MEMBER_OF", "com-bellwood", "pt-villages", None),
    ("MEMBER_OF", "com-melrose-park", "pt-villages", None),
    ("MEMBER_OF", "com-broadview", "pt-villages", None),
    ("MEMBER_OF", "com-forest-park", "pt-villages", None),
    ("MENTORS", "com-riverbend", "com-proviso", None),
    ("MENTORS", "com-riverbend", "com-eastside", None),
    ("MENTORS", "com-proviso", "com-eastside", None),
    ("MENTORS", "com-maywood", "com-bellwood", None),
    ("MENTORS", "com-maywood", "com-broadview", None),
    ("PEER_OF", "com-proviso", "com-eastside", None),
    ("PEER_OF", "com-maywood", "com-bellwood", None),
    ("PEER_OF", "com-melrose-park", "com-broadview", None),
    ("PEER_OF", "com-bellwood", "com-forest-park", None),
    ("VISITED", "com-proviso", "com-riverbend", "2016-04-12"),
    ("VISITED", "com-eastside", "com-proviso", "2016-10-05"),
    ("VISITED", "com-bellwood", "com-maywood", "2015-09-19"),
    ("VISITED", "com-broadview", "com-maywood", "2016-06-11"),
    ("VISITED", "com-melrose-park", "com-bellwood", "2016-08-20"),
]

# PRACTISES community/org -> domain code; EXHIBITS community/org -> CSB code.
PRACTISES = {
    "com-proviso": ["LW", "LT", "LO", "LE", "LS"],
    "com-maywood": ["LT", "LO", "LE"],
    "com-bellwood": ["LT", "LE"],
    "com-melrose-park": ["LT"],
    "com-broadview": ["LO"],
    "com-forest-park": ["LT"],
    "com-riverbend": ["LW", "LT", "LO", "LE", "LS"],
    "com-eastside": ["LT", "LO"],
    "pp4h": ["LT", "LO", "LE"],
    "luc-ph": ["LO"],
    "loyola": ["LT", "LS"],
    "youth-council": ["LO", "LE"],
    "garden-network": ["LT"],
    "cookco-dph": ["LO"],
}
# The case study's own tags for PP4H: [LE, CSB25] [LO, CSB16] [LT, CSB7] [LO, CSB17]
# [LO, CSB27] [LT, LE, CSB1, 3, 12]; CSB22 and CSB23 come from the coalition leader's
# reflection (bright spots; trust and joy).
EXHIBITS = {
    "com-proviso": [25, 16, 7, 17, 27, 1, 3, 12, 22, 23],
    "com-maywood": [3, 12, 14, 22],
    "com-bellwood": [3, 23],
    "com-melrose-park": [2, 14],
    "com-broadview": [11],
    "com-forest-park": [20],
    "com-riverbend": [4, 8, 10, 18, 28],
    "com-eastside": [13, 20, 21],
    "pp4h": [2, 15],
    "loyola": [7],
    "youth-council": [2, 17],
}

# --------------------------------------------------------------------------------------
# People.  Formal leaders and community connectors are hand-written slots (role, org);
# names are drawn at random.  Residents are generated.
# --------------------------------------------------------------------------------------
# (key, role title, orgs, sector, neighbourhood, power, interest, group)
# group: "elite" = deciders of the unreachable levers; "buffer" = the only people they
# know; None = everyone else.
FORMAL_LEADERS = [
    ("ceo", "President and CEO", ["loyola"], "health_care", "Hinsdale", 5, 3, "buffer"),
    (
        "cbo",
        "Vice President, Community Benefit",
        ["loyola", "pp4h"],
        "health_care",
        "Oak Park",
        4,
        5,
        None,
    ),
    ("procurement", "Director of Supply Chain", ["loyola"], "health_care", "Elmhurst", 4, 2, None),
    (
        "gottlieb-pres",
        "Hospital President",
        ["gottlieb"],
        "health_care",
        "River Forest",
        3,
        3,
        None,
    ),
    (
        "luc-chair",
        "Professor of Public Health; coalition co-chair",
        ["luc-ph", "pp4h"],
        "education",
        "Forest Park",
        4,
        5,
        None,
    ),
    ("luc-eval", "Evaluation Lead", ["luc-ph"], "education", "Chicago", 2, 4, None),
    ("pp4h-dir", "Coalition Director", ["pp4h"], "community_based", "Maywood", 3, 5, None),
    ("d209-supt", "Superintendent", ["d209"], "education", "Westchester", 4, 3, None),
    ("d209-food", "Director of Food Services", ["d209"], "education", "Berkeley", 3, 4, None),
    ("d89-supt", "Superintendent", ["d89"], "education", "Oak Park", 3, 2, None),
    ("d89-wellness", "Wellness Coordinator", ["d89"], "education", "Broadview", 2, 4, None),
    (
        "triton-dean",
        "Dean of Culinary and Hospitality",
        ["triton"],
        "education",
        "River Grove",
        2,
        3,
        None,
    ),
    (
        "ext-dir",
        "County Extension Director",
        ["extension"],
        "education",
        "La Grange",
        2,
        4,
        "buffer",
    ),
    (
        "dph-dir",
        "Director of Public Health",
        ["cookco-dph"],
        "public_health",
        "Chicago",
        4,
        4,
        "buffer",
    ),
    (
        "dph-chronic",
        "Chronic Disease Program Manager",
        ["cookco-dph"],
        "public_health",
        "Oak Park",
        3,
        5,
        None,
    ),
    (
        "commissioner",
        "County Commissioner",
        ["cookco-board"],
        "government",
        "Chicago",
        5,
        2,
        "elite",
    ),
    (
        "budget-dir",
        "County Budget Director",
        ["cookco-board"],
        "government",
        "Chicago",
        4,
        1,
        "elite",
    ),
    (
        "idhs-admin",
        "SNAP-Ed Program Administrator",
        ["idhs"],
        "government",
        "Springfield",
        4,
        2,
        "elite",
    ),
    (
        "lobbyist",
        "Government Affairs Director",
        ["bev-assoc"],
        "business",
        "Chicago",
        3,
        5,
        "elite",
    ),
    ("mayor-maywood", "Mayor", ["maywood-village"], "government", "Maywood", 4, 3, None),
    (
        "manager-maywood",
        "Village Manager",
        ["maywood-village"],
        "government",
        "Maywood",
        3,
        3,
        None,
    ),
    ("mayor-bellwood", "Mayor", ["bellwood-village"], "government", "Bellwood", 3, 2, None),
    (
        "trustee-melrose",
        "Village Trustee",
        ["melrose-village"],
        "government",
        "Melrose Park",
        2,
        2,
        None,
    ),
    ("parks-dir", "Executive Director", ["maywood-parks"], "government", "Maywood", 2, 3, None),
    ("police-chief", "Deputy Chief", ["maywood-police"], "government", "Hillside", 3, 2, None),
    ("wscf-pres", "President", ["wscf"], "philanthropy", "Oak Park", 4, 3, "buffer"),
    ("mhef-po", "Program Officer", ["mhef"], "philanthropy", "Chicago", 3, 4, None),
    ("pfhc-ceo", "Chief Executive Officer", ["pfhc"], "health_care", "Westchester", 3, 4, None),
    ("chamber-pres", "President", ["chamber"], "business", "Bellwood", 2, 3, None),
    (
        "famsvc-dir",
        "Executive Director",
        ["family-services"],
        "social_services",
        "Hillside",
        2,
        4,
        None,
    ),
    ("library-dir", "Library Director", ["maywood-library"], "government", "Maywood", 1, 3, None),
]

# (key, role title, orgs, sector, neighbourhood, power, interest, spanner)
CONNECTORS = [
    ("organizer1", "Community organizer", ["pp4h"], "community_based", "Maywood", 3, 5, True),
    (
        "organizer2",
        "Community organizer",
        ["pp4h", "nueva-vida"],
        "community_based",
        "Melrose Park",
        2,
        5,
        True,
    ),
    (
        "youth-coord",
        "Youth council coordinator",
        ["youth-council", "pp4h"],
        "community_based",
        "Maywood",
        2,
        5,
        True,
    ),
    (
        "garden-coord",
        "Garden network coordinator",
        ["garden-network", "pp4h"],
        "community_based",
        "Bellwood",
        2,
        5,
        True,
    ),
    ("chwlead", "Community health worker lead", ["pfhc"], "health_care", "Broadview", 2, 5, True),
    ("pastor", "Senior pastor", ["new-hope", "interfaith"], "faith", "Maywood", 3, 4, True),
    (
        "outreach-nurse",
        "Community outreach nurse",
        ["loyola", "pp4h"],
        "health_care",
        "Bellwood",
        2,
        5,
        True,
    ),
    ("farm-mgr", "Farm manager", ["urban-farm"], "community_based", "Maywood", 1, 5, False),
    ("hub-mgr", "Food hub manager", ["food-hub"], "community_based", "Maywood", 2, 5, False),
    ("caterer", "Founder and chef", ["catering", "chamber"], "business", "Bellwood", 2, 4, False),
    ("coop-mgr", "Co-op manager", ["food-coop"], "business", "Forest Park", 1, 4, False),
    ("grocer", "Owner", ["fresh-corner", "chamber"], "business", "Maywood", 2, 2, False),
    (
        "pantry-coord",
        "Pantry coordinator",
        ["food-pantry"],
        "social_services",
        "Bellwood",
        1,
        4,
        False,
    ),
    (
        "ymca-youth",
        "Youth programs director",
        ["ymca"],
        "social_services",
        "Westchester",
        2,
        3,
        False,
    ),
    (
        "dv-advocate",
        "Survivor advocate",
        ["safe-harbor"],
        "social_services",
        "Forest Park",
        1,
        4,
        False,
    ),
    ("librarian", "Outreach librarian", ["maywood-library"], "government", "Maywood", 1, 4, False),
    (
        "teacher1",
        "Health teacher and club advisor",
        ["d209", "youth-council"],
        "education",
        "Maywood",
        2,
        5,
        False,
    ),
    ("teacher2", "Science teacher", ["d209"], "education", "Hillside", 1, 4, False),
    ("pta", "PTA president", ["d89"], "education", "Broadview", 1, 4, False),
    (
        "health-ministry",
        "Health ministry leader",
        ["nueva-vida"],
        "faith",
        "Melrose Park",
        1,
        4,
        False,
    ),
    ("interfaith-coord", "Coordinator", ["interfaith"], "faith", "Bellwood", 1, 4, False),
    ("deacon", "Deacon and block club captain", ["new-hope"], "faith", "Maywood", 1, 3, False),
    ("block1", "Block club president", [], "community_based", "Maywood", 1, 4, False),
    ("block2", "Block club president", [], "community_based", "Maywood", 1, 3, False),
    ("block3", "Block club president", [], "community_based", "Bellwood", 1, 4, False),
    ("block4", "Neighbourhood association chair", [], "community_based", "Broadview", 1, 3, False),
    ("block5", "Neighbourhood watch captain", [], "community_based", "Melrose Park", 1, 3, False),
    ("barber", "Barbershop owner", ["chamber"], "business", "Maywood", 1, 3, False),
    (
        "master-gardener",
        "Master gardener coordinator",
        ["extension", "garden-network"],
        "education",
        "Westchester",
        1,
        5,
        False,
    ),
    (
        "snap-educator",
        "SNAP-Ed nutrition educator",
        ["extension"],
        "education",
        "Melrose Park",
        1,
        4,
        False,
    ),
    (
        "chef-instructor",
        "Culinary instructor",
        ["triton", "catering"],
        "education",
        "Bellwood",
        1,
        4,
        False,
    ),
    (
        "mh-outreach",
        "Mental health outreach worker",
        ["proviso-mhc"],
        "public_health",
        "Hillside",
        1,
        3,
        False,
    ),
    (
        "parks-programs",
        "Program coordinator",
        ["maywood-parks"],
        "government",
        "Maywood",
        1,
        4,
        False,
    ),
    (
        "police-liaison",
        "Community policing officer",
        ["maywood-police"],
        "government",
        "Maywood",
        2,
        3,
        False,
    ),
    ("chw2", "Community health worker", ["pfhc"], "health_care", "Maywood", 1, 4, False),
    (
        "promotora",
        "Promotora de salud",
        ["pfhc", "nueva-vida"],
        "health_care",
        "Melrose Park",
        1,
        5,
        False,
    ),
    ("reporter", "Reporter", ["wsv"], "business", "Forest Park", 2, 3, False),
    ("caseworker", "Caseworker", ["family-services"], "social_services", "Broadview", 1, 3, False),
]

# Residents with lived experience: (neighbourhood, count of adults, count of youth).
RESIDENT_PLAN = [
    ("Maywood", 12, 6),
    ("Bellwood", 8, 3),
    ("Melrose Park", 6, 2),
    ("Broadview", 5, 2),
    ("Forest Park", 2, 0),
    ("Hillside", 1, 1),
    ("Westchester", 1, 0),
]
#: Residents at the edge of the township, reachable only along a chain of neighbours.
PERIPHERY = ["Stone Park", "Stone Park", "Stone Park", "Northlake", "Northlake", "Berkeley"]

# Grassroots organizations a resident of a neighbourhood may belong to, with a role.
RESIDENT_ORGS = {
    "Maywood": [
        ("new-hope", "congregant"),
        ("garden-network", "gardener"),
        ("urban-farm", "volunteer"),
        ("food-pantry", "volunteer"),
        ("food-coop", "co-op member"),
        ("pp4h", "resident member"),
    ],
    "Bellwood": [
        ("interfaith", "congregant"),
        ("garden-network", "gardener"),
        ("food-coop", "co-op member"),
        ("food-pantry", "volunteer"),
        ("pp4h", "resident member"),
    ],
    "Melrose Park": [
        ("nueva-vida", "congregant"),
        ("food-hub", "volunteer"),
        ("pp4h", "resident member"),
    ],
    "Broadview": [
        ("garden-network", "gardener"),
        ("food-coop", "co-op member"),
        ("pp4h", "resident member"),
    ],
    "Forest Park": [("food-coop", "co-op member"), ("garden-network", "gardener")],
    "Hillside": [("food-hub", "volunteer")],
    "Westchester": [("garden-network", "gardener")],
}

# Name pools by heritage; each neighbourhood draws with its own weights.
FIRST = {
    "black": [
        "Keisha",
        "Darnell",
        "Tamika",
        "Andre",
        "Jalen",
        "Imani",
        "Marcus",
        "Latoya",
        "Terrence",
        "Deja",
        "Malik",
        "Aaliyah",
        "Cedric",
        "Yolanda",
        "Roderick",
        "Shanice",
        "Kendrick",
        "Ebony",
        "Jerome",
        "Nia",
        "Bernice",
        "Otis",
        "Regina",
        "Darius",
        "Gloria",
        "Tyrone",
        "Ayanna",
        "Cornelius",
        "Dorothy",
        "Jamal",
        "Kiara",
        "Lamont",
        "Monique",
        "Reginald",
        "Tasha",
        "Vernon",
        "Zora",
        "Isaiah",
        "Brianna",
        "Elijah",
    ],
    "latino": [
        "María",
        "José",
        "Guadalupe",
        "Alejandro",
        "Yesenia",
        "Luis",
        "Rosa",
        "Miguel",
        "Araceli",
        "Carlos",
        "Daniela",
        "Jesús",
        "Marisol",
        "Ricardo",
        "Sofía",
        "Javier",
        "Leticia",
        "Héctor",
        "Beatriz",
        "Fernando",
        "Lucía",
        "Rubén",
        "Itzel",
        "Mateo",
    ],
    "european": [
        "Anthony",
        "Gina",
        "Frank",
        "Teresa",
        "Dominic",
        "Kasia",
        "Tomasz",
        "Patrick",
        "Megan",
        "Susan",
        "Jacob",
        "Emily",
        "Vincent",
        "Carla",
        "Stanley",
        "Joanna",
    ],
    "asian": ["Priya", "Anh", "Jun", "Mei", "Rohan", "Thuy", "Grace", "Vikram"],
    "arab": ["Omar", "Layla", "Samir", "Rania", "Yusuf", "Nadia"],
}
LAST = {
    "black": [
        "Washington",
        "Jackson",
        "Johnson",
        "Robinson",
        "Harris",
        "Williams",
        "Thompson",
        "Coleman",
        "Bell",
        "Hayes",
        "Brooks",
        "Pruitt",
        "Odom",
        "Sims",
        "Gaines",
        "Tate",
        "Whitfield",
        "Mabry",
        "Dukes",
        "Holloway",
        "Ransom",
        "Fields",
        "Boyd",
        "Granger",
    ],
    "latino": [
        "García",
        "Hernández",
        "Martínez",
        "Rodríguez",
        "López",
        "Ramírez",
        "Flores",
        "Gutiérrez",
        "Morales",
        "Castillo",
        "Ortega",
        "Villanueva",
        "Navarro",
        "Salgado",
        "Ibarra",
        "Mendoza",
    ],
    "european": [
        "Russo",
        "Esposito",
        "DeLuca",
        "Kowalski",
        "Nowak",
        "O'Brien",
        "Murphy",
        "Schultz",
        "Lindqvist",
        "Romano",
        "Sullivan",
        "Mazur",
    ],
    "asian": ["Patel", "Nguyen", "Kim", "Tran", "Shah", "Chen"],
    "arab": ["Haddad", "Khalil", "Saleh", "Aziz"],
}
HERITAGE_WEIGHTS = {
    "Maywood": {"black": 0.75, "latino": 0.2, "european": 0.03, "asian": 0.01, "arab": 0.01},
    "Bellwood": {"black": 0.7, "latino": 0.22, "european": 0.05, "asian": 0.03, "arab": 0.0},
    "Broadview": {"black": 0.65, "latino": 0.15, "european": 0.1, "asian": 0.05, "arab": 0.05},
    "Melrose Park": {"black": 0.05, "latino": 0.75, "european": 0.17, "asian": 0.03, "arab": 0.0},
    "Stone Park": {"black": 0.05, "latino": 0.85, "european": 0.1, "asian": 0.0, "arab": 0.0},
    "Northlake": {"black": 0.05, "latino": 0.6, "european": 0.3, "asian": 0.05, "arab": 0.0},
}
DEFAULT_HERITAGE = {"black": 0.3, "latino": 0.2, "european": 0.3, "asian": 0.12, "arab": 0.08}

STANCES = ["champion", "supporter", "neutral", "skeptic", "opponent"]


# --------------------------------------------------------------------------------------
class Generator:
    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.people: list[dict] = []
        self.by_key: dict[str, dict] = {}
        self.used_names: set[str] = set()
        self.ties: list[dict] = []
        self.tie_keys: set[tuple[str, str, str]] = set()
        self.knows: dict[str, set[str]] = defaultdict(set)

    # ---- helpers --------------------------------------------------------------------
    def name_for(self, neighbourhood: str) -> str:
        weights = HERITAGE_WEIGHTS.get(neighbourhood, DEFAULT_HERITAGE)
        groups = list(weights)
        while True:
            group = self.rng.choices(groups, [weights[g] for g in groups])[0]
            # Surnames usually, not always, follow the same heritage.
            last_group = group if self.rng.random() < 0.93 else self.rng.choice(groups)
            name = f"{self.rng.choice(FIRST[group])} {self.rng.choice(LAST[last_group])}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def tie(self, type_: str, source: str, target: str, **fields: object) -> bool:
        key = (type_, source, target)
        if key in self.tie_keys or source == target:
            return False
        self.tie_keys.add(key)
        row = {"type": type_, "source": source, "target": target}
        row.update({k: v for k, v in fields.items() if v is not None})
        self.ties.append(row)
        return True

    def know(self, a: str, b: str) -> None:
        if a == b or b in self.knows[a]:
            return
        self.knows[a].add(b)
        self.knows[b].add(a)
        source, target = sorted((a, b))
        self.tie("KNOWS", source, target)

    def add_person(self, **p: object) -> dict:
        p["id"] = f"p{len(self.people) + 1:03d}"
        p.setdefault("orgs", [])
        p.setdefault("youth", False)
        p.setdefault("group", None)
        p.setdefault("spanner", False)
        p.setdefault("periphery", False)
        self.people.append(p)
        if p.get("key"):
            self.by_key[str(p["key"])] = p
        return p

    # ---- people ---------------------------------------------------------------------
    def make_people(self) -> None:
        for key, role, orgs, sector, hood, power, interest, group in FORMAL_LEADERS:
            self.add_person(
                key=key,
                name=self.name_for(hood),
                tripod_role="formal_leader",
                sectors=[sector],
                neighbourhood=hood,
                power=power,
                interest=interest,
                orgs=[(o, role) for o in orgs],
                group=group,
                consent="public",
            )
        for key, role, orgs, sector, hood, power, interest, spanner in CONNECTORS:
            sectors = [sector] if hood not in VILLAGES else [sector, "resident"]
            self.add_person(
                key=key,
                name=self.name_for(hood),
                tripod_role="community_connector",
                sectors=sectors,
                neighbourhood=hood,
                power=power,
                interest=interest,
                orgs=[(o, role) for o in orgs],
                spanner=spanner,
                consent="public",
            )
        for hood, adults, youth in RESIDENT_PLAN:
            for i in range(adults + youth):
                is_youth = i >= adults
                power = self.rng.choices([0, 1, 2], [0.55, 0.38, 0.07])[0]
                if is_youth:
                    power = self.rng.choice([0, 1])
                    interest = self.rng.choice([4, 5, 5])
                else:
                    interest = self.rng.choices([1, 2, 3, 4, 5], [0.08, 0.17, 0.3, 0.25, 0.2])[0]
                sectors = (
                    ["resident"] if is_youth or self.rng.random() < 0.8 else ["resident", "faith"]
                )
                self.add_person(
                    name=self.name_for(hood),
                    tripod_role="lived_experience",
                    sectors=sectors,
                    neighbourhood=hood,
                    power=power,
                    interest=interest,
                    youth=is_youth,
                    consent="public",
                )
        for hood in PERIPHERY:
            self.add_person(
                name=self.name_for(hood),
                tripod_role="lived_experience",
                sectors=["resident"],
                neighbourhood=hood,
                power=0,
                interest=self.rng.choice([1, 2, 3]),
                periphery=True,
                consent="public",
            )
        self.assign_resident_roles()
        self.assign_consent()

    def residents(self, *, youth: bool | None = None, periphery: bool = False) -> list[dict]:
        out = []
        for p in self.people:
            if p["tripod_role"] != "lived_experience" or p["periphery"] != periphery:
                continue
            if youth is not None and p["youth"] != youth:
                continue
            out.append(p)
        return out

    def assign_resident_roles(self) -> None:
        """Give residents their organizations, and pick the residents who hold assets."""
        rng = self.rng
        for p in self.residents(youth=True):
            p["orgs"] = [("youth-council", "youth champion"), ("d209", "student")]
        adults = self.residents(youth=False)
        for p in adults:
            choices = RESIDENT_ORGS[p["neighbourhood"]]
            n = rng.choices([0, 1, 2], [0.3, 0.5, 0.2])[0]
            p["orgs"] = rng.sample(choices, min(n, len(choices)))
        # DV survivors who train with the police: members of Safe Harbor, private.
        survivors = rng.sample(
            [p for p in adults if p["neighbourhood"] in ("Maywood", "Bellwood", "Forest Park")], 3
        )
        for p in survivors:
            p["orgs"].append(("safe-harbor", "survivor advocate"))
            p["survivor"] = True
        # Asset-holding residents, keyed for ASSETS' "@key" holders.
        pool = [p for p in adults if not p.get("survivor")]
        rng.shuffle(pool)
        gardeners = [p for p in pool if p["neighbourhood"] in ("Maywood", "Bellwood", "Broadview")]
        for i, p in enumerate(gardeners[:4], start=1):
            p["key"] = f"yard{i}"
            self.by_key[p["key"]] = p
        rest = [p for p in pool if "key" not in p]
        melrose = [p for p in rest if p["neighbourhood"] == "Melrose Park"]
        for key, person in (("interpreter", melrose[0]),):
            person["key"] = key
            self.by_key[key] = person
        rest = [p for p in rest if "key" not in p]
        for key in ("testifier", "datavol", "cook", "elder", "parent"):
            person = rest.pop()
            person["key"] = key
            self.by_key[key] = person
        self.by_key["elder"]["power"] = 1
        self.by_key["testifier"]["interest"] = 5
        youth = self.residents(youth=True)
        youth[0]["key"] = "videomaker"
        self.by_key["videomaker"] = youth[0]

    def assign_consent(self) -> None:
        rng = self.rng
        private: list[dict] = [p for p in self.people if p.get("survivor")]
        private.append(self.by_key["dv-advocate"])
        private += rng.sample([p for p in self.residents(youth=True)], 2)
        others = [
            p
            for p in self.residents(youth=False) + self.residents(periphery=True)
            if p not in private and "key" not in p
        ]
        private += rng.sample(others, 4)
        for p in private:
            p["consent"] = "private"
        coalition = rng.sample([p for p in self.residents(youth=True) if p not in private], 6)
        coalition += rng.sample([p for p in others if p not in private], 6)
        coalition += rng.sample(
            [
                p
                for p in self.people
                if p["tripod_role"] == "community_connector" and p not in private
            ],
            3,
        )
        for p in coalition:
            p["consent"] = "coalition"

    # ---- social ties ----------------------------------------------------------------
    def make_social_ties(self) -> None:
        rng = self.rng
        by_key = self.by_key
        formal = [p for p in self.people if p["tripod_role"] == "formal_leader"]
        connectors = [p for p in self.people if p["tripod_role"] == "community_connector"]
        spanners = [p for p in connectors if p["spanner"]]
        local = [
            p for p in self.people if p["tripod_role"] != "formal_leader" and not p["periphery"]
        ]

        # 1. Neighbourhood clusters among residents and connectors.
        by_hood: dict[str, list[dict]] = defaultdict(list)
        for p in local:
            by_hood[p["neighbourhood"]].append(p)
        # Within a neighbourhood people cluster by block (about eight people a block).
        block: dict[str, int] = {}
        for members in by_hood.values():
            order = list(range(len(members)))
            rng.shuffle(order)
            for rank, i in enumerate(order):
                block[members[i]["id"]] = rank * max(1, round(len(members) / 8)) // len(members)
        for members in by_hood.values():
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    same_block = block[a["id"]] == block[b["id"]]
                    pr = 0.25 if same_block else 0.015
                    if a["youth"] and b["youth"]:
                        pr = 0.3
                    elif a["tripod_role"] == b["tripod_role"] == "community_connector":
                        pr = 0.15
                    if rng.random() < pr:
                        self.know(a["id"], b["id"])
        # Every resident knows at least one connector from the same neighbourhood.
        for p in self.residents():
            near = [c for c in connectors if c["neighbourhood"] == p["neighbourhood"]]
            if near and not any(c["id"] in self.knows[p["id"]] for c in near):
                self.know(p["id"], rng.choice(near)["id"])

        # 2. Youth champions: a dense cluster across villages, held by their adults.
        youth = self.residents(youth=True)
        for i, a in enumerate(youth):
            for b in youth[i + 1 :]:
                if rng.random() < 0.2:
                    self.know(a["id"], b["id"])
        for key in ("youth-coord", "teacher1"):
            for y in youth:
                if key == "youth-coord" or rng.random() < 0.5:
                    self.know(by_key[key]["id"], y["id"])
        for y in rng.sample(youth, 4):
            self.know(by_key["ymca-youth"]["id"], y["id"])

        # 3. Organization co-members know each other.
        members: dict[str, list[dict]] = defaultdict(list)
        for p in self.people:
            for org, _role in p["orgs"]:
                members[org].append(p)
        for org, group in members.items():
            if org in ("d209", "youth-council"):
                continue  # students are handled in step 2
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if (
                        (a["group"] or b["group"])
                        and "formal_leader" not in (a["tripod_role"], b["tripod_role"])
                        or (a["group"] and b["tripod_role"] != "formal_leader")
                        or (b["group"] and a["tripod_role"] != "formal_leader")
                    ):
                        continue  # elite and buffer leaders keep to formal circles
                    if a["tripod_role"] == b["tripod_role"] == "lived_experience":
                        pr = 0.15
                    elif "lived_experience" in (a["tripod_role"], b["tripod_role"]):
                        pr = (
                            0.2
                            if a["tripod_role"] != "formal_leader"
                            and b["tripod_role"] != "formal_leader"
                            else 0.0
                        )
                    else:
                        pr = 0.7
                    if rng.random() < pr:
                        self.know(a["id"], b["id"])

        # 4. Connectors know other connectors across the township.
        for i, a in enumerate(connectors):
            for b in connectors[i + 1 :]:
                if rng.random() < (0.15 if a["spanner"] or b["spanner"] else 0.04):
                    self.know(a["id"], b["id"])

        # 5. Formal leaders: dense by sector, sparse across sectors.  Elite and buffer
        # leaders move in their own circle.
        ordinary = [p for p in formal if p["group"] is None]
        for i, a in enumerate(ordinary):
            for b in ordinary[i + 1 :]:
                same = a["sectors"][0] == b["sectors"][0]
                if rng.random() < (0.45 if same else 0.07):
                    self.know(a["id"], b["id"])
        # Key coalition leaders know most of the ordinary formal leaders.
        for key in ("pp4h-dir", "luc-chair", "cbo"):
            for b in ordinary:
                if rng.random() < 0.35:
                    self.know(by_key[key]["id"], b["id"])
        elite_circle = [
            ("commissioner", "budget-dir"),
            ("commissioner", "ceo"),
            ("commissioner", "dph-dir"),
            ("commissioner", "wscf-pres"),
            ("commissioner", "lobbyist"),
            ("budget-dir", "dph-dir"),
            ("lobbyist", "ceo"),
            ("idhs-admin", "ext-dir"),
            ("idhs-admin", "dph-dir"),
            ("ceo", "dph-dir"),
            ("ceo", "wscf-pres"),
            ("dph-dir", "wscf-pres"),
        ]
        for a, b in elite_circle:
            self.know(by_key[a]["id"], by_key[b]["id"])
        # Buffer leaders know a few formal leaders, never residents or connectors.
        buffer_ties = {
            "ceo": ["cbo", "procurement", "gottlieb-pres", "luc-chair", "d209-supt"],
            "dph-dir": ["dph-chronic", "luc-chair", "pfhc-ceo"],
            "ext-dir": ["d89-wellness", "d89-supt", "triton-dean"],
            "wscf-pres": ["mhef-po", "cbo", "pp4h-dir", "famsvc-dir"],
        }
        for a, others in buffer_ties.items():
            for b in others:
                self.know(by_key[a]["id"], by_key[b]["id"])

        # 6. Boundary spanners: reach formal leaders and residents of other villages.
        spanner_leaders = [p for p in ordinary if p["key"] not in ("procurement",)]
        for s in spanners:
            for leader in rng.sample(spanner_leaders, rng.randint(3, 5)):
                self.know(s["id"], leader["id"])
            far = [
                p for p in self.residents(youth=False) if p["neighbourhood"] != s["neighbourhood"]
            ]
            for p in rng.sample(far, rng.randint(3, 5)):
                self.know(s["id"], p["id"])
        # A few ordinary residents know a local formal leader (mayor, library director).
        for key in ("pp4h-dir", "mayor-maywood", "library-dir", "d89-wellness"):
            leader = by_key[key]
            near = [
                p
                for p in self.residents(youth=False)
                if p["neighbourhood"] in (leader["neighbourhood"], "Maywood")
            ]
            for p in rng.sample(near, 3):
                self.know(leader["id"], p["id"])

        # Every connector knows a few neighbours and at least one boundary spanner.
        for c in connectors:
            if len(self.knows[c["id"]]) < 3:
                near = [p for p in self.residents() if p["neighbourhood"] == c["neighbourhood"]]
                for p in rng.sample(near, min(2, len(near))):
                    self.know(c["id"], p["id"])
                self.know(c["id"], rng.choice(spanners)["id"])

        # 7. Periphery: a chain of neighbours reaching in through one Melrose Park resident.
        periph = self.residents(periphery=True)
        sp1, sp2, sp3, nl1, nl2, bk1 = (p["id"] for p in periph)
        for a, b in [(sp1, sp2), (sp2, sp3), (sp1, sp3), (sp3, nl1), (nl1, nl2), (nl2, bk1)]:
            self.know(a, b)
        melrose = [
            p
            for p in self.residents(youth=False)
            if p["neighbourhood"] == "Melrose Park"
            and not p["orgs"]
            and not any(
                q["tripod_role"] != "lived_experience"
                for q in (self.person(i) for i in self.knows[p["id"]])
            )
        ]
        bridge = (
            melrose[0]
            if melrose
            else next(
                p for p in self.residents(youth=False) if p["neighbourhood"] == "Melrose Park"
            )
        )
        self.know(bk1, bridge["id"])
        self.periphery_bridge = bridge["id"]

        # 8. TRUSTS: a directed subset of KNOWS, stronger among peers than across power.
        pairs = sorted({tuple(sorted((a, b))) for a in self.knows for b in self.knows[a]})
        for a, b in pairs:
            for src, dst in ((a, b), (b, a)):
                if rng.random() < 0.22:
                    pa, pb = self.person(src), self.person(dst)
                    gap = abs(pa["power"] - pb["power"])
                    base = 4 if pa["neighbourhood"] == pb["neighbourhood"] else 3
                    strength = max(1, min(5, base - gap // 2 + rng.choice([-1, 0, 0, 1])))
                    self.tie("TRUSTS", src, dst, strength=strength)

    def person(self, pid: str) -> dict:
        return self.people[int(pid[1:]) - 1]

    # ---- memberships ----------------------------------------------------------------
    def make_memberships(self) -> None:
        for p in self.people:
            for org, role in p["orgs"]:
                self.tie("MEMBER_OF", p["id"], org, role=role)
        # Communities: people living in a village community are its members; the
        # coalition's core team and residents of other township neighbourhoods belong to
        # the township community.  Elite and buffer leaders and the periphery do not.
        for p in self.people:
            if p["group"] or p["periphery"]:
                continue
            hood = p["neighbourhood"]
            if hood in VILLAGE_COMMUNITY and p["tripod_role"] != "formal_leader":
                self.tie("MEMBER_OF", p["id"], VILLAGE_COMMUNITY[hood], role="resident")
            elif hood in VILLAGE_COMMUNITY and self.rng.random() < 0.5:
                self.tie("MEMBER_OF", p["id"], VILLAGE_COMMUNITY[hood], role="resident")
            elif hood in ("Hillside", "Westchester") and p["tripod_role"] != "formal_leader":
                self.tie("MEMBER_OF", p["id"], "com-proviso", role="resident")
        for key in (
            "pp4h-dir",
            "luc-chair",
            "cbo",
            "organizer1",
            "organizer2",
            "youth-coord",
            "garden-coord",
            "pastor",
            "chwlead",
            "outreach-nurse",
            "testifier",
        ):
            self.tie("MEMBER_OF", self.by_key[key]["id"], "com-proviso", role="core team")
        for y in self.rng.sample(self.residents(youth=True), 3):
            self.tie("MEMBER_OF", y["id"], "com-proviso", role="core team (youth)")
        for org_id, _name, _sector, _anchor, _power, interest in ORGANIZATIONS:
            if interest < 4 or org_id in ("bev-assoc", "cookco-dph", "extension"):
                continue
            self.tie("MEMBER_OF", org_id, "com-proviso", role="coalition partner")
        for a, b, role in PARTNERSHIPS:
            self.tie("PARTNERS_WITH", a, b, role=role)

    # ---- levers ---------------------------------------------------------------------
    def make_lever_ties(self) -> None:
        k = lambda key: self.by_key[key]["id"]  # noqa: E731
        decides = [
            ("cookco-board", "soda-tax", "neutral"),
            (k("commissioner"), "soda-tax", "supporter"),
            ("cookco-board", "soda-proceeds", "neutral"),
            (k("commissioner"), "soda-proceeds", "supporter"),
            ("loyola", "cb-allocation", "supporter"),
            (k("cbo"), "cb-allocation", "champion"),
            ("d209", "school-salad", "supporter"),
            (k("d209-food"), "school-salad", "champion"),
            ("d89", "school-salad", "neutral"),
            ("maywood-village", "garden-ordinance", "neutral"),
            (k("mayor-maywood"), "garden-ordinance", "supporter"),
            ("bellwood-village", "garden-ordinance", "skeptic"),
            ("pp4h", "food-hub-procurement", "champion"),
            ("food-hub", "food-hub-procurement", "champion"),
            ("maywood-parks", "park-joint-use", "skeptic"),
            ("maywood-village", "park-joint-use", "neutral"),
            ("food-hub", "snap-match", "champion"),
            ("idhs", "snap-ed-formula", "neutral"),
            (k("idhs-admin"), "snap-ed-formula", "skeptic"),
            ("loyola", "local-hiring", "neutral"),
            (k("procurement"), "local-hiring", "skeptic"),
        ]
        for src, lever, stance in decides:
            self.tie("DECIDES", src, lever, stance=stance)
        influences = [
            # soda tax: the coalition's champions against the industry
            ("pp4h", "soda-tax", "champion"),
            (k("pp4h-dir"), "soda-tax", "champion"),
            (k("luc-chair"), "soda-tax", "champion"),
            ("cookco-dph", "soda-tax", "champion"),
            (k("dph-chronic"), "soda-tax", "champion"),
            (k("organizer1"), "soda-tax", "champion"),
            (k("pastor"), "soda-tax", "supporter"),
            ("wsv", "soda-tax", "neutral"),
            ("bev-assoc", "soda-tax", "opponent"),
            (k("lobbyist"), "soda-tax", "opponent"),
            ("chamber", "soda-tax", "opponent"),
            (k("grocer"), "soda-tax", "skeptic"),
            # soda proceeds: decided far from residents
            (k("budget-dir"), "soda-proceeds", "skeptic"),
            ("bev-assoc", "soda-proceeds", "opponent"),
            (k("lobbyist"), "soda-proceeds", "opponent"),
            (k("ceo"), "soda-proceeds", "supporter"),
            # community benefit
            ("pp4h", "cb-allocation", "champion"),
            (k("luc-chair"), "cb-allocation", "champion"),
            (k("outreach-nurse"), "cb-allocation", "supporter"),
            (k("gottlieb-pres"), "cb-allocation", "neutral"),
            ("wscf", "cb-allocation", "supporter"),
            # school salad bar: youth champions drive it
            ("youth-council", "school-salad", "champion"),
            (k("youth-coord"), "school-salad", "champion"),
            (k("teacher1"), "school-salad", "champion"),
            (k("d209-supt"), "school-salad", "supporter"),
            (k("d89-wellness"), "school-salad", "supporter"),
            (k("pta"), "school-salad", "supporter"),
            # garden ordinance
            ("garden-network", "garden-ordinance", "champion"),
            (k("garden-coord"), "garden-ordinance", "champion"),
            (k("manager-maywood"), "garden-ordinance", "skeptic"),
            (k("mayor-bellwood"), "garden-ordinance", "skeptic"),
            (k("block1"), "garden-ordinance", "supporter"),
            # food hub
            (k("hub-mgr"), "food-hub-procurement", "champion"),
            ("gottlieb", "food-hub-procurement", "supporter"),
            ("mhef", "food-hub-procurement", "supporter"),
            (k("caterer"), "food-hub-procurement", "supporter"),
            (k("coop-mgr"), "food-hub-procurement", "supporter"),
            (k("grocer"), "food-hub-procurement", "skeptic"),
            # parks
            (k("parks-dir"), "park-joint-use", "skeptic"),
            (k("manager-maywood"), "park-joint-use", "neutral"),
            ("ymca", "park-joint-use", "supporter"),
            (k("parks-programs"), "park-joint-use", "supporter"),
            # SNAP match
            (k("promotora"), "snap-match", "champion"),
            (k("organizer2"), "snap-match", "champion"),
            ("pfhc", "snap-match", "supporter"),
            ("food-pantry", "snap-match", "supporter"),
            (k("snap-educator"), "snap-match", "supporter"),
            # SNAP-Ed formula: only the state and county know it exists
            (k("dph-dir"), "snap-ed-formula", "supporter"),
            # local hiring
            (k("cbo"), "local-hiring", "champion"),
            ("triton", "local-hiring", "supporter"),
            (k("chamber-pres"), "local-hiring", "supporter"),
            (k("famsvc-dir"), "local-hiring", "supporter"),
            # actors lobbying actors
            ("youth-council", k("d209-food"), "champion"),
            (k("lobbyist"), k("commissioner"), "opponent"),
            ("pp4h", "loyola", "champion"),
        ]
        for src, target, stance in influences:
            self.tie("INFLUENCES", src, target, stance=stance)
        # Residents with lived experience weigh in on the levers closest to home.
        pool = {
            "garden-ordinance": [
                p
                for p in self.residents(youth=False)
                if p["neighbourhood"] in ("Maywood", "Bellwood")
            ],
            "school-salad": self.residents(youth=True),
            "food-hub-procurement": self.residents(youth=False),
            "snap-match": [
                p for p in self.residents(youth=False) if p["neighbourhood"] == "Melrose Park"
            ],
        }
        for lever, people in pool.items():
            for p in self.rng.sample(people, min(4, len(people))):
                stance = self.rng.choices(STANCES[:4], [0.35, 0.4, 0.15, 0.1])[0]
                self.tie("INFLUENCES", p["id"], lever, stance=stance)
        self.tie("INFLUENCES", self.by_key["testifier"]["id"], "cb-allocation", stance="champion")

    # ---- framework ------------------------------------------------------------------
    def make_framework_ties(self) -> None:
        for node, codes in PRACTISES.items():
            for code in codes:
                self.tie("PRACTISES", node, code)
        people_practise = {
            "pp4h-dir": ["LW", "LT", "LO"],
            "luc-chair": ["LO", "LE"],
            "youth-coord": ["LE", "LT"],
            "organizer1": ["LT", "LE"],
            "organizer2": ["LT"],
            "garden-coord": ["LT", "LS"],
            "cbo": ["LS"],
            "pastor": ["LW"],
            "chwlead": ["LE"],
            "testifier": ["LW"],
        }
        for key, codes in people_practise.items():
            for code in codes:
                self.tie("PRACTISES", self.by_key[key]["id"], code)
        for node, numbers in EXHIBITS.items():
            for n in numbers:
                self.tie("EXHIBITS", node, f"CSB{n}")
        for type_, src, dst, date in COMMUNITY_TIES:
            self.tie(type_, src, dst, date=date)

    # ---- spread of bright spots -----------------------------------------------------
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
        self,
        spot: str,
        eligible: list[str],
        seeds: list[str],
        total: int,
        midpoint: float,
        scale: float,
    ) -> None:
        rng = self.rng
        counts = self.s_curve(total, midpoint, scale)
        adopted: dict[str, int] = {}
        pending = [s for s in seeds]
        candidates = [e for e in eligible if e not in seeds]
        for period, count in enumerate(counts, start=1):
            new: list[str] = []
            while pending and len(new) < count:
                new.append(pending.pop(0))
            while len(new) < count and candidates:
                weights = [
                    1 + 5 * sum(1 for n in self.knows[c] if n in adopted) for c in candidates
                ]
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
        k = lambda key: self.by_key[key]["id"]  # noqa: E731
        plain = [p for p in self.people if not p["group"] and not p["periphery"]]
        ids = lambda ps: [p["id"] for p in ps]  # noqa: E731
        youth = ids(self.residents(youth=True))
        adults = ids(self.residents(youth=False))
        connectors = ids(p for p in plain if p["tripod_role"] == "community_connector")
        formal = ids(p for p in plain if p["tripod_role"] == "formal_leader")

        self.spread(
            "bs-salad-bar",
            youth
            + [
                k("teacher1"),
                k("teacher2"),
                k("d209-food"),
                k("d89-wellness"),
                k("pta"),
                k("ymca-youth"),
            ]
            + adults[:6],
            [k("teacher1"), youth[1]],
            20,
            4.5,
            1.0,
        )
        garden_pool = [a for a in adults if self.person(a)["neighbourhood"] != "Hillside"]
        self.spread(
            "bs-yard-gardens",
            garden_pool + connectors,
            [k("garden-coord"), self.by_key["yard1"]["id"]],
            40,
            6.5,
            1.4,
        )
        self.spread(
            "bs-healthy-catering",
            [k("chef-instructor"), k("coop-mgr"), k("hub-mgr")] + adults[10:22],
            [k("caterer")],
            9,
            5.0,
            1.5,
        )
        self.spread(
            "bs-asset-walks",
            youth + connectors + adults,
            [k("youth-coord"), youth[0]],
            16,
            8.0,
            1.2,
        )
        self.spread(
            "bs-empathy-listening",
            connectors + formal,
            [k("luc-chair"), k("pp4h-dir")],
            14,
            5.5,
            1.5,
        )
        orgs = [
            ("catering", 1, None),
            ("food-coop", 3, "catering"),
            ("pp4h", 4, "catering"),
            ("gottlieb", 6, "catering"),
            ("loyola", 7, "gottlieb"),
            ("new-hope", 8, "pp4h"),
        ]
        for org, period, learned in orgs:
            self.tie("ADOPTED", org, "bs-healthy-catering", period=period, learned_from=learned)
        communities = [
            ("com-proviso", "bs-salad-bar", 1, None),
            ("com-maywood", "bs-salad-bar", 2, "com-proviso"),
            ("com-melrose-park", "bs-salad-bar", 5, "com-maywood"),
            ("com-bellwood", "bs-salad-bar", 6, "com-maywood"),
            ("com-eastside", "bs-salad-bar", 9, "com-proviso"),
            ("com-maywood", "bs-yard-gardens", 2, None),
            ("com-proviso", "bs-yard-gardens", 3, "com-maywood"),
            ("com-bellwood", "bs-yard-gardens", 5, "com-maywood"),
            ("com-broadview", "bs-yard-gardens", 7, "com-maywood"),
            ("com-melrose-park", "bs-yard-gardens", 8, "com-bellwood"),
            ("com-forest-park", "bs-yard-gardens", 10, "com-bellwood"),
            ("com-riverbend", "bs-yard-gardens", 11, "com-proviso"),
            ("com-proviso", "bs-asset-walks", 6, None),
            ("com-maywood", "bs-asset-walks", 7, "com-proviso"),
            ("com-bellwood", "bs-asset-walks", 10, "com-maywood"),
            ("com-riverbend", "bs-empathy-listening", 1, None),
            ("com-proviso", "bs-empathy-listening", 3, "com-riverbend"),
            ("com-eastside", "bs-empathy-listening", 6, "com-riverbend"),
            ("com-proviso", "bs-healthy-catering", 4, None),
        ]
        for node, spot, period, learned in communities:
            self.tie("ADOPTED", node, spot, period=period, learned_from=learned)

    # ---- checks ---------------------------------------------------------------------
    def distances(self, sources: list[str]) -> dict[str, int]:
        """Shortest hops over *every* tie, ignoring direction (the loosest reading)."""
        adj: dict[str, set[str]] = defaultdict(set)
        for t in self.ties:
            adj[t["source"]].add(t["target"])
            adj[t["target"]].add(t["source"])
        for asset in ASSETS:
            holder = self.resolve_holder(asset[5])
            adj[holder].add(asset[0])
            adj[asset[0]].add(holder)
        dist = {s: 0 for s in sources}
        queue = deque(sources)
        while queue:
            node = queue.popleft()
            for n in adj[node]:
                if n not in dist:
                    dist[n] = dist[node] + 1
                    queue.append(n)
        return dist

    def resolve_holder(self, holder: str) -> str:
        return self.by_key[holder[1:]]["id"] if holder.startswith("@") else holder

    def check(self) -> None:
        residents = [p["id"] for p in self.people if p["tripod_role"] == "lived_experience"]
        dist = self.distances(residents)
        for lever in UNREACHABLE_LEVERS:
            assert dist.get(lever, 99) > 3, f"{lever} is {dist.get(lever)} steps from a resident"
        supply: dict[str, float] = defaultdict(float)
        for asset in ASSETS:
            for cap in asset[3].split(";"):
                supply[cap.strip()] += asset[4]
        demand: dict[str, float] = defaultdict(float)
        for lever in LEVERS:
            for part in lever[3].split(";"):
                cap, _, amount = part.strip().partition("=")
                demand[cap] += float(amount or 1)
        short = [c for c in demand if supply[c] < demand[c]]
        assert short == [SHORT_LEVER[1]], short
        for asset_id in UNTAPPED_ASSETS:
            caps = next(a[3] for a in ASSETS if a[0] == asset_id).split(";")
            assert all(c.strip() not in demand for c in caps), asset_id

    # ---- output ---------------------------------------------------------------------
    def run(self) -> None:
        self.make_people()
        self.make_social_ties()
        self.make_memberships()
        self.make_lever_ties()
        self.make_framework_ties()
        self.make_adoptions()
        self.check()

    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)

        def dump(name: str, header: list[str], rows: list[list[object]]) -> None:
            with open(out / name, "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(header)
                for row in rows:
                    writer.writerow(["" if v is None else _cell(v) for v in row])

        dump(
            "people.csv",
            [*TEMPLATE_COLUMNS["people"], "youth"],
            [
                [
                    p["id"],
                    p["name"],
                    p["tripod_role"],
                    ";".join(p["sectors"]),
                    p["neighbourhood"],
                    p["power"],
                    p["interest"],
                    p["consent"],
                    p["youth"],
                ]
                for p in self.people
            ],
        )
        dump(
            "organizations.csv",
            TEMPLATE_COLUMNS["organizations"],
            [list(o) for o in ORGANIZATIONS],
        )
        dump(
            "assets.csv",
            TEMPLATE_COLUMNS["assets"],
            [[a[0], a[1], a[2], a[3], a[4], self.resolve_holder(a[5])] for a in ASSETS],
        )
        dump("levers.csv", TEMPLATE_COLUMNS["levers"], [list(lv) for lv in LEVERS])
        dump(
            "communities.csv",
            TEMPLATE_COLUMNS["communities"],
            [list(c) for c in COMMUNITIES],
        )
        dump("peer_teams.csv", TEMPLATE_COLUMNS["peer_teams"], [list(t) for t in PEER_TEAMS])
        dump(
            "bright_spots.csv",
            TEMPLATE_COLUMNS["bright_spots"],
            [list(b) for b in BRIGHT_SPOTS],
        )
        fields = TEMPLATE_COLUMNS["ties"]
        dump("ties.csv", fields, [[t.get(f) for f in fields] for t in self.ties])


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default: %(default)s)")
    args = parser.parse_args()
    gen = Generator(args.seed)
    gen.run()
    gen.write(args.out)
    counts: dict[str, int] = defaultdict(int)
    for t in gen.ties:
        counts[t["type"]] += 1
    print(
        f"wrote {args.out}: {len(gen.people)} people, {len(ORGANIZATIONS)} organizations, "
        f"{len(ASSETS)} assets, {len(LEVERS)} levers, {len(gen.ties)} ties"
    )
    print("  " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
