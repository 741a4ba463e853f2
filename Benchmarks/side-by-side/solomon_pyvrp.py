"""PyVRP 0.14 on Solomon's instances, the same way our engine reads them: hard windows, capacity, travel =
Euclidean distance. PyVRP works in integers, so everything is scaled by 1000 and rounded (its "exact");
the distance printed is PyVRP's, scaled back (within about 0.05 of the unrounded figure ours reports).

    python solomon_pyvrp.py FOLDER SECONDS [NAME ...]   → one JSON line per instance
"""
import json
import math
import sys
from pathlib import Path

from pyvrp import Model
from pyvrp.stop import MaxRuntime

SCALE = 1000


def read(path):
    rows, capacity, vehicles = [], None, None
    lines = [line.split() for line in Path(path).read_text().splitlines()]
    for i, parts in enumerate(lines):
        if parts and parts[0].upper() == "VEHICLE":
            fleet = next(p for p in lines[i + 1:] if len(p) == 2 and p[0].isdigit())
            vehicles, capacity = int(fleet[0]), int(fleet[1])
        if len(parts) == 7 and parts[0].isdigit():
            rows.append([float(x) for x in parts])
    return vehicles, capacity, rows


def solve(path, seconds, seed=1):
    vehicles, capacity, rows = read(path)
    m = Model()
    locations = [m.add_location(x=r[1], y=r[2]) for r in rows]
    depot = m.add_depot(locations[0], tw_early=0, tw_late=round(rows[0][5] * SCALE))
    m.add_vehicle_type(num_available=vehicles, capacity=capacity, start_depot=depot, end_depot=depot,
                       tw_early=0, tw_late=round(rows[0][5] * SCALE))
    for r, loc in zip(rows[1:], locations[1:]):
        m.add_client(loc, delivery=int(r[3]), service_duration=round(r[6] * SCALE),
                     tw_early=round(r[4] * SCALE), tw_late=round(r[5] * SCALE))
    for a, ra in zip(locations, rows):
        for b, rb in zip(locations, rows):
            d = round(math.dist(ra[1:3], rb[1:3]) * SCALE)
            m.add_edge(a, b, distance=d, duration=d)
    result = m.solve(stop=MaxRuntime(seconds), seed=seed, display=False)
    best = result.best
    # Each edge was rounded to a thousandth, so this is within about 0.05 of the unrounded distance.
    return best.distance() / SCALE, best.is_feasible(), best.num_routes()


if __name__ == "__main__":
    folder, seconds, names = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3:]
    files = sorted(f for f in folder.glob("*.txt") if not f.name.startswith("LICENSE"))
    for f in files:
        if names and not any(f.stem == n or f.stem.startswith(n) for n in names):
            continue
        distance, feasible, routes = solve(f, seconds)
        print(json.dumps({"instance": f.stem, "distance": distance, "feasible": feasible, "routes": routes}),
              flush=True)
