"""CloudFormation's intrinsic functions and conditions, evaluated as data.

``Resolver.resolve(value, path)`` turns a template value into plain data where the template
decides it (parameters with their defaults or overrides, pseudo parameters, Mappings,
Conditions, ``Fn::Sub``/``Join``/``Select``/``Split``/``GetAZs``/``FindInMap``/``If``/``Cidr``
...), and into a placeholder (``values.Reference`` / ``Unknown`` / ``Text``) where only the
deployment knows. Every Unknown it makes is recorded with the resources that used it, so the
import can name them in a note. A template CloudFormation itself would reject (a Ref to
nothing, an unknown function, a circular condition) raises a one-line, positioned error.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from archgen.iac.cloudformation.template import template_error
from archgen.iac.cloudformation.values import NO_VALUE, PLACEHOLDERS, Reference, Text, Unknown, references_in, text_of
from archgen.iac.zones import availability_zones, partition
from archgen.spec.yamlload import LoadedYaml

PSEUDO_UNKNOWN = ("AWS::AccountId", "AWS::StackId", "AWS::StackName", "AWS::NotificationARNs")
_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
MAX_CONDITION_DEPTH = 200  # conditions naming conditions: far beyond any real template


@dataclass
class Unresolved:
    """Values the template cannot decide, by reason, with the resources that use each."""

    used_by: dict[str, set[str]] = field(default_factory=dict)

    def add(self, reason: str, user: str | None) -> None:
        users = self.used_by.setdefault(reason, set())
        if user:
            users.add(user)


def sub_variables(template: str) -> list[str]:
    """Names in an Fn::Sub string (``${Name}``, ``${Res.Attr}``); ``${!Literal}`` is not one."""
    return [name.strip() for name in _SUB_VARIABLE.findall(template) if not name.startswith("!")]


class Resolver:
    def __init__(self, loaded: LoadedYaml, *, stack: tuple[str, ...], region: str,
                 parameters: dict, resource_types: dict[str, str], unresolved: Unresolved,
                 nested_output: Callable[[str, str, tuple], object] | None = None,
                 exports: dict | None = None, stack_name: str | None = None):
        self.loaded = loaded
        self.file = loaded.file
        self.stack = stack
        self.region = region
        self.parameters = parameters
        self.resource_types = resource_types
        self.mappings = loaded.data.get("Mappings") or {}
        self.conditions = loaded.data.get("Conditions") or {}
        self.unresolved = unresolved
        self.nested_output = nested_output
        self.exports = exports if exports is not None else {}  # Export.Name -> value, of templates read before
        self.stack_name = stack_name
        self.current_user: str | None = None  # the resource being resolved, for the notes
        self._condition_values: dict[str, bool | None] = {}
        self._condition_reasons: dict[str, str] = {}
        self._evaluating: list[str] = []
        self.partition, self.url_suffix = partition(region)

    # -- errors and unknowns ------------------------------------------------------------------
    def error(self, path: tuple, message: str, hint: str = "", *, key: bool = False):
        return template_error(self.file, *self.loaded.locate(path, key=key), message, hint)

    def unknown(self, reason: str, *, label: str = "", root: bool = False, derived_from=None) -> Unknown:
        """A value the template cannot decide. Only a ``root`` cause - an input from outside the
        template - is recorded for the notes; values derived from one carry its reason along,
        and the resources they were derived from (``derived_from``) as evidence."""
        if root:
            self.unresolved.add(reason, self.current_user)
        return Unknown(reason, label, tuple(references_in(derived_from)) if derived_from is not None else ())

    # -- values ---------------------------------------------------------------------------------
    def resolve(self, value, path: tuple):
        if type(value) is dict:
            if len(value) == 1:
                ((key, argument),) = value.items()
                if key == "Ref":
                    return self.ref(argument, path + (key,))
                if key.startswith("Fn::"):
                    function = FUNCTIONS.get(key)
                    if function is None:
                        raise self.error(path + (key,), f"unknown intrinsic function '{key}'",
                                         hint="see the CloudFormation intrinsic function reference", key=True)
                    return function(self, argument, path + (key,))
            out = {}
            for key, item in value.items():
                resolved = self.resolve(item, path + (key,))
                if resolved is not NO_VALUE:
                    out[key] = resolved
            return out
        if type(value) is list:
            out_list = []
            for index, item in enumerate(value):
                resolved = self.resolve(item, path + (index,))
                if resolved is not NO_VALUE:
                    out_list.append(resolved)
            return out_list
        return value

    def ref(self, name, path: tuple):
        if not isinstance(name, str):
            raise self.error(path, "Ref takes the name of a parameter or resource")
        if name in self.parameters:
            value = self.parameters[name]
            if isinstance(value, Unknown):
                self.unresolved.add(value.reason, self.current_user)
            return value
        if name in self.resource_types:
            return Reference(self.stack, name, file=self.file)
        return self.pseudo(name, path)

    def pseudo(self, name: str, path: tuple):
        if name == "AWS::Region":
            return self.region
        if name == "AWS::Partition":
            return self.partition
        if name == "AWS::URLSuffix":
            return self.url_suffix
        if name == "AWS::NoValue":
            return NO_VALUE
        if name == "AWS::StackName" and self.stack_name:
            return self.stack_name
        if name in PSEUDO_UNKNOWN:  # known once deployed; not an input anyone can supply, so no note
            return self.unknown(name)
        raise self.error(path, f"Ref to '{name}': no parameter or resource of that name",
                         hint="CloudFormation rejects a Ref to an undeclared name")

    def text(self, value, path: tuple) -> str | Text | Unknown:
        """A value used as a string (Join items, Sub variables, map keys)."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, (str, Text, Reference, Unknown)):
            return value
        if value is None:
            return ""
        raise self.error(path, f"expected a string here, found a {'list' if isinstance(value, list) else 'mapping'}")

    # -- conditions -------------------------------------------------------------------------
    def condition(self, name, path: tuple) -> bool | None:
        """True, False, or None when it depends on a value the template cannot decide."""
        if not isinstance(name, str) or name not in self.conditions:
            raise self.error(path, f"condition '{name}' is not declared under Conditions")
        if name in self._condition_values:
            return self._condition_values[name]
        if name in self._evaluating:
            cycle = " -> ".join(self._evaluating[self._evaluating.index(name):] + [name])
            raise self.error(("Conditions", name), f"circular condition: {cycle}")
        if len(self._evaluating) > MAX_CONDITION_DEPTH:
            raise self.error(("Conditions", name), f"conditions nest more than {MAX_CONDITION_DEPTH} deep")
        self._evaluating.append(name)
        try:
            value = self.truth(self.conditions[name], ("Conditions", name))
        finally:
            self._evaluating.pop()
        self._condition_values[name] = value
        return value

    def condition_reason(self, name: str) -> str:
        """Why an undecided condition is undecided (the unknowns it compares)."""
        return self._condition_reasons.get(name, "a value known only at deploy time")

    def truth(self, expression, path: tuple) -> bool | None:
        if isinstance(expression, dict) and len(expression) == 1:
            ((key, argument),) = expression.items()
            here = path + (key,)
            if key == "Condition":
                return self.condition(argument, here)
            if key in ("Fn::And", "Fn::Or"):
                if not isinstance(argument, list) or not argument:
                    raise self.error(here, f"{key} takes a list of conditions")
                values = [self.truth(item, here + (i,)) for i, item in enumerate(argument)]
                decisive = key == "Fn::Or"  # True decides an Or, False an And
                if decisive in values:
                    return decisive
                return None if None in values else not decisive
            if key == "Fn::Not":
                if not isinstance(argument, list) or len(argument) != 1:
                    raise self.error(here, "Fn::Not takes a list of one condition")
                value = self.truth(argument[0], here + (0,))
                return None if value is None else not value
            if key == "Fn::Equals":
                return self.equals(argument, here)
        value = self.resolve(expression, path)
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if isinstance(value, PLACEHOLDERS):
            self._note_condition(value)
            return None
        raise self.error(path, "a condition must be Fn::Equals, Fn::And, Fn::Or, Fn::Not or {Condition: name}")

    def equals(self, argument, path: tuple) -> bool | None:
        if not isinstance(argument, list) or len(argument) != 2:
            raise self.error(path, "Fn::Equals takes a list of two values")
        left, right = (self.resolve(item, path + (i,)) for i, item in enumerate(argument))
        if isinstance(left, PLACEHOLDERS) or isinstance(right, PLACEHOLDERS):
            if left == right:
                return True
            self._note_condition(left if isinstance(left, PLACEHOLDERS) else right)
            return None
        return _plain(left) == _plain(right)

    def _note_condition(self, value) -> None:
        if self._evaluating:
            self._condition_reasons.setdefault(self._evaluating[0], str(value).strip("${}"))

    # -- functions ------------------------------------------------------------------------
    def fn_if(self, argument, path: tuple):
        if not isinstance(argument, list) or len(argument) != 3:
            raise self.error(path, "Fn::If takes [condition name, value if true, value if false]")
        decided = self.condition(argument[0], path + (0,))
        if decided is None:
            return self.unknown(f"condition {argument[0]} (depends on {self.condition_reason(argument[0])})")
        return self.resolve(argument[1] if decided else argument[2], path + (1 if decided else 2,))

    def fn_sub(self, argument, path: tuple):
        variables: dict = {}
        if isinstance(argument, list):
            if len(argument) != 2 or not isinstance(argument[0], str) or not isinstance(argument[1], dict):
                raise self.error(path, "Fn::Sub takes a string, or [string, {variable: value}]")
            template = argument[0]
            variables = {k: self.resolve(v, path + (1, k)) for k, v in argument[1].items()}
        elif isinstance(argument, str):
            template = argument
        else:
            raise self.error(path, "Fn::Sub takes a string, or [string, {variable: value}]")
        parts: list = []
        position = 0
        for match in _SUB_VARIABLE.finditer(template):
            parts.append(template[position:match.start()])
            position = match.end()
            name = match.group(1)
            if name.startswith("!"):  # ${!Literal} is written as ${Literal}
                parts.append("${" + name[1:] + "}")
                continue
            name = name.strip()
            if name in variables:
                value = variables[name]
            elif "." in name and name.split(".", 1)[0] in self.resource_types:
                resource, attribute = name.split(".", 1)
                value = self.get_att([resource, attribute], path)
            else:
                value = self.ref(name, path)
            if value is NO_VALUE:
                raise self.error(path, f"Fn::Sub variable '{name}' is AWS::NoValue")
            parts.append(self.text(value, path))
        parts.append(template[position:])
        return text_of(parts)

    def fn_join(self, argument, path: tuple):
        if not isinstance(argument, list) or len(argument) != 2:
            raise self.error(path, "Fn::Join takes [delimiter, [values]]")
        delimiter = self.resolve(argument[0], path + (0,))
        if not isinstance(delimiter, str):
            raise self.error(path + (0,), "the Fn::Join delimiter must be a string")
        items = self.resolve(argument[1], path + (1,))
        if isinstance(items, Unknown):
            return self.unknown(f"Fn::Join of {items.reason}", derived_from=items)
        if not isinstance(items, list):
            raise self.error(path + (1,), "Fn::Join joins a list")
        parts: list = []
        for index, item in enumerate(items):
            if index:
                parts.append(delimiter)
            parts.append(self.text(item, path + (1, index)))
        return text_of(parts)

    def fn_select(self, argument, path: tuple):
        if not isinstance(argument, list) or len(argument) != 2:
            raise self.error(path, "Fn::Select takes [index, [values]]")
        index = self.resolve(argument[0], path + (0,))
        items = self.resolve(argument[1], path + (1,))
        if isinstance(index, PLACEHOLDERS):
            return self.unknown(f"Fn::Select at an index known only at deploy time ({index})", derived_from=items)
        try:
            position = int(index)
        except (TypeError, ValueError):
            raise self.error(path + (0,), f"Fn::Select index '{index}' is not a number") from None
        if isinstance(items, PLACEHOLDERS):
            reason = items.reason if isinstance(items, Unknown) else str(items)
            return self.unknown(f"item {position} of {reason}", derived_from=items)
        if not isinstance(items, list):
            raise self.error(path + (1,), "Fn::Select selects from a list")
        if not 0 <= position < len(items):
            raise self.error(path + (0,), f"Fn::Select index {position} is outside the list of {len(items)}")
        return items[position]

    def fn_split(self, argument, path: tuple):
        if not isinstance(argument, list) or len(argument) != 2:
            raise self.error(path, "Fn::Split takes [delimiter, string]")
        delimiter = self.resolve(argument[0], path + (0,))
        source = self.resolve(argument[1], path + (1,))
        if not isinstance(delimiter, str) or not delimiter:
            raise self.error(path + (0,), "the Fn::Split delimiter must be a non-empty string")
        if isinstance(source, str):
            return source.split(delimiter)
        if isinstance(source, Unknown):
            return self.unknown(f"{source.reason} split on '{delimiter}'", label=f"{source} split", derived_from=source)
        if isinstance(source, Text):  # e.g. a list exported as !Join [',', [!Ref SubnetA, !Ref SubnetB]]
            pieces: list[list] = [[]]
            for part in source.parts:
                if isinstance(part, str):
                    head, *rest = part.split(delimiter)
                    pieces[-1].append(head)
                    pieces.extend([chunk] for chunk in rest)
                else:
                    pieces[-1].append(part)
            return [text_of(piece) for piece in pieces]
        if isinstance(source, Reference):
            return self.unknown(f"{source} split on '{delimiter}'", derived_from=source)
        raise self.error(path + (1,), "Fn::Split splits a string")

    def fn_get_azs(self, argument, path: tuple):
        region = self.resolve(argument, path)
        if region in ("", None):
            region = self.region
        if not isinstance(region, str):
            return self.unknown(f"Fn::GetAZs of a Region known only at deploy time ({region})")
        zones = availability_zones(region)
        if zones is None:
            return self.unknown(f"Fn::GetAZs '{region}': a Region archgen's AZ table does not list", root=True)
        return list(zones)

    def fn_find_in_map(self, argument, path: tuple):
        if not isinstance(argument, list) or len(argument) not in (3, 4):
            raise self.error(path, "Fn::FindInMap takes [map name, top-level key, second-level key]")
        keys = [self.resolve(item, path + (i,)) for i, item in enumerate(argument[:3])]
        default = None
        if len(argument) == 4:  # AWS::LanguageExtensions: {DefaultValue: value}
            option = argument[3]
            if not isinstance(option, dict) or set(option) != {"DefaultValue"}:
                raise self.error(path + (3,), "the fourth Fn::FindInMap item must be {DefaultValue: value}")
            default = self.resolve(option["DefaultValue"], path + (3, "DefaultValue"))
        if isinstance(keys[0], str) and keys[0] not in self.mappings:
            raise self.error(path + (0,), f"Fn::FindInMap: no mapping '{keys[0]}' under Mappings")
        if any(isinstance(key, PLACEHOLDERS) for key in keys):
            shown = "/".join(str(key) for key in keys)
            return default if default is not None else self.unknown(f"Fn::FindInMap {shown}", derived_from=keys)
        keys = [str(key) if not isinstance(key, str) else key for key in keys]
        found = self.mappings[keys[0]]
        for key in keys[1:]:
            found = found.get(key) if isinstance(found, dict) else None
        if found is None:
            return default if default is not None else self.unknown(
                f"Fn::FindInMap {'/'.join(keys)}: the mapping has no such entry", root=True)
        return self.resolve(found, ("Mappings", *keys))

    def get_att(self, argument, path: tuple):
        if isinstance(argument, str):
            if "." not in argument:
                raise self.error(path, "Fn::GetAtt takes 'Resource.Attribute' or [Resource, Attribute]")
            argument = argument.split(".", 1)
        if not isinstance(argument, list) or len(argument) != 2:
            raise self.error(path, "Fn::GetAtt takes [Resource, Attribute]")
        resource = argument[0]
        attribute = self.resolve(argument[1], path + (1,))
        if resource not in self.resource_types:
            raise self.error(path, f"Fn::GetAtt of '{resource}': no resource of that name")
        if not isinstance(attribute, str):
            return Reference(self.stack, resource, str(attribute), self.file)
        if (self.resource_types[resource] == "AWS::CloudFormation::Stack" and attribute.startswith("Outputs.")
                and self.nested_output is not None):
            return self.nested_output(resource, attribute[len("Outputs."):], path)
        return Reference(self.stack, resource, attribute, self.file)

    def fn_import_value(self, argument, path: tuple):
        name = self.resolve(argument, path)
        if isinstance(name, str) and name in self.exports:  # exported by a template imported with this one
            return self.exports[name]
        return self.unknown(f"Fn::ImportValue '{name}' (an output of another stack)", label=f"ImportValue {name}",
                            root=True)

    def fn_base64(self, argument, path: tuple):
        # kept as readable text: the importer reads user data for the software it installs
        return self.resolve(argument, path)

    def fn_cidr(self, argument, path: tuple):
        if not isinstance(argument, list) or len(argument) != 3:
            raise self.error(path, "Fn::Cidr takes [ip block, count, cidr bits]")
        block, count, bits = (self.resolve(item, path + (i,)) for i, item in enumerate(argument))
        if any(isinstance(value, PLACEHOLDERS) for value in (block, count, bits)):
            return self.unknown(f"Fn::Cidr of {block}", derived_from=[block, count, bits])
        try:
            network = ipaddress.ip_network(str(block), strict=False)
            prefix = network.max_prefixlen - int(bits)
            subnets = network.subnets(new_prefix=prefix)
            return [str(next(subnets)) for _ in range(int(count))]
        except (ValueError, StopIteration):
            raise self.error(path, f"Fn::Cidr cannot cut {count} blocks of {bits} host bits from '{block}'") from None

    def fn_length(self, argument, path: tuple):
        items = self.resolve(argument, path)
        if isinstance(items, list):
            return len(items)
        return self.unknown(f"Fn::Length of {items}")

    def fn_to_json_string(self, argument, path: tuple):
        value = self.resolve(argument, path)
        try:
            return json.dumps(value, separators=(",", ":"), default=_refuse_placeholder)
        except TypeError:
            return self.unknown("Fn::ToJsonString of a value known only at deploy time")

    def fn_transform(self, argument, path: tuple):
        name = argument.get("Name") if isinstance(argument, dict) else argument
        return self.unknown(f"Fn::Transform '{name}' (macros run in CloudFormation, never in archgen)", root=True)

    def fn_condition_function(self, argument, path: tuple):
        key = path[-1]
        return self.truth({key: argument}, path[:-1])


def _plain(value):
    """Data compared as CloudFormation compares it: numbers and booleans as their text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _refuse_placeholder(value):
    raise TypeError(f"{value!r} is known only at deploy time")


FUNCTIONS: dict[str, Callable] = {
    "Fn::If": Resolver.fn_if,
    "Fn::Sub": Resolver.fn_sub,
    "Fn::Join": Resolver.fn_join,
    "Fn::Select": Resolver.fn_select,
    "Fn::Split": Resolver.fn_split,
    "Fn::GetAZs": Resolver.fn_get_azs,
    "Fn::FindInMap": Resolver.fn_find_in_map,
    "Fn::GetAtt": Resolver.get_att,
    "Fn::ImportValue": Resolver.fn_import_value,
    "Fn::Base64": Resolver.fn_base64,
    "Fn::Cidr": Resolver.fn_cidr,
    "Fn::Length": Resolver.fn_length,
    "Fn::ToJsonString": Resolver.fn_to_json_string,
    "Fn::Transform": Resolver.fn_transform,
    "Fn::Equals": Resolver.fn_condition_function,
    "Fn::And": Resolver.fn_condition_function,
    "Fn::Or": Resolver.fn_condition_function,
    "Fn::Not": Resolver.fn_condition_function,
}
