"""Two more benchmark shapes, written from the spec reference (docs/spec-reference.md).

``estate`` (benchmarks/generate.py) is one large system: one ``users`` entry, a Route 53 zone
and a CloudFront distribution per 40 service stacks. Real specs also come in two other shapes,
and analysis costs that grow with entries × components or records × components only show there:

* ``products``: a monorepo of many small, independent products. Each product has its own
  ``users`` entry and Route 53 zone (about one entry per 15 components) pointing at 1–4 stacks:
  ALB → Auto Scaling → ElastiCache → RDS or Aurora plus a DynamoDB table with GSIs; serverless
  API Gateway → Lambda → DynamoDB with an SQS queue (and dead-letter queue) drained by a second
  Lambda; fragile single-instance stacks (one EC2 instance with an Elastic IP → a single-AZ RDS);
  two-Region pairs (an ALB → Auto Scaling group → DynamoDB global table in each Region, behind
  failover or latency records with health checks); and S3 buckets, some read by a stack.
* ``records``: one entry and one Route 53 zone with thousands of records (simple, weighted
  blue/green, failover and latency) in front of thousands of small stacks.

    python benchmarks/generate.py 10000 --shape products -o /tmp/products.yaml

The same (shape, n, seed) always gives the same bytes. Every spec is valid and has exactly n
components (n >= 30; padded with S3 buckets).
"""

from __future__ import annotations

import random

REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1")
LETTERS = "abc"


def regional_network(n_regions: int) -> tuple[list[dict], list[dict], list[dict]]:
    """(regions, VPCs, NAT gateways): per Region a VPC with public/app/data subnets and a NAT gateway per AZ."""
    regions = [{"name": r, "azs": [r + s for s in LETTERS]} for r in REGIONS[:n_regions]]
    vpcs, nats = [], []
    for ri, region in enumerate(regions):
        subnets = []
        for ai, az in enumerate(region["azs"]):
            letter = az[-1]
            subnets.append({"id": f"r{ri}-public-{letter}", "az": az, "kind": "public", "cidr": f"10.{ri}.{ai}.0/24"})
            subnets.append({"id": f"r{ri}-app-{letter}", "az": az, "cidr": f"10.{ri}.{10 + ai}.0/24",
                            "nat_gateway": f"r{ri}-nat-{letter}"})
            subnets.append({"id": f"r{ri}-data-{letter}", "az": az, "cidr": f"10.{ri}.{20 + ai}.0/24"})
            nats.append({"id": f"r{ri}-nat-{letter}", "type": "nat_gateway", "label": f"NAT {az}",
                         "subnets": [f"r{ri}-public-{letter}"]})
        vpcs.append({"id": f"vpc-r{ri}", "region": region["name"], "cidr": f"10.{ri}.0.0/16",
                     "internet_gateway": True, "subnets": subnets})
    return regions, vpcs, nats


def _region_count(n: int) -> int:
    return 1 if n < 60 else 2 if n < 600 else 3 if n < 6000 else 4


class _Builder:
    """Components and connections of one spec, built stack by stack."""

    def __init__(self, n: int, seed: int):
        if n < 30:
            raise ValueError("the generator needs n >= 30")
        self.n = n
        self.rng = random.Random(seed)
        self.regions, self.vpcs, nats = regional_network(_region_count(n))
        self.components: list[dict] = list(nats)
        self.connections: list[dict] = []

    # ---------------------------------------------------------------- pieces
    def add(self, component: dict) -> str:
        self.components.append(component)
        return component["id"]

    def connect(self, source: str, target: str, **extra) -> None:
        self.connections.append({"from": source, "to": target, **extra})

    def users(self, cid: str, label: str) -> str:
        rng = self.rng
        return self.add({"id": cid, "type": "users", "label": label, "traffic": {
            "daily_active_users": 1000 * rng.randrange(5, 2000), "requests_per_user_per_day": rng.choice((10, 25, 60)),
            "peak_factor": rng.choice((2, 3, 4)), "read_ratio": rng.choice((0.7, 0.85, 0.95)),
            "request_size": "2KB", "response_size": rng.choice(("8KB", "16KB", "64KB"))}})

    @staticmethod
    def zone(cid: str, domain: str) -> dict:
        return {"id": cid, "type": "route53", "label": domain, "zone": domain, "records": [], "health_checks": []}

    def subnets(self, ri: int, tier: str, spread: int) -> list[str]:
        letters = LETTERS if spread >= 3 else sorted(self.rng.sample(LETTERS, spread))
        return [f"r{ri}-{tier}-{x}" for x in letters]

    def alb(self, cid: str, ri: int, label: str) -> str:
        return self.add({"id": cid, "type": "alb", "label": label, "subnets": self.subnets(ri, "public", 3),
                         "health_check": {"protocol": "HTTP", "path": "/health", "interval": "15s"},
                         "rules": self.rng.randrange(1, 20)})

    def fleet(self, cid: str, ri: int, label: str) -> str:
        rng = self.rng
        return self.add({"id": cid, "type": "autoscaling", "label": label, "subnets": self.subnets(ri, "app", rng.choice((2, 3))),
                         "min": 2, "desired": rng.randrange(2, 6), "max": 20, "instance_type": "m6i.large",
                         "capacity_rps": 100 * rng.randrange(2, 8), "target_utilization": 0.6,
                         "health_check_type": "ELB", "latency_ms": rng.randrange(20, 120)})

    def table(self, cid: str, ri: int, label: str, gsis: int, *, replicas: tuple[str, ...] = ()) -> dict:
        rng = self.rng
        provisioned = rng.random() < 0.3
        table = {"id": cid, "type": "dynamodb", "label": label, "region": self.regions[ri]["name"],
                 "partition_key": {"name": "pk", "type": "S"}, "sort_key": {"name": "sk", "type": "S"},
                 "capacity": {"mode": "provisioned", "read": 400, "write": 200} if provisioned else {"mode": "on-demand"},
                 "item_size": f"{rng.randrange(1, 9)}KB", "point_in_time_recovery": True,
                 "storage_gb": rng.randrange(1, 500), "gsis": [], "latency_ms": 6}
        for g in range(gsis):
            gsi = {"name": f"by-attr{g}", "partition_key": {"name": f"attr{g}", "type": "S"},
                   "projection": rng.choice(("KEYS_ONLY", "ALL")), "write_share": 0.5}
            if provisioned:
                gsi.update(read=50, write=100)
            table["gsis"].append(gsi)
        if replicas:
            table["global_table_regions"] = list(replicas)
        self.add(table)
        return table

    def query_index(self, caller: str, table: dict, read_ratio: float) -> None:
        self.connect(caller, table["id"], calls=1.5, read_ratio=read_ratio)
        if table["gsis"]:
            self.connections.append({"id": f"{caller}-{table['id']}-index", "from": caller, "to": table["id"],
                                     "calls": 0.5, "read_ratio": 1, "index": table["gsis"][0]["name"]})

    def database(self, cid: str, ri: int, label: str) -> str:
        rng = self.rng
        if rng.random() < 0.6:
            return self.add({"id": cid, "type": "rds", "label": label, "engine": rng.choice(("postgres", "mysql")),
                             "instance_class": "db.r6g.large", "subnets": self.subnets(ri, "data", 2), "multi_az": True,
                             "backup_retention_days": 7, "capacity_rps": 3000, "storage_gb": 100, "latency_ms": 5})
        azs = self.regions[ri]["azs"]
        return self.add({"id": cid, "type": "aurora", "label": label, "engine": "aurora-postgresql",
                         "region": self.regions[ri]["name"],
                         "instances": [{"name": f"{cid}-w", "az": azs[0], "role": "writer"},
                                       {"name": f"{cid}-r", "az": azs[1], "role": "reader"}],
                         "backup_retention_days": 7, "capacity_rps": 5000, "latency_ms": 4})

    # ---------------------------------------------------------------- stacks (each returns its front door)
    def web_stack(self, p: str, ri: int) -> str:
        """ALB → Auto Scaling group → ElastiCache → RDS/Aurora, and a DynamoDB table with GSIs (5 components)."""
        alb = self.alb(f"{p}-alb", ri, f"{p} LB")
        app = self.fleet(f"{p}-app", ri, f"{p} app")
        cache = self.add({"id": f"{p}-cache", "type": "elasticache", "label": f"{p} cache", "engine": "redis",
                          "node_type": "cache.r7g.large", "subnets": self.subnets(ri, "data", 2), "nodes": 2,
                          "multi_az": True, "automatic_failover": True, "hit_ratio": round(self.rng.uniform(0.3, 0.9), 2),
                          "capacity_rps": 50000, "latency_ms": 1})
        db = self.database(f"{p}-db", ri, f"{p} database")
        table = self.table(f"{p}-table", ri, f"{p} table", self.rng.randrange(1, 3))
        self.connect(alb, app, protocol="HTTP")
        self.connect(app, cache, calls=2, read_ratio=0.95, protocol="TCP/6379")
        self.connect(cache, db, protocol="TCP/5432")
        self.query_index(app, table, 0.7)
        return alb

    def serverless_stack(self, p: str, ri: int) -> str:
        """API Gateway → Lambda → DynamoDB, and an SQS queue (with dead-letter queue) drained by a Lambda (6 components)."""
        region = self.regions[ri]["name"]
        rng = self.rng
        api = self.add({"id": f"{p}-api", "type": "api_gateway", "label": f"{p} API", "region": region,
                        "api_type": rng.choice(("http", "rest")), "latency_ms": 10})
        fn = self.add({"id": f"{p}-fn", "type": "lambda", "label": f"{p} handler", "region": region,
                       "duration_ms": rng.randrange(20, 400), "memory_mb": 512, "reserved_concurrency": 200})
        table = self.table(f"{p}-table", ri, f"{p} table", rng.randrange(1, 4))
        dlq = f"{p}-dlq"
        queue = self.add({"id": f"{p}-queue", "type": "sqs", "label": f"{p} jobs", "region": region,
                          "dead_letter_queue": dlq})
        self.add({"id": dlq, "type": "sqs", "label": f"{p} failed jobs", "region": region})
        worker = self.add({"id": f"{p}-worker", "type": "lambda", "label": f"{p} worker", "region": region,
                           "duration_ms": rng.randrange(100, 2000), "memory_mb": 1024, "reserved_concurrency": 50})
        self.connect(api, fn, label="invoke")
        self.query_index(fn, table, 0.8)
        self.connect(fn, queue, calls=0.2, read_ratio=0, kind="async")
        self.connect(queue, worker, kind="async")
        self.connect(worker, table["id"], calls=1, read_ratio=0)
        return api

    def fragile_stack(self, p: str, ri: int) -> str:
        """One EC2 instance with an Elastic IP → a single-AZ RDS instance (2 components)."""
        server = self.add({"id": f"{p}-server", "type": "ec2", "label": f"{p} server",
                           "subnets": self.subnets(ri, "public", 1), "instance_type": "t3.large", "elastic_ip": True,
                           "capacity_rps": 80, "latency_ms": 120})
        db = self.add({"id": f"{p}-db", "type": "rds", "label": f"{p} database", "engine": "mysql",
                       "instance_class": "db.t3.medium", "subnets": self.subnets(ri, "data", 2), "multi_az": False,
                       "backup_retention_days": 1, "capacity_rps": 800, "storage_gb": 50, "latency_ms": 4})
        self.connect(server, db, protocol="TCP/3306")
        return server

    def region_pair(self, p: str, ri: int, zone: dict, name: str, routing: str) -> list[str]:
        """An ALB → Auto Scaling group → DynamoDB global table in two Regions, behind failover or
        latency records with health checks (6 components); the front doors, primary first."""
        rj = (ri + 1) % len(self.regions)
        doors = []
        for side, (here, there) in enumerate(((ri, rj), (rj, ri))):
            q = f"{p}-{'ab'[side]}"
            alb = self.alb(f"{q}-alb", here, f"{q} LB")
            app = self.fleet(f"{q}-app", here, f"{q} app")
            table = self.table(f"{q}-table", here, f"{q} table", 1, replicas=(self.regions[there]["name"],))
            self.connect(alb, app, protocol="HTTP")
            self.query_index(app, table, 0.6)
            doors.append((alb, table["id"], here))
        self.connect(doors[0][1], doors[1][1], kind="replication", bidirectional=True, label="global table")
        for side, (alb, _, here) in enumerate(doors):
            check = f"{alb}-health"
            zone["health_checks"].append({"id": check, "target": alb, "protocol": "HTTPS", "path": "/health",
                                          "interval": 10})
            record = {"name": name, "type": "A", "alias": True, "target": alb, "routing": routing,
                      "set_identifier": f"{name}-{'ab'[side]}", "health_check": check, "evaluate_target_health": True}
            if routing == "failover":
                record["failover"] = ("primary", "secondary")[side]
            else:
                record["region"] = self.regions[here]["name"]
            zone["records"].append(record)
        return [alb for alb, _, _ in doors]

    def bucket(self, cid: str, ri: int, label: str) -> str:
        bucket = {"id": cid, "type": "s3", "label": label, "region": self.regions[ri]["name"], "versioning": True,
                  "storage_gb": self.rng.randrange(1, 5000)}
        if len(self.regions) > 1 and self.rng.random() < 0.3:
            bucket["replica_regions"] = [self.regions[(ri + 1) % len(self.regions)]["name"]]
        return self.add(bucket)

    def spec(self, shape: str, title: str, availability: float) -> dict:
        pad = 0
        while len(self.components) < self.n:  # exactly n: pad with unconnected buckets
            self.bucket(f"spare-bucket{pad}", pad % len(self.regions), f"Spare bucket {pad}")
            pad += 1
        if len(self.components) != self.n:
            raise AssertionError(f"plan overshot: {len(self.components)} > {self.n}")
        return {"version": 1, "name": f"{shape}-{self.n}", "title": title,
                "description": "Generated by benchmarks/generate.py", "owner": "benchmarks",
                "objectives": {"availability": availability, "rto": "1h", "rpo": "15m", "survive": "az"},
                "regions": self.regions, "network": {"vpcs": self.vpcs},
                "components": self.components, "connections": self.connections}


STACK_KINDS = ("web", "serverless", "fragile", "pair")
STACK_WEIGHTS = (4, 3, 1, 1.5)
STACK_SIZE = {"web": 5, "serverless": 6, "fragile": 2, "pair": 6}


def products(n: int, seed: int = 1) -> dict:
    """Many independent products, each with its own ``users`` entry and Route 53 zone (module docstring)."""
    b = _Builder(n, seed)
    rng = b.rng
    k = 0
    while True:
        kinds = rng.choices(STACK_KINDS, STACK_WEIGHTS, k=rng.randrange(1, 5))
        if len(b.regions) == 1:  # a pair needs two Regions: a web stack instead
            kinds = ["web" if kind == "pair" else kind for kind in kinds]
        buckets = rng.randrange(0, 3)
        if len(b.components) + 2 + sum(STACK_SIZE[kind] for kind in kinds) + buckets > n:
            break
        p, ri = f"p{k}", k % len(b.regions)
        entry = b.users(f"{p}-users", f"Product {k} users")
        zone = b.zone(f"{p}-dns", f"product{k}.example.com")
        b.add(zone)
        b.connect(entry, zone["id"], label="HTTPS")
        fronts = []
        for j, kind in enumerate(kinds):
            q = f"{p}-s{j}"
            if kind == "pair":
                routing = rng.choice(("failover", "latency"))
                for door in b.region_pair(q, ri, zone, f"s{j}", routing):
                    b.connect(zone["id"], door, label=routing)
                continue
            if kind == "fragile":
                front = b.fragile_stack(q, ri)
                zone["records"].append({"name": f"s{j}", "type": "A", "target": front, "ttl": 300})
            else:
                front = b.web_stack(q, ri) if kind == "web" else b.serverless_stack(q, ri)
                zone["records"].append({"name": f"s{j}", "type": "A", "alias": True, "target": front})
            b.connect(zone["id"], front, label=f"s{j}")
            fronts.append((q, kind))
        for i in range(buckets):
            bucket = b.bucket(f"{p}-bucket{i}", ri, f"Product {k} bucket {i}")
            if i == 0 and fronts and fronts[0][1] != "fragile":  # assets read by the first stack
                q, kind = fronts[0]
                b.connect(f"{q}-app" if kind == "web" else f"{q}-fn", bucket, calls=0.3, read_ratio=0.9)
        k += 1
    return b.spec("products", f"{k:,} independent products", 99.9)


def records(n: int, seed: int = 1) -> dict:
    """One entry and one Route 53 zone with thousands of records in front of small stacks (module docstring)."""
    b = _Builder(n, seed)
    rng = b.rng
    entry = b.users("clients", "Clients")
    zone = b.zone("dns", "example.com")
    b.add(zone)
    b.connect(entry, "dns", label="HTTPS")
    k = 0
    while len(b.components) + 4 <= n:
        p, ri = f"t{k}", k % len(b.regions)
        if k % 2:  # ALB → Auto Scaling group → RDS/Aurora
            front = b.alb(f"{p}-alb", ri, f"Tenant {k} LB")
            app = b.fleet(f"{p}-app", ri, f"Tenant {k} app")
            db = b.database(f"{p}-db", ri, f"Tenant {k} database")
            b.connect(front, app, protocol="HTTP")
            b.connect(app, db)
        else:  # API Gateway → Lambda → DynamoDB
            region = b.regions[ri]["name"]
            front = b.add({"id": f"{p}-api", "type": "api_gateway", "label": f"Tenant {k} API", "region": region,
                           "api_type": "http", "latency_ms": 10})
            fn = b.add({"id": f"{p}-fn", "type": "lambda", "label": f"Tenant {k} handler", "region": region,
                        "duration_ms": rng.randrange(20, 400), "memory_mb": 512})
            table = b.table(f"{p}-table", ri, f"Tenant {k} table", rng.randrange(0, 3))
            b.connect(front, fn)
            b.query_index(fn, table, 0.8)
        name = f"tenant{k}"
        zone["records"].append({"name": name, "type": "A", "alias": True, "target": front})
        zone["records"].append({"name": f"{name}-txt", "type": "TXT", "value": f"owner=tenant{k}", "ttl": 300})
        b.connect("dns", front, label=name)
        if k % 3 == 2:  # blue/green: weighted records over this stack and the previous one
            previous = f"t{k - 1}-{'alb' if (k - 1) % 2 else 'api'}"
            for colour, target, weight in (("blue", front, 90), ("green", previous, 10)):
                zone["records"].append({"name": f"app{k}", "type": "A", "alias": True, "target": target,
                                        "routing": "weighted", "weight": weight, "set_identifier": colour})
        if k % 5 == 4 and len(b.regions) > 1 and k % 2:  # failover to the ALB stack one Region over
            backup = f"t{k - 2}-alb"
            check = f"{front}-health"
            zone["health_checks"].append({"id": check, "target": front, "protocol": "HTTPS", "path": "/health"})
            zone["records"].append({"name": f"fo{k}", "type": "A", "alias": True, "target": front, "routing": "failover",
                                    "failover": "primary", "set_identifier": "primary", "health_check": check,
                                    "evaluate_target_health": True})
            zone["records"].append({"name": f"fo{k}", "type": "A", "alias": True, "target": backup,
                                    "routing": "failover", "failover": "secondary", "set_identifier": "secondary"})
        if k % 7 == 3:
            zone["records"].append({"name": f"near{k}", "type": "A", "alias": True, "target": front,
                                    "routing": "latency", "region": b.regions[ri]["name"],
                                    "set_identifier": b.regions[ri]["name"]})
        k += 1
    return b.spec("records", f"{k:,} tenants behind one zone of {len(zone['records']):,} records", 99.95)
