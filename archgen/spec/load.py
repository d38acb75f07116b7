"""The one entry point for reading specs: file -> (model or positioned errors)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from archgen.collector import collector_paused
from archgen.diagnostics import Diagnostic, SpecError
from archgen.model import Spec
from archgen.spec.model_builder import ModelBuilder
from archgen.spec.schema_check import validate_schema
from archgen.spec.semantic import SemanticChecker
from archgen.spec.yaml_subset import fold_subset
from archgen.spec.yamlload import LoadedYaml, _clip, load_yaml_text, read_spec_text


@dataclass
class CheckedSpec:
    file: str
    spec: Spec | None  # None when invalid
    diagnostics: list[Diagnostic]  # errors and warnings, sorted by position
    unreadable: bool = False
    # the parsed YAML with positions, kept for invalid specs only: a valid spec's model carries
    # its own locations, and the raw data is ~65 MB per 10,000 components
    loaded: LoadedYaml | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


# a file with thousands of problems is reported by its first ones (and a count of the rest):
# printing 50,000 lines helps nobody and takes longer than checking them
MAX_DIAGNOSTICS = 1000
# The work archgen does grows with these (analysis, traffic, reports): 50,000 components is the
# largest spec the benchmarks measure (README, "Performance"); beyond it a spec is refused while
# it is parsed, before any of that work (docs/limits.md)
MAX_COMPONENTS = 50_000
MAX_CONNECTIONS = 100_000
SPEC_ITEM_LIMITS = {("components",): (MAX_COMPONENTS, "components"), ("connections",): (MAX_CONNECTIONS, "connections")}
MAX_MESSAGE = 300  # characters of a message or hint


def _clipped(diagnostic: Diagnostic) -> Diagnostic:
    """Messages quote the spec: a 5 MB id must not make a 5 MB line."""
    if max(len(diagnostic.message), len(diagnostic.hint), len(diagnostic.path)) <= MAX_MESSAGE:
        return diagnostic
    return replace(diagnostic, message=_clip(diagnostic.message, MAX_MESSAGE), hint=_clip(diagnostic.hint, MAX_MESSAGE),
                   path=_clip(diagnostic.path, MAX_MESSAGE))


def check_loaded(loaded: LoadedYaml) -> CheckedSpec:
    bad_connections: set[int] = set()
    schema_errors, bad_components = validate_schema(loaded, bad_connections)
    diagnostics = list(schema_errors)
    if isinstance(loaded.data, dict):
        diagnostics += SemanticChecker(loaded, bad_components, skip_connections=bad_connections).run().items
    diagnostics = [_clipped(d) for d in diagnostics]
    diagnostics.sort(key=lambda d: (d.line, d.column, d.message))
    if len(diagnostics) > MAX_DIAGNOSTICS:
        rest = diagnostics[MAX_DIAGNOSTICS:]
        errors = sum(d.severity == "error" for d in rest)
        first = rest[0]
        diagnostics = diagnostics[:MAX_DIAGNOSTICS] + [Diagnostic(
            loaded.file, first.line, first.column,
            f"{len(rest):,} more problems not shown ({errors:,} errors)", first.path,
            f"the first {MAX_DIAGNOSTICS:,} are listed above", "limit",
            "error" if errors else "warning")]
    spec = None
    if not any(d.severity == "error" for d in diagnostics):
        spec = ModelBuilder(loaded).build()
    return CheckedSpec(loaded.file, spec, diagnostics, loaded=loaded if spec is None else None)


def read_loaded(text: str, file: str) -> LoadedYaml:
    """A spec's YAML with positions: the fast reader where the text is in its subset (2.5x faster), else libyaml's events."""
    loaded = fold_subset(text, file, SPEC_ITEM_LIMITS)
    return loaded if loaded is not None else load_yaml_text(text, file, item_limits=SPEC_ITEM_LIMITS)


def check_file(file: str) -> CheckedSpec:
    """Never raises for bad input: unreadable or invalid files come back with diagnostics."""
    with collector_paused():
        try:
            loaded = read_loaded(read_spec_text(file), file)
        except SpecError as exc:
            return CheckedSpec(file, None, exc.diagnostics, unreadable=exc.unreadable)
        return check_loaded(loaded)


def check_text(text: str, file: str = "<string>") -> CheckedSpec:
    with collector_paused():
        try:
            loaded = read_loaded(text, file)
        except SpecError as exc:
            return CheckedSpec(file, None, exc.diagnostics, unreadable=exc.unreadable)
        return check_loaded(loaded)


def load_spec(file: str) -> Spec:
    """The model of a valid spec, or SpecError with every diagnostic."""
    checked = check_file(file)
    if checked.spec is None:
        raise SpecError(checked.errors or checked.diagnostics, unreadable=checked.unreadable)
    return checked.spec
