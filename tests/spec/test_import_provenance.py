"""The keys an importer writes: a component's ``source`` and a connection's ``inferred`` evidence."""

from __future__ import annotations

from archgen.model import Source
from archgen.spec.load import check_text
from tests.support import spec_from_text

SPEC = """\
version: 1
name: imported
regions: [{name: us-east-1, azs: [us-east-1a]}]
components:
  - {id: queue, type: sqs, region: us-east-1, source: {file: stack.yaml, logical_id: Queue, line: 12}}
  - {id: topic, type: sns, region: us-east-1}
connections:
  - {from: topic, to: queue, kind: async, inferred: "subscription TopicSub: Endpoint is !GetAtt Queue.Arn"}
"""


def test_source_and_inferred_reach_the_model():
    spec = spec_from_text(SPEC)
    queue, topic = spec.components
    assert queue.source == Source("stack.yaml", "Queue", 12)
    assert topic.source is None
    assert spec.connections[0].inferred == "subscription TopicSub: Endpoint is !GetAtt Queue.Arn"


def test_a_source_needs_its_logical_id():
    checked = check_text(SPEC.replace("logical_id: Queue, ", ""), "s.yaml")
    assert [d.format() for d in checked.diagnostics] == [
        "s.yaml:5:55: error: missing required key 'logical_id' (at components[0].source)"]
