"""Resolved CloudFormation resources -> an archgen spec (``map_stacks``).

The order is fixed so ids and output are stable: the network first (VPCs, subnets, their
route tables and NAT gateways), then one component per resource that has a component type
(``resources.HANDLERS``, in template order), then AWS Backup plans over them
(``backups``), then the connections the template gives
evidence for (``connections``), then the entry points. Everything else is either folded into
a component (a security group, a listener, a launch template) or listed in a note, counted.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from archgen.iac.cloudformation import backups, connections, dns, network, resources
from archgen.iac.cloudformation.context import Mapper, spec_name
from archgen.iac.cloudformation.stack import LoadedStacks
from archgen.iac.draft import SpecDraft


def new_draft(stacks: LoadedStacks, name: str | None = None) -> SpecDraft:
    root = stacks.root
    return SpecDraft(name or spec_name(root.file), stacks.region, root_file=root.file,
                     title=f"{Path(root.file).stem} (imported from CloudFormation)", description=root.description.strip())


def map_stacks(stacks: LoadedStacks, draft: SpecDraft | None = None, registry: dict | None = None) -> SpecDraft:
    """Adds a resolved template (and its nested stacks) to ``draft`` (a new one by default); ``registry``
    holds the resources of templates imported before, which this one may name through their exports."""
    draft = draft if draft is not None else new_draft(stacks)
    mapper = Mapper(stacks, draft, registry)
    network.map_network(mapper)
    for resource in mapper.resources.values():
        handler = resources.HANDLERS.get(resource.type)
        if handler is not None:
            handler(mapper, resource)
    resources.finish(mapper)
    backups.map_backup_plans(mapper)  # after every component: selections name them
    dns.map_zones(mapper)
    connections.infer(mapper)
    _note_unmapped(mapper)
    return mapper.draft


def _note_unmapped(mapper: Mapper) -> None:
    mapped = set(mapper.draft.component_ids) | mapper.folded
    supporting: Counter = Counter()
    unmapped: Counter = Counter()
    for resource in mapper.resources.values():
        if mapper.key(resource) in mapped:
            continue
        if resource.type in resources.SUPPORTING or resource.type.startswith(("AWS::IAM::", "AWS::CloudWatch::", "AWS::Logs::")):
            supporting[resource.type] += 1
        else:
            unmapped[resource.type] += 1
    mapper.draft.note_left_out(len(mapper.resources), supporting, unmapped)
