"""docs/report-json.md documents every key of the JSON outputs it covers."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from archgen.cli import cli
from tests.support import OUTPUT, ROOT, SPECS

DOC = (ROOT / "docs" / "report-json.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = DOC.index(f"## {title}")
    end = DOC.find("\n## ", start + 1)
    return DOC[start:end if end > 0 else None]


def undocumented(keys, text: str) -> list[str]:
    """Keys named in no code span of ``text`` (`key`, or a word of `{id, kind, type, changes}`)."""
    prose = re.sub(r"```.*?```", "", text, flags=re.S)  # the example documents nothing
    named = {word for span in re.findall(r"`([^`]+)`", prose) for word in re.findall(r"\w+", span)}
    return [key for key in keys if key not in named]


def test_report_json_keys_are_documented():
    document = json.loads((OUTPUT / "shop" / "report.json").read_text(encoding="utf-8"))
    text = section("`report.json`")
    assert undocumented(document, text) == []
    assert undocumented(document["analysis"], text) == []


def test_diff_json_keys_are_documented():
    result = CliRunner().invoke(cli, ["diff", "--format", "json", str(SPECS / "fragile.yaml"), str(SPECS / "shop.yaml")])
    document = json.loads(result.stdout)
    text = section("`archgen diff --format json`")
    assert undocumented(document, text) == []
    review = document["reviews"][0]
    assert undocumented(review, text) == []
    assert undocumented(review["components"][0], text) == []
    assert undocumented(review["tiers"][0], text) == []


def test_validate_and_rules_json_keys_are_documented():
    validate = json.loads(CliRunner().invoke(cli, ["validate", "--format", "json", str(SPECS / "shop.yaml")]).stdout)
    assert undocumented(validate, section("`archgen validate --format json`")) == []
    assert undocumented(validate["files"][0], section("`archgen validate --format json`")) == []
    rules = json.loads(CliRunner().invoke(cli, ["rules", "--format", "json"]).stdout)
    assert undocumented(rules[0], section("`archgen rules --format json`")) == []


def test_every_linked_json_page_exists():
    for page in ("analysis-json.md", "traffic-json.md"):
        assert f"]({page}" in DOC and (ROOT / "docs" / page).exists()
