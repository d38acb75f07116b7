"""Raw, validated spec data -> the immutable model (defaults applied, units normalised)."""

from __future__ import annotations

from archgen import model as m
from archgen.model import Location
from archgen.spec.semantic import record_fqdn, region_of_az
from archgen.spec.units import parse_duration, parse_size
from archgen.spec.yamlload import LoadedYaml


class ModelBuilder:
    def __init__(self, loaded: LoadedYaml):
        self.loaded = loaded
        self.data: dict = loaded.data
        self.subnets: dict[str, m.Subnet] = {}
        self.region_azs: dict[str, tuple[str, ...]] = {}
        self._zones: dict[str, tuple[dict, dict]] = {}

    def at(self, *path) -> Location:
        line, column = self.loaded.locate(path)
        return Location(line, column)

    def build(self) -> m.Spec:
        d = self.data
        regions = tuple(m.Region(r["name"], tuple(r["azs"]), self.at("regions", i))
                        for i, r in enumerate(d.get("regions", [])))
        self.region_azs = {r.name: r.azs for r in regions}
        vpcs = tuple(self.vpc(i, v) for i, v in enumerate(d.get("network", {}).get("vpcs", [])))
        components = tuple(self.component(i, c) for i, c in enumerate(d.get("components", [])))
        by_id = {c.id: c for c in components}
        connections = self.connections(by_id)
        ignores = tuple(m.Suppression(s["rule"], s.get("component"), s["reason"], self.at("ignore", i))
                        for i, s in enumerate(d.get("ignore", [])))
        return m.Spec(
            name=d["name"], file=self.loaded.file, title=d.get("title", d["name"]),
            description=d.get("description", ""), owner=d.get("owner", ""), version=d["version"],
            objectives=self.objectives(), dr=self.dr(regions), regions=regions, vpcs=vpcs,
            components=components, connections=connections, ignores=ignores,
            direction=d.get("diagram", {}).get("direction", "LR"),
        )

    # -- top level ----------------------------------------------------------------------
    def objectives(self) -> m.Objectives:
        o = self.data.get("objectives")
        if o is None:
            return m.Objectives()
        return m.Objectives(
            availability=o.get("availability"),
            rto_s=parse_duration(o["rto"]) if "rto" in o else None,
            rpo_s=parse_duration(o["rpo"]) if "rpo" in o else None,
            survive=o.get("survive", "az"),
            location=self.at("objectives"),
        )

    def dr(self, regions) -> m.DisasterRecovery | None:
        d = self.data.get("dr")
        if d is None:
            return None
        primary = d.get("primary_region")
        if primary is None:
            others = [r.name for r in regions if r.name != d.get("secondary_region")]
            primary = others[0] if len(others) == 1 else None
        strategy = d["strategy"]
        return m.DisasterRecovery(
            strategy=strategy, primary_region=primary, secondary_region=d.get("secondary_region"),
            backup_interval_s=parse_duration(d["backup_interval"]) if "backup_interval" in d else None,
            failover=d.get("failover", "automatic" if strategy == "active-active" else "manual"),
            location=self.at("dr"),
        )

    def vpc(self, index: int, v: dict) -> m.Vpc:
        subnets = []
        for j, s in enumerate(v["subnets"]):
            subnet = m.Subnet(
                id=s["id"], vpc=v["id"], region=v["region"], az=s["az"], kind=s.get("kind", "private"),
                cidr=s.get("cidr"), nat_gateway=s.get("nat_gateway"),
                location=self.at("network", "vpcs", index, "subnets", j))
            self.subnets[subnet.id] = subnet
            subnets.append(subnet)
        return m.Vpc(v["id"], v["region"], v.get("cidr"), bool(v.get("internet_gateway", False)),
                     tuple(subnets), self.at("network", "vpcs", index))

    # -- components ---------------------------------------------------------------------
    def placement(self, c: dict) -> dict:
        subnets = tuple(c.get("subnets", ()))
        if subnets:
            resolved = [self.subnets[s] for s in subnets]
            region, vpc = resolved[0].region, resolved[0].vpc
            azs = {s.az for s in resolved}
        else:
            azs = set(c.get("azs", ()))
            region = c.get("region") or (region_of_az(sorted(azs)[0]) if azs else None)
            vpc = None
        order = self.region_azs.get(region, ())
        ordered = tuple(sorted(azs, key=lambda az: (order.index(az) if az in order else len(order), az)))
        return {"region": region, "azs": ordered, "subnets": subnets, "vpc": vpc}

    def component(self, index: int, c: dict) -> m.Component:
        ctype = c["type"]
        common = {
            "id": c["id"], "type": ctype, "label": c.get("label", c["id"]),
            "description": c.get("description", ""), "latency_ms": c.get("latency_ms"),
            "location": self.at("components", index),
            "source": m.Source(c["source"]["file"], c["source"]["logical_id"], c["source"].get("line", 0))
            if "source" in c else None,
        }
        if ctype not in m.GLOBAL_SERVICE_TYPES:
            common.update(self.placement(c))
        return getattr(self, f"make_{ctype}")(index, c, common)

    def make_users(self, index, c, common):
        t = c.get("traffic")
        profile = None
        if t is not None:
            profile = m.TrafficProfile(
                daily_active_users=t.get("daily_active_users"),
                requests_per_user_per_day=t.get("requests_per_user_per_day"),
                peak_factor=float(t.get("peak_factor", 1.0)),
                peak_rps=t.get("peak_rps"),
                read_ratio=float(t.get("read_ratio", 1.0)),
                request_bytes=parse_size(t.get("request_size", 0)),
                response_bytes=parse_size(t.get("response_size", 0)),
                unset=tuple(key for key in m.DEFAULTED_TRAFFIC_KEYS if key not in t),
            )
        return m.Users(**common, traffic=profile)

    def make_route53(self, index, c, common):
        zone = c["zone"].rstrip(".").lower()
        records = []
        for j, r in enumerate(c.get("records", [])):
            fqdn, apex = record_fqdn(r["name"], zone)
            records.append(m.DnsRecord(
                name=fqdn, type=r["type"], alias=bool(r.get("alias", False)), target=r.get("target"),
                value=r.get("value"), ttl=r.get("ttl"), routing=r.get("routing", "simple"),
                failover=r.get("failover"), weight=r.get("weight"), region=r.get("region"),
                set_identifier=r.get("set_identifier"), health_check=r.get("health_check"),
                evaluate_target_health=bool(r.get("evaluate_target_health", False)), is_apex=apex,
                location=self.at("components", index, "records", j)))
        checks = tuple(m.HealthCheck(
            id=h["id"], target=h["target"], protocol=h.get("protocol", "HTTPS"), path=h.get("path"),
            interval_s=h.get("interval", 30), failure_threshold=h.get("failure_threshold", 3),
            location=self.at("components", index, "health_checks", j))
            for j, h in enumerate(c.get("health_checks", [])))
        return m.Route53Zone(**common, zone=zone, private_zone=bool(c.get("private_zone", False)),
                             records=tuple(records), health_checks=checks)

    def make_cloudfront(self, index, c, common):
        group = c.get("origin_group")
        origin_group = None
        if group is not None:
            origin_group = m.OriginGroup(group["primary"], group["secondary"],
                                         tuple(group.get("failover_status_codes", (500, 502, 503, 504))))
        return m.CloudFront(**common, cache_hit_ratio=float(c.get("cache_hit_ratio", 0.0)),
                            origin_group=origin_group, price_class=c.get("price_class", "PriceClass_All"))

    def make_s3(self, index, c, common):
        return m.S3Bucket(**common, website=bool(c.get("website", False)), versioning=bool(c.get("versioning", False)),
                          storage_class=c.get("storage_class", "STANDARD"),
                          replica_regions=tuple(c.get("replica_regions", ())), storage_gb=c.get("storage_gb"))

    def _load_balancer(self, c, common, cross_zone_default: bool):
        hc = c.get("health_check")
        health_check = None
        if hc is not None:
            health_check = m.LbHealthCheck(
                protocol=hc.get("protocol", "HTTP"), path=hc.get("path"),
                interval_s=parse_duration(hc.get("interval", 30)),
                healthy_threshold=hc.get("healthy_threshold", 5), unhealthy_threshold=hc.get("unhealthy_threshold", 2))
        return m.LoadBalancer(
            **common, internal=bool(c.get("internal", False)),
            cross_zone=bool(c.get("cross_zone", cross_zone_default)), health_check=health_check,
            rules=c.get("rules", 0), requests_per_connection=float(c.get("requests_per_connection", 10)),
            connection_duration_s=parse_duration(c.get("connection_duration", 60)))

    def make_alb(self, index, c, common):
        return self._load_balancer(c, common, cross_zone_default=True)

    def make_nlb(self, index, c, common):
        return self._load_balancer(c, common, cross_zone_default=False)

    def make_ec2(self, index, c, common):
        return m.Ec2Instances(**common, count=c.get("count", 1), instance_type=c.get("instance_type"),
                              elastic_ip=bool(c.get("elastic_ip", False)), auto_recovery=bool(c.get("auto_recovery", False)),
                              capacity_rps=c.get("capacity_rps"), target_utilization=c.get("target_utilization", 0.7))

    def _scaling(self, c, common, **extra):
        low = c.get("min")
        desired = c.get("desired")
        high = c.get("max")
        desired = desired if desired is not None else (low if low is not None else 1)
        low = low if low is not None else desired
        high = high if high is not None else desired
        return m.ScalingGroup(**common, min=low, desired=desired, max=high, instance_type=c.get("instance_type"),
                              capacity_rps=c.get("capacity_rps"), target_utilization=c.get("target_utilization", 0.7),
                              **extra)

    def make_autoscaling(self, index, c, common):
        return self._scaling(c, common, health_check_type=c.get("health_check_type", "EC2"))

    def make_ecs(self, index, c, common):
        return self._scaling(c, common, launch_type=c.get("launch_type", "fargate"), cpu=c.get("cpu"),
                             memory_gb=c.get("memory_gb"), health_check=bool(c.get("health_check", False)))

    def make_lambda(self, index, c, common):
        return m.LambdaFunction(**common, duration_ms=float(c["duration_ms"]), memory_mb=c.get("memory_mb", 128),
                                reserved_concurrency=c.get("reserved_concurrency"),
                                provisioned_concurrency=c.get("provisioned_concurrency"),
                                account_concurrency=c.get("account_concurrency", 1000))

    def make_api_gateway(self, index, c, common):
        return m.ApiGateway(**common, api_type=c.get("api_type", "rest"), endpoint_type=c.get("endpoint_type", "regional"),
                            throttle_rps=float(c.get("throttle_rps", 10_000)), burst=c.get("burst", 5_000))

    def make_rds(self, index, c, common):
        azs = common["azs"]
        multi_az = bool(c.get("multi_az", False))
        return m.RdsInstance(
            **common, engine=c["engine"], instance_class=c.get("instance_class"), multi_az=multi_az,
            primary_az=azs[0] if azs else None, standby_az=azs[1] if multi_az and len(azs) > 1 else None,
            read_replicas=tuple(m.ReadReplica(r.get("az"), r.get("region")) for r in c.get("read_replicas", ())),
            backup_retention_days=c.get("backup_retention_days", 1),
            deletion_protection=bool(c.get("deletion_protection", False)), capacity_rps=c.get("capacity_rps"),
            storage_gb=c.get("storage_gb"))

    def make_aurora(self, index, c, common):
        raw = c["instances"]
        has_writer = any(i.get("role") == "writer" for i in raw)
        instances = []
        for j, i in enumerate(raw):
            role = i.get("role") or ("writer" if j == 0 and not has_writer else "reader")
            instances.append(m.AuroraInstance(i.get("name", f"{c['id']}-{j + 1}"), i["az"], role, i.get("instance_class")))
        if not common["azs"]:
            order = self.region_azs.get(common["region"], ())
            azs = {i.az for i in instances}
            common = {**common, "azs": tuple(sorted(azs, key=lambda az: (order.index(az) if az in order else 99, az)))}
        return m.AuroraCluster(**common, engine=c["engine"], instances=tuple(instances),
                               backup_retention_days=c.get("backup_retention_days", 1),
                               global_database_regions=tuple(c.get("global_database_regions", ())),
                               deletion_protection=bool(c.get("deletion_protection", False)),
                               capacity_rps=c.get("capacity_rps"))

    def make_dynamodb(self, index, c, common):
        item_bytes = parse_size(c.get("item_size", "1KB"))
        capacity = c["capacity"]

        def key(k):
            return m.KeyAttribute(k["name"], k.get("type", "S")) if k else None

        def index_bytes(ix):
            if "item_size" in ix:
                return parse_size(ix["item_size"])
            return item_bytes if ix.get("projection", "ALL") == "ALL" else max(1.0, item_bytes / 10)

        gsis = tuple(m.SecondaryIndex(
            name=g["name"], kind="gsi", partition_key=key(g["partition_key"]), sort_key=key(g.get("sort_key")),
            projection=g.get("projection", "ALL"), item_bytes=index_bytes(g), write_share=g.get("write_share", 1.0),
            read_capacity=g.get("read"), write_capacity=g.get("write")) for g in c.get("gsis", ()))
        lsis = tuple(m.SecondaryIndex(
            name=g["name"], kind="lsi", partition_key=key(c["partition_key"]), sort_key=key(g["sort_key"]),
            projection=g.get("projection", "ALL"), item_bytes=index_bytes(g)) for g in c.get("lsis", ()))
        return m.DynamoTable(
            **common, partition_key=key(c["partition_key"]), sort_key=key(c.get("sort_key")),
            capacity_mode=capacity["mode"], read_capacity=capacity.get("read"), write_capacity=capacity.get("write"),
            item_bytes=item_bytes, gsis=gsis, lsis=lsis,
            point_in_time_recovery=bool(c.get("point_in_time_recovery", False)),
            global_table_regions=tuple(c.get("global_table_regions", ())),
            deletion_protection=bool(c.get("deletion_protection", False)),
            hot_key_share=c.get("hot_key_share"), storage_gb=c.get("storage_gb"))

    def make_elasticache(self, index, c, common):
        nodes = c["nodes"]
        azs = common["azs"]
        node_azs = tuple(azs[i % len(azs)] for i in range(nodes)) if azs else ()
        return m.CacheCluster(**common, engine=c["engine"], node_type=c.get("node_type"), nodes=nodes,
                              shards=c.get("shards", 1), multi_az=bool(c.get("multi_az", False)),
                              automatic_failover=bool(c.get("automatic_failover", False)),
                              hit_ratio=float(c.get("hit_ratio", 0.0)), capacity_rps=c.get("capacity_rps"),
                              node_azs=node_azs)

    def make_sqs(self, index, c, common):
        return m.Queue(**common, fifo=bool(c.get("fifo", False)), dead_letter_queue=c.get("dead_letter_queue"))

    def make_sns(self, index, c, common):
        return m.Topic(**common, fifo=bool(c.get("fifo", False)))

    def make_nat_gateway(self, index, c, common):
        return m.NatGateway(**common)

    # -- connections --------------------------------------------------------------------
    def connections(self, by_id: dict[str, m.Component]) -> tuple[m.Connection, ...]:
        raw = self.data.get("connections", [])
        standby = [bool(c.get("standby", False)) for c in raw]
        # Route 53 failover secondaries carry traffic only after failover
        for i, c in enumerate(raw):
            source = by_id[c["from"]]
            if isinstance(source, m.Route53Zone) and "standby" not in c:
                if self.zone_index(source)[0].get(c["to"]) == {"secondary"}:
                    standby[i] = True
        shares = self.effective_shares(raw, standby, by_id)
        out = []
        for i, c in enumerate(raw):
            out.append(m.Connection(
                id=c.get("id") or f"{c['from']}->{c['to']}", source=c["from"], target=c["to"],
                label=c.get("label", ""), protocol=c.get("protocol", ""), kind=c.get("kind", "sync"),
                bidirectional=bool(c.get("bidirectional", False)), share=shares[i], share_declared="share" in c,
                calls=float(c.get("calls", 1.0)), read_ratio=c.get("read_ratio"),
                consistency=c.get("consistency", "eventual"), transactional_writes=bool(c.get("transactional_writes", False)),
                index=c.get("index"), item_bytes=parse_size(c["item_size"]) if "item_size" in c else None,
                standby=standby[i], inferred=c.get("inferred", ""), location=self.at("connections", i)))
        return tuple(out)

    def effective_shares(self, raw, standby, by_id) -> list[float]:
        """Share of the source's requests each connection carries in normal operation.

        Routers send a request to one target: declared shares are kept and the remainder is
        split over the connections without one (Route 53 in proportion to its records'
        weights). Other components call every target (share 1). Standby connections and
        replication carry no requests.
        """
        shares = [0.0] * len(raw)
        by_source: dict[str, list[int]] = {}
        for i, c in enumerate(raw):
            if standby[i] or c.get("kind") == "replication":
                continue
            by_source.setdefault(c["from"], []).append(i)
        for source_id, indexes in by_source.items():
            source = by_id[source_id]
            if not source.is_router:
                for i in indexes:
                    shares[i] = float(raw[i].get("share", 1.0))
                continue
            declared = sum(raw[i]["share"] for i in indexes if "share" in raw[i])
            open_ = [i for i in indexes if "share" not in raw[i]]
            weights = [self.zone_index(source)[1].get(raw[i]["to"], 1.0) if isinstance(source, m.Route53Zone)
                       else 1.0 for i in open_]
            total = sum(weights)
            remainder = max(0.0, 1.0 - declared)
            for i in indexes:
                if "share" in raw[i]:
                    shares[i] = float(raw[i]["share"])
            for i, weight in zip(open_, weights):
                shares[i] = remainder * weight / total if total else 0.0
        return shares

    def zone_index(self, zone: m.Route53Zone) -> tuple[dict[str, set], dict[str, float]]:
        """Per record target: its failover roles, and the weight Route 53 gives it (computed once per zone).

        Looking these up record by record for every connection was quadratic: a zone with
        3,000 records took 2 s to build.
        """
        cached = self._zones.get(zone.id)
        if cached is None:
            roles: dict[str, set] = {}
            for record in zone.records:
                roles.setdefault(record.target, set()).add(record.failover)
            cached = self._zones[zone.id] = (roles, self.route_weights(zone))
        return cached

    @staticmethod
    def route_weights(zone: m.Route53Zone) -> dict[str, float]:
        """Relative weight Route 53 gives each record target of ``zone`` (what route_weight returns, for all at once)."""
        groups: dict[tuple[str, str], list[m.DnsRecord]] = {}
        for record in zone.records:
            groups.setdefault((record.name, record.type), []).append(record)
        weights: dict[str, float] = {}
        for records in groups.values():
            weighted = sum(r.weight or 0 for r in records if r.routing == "weighted")
            latency = sum(1 for r in records if r.routing == "latency")
            for record in records:
                if record.routing == "weighted":
                    add = (record.weight or 0) / weighted if weighted else 0.0
                elif record.routing == "latency":
                    add = 1.0 / latency
                elif record.routing == "failover":
                    add = 1.0 if record.failover == "primary" else 0.0
                else:
                    add = 1.0
                weights[record.target] = weights.get(record.target, 0.0) + add
        return weights

    @staticmethod
    def route_weight(source: m.Component, target: str) -> float:
        """Relative weight Route 53 gives ``target`` (1 for other routers)."""
        if not isinstance(source, m.Route53Zone):
            return 1.0
        weight = 0.0
        matched = False
        groups: dict[tuple[str, str], list[m.DnsRecord]] = {}
        for record in source.records:
            groups.setdefault((record.name, record.type), []).append(record)
        for records in groups.values():
            for record in records:
                if record.target != target:
                    continue
                matched = True
                if record.routing == "weighted":
                    total = sum(r.weight or 0 for r in records if r.routing == "weighted")
                    weight += (record.weight or 0) / total if total else 0.0
                elif record.routing == "latency":
                    weight += 1.0 / sum(1 for r in records if r.routing == "latency")
                elif record.routing == "failover":
                    weight += 1.0 if record.failover == "primary" else 0.0
                else:
                    weight += 1.0
        return weight if matched else 1.0
