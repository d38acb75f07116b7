"""AG507 sqs-fifo-throughput: a FIFO queue gets more messages/s at peak than FIFO queues accept

What it flags
-------------
SQS FIFO queues whose peak send rate exceeds 300 messages/s: without high-throughput mode a
FIFO queue supports 300 transactions per second per API action (SendMessage, ReceiveMessage,
DeleteMessage); batching 10 messages per call raises that to 3,000 messages/s.

Why it matters
--------------
Calls over the limit fail with ThrottlingException even when messages are waiting; the
producer must retry, adding latency and load exactly when the system is busiest.

Failing spec
------------
```yaml
version: 1
name: ag507-failing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 800, read_ratio: 0}
  - {id: orders, type: sqs, region: us-east-1, fifo: true}
connections:
  - {from: clients, to: orders, kind: async}
```

Expected finding: AG507 at line 9 on orders

Passing spec
------------
```yaml
version: 1
name: ag507-passing
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - id: clients
    type: users
    traffic: {peak_rps: 800, read_ratio: 0}
  - {id: orders, type: sqs, region: us-east-1, fifo: false}
connections:
  - {from: clients, to: orders, kind: async}
```

Fix
---
Enable high throughput for the FIFO queue, batch messages (up to 10 per call), spread load
over more message group ids, or use a standard queue where strict ordering is not needed.

Source
------
Amazon SQS Developer Guide, "Amazon SQS message quotas" and "Troubleshoot FIFO throttling
issues in Amazon SQS"
(https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html).
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._saturation import over_ceiling, saturated, scale_note
from archgen.formatting import number

RULE = Rule(
    family=RuleFamily.SATURATION,
    id="AG507",
    name="sqs-fifo-throughput",
    severity="error",
    summary="SQS FIFO queue gets more messages/s at peak than FIFO queues accept without batching",
    source="Amazon SQS Developer Guide, message quotas "
           "(https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html)",
)


def check(ctx):
    for component, tier, limits in saturated(ctx, (m.Queue,)):
        yield over_ceiling(
            RULE, ctx, component, tier, limits,
            f"FIFO queue '{tier.id}' gets {number(tier.peak_rps)} messages/s at peak{scale_note(ctx)}, over the "
            f"{number(limits[0].capacity)} transactions/s a FIFO queue accepts per API action without batching",
            fix="enable FIFO high throughput, batch up to 10 messages per call, or use a standard queue")
