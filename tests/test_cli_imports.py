"""`import cosgraph.cli` imports what every command needs, not what one command needs."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from cosgraph.cli import main


def test_importing_the_cli_leaves_the_map_views_and_the_kernels_unimported():
    code = (
        "import sys, cosgraph.cli; "
        "print(sorted(m for m in ('cosgraph.visualizations', 'pyvis', 'igraph', 'scipy') "
        "if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_the_map_command_still_offers_every_view_and_its_options():
    result = CliRunner().invoke(main, ["map", "--help"])
    assert result.exit_code == 0, result.output
    for text in (
        "--view [network|power|spanners|assets|crosswalk|spread]",
        "--group-by",
        "--force",
    ):
        assert text in result.output
    result = CliRunner().invoke(main, ["map", "--view", "nowhere", "-o", "x.html"])
    assert result.exit_code == 2 and "nowhere" in result.output
