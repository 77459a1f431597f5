"""The docs stay true: the CLI reference matches --help, and the README's commands exist."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _gen_cli():
    spec = importlib.util.spec_from_file_location("gen_cli", ROOT / "docs" / "gen_cli.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_reference_is_current():
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == _gen_cli().render(), (
        "docs/cli.md is stale: run python docs/gen_cli.py"
    )


def test_docs_readme_commands_match_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"^python3 -m venv .*pytest$", ci, re.M).group(0)
    assert test_command in readme
    for example in re.findall(r"examples/[\w.-]+", readme):
        assert (ROOT / example).exists(), example


def test_docs_public_names_resolve():
    import warwire

    assert set(warwire.__all__) - {"__version__"} == set(warwire._PUBLIC)
    for name in warwire.__all__:
        assert getattr(warwire, name) is not None
