"""The AWS figures the traffic model rests on, each with its source.

Kept in one place so a changed quota is a one-line edit. Sources are the AWS pages named
in /work/shared/reference/aws-facts.md; "derived" marks arithmetic that follows from a
documented rule but that no AWS page states as such.
"""

from __future__ import annotations

# --- units -----------------------------------------------------------------------------
# DynamoDB counts sizes in binary units: "DynamoDB denotes 1 KB = 1024 bytes"
# (Amazon DynamoDB Developer Guide, "Quotas in Amazon DynamoDB").
KIB = 1024
# Bandwidth and billing use decimal units: the ELB pricing example turns 300 KB/s into
# 1.08 GB per hour (300,000 B/s x 3,600 s = 1.08e9 B), i.e. 1 GB = 10^9 bytes.
MB = 1_000_000
GB = 1_000_000_000
SECONDS_PER_DAY = 86_400
# The AWS Pricing Calculator bills a month as 730 hours (8,760 h / 12).
HOURS_PER_MONTH = 730
SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600

# --- DynamoDB: Developer Guide "Read/write capacity mode", "DynamoDB read and write operations"
READ_UNIT_BYTES = 4 * KIB  # 1 RCU = one strongly consistent read/s of up to 4 KB, size rounded up
WRITE_UNIT_BYTES = 1 * KIB  # 1 WCU = one write/s of up to 1 KB, size rounded up
READ_COST = {"eventual": 0.5, "strong": 1.0, "transactional": 2.0}  # eventual half, transactional double
TRANSACTIONAL_WRITE_COST = 2.0  # "transactional write requests require two WCUs" (DynamoDB pricing page)
# "each partition is limited to 1,000 write units per second and 3,000 read units per second"
# (Developer Guide, "Understanding DynamoDB warm throughput in different scenarios"; "Partition key design")
PARTITION_MAX_RCU = 3_000
PARTITION_MAX_WCU = 1_000
# Default throughput quota per table (and per GSI): 40,000 read and 40,000 write units, for both
# on-demand (request units) and provisioned tables (Developer Guide, "Quotas in Amazon DynamoDB").
TABLE_QUOTA_RCU = 40_000
TABLE_QUOTA_WCU = 40_000

# --- Elastic Load Balancing: aws.amazon.com/elasticloadbalancing/pricing -------------------
ALB_LCU_NEW_CONNECTIONS_PER_S = 25.0
ALB_LCU_ACTIVE_CONNECTIONS = 3_000.0  # active connections per minute
ALB_LCU_GB_PER_HOUR = 1.0  # EC2 instances, containers and IP addresses as targets
ALB_LCU_GB_PER_HOUR_LAMBDA = 0.4  # Lambda functions as targets
ALB_LCU_RULE_EVALUATIONS_PER_S = 1_000.0
ALB_FREE_RULES = 10  # "the first 10 processed rules are free"
NLB_NLCU_NEW_CONNECTIONS_PER_S = 800.0  # TCP
NLB_NLCU_ACTIVE_CONNECTIONS = 100_000.0  # TCP, sampled per minute
NLB_NLCU_GB_PER_HOUR = 1.0

# --- Lambda: Developer Guide "Understanding Lambda function scaling", "Lambda quotas" ---------
LAMBDA_RPS_PER_CONCURRENCY = 10  # "each instance of your execution environment can serve up to 10 requests per second"
LAMBDA_ACCOUNT_CONCURRENCY = 1_000  # default concurrent executions per Region

# --- SQS: Developer Guide "Amazon SQS message quotas" ----------------------------------------
# FIFO queues without high throughput: 300 transactions per second per API action
# (SendMessage, ReceiveMessage, DeleteMessage); batching 10 messages raises it to 3,000 msgs/s.
SQS_FIFO_TPS = 300.0
SQS_FIFO_BATCH = 10

# --- Route 53: Developer Guide "Choosing between alias and non-alias records" ---------------
# An alias record has no TTL of its own; Route 53 uses the target's, 60 s for ELB and CloudFront.
ALIAS_TTL_S = 60
