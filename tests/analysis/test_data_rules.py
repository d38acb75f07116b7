"""The data types' rules: each page's failing spec gives exactly this finding, the passing one none.

(tests/analysis/test_rule_docs.py runs every page; here the findings themselves are pinned.)
"""

from __future__ import annotations

import pytest

from archgen.analysis.rule import RuleContext
from archgen.analysis.rules import rule_by_id
from tests.support import snippets, spec_from_text

EXPECTED = {
    "AG120": [(("files", "web"), "warning",
               "EFS file system 'files' has mount targets in us-east-1a only, but it is used from 'web' (us-east-1b): "
               "those clients mount across AZs and lose the file system with that AZ")],
    "AG221": [(("warehouse",), "warning",
               "Redshift cluster 'warehouse' is a single-node cluster: nothing to fail over to; it stops with "
               "us-east-1a: dc2.large nodes can have neither Multi-AZ nor relocation (RA3 only)")],
    "AG222": [(("catalog",), "error",
               "DocumentDB cluster 'catalog' has a single instance: losing the primary or its AZ stops the database "
               "until DocumentDB creates a new primary (minutes) or the AZ returns")],
    "AG223": [(("graph",), "error",
               "Neptune DB cluster 'graph' has a single instance: losing the primary or its AZ stops the database "
               "until its instance recovers or the AZ returns")],
    "AG121": [(("broker",), "warning",
               "ActiveMQ broker 'broker' is a single instance in us-east-1a: a broker failure, an AZ loss or a "
               "maintenance window stops every producer and consumer")],
    "AG122": [(("search",), "error",
               "OpenSearch domain 'search' has zone awareness off (every data node in us-east-1a) and has 2 data "
               "nodes: losing an AZ can take the domain down or lose shards")],
    "AG123": [(("search",), "warning",
               "OpenSearch domain 'search' has no dedicated master nodes: its data nodes also manage the cluster; AWS "
               "recommends 3")],
    "AG220": [(("files",), "warning",
               "EFS file system 'files' is One Zone: its data and its only mount target are in us-east-1a, so every "
               "client loses it with that AZ, and if the AZ is damaged its last automatic daily backup is all a "
               "restore brings back")],
    "AG224": [(("sessions",), "warning",
               "MemoryDB cluster 'sessions': its shards have no replica, so losing a primary or its AZ stops writes "
               "until MemoryDB replaces the node (the transaction log keeps the data)")],
    "AG225": [(("cache",), "warning",
               "DAX cluster 'cache' has 1 node in us-east-1a: AWS recommends at least 3 nodes, each in a different "
               "AZ; losing it or its AZ stops every request sent through the cache")],
    "AG226": [(("backups",), "warning",
               "backup plan 'backups' rule 'nightly' keeps its backups 12 h but takes one every 24 h: for 12 h of "
               "every interval there is no backup of orders from it in us-east-1")],
}


def findings(rule_id: str, kind: str) -> list[tuple]:
    rule = rule_by_id(rule_id)
    spec = spec_from_text(snippets(rule)[kind], f"{rule_id}-{kind}.yaml")
    return [(f.components, f.severity, f.message) for f in rule.check(RuleContext(spec))]


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_failing_spec_gives_exactly_its_finding(rule_id):
    assert findings(rule_id, "failing") == EXPECTED[rule_id]


@pytest.mark.parametrize("rule_id", sorted(EXPECTED))
def test_passing_spec_gives_none(rule_id):
    assert findings(rule_id, "passing") == []


def test_backup_copies_kept_shorter_than_the_interval_and_retention_a_vault_lock_refuses():
    rule = rule_by_id("AG226")
    text = snippets(rule)["passing"].replace(
        "regions:\n  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}\n",
        "regions:\n  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}\n  - {name: us-west-2, azs: [us-west-2a]}\n")

    def found(rules: str, lock: str = "") -> list[tuple]:
        spec = spec_from_text(text.replace("      - {name: nightly, schedule: cron(0 5 ? * * *), retention: 35d}\n",
                                           rules) + lock)
        return [(f.severity, f.message) for f in rule.check(RuleContext(spec))]

    assert found("      - {name: weekly, every: 7d, retention: 35d, copy_to: [{region: us-west-2, retention: 2d}]}\n") == [
        ("warning", "backup plan 'backups' rule 'weekly' keeps its copies in us-west-2 2 d but takes one every 7 d: "
                    "for 5 d of every interval there is no backup of orders from it in us-west-2")]
    assert found("      - {name: daily, every: 1d, retention: 3d}\n", "    vault_lock: {min_retention: 7d}\n") == [
        ("error", "backup plan 'backups' rule 'daily' keeps its backups 3 d, shorter than the vault lock's minimum of "
                  "7 d: AWS Backup fails every backup job of this rule, so it makes no backups")]
    assert found("      - {name: daily, every: 1d}\n", "    vault_lock: {max_retention: 365d}\n") == [
        ("error", "backup plan 'backups' rule 'daily' keeps its backups for ever (no retention), longer than the vault "
                  "lock's maximum of 365 d: AWS Backup fails every backup job of this rule, so it makes no backups")]
    assert found("      - {name: daily, every: 1d, retention: 35d}\n",
                 "    vault_lock: {min_retention: 7d, max_retention: 365d}\n") == []
