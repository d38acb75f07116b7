"""Load balancer capacity units: ALB LCU and NLB NLCU, the maximum of their dimensions.

Source: aws.amazon.com/elasticloadbalancing/pricing — an ALB LCU is 25 new connections/s,
3,000 active connections (per minute), 1 GB/hour processed for EC2/container/IP targets
(0.4 GB/hour for Lambda targets) or 1,000 rule evaluations/s beyond the 10 free rules; an
NLB NLCU (TCP) is 800 new connections/s, 100,000 active connections or 1 GB/hour. The hour
is billed on the dimension with the highest usage, not their sum.
"""

from __future__ import annotations

from archgen.traffic import facts


def _connections(rps: float, requests_per_connection: float, connection_duration_s: float) -> tuple[float, float]:
    """(new connections/s, active connections): each client connection carries
    requests_per_connection requests and lives connection_duration_s (Little's law, derived)."""
    new = rps / requests_per_connection if requests_per_connection > 0 else rps
    return new, new * connection_duration_s


def _largest(dims: dict[str, float]) -> str:
    """The dimension with the most units, the last name in alphabetical order on a tie: the same as
    ``max(dims, key=lambda k: (dims[k], k))``, without a Python call per dimension."""
    return max(zip(dims.values(), dims))[1]


def alb_lcu(rps: float, bytes_per_s: float, *, requests_per_connection: float = 10.0,
            connection_duration_s: float = 60.0, rules: int = 0, lambda_bytes_per_s: float = 0.0) -> dict:
    """The four ALB dimensions, their LCUs and the billed LCU (their maximum).

    ``bytes_per_s`` is everything processed (requests and responses); the part of it going to
    Lambda targets (``lambda_bytes_per_s``) counts at 0.4 GB per LCU-hour.
    """
    new, active = _connections(rps, requests_per_connection, connection_duration_s)
    other_gb_h = max(0.0, bytes_per_s - lambda_bytes_per_s) * 3600 / facts.GB
    lambda_gb_h = lambda_bytes_per_s * 3600 / facts.GB
    evaluations = rps * max(0, rules - facts.ALB_FREE_RULES)
    dims = {
        "new_connections": new / facts.ALB_LCU_NEW_CONNECTIONS_PER_S,
        "active_connections": active / facts.ALB_LCU_ACTIVE_CONNECTIONS,
        "processed_bytes": other_gb_h / facts.ALB_LCU_GB_PER_HOUR + lambda_gb_h / facts.ALB_LCU_GB_PER_HOUR_LAMBDA,
        "rule_evaluations": evaluations / facts.ALB_LCU_RULE_EVALUATIONS_PER_S,
    }
    return {
        "new_connections_per_s": new, "active_connections": active,
        "processed_gb_per_hour": other_gb_h + lambda_gb_h, "rule_evaluations_per_s": evaluations,
        "lcu_by_dimension": dims, "lcu": max(dims.values()),
        "lcu_dimension": _largest(dims),
    }


def nlb_nlcu(rps: float, bytes_per_s: float, *, requests_per_connection: float = 10.0,
             connection_duration_s: float = 60.0) -> dict:
    """NLB TCP dimensions and the billed NLCU (their maximum). TLS listeners count differently
    (50 new TLS connections/s, 3,000 active per NLCU): archgen models TCP listeners."""
    new, active = _connections(rps, requests_per_connection, connection_duration_s)
    gb_h = bytes_per_s * 3600 / facts.GB
    dims = {
        "new_connections": new / facts.NLB_NLCU_NEW_CONNECTIONS_PER_S,
        "active_connections": active / facts.NLB_NLCU_ACTIVE_CONNECTIONS,
        "processed_bytes": gb_h / facts.NLB_NLCU_GB_PER_HOUR,
    }
    return {
        "new_connections_per_s": new, "active_connections": active, "processed_gb_per_hour": gb_h,
        "lcu_by_dimension": dims, "lcu": max(dims.values()),
        "lcu_dimension": _largest(dims),
    }
