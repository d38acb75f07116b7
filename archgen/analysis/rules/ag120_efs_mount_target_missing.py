"""AG120 efs-mount-target-missing: clients of an EFS file system run in AZs where it has no mount target.

What it flags
-------------
A Regional ``efs`` file system whose mount targets (its ``subnets``) leave out an AZ in which
a component that calls it runs. (A One Zone file system has a single mount target by design:
AG220 judges it.)

Why it matters
--------------
Clients reach a file system through the mount target of an AZ. AWS recommends one in every
AZ that has clients: clients in an AZ without one mount across AZs, through another AZ's mount
target, pay for the cross-AZ traffic, and lose the file system when that other AZ goes down,
although they and the data are both still up.

Failing spec
------------

```yaml
version: 1
name: shared-files-one-mount-target
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4}
  - {id: files, type: efs, subnets: [app-a]}
connections:
  - {from: web, to: files}
```

Expected finding: AG120 at line 14 on files, web

Passing spec
------------

```yaml
version: 1
name: shared-files-mount-target-per-az
regions:
  - {name: us-east-1, azs: [us-east-1a, us-east-1b]}
network:
  vpcs:
    - id: vpc
      region: us-east-1
      subnets:
        - {id: app-a, az: us-east-1a}
        - {id: app-b, az: us-east-1b}
components:
  - {id: web, type: autoscaling, subnets: [app-a, app-b], min: 2, max: 4}
  - {id: files, type: efs, subnets: [app-a, app-b]}
connections:
  - {from: web, to: files}
```

Fix
---
Create a mount target in each AZ its clients run in (add a subnet of that AZ to the file
system's ``subnets``), and mount through the mount target of the client's own AZ.

Source
------
Amazon EFS User Guide, "Creating or deleting mount targets in a VPC" ("we recommend that you
create a mount target in each of the Availability Zones") —
https://docs.aws.amazon.com/efs/latest/ug/manage-fs-access-create-delete-mount-targets.html
"""

from __future__ import annotations

from archgen.analysis.redundancy import az_list
from archgen.analysis.rule import Rule, RuleFamily
from archgen.analysis.rules._shared import caller_list, with_callers_outside
from archgen.catalogue.components.efs import FileSystem

RULE = Rule(
    family=RuleFamily.ZONAL,
    id="AG120", name="efs-mount-target-missing", severity="warning",
    summary="EFS file system without a mount target in an AZ its clients run in",
    source="Amazon EFS User Guide, Creating or deleting mount targets in a VPC — "
           "https://docs.aws.amazon.com/efs/latest/ug/manage-fs-access-create-delete-mount-targets.html",
)


def check(ctx):
    # One Zone: AG220; no subnets: its mount targets are not described
    mounted = [fs for fs in ctx.of_class(FileSystem) if not fs.one_zone and fs.subnets]
    for fs, missing, azs in with_callers_outside(ctx, mounted):
        yield RULE.finding(
            f"EFS file system '{fs.id}' has mount targets in {az_list(fs.azs)} only, but it is used from "
            f"{caller_list(missing)}: those clients mount across AZs and lose the file system with "
            f"{'that AZ' if len(fs.azs) == 1 else 'the AZ they mount through'}",
            [fs.id, *missing], location=fs.location, fix=f"add a mount target (a subnet) in {az_list(azs)}",
            details={"mount_target_azs": list(fs.azs), "clients_missing_azs": missing})
