"""Joins our JSON lines and the other tool's into one table with gaps to the best known and the ratio.

    python table.py OURS THEIRS SECONDS SET TOOL
"""
import json
import sys

ours_file, theirs_file, seconds, set_name, tool = sys.argv[1:6]
ours = {r["instance"]: r for r in map(json.loads, open(ours_file))}
theirs = {r["instance"]: r for r in map(json.loads, open(theirs_file))}
print(f"{set_name.capitalize()}, {seconds} s an instance, one core each, seed 1")
print(f"{'instance':9} {'best known':>10} {'ours':>9} {'gap %':>7} {tool:>9} {'gap %':>7} {'ours/' + tool:>14}")
gaps_ours, gaps_theirs, missing = [], [], []
for name in sorted(ours.keys() & theirs.keys(), key=lambda n: (n.rstrip("0123456789"), len(n), n)):
    o, t = ours[name], theirs[name]
    best = o["bestKnown"]
    value = t.get("objective", t.get("distance"))
    if value is None:
        missing.append(name)
        print(f"{name:9} {best:10.2f} {o['objective']:9.2f} {o['gapPercent']:7.2f} {'no plan':>9}")
        continue
    go, gt = o["gapPercent"], (value - best) / best * 100
    gaps_ours.append(go)
    gaps_theirs.append(gt)
    flag = "" if o["feasible"] and t["feasible"] else "  (infeasible)"
    print(f"{name:9} {best:10.2f} {o['objective']:9.2f} {go:7.2f} {value:9.2f} {gt:7.2f} "
          f"{o['objective'] / value:14.4f}{flag}")
n = len(gaps_ours)
if n:
    print(f"mean gap over {n}: ours {sum(gaps_ours) / n:.2f} %, {tool} {sum(gaps_theirs) / n:.2f} %")
if missing:
    print(f"{tool} found no plan in time for: {', '.join(missing)}")
