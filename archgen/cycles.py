"""Cycles in a directed graph of named nodes: validation refuses request loops, the traffic model cannot flow through one.

A plain graph algorithm on (nodes, edges) pairs, below the spec and the model so both the
semantic checks (on the YAML's connections) and the traffic model (on the spec) use it.
"""

from __future__ import annotations


def _acyclic(edges) -> bool:
    """Kahn's algorithm: True when the directed graph of ``edges`` has no cycle (self-loops included)."""
    successors: dict[str, list[str]] = {}
    indegree: dict[str, int] = {}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
        indegree[target] = indegree.get(target, 0) + 1
    ready = [node for node in successors if node not in indegree]
    removed = 0
    while ready:
        node = ready.pop()
        for target in successors.get(node, ()):
            removed += 1
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
    return removed == len(edges)


def request_cycles(nodes, edges) -> list[tuple[list[str], int]]:
    """One cycle per strongly connected component of the directed graph ``edges``.

    Returns (path, closing edge index) pairs, the path written 'a -> b -> a' style as a node
    list starting and ending at the component's first node in ``nodes`` order (a shortest
    loop through it), the index naming the edge that closes it. Iterative Tarjan + BFS: O(V + E),
    deterministic. Self-loops count as one-node cycles.
    """
    if _acyclic(edges):  # the usual case, in a third of Tarjan's time
        return []
    adjacency: dict[str, list[tuple[str, int]]] = {n: [] for n in nodes}
    for index, (source, target) in enumerate(edges):
        adjacency.setdefault(source, []).append((target, index))
        adjacency.setdefault(target, [])
    rank = {n: i for i, n in enumerate(adjacency)}
    low: dict[str, int] = {}
    number: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in adjacency:
        if root in number:
            continue
        work = [(root, 0)]
        number[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, position = work[-1]
            successors = adjacency[node]
            if position < len(successors):
                work[-1] = (node, position + 1)
                nxt = successors[position][0]
                if nxt not in number:
                    number[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], number[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == number[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                components.append(members)
    cycles: list[tuple[list[str], int]] = []
    for members in components:
        start = min(members, key=rank.get)
        if len(members) == 1:
            loop = next((i for t, i in adjacency[start] if t == start), None)
            if loop is not None:
                cycles.append(([start, start], loop))
            continue
        inside = set(members)
        parent: dict[str, tuple[str, int] | None] = {start: None}
        queue = [start]
        found = None
        for node in queue:  # BFS: the shortest loop back to start
            for nxt, index in adjacency[node]:
                if nxt == start:
                    found = (node, index)
                    break
                if nxt in inside and nxt not in parent:
                    parent[nxt] = (node, index)
                    queue.append(nxt)
            if found:
                break
        path = [start]
        node = found[0]
        while node != start:
            path.append(node)
            node = parent[node][0]
        path.append(start)
        path[1:-1] = reversed(path[1:-1])
        cycles.append((path, found[1]))
    cycles.sort(key=lambda item: (rank[item[0][0]], item[1]))
    return cycles
