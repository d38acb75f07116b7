"""documentdb: an Amazon DocumentDB (with MongoDB compatibility) instance-based cluster: a primary and up to 15
replicas over a cluster volume copied across AZs."""

from __future__ import annotations

from archgen.catalogue.base import SlaFigure
from archgen.catalogue.components import _db_cluster


class DocumentDbCluster(_db_cluster.DbCluster):  # no fields of its own: see archgen/model.py's docstring
    """An Amazon DocumentDB cluster."""


SLA_URL = "https://aws.amazon.com/documentdb/sla/"
SLA_SOURCE = "Amazon DocumentDB Service Level Agreement (last updated 2025-05-01)"

TYPE = _db_cluster.cluster_type(_db_cluster.Service(
    name="documentdb", title="DocumentDB cluster", product="DocumentDB",
    description="Amazon DocumentDB (with MongoDB compatibility) cluster: a primary and up to 15 replicas in the AZs of "
                "its subnets over a cluster volume copied across AZs; a global cluster adds read-only Regions.",
    model=DocumentDbCluster, global_key="global_cluster_regions", global_what="global cluster",
    icon=("diagrams.aws.database", "DocumentDB"),
    placement_how='DocumentDB balances them over its subnet group: Developer Guide, "High Availability and '
                  'Replication"',
    fault_tolerance='Amazon DocumentDB Developer Guide, "Understanding Amazon DocumentDB cluster fault tolerance": the '
                    "volume keeps a copy in each AZ; a replica is promoted and service is typically restored in less "
                    "than 120 seconds; without a replica a new primary takes a few minutes",
    global_page='Amazon DocumentDB Developer Guide, "Using Amazon DocumentDB global clusters"',
    pricing="https://aws.amazon.com/documentdb/pricing/",
    multi_az=SlaFigure("documentdb-multi-az", "Amazon DocumentDB", "cluster with instances in two or more AZs", 99.99,
                       SLA_SOURCE, SLA_URL, "2026-11-29"),
    single_az=SlaFigure("documentdb-single-az", "Amazon DocumentDB", "cluster in one AZ", 99.9, SLA_SOURCE, SLA_URL,
                        "2026-11-29"),
))
