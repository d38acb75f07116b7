"""Small helpers several rule modules share (not a rule: the registry loads ``ag*`` modules only)."""

from __future__ import annotations

from typing import Iterator

from archgen import catalogue
from archgen import model as m
from archgen.analysis.dr import regions_to_survive
from archgen.analysis.failure_domains import FailureOutcome
from archgen.analysis.redundancy import az_list, instances_per_az, is_zonal, load_balancer_targets
from archgen.analysis.rule import RuleContext
from archgen.catalogue.components._db_cluster import replica_problem
from archgen.model import Component, Spec


def serves_requests(ctx: RuleContext, c: Component) -> bool:
    """Something sends it requests: a connection that carries requests, or a DNS record; or it hosts
    the tasks of an ECS service that does (its container instances serve those requests)."""
    if any(x.carries_requests for x in ctx.spec.incoming(c.id)):
        return True
    if ctx.dns_records_to(c.id):
        return True
    return any(serves_requests(ctx, service) for service in services_hosted_by(ctx, c.id))


def services_hosted_by(ctx: RuleContext, hosts_id: str) -> list[m.EcsService]:
    """ECS services whose tasks run on the container instances ``hosts_id`` (indexed once per run)."""
    index = ctx.cache.get("container_hosts")
    if index is None:
        index = ctx.cache["container_hosts"] = {}
        for service in ctx.of_class(m.EcsService):
            if service.container_hosts:
                index.setdefault(service.container_hosts, []).append(service)
    return index.get(hosts_id, [])


def load_balancers_in_front(spec: Spec, c: Component) -> list[m.LoadBalancer]:
    return [spec.component(x.source) for x in spec.incoming(c.id)
            if x.carries_requests and isinstance(spec.component(x.source), m.LoadBalancer)]


def targets_per_az(spec: Spec, lb: m.LoadBalancer) -> dict[str, int]:
    """Target instances in each AZ the load balancer is enabled in (its nodes' share when cross-zone is off)."""
    per_az = {az: 0 for az in lb.azs}
    for target in load_balancer_targets(spec, lb):
        if is_zonal(target):
            for az, n in instances_per_az(target).items():
                if az in per_az:
                    per_az[az] += n
    return per_az


def cross_zone_consequence(per_az: dict[str, int]) -> str:
    """What cross-zone load balancing off does to these targets, after 'each node sends only to its own AZ'."""
    if len(set(per_az.values())) > 1:
        spread = ", ".join(f"{az}: {n}" for az, n in per_az.items())
        return f"; targets per AZ are uneven ({spread}), so some AZs run hotter than others"
    return "; an AZ that loses targets overloads the rest of them there"


def callers_outside(spec: Spec, c: Component, azs) -> dict[str, list[str]]:
    """Zonal callers of ``c`` in its Region, each with the AZs it runs in that ``azs`` does not cover."""
    covered = set(azs)
    out: dict[str, list[str]] = {}
    for connection in spec.incoming(c.id):
        caller = spec.component(connection.source)
        if connection.carries_requests and is_zonal(caller) and caller.region == c.region:
            missing = [az for az in caller.azs if az not in covered]
            if missing:
                out.setdefault(caller.id, missing)
    return out


def with_callers_outside(ctx: RuleContext, components) -> Iterator[tuple[Component, dict[str, list[str]], list[str]]]:
    """(component, its zonal callers from AZs it does not cover, those AZs sorted) for each of ``components``
    that has such callers."""
    for c in components:
        missing = callers_outside(ctx.spec, c, c.azs)
        if missing:
            yield c, missing, sorted({az for found in missing.values() for az in found})


def caller_list(missing: dict[str, list[str]]) -> str:
    """"'app' (us-east-1b), 'batch' (us-east-1b, us-east-1c)"."""
    return ", ".join(f"'{caller}' ({az_list(azs)})" for caller, azs in missing.items())


def clusters_without_replica_elsewhere(ctx: RuleContext, rule, model: type, until: str):
    """``rule``'s findings on the clusters of ``model`` (DocumentDB, Neptune) with no replica outside the primary's
    AZ; ``until`` says what brings the database back."""
    for cluster in ctx.of_class(model):
        problem = replica_problem(cluster)
        if problem is None:
            continue
        yield rule.finding(
            f"{catalogue.of(cluster).title} '{cluster.id}' {problem}: losing the primary or its AZ stops the database "
            f"until {until}",
            [cluster.id], location=cluster.location, fix="run 2 or more instances with subnets in two or more AZs",
            details={"instances": len(cluster.instances), "instance_azs": sorted({i.az for i in cluster.instances})})


def region_losses_to_survive(ctx: RuleContext) -> list[FailureOutcome]:
    """The Region losses the objectives ask the design to survive: none unless ``survive: region``; then the
    primary Region's (every Region's for active/active), in spec order."""
    spec = ctx.spec
    if spec.objectives.survive != "region":
        return []
    wanted = set(regions_to_survive(spec))
    return [outcome for outcome in ctx.failure_domains.regions if outcome.name in wanted]


def single_region_targets(spec: Spec, c: Component) -> tuple[list[Component], str | None]:
    """The components ``c`` sends requests to, and their Region when they all live in one (None: in several,
    or none has a Region)."""
    targets = [spec.component(x.target) for x in spec.outgoing(c.id) if x.carries_requests]
    regions = {t.region for t in targets if t.region}
    return targets, (next(iter(regions)) if len(regions) == 1 else None)


def region_loss_severity(spec: Spec) -> str | None:
    """A finding about surviving a Region loss: the rule's severity under ``survive: region``, else information."""
    return None if spec.objectives.survive == "region" else "info"
