"""AG306 cloudfront-single-region-origin: CloudFront without origin failover to another Region.

What it flags
-------------
A ``cloudfront`` distribution whose origins all live in one Region and which has no
``origin_group`` whose secondary is in another Region. A warning when the objectives ask to
survive a Region (``survive: region``), information otherwise.

Why it matters
--------------
CloudFront serves cached objects through an origin outage only until they expire; misses
and dynamic requests fail with the origin's Region. An origin group retries a failed request
on a secondary origin (another Region's bucket or load balancer) on the status codes you
choose. checkov CKV_AWS_310 checks for an origin group; corpus template
``S3_Website_With_CloudFront_Distribution`` has a single origin.

Failing spec
------------

```yaml
version: 1
name: cdn-one-origin
objectives: {survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
components:
  - {id: visitors, type: users}
  - {id: cdn, type: cloudfront, cache_hit_ratio: 0.9}
  - {id: site, type: s3, region: us-east-1, website: true}
connections:
  - {from: visitors, to: cdn}
  - {from: cdn, to: site}
```

Expected finding: AG306 at line 8 on cdn, site

Passing spec
------------

```yaml
version: 1
name: cdn-origin-group
objectives: {survive: region}
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
  - {name: us-west-2, azs: [us-west-2a, us-west-2b]}
components:
  - {id: visitors, type: users}
  - id: cdn
    type: cloudfront
    cache_hit_ratio: 0.9
    origin_group: {primary: site, secondary: site-replica}
  - {id: site, type: s3, region: us-east-1, website: true, versioning: true, replica_regions: [us-west-2]}
  - {id: site-replica, type: s3, region: us-west-2, website: true, versioning: true}
connections:
  - {from: visitors, to: cdn}
  - {from: cdn, to: site}
  - {from: cdn, to: site-replica, standby: true}
  - {from: site, to: site-replica, kind: replication}
```

Fix
---
Replicate the origin to another Region (S3 cross-Region replication, or a second load
balancer) and add an ``origin_group`` with that secondary and failover status codes.

Source
------
Amazon CloudFront Developer Guide, "Optimizing high availability with CloudFront origin
failover" — https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html
"""

from __future__ import annotations

from archgen import model as m
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import region_loss_severity, single_region_targets

RULE = Rule(
    family=RuleFamily.DNS_EDGE_DR,
    id="AG306", name="cloudfront-single-region-origin", severity="warning",
    summary="CloudFront whose origins are all in one Region, without origin failover to another",
    source="Amazon CloudFront Developer Guide, origin failover — "
           "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html",
)


def check(ctx):
    spec = ctx.spec
    severity = region_loss_severity(spec)
    for cdn in ctx.of_class(m.CloudFront):
        origins, region = single_region_targets(spec, cdn)
        if region is None:
            continue  # no regional origin, or origins in several Regions already
        group = cdn.origin_group
        secondary = spec.get(group.secondary) if group else None
        if secondary is not None and secondary.region and secondary.region != spec.get(group.primary).region:
            continue
        why = "its origin group's secondary is in the same Region" if group else "it has no origin group"
        yield RULE.finding(
            f"CloudFront '{cdn.id}' fetches only from {region} and {why}: cache misses and dynamic requests "
            f"fail with that Region", [cdn.id, *sorted(o.id for o in origins)], location=cdn.location,
            severity=severity, fix="replicate the origin to another Region and add an origin_group with it as secondary",
            details={"origin_region": region})
