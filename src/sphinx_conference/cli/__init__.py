"""``python -m sphinx_conference``: the command line.

Each subcommand lives in its own module, which provides ``add_arguments(parser)``
and ``run(args) -> int``; this module only dispatches.  Modules are imported
when their subcommand runs, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from sphinx_conference.core.version import __version__

#: subcommand -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": (
        "sphinx_conference.cli.importers.command",
        "import a pretalx/frab/pentabarf/wafer schedule",
    ),
    "new": (
        "sphinx_conference.cli.scaffold",
        "create a post, event, session or person page, or a new site",
    ),
    "check": ("sphinx_conference.cli.check", "check all content without a full build"),
}


def build_parser(load: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser; only the modules of ``load`` are imported to add their options."""
    parser = argparse.ArgumentParser(
        prog="python -m sphinx_conference", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--version", action="version", version=f"sphinx-conference {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        if load is None or name in load:
            try:
                mod = importlib.import_module(module)
            except ModuleNotFoundError as err:
                if err.name != module:
                    raise
                continue
            mod.add_arguments(p)
            p.set_defaults(_run=mod.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand and return its exit status."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    wanted = [a for a in args_list if a in COMMANDS][:1]
    parser = build_parser(wanted)
    args = parser.parse_args(args_list)
    run = getattr(args, "_run", None)
    if run is None:
        parser.print_help()
        return 2 if args.command else 0
    return int(run(args) or 0)
