"""Joins our JSON lines and PyVRP's into one table with gaps to the best known and the ratio."""
import json
import sys

ours = {r["instance"]: r for r in map(json.loads, open(sys.argv[1]))}
theirs = {r["instance"]: r for r in map(json.loads, open(sys.argv[2]))}
print(f"Solomon, {sys.argv[3]} s an instance, one core each, seed 1")
print(f"{'instance':9} {'best known':>10} {'ours':>9} {'gap %':>6} {'PyVRP':>9} {'gap %':>6} {'ours/PyVRP':>10}")
gaps_ours, gaps_theirs = [], []
for name in sorted(ours.keys() & theirs.keys()):
    o, t = ours[name], theirs[name]
    best = o["bestKnown"]
    go, gt = o["gapPercent"], (t["distance"] - best) / best * 100
    gaps_ours.append(go)
    gaps_theirs.append(gt)
    flag = "" if o["feasible"] and t["feasible"] else "  (infeasible)"
    print(f"{name:9} {best:10.2f} {o['objective']:9.2f} {go:6.2f} {t['distance']:9.2f} {gt:6.2f} "
          f"{o['objective'] / t['distance']:10.4f}{flag}")
n = len(gaps_ours)
if n:
    print(f"mean gap over {n}: ours {sum(gaps_ours) / n:.2f} %, PyVRP {sum(gaps_theirs) / n:.2f} %")
