"""Write docs/cli.md from the commands' own --help: `python docs/gen_cli.py` (a test checks it is current)."""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from warwire.cli import cli

OUT = Path(__file__).with_name("cli.md")


def _commands(group: click.Group, prefix: list[str]):
    for name in sorted(group.commands):
        command = group.commands[name]
        yield prefix + [name], command
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + [name])


def render() -> str:
    runner = CliRunner()
    parts = ["# CLI reference\n", "Generated from `--help` by `python docs/gen_cli.py`; do not edit by hand.\n"]
    for path, _ in _commands(cli, []):
        help_text = runner.invoke(cli, path + ["--help"], prog_name="warwire", terminal_width=100).output
        parts.append(f"## warwire {' '.join(path)}\n\n```\n{help_text.rstrip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT}")
