"""Reading a CloudFormation template: YAML (short-form tags as data) or JSON, with positions.

Both go through archgen's bounded YAML loader (JSON is YAML's flow style), so a template
gets the same 20 MB / depth / alias limits as a spec and keeps the line and column of every
value. ``!Ref X`` is read as ``{"Ref": "X"}`` - its long form - and never constructed or run;
any tag CloudFormation does not define is refused.
"""

from __future__ import annotations

import re

from archgen.diagnostics import Diagnostic, SpecError
from archgen.spec.yamlload import LoadedYaml, TagPolicy, load_yaml_text, read_spec_text

# the short-form function tags of the CloudFormation template reference, by long form
INTRINSIC_TAGS = {
    "!" + name.removeprefix("Fn::"): name
    for name in ("Ref", "Condition", "Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::GetAtt", "Fn::GetAZs",
                 "Fn::ImportValue", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::Transform",
                 "Fn::And", "Fn::Equals", "Fn::If", "Fn::Not", "Fn::Or", "Fn::ToJsonString", "Fn::Length")
}
TAGS = TagPolicy(INTRINSIC_TAGS, hint="a template may use CloudFormation's short-form tags (!Ref, !GetAtt, !Sub, "
                                      "!Join, !If, ...); other tags are never interpreted", yaml_1_1=True)

_FORMAT_VERSION = re.compile(r"""^\s*["']?AWSTemplateFormatVersion["']?\s*:""", re.M)
_AWS_RESOURCE_TYPE = re.compile(r"""["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]""")
_RESOURCES = re.compile(r"""(^|[{,])\s*["']?Resources["']?\s*:""", re.M)


def looks_like_template(text: str) -> bool:
    """A CloudFormation template names its format version, or has Resources of AWS:: types.

    Specs never do: their keys are lower case and their component types have no '::'.
    """
    return bool(_FORMAT_VERSION.search(text) or (_RESOURCES.search(text) and _AWS_RESOURCE_TYPE.search(text)))


# enough of a file to see 'AWSTemplateFormatVersion' or the first resources when it is too large to read
HEAD_BYTES = 64 * 1024


def is_template(file: str) -> bool:
    """True for a CloudFormation template. A file archgen refuses to read whole (over the size
    limit) is judged by its first 64 KiB, so its refusal names the template's limit, not a spec's."""
    try:
        return looks_like_template(read_spec_text(file))
    except SpecError:
        try:
            with open(file, "rb") as stream:
                head = stream.read(HEAD_BYTES)
        except OSError:
            return False
        return looks_like_template(head.decode("utf-8", errors="replace"))


def template_error(file: str, line: int, column: int, message: str, hint: str = "") -> SpecError:
    """A template archgen cannot import: exit 2, like any input it cannot read."""
    return SpecError([Diagnostic(file, line, column, message, hint=hint, code="cloudformation")], unreadable=True)


def load_template_text(text: str, file: str) -> LoadedYaml:
    try:
        loaded = load_yaml_text(text, file, tags=TAGS)
    except SpecError as exc:  # a template that does not parse cannot be imported at all: exit 2
        raise SpecError(exc.diagnostics, unreadable=True) from None
    data = loaded.data
    if not isinstance(data, dict):
        raise template_error(file, *loaded.locate(()), "a CloudFormation template is a mapping with 'Resources'")
    resources = data.get("Resources")
    if not isinstance(resources, dict) or not resources:
        line, column = loaded.locate(("Resources",), key=True) if "Resources" in data else (1, 1)
        raise template_error(file, line, column, "template has no 'Resources' mapping",
                             hint="CloudFormation requires at least one resource")
    for section in ("Parameters", "Mappings", "Conditions", "Outputs"):
        if section in data and not isinstance(data[section], dict):
            raise template_error(file, *loaded.locate((section,)), f"'{section}' must be a mapping")
    return loaded


def load_template(file: str) -> LoadedYaml:
    try:
        text = read_spec_text(file, kind="template", split_hint="split it into nested stacks")
    except SpecError as exc:
        raise SpecError(exc.diagnostics, unreadable=True) from None
    return load_template_text(text, file)
