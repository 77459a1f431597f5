import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from warwire import __version__
from warwire.cli import cli

REPORT_KEYS = {"article", "entities", "places", "quantities", "dates", "quotes", "claims", "events", "checks"}


@pytest.fixture
def runner():
    return CliRunner()


def _bad_inputs(tmp_path):
    (tmp_path / "emptydir").mkdir()
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 owners in Kherson said the market was shelled again.".encode("latin-1"))
    (tmp_path / "nav.html").write_text("<html><body><nav>Home | World</nav><footer>(c) Wire</footer></body></html>")
    (tmp_path / "french.txt").write_text(
        "Les forces russes ont bombardé la ville de Kherson pendant la nuit, tuant deux civils, "
        "a déclaré le gouverneur régional dans un message publié sur les réseaux sociaux."
    )
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"x")
    return {
        "missing": (str(tmp_path / "nope.txt"), "no such file"),
        "empty directory": (str(tmp_path / "emptydir"), "no articles in this directory"),
        "empty file": (str(tmp_path / "empty.txt"), "empty"),
        "binary": (str(tmp_path / "binary.txt"), "binary file"),
        "undecodable": (str(tmp_path / "latin1.txt"), "not valid UTF-8"),
        "html without text": (str(tmp_path / "nav.html"), "no article text"),
        "50 MB": (str(big), "over the 20 MB limit"),
        "non-English": (str(tmp_path / "french.txt"), "not look like English"),
    }


@pytest.mark.parametrize(
    "case", ["missing", "empty directory", "empty file", "binary", "undecodable", "html without text", "50 MB", "non-English"]
)
def test_cli_bad_input_one_line_error(tmp_path, case):
    path, reason = _bad_inputs(tmp_path)[case]
    proc = subprocess.run(
        [sys.executable, "-m", "warwire.cli", "extract", path, "--json"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("Error: ") and path in lines[0] and reason in lines[0]
    assert "Traceback" not in proc.stderr


def test_cli_batch_skips_bad_file_and_goes_on(runner, tmp_path, examples_dir):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    good = examples_dir / "kharkiv-strikes.txt"
    result = runner.invoke(cli, ["extract", str(bad), str(good), "--json"])
    assert result.exit_code == 2
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == 1 and set(reports[0]) == REPORT_KEYS
    assert "empty.txt: the file is empty" in result.stderr


def test_cli_extract_json_has_contract(runner, examples_dir):
    result = runner.invoke(cli, ["extract", str(examples_dir / "kharkiv-strikes.txt"), "--published", "2024-05-08", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == REPORT_KEYS
    assert report["article"]["published"] == "2024-05-08"
    assert "Photo: Reuters" not in report["article"]["text"]
    ids = [item["id"] for key in REPORT_KEYS - {"article"} for item in report[key]]
    assert len(ids) == len(set(ids))


def test_cli_extract_jsonl_input_one_report_per_line_in_order(runner, tmp_path, examples_dir):
    texts = [p.read_text() for p in sorted(examples_dir.glob("*.txt"))]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"doc-{i}", "text": t}) for i, t in enumerate(texts)) + "\n")
    result = runner.invoke(cli, ["extract", str(src), "--json"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()] == [f"doc-{i}" for i in range(len(texts))]


def test_cli_extract_reads_stdin(runner, examples_dir):
    text = (examples_dir / "sudan-el-fasher.txt").read_text()
    result = runner.invoke(cli, ["extract", "-", "--json", "--source", "Wire"], input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["source"] == "Wire"


def test_cli_extract_summary_tables(runner, examples_dir):
    result = runner.invoke(cli, ["extract", str(examples_dir / "kharkiv-strikes.txt")])
    assert result.exit_code == 0
    assert "Kharkiv Under Fire" in result.stdout


def test_cli_bad_published_date(runner, examples_dir):
    result = runner.invoke(cli, ["extract", str(examples_dir / "kharkiv-strikes.txt"), "--published", "yesterday"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_cli_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert __version__ in result.stdout


def test_cli_ingest_query_export(runner, tmp_path, examples_dir):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    first = runner.invoke(cli, ["ingest", str(examples_dir), "--db", db, "--quiet"])
    assert first.exit_code == 0, first.output
    assert "3 stored, 0 already there" in first.stderr
    again = runner.invoke(cli, ["ingest", str(examples_dir), "--db", db, "--quiet"])
    assert "0 stored, 3 already there" in again.stderr
    events = runner.invoke(cli, ["events", "--db", db, "--json"])
    assert events.exit_code == 0
    out = tmp_path / "events.csv"
    export = runner.invoke(cli, ["export", "--format", "csv", "--db", db, "-o", str(out)])
    assert export.exit_code == 0 and out.exists()
    assert len(out.read_text().splitlines()) == len(events.stdout.splitlines()) + 1


def test_cli_unknown_db_scheme(runner):
    result = runner.invoke(cli, ["events", "--db", "nosuchdb://x"])
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: ")


def test_cli_every_command_has_help(runner):
    for name, command in cli.commands.items():
        assert command.help or command.callback.__doc__, name
        assert runner.invoke(cli, [name, "--help"]).exit_code == 0


def test_cli_env_db(tmp_path, examples_dir):
    env = dict(os.environ, WARWIRE_DB=f"sqlite:///{tmp_path / 'env.db'}")
    proc = subprocess.run(
        [sys.executable, "-m", "warwire.cli", "ingest", str(examples_dir / "sudan-el-fasher.txt"), "--quiet"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "env.db").exists()


def test_cli_train_events_without_data(runner, tmp_path):
    result = runner.invoke(cli, ["train", "events", "--eval", str(tmp_path)])
    assert result.exit_code != 0
    assert result.stderr.startswith("Error: No event data at") and "--eval" in result.stderr
