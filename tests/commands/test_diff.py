"""`archgen diff` on real edits of the bundled specs: add an AZ, remove Multi-AZ, double the users."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import cli
from archgen.diff.structure import FieldChange, field_changes
from archgen.model import Source
from tests.support import SPECS

SHOP = (SPECS / "shop.yaml").read_text(encoding="utf-8")


def edited(tmp_path: Path, name: str, *replacements: tuple[str, str]) -> Path:
    text = SHOP
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


REMOVE_MULTI_AZ = ("    subnets: [data-a, data-b]\n    multi_az: true\n", "    subnets: [data-a, data-b]\n    multi_az: false\n")
DOUBLE_USERS = ("daily_active_users: 200000", "daily_active_users: 400000")
ADD_AZ = [
    ("azs: [us-east-1a, us-east-1b]", "azs: [us-east-1a, us-east-1b, us-east-1c]"),
    ("        - {id: public-b, az: us-east-1b, kind: public, cidr: 10.10.1.0/24}\n",
     "        - {id: public-b, az: us-east-1b, kind: public, cidr: 10.10.1.0/24}\n"
     "        - {id: public-c, az: us-east-1c, kind: public, cidr: 10.10.2.0/24}\n"),
    ("        - {id: app-b, az: us-east-1b, cidr: 10.10.11.0/24, nat_gateway: nat-b}\n",
     "        - {id: app-b, az: us-east-1b, cidr: 10.10.11.0/24, nat_gateway: nat-b}\n"
     "        - {id: app-c, az: us-east-1c, cidr: 10.10.12.0/24, nat_gateway: nat-c}\n"),
    ("  - {id: nat-b, type: nat_gateway, label: NAT b, subnets: [public-b]}\n",
     "  - {id: nat-b, type: nat_gateway, label: NAT b, subnets: [public-b]}\n"
     "  - {id: nat-c, type: nat_gateway, label: NAT c, subnets: [public-c]}\n"),
    ("    subnets: [public-a, public-b]\n    health_check", "    subnets: [public-a, public-b, public-c]\n    health_check"),
    ("    subnets: [app-a, app-b]\n    min: 2\n    desired: 4", "    subnets: [app-a, app-b, app-c]\n    min: 2\n    desired: 4"),
]


def run_diff(*args: str):
    return CliRunner().invoke(cli, ["diff", *args])


def test_removing_multi_az_is_a_pr_comment_with_the_new_findings(tmp_path):
    head = edited(tmp_path, "shop.yaml", REMOVE_MULTI_AZ)
    result = run_diff(str(SPECS / "shop.yaml"), str(head), "--format", "markdown")
    assert result.exit_code == 1  # --fail-on error by default: the header and the exit code agree
    assert result.stdout == f"""<!-- archgen-diff -->
## archgen architecture diff ❌

❌ **Fails:** the change adds 2 findings at or above `error`: AG201, AG401.

1 of 1 spec changed · 2 new findings · 0 resolved · fails on new `error` findings

### `{head}` — Shop — storefront and orders API

**Structure:** 0 added · 0 removed · 1 changed

| change | id | type | what changed |
|---|---|---|---|
| 🟡 changed | `orders-db` | RDS DB instance | `multi_az`: true → false; `standby_az`: us-east-1b → — |

**Findings:** 2 new · 0 resolved

| | severity | rule | components | finding |
|---|---|---|---|---|
| 🆕 new | 🔴 error | `AG201` rds-single-az | orders-db | RDS instance 'orders-db' (postgres) is Single-AZ in one AZ RDS chooses among its subnet group's 2 (us-east-1a, us-east-1b): an instance or AZ failure stops it until it is restored from backup |
| 🆕 new | 🔴 error | `AG401` single-point-of-failure | orders-db | 'orders-db' is a single point of failure: it runs as a single instance and every path of shoppers → orders-db crosses it |

- **Availability (estimate):** 99.8999% → 99.499994% (−0.399906 pp) · target 99.95%
- **Peak traffic:** 208 rps
- **Monthly cost (estimate):** $1,928.67 → $1,741.42 (−$187.25)

<details><summary>Per-tier traffic and capacity</summary>

| tier | type | peak rps | utilisation of max | $/month |
|---|---|---:|---:|---:|
| `orders-db` | RDS DB instance | 30 | 1% | $561.75 → $374.50 |

</details>
"""


def test_fail_on_gates_only_new_findings(tmp_path):
    head = edited(tmp_path, "shop.yaml", REMOVE_MULTI_AZ)
    assert run_diff(str(SPECS / "shop.yaml"), str(head), "--fail-on", "error").exit_code == 1
    # --fail-on none never fails, but a new error still warns: never ✅ over a new error
    relaxed = run_diff(str(SPECS / "shop.yaml"), str(head), "--fail-on", "none", "--format", "markdown")
    assert relaxed.exit_code == 0
    assert relaxed.stdout.splitlines()[1:4] == [
        "## archgen architecture diff ⚠️", "",
        "⚠️ **Warns:** the change adds 2 findings of severity warning or worse, `--fail-on none`: AG201, AG401."]
    as_json = json.loads(run_diff(str(SPECS / "shop.yaml"), str(head), "--format", "json").stdout)
    assert (as_json["verdict"], as_json["failed"], as_json["fail_on"]) == ("fail", True, "error")
    # the fragile spec is full of errors, but comparing it with itself adds none
    assert run_diff(str(SPECS / "fragile.yaml"), str(SPECS / "fragile.yaml"), "--fail-on", "info").exit_code == 0


def test_doubling_the_users_doubles_every_tier(tmp_path):
    head = edited(tmp_path, "shop.yaml", DOUBLE_USERS)
    result = run_diff(str(SPECS / "shop.yaml"), str(head), "--format", "json")
    assert result.exit_code == 0
    (review,) = json.loads(result.stdout)["reviews"]
    assert review["components"] == [{"id": "shoppers", "kind": "changed", "type": "users", "changes": [
        {"field": "traffic.daily_active_users", "before": 200000, "after": 400000}]}]
    before, after = review["entry_peak_rps"]["before"], review["entry_peak_rps"]["after"]
    assert before == pytest.approx(200000 * 30 / 86400 * 3) and after == pytest.approx(2 * before)
    tiers = {t["id"]: t for t in review["tiers"]}
    assert tiers["carts"]["peak_after"] == pytest.approx(2 * tiers["carts"]["peak_before"])
    assert tiers["carts"]["utilisation_after"] == pytest.approx(0.5)  # 75 of 150 WCU
    assert review["new_findings"] == [] and review["resolved_findings"] == []


def test_adding_an_az_lists_the_new_parts(tmp_path):
    head = edited(tmp_path, "shop.yaml", *ADD_AZ)
    result = run_diff(str(SPECS / "shop.yaml"), str(head))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"{head}: changed"
    assert "  added    nat-c (nat_gateway)" in lines
    assert "  changed  web (autoscaling): azs: us-east-1a, us-east-1b -> us-east-1a, us-east-1b, us-east-1c; " \
           "subnets: app-a, app-b -> app-a, app-b, app-c" in lines
    assert "  changed  regions[us-east-1].azs: us-east-1a, us-east-1b -> us-east-1a, us-east-1b, us-east-1c" in lines
    assert "  changed  vpcs[shop-vpc].subnets[app-c]: absent -> added" in lines
    assert lines[-1] == "PASS: the change adds no finding of severity warning or worse"


def test_text_diff_says_what_markdown_says_without_empty_arrows(tmp_path):
    """Availability, peak traffic and cost with their deltas, as in the Markdown comment; a tier
    that exists on one side only shows its one value, never 'utilisation — -> —'."""
    head = edited(tmp_path, "shop.yaml", REMOVE_MULTI_AZ, ("  - {id: nat-b, type: nat_gateway, label: NAT b, subnets: [public-b]}\n", ""),
                  ("nat_gateway: nat-b}", "nat_gateway: nat-a}"))
    text = run_diff(str(SPECS / "shop.yaml"), str(head)).stdout
    lines = text.splitlines()
    assert "  monthly cost (estimate): $1,928.67 -> $1,708.57 (−$220.10)" in lines
    assert "  availability (estimate): 99.8999% -> 99.499994% (−0.399906 pp) · target 99.95%" in lines
    assert "  peak traffic: 208 rps" in lines
    assert "  tier orders-db: peak 30 rps, utilisation of max 1%, $/month $561.75 -> $374.50 (−$187.25)" in lines
    assert "  tier nat-b (removed): peak 0 rps, $/month $32.85" in lines
    assert "—" not in text.replace("standby_az: us-east-1b -> —", "")
    markdown = run_diff(str(SPECS / "shop.yaml"), str(head), "--format", "markdown").stdout
    assert "- **Monthly cost (estimate):** $1,928.67 → $1,708.57 (−$220.10)" in markdown
    assert "| `nat-b` (removed) | NAT gateway | 0 | — | $32.85 |" in markdown


def test_diff_diagram_marks_added_removed_and_changed(tmp_path):
    head = edited(tmp_path, "shop.yaml", *ADD_AZ[:4], ("  - {id: nat-b, type: nat_gateway, label: NAT b, subnets: [public-b]}\n", ""),
                  ("nat_gateway: nat-b}", "nat_gateway: nat-a}"), REMOVE_MULTI_AZ)
    result = run_diff(str(SPECS / "shop.yaml"), str(head), "--diagram", str(tmp_path / "diagrams"))
    assert result.exit_code == 1, result.output  # the change adds errors; the diagrams are drawn all the same
    svg = (tmp_path / "diagrams" / "shop" / "diff.svg").read_text()
    assert "removed since the base version" in svg and "changed since the base version" in svg
    assert "added since the base version" in svg
    assert (tmp_path / "diagrams" / "shop" / "diff.png").read_bytes().startswith(b"\x89PNG")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.com", "PATH": "/usr/bin:/bin", "HOME": str(cwd)})


def test_git_mode_compares_every_spec_with_a_revision(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    for name in ("shop", "fragile", "serverless"):
        (repo / "specs" / f"{name}.yaml").write_text((SPECS / f"{name}.yaml").read_text())
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    edited(repo / "specs", "shop.yaml", DOUBLE_USERS)
    (repo / "specs" / "fragile.yaml").unlink()
    (repo / "specs" / "global.yaml").write_text((SPECS / "global.yaml").read_text())
    monkeypatch.chdir(repo)
    result = run_diff("--git", "main", "--format", "markdown")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "3 of 4 specs changed" in text
    assert "### `specs/shop.yaml`" in text and "`traffic.daily_active_users`: 200000 → 400000" in text
    assert "### `specs/fragile.yaml`" in text and "🔴 **Spec deleted.**" in text
    assert "### `specs/global.yaml`" in text and "🟢 **New spec.**" in text
    assert "specs/serverless.yaml" not in text  # unchanged specs stay out of the comment
    bad = run_diff("--git", "no-such-branch")
    assert bad.exit_code == 2 and "unknown revision 'no-such-branch'" in bad.output


def test_git_mode_outside_a_repository_is_a_usage_error(tmp_path, monkeypatch):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text(SHOP)
    monkeypatch.chdir(tmp_path)
    result = run_diff("--git", "HEAD")
    assert result.exit_code == 2 and "not inside a git repository" in result.output


def test_usage_and_invalid_head(tmp_path):
    assert run_diff(str(SPECS / "shop.yaml")).exit_code == 2
    assert run_diff(str(SPECS / "shop.yaml"), str(tmp_path / "missing.yaml")).exit_code == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text(SHOP.replace("type: rds", "type: rdss"))
    result = run_diff(str(SPECS / "shop.yaml"), str(broken), "--format", "markdown")
    assert result.exit_code == 1
    assert "❌ **The new version is invalid** (1 error):" in result.stdout


def committed_repo(tmp_path: Path) -> Path:
    """A repository whose first commit holds shop and fragile under specs/, and a sub/ folder."""
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "sub").mkdir()
    (repo / "sub" / "notes.txt").write_text("not a spec\n")
    for name in ("shop", "fragile"):
        (repo / "specs" / f"{name}.yaml").write_text((SPECS / f"{name}.yaml").read_text())
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    return repo


@pytest.mark.parametrize("argv, message", [
    (["specz"], "specz: no spec files here or at main"),  # a typo: never "every spec deleted"
    (["sub"], "sub: no spec files in this directory or at main"),
    (["/etc/hostname"], "/etc/hostname: outside the git repository"),
])
def test_git_mode_path_that_matches_nothing_is_a_usage_error(tmp_path, monkeypatch, argv, message):
    repo = committed_repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run_diff("--git", "main", "--fail-on", "info", *argv)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "deleted" not in result.output and "internal error" not in result.output


def test_git_mode_from_a_subdirectory_needs_the_path_and_then_works(tmp_path, monkeypatch):
    repo = committed_repo(tmp_path)
    monkeypatch.chdir(repo / "sub")
    result = run_diff("--git", "main")  # the default specs/ is not here: say so, do not report deletions
    assert result.exit_code == 2 and "specs: no spec files here or at main" in result.output
    result = run_diff("--git", "main", "--format", "json", "../specs")
    assert result.exit_code == 0, result.output
    reviews = json.loads(result.stdout)["reviews"]
    assert [(r["base"], r["head"], r["base_exists"], r["head_exists"]) for r in reviews] == [
        ("main:specs/fragile.yaml", "../specs/fragile.yaml", True, True),
        ("main:specs/shop.yaml", "../specs/shop.yaml", True, True)]


def test_git_mode_names_a_deleted_spec_explicitly(tmp_path, monkeypatch):
    repo = committed_repo(tmp_path)
    (repo / "specs" / "fragile.yaml").unlink()
    monkeypatch.chdir(repo)
    result = run_diff("--git", "main", "--format", "json", "specs/fragile.yaml")
    assert result.exit_code == 0, result.output
    (review,) = json.loads(result.stdout)["reviews"]
    assert (review["base_exists"], review["head_exists"]) == (True, False)


def test_git_mode_reports_an_invalid_base(tmp_path, monkeypatch):
    repo = committed_repo(tmp_path)
    (repo / "specs" / "shop.yaml").write_text("version: 1\nname: [unclosed\n")
    git(repo, "commit", "-qam", "broken")
    (repo / "specs" / "shop.yaml").write_text(SHOP)
    monkeypatch.chdir(repo)
    result = run_diff("--git", "HEAD", "--format", "json", "specs/shop.yaml")
    (review,) = json.loads(result.stdout)["reviews"]
    assert (review["base_valid"], review["head_valid"]) == (False, True)
    text = run_diff("--git", "HEAD", "specs/shop.yaml").stdout
    assert "  base version HEAD:specs/shop.yaml is invalid (1 error(s)); its findings are not compared" in text
    assert "    HEAD:specs/shop.yaml:3:1: error: YAML syntax error" in text


def test_git_mode_reads_the_base_like_a_file(tmp_path, monkeypatch):
    """A base that is binary is unreadable (exit 2, positioned), not decoded with replacement characters."""
    repo = committed_repo(tmp_path)
    (repo / "specs" / "shop.yaml").write_bytes(b"version: 1\n\x00\x01binary")
    git(repo, "commit", "-qam", "binary")
    (repo / "specs" / "shop.yaml").write_text(SHOP)
    monkeypatch.chdir(repo)
    result = run_diff("--git", "HEAD", "specs/shop.yaml")
    assert result.exit_code == 2
    assert "HEAD:specs/shop.yaml:2:1: error: binary data (NUL byte): not a YAML text file" in result.output


def test_moving_the_dr_block_is_not_a_change(tmp_path):
    """The DR block's step durations keep where the spec declares them (for the recovery report); a block that
    only moves down the file compares equal, as any other moved block does."""
    declared = ("  backup_interval: 1h\n", "  backup_interval: 1h\n  decision_time: 15m\n")
    base = edited(tmp_path, "base.yaml", declared)
    head = edited(tmp_path, "head.yaml", declared, ("dr:\n", "# the recovery plan, drilled every quarter\n\ndr:\n"))
    result = run_diff(str(base), str(head), "--format", "json")
    assert result.exit_code == 0, result.output
    (review,) = json.loads(result.stdout)["reviews"]
    assert (review["components"], review["connections"], review["system"]) == ([], [], [])
    # the duration itself is still compared
    changed = edited(tmp_path, "changed.yaml",
                     ("  backup_interval: 1h\n", "  backup_interval: 1h\n  decision_time: 30m\n"))
    (review,) = json.loads(run_diff(str(base), str(changed), "--format", "json").stdout)["reviews"]
    assert review["system"] == [{"field": "dr.decision_time_s", "before": 900.0, "after": 1800.0}]


def test_a_resource_moving_in_its_template_is_not_a_change():
    """An imported component's template line is a position, like a spec line: only its file and logical id
    are compared."""
    base = Source("template.yaml", "Queue", 12)
    assert field_changes(base, Source("template.yaml", "Queue", 40)) == ()
    assert field_changes(base, Source("template.yaml", "Jobs", 12)) == (FieldChange("logical_id", "Queue", "Jobs"),)
