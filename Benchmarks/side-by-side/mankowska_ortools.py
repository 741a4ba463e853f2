"""OR-Tools 9.15 (routing library) on Mankowska et al.'s instances, modelled in full: one node per service,
each only for carers with its skill; the two services of a double-service patient by two different carers,
the second starting mind..maxd after the first (0/0: together); waiting allowed; lateness after l as a soft
upper bound costing one per minute; travel as the arc cost.

One part of the published objective the routing library cannot take: it minimises a sum over arcs and
nodes, so the maximum lateness is left out of its search. Every plan is then re-scored here with the full
formula, (travel + total lateness + maximum lateness) / 3, from the unrounded travel matrix.

Times are in hundredths of a minute, travel rounded up, so OR-Tools' start times are feasible as they are.

    python mankowska_ortools.py FOLDER SECONDS [NAME ...]   → one JSON line per instance (NAME: E1, or C)
"""
import csv
import json
import math
import sys
import time
from pathlib import Path

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

SCALE = 100
# With the pairing constraints each first-solution heuristic dead-ends on some instances (tried on A1 and
# C1: PARALLEL_CHEAPEST_INSERTION, SAVINGS and PATH_CHEAPEST_ARC each failed one). These are tried in
# turn, in the order that did best, all within the one time budget.
FS = routing_enums_pb2.FirstSolutionStrategy
STRATEGIES = [FS.LOCAL_CHEAPEST_COST_INSERTION, FS.GLOBAL_CHEAPEST_ARC, FS.LOCAL_CHEAPEST_INSERTION,
              FS.PATH_CHEAPEST_ARC, FS.FIRST_UNBOUND_MIN_VALUE]
KEYS = ["nbNodes", "nbVehi", "nbServi", "r", "DS", "a", "x", "y", "d", "p", "mind", "maxd", "e", "l"]


def read(path):
    sections, key = {}, None
    for line in Path(path).read_text().splitlines():
        line = line.strip()
        if not line:
            continue
        if line in KEYS:
            key = line
            sections[key] = []
        else:
            sections[key].append([float(x) for x in line.split()])
    flat = {k: [x for row in v for x in row] for k, v in sections.items()}
    nodes, carers = int(flat["nbNodes"][0]), int(flat["nbVehi"][0])
    return {
        "nodes": nodes,
        "carers": carers,
        "r": sections["r"],
        "a": sections["a"],
        "d": sections["d"],
        "p": [sections["p"][n * carers] for n in range(nodes)],  # the first carer's block, as published
        "mind": flat["mind"], "maxd": flat["maxd"], "e": flat["e"], "l": flat["l"],
    }


def services_of(inst):
    """(patient node, skill) per service, in the order the skills are numbered: the first of a pair first."""
    return [(n, k) for n in range(1, inst["nodes"] - 1) for k, need in enumerate(inst["r"][n]) if need == 1]


def solve(path, seconds):
    """The best plan found within `seconds` of wall-clock time, all first-solution attempts included."""
    began = time.monotonic()
    for strategy in STRATEGIES:
        left = seconds - (time.monotonic() - began)
        if left <= 0.05:
            return None
        result = attempt(path, left, strategy)
        if result:
            return result
    return None


def attempt(path, seconds, strategy):
    inst = read(path)
    services = services_of(inst)
    # Routing nodes: 0 start depot, 1 end depot, then one per service.
    place = [0, inst["nodes"] - 1] + [n for n, _ in services]
    duration = [0, 0] + [inst["p"][n][k] for n, k in services]
    d = inst["d"]
    manager = pywrapcp.RoutingIndexManager(len(place), inst["carers"], [0] * inst["carers"], [1] * inst["carers"])
    routing = pywrapcp.RoutingModel(manager)

    def travel(i, j):
        return math.ceil(d[place[manager.IndexToNode(i)]][place[manager.IndexToNode(j)]] * SCALE)

    def transit(i, j):
        return math.ceil(duration[manager.IndexToNode(i)] * SCALE) + travel(i, j)

    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitCallback(travel))
    horizon = 10**7
    routing.AddDimension(routing.RegisterTransitCallback(transit), horizon, horizon, True, "time")
    clock = routing.GetDimensionOrDie("time")
    solver = routing.solver()
    index = {}
    for s, (n, k) in enumerate(services):
        i = manager.NodeToIndex(s + 2)
        index[(n, k)] = i
        routing.VehicleVar(i).RemoveValues([v for v in range(inst["carers"]) if inst["a"][v][k] != 1])
        clock.CumulVar(i).SetMin(round(inst["e"][n] * SCALE))
        clock.SetCumulVarSoftUpperBound(i, round(inst["l"][n] * SCALE), 1)
    pairs = {}
    for n, k in services:
        pairs.setdefault(n, []).append(index[(n, k)])
    for n, (first, second) in ((n, p) for n, p in pairs.items() if len(p) == 2):
        solver.Add(routing.VehicleVar(first) != routing.VehicleVar(second))
        gap = clock.CumulVar(second) - clock.CumulVar(first)
        solver.Add(gap >= round(inst["mind"][n] * SCALE))
        solver.Add(gap <= round(inst["maxd"][n] * SCALE))

    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = strategy
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(seconds * 1000))
    found = routing.SolveWithParameters(params)
    if found is None:
        return None
    return score(inst, services, manager, routing, clock, found)


def score(inst, services, manager, routing, clock, found):
    """The published objective from the plan's order and start times, checking the hard rules again."""
    d, travel, late, carer_of, start_of = inst["d"], 0.0, [], {}, {}
    for v in range(inst["carers"]):
        i, at = routing.Start(v), 0
        while not routing.IsEnd(i):
            i = found.Value(routing.NextVar(i))
            node = manager.IndexToNode(i)
            to = inst["nodes"] - 1 if routing.IsEnd(i) else services[node - 2][0]
            travel += d[at][to]
            at = to
            if not routing.IsEnd(i):
                n, k = services[node - 2]
                start = found.Min(clock.CumulVar(i)) / SCALE
                assert inst["a"][v][k] == 1 and start >= inst["e"][n] - 1e-9
                carer_of[(n, k)], start_of[(n, k)] = v, start
                late.append(max(0.0, start - inst["l"][n]))
    assert len(start_of) == len(services), "every service is done once"
    feasible = True
    for n in {n for n, _ in services}:
        mine = [s for s in services if s[0] == n]
        if len(mine) == 2:
            a, b = mine
            gap = start_of[b] - start_of[a]
            feasible &= carer_of[a] != carer_of[b] and inst["mind"][n] - 1e-6 <= gap <= inst["maxd"][n] + 1e-6
    return {"objective": (travel + sum(late) + max(late, default=0)) / 3, "travel": travel,
            "tardiness": sum(late), "maxTardiness": max(late, default=0), "feasible": feasible}


if __name__ == "__main__":
    folder, seconds, names = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
    for row in csv.DictReader(open(folder / "best_known.csv")):
        name = row["instance"]
        wanted = any(name == n if any(c.isdigit() for c in n) else name.startswith(n) for n in names)
        if names and not wanted:
            continue
        result = solve(folder / row["file"], seconds) or {"objective": None, "feasible": False}
        print(json.dumps({"instance": name, **result}), flush=True)
