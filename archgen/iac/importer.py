"""The import pipeline the commands call: files -> a spec (text to write, or a model in memory).

``import_cloudformation`` / ``import_terraform`` return a ``SpecDraft``; ``merge_traffic``
adds a team's traffic assumptions to it by component id; ``spec_text`` writes it with source
paths relative to where the spec is written (so the link to the template survives a move of
the working directory); ``checked_import`` validates it in memory with the template's lines
as positions (``archgen analyze TEMPLATE``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from archgen.diagnostics import Diagnostic, SpecError
from archgen.diff.drift import drift
from archgen.iac.cloudformation.context import spec_name
from archgen.iac.cloudformation.mapping import map_stacks, new_draft
from archgen.iac.cloudformation.stack import load_stacks, parse_parameter_options
from archgen.iac.cloudformation.template import load_template
from archgen.iac.draft import SpecDraft
from archgen.iac.notes import Note
from archgen.iac.spec_writer import dump_spec
from archgen.iac.terraform.mapping import import_terraform
from archgen.paths import UsageError
from archgen.spec.load import CheckedSpec, check_file, check_loaded, check_text
from archgen.spec.yamlload import load_yaml_file

TRAFFIC_KEYS = ("components", "connections", "objectives")


def import_cloudformation(files: list[str], *, parameters: dict | None = None, region: str | None = None,
                          name: str | None = None) -> SpecDraft:
    """One spec for the stacks of ``files`` (each with its nested stacks), in the order given.

    Templates given together are read as stacks deployed together: each stack's name is its
    file's name, and an ``Fn::ImportValue`` finds what a template read before it exports. A
    ``--parameter`` goes to every template that declares it.
    """
    parameters = parameters or {}
    together = len(files) > 1
    declared = {file: set(load_template(file).data.get("Parameters") or {}) for file in files} if together else {}
    unclaimed = set(parameters) - set().union(*declared.values()) if together else set()
    if unclaimed:
        raise UsageError(f"--parameter {sorted(unclaimed)[0]}: none of the templates has a parameter of that name")
    draft, exports, registry = None, {}, {}
    for file in files:
        chosen = {k: v for k, v in parameters.items() if k in declared[file]} if together else parameters
        stacks = load_stacks(file, parameters=chosen, region=region, exports=exports,
                             stack_name=Path(file).stem if together else None)
        if draft is None:
            draft = new_draft(stacks, name)
            if together:
                draft.note(None, "templates imported together are stacks deployed together: each stack is named "
                                 "after its file (AWS::StackName), so pass the parameters that name a parent stack "
                                 f"(e.g. --parameter ParentVPCStack={Path(files[0]).stem})")
        map_stacks(stacks, draft, registry)
    return draft


def checked_import(file: str, *, parameters: dict | None = None,
                   region: str | None = None) -> tuple[CheckedSpec, list[Note]]:
    """A template imported in memory and validated, with the import's notes. A template that
    cannot be imported comes back as diagnostics (``unreadable``: exit 2), never as an exception."""
    try:
        draft = import_cloudformation([file], parameters=parameters, region=region)
    except SpecError as exc:
        return CheckedSpec(file, None, exc.diagnostics, unreadable=True), []
    return check_loaded(draft.loaded()), sorted(set(draft.notes))


@dataclass
class DriftOutcome:
    result: object | None  # archgen.diff.drift.Drift; None when a side could not be read or is invalid
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: bool = False


def check_drift(design_file: str, template: str) -> DriftOutcome:
    """A hand-written design against what a template deploys (imported in memory)."""
    design = check_file(design_file)
    deployed, _ = checked_import(template)
    problems = [d for d in (*design.diagnostics, *deployed.diagnostics) if d.severity == "error"]
    if design.spec is None or deployed.spec is None:
        return DriftOutcome(None, problems, design.unreadable or deployed.unreadable)
    return DriftOutcome(drift(design.spec, deployed.spec))


def merge_traffic(draft: SpecDraft, file: str) -> None:
    """Adds ``file``'s settings to the draft: ``components: {id: {key: value}}`` merged into those
    components (``users`` traffic, capacity_rps, latency_ms ...), ``connections`` added (or merged
    into the imported one with the same from/to), ``objectives`` set."""
    loaded = load_yaml_file(file)
    data = loaded.data

    def fail(path: tuple, message: str) -> SpecError:
        line, column = loaded.locate(path)
        return SpecError([Diagnostic(file, line, column, message, code="traffic")], unreadable=True)

    if not isinstance(data, dict):
        raise fail((), "a traffic file is a mapping with 'components', 'connections' and 'objectives'")
    for key in data:
        if key not in TRAFFIC_KEYS:
            raise fail((key,), f"unknown key '{key}' in a traffic file (it takes {', '.join(TRAFFIC_KEYS)})")
    by_id = {c["id"]: c for c in draft.components}
    for component_id, settings in (data.get("components") or {}).items():
        if component_id not in by_id:
            raise fail(("components", component_id), f"no component '{component_id}' in the import "
                                                     f"(it has: {', '.join(sorted(by_id))[:400]})")
        if not isinstance(settings, dict):
            raise fail(("components", component_id), "settings of a component are a mapping")
        for key in ("id", "type", "source"):
            if key in settings:
                raise fail(("components", component_id, key), f"'{key}' comes from the template and cannot be set here")
        by_id[component_id].update(settings)
    existing = {(c["from"], c["to"]): c for c in draft.connections}
    for i, connection in enumerate(data.get("connections") or []):
        if not isinstance(connection, dict) or "from" not in connection or "to" not in connection:
            raise fail(("connections", i), "a connection needs 'from' and 'to'")
        known = existing.get((connection["from"], connection["to"]))
        if known is not None:
            known.update(connection)
        else:
            draft.connections.append(dict(connection))
            draft.connection_origin.append(None)
    if "objectives" in data:
        draft.objectives = data["objectives"]


def spec_text(draft: SpecDraft, output: str | None, *, command: str) -> str:
    """The spec as YAML, sources relative to ``output``'s folder (to the working directory without one)."""
    base = Path(output).resolve().parent if output else Path.cwd()
    spec = draft.spec()
    for component in spec["components"]:
        source = component.get("source")
        if source is not None:
            source["file"] = Path(os.path.relpath(Path(source["file"]).resolve(), base)).as_posix()
    header = [f"Imported by `{command}`: re-run it rather than editing this file",
              "(put traffic assumptions in a --traffic file). Each component's 'source' is the resource it",
              "comes from; each connection's 'inferred' is the template's evidence for it."]
    if draft.notes:
        header += ["", "Import notes:"]
        header += [f"- {note.format_relative(base)}" for note in sorted(set(draft.notes))]
    return dump_spec(spec, header)


@dataclass
class ImportOutcome:
    """What `archgen import` produced: the spec text (None when there is none to write)."""

    status: str  # ok | invalid | unreadable
    text: str | None = None
    notes: list[Note] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def run_import(kind: str, files: list[str], *, output: str | None, traffic: str | None, region: str | None,
               parameters: list[str], command_line: str) -> ImportOutcome:
    """Import ``files`` of ``kind`` (cloudformation | terraform), merge ``traffic``, validate the result."""
    name = spec_name(output) if output else None
    try:
        if kind == "cloudformation":
            draft = import_cloudformation(files, parameters=parse_parameter_options(parameters), region=region,
                                          name=name)
        else:
            draft = import_terraform(files, region=region, name=name)
        if traffic:
            merge_traffic(draft, traffic)
    except SpecError as exc:
        return ImportOutcome("unreadable" if exc.unreadable else "invalid", diagnostics=exc.diagnostics)
    text = spec_text(draft, output, command=command_line)
    checked = check_text(text, output or "<imported spec>")
    notes = sorted(set(draft.notes))
    if checked.spec is None:  # a bug in the mapping, or a --traffic file that breaks the spec
        return ImportOutcome("invalid", notes=notes, diagnostics=checked.errors)
    return ImportOutcome("ok", text, notes)
