"""The building blocks of archgen's JSON Schema: patterns, property helpers, the keys every component has.

Shared by the schema builder (``archgen.spec.schema_build``) and the component catalogue, whose
type modules describe their own keys with these helpers.
"""

from __future__ import annotations

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_-]{0,62}$"
NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
REGION_PATTERN = r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]{1,2}$"
AZ_PATTERN = r"^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]{1,2}[a-z]$"
# durations and sizes written as text are bounded like numbers (BIG): at most 12 digits before the
# unit, so '999...9s' cannot become infinity (docs/limits.md)
QUANTITY_DIGITS = 12
DURATION_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,12})?\s*(ms|s|m|h|d)$"
SIZE_PATTERN = r"^[0-9]{1,12}(\.[0-9]{1,12})?\s*(B|kB|KB|MB|GB|KiB|MiB|GiB)$"

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
    "description": ("A size: a number of bytes, or text such as '512B', '4KB', '1.5MB': KB, MB and GB are 1,024-based "
                    "(1 KB = 1,024 bytes, as DynamoDB counts), as are KiB, MiB and GiB; kB is 1,000 bytes (SI)."),
    "anyOf": [{"type": "number", "minimum": 0, "maximum": BIG},
              {"type": "string", "pattern": SIZE_PATTERN}],
}


def duration(description: str) -> dict:
    return {"$ref": "#/$defs/duration", "description": description}


def size(description: str) -> dict:
    return {"$ref": "#/$defs/size", "description": description}


# ---------------------------------------------------------------------------------------
# keys every component has, and the placement keys its placement allows
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
