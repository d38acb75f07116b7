"""The contract every lint rule module follows (yamllint style: one small module per rule).

A rule module in ``archgen.analysis.rules`` has:

* a module docstring that IS the rule's documentation page (``archgen rules ID`` prints it):
  what it flags, why it matters, a ``Failing spec`` and a ``Passing spec`` (each a complete
  spec in a ```yaml block), under the failing one an ``Expected finding: AG101 at line 18 on
  web`` line per finding it gives (tests/analysis/test_rule_docs.py runs both specs and
  compares), the fix, the AWS source;
* ``RULE = Rule(...)`` with its family, the stable id, name, default severity, one-line summary,
  source;
* ``def check(ctx: RuleContext) -> Iterable[Finding]``, a pure function of the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any, Callable, Iterable

from archgen import model as m
from archgen.analysis.availability import AvailabilityReport
from archgen.analysis.availability import estimate as estimate_availability
from archgen.analysis.dr import RecoveryEstimate
from archgen.analysis.dr import estimate as estimate_recovery
from archgen.analysis.failure_domains import FailureDomainReport, LossStates, simulate_all
from archgen.analysis.graph import RequestGraph
from archgen.analysis.redundancy import backup_plans
from archgen.analysis.region_capacity import region_capacity_checker
from archgen.analysis.surviving_capacity import capacity_checker
from archgen.findings import Finding
from archgen.model import NOWHERE, Component, Location, Spec
from archgen.traffic import TrafficModel
from archgen.traffic.capacity import model_for


class RuleFamily(Enum):
    """What a rule looks at; rule ids are numbered by family (AG1xx, AG2xx, ...)."""

    ZONAL = "AG1"
    DATA = "AG2"
    DNS_EDGE_DR = "AG3"
    REQUEST_GRAPH = "AG4"
    SATURATION = "AG5"  # reads the traffic model: `archgen traffic` runs these at the scale asked for

    @property
    def title(self) -> str:
        return FAMILY_TITLES[self]

    @property
    def id_block(self) -> str:
        """'AG1': the first three characters of every id in the family."""
        return self.value


FAMILY_TITLES = {
    RuleFamily.ZONAL: "Compute, load balancing and network (zonal)",
    RuleFamily.DATA: "Data stores and backups",
    RuleFamily.DNS_EDGE_DR: "DNS, edge and disaster recovery",
    RuleFamily.REQUEST_GRAPH: "Request graph, failure domains and availability",
    RuleFamily.SATURATION: "Traffic saturation",
}


@dataclass(frozen=True)
class Rule:
    family: RuleFamily
    id: str  # AG + 3 digits, never reused; starts with the family's id block
    name: str  # kebab-case slug
    severity: str  # default severity: error | warning | info
    summary: str  # one line for `archgen rules`
    source: str  # AWS documentation title and URL
    doc: str = ""  # filled from the module docstring by the registry
    check: Callable[["RuleContext"], Iterable[Finding]] | None = field(default=None, compare=False, repr=False)

    def finding(self, message: str, components: tuple[str, ...] | list[str] = (), *,
                location: Location = NOWHERE, fix: str = "", details: dict | None = None,
                severity: str | None = None, regions: tuple[str, ...] = ()) -> Finding:
        """A finding of this rule, carrying its id, name, severity and source; ``regions``: the
        Regions of the copies it is about, when not the components' serving copies."""
        # positional: a large spec has thousands of findings, and binding keywords was a good part of each
        return Finding(self.id, self.name, severity or self.severity, message, tuple(components), tuple(regions),
                       location, fix, self.source, details or {})


class RuleContext:
    """What rules get: the spec plus lazily computed, shared views of it (computed once per run)."""

    def __init__(self, spec: Spec, *, traffic=None):
        """``traffic``: a traffic model to judge instead of the spec's own (``archgen traffic --scale``)."""
        self.spec = spec
        self.cache: dict[str, Any] = {}
        if traffic is not None:
            self.__dict__["traffic"] = traffic  # what the cached property below would hold

    # -- indexes rules share (each rule scanning every component added up on large specs) ----
    def of_type(self, *types: str) -> tuple[Component, ...]:
        """``spec.of_type(*types)``: the components of these types, in spec order."""
        return self.graph.of_type(*types)

    def of_class(self, *classes: type) -> tuple[Component, ...]:
        """``spec.of_class(*classes)``: the components whose model is one of these classes, in spec order."""
        return self.graph.of_class(*classes)

    @cached_property
    def backup_plans(self) -> tuple[Component, ...]:
        """The components of ``Capability.BACKUP_COPY`` types (``redundancy.backup_plans``), for the rules that read
        their backup facts."""
        return backup_plans(self.of_type)

    @cached_property
    def _dns_records(self) -> dict[str, list[tuple[m.Route53Zone, m.DnsRecord]]]:
        records: dict[str, list[tuple[m.Route53Zone, m.DnsRecord]]] = {}
        for zone in self.of_class(m.Route53Zone):
            for record in zone.records:
                records.setdefault(record.target, []).append((zone, record))
        return records

    def dns_records_to(self, component_id: str) -> list[tuple[m.Route53Zone, m.DnsRecord]]:
        """Route 53 records pointing at the component, with their zones (spec order)."""
        return list(self._dns_records.get(component_id, ()))

    @cached_property
    def traffic(self) -> TrafficModel:
        """The traffic model at scale 1 (``has_traffic`` is False when no users carry a profile).

        The traffic package's per-spec model, the one ``capacity_rps`` reads its read/write mix
        from: one model per run, not two (0.2 s at 10,000 components).
        """
        return model_for(self.spec)

    # -- resilience views (archgen.analysis), computed once per run ------------------------
    @cached_property
    def graph(self) -> RequestGraph:
        """The request graph: flows, dominators, single points of failure."""
        return RequestGraph(self.spec)

    @cached_property
    def failure_domains(self) -> FailureDomainReport:
        """Each AZ and each Region lost in turn: flows served or cut, capacity left (the AZ's tiers; the
        Regions left, against the peak they then carry)."""
        states = LossStates(self.spec, self.graph)
        checker, note = capacity_checker(self.spec, self.traffic, states.zonal)
        return simulate_all(self.spec, self.graph, checker, note, states=states,
                            region_capacity=region_capacity_checker(self.spec, self.traffic, self.graph.routing))

    @cached_property
    def availability(self) -> AvailabilityReport:
        """Composite availability of each flow from SLA figures."""
        return estimate_availability(self.spec, self.graph)

    @cached_property
    def recovery(self) -> RecoveryEstimate:
        """RTO/RPO estimate in the objectives' scope (survive: az or region)."""
        return estimate_recovery(self.spec, self.failure_domains, self.graph)
