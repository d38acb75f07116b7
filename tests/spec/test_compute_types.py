"""The compute, streaming and integration types as the model builds them and the analysis reads them: placement,
defaults, what an AZ or Region loss does, the recovery point and the SLA that applies."""

from __future__ import annotations

import pytest

from archgen import catalogue
from archgen.analysis.redundancy import (
    DOWN, FAILOVER, UP, failure_domain, instances_per_az, single_instance, state_after,
)
from archgen.catalogue.base import Capability
from tests.support import spec_from_text

NETWORK = """\
version: 1
name: net
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b, us-east-1c]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      internet_gateway: true
      subnets:
        - {id: public-a, az: us-east-1a, kind: public}
        - {id: private-a, az: us-east-1a}
        - {id: private-b, az: us-east-1b}
        - {id: private-c, az: us-east-1c}
components:
"""


def built(components: str):
    return spec_from_text(NETWORK + components)


def test_eks_node_groups_and_fargate_profiles_take_the_clusters_subnets_by_default():
    spec = built("""\
  - id: platform
    type: eks
    subnets: [public-a, private-b, private-c]
    node_groups:
      - {name: web, min: 3, desired: 3, max: 6}
      - {name: batch, subnets: [private-a], min: 0, desired: 1, max: 1}
    fargate_profiles:
      - {name: jobs, pods: 2}
""")
    platform = spec.component("platform")
    web, batch = platform.node_groups
    assert web.azs == ("us-east-1a", "us-east-1b", "us-east-1c") and batch.azs == ("us-east-1a",)
    assert platform.fargate_profiles[0].subnets == ("private-b", "private-c")  # Fargate takes private subnets only
    assert platform.azs == ("us-east-1a", "us-east-1b", "us-east-1c") and platform.vpc == "vpc"
    assert instances_per_az(platform) == {"us-east-1a": 2, "us-east-1b": 2, "us-east-1c": 2}
    assert catalogue.of(platform).sla.figure(platform).percent == 99.95


def test_eks_cluster_placed_by_its_node_groups_and_what_an_az_loss_does():
    spec = built("""\
  - id: platform
    type: eks
    region: us-east-1
    node_groups:
      - {name: web, azs: [us-east-1a], min: 1, desired: 1, max: 3}
      - {name: spare, azs: [us-east-1b], min: 0, desired: 0, max: 3}
""")
    platform = spec.component("platform")
    assert platform.azs == ("us-east-1a", "us-east-1b") and instances_per_az(platform) == {"us-east-1a": 1}
    assert single_instance(platform) and failure_domain(platform) == "instance"
    assert state_after(platform, frozenset({"us-east-1a"})) == FAILOVER  # 'spare' can launch nodes in us-east-1b
    assert state_after(platform, frozenset({"us-east-1a", "us-east-1b"})) == DOWN
    assert catalogue.of(platform).sla.figure(platform).percent == 99.5  # every node in one AZ: instance-level


@pytest.mark.parametrize("azs, factor, insync, after", [
    ("[private-a, private-b, private-c]", 3, 2, FAILOVER),  # 2 replicas left >= min.insync 2
    ("[private-a, private-b, private-c]", 3, 3, DOWN),  # acks=all writes refused
    ("[private-a, private-b]", 3, 2, DOWN),  # two of three replicas may share the lost AZ
    ("[private-a, private-b]", 2, 1, FAILOVER),
])
def test_msk_after_an_az_loss_keeps_writing_only_with_enough_replicas_in_sync(azs, factor, insync, after):
    spec = built(f"  - {{id: events, type: msk, subnets: {azs}, brokers_per_az: 2, replication_factor: {factor}, "
                 f"min_insync_replicas: {insync}}}\n")
    events = spec.component("events")
    assert state_after(events, frozenset({"us-east-1a"})) == after
    assert state_after(events, frozenset({"us-east-1c"} if "private-c" not in azs else set())) == UP


def test_msk_defaults_follow_the_number_of_azs_and_set_the_recovery_point():
    spec = built("  - {id: three, type: msk, subnets: [private-a, private-b, private-c], brokers_per_az: 2}\n"
                 "  - {id: two, type: msk, subnets: [private-a, private-b]}\n"
                 "  - {id: alone, type: msk, subnets: [private-a, private-b], replication_factor: 1}\n")
    three, two, alone = (spec.component(i) for i in ("three", "two", "alone"))
    assert (three.replication_factor, three.min_insync_replicas, three.brokers) == (3, 2, 6)
    assert (two.replication_factor, two.min_insync_replicas) == (2, 1)
    redundancy = catalogue.get("msk").redundancy
    assert redundancy.az_recovery_point(three).seconds == 0.0
    assert redundancy.az_recovery_point(two).seconds is None and not redundancy.az_recovery_point(two).lost
    assert redundancy.az_recovery_point(alone).lost and single_instance(alone)


def test_an_event_bus_with_a_global_endpoint_fails_over_with_its_region():
    spec = built("  - {id: bus, type: eventbridge, region: us-east-1, secondary_region: us-west-2}\n"
                 "  - {id: plain, type: eventbridge, region: us-east-1}\n")
    assert state_after(spec.component("bus"), lost_regions=frozenset({"us-east-1"})) == FAILOVER
    assert state_after(spec.component("plain"), lost_regions=frozenset({"us-east-1"})) == DOWN
    assert state_after(spec.component("bus"), frozenset({"us-east-1a"})) == UP  # regional: never zonal


def test_regional_types_hold_what_they_hold_and_can_be_protected_by_waf():
    spec = built("  - {id: clicks, type: kinesis, region: us-east-1, shards: 1}\n"
                 "  - {id: api, type: app_runner, region: us-east-1}\n"
                 "  - {id: big-api, type: app_runner, region: us-east-1, min_size: 3}\n")
    assert catalogue.get("kinesis").redundancy.az_recovery_point(spec.component("clicks")).seconds == 0.0
    assert single_instance(spec.component("api")) and not single_instance(spec.component("big-api"))
    assert {"app_runner", "appsync"} <= catalogue.with_capability(Capability.WEB_ACL_TARGET)
    assert {"kinesis", "msk"} == set(catalogue.names_where(lambda kind: kind.role.value == "stream"))
