"""Reading ``terraform show -json`` output: a saved plan or a state, with positions.

Both formats are documented at developer.hashicorp.com/terraform/internals/json-format. A
plan lists ``planned_values`` (values unknown until apply are absent and flagged in
``resource_changes[].change.after_unknown``) and the ``configuration`` whose expressions name
the resources each attribute refers to; a state lists ``values`` with every id filled in.
``Resource.referenced(path)`` answers "which resources does this attribute point at" for both:
from the configuration's references in a plan, from matching ids/ARNs/names in a state.

The JSON is read with archgen's bounded loader (20 MB, depth, positions), so every resource
keeps the line it starts on for traceability.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from archgen.diagnostics import Diagnostic, SpecError
from archgen.spec.yamlload import LoadedYaml, load_yaml_text, read_spec_text

_INDEX = re.compile(r"\[[^\]]*\]")
IDENTIFYING_ATTRIBUTES = ("id", "arn", "name", "bucket", "function_name", "zone_id", "dns_name", "domain_name",
                          "bucket_regional_domain_name", "bucket_domain_name", "endpoint", "address", "url",
                          "invoke_arn", "primary_endpoint_address", "configuration_endpoint_address")
MAX_REFERENCE_HOPS = 20  # module outputs and variables followed through at most this many modules


def terraform_error(file: str, line: int, column: int, message: str, hint: str = "") -> SpecError:
    return SpecError([Diagnostic(file, line, column, message, hint=hint, code="terraform")], unreadable=True)


@dataclass(frozen=True, eq=False)  # one object per resource: compared and hashed by identity
class Resource:
    address: str  # module.net.aws_subnet.private[0]
    type: str  # aws_subnet
    name: str  # private
    index: int | str | None
    module: str  # "" or "module.net"
    values: dict
    line: int
    unknown: frozenset = frozenset()  # top-level attributes known only after apply (plans)
    references: dict = field(default_factory=dict, compare=False)  # attribute path -> addresses it names
    keyed: dict = field(default_factory=dict, compare=False)  # block -> {its key's constant: addresses it names}

    @property
    def config_address(self) -> str:
        """The address without instance keys: all instances of one resource block share it."""
        return _INDEX.sub("", self.address)


@dataclass
class TerraformInput:
    file: str
    kind: str  # plan | state
    terraform_version: str
    resources: list[Resource]
    loaded: LoadedYaml = field(repr=False)
    _by_address: dict = field(default_factory=dict, repr=False)
    _by_block: dict = field(default_factory=dict, repr=False)
    _by_value: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for resource in self.resources:
            self._by_address[resource.address] = resource
            self._by_block.setdefault(resource.config_address, []).append(resource)
        # ids, ARNs and names identify a resource in a state (and in a plan where known); a
        # resource's own id or ARN wins over another's attribute that repeats it
        for key in IDENTIFYING_ATTRIBUTES:
            for resource in self.resources:
                value = resource.values.get(key)
                if isinstance(value, str) and value:
                    holders = self._by_value.setdefault(value, [])
                    if resource not in holders:
                        holders.append(resource)

    def resource(self, address: str) -> Resource | None:
        return self._by_address.get(address)

    def referenced(self, resource: Resource, *path: str) -> list[Resource]:
        """Resources that the attribute at ``path`` (e.g. "default_action", "target_group_arn") points at."""
        found: list[Resource] = []
        # an attribute that holds blocks (``route``, ``ingress``) is one expression in the configuration:
        # what a nested key references is recorded at the attribute
        for depth in range(len(path), 0, -1):
            addresses = resource.references.get(".".join(path[:depth]))
            if addresses:
                for address in addresses:
                    found.extend(self._instances(address, resource))
                break
        for value in _strings(_dig(resource.values, path)):
            found.extend(self._by_value.get(value, ()))
        return _distinct(found, resource)

    def named_by(self, value) -> list[Resource]:
        """Resources whose id, ARN, name or endpoint is ``value`` (a state's way of naming them)."""
        return list(self._by_value.get(value, ())) if isinstance(value, str) else []

    def referenced_anywhere(self, resource: Resource) -> list[Resource]:
        """Every resource any attribute of ``resource`` points at (for evidence such as environment variables)."""
        found: list[Resource] = []
        for attribute, addresses in resource.references.items():
            if not attribute.startswith("#"):
                for address in addresses:
                    found.extend(self._instances(address, resource))
        for value in _strings(resource.values):
            found.extend(self._by_value.get(value, ()))
        return _distinct(found, resource)

    def instances(self, addresses, holder: Resource) -> list[Resource]:
        """The resources some configuration addresses name (every instance of a counted block)."""
        return [found for address in addresses for found in self._instances(address, holder)]

    def _instances(self, address: str, holder: Resource) -> list[Resource]:
        if address in self._by_address:
            return [self._by_address[address]]
        instances = self._by_block.get(address, [])
        if len(instances) > 1 and holder.index is not None and address in holder.references.get("#counted", ()):
            # `aws_subnet.private[count.index]` names the instance with the holder's own index
            paired = [r for r in instances if r.index == holder.index]
            if paired:
                return paired
        return list(instances)


def _distinct(found: list[Resource], holder: Resource) -> list[Resource]:
    seen: set[str] = set()
    return [r for r in found if r is not holder and not (r.address in seen or seen.add(r.address))]


def _dig(values, path):
    """The value at ``path``, looking inside lists of blocks (``default_action[*].target_group_arn``)."""
    current = [values]
    for part in path:
        following = []
        for item in current:
            if isinstance(item, list):
                following.extend(block.get(part) for block in item if isinstance(block, dict))
            elif isinstance(item, dict):
                following.append(item.get(part))
        current = following
    return current


def _strings(value):
    """Every string inside a value; JSON documents held in a string (policies, redrive
    settings written with jsonencode) are looked into too."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item[:1] in "{[" and len(item) < 100_000:
                try:
                    stack.append(json.loads(item))
                    continue
                except ValueError:
                    pass
            yield item
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())


def load_terraform(file: str) -> TerraformInput:
    try:
        text = read_spec_text(file, kind="plan or state", split_hint="import the modules separately")
        loaded = load_yaml_text(text, file)
    except SpecError as exc:
        raise SpecError(exc.diagnostics, unreadable=True) from None
    data = loaded.data
    if not isinstance(data, dict) or "format_version" not in data:
        raise terraform_error(file, *loaded.locate(()), "not `terraform show -json` output (no format_version)",
                              hint="run `terraform show -json PLANFILE > plan.json` (or without PLANFILE for the state)")
    version = str(data.get("format_version"))
    if not version.startswith(("0.", "1.")):
        raise terraform_error(file, *loaded.locate(("format_version",)),
                              f"format_version {version} is newer than archgen reads (0.x and 1.x)")
    if "planned_values" in data:
        return _read_plan(loaded)
    if "values" in data or data.get("terraform_version"):
        return _read_state(loaded)
    raise terraform_error(file, 1, 1, "neither a plan (planned_values) nor a state (values)")


def _read_state(loaded: LoadedYaml) -> TerraformInput:
    values = loaded.data.get("values") or {}
    resources = list(_module_resources(loaded, values.get("root_module"), ("values", "root_module"), {}, {}))
    return TerraformInput(loaded.file, "state", str(loaded.data.get("terraform_version", "")), resources, loaded)


def _read_plan(loaded: LoadedYaml) -> TerraformInput:
    data = loaded.data
    unknown: dict[str, frozenset] = {}
    for change in data.get("resource_changes") or []:
        if isinstance(change, dict) and isinstance(change.get("change"), dict):
            after = change["change"].get("after_unknown")
            if isinstance(after, dict):
                unknown[str(change.get("address"))] = frozenset(k for k, v in after.items() if v is True)
    references = _configuration_references(data.get("configuration") or {})
    resources = list(_module_resources(loaded, (data.get("planned_values") or {}).get("root_module"),
                                       ("planned_values", "root_module"), unknown, references))
    return TerraformInput(loaded.file, "plan", str(data.get("terraform_version", "")), resources, loaded)


def _module_resources(loaded: LoadedYaml, module, path: tuple, unknown: dict, references: dict):
    """Managed resources of a module and its children, depth first (explicit stack: no recursion)."""
    stack = [(module, path)]
    while stack:
        current, here = stack.pop()
        if not isinstance(current, dict):
            continue
        for i, raw in enumerate(current.get("resources") or []):
            if not isinstance(raw, dict) or raw.get("mode", "managed") != "managed":
                continue
            address = str(raw.get("address", ""))
            module_address = address.rsplit(f"{raw.get('type')}.", 1)[0].rstrip(".") if raw.get("type") else ""
            resource_refs = references.get(_INDEX.sub("", address), {})
            keyed = resource_refs.pop("#keyed", {}) if "#keyed" in resource_refs else {}
            yield Resource(
                address=address, type=str(raw.get("type", "")), name=str(raw.get("name", "")),
                index=raw.get("index"), module=module_address,
                values=raw.get("values") if isinstance(raw.get("values"), dict) else {},
                line=loaded.locate(here + ("resources", i))[0], unknown=unknown.get(address, frozenset()),
                references=resource_refs, keyed=keyed)
        children = current.get("child_modules") or []
        for j in reversed(range(len(children))):
            stack.append((children[j], here + ("child_modules", j)))


def _configuration_references(configuration: dict) -> dict[str, dict[str, tuple[str, ...]]]:
    """Config address -> {attribute path: resource addresses its expression names}.

    Module outputs (``module.net.private_subnets``) and input variables (``var.subnets``) are
    followed to the resources behind them. ``#counted`` lists the addresses an attribute names
    with ``[count.index]`` / ``[each.key]``, which mean "the instance with my own key".
    """
    modules: dict[str, dict] = {}  # module address -> its configuration
    calls: dict[str, tuple[str, dict]] = {}  # module address -> (parent address, call expressions)
    stack = [("", configuration.get("root_module") or {})]
    while stack:
        address, module = stack.pop()
        if not isinstance(module, dict):
            continue
        modules[address] = module
        for name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                child = f"{address}.module.{name}".lstrip(".")
                calls[child] = (address, call.get("expressions") or {})
                stack.append((child, call.get("module") or {}))

    def resolve(module_address: str, reference: str, hops: int = 0) -> list[str]:
        """Resource addresses (module-qualified) behind one reference string."""
        if hops > MAX_REFERENCE_HOPS:
            return []
        prefix = f"{module_address}." if module_address else ""
        parts = reference.split(".")
        if parts[0] in ("count", "each", "path", "terraform", "local", "data", "self"):
            return []
        if parts[0] == "var" and len(parts) > 1:
            if module_address not in calls:
                return []
            parent, expressions = calls[module_address]
            return [found for ref in _expression_references(expressions.get(_INDEX.sub("", parts[1])))
                    for found in resolve(parent, ref, hops + 1)]
        if parts[0] == "module":  # module.NAME alone names the whole module, not a resource
            if len(parts) < 3:
                return []
            child = f"{prefix}module.{_INDEX.sub('', parts[1])}"
            output = ((modules.get(child) or {}).get("outputs") or {}).get(_INDEX.sub("", parts[2]))
            expression = output.get("expression") if isinstance(output, dict) else None
            return [found for ref in _expression_references(expression) for found in resolve(child, ref, hops + 1)]
        if len(parts) >= 2:
            # aws_subnet.private[0].id -> aws_subnet.private[0]; keep an explicit literal index
            return [prefix + ".".join(parts[:2])]
        return []

    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for module_address, module in modules.items():
        prefix = f"{module_address}." if module_address else ""
        for resource in module.get("resources") or []:
            if not isinstance(resource, dict) or resource.get("mode", "managed") != "managed":
                continue
            attributes: dict[str, tuple[str, ...]] = {}
            counted: list[str] = []
            for attribute, references in _attribute_references(resource.get("expressions") or {}):
                found: list[str] = []
                for reference in references:
                    for address in resolve(module_address, reference):
                        found.append(address)
                        if "count.index" in references or "each.key" in references:
                            counted.append(address)
                attributes[attribute] = tuple(dict.fromkeys(attributes.get(attribute, ()) + tuple(found)))
            attributes["#counted"] = tuple(dict.fromkeys(counted))
            attributes["#keyed"] = _keyed_blocks(resource.get("expressions") or {},
                                                 lambda ref, here=module_address: resolve(here, ref))
            out[prefix + str(resource.get("address", ""))] = attributes
    return out


KEY_ATTRIBUTES = ("origin_id", "name", "id")  # what tells blocks of one kind apart (set order is not config order)


def _keyed_blocks(expressions: dict, resolve) -> dict[str, dict[str, tuple[str, ...]]]:
    """For each list of blocks whose blocks carry a constant key (``origin { origin_id = "app" ... }``):
    {block name: {key value: addresses the block's expressions name}}. A plan lists set-typed
    blocks in its own order, so a block is found by its key, never by its position."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for name, blocks in expressions.items():
        if not isinstance(blocks, list):
            continue
        for block in blocks:
            if not isinstance(block, dict):
                continue
            key = next((block[k].get("constant_value") for k in KEY_ATTRIBUTES
                        if isinstance(block.get(k), dict) and "constant_value" in block[k]), None)
            if key is None:
                continue
            found = [address for _, refs in _attribute_references(block) for ref in refs for address in resolve(ref)]
            out.setdefault(name, {})[str(key)] = tuple(dict.fromkeys(found))
    return out


def _attribute_references(expressions: dict):
    """(dotted attribute path, reference strings) for every expression, nested blocks included."""
    stack = [("", expressions)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, dict):
            if "references" in item and isinstance(item["references"], list):
                yield path, [str(r) for r in item["references"]]
                continue
            for key, value in item.items():
                if key in ("constant_value", "source"):
                    continue
                stack.append((f"{path}.{key}".lstrip("."), value))
        elif isinstance(item, list):
            # each block both under the attribute (all blocks) and under its position (``origin[1]``)
            stack.extend((path, value) for value in item)
            if len(item) > 1:
                stack.extend((f"{path}[{i}]", value) for i, value in enumerate(item))


def _expression_references(expression) -> list[str]:
    return [ref for _, refs in _attribute_references({"x": expression} if expression else {}) for ref in refs]
