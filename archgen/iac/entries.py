"""Evidence rules every import shares: which tiers call which, and the ``internet`` entry.

An import has no users; archgen adds one ``internet`` component in front of what the code
exposes - a public hosted zone with records, an edge service, an internet-facing load
balancer or API, an instance with an Elastic IP or other evidence of a public address - and
that nothing else in the import already routes to. Each connection says why.
"""

from __future__ import annotations

from archgen import catalogue
from archgen.catalogue.base import Tier
from archgen.iac import schema_view
from archgen.iac.draft import SpecDraft

CALLERS = {Tier.COMPUTE}  # whose settings naming something is evidence that they call it
CALLED = {Tier.COMPUTE, Tier.CACHE, Tier.DATA, Tier.INTEGRATION}  # what they may be found calling
ADMITTED = {Tier.COMPUTE, Tier.LOAD_BALANCING}  # whose membership of an admitted security group means a call


def tier(draft: SpecDraft, component_id: str | None) -> Tier | None:
    component = draft.component(component_id) if component_id else None
    kind = catalogue.by_name().get(component["type"]) if component is not None else None
    return kind.tier if kind is not None else None


def exposed(draft: SpecDraft, component: dict, public: dict[str, str]) -> str | None:
    """Why the internet reaches ``component`` directly (``public``: evidence found by the mapping), or None."""
    kind_tier = tier(draft, component["id"])
    title = catalogue.title(component["type"])
    if "zone" in component:  # a hosted zone: public, with records that lead somewhere
        return f"public hosted zone {component['zone']}" if component.get("records") and not component.get(
            "private_zone") else None
    if kind_tier is Tier.EDGE:
        return f"{catalogue.title(component['type'], article=True)} serves the internet"
    if kind_tier is Tier.LOAD_BALANCING:
        if component.get("internal") or component.get("endpoint_type") == "private":
            return None
        return f"an internet-facing {title} (Scheme is not internal)" if schema_view.has_key(
            component["type"], "internal") else f"{catalogue.title(component['type'], article=True)} with a public endpoint"
    if component.get("elastic_ip"):
        return "an Elastic IP gives the instance a public address"
    return public.get(component["id"])


def add_internet(draft: SpecDraft, public: dict[str, str]) -> None:
    routed_to = {c["to"] for c in draft.connections}
    found = [(c["id"], why) for c in draft.components
             if c["id"] not in routed_to and (why := exposed(draft, c, public))]
    if not found or not schema_view.has_type("users"):
        return
    users = draft.add_component("internet", "internet", "users", {"label": "Internet clients"}, None)
    draft.components.insert(0, draft.components.pop())
    draft.component_origin.insert(0, draft.component_origin.pop())
    for entry, why in found:
        draft.connect(users, entry, why, None)
    draft.note(None, "'internet' stands for the clients the code exposes the system to; it carries no traffic "
                     "until you add some (--traffic)")


def interpose(draft: SpecDraft, front: str | None, behind: str | None, evidence: str) -> None:
    """Puts ``front`` (a web ACL) in the path of every request to ``behind``: what called ``behind``
    calls ``front``, which passes the requests on."""
    if not front or not behind:
        return
    for connection in draft.connections:
        if connection["to"] == behind and connection["from"] != front:
            connection["to"] = front
            connection["inferred"] = f"{connection['inferred']}; {evidence}"[:1000]
            draft._connected.discard((connection["from"], behind))
            draft._connected.add((connection["from"], front))
    draft.connect(front, behind, evidence)
