"""Builds archgen's JSON Schema (Draft 2020-12) from Python data.

The shipped artefact is ``archgen.schema.json`` next to this file; ``python -m
archgen.spec.schema_build`` regenerates it and a test keeps the two in step. Building it
in code lets every component type share the common fields (id, label, placement) without
``allOf`` tricks that make editors and error messages worse.
"""

from __future__ import annotations

import json
from pathlib import Path

SCHEMA_FILE = Path(__file__).with_name("archgen.schema.json")
SCHEMA_ID = "urn:archgen:spec:v1"

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,62}$"
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
REGION_PATTERN = r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]{1,2}$"
AZ_PATTERN = r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]{1,2}[a-z]$"
# durations and sizes written as text are bounded like numbers (BIG): at most 12 digits before the
# unit, so '999...9s' cannot become infinity (docs/limits.md)
QUANTITY_DIGITS = 12
DURATION_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,12})?\s*(ms|s|m|h|d)$"
SIZE_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,12})?\s*(B|KB|MB|GB)$"

BIG = 10**12  # upper bound for counts and rates: keeps absurd numbers out of the maths


def prop(type_: str | list, description: str, **more) -> dict:
    return {"type": type_, "description": description, **more}


def ref(name: str, description: str) -> dict:
    return {"$ref": f"#/$defs/{name}", "description": description}


def id_ref(description: str) -> dict:
    return prop("string", description, pattern=ID_PATTERN)


def ratio(description: str) -> dict:
    return prop("number", description + " (0 to 1).", minimum=0, maximum=1)


def count(description: str, minimum: int = 0, maximum: int = BIG) -> dict:
    return prop("integer", description, minimum=minimum, maximum=maximum)


def positive(description: str, maximum: float = BIG) -> dict:
    return prop("number", description, exclusiveMinimum=0, maximum=maximum)


def obj(description: str, properties: dict, required: tuple = ()) -> dict:
    out = {"type": "object", "description": description, "additionalProperties": False,
           "properties": properties}
    if required:
        out["required"] = list(required)
    return out


def array(description: str, items: dict, **more) -> dict:
    return {"type": "array", "description": description, "items": items, **more}


DURATION = {
    "description": "A duration: a number of seconds, or text such as '30s', '15m', '4h', '1d', '500ms'.",
    "anyOf": [{"type": "number", "minimum": 0, "maximum": BIG},
              {"type": "string", "pattern": DURATION_PATTERN}],
}
SIZE = {
    "description": "A size: a number of bytes, or text such as '512B', '4KB', '1.5MB' (1 KB = 1,024 bytes, as DynamoDB counts).",
    "anyOf": [{"type": "number", "minimum": 0, "maximum": BIG},
              {"type": "string", "pattern": SIZE_PATTERN}],
}


def duration(description: str) -> dict:
    return {"$ref": "#/$defs/duration", "description": description}


def size(description: str) -> dict:
    return {"$ref": "#/$defs/size", "description": description}


# ---------------------------------------------------------------------------------------
# component types
# ---------------------------------------------------------------------------------------
COMMON = {
    "id": prop("string", "Stable identifier, unique in the spec; connections and rules refer to it.",
               pattern=ID_PATTERN),
    "type": prop("string", "Component type; decides which other keys are allowed."),
    "label": prop("string", "Name shown on the diagram (defaults to the id).", maxLength=200),
    "description": prop("string", "Free text for readers of the spec.", maxLength=2000),
    "latency_ms": positive("Average time this component spends on one request, in milliseconds "
                           "(used for in-flight requests by Little's law).", 3_600_000),
    "source": obj("Where an imported component comes from (written by `archgen import`): findings are also "
                  "reported at this file and line.", {
                      "file": prop("string", "Template or plan file, as the import was given it.", minLength=1, maxLength=4096),
                      "logical_id": prop("string", "CloudFormation logical id (nested stacks: 'Stack/Resource') or "
                                                   "Terraform resource address.", minLength=1, maxLength=2048),
                      "line": count("Line of the resource in the file.", 1, 100_000_000),
                  }, required=("file", "logical_id")),
}
PLACE_REGION = {
    "region": prop("string", "Region the component lives in (must be listed under 'regions').",
                   pattern=REGION_PATTERN),
}
PLACE_AZS = {
    **PLACE_REGION,
    "azs": array("Availability Zones the component spans, when no subnets are given.",
                 prop("string", "Availability Zone name, e.g. us-east-1a.", pattern=AZ_PATTERN),
                 minItems=1, uniqueItems=True),
    "subnets": array("Subnets the component is placed in (ids from network.vpcs[].subnets); its "
                     "region and AZs follow from them.", id_ref("Subnet id."), minItems=1, uniqueItems=True),
}
SCALING = {
    "min": count("Minimum number of instances/tasks.", 0, 100_000),
    "desired": count("Desired number of instances/tasks.", 0, 100_000),
    "max": count("Maximum number of instances/tasks.", 0, 100_000),
    "instance_type": prop("string", "Instance type or size, e.g. m6i.large (used for cost).", maxLength=64),
    "capacity_rps": positive("Requests per second ONE instance/task sustains at 100% utilisation."),
    "target_utilization": prop("number", "Utilisation the tier is sized for (default 0.7).",
                               exclusiveMinimum=0, maximum=1),
}
HEALTH_CHECK_LB = obj("Target-group health check.", {
    "protocol": prop("string", "Health check protocol.", enum=["HTTP", "HTTPS", "TCP"]),
    "path": prop("string", "Path probed for HTTP(S) checks.", maxLength=1024),
    "interval": duration("Time between checks (5s to 300s)."),
    "healthy_threshold": count("Consecutive successes before a target is healthy (2-10).", 2, 10),
    "unhealthy_threshold": count("Consecutive failures before a target is unhealthy (2-10).", 2, 10),
})
LB_COMMON = {
    **PLACE_AZS,
    "internal": prop("boolean", "Internal (private) load balancer instead of internet-facing."),
    "health_check": HEALTH_CHECK_LB,
    "requests_per_connection": positive("Average requests a client sends per TCP/TLS connection (default 10); "
                                        "drives the new-connections dimension of LCU/NLCU.", 1_000_000),
    "connection_duration": duration("Average lifetime of a client connection (default 60s); drives active connections."),
}

KEY = obj("A key attribute.", {
    "name": prop("string", "Attribute name.", minLength=1, maxLength=255),
    "type": prop("string", "Attribute type: S (string), N (number) or B (binary). Default S.", enum=["S", "N", "B"]),
}, required=("name",))
PROJECTION = prop("string", "Attributes projected into the index.", enum=["ALL", "KEYS_ONLY", "INCLUDE"])

COMPONENT_TYPES: dict[str, dict] = {
    "users": {
        "description": "People or clients outside AWS: the entry point of requests.",
        "properties": {
            "traffic": obj("Traffic profile of this population.", {
                "daily_active_users": count("Distinct users per day."),
                "requests_per_user_per_day": positive("Requests each user makes per day."),
                "peak_factor": prop("number", "Peak requests/s divided by average requests/s (AWS publishes none; 2-3 is common).",
                                    minimum=1, maximum=1000),
                "peak_rps": positive("Explicit peak requests per second (overrides users × requests × peak factor)."),
                "read_ratio": ratio("Share of requests that read (GET) rather than write"),
                "request_size": size("Average request size."),
                "response_size": size("Average response size."),
            }),
        },
    },
    "route53": {
        "description": "Route 53 hosted zone with its records and health checks (a global service).",
        "properties": {
            "zone": prop("string", "Zone (domain) name, e.g. example.com.", pattern=r"^[A-Za-z0-9*]([A-Za-z0-9*.-]{0,252})\.?$"),
            "private_zone": prop("boolean", "Private hosted zone (resolves inside VPCs only)."),
            "records": array("DNS records of the zone.", ref("dns_record", "A DNS record.")),
            "health_checks": array("Route 53 health checks.", ref("health_check", "A health check.")),
        },
        "required": ["zone"],
    },
    "cloudfront": {
        "description": "CloudFront distribution (a global service). Its origins are the targets of its connections.",
        "properties": {
            "cache_hit_ratio": ratio("Share of cacheable (read) requests served from the edge cache"),
            "origin_group": obj("Origin group for origin failover.", {
                "primary": id_ref("Primary origin (component id)."),
                "secondary": id_ref("Secondary origin used when the primary fails (component id)."),
                "failover_status_codes": array("Origin status codes that trigger failover.",
                                               prop("integer", "HTTP status code.", enum=[403, 404, 500, 502, 503, 504]),
                                               uniqueItems=True),
            }, required=("primary", "secondary")),
            "price_class": prop("string", "Edge locations used.", enum=["PriceClass_All", "PriceClass_200", "PriceClass_100"]),
        },
    },
    "s3": {
        "description": "S3 bucket (regional; data stored across at least 3 AZs except One Zone classes).",
        "properties": {
            **PLACE_REGION,
            "website": prop("boolean", "Static website hosting enabled."),
            "versioning": prop("boolean", "Object versioning enabled (required for replication)."),
            "storage_class": prop("string", "Default storage class.",
                                  enum=["STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR"]),
            "replica_regions": array("Regions this bucket replicates to (cross-region replication).",
                                     prop("string", "Region name.", pattern=REGION_PATTERN), uniqueItems=True),
            "storage_gb": positive("Average data stored, in GB (for cost)."),
        },
        "required": ["region"],
    },
    "alb": {
        "description": "Application Load Balancer (layer 7).",
        "properties": {
            **LB_COMMON,
            "cross_zone": prop("boolean", "Cross-zone load balancing (always on at the ALB level; may be turned off per target group). Default true."),
            "rules": count("Listener rules evaluated per request (first 10 are free in LCU terms).", 0, 100),
        },
    },
    "nlb": {
        "description": "Network Load Balancer (layer 4).",
        "properties": {
            **LB_COMMON,
            "cross_zone": prop("boolean", "Cross-zone load balancing (off by default on NLB)."),
        },
    },
    "ec2": {
        "description": "Individually managed EC2 instance(s), not in an Auto Scaling group.",
        "properties": {
            **PLACE_AZS,
            "count": count("Number of identical instances, spread over the subnets/AZs in order (default 1).", 1, 100_000),
            "instance_type": SCALING["instance_type"],
            "elastic_ip": prop("boolean", "Instance is reached through an Elastic IP address."),
            "auto_recovery": prop("boolean", "CloudWatch auto-recovery alarm configured (restarts on host failure, same AZ)."),
            "capacity_rps": SCALING["capacity_rps"],
            "target_utilization": SCALING["target_utilization"],
        },
    },
    "autoscaling": {
        "description": "EC2 Auto Scaling group.",
        "properties": {
            **PLACE_AZS, **SCALING,
            "health_check_type": prop("string", "EC2 (instance status only) or ELB (load balancer health checks).",
                                      enum=["EC2", "ELB"]),
        },
        "required": ["min", "max"],
    },
    "ecs": {
        "description": "ECS service (Fargate or EC2 launch type).",
        "properties": {
            **PLACE_AZS, **SCALING,
            "launch_type": prop("string", "Where tasks run (default fargate).", enum=["fargate", "ec2"]),
            "cpu": positive("vCPU per task (for Fargate cost).", 192),
            "memory_gb": positive("Memory per task in GB (for Fargate cost).", 1024),
            "health_check": prop("boolean", "Container or load-balancer health checks configured."),
        },
        "required": ["desired"],
    },
    "lambda": {
        "description": "Lambda function (regional, runs across AZs).",
        "properties": {
            **PLACE_AZS,
            "duration_ms": positive("Average duration of one invocation in milliseconds.", 900_000),
            "memory_mb": count("Memory size in MB (128-10240).", 128, 10240),
            "reserved_concurrency": count("Reserved concurrency (caps the function).", 0, 1_000_000),
            "provisioned_concurrency": count("Provisioned concurrency (pre-initialised environments).", 0, 1_000_000),
            "account_concurrency": count("Regional account concurrency quota (default 1,000).", 1, 10_000_000),
        },
        "required": ["duration_ms"],
    },
    "api_gateway": {
        "description": "API Gateway API (regional, multi-AZ by design).",
        "properties": {
            **PLACE_REGION,
            "api_type": prop("string", "API flavour.", enum=["rest", "http", "websocket"]),
            "endpoint_type": prop("string", "Endpoint type.", enum=["edge", "regional", "private"]),
            "throttle_rps": positive("Steady-state throttle in requests/s (account default 10,000 per Region)."),
            "burst": count("Burst limit in requests (account default 5,000).", 0, BIG),
        },
        "required": ["region"],
    },
    "rds": {
        "description": "RDS DB instance (MySQL, PostgreSQL, MariaDB, Oracle, SQL Server).",
        "properties": {
            **PLACE_AZS,
            "engine": prop("string", "Database engine.", enum=["mysql", "postgres", "mariadb", "oracle", "sqlserver", "db2"]),
            "instance_class": prop("string", "DB instance class, e.g. db.r6g.large.", maxLength=64),
            "multi_az": prop("boolean", "Synchronous standby in a second AZ with automatic failover."),
            "read_replicas": array("Read replicas (same or another Region).", obj("A read replica.", {
                "az": prop("string", "AZ of the replica.", pattern=AZ_PATTERN),
                "region": prop("string", "Region of a cross-Region replica.", pattern=REGION_PATTERN),
            })),
            "backup_retention_days": count("Automated backup retention in days (0 disables backups).", 0, 35),
            "deletion_protection": prop("boolean", "Deletion protection enabled."),
            "capacity_rps": positive("Queries per second one DB instance sustains."),
            "storage_gb": positive("Allocated storage in GB (for cost).", 65536),
        },
        "required": ["engine"],
    },
    "aurora": {
        "description": "Aurora DB cluster: one writer and up to 15 readers over a 3-AZ storage volume.",
        "properties": {
            **PLACE_AZS,
            "engine": prop("string", "Aurora engine.", enum=["aurora-mysql", "aurora-postgresql"]),
            "instances": array("DB instances of the cluster.", obj("A DB instance.", {
                "name": prop("string", "Instance name.", pattern=ID_PATTERN),
                "az": prop("string", "AZ the instance runs in.", pattern=AZ_PATTERN),
                "role": prop("string", "writer or reader (the first instance is the writer by default).",
                             enum=["writer", "reader"]),
                "instance_class": prop("string", "DB instance class.", maxLength=64),
            }, required=("az",)), minItems=1, maxItems=16),
            "backup_retention_days": count("Backup retention in days (1-35).", 1, 35),
            "global_database_regions": array("Secondary Regions of an Aurora Global Database.",
                                             prop("string", "Region name.", pattern=REGION_PATTERN), uniqueItems=True),
            "deletion_protection": prop("boolean", "Deletion protection enabled."),
            "capacity_rps": positive("Queries per second one DB instance sustains."),
        },
        "required": ["engine", "instances"],
    },
    "dynamodb": {
        "description": "DynamoDB table (regional, replicated across 3 AZs by the service).",
        "properties": {
            **PLACE_REGION,
            "partition_key": {**KEY, "description": "Partition (hash) key."},
            "sort_key": {**KEY, "description": "Sort (range) key."},
            "capacity": obj("Capacity mode.", {
                "mode": prop("string", "provisioned (RCU/WCU you set) or on-demand (pay per request).",
                             enum=["provisioned", "on-demand"]),
                "read": count("Provisioned read capacity units (RCU).", 1, BIG),
                "write": count("Provisioned write capacity units (WCU).", 1, BIG),
            }, required=("mode",)),
            "item_size": size("Average item size (drives RCU/WCU rounding)."),
            "gsis": array("Global secondary indexes.", obj("A global secondary index.", {
                "name": prop("string", "Index name.", pattern=r"^[A-Za-z0-9_.-]{3,255}$"),
                "partition_key": {**KEY, "description": "Index partition key."},
                "sort_key": {**KEY, "description": "Index sort key."},
                "projection": PROJECTION,
                "item_size": size("Average index entry size (default: the table's item size for ALL, else 10% of it)."),
                "write_share": ratio("Share of base-table writes that carry this index's key attributes (default 1)"),
                "read": count("Provisioned RCU of the index.", 1, BIG),
                "write": count("Provisioned WCU of the index.", 1, BIG),
            }, required=("name", "partition_key")), maxItems=20),
            "lsis": array("Local secondary indexes (same partition key, other sort key).", obj("A local secondary index.", {
                "name": prop("string", "Index name.", pattern=r"^[A-Za-z0-9_.-]{3,255}$"),
                "sort_key": {**KEY, "description": "Index sort key."},
                "projection": PROJECTION,
                "item_size": size("Average index entry size (default: the table's item size for ALL, else 10% of it)."),
            }, required=("name", "sort_key")), maxItems=5),
            "point_in_time_recovery": prop("boolean", "Point-in-time recovery (continuous backups, 35 days)."),
            "global_table_regions": array("Other Regions holding replicas (global table).",
                                          prop("string", "Region name.", pattern=REGION_PATTERN), uniqueItems=True),
            "deletion_protection": prop("boolean", "Deletion protection enabled."),
            "hot_key_share": ratio("Share of the table's traffic that goes to its single busiest partition key"),
            "storage_gb": positive("Average table size in GB (for cost)."),
        },
        "required": ["region", "partition_key", "capacity"],
    },
    "elasticache": {
        "description": "ElastiCache cluster (Redis OSS, Valkey or Memcached).",
        "properties": {
            **PLACE_AZS,
            "engine": prop("string", "Cache engine.", enum=["redis", "valkey", "memcached"]),
            "node_type": prop("string", "Node type, e.g. cache.r7g.large.", maxLength=64),
            "nodes": count("Number of nodes (primaries and replicas, all shards), spread over the AZs in order.", 1, 1000),
            "shards": count("Shards (node groups) in cluster mode (default 1).", 1, 500),
            "multi_az": prop("boolean", "Multi-AZ enabled (replicas in other AZs)."),
            "automatic_failover": prop("boolean", "Automatic failover to a replica when the primary fails."),
            "hit_ratio": ratio("Share of reads answered by the cache; the rest go on to the store behind it"),
            "capacity_rps": positive("Operations per second one node sustains."),
        },
        "required": ["engine", "nodes"],
    },
    "sqs": {
        "description": "SQS queue (regional, multi-AZ by design).",
        "properties": {
            **PLACE_REGION,
            "fifo": prop("boolean", "FIFO queue (throughput-limited) instead of standard."),
            "dead_letter_queue": id_ref("Component id of the dead-letter queue."),
        },
        "required": ["region"],
    },
    "sns": {
        "description": "SNS topic (regional, multi-AZ by design). Every subscriber receives every message.",
        "properties": {
            **PLACE_REGION,
            "fifo": prop("boolean", "FIFO topic."),
        },
        "required": ["region"],
    },
    "nat_gateway": {
        "description": "NAT gateway: lives in one public subnet (one AZ). Private subnets name it in their route.",
        "properties": {
            **PLACE_AZS,
        },
        "required": ["subnets"],
    },
}

# types placed by a Region only (or global); the rest may also take azs/subnets
GLOBAL_TYPES = ("users", "route53", "cloudfront")

DNS_RECORD = obj("A DNS record.", {
    "name": prop("string", "Record name: '@' for the zone apex, a relative name ('www') or a full name ending in the zone.",
                 minLength=1, maxLength=253),
    "type": prop("string", "Record type.", enum=["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"]),
    "alias": prop("boolean", "Alias record: resolves to an AWS resource (only A/AAAA), free and allowed at the apex."),
    "target": id_ref("Component the record points at (alias target, or the instance whose address it holds)."),
    "value": prop("string", "Literal value for records not pointing at a component.", maxLength=4000),
    "ttl": count("Time to live in seconds (not allowed on alias records: they use the target's TTL).", 0, 2_147_483_647),
    "routing": prop("string", "Routing policy (default simple).", enum=["simple", "failover", "weighted", "latency"]),
    "failover": prop("string", "Role in a failover pair.", enum=["primary", "secondary"]),
    "weight": count("Weight of a weighted record (0-255).", 0, 255),
    "region": prop("string", "Region of a latency record.", pattern=REGION_PATTERN),
    "set_identifier": prop("string", "Distinguishes records of the same name and type.", maxLength=128),
    "health_check": id_ref("Health check id (from this zone's health_checks)."),
    "evaluate_target_health": prop("boolean", "Alias record inherits the health of its target."),
}, required=("name", "type"))

HEALTH_CHECK = obj("A Route 53 health check.", {
    "id": prop("string", "Health check id, referenced by records.", pattern=ID_PATTERN),
    "target": id_ref("Component whose endpoint is probed."),
    "protocol": prop("string", "Probe protocol.", enum=["HTTP", "HTTPS", "TCP"]),
    "path": prop("string", "Path for HTTP(S) probes.", maxLength=1024),
    "interval": prop("integer", "Request interval in seconds: 30 (standard) or 10 (fast).", enum=[10, 30]),
    "failure_threshold": count("Consecutive failed checks before unhealthy (1-10, default 3).", 1, 10),
}, required=("id", "target"))


def component_def(type_name: str, spec: dict) -> dict:
    properties = dict(COMMON)
    properties["type"] = {**COMMON["type"], "const": type_name}
    properties.update(spec["properties"])
    out = {
        "type": "object",
        "description": spec["description"],
        "additionalProperties": False,
        "properties": properties,
        "required": ["id", "type", *spec.get("required", [])],
    }
    return out


def build_schema() -> dict:
    defs: dict = {
        "duration": DURATION,
        "size": SIZE,
        "dns_record": DNS_RECORD,
        "health_check": HEALTH_CHECK,
    }
    for name, spec in COMPONENT_TYPES.items():
        defs[f"component_{name}"] = component_def(name, spec)
    type_names = list(COMPONENT_TYPES)
    component = {
        "type": "object",
        "description": "An architecture component. 'type' selects the allowed keys.",
        "required": ["id", "type"],
        "properties": {"type": prop("string", "Component type.", enum=type_names)},
        "allOf": [
            {"if": {"properties": {"type": {"const": name}}, "required": ["type"]},
             "then": {"$ref": f"#/$defs/component_{name}"}}
            for name in type_names
        ],
    }
    defs["component"] = component
    defs["connection"] = obj("A directed connection: requests flow from 'from' to 'to'.", {
        "id": prop("string", "Optional id (default 'FROM->TO').", pattern=r"^[A-Za-z0-9_.>-]{1,130}$"),
        "from": id_ref("Source component id."),
        "to": id_ref("Target component id."),
        "label": prop("string", "Text on the diagram edge.", maxLength=200),
        "protocol": prop("string", "Protocol, e.g. HTTPS, TCP/5432, gRPC.", maxLength=40),
        "kind": prop("string", "sync (request/response, default), async (queue/event) or replication (data copy, no requests).",
                     enum=["sync", "async", "replication"]),
        "bidirectional": prop("boolean", "Draw the edge with arrows at both ends."),
        "share": ratio("Share of the source's requests sent here; for routers (DNS, CDN, load balancers, "
                       "API Gateway, users) unset shares split the remainder equally"),
        "calls": prop("number", "Calls made here per request of the source (fan-out; default 1).", minimum=0, maximum=100_000),
        "read_ratio": ratio("Share of these calls that read (default: the reads arriving at the source)"),
        "consistency": prop("string", "DynamoDB read consistency of these calls (default eventual).",
                            enum=["eventual", "strong", "transactional"]),
        "transactional_writes": prop("boolean", "DynamoDB writes of these calls use TransactWriteItems (2× WCU)."),
        "index": prop("string", "DynamoDB index name these reads query (GSI/LSI); GSI reads are eventually consistent.",
                      maxLength=255),
        "item_size": size("Item size of these calls (default: the table's item_size)."),
        "standby": prop("boolean", "Carries no traffic until failover (e.g. the secondary of a failover pair)."),
        "inferred": prop("string", "Why an importer inferred this connection: the template's evidence "
                                   "(absent on connections a person wrote).", maxLength=1000),
    }, required=("from", "to"))
    defs["subnet"] = obj("A subnet in one Availability Zone.", {
        "id": prop("string", "Subnet id, referenced by components.", pattern=ID_PATTERN),
        "az": prop("string", "Availability Zone of the subnet.", pattern=AZ_PATTERN),
        "kind": prop("string", "public (route to the internet gateway) or private (default).", enum=["public", "private"]),
        "cidr": prop("string", "IPv4 CIDR block.", pattern=r"^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$"),
        "nat_gateway": id_ref("NAT gateway (component id) this private subnet's default route uses."),
    }, required=("id", "az"))
    defs["vpc"] = obj("A VPC in one Region.", {
        "id": prop("string", "VPC id.", pattern=ID_PATTERN),
        "region": prop("string", "Region of the VPC.", pattern=REGION_PATTERN),
        "cidr": prop("string", "IPv4 CIDR block.", pattern=r"^[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}$"),
        "internet_gateway": prop("boolean", "VPC has an internet gateway (needed by public subnets)."),
        "subnets": array("Subnets of the VPC.", {"$ref": "#/$defs/subnet"}),
    }, required=("id", "region", "subnets"))

    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "archgen architecture spec",
        "description": "One AWS system: regions and network, components, connections, traffic, objectives and DR.",
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "name", "components"],
        "properties": {
            "version": prop("integer", "Spec format version. Only 1 exists.", const=1),
            "name": prop("string", "Short system name; also the output folder name (lower case, digits, '-', '_').",
                         pattern=NAME_PATTERN),
            "title": prop("string", "Human title shown on the diagram (defaults to the name).", maxLength=200),
            "description": prop("string", "What the system does.", maxLength=5000),
            "owner": prop("string", "Team or person responsible.", maxLength=200),
            "objectives": obj("Resilience objectives the design is judged against.", {
                "availability": prop("number", "Availability target in percent, e.g. 99.95.",
                                     exclusiveMinimum=0, maximum=100),
                "rto": duration("Recovery time objective: longest acceptable outage."),
                "rpo": duration("Recovery point objective: longest acceptable data-loss window."),
                "survive": prop("string", "Largest failure the system must survive: an AZ (default) or a whole Region.",
                                enum=["az", "region"]),
            }),
            "dr": obj("Disaster recovery across Regions.", {
                "strategy": prop("string", "DR strategy, cheapest to dearest.",
                                 enum=["backup-restore", "pilot-light", "warm-standby", "active-active"]),
                "primary_region": prop("string", "Region serving traffic normally.", pattern=REGION_PATTERN),
                "secondary_region": prop("string", "Recovery Region.", pattern=REGION_PATTERN),
                "backup_interval": duration("Time between backups (or snapshot copies) to the recovery Region."),
                "failover": prop("string", "How Region failover is triggered (default automatic for active-active, manual otherwise).",
                                 enum=["automatic", "manual"]),
            }, required=("strategy",)),
            "regions": array("Regions used and their Availability Zones.", obj("A Region.", {
                "name": prop("string", "Region name, e.g. us-east-1.", pattern=REGION_PATTERN),
                "azs": array("Availability Zones used in this Region.",
                             prop("string", "AZ name, e.g. us-east-1a.", pattern=AZ_PATTERN),
                             minItems=1, uniqueItems=True),
            }, required=("name", "azs"))),
            "network": obj("VPCs and subnets.", {
                "vpcs": array("VPCs.", {"$ref": "#/$defs/vpc"}),
            }),
            "components": array("The building blocks of the system.", {"$ref": "#/$defs/component"}),
            "connections": array("Directed connections between components.", {"$ref": "#/$defs/connection"}),
            "ignore": array("Suppressed findings; each needs a reason.", obj("A suppression.", {
                "rule": prop("string", "Rule id, e.g. AG101.", pattern=r"^AG[0-9]{3}$"),
                "component": id_ref("Component the suppression applies to (omit for all)."),
                "reason": prop("string", "Why this finding is accepted.", minLength=3, maxLength=1000),
            }, required=("rule", "reason"))),
            "diagram": obj("Diagram options.", {
                "direction": prop("string", "Layout direction: LR (left to right) or TB (top to bottom).",
                                  enum=["LR", "TB"]),
            }),
        },
        "$defs": defs,
    }
    return schema


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - developer tool
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
