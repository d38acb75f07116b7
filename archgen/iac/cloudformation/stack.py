"""A template and its local nested stacks, resolved: parameters, conditions, resources.

``load_stacks(file, parameters=..., region=...)`` reads the template, applies parameter
defaults and ``--parameter`` overrides, checks what CloudFormation itself would reject
(circular dependencies between resources, circular conditions, Refs to nothing), resolves
every created resource's Properties and Metadata and follows ``AWS::CloudFormation::Stack``
resources whose ``TemplateURL`` (or, for ``cdk synth`` output, ``aws:asset:path`` metadata)
is a local path - never outside the first template's directory tree, never over the network.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from archgen.iac.cloudformation.intrinsics import Resolver, Unresolved, sub_variables
from archgen.iac.cloudformation.template import load_template, template_error
from archgen.iac.cloudformation.values import NO_VALUE, Unknown
from archgen.iac.zones import REGION
from archgen.iac.notes import Note
from archgen.paths import UsageError
from archgen.spec.yamlload import MAX_BYTES, LoadedYaml

DEFAULT_REGION = "us-east-1"
MAX_NESTING = 10  # nested stacks inside nested stacks
MAX_STACKS = 200
STACK_TYPE = "AWS::CloudFormation::Stack"
_REMOTE = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


@dataclass(frozen=True, eq=False)  # one object per resource: compared and hashed by identity
class Resource:
    logical_id: str
    type: str
    stack: tuple[str, ...]  # nested-stack logical ids leading to it (() for the first template)
    file: str
    line: int
    column: int
    properties: dict
    metadata: dict
    deletion_policy: str | None = None
    condition: str | None = None
    condition_undecided: bool = False  # its condition depends on a value the template cannot decide
    loaded: LoadedYaml | None = field(default=None, repr=False, compare=False)

    def line_of(self, *path) -> int:
        """Line of a property (``line_of("MultiAZ")``), or of the resource when it is not written."""
        if self.loaded is None:
            return self.line
        for tail in (("Properties", *path), ()):
            here = ("Resources", self.logical_id, *tail)
            if _present(self.loaded.data, here):
                return self.loaded.locate(here, key=not tail)[0]
        return self.line


def _present(data, path) -> bool:
    for part in path:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return False
    return True


@dataclass
class Stack:
    file: str
    path: tuple[str, ...]
    loaded: LoadedYaml
    region: str
    resources: dict[str, Resource] = field(default_factory=dict)  # the created ones, in template order
    children: dict[str, "Stack"] = field(default_factory=dict)
    resolver: Resolver | None = field(default=None, repr=False)  # resolves its Outputs for a parent stack

    @property
    def description(self) -> str:
        text = self.loaded.data.get("Description")
        return text if isinstance(text, str) else ""


@dataclass
class LoadedStacks:
    root: Stack
    stacks: list[Stack]  # every stack, the first template first, then nested ones depth first
    unresolved: Unresolved
    notes: list[Note]
    region: str

    def all_resources(self):
        for stack in self.stacks:
            yield from stack.resources.values()


def parse_parameter_options(options) -> dict[str, str]:
    """``--parameter KEY=VALUE`` options as a dict (exit 2 on a malformed one)."""
    out: dict[str, str] = {}
    for option in options or ():
        key, sep, value = option.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--parameter {option!r}: expected KEY=VALUE")
        out[key.strip()] = value
    return out


def load_stacks(file: str, *, parameters: dict[str, str] | None = None, region: str | None = None,
                exports: dict | None = None, stack_name: str | None = None) -> LoadedStacks:
    """``exports``: Export.Name -> value of templates read before (``Fn::ImportValue`` finds them there, and
    this template's exports are added); ``stack_name``: AWS::StackName, when templates are read together."""
    if region is not None and not REGION.match(region):
        raise UsageError(f"--region {region!r}: not a Region name such as us-east-1")
    notes: list[Note] = []
    if region is None:
        region = DEFAULT_REGION
        notes.append(Note(file, 0, f"no --region given: Region-dependent values (Fn::GetAZs, AWS::Region, "
                                   f"Mappings by Region) are those of {DEFAULT_REGION}"))
    loader = _Loader(Path(file), region, notes, exports if exports is not None else {}, stack_name)
    root = loader.load(file, (), parameters or {}, overrides=True)
    for stack in loader.stacks:
        loader.add_exports(stack)
    return LoadedStacks(root, loader.stacks, loader.unresolved, notes, region)


class _Loader:
    def __init__(self, first: Path, region: str, notes: list[Note], exports: dict, stack_name: str | None):
        self.root_dir = first.resolve().parent
        self.exports = exports
        self.stack_name = stack_name
        self.region = region
        self.notes = notes
        self.unresolved = Unresolved()
        self.stacks: list[Stack] = []
        self.chain: list[Path] = []  # files of the stacks being loaded, outermost first
        self.bytes_read = 0

    def load(self, file: str, path: tuple[str, ...], supplied: dict, *, overrides: bool) -> Stack:
        loaded = load_template(file)
        self.bytes_read += os.path.getsize(file)
        if self.bytes_read > MAX_BYTES:
            raise template_error(file, 1, 1, f"nested stacks add up to over {MAX_BYTES // 1048576} MB of templates")
        data = loaded.data
        resources_raw = data["Resources"]
        types = _resource_types(loaded)
        _check_dependency_cycles(loaded, types)
        parameters = _parameters(loaded, supplied, overrides=overrides, assumed=self.notes)
        stack = Stack(file, path, loaded, self.region)
        self.stacks.append(stack)
        self.chain.append(Path(file).resolve())
        try:
            _StackResolver(self, stack, parameters, types).run(resources_raw)
        finally:
            self.chain.pop()
        return stack

    def add_exports(self, stack: Stack) -> None:
        """The stack's exported outputs, for Fn::ImportValue in templates read after it."""
        for name, output in (stack.loaded.data.get("Outputs") or {}).items():
            export = output.get("Export") if isinstance(output, dict) else None
            if not isinstance(export, dict) or "Name" not in export or "Value" not in output:
                continue
            here = ("Outputs", name)
            exported = stack.resolver.resolve(export["Name"], here + ("Export", "Name"))
            if isinstance(exported, str):
                self.exports[exported] = stack.resolver.resolve(output["Value"], here + ("Value",))

    def nested(self, parent: Stack, resource: Resource, resolver: Resolver) -> Stack | None:
        """The nested stack of an AWS::CloudFormation::Stack resource, if its template is local."""
        url = resource.properties.get("TemplateURL")
        asset = resource.metadata.get("aws:asset:path")
        where = resource.loaded.locate(("Resources", resource.logical_id, "Properties", "TemplateURL"))
        if isinstance(url, str) and url and not _REMOTE.match(url):
            relative = url
        elif isinstance(asset, str) and asset:  # cdk synth: the nested template sits beside this one
            relative = asset
        else:
            shown = url if isinstance(url, str) else "a URL known only at deploy time"
            self.notes.append(Note(parent.file, where[0], f"nested stack {resource.logical_id}: template {shown} is not "
                                                       "local, so archgen does not read it (it never fetches); "
                                                       "its resources are not imported"))
            return None
        candidate = (Path(parent.file).resolve().parent / relative).resolve()
        if candidate != self.root_dir and self.root_dir not in candidate.parents:
            raise template_error(parent.file, *where,
                f"nested stack {resource.logical_id}: template '{relative}' is outside the folder of the first "
                f"template ({self.root_dir})", hint="archgen never reads files outside the template's directory tree")
        if not candidate.is_file():
            raise template_error(parent.file, *where, f"nested stack {resource.logical_id}: no template file "
                                                        f"'{relative}' next to {Path(parent.file).name}")
        if candidate in self.chain:
            cycle = " -> ".join(p.name for p in [*self.chain[self.chain.index(candidate):], candidate])
            raise template_error(parent.file, *where, f"nested stacks include each other: {cycle}")
        if len(self.chain) > MAX_NESTING:
            raise template_error(parent.file, *where, f"nested stacks deeper than {MAX_NESTING} levels")
        if len(self.stacks) >= MAX_STACKS:
            raise template_error(parent.file, *where, f"more than {MAX_STACKS} nested stacks")
        supplied = resource.properties.get("Parameters") or {}
        if not isinstance(supplied, dict):
            supplied = {}
        display = os.path.normpath(os.path.join(os.path.dirname(parent.file), relative))
        return self.load(display, (*parent.path, resource.logical_id), supplied, overrides=False)


class _StackResolver:
    """Resolves one stack's resources in template order (a nested stack's outputs on demand)."""

    def __init__(self, loader: _Loader, stack: Stack, parameters: dict, types: dict[str, str]):
        self.loader = loader
        self.stack = stack
        self.types = types
        self.resolver = Resolver(stack.loaded, stack=stack.path, region=loader.region, parameters=parameters,
                                 resource_types=types, unresolved=loader.unresolved,
                                 nested_output=self.nested_output, exports=loader.exports,
                                 stack_name=loader.stack_name if not stack.path else None)
        stack.resolver = self.resolver
        self.done: dict[str, Resource | None] = {}
        self.nested_loaded: dict[str, Stack | None] = {}

    def run(self, resources_raw: dict) -> None:
        for logical_id in resources_raw:
            self.resource(logical_id)
        self.stack.resources = {lid: r for lid in resources_raw if (r := self.done.get(lid)) is not None}

    def resource(self, logical_id: str) -> Resource | None:
        if logical_id in self.done:
            return self.done[logical_id]
        loaded = self.stack.loaded
        raw = loaded.data["Resources"][logical_id]
        here = ("Resources", logical_id)
        resolver = self.resolver
        condition = raw.get("Condition")
        undecided = False
        if condition is not None:
            decided = resolver.condition(condition, here + ("Condition",))
            if decided is False:
                self.done[logical_id] = None
                return None
            if decided is None:
                undecided = True
                self.loader.notes.append(Note(self.stack.file, loaded.locate(here, key=True)[0], (
                    f"{logical_id} is created only if condition {condition} holds, which depends on "
                    f"{resolver.condition_reason(condition)}: imported as if it does")))
        outer, resolver.current_user = resolver.current_user, logical_id
        try:
            properties = resolver.resolve(raw.get("Properties") or {}, here + ("Properties",))
            metadata = resolver.resolve(raw.get("Metadata") or {}, here + ("Metadata",))
        finally:
            resolver.current_user = outer
        line, column = loaded.locate(here, key=True)
        resource = Resource(
            logical_id=logical_id, type=raw["Type"], stack=self.stack.path, file=self.stack.file, line=line,
            column=column, properties=properties if isinstance(properties, dict) else {},
            metadata=metadata if isinstance(metadata, dict) else {},
            deletion_policy=_policy(raw.get("DeletionPolicy")),
            condition=condition, condition_undecided=undecided, loaded=loaded)
        self.done[logical_id] = resource
        if resource.type == STACK_TYPE:
            self.nested_stack(resource)
        return resource

    def nested_stack(self, resource: Resource) -> Stack | None:
        if resource.logical_id not in self.nested_loaded:
            self.nested_loaded[resource.logical_id] = None  # a stack reading its own outputs meets None
            child = self.loader.nested(self.stack, resource, self.resolver)
            self.nested_loaded[resource.logical_id] = child
            if child is not None:
                self.stack.children[resource.logical_id] = child
        return self.nested_loaded[resource.logical_id]

    def nested_output(self, logical_id: str, output: str, path: tuple):
        resource = self.resource(logical_id)
        child = self.nested_stack(resource) if resource is not None else None
        if child is None:
            return self.resolver.unknown(f"output {output} of nested stack {logical_id} (template not read)", root=True)
        outputs = child.loaded.data.get("Outputs") or {}
        if output not in outputs or not isinstance(outputs[output], dict) or "Value" not in outputs[output]:
            raise self.resolver.error(path, f"nested stack {logical_id} has no output '{output}'")
        return child.resolver.resolve(outputs[output]["Value"], ("Outputs", output, "Value"))


def _policy(value) -> str | None:
    return value if isinstance(value, str) else None


def _resource_types(loaded: LoadedYaml) -> dict[str, str]:
    types: dict[str, str] = {}
    for logical_id, raw in loaded.data["Resources"].items():
        here = ("Resources", logical_id)
        if not isinstance(raw, dict):
            raise template_error(loaded.file, *loaded.locate(here), f"resource {logical_id} must be a mapping")
        rtype = raw.get("Type")
        if not isinstance(rtype, str) or not rtype:
            raise template_error(loaded.file, *loaded.locate(here, key=True), f"resource {logical_id} has no Type")
        if not re.match(r"^[A-Za-z0-9]+$", logical_id):
            raise template_error(loaded.file, *loaded.locate(here, key=True),
                                 f"logical id '{logical_id}' must be alphanumeric")
        types[logical_id] = rtype
    return types


def _parameters(loaded: LoadedYaml, supplied: dict, *, overrides: bool, assumed: list[Note]) -> dict:
    """Each parameter's value: the one supplied, else its default, else its first allowed value
    (said in ``assumed``), else Unknown."""
    declared = loaded.data.get("Parameters") or {}
    unknown_names = sorted(set(supplied) - set(declared))
    if unknown_names:
        if overrides:
            raise UsageError(f"--parameter {unknown_names[0]}: {loaded.file} has no parameter of that name"
                             + (f" (it has: {', '.join(sorted(declared))})" if declared else ""))
        raise template_error(loaded.file, 1, 1, f"parameter '{unknown_names[0]}' is passed to this nested stack "
                                                "but not declared in it")
    values: dict = {}
    for name, declaration in declared.items():
        if not isinstance(declaration, dict):
            raise template_error(loaded.file, *loaded.locate(("Parameters", name)), f"parameter {name} must be a mapping")
        ptype = str(declaration.get("Type", "String"))
        if name in supplied:
            value = supplied[name]
            allowed = declaration.get("AllowedValues")
            if overrides and isinstance(allowed, list) and value not in [str(a) for a in allowed]:
                raise UsageError(f"--parameter {name}={value}: not one of its AllowedValues "
                                 f"({', '.join(str(a) for a in allowed)})")
        elif "Default" in declaration:
            value = declaration["Default"]
            if ptype.startswith("AWS::SSM::Parameter::Value"):
                value = Unknown(f"parameter {name}: SSM parameter '{value}', read by CloudFormation at deploy time "
                                f"(archgen never fetches it; pass --parameter {name}=VALUE)", name)
        elif isinstance(declaration.get("AllowedValues"), list) and declaration["AllowedValues"]:
            # CloudFormation itself needs a value; the template's own first choice is the least guess
            value = declaration["AllowedValues"][0]
            assumed.append(Note(loaded.file, loaded.locate(("Parameters", name), key=True)[0],
                                f"parameter {name} has no default: archgen uses its first allowed value "
                                f"'{value}' (pass --parameter {name}=VALUE for another)"))
        else:
            value = Unknown(f"parameter {name} has no default (pass --parameter {name}=VALUE)", name)
        if isinstance(value, str) and (ptype == "CommaDelimitedList" or ptype.startswith("List<")):
            value = [item.strip() for item in value.split(",")] if value else []
        if value is NO_VALUE:
            value = Unknown(f"parameter {name} is AWS::NoValue", name)
        values[name] = value
    return values


def _check_dependency_cycles(loaded: LoadedYaml, types: dict[str, str]) -> None:
    """CloudFormation refuses resources that depend on each other in a circle; so does archgen."""
    edges: dict[str, list[str]] = {}
    for logical_id, raw in loaded.data["Resources"].items():
        names = list(_referenced_names(raw.get("Properties")))
        depends = raw.get("DependsOn")
        for name in [depends] if isinstance(depends, str) else depends if isinstance(depends, list) else []:
            if name not in types:
                raise template_error(loaded.file, *loaded.locate(("Resources", logical_id, "DependsOn")),
                                     f"{logical_id} DependsOn '{name}': no resource of that name")
            names.append(name)
        edges[logical_id] = [name for name in dict.fromkeys(names) if name in types]
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    for start in edges:
        if start in state:
            continue
        path = [start]
        iterators = [iter(edges[start])]
        state[start] = 1
        while iterators:
            following = next(iterators[-1], None)
            if following is None:
                state[path.pop()] = 2
                iterators.pop()
            elif state.get(following) == 1:
                cycle = path[path.index(following):] + [following]
                raise template_error(loaded.file, *loaded.locate(("Resources", following), key=True),
                                     f"circular dependency between resources: {' -> '.join(cycle)}",
                                     hint="CloudFormation rejects it too; break the cycle with a separate "
                                          "resource (e.g. an AWS::EC2::SecurityGroupIngress)")
            elif following not in state:
                state[following] = 1
                path.append(following)
                iterators.append(iter(edges[following]))


def _referenced_names(value):
    """Names a raw template value refers to through Ref, Fn::GetAtt or Fn::Sub."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if len(item) == 1:
                ((key, argument),) = item.items()
                if key == "Ref" and isinstance(argument, str):
                    yield argument
                    continue
                if key == "Fn::GetAtt":
                    if isinstance(argument, str):
                        yield argument.split(".", 1)[0]
                    elif isinstance(argument, list) and argument and isinstance(argument[0], str):
                        yield argument[0]
                    continue
                if key == "Fn::Sub":
                    template, variables = (argument, {}) if isinstance(argument, str) else (
                        (argument[0], argument[1]) if isinstance(argument, list) and len(argument) == 2 else ("", {}))
                    if isinstance(template, str):
                        local = set(variables) if isinstance(variables, dict) else set()
                        yield from (name.split(".", 1)[0] for name in sub_variables(template) if name not in local)
                    stack.append(variables)
                    continue
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
