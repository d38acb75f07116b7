"""Builds archgen's JSON Schema (Draft 2020-12) from Python data.

The shipped artefact is ``archgen.schema.json`` next to this file; ``python -m
archgen.spec.schema_build`` regenerates it and a test keeps the two in step. Building it
in code lets every component type share the common fields (id, label, placement) without
``allOf`` tricks that make editors and error messages worse. Each type's own keys come from
its module in the component catalogue (``archgen.catalogue``).
"""

from __future__ import annotations

import json
from pathlib import Path

from archgen import catalogue
from archgen.catalogue.base import ComponentType, Placement
from archgen.model import DYNAMODB_READ_OPERATIONS, DYNAMODB_WRITE_OPERATIONS
from archgen.spec.schema_parts import (
    AZ_PATTERN, COMMON, DURATION, ID_PATTERN, NAME_PATTERN, PLACE_AZS, PLACE_REGION, REGION_PATTERN, SIZE, array, count,
    duration, id_ref, obj, prop, ratio, size,
)

SCHEMA_FILE = Path(__file__).with_name("archgen.schema.json")
SCHEMA_ID = "urn:archgen:spec:v1"


def placement_keys(placement: Placement) -> dict:
    """The placement keys a type's placement allows: none, a Region, or a Region with AZs or subnets."""
    if placement.takes_azs:
        return PLACE_AZS
    return PLACE_REGION if placement.has_region else {}


def deletion_policy(values: tuple[str, ...]) -> dict:
    """The key every stateful type has: what deleting the resource (or its stack) does to its data."""
    words = {"retain": "retain (keep the resource and its data)",
             "snapshot": "snapshot (take a final snapshot, then delete)", "delete": "delete (the data goes with it)"}
    return prop("string", "What deleting the resource or its stack does to the data, as CloudFormation's "
                          "DeletionPolicy: " + ", ".join(words[v] for v in values) + ". Unset: not stated.",
                enum=list(values))


def component_def(kind: ComponentType) -> dict:
    properties = dict(COMMON)
    properties["type"] = {**COMMON["type"], "const": kind.name}
    properties.update(placement_keys(kind.placement))
    properties.update(kind.properties)
    if kind.deletion_policies:
        properties["deletion_policy"] = deletion_policy(kind.deletion_policies)
    return {
        "type": "object",
        "description": kind.description,
        "additionalProperties": False,
        "properties": properties,
        "required": ["id", "type", *kind.required],
    }


def build_schema() -> dict:
    defs: dict = {"duration": DURATION, "size": SIZE}
    for kind in catalogue.all_types():
        defs.update(kind.definitions)
    for kind in catalogue.all_types():
        defs[f"component_{kind.name}"] = component_def(kind)
    type_names = list(catalogue.names())
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
        "read_operation": prop("string", "DynamoDB operation of these reads (default get_item): query and scan are "
                                         "charged on the items' total size rounded up to 4 KB once, batch_get_item on "
                                         "each item rounded up.", enum=list(DYNAMODB_READ_OPERATIONS)),
        "items_per_read": prop("number", "Items each read returns (query, batch_get_item: at most 100) or evaluates "
                                         "(scan); default 1.", minimum=1, maximum=1_000_000),
        "write_operation": prop("string", "DynamoDB operation of these writes (default put_item): update_item is "
                                          "charged on the larger of the item before and after, batch_write_item on "
                                          "each item rounded up.", enum=list(DYNAMODB_WRITE_OPERATIONS)),
        "items_per_write": count("Items each batch_write_item writes (at most 25); default 1.", 1, 25),
        "item_size_before": size("Size of the item before an update_item (or a put_item that replaces it): the "
                                 "write is charged on the larger of before and after (default: item_size)."),
        "index_key_change_share": ratio("Share of these writes that change the value of an index's key attribute: "
                                        "two writes on that index (delete and put) instead of one"),
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
                "decision_time": duration("Manual failover: time to detect the disaster, escalate and decide to fail "
                                          "over, as your drills measure it (AWS publishes none)."),
                "rebuild_time": duration("Backup & restore: time to redeploy the infrastructure, configuration and "
                                         "code in the recovery Region; pilot light: to switch on what is switched off."),
                "restore_time": duration("Backup & restore: time to restore the data stores from their backups in "
                                         "the recovery Region."),
                "scale_out_time": duration("Time for the recovery Region's compute to scale out to the peak (AWS "
                                           "publishes none for EC2 Auto Scaling or ECS)."),
                "promotion_time": duration("Time to promote the recovery Region's copies of the data where AWS "
                                           "publishes no figure (an RDS cross-Region read replica)."),
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
