"""neptune: an Amazon Neptune DB cluster (graph database): a primary and up to 15 replicas over a cluster volume copied
across AZs."""

from __future__ import annotations

from archgen.catalogue.base import SlaFigure
from archgen.catalogue.components import _db_cluster


class NeptuneCluster(_db_cluster.DbCluster):  # no fields of its own: see archgen/model.py's docstring
    """An Amazon Neptune cluster."""


SLA_URL = "https://aws.amazon.com/neptune/sla/"
SLA_SOURCE = "Amazon Neptune Service Level Agreement (last updated 2024-01-10)"

TYPE = _db_cluster.cluster_type(_db_cluster.Service(
    name="neptune", title="Neptune DB cluster", product="Neptune",
    description="Amazon Neptune DB cluster (graph database): a primary and up to 15 replicas in the AZs of its subnets "
                "over a cluster volume copied across AZs; a global database adds read-only Regions.",
    model=NeptuneCluster, global_key="global_database_regions", global_what="global database",
    icon=("diagrams.aws.database", "Neptune"),
    placement_how="Neptune puts replicas where they are created: archgen spreads them (derived)",
    fault_tolerance='Amazon Neptune User Guide, "Fault tolerance for a Neptune DB cluster": the volume keeps a copy in '
                    "each AZ; a replica is promoted and service is typically restored in less than 120 seconds; "
                    "without a replica the cluster is unavailable until its instance recovers",
    global_page='Amazon Neptune User Guide, "Using failover in a Neptune global database": the RPO is typically a '
                "number of seconds",
    pricing="https://aws.amazon.com/neptune/pricing/",
    multi_az=SlaFigure("neptune-multi-az", "Amazon Neptune", "Multi-AZ DB cluster (instances in two or more AZs)", 99.9,
                       SLA_SOURCE, SLA_URL, "2026-11-29"),
    single_az=SlaFigure("neptune-single", "Amazon Neptune", "single DB instance or single-AZ", 99.5, SLA_SOURCE,
                        SLA_URL, "2026-11-29"),
    deletion_policies=("retain", "snapshot", "delete"),  # CloudFormation takes a final snapshot of a Neptune cluster
))
