"""The model build: every key a spec writes lands in its model field (connections and DNS records are
built positionally, for speed), and the shares and standby flags it derives for routers."""

from __future__ import annotations

import dataclasses

import pytest

from archgen import catalogue
from archgen import model as m
from tests.support import model_classes, spec_from_text

EVERY_KEY = """
    version: 1
    name: keys
    regions: [{name: us-east-1, azs: [us-east-1a, us-east-1b]}]
    components:
      - {id: fn, type: lambda, region: us-east-1, duration_ms: 20}
      - id: table
        type: dynamodb
        region: us-east-1
        partition_key: {name: pk}
        sort_key: {name: sk}
        capacity: {mode: on-demand}
        gsis: [{name: by-owner, partition_key: {name: owner}},
               {name: by-date, partition_key: {name: owner}, sort_key: {name: at, type: N}, projection: INCLUDE,
                item_size: 300B, write_share: 0.5}]
        lsis: [{name: by-size, sort_key: {name: size, type: N}, projection: KEYS_ONLY}]
      - {id: api, type: api_gateway, region: us-east-1}
      - {id: api2, type: api_gateway, region: us-east-1}
      - id: dns
        type: route53
        zone: example.com
        records:
          - {name: www, type: A, alias: true, target: api, routing: failover, failover: primary,
             set_identifier: one, health_check: api-check, evaluate_target_health: true}
          - {name: www, type: A, alias: true, target: api2, routing: failover, failover: secondary, set_identifier: two}
          - {name: eu, type: A, alias: true, target: api, routing: latency, region: us-east-1, set_identifier: near}
          - {name: geo, type: A, alias: true, target: api, routing: geolocation, geolocation: DE, set_identifier: de}
          - {name: "@", type: TXT, value: hello, ttl: 120}
          - {name: w, type: A, alias: true, target: api, routing: weighted, weight: 7, set_identifier: blue}
        health_checks: [{id: api-check, target: api}]
    connections:
      - {from: dns, to: api}
      - {from: dns, to: api2}
      - {from: api, to: fn}
      - {id: api2-calls-fn, from: api2, to: fn, label: Calls, protocol: HTTPS}
      - id: owner-reads
        from: fn
        to: table
        label: Owner reads
        protocol: HTTPS
        kind: async
        bidirectional: true
        share: 0.5
        calls: 3
        read_ratio: 0.25
        consistency: eventual
        transactional_writes: true
        index: by-owner
        item_size: 2KB
        read_operation: query
        items_per_read: 4
        standby: false
        inferred: a test wrote it
"""


def test_every_connection_key_lands_in_its_field():
    spec = spec_from_text(EVERY_KEY)
    connection = next(c for c in spec.connections if c.id == "owner-reads")
    assert connection == m.Connection(
        id="owner-reads", source="fn", target="table", label="Owner reads", protocol="HTTPS", kind="async",
        bidirectional=True, share=0.5, share_declared=True, calls=3.0, read_ratio=0.25, consistency="eventual",
        transactional_writes=True, index="by-owner", item_bytes=2048.0,
        item_calls=m.ItemCalls(read_operation="query", items_per_read=4.0), standby=False,
        inferred="a test wrote it", location=connection.location)
    assert connection.location.line > 1
    plain = next(c for c in spec.connections if c.id == "api->fn")
    assert plain == m.Connection(id="api->fn", source="api", target="fn", location=plain.location)
    # a connection with nothing but an id, a label and a protocol takes the model's defaults for the rest
    labelled = next(c for c in spec.connections if c.id == "api2-calls-fn")
    assert labelled == m.Connection(id="api2-calls-fn", source="api2", target="fn", label="Calls", protocol="HTTPS",
                                    share=1.0, location=labelled.location)


def test_every_secondary_index_key_lands_in_its_field():
    table = spec_from_text(EVERY_KEY).component("table")
    owner = m.KeyAttribute("owner")
    assert table.gsis == (
        m.SecondaryIndex(name="by-owner", kind="gsi", partition_key=owner, sort_key=None, projection="ALL",
                         item_bytes=1024.0),
        m.SecondaryIndex(name="by-date", kind="gsi", partition_key=owner, sort_key=m.KeyAttribute("at", "N"),
                         projection="INCLUDE", item_bytes=300.0, write_share=0.5),
    )
    assert table.lsis == (m.SecondaryIndex(name="by-size", kind="lsi", partition_key=m.KeyAttribute("pk"),
                                           sort_key=m.KeyAttribute("size", "N"), projection="KEYS_ONLY",
                                           item_bytes=102.4),)


def test_a_built_spec_indexes_its_components_as_a_spec_made_without_the_builder():
    spec = spec_from_text(EVERY_KEY)
    again = dataclasses.replace(spec, components=spec.components[::-1])  # a copy indexes its own components
    assert dict(spec._by_id) == {c.id: c for c in spec.components} == dict(again._by_id)
    assert list(spec._by_id) == [c.id for c in spec.components]
    assert list(again._by_id) == [c.id for c in again.components]


def test_every_dns_record_key_lands_in_its_field():
    records = spec_from_text(EVERY_KEY).component("dns").records
    lines = [r.location.line for r in records]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    assert records[0] == m.DnsRecord(
        name="www.example.com", type="A", alias=True, target="api", routing="failover", failover="primary",
        set_identifier="one", health_check="api-check", evaluate_target_health=True, location=records[0].location)
    assert records[2].region == "us-east-1" and records[2].routing == "latency"
    assert records[3].geolocation == "DE"
    assert records[4] == m.DnsRecord(name="example.com", type="TXT", value="hello", ttl=120, is_apex=True,
                                     location=records[4].location)
    assert records[5].weight == 7


def test_a_zones_failover_secondary_is_a_standby_connection_with_no_share():
    spec = spec_from_text(EVERY_KEY)
    primary, secondary = (next(c for c in spec.connections if c.id == f"dns->{t}") for t in ("api", "api2"))
    assert (primary.standby, secondary.standby) == (False, True)
    assert secondary.share == 0.0
    # api's records weigh 1 (failover primary) + 1 (latency) + 1 (geolocation) + 1 (its only weighted record)
    assert primary.share == 1.0 and not primary.share_declared


def test_a_model_object_never_changes_once_built():
    spec = spec_from_text(EVERY_KEY)
    table, connection = spec.component("table"), spec.connections[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        table.label = "renamed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        connection.share = 0.5
    with pytest.raises(dataclasses.FrozenInstanceError):
        del table.gsis[0].kind
    renamed = dataclasses.replace(table, label="renamed")  # a changed copy, hashed and compared by its fields
    assert (renamed.label, table.label) == ("renamed", "table")
    assert renamed != table and hash(dataclasses.replace(renamed, label="table")) == hash(table)


def test_the_tests_guard_every_component_model():
    guarded = set(model_classes())
    assert {kind.model for kind in catalogue.by_name().values()} <= guarded
    assert {m.Spec, m.Connection, m.DnsRecord, m.SecondaryIndex} <= guarded


def test_a_location_is_an_immutable_line_and_column():
    location = spec_from_text(EVERY_KEY).component("table").location
    assert (location.line, location.column) == (7, 5) and location == m.Location(7, 5)
    assert repr(location) == "Location(line=7, column=5)"
    with pytest.raises(AttributeError):
        location.line = 1


def test_a_model_class_with_no_fields_of_its_own_is_its_parents_dataclass():
    bare = [cls for cls in model_classes() if "__dataclass_fields__" not in vars(cls)]
    assert {m.ApplicationLoadBalancer, m.NatGateway, catalogue.get("neptune").model} <= set(bare)
    for cls in bare:
        parent = cls.__mro__[1]
        required = {f.name: f"{f.name}-value" for f in dataclasses.fields(cls)
                    if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
        made = cls(**required)
        assert dataclasses.fields(cls) == dataclasses.fields(parent)
        assert repr(made).startswith(f"{cls.__name__}(") and repr(made)[len(cls.__name__):] == repr(parent(**required))[
            len(parent.__name__):]
        assert made == cls(**required) and hash(made) == hash(cls(**required)) and made != parent(**required)
        assert dataclasses.replace(made, label="changed") == cls(**{**required, "label": "changed"})
