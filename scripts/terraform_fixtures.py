"""Regenerates the Terraform fixtures: plan.json (and state.json) next to each main.tf under
tests/iac/fixtures/terraform/, with the real terraform binary and no network or credentials.

    .venv/bin/python scripts/terraform_fixtures.py [FIXTURE...]   (folder names; default: all)

Needs `terraform` (1.11 here) and the AWS provider in a filesystem mirror (TF_PLUGIN_MIRROR,
default /opt/tf-plugins). The provider runs with fake keys and every validation that would
call AWS skipped; `plan -refresh=false` on an empty state never contacts AWS. The tests never
run terraform: they read the committed JSON.

plan.json is `terraform show -json` of the saved plan (its `timestamp` removed, so the file
only changes when the configuration does). state.json is `terraform show -json` of a state
this script writes from the plan, as `terraform apply` would have left it: every value the
plan knew, and made-up but consistent ids, ARNs and names where the plan said "known after
apply" (an attribute that refers to another resource gets that resource's made-up value;
one computed by a function of such a value, e.g. a jsonencode()d redrive policy, stays null).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "iac" / "fixtures" / "terraform"
MIRROR = os.environ.get("TF_PLUGIN_MIRROR", "/opt/tf-plugins")
REGION, ACCOUNT = "us-east-1", "123456789012"
ID_PREFIX = {"aws_vpc": "vpc-", "aws_subnet": "subnet-", "aws_security_group": "sg-", "aws_nat_gateway": "nat-",
             "aws_eip": "eipalloc-", "aws_internet_gateway": "igw-", "aws_route_table": "rtb-", "aws_instance": "i-",
             "aws_launch_template": "lt-", "aws_route_table_association": "rtbassoc-", "aws_route": "r-rtb-",
             "aws_route53_zone": "Z", "aws_cloudfront_distribution": "E", "aws_db_instance": "db-"}
ARN_IS_ID = {"aws_lb", "aws_lb_target_group", "aws_lb_listener", "aws_alb", "aws_alb_target_group"}
NAME_IS_ID = {"aws_dynamodb_table": "name", "aws_lambda_function": "function_name", "aws_s3_bucket": "bucket",
              "aws_autoscaling_group": "name", "aws_db_subnet_group": "name", "aws_iam_role": "name",
              "aws_elasticache_replication_group": "replication_group_id",
              "aws_elasticache_subnet_group": "name"}


def run(argv: list[str], cwd: Path, env: dict) -> str:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def digest(text: str, length: int = 17) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:length]


def own_value(resource: dict, attribute: str):
    """A made-up value for an attribute the plan leaves to apply and no expression decides."""
    rtype, address, values = resource["type"], resource["address"], resource.get("values") or {}
    name = values.get(NAME_IS_ID.get(rtype, "name")) or resource["name"]
    arn = f"arn:aws:{rtype.split('_')[1]}:{REGION}:{ACCOUNT}:{rtype[4:]}/{name}-{digest(address, 8)}"
    if attribute == "arn":
        return arn
    if attribute == "id":
        if rtype in ARN_IS_ID:
            return arn
        if rtype in NAME_IS_ID and values.get(NAME_IS_ID[rtype]):
            return values[NAME_IS_ID[rtype]]
        if rtype == "aws_sqs_queue":
            return f"https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"
        return ID_PREFIX.get(rtype, f"{rtype[4:]}-") + digest(address).upper() if rtype in ("aws_route53_zone",
                                                                                           "aws_cloudfront_distribution") \
            else ID_PREFIX.get(rtype, f"{rtype[4:]}-") + digest(address)
    if attribute == "zone_id" and rtype == "aws_route53_zone":
        return "Z" + digest(address).upper()
    if attribute == "dns_name":
        return f"{name}-{digest(address, 10)}.{REGION}.elb.amazonaws.com"
    if attribute == "domain_name" and rtype == "aws_cloudfront_distribution":
        return f"d{digest(address, 13)}.cloudfront.net"
    if attribute == "hosted_zone_id" and rtype == "aws_cloudfront_distribution":
        return "Z2FDTNDATAQYW2"  # CloudFront's fixed alias zone
    if attribute == "bucket_regional_domain_name":
        return f"{name}.s3.{REGION}.amazonaws.com"
    if attribute in ("endpoint", "address") and rtype == "aws_db_instance":
        return f"{name}.{digest(address, 12)}.{REGION}.rds.amazonaws.com"
    if attribute == "name" and rtype == "aws_sqs_queue":
        return name
    return None


def provider_region(plan: dict) -> str:
    """The AWS provider's Region in the plan's configuration (fabricated ARNs name it)."""
    provider = (plan.get("configuration", {}).get("provider_config") or {}).get("aws", {})
    return ((provider.get("expressions") or {}).get("region") or {}).get("constant_value") or "us-east-1"


def state_from_plan(plan: dict, schemas: dict) -> dict:
    """The state `terraform apply` of this plan would leave (made-up ids where AWS picks them).

    ``schemas``: resource type -> provider schema block (from `terraform providers schema -json`),
    which says whether an attribute holds one value or a list of them.
    """
    global REGION
    REGION = provider_region(plan)
    changes = {c["address"]: c["change"] for c in plan.get("resource_changes", [])}
    config = _config_expressions(plan.get("configuration", {}))
    instances: dict[str, dict] = {}

    def walk(module):
        for resource in module.get("resources", []):
            if resource.get("mode") == "managed":
                instances[resource["address"]] = resource
        for child in module.get("child_modules", []):
            walk(child)

    walk(plan["planned_values"]["root_module"])
    attributes = {address: json.loads(json.dumps(r.get("values") or {})) for address, r in instances.items()}
    for address, resource in instances.items():
        for key, unknown in (changes.get(address, {}).get("after_unknown") or {}).items():
            if unknown is True and attributes[address].get(key) is None:
                attributes[address][key] = own_value(resource, key)
    # attributes whose expression names another resource take that resource's value (a few rounds
    # settle chains such as a route's NAT gateway id)
    for _ in range(4):
        for address, resource in instances.items():
            expressions = config.get(re.sub(r"\[[^\]]*\]", "", address), {})
            _fill(attributes[address], changes.get(address, {}).get("after_unknown") or {}, expressions,
                  address, resource.get("index"), instances, attributes, schemas.get(resource["type"], {}))
    resources: dict[tuple, dict] = {}
    for address, resource in instances.items():
        module = address.rsplit(f"{resource['type']}.{resource['name']}", 1)[0].rstrip(".")
        key = (module, resource["type"], resource["name"])
        entry = resources.setdefault(key, {
            **({"module": module} if module else {}), "mode": "managed", "type": resource["type"],
            "name": resource["name"], "provider": 'provider["registry.terraform.io/hashicorp/aws"]', "instances": []})
        instance = {"schema_version": resource.get("schema_version", 0), "attributes": attributes[address],
                    "sensitive_attributes": []}
        if resource.get("index") is not None:
            instance["index_key"] = resource["index"]
        entry["instances"].append(instance)
    return {"version": 4, "terraform_version": plan.get("terraform_version", ""), "serial": 1,
            "lineage": "00000000-0000-0000-0000-000000000000", "outputs": {}, "resources": list(resources.values()),
            "check_results": None}


def _config_expressions(configuration: dict) -> dict:
    out = {}

    def walk(module, prefix):
        for resource in module.get("resources", []):
            out[prefix + resource["address"]] = resource.get("expressions", {})
        for name, call in (module.get("module_calls") or {}).items():
            walk(call.get("module", {}), f"{prefix}module.{name}.")

    walk(configuration.get("root_module", {}), "")
    return out


def _fill(values: dict, unknown: dict, expressions: dict, address: str, index, instances: dict, attributes: dict,
          schema: dict):
    module = address.rsplit(".", 2)[0] + "." if address.startswith("module.") else ""
    for key, is_unknown in unknown.items():
        expression = expressions.get(key)
        if is_unknown is True and isinstance(expression, dict) and expression.get("references"):
            kind = ((schema.get("attributes") or {}).get(key) or {}).get("type")
            is_collection = isinstance(kind, list) and kind[0] in ("list", "set")
            if is_collection:  # [a.arn, b.arn]: each reference's value (not only the first one's)
                values[key] = _referenced_values(expression["references"], module, index, instances,
                                                 attributes) or values.get(key)
                continue
            value = _referenced_value(expression["references"], module, index, instances, attributes)
            if value is not None:
                values[key] = value[0] if isinstance(value, list) and len(value) == 1 else value
        elif isinstance(is_unknown, list) and isinstance(values.get(key), list) and isinstance(expression, list):
            block_schema = ((schema.get("block_types") or {}).get(key) or {}).get("block", {})
            for block, block_unknown in zip(values[key], is_unknown):
                block_expressions = _matching_block(block, expression)
                if isinstance(block, dict) and isinstance(block_unknown, dict) and isinstance(block_expressions, dict):
                    _fill(block, block_unknown, block_expressions, address, index, instances, attributes, block_schema)
        elif isinstance(is_unknown, list) and isinstance(values.get(key), list) and isinstance(expression, dict) \
                and expression.get("references"):
            # an attribute holding blocks (route, ingress) is one expression: fill each nested id by its kind
            for block, block_unknown in zip(values[key], is_unknown):
                for inner, inner_unknown in (block_unknown or {}).items():
                    kind = NESTED_KINDS.get(inner)
                    if inner_unknown is True and kind and isinstance(block, dict):
                        ids = [attributes[a].get("id") for a in _referenced_instances(expression["references"], module,
                                                                                   index, instances)
                               if instances[a]["type"] == kind]
                        if ids:
                            block[inner] = ids if inner in NESTED_LISTS else ids[0]


NESTED_KINDS = {"gateway_id": "aws_internet_gateway", "nat_gateway_id": "aws_nat_gateway",
                "security_groups": "aws_security_group"}
NESTED_LISTS = {"security_groups"}
KEY_ATTRIBUTES = ("origin_id", "name", "id")


def _matching_block(block, expressions: list):
    """The configuration block a planned block came from: by its key (sets are not in config order)."""
    for key in KEY_ATTRIBUTES:
        if isinstance(block, dict) and key in block:
            for candidate in expressions:
                if isinstance(candidate, dict) and (candidate.get(key) or {}).get("constant_value") == block[key]:
                    return candidate
    position = next((i for i, b in enumerate(expressions) if b is block), None)
    return expressions[position] if position is not None else (expressions[0] if len(expressions) == 1 else None)


def _referenced_instances(references: list[str], module: str, index, instances: dict) -> list[str]:
    found = []
    for reference in references:
        parts = reference.split(".")
        if parts[0] in ("var", "local", "count", "each", "module", "data") or len(parts) < 2:
            continue
        block = module + ".".join(parts[:2])
        found += [a for a in instances if a == block or re.sub(r"\[[^\]]*\]", "", a) == block]
    return list(dict.fromkeys(found))


def _referenced_values(references: list[str], module: str, index, instances: dict, attributes: dict) -> list:
    """The values of every reference in a list expression (terraform also lists each reference's
    resource on its own: ``a.arn`` and ``a``; the longer one counts)."""
    longest = [r for r in references if not any(o != r and o.startswith(r + ".") for o in references)]
    out: list = []
    for reference in longest:
        value = _referenced_value([reference], module, index, instances, attributes)
        for item in value if isinstance(value, list) else [value]:
            if item is not None and item not in out:
                out.append(item)
    return out


def _referenced_value(references: list[str], module: str, index, instances: dict, attributes: dict):
    counted = "count.index" in references
    for reference in references:
        parts = reference.split(".")
        if parts[0] in ("var", "local", "count", "each", "module", "data") or len(parts) < 2:
            continue
        block = module + ".".join(parts[:2])
        attribute = parts[2] if len(parts) > 2 else "id"
        if "[" in block:
            matches = [block] if block in instances else []
        else:
            matches = sorted((a for a in instances if re.sub(r"\[[^\]]*\]", "", a) == block),
                             key=lambda a: instances[a].get("index") or 0)
            if counted and index is not None:
                matches = [a for a in matches if instances[a].get("index") == index] or matches
        found = [attributes[a].get(attribute) for a in matches]
        if found and all(v is not None for v in found):
            return found[0] if (len(found) == 1 and ("[" in block or counted or len(parts) > 2)) else found
    return None


def main() -> None:
    if shutil.which("terraform") is None:
        sys.exit("terraform is not installed: the committed fixtures are used as they are")
    wanted = set(sys.argv[1:])  # fixture folder names; none: every fixture
    for config in sorted(FIXTURES.glob("*/main.tf")):
        if wanted and config.parent.name not in wanted:
            continue
        folder = config.parent
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch) / "work"
            shutil.copytree(folder, work, ignore=shutil.ignore_patterns("*.json", ".terraform*"))
            rc = Path(scratch) / "terraformrc"
            rc.write_text(f'provider_installation {{\n  filesystem_mirror {{ path = "{MIRROR}" }}\n}}\n')
            env = {**os.environ, "TF_CLI_CONFIG_FILE": str(rc), "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1",
                   "AWS_ACCESS_KEY_ID": "AKIAFAKEFAKEFAKEFAKE", "AWS_SECRET_ACCESS_KEY": "fake",
                   "TF_DATA_DIR": str(Path(scratch) / "data")}
            run(["terraform", "init", "-input=false", "-no-color", "-backend=false"], work, env)
            run(["terraform", "plan", "-input=false", "-no-color", "-refresh=false", "-lock=false", "-out=plan.bin"],
                work, env)
            plan = json.loads(run(["terraform", "show", "-json", "plan.bin"], work, env))
            plan.pop("timestamp", None)
            # terraform lists these in no fixed order: sorted, the file changes only with the configuration
            plan["relevant_attributes"] = sorted(plan.get("relevant_attributes", []),
                                                 key=lambda a: (a.get("resource", ""), a.get("attribute", [])))
            (folder / "plan.json").write_text(json.dumps(plan, indent=1, ensure_ascii=False) + "\n")
            providers = json.loads(run(["terraform", "providers", "schema", "-json"], work, env))
            schemas = {name: entry["block"] for provider in providers["provider_schemas"].values()
                       for name, entry in provider.get("resource_schemas", {}).items()}
            (work / "terraform.tfstate").write_text(json.dumps(state_from_plan(plan, schemas), indent=1))
            state = json.loads(run(["terraform", "show", "-json", "terraform.tfstate"], work, env))
            (folder / "state.json").write_text(json.dumps(state, indent=1, ensure_ascii=False) + "\n")
            print(f"wrote {folder.relative_to(ROOT)}/plan.json and state.json")


if __name__ == "__main__":
    main()
