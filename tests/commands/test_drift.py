"""archgen diff SPEC TEMPLATE: what the code deploys against what the design says."""

from __future__ import annotations

import json
import textwrap

from click.testing import CliRunner

from archgen.cli import cli
from archgen.diff.drift import drift
from tests.support import ROOT, spec_from_text

PIOPS = ROOT / "examples" / "cloudformation" / "aws-cloudformation-templates" / "aws" / "services" / "RDS" / "RDS_PIOPS.yaml"
DESIGN = """\
version: 1
name: blog
regions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]
components:
  - {id: db, type: rds, engine: mysql, azs: [us-east-1a, us-east-1b], multi_az: true, backup_retention_days: 14}
  - {id: cache, type: elasticache, engine: redis, nodes: 2, azs: [us-east-1a, us-east-1b]}
"""


def test_settings_weaker_in_the_code_are_named_with_both_sides():
    design = spec_from_text(DESIGN)
    deployed = spec_from_text(DESIGN.replace("multi_az: true", "multi_az: false").replace(
        "backup_retention_days: 14", "backup_retention_days: 30").replace("nodes: 2", "nodes: 1"))
    result = drift(design, deployed)
    assert [d.sentence() for d in result.differences] == [
        "db: the design says Multi-AZ; the template deploys Single-AZ",
        "db: the design says backups kept 14 days; the template deploys backups kept 30 days",
        "cache: the design says 2 nodes; the template deploys 1 node",
    ]
    assert [d.weaker for d in result.differences] == [True, False, True]
    assert drift(design, design).clean


def test_components_pair_by_id_then_by_being_the_only_one_of_their_type():
    design = spec_from_text(DESIGN)
    deployed = spec_from_text(textwrap.dedent("""\
        version: 1
        name: x
        regions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]
        components:
          - {id: master-db, type: rds, engine: mysql, azs: [us-east-1a, us-east-1b], multi_az: true, backup_retention_days: 14}
          - {id: queue, type: sqs, region: us-east-1}
        """))
    result = drift(design, deployed)
    assert [(a.id, b.id) for a, b in result.paired] == [("db", "master-db")]
    assert [c.id for c in result.design_only] == ["cache"] and [c.id for c in result.deployed_only] == ["queue"]
    assert result.differences == []


def test_diff_spec_template_is_a_drift_report(tmp_path):
    design = tmp_path / "design.yaml"
    design.write_text(DESIGN.replace("id: db,", "id: my-db,"))
    result = CliRunner().invoke(cli, ["diff", "--format", "markdown", str(design), str(PIOPS)])
    assert result.exit_code == 1, result.output
    assert "— ❌ drift" in result.output
    assert "| 🔴 weaker than designed | my-db: the design says Multi-AZ; the template deploys Single-AZ |" in result.output
    report = json.loads(CliRunner().invoke(cli, ["diff", "--format", "json", str(design), str(PIOPS)]).output)
    assert report["drift"] is True and report["design_only"] == ["cache"]
    multi_az = next(d for d in report["differences"] if d["setting"] == "Multi-AZ")
    assert multi_az["where"].endswith("RDS_PIOPS.yaml:27 (myDB)")
