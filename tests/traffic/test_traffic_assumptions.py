"""Figures that rest on a default the spec did not set carry a note on every tier concerned:
100% reads (read_ratio unset), zero-byte requests and responses (sizes unset), and prices of a
tier outside the bundled price table's Region."""

from __future__ import annotations

from archgen.traffic import model_traffic
from tests.support import spec_from_text

SPEC = """\
version: 1
name: notes
regions:
  - {{name: eu-west-1, azs: [eu-west-1a, eu-west-1b]}}
components:
  - id: people
    type: users
    traffic: {{peak_rps: 100{traffic}}}
  - {{id: cdn, type: cloudfront}}
  - {{id: site, type: s3, region: eu-west-1}}
  - {{id: api, type: api_gateway, region: eu-west-1}}
  - {{id: fn, type: lambda, region: eu-west-1, duration_ms: 100}}
  - {{id: table, type: dynamodb, region: eu-west-1, partition_key: {{name: id, type: S}}, capacity: {{mode: on-demand}}}}
connections:
  - {{from: people, to: cdn, share: 0.5}}
  - {{from: cdn, to: site}}
  - {{from: people, to: api, share: 0.5}}
  - {{from: api, to: fn}}
  - {{from: fn, to: table{mix}}}
"""

ALL_READS = "assumes 100% reads, 0 writes: read_ratio is not set on people"
NO_BYTES = "request_size and response_size not set on people: counted as 0 bytes (MB/s, GB/month and data-transfer cost)"
EU_PRICES = ("priced at us-east-1 rates: archgen bundles no eu-west-1 price table "
             "(check the AWS Pricing Calculator for eu-west-1)")


def notes_of(traffic: str = "", mix: str = "") -> dict[str, tuple[str, ...]]:
    model = model_traffic(spec_from_text(SPEC.format(traffic=traffic, mix=mix)))
    return {tier.id: tier.notes for tier in model.tiers.values()}


def without_service_notes(notes: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Only the notes this test is about (the S3 and DynamoDB tiers carry service notes too)."""
    ours = (ALL_READS, NO_BYTES, EU_PRICES)
    return {tier: [n for n in found if n in ours] for tier, found in notes.items()}


def test_every_tier_reached_by_defaulted_traffic_says_so():
    assert without_service_notes(notes_of()) == {
        "people": [ALL_READS, NO_BYTES],
        "cdn": [ALL_READS, NO_BYTES],  # a global service: priced at its one (global) rate
        "site": [ALL_READS, NO_BYTES, EU_PRICES],
        "api": [ALL_READS, NO_BYTES, EU_PRICES],
        "fn": [ALL_READS, NO_BYTES, EU_PRICES],
        "table": [ALL_READS, EU_PRICES],  # DynamoDB calls are sized by the item size, not the request size
    }


def test_a_connection_that_sets_its_own_mix_ends_the_read_default():
    notes = without_service_notes(notes_of(mix=", read_ratio: 0.5"))
    assert notes["fn"] == [ALL_READS, NO_BYTES, EU_PRICES]
    assert notes["table"] == [EU_PRICES]


def test_one_size_set_names_only_the_other():
    notes = notes_of(traffic=", request_size: 1KB")
    assert ("response_size not set on people: counted as 0 bytes (MB/s, GB/month and data-transfer cost)"
            in notes["api"])


def test_a_spec_that_sets_everything_gets_only_the_price_note():
    notes = without_service_notes(notes_of(traffic=", read_ratio: 0.9, request_size: 1KB, response_size: 4KB"))
    assert notes == {"people": [], "cdn": [], "site": [EU_PRICES], "api": [EU_PRICES], "fn": [EU_PRICES],
                     "table": [EU_PRICES]}


def test_tiers_in_the_price_tables_region_get_no_price_note():
    text = SPEC.replace("eu-west-1", "us-east-1").format(traffic=", read_ratio: 0.9, request_size: 1KB, response_size: 4KB",
                                                          mix="")
    model = model_traffic(spec_from_text(text))
    assert not any(EU_PRICES in t.notes or "priced at" in " ".join(t.notes) for t in model.tiers.values())
