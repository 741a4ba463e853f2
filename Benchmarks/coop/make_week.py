"""Builds calder-valley.week.json: a week of visits for the demo co-op (`carecoop demo`).

Same circles, people, workers and teams as the demo seed (Sources/CareStore/Repositories/Store+Demo.swift):
each person's team is three regular workers and a backup from their own circle. What the seed does not
hold yet (visit times, homes, hours, consent) is made up here, plausibly and with a fixed seed, so the
file is the same every time: python3 make_week.py > calder-valley.week.json
"""
import json
import math
import random

rng = random.Random(7)
WORKERS = ["Amina Hussain", "Ben Walsh", "Chloe Barker", "Dev Patel", "Ellie Grant", "Farid Khan", "Grace Lund",
           "Harry Moss", "Iris Quinn", "Jack Turner", "Kemi Adeyemi", "Liam Brooks", "Maya Shah", "Nia Evans",
           "Owen Price", "Priya Nair", "Rhys Jones", "Sara Malik", "Tom Heald", "Zoe Fielding"]
PEOPLE = ["Alan Whitworth", "Beth Crossley", "Colin Ashworth", "Dina Sutcliffe", "Eric Greenwood", "Fay Holt",
          "Gwen Marsden", "Hugh Pickles", "Ivy Lumb", "Joe Stansfield", "Kath Midgley", "Len Horsfall"]
SKILLS = ["personal care", "medication", "meal", "hoist"]


def slug(name):
    return name.lower().replace(" ", "-")


# Homes: Hebden Bridge around (0, 0), Todmorden around (9, -3) km; each circle's office in its town.
offices = [(0.0, 0.0), (9.0, -3.0)]
homes = []
for i in range(len(PEOPLE)):
    cx, cy = offices[0 if i < 6 else 1]
    angle, radius = rng.uniform(0, 2 * math.pi), rng.uniform(0.3, 3.0)
    homes.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
points = offices + homes


def minutes(a, b):
    """Valley roads: about 2.5 minutes a km, plus parking."""
    d = math.dist(a, b)
    return 0 if d == 0 else round(3 + 2.5 * d)


travel = [[minutes(a, b) for b in points] for a in points]

def team(i):
    pool = WORKERS[0:10] if i < 6 else WORKERS[10:20]
    return [pool[(i * 3 + k) % 10] for k in range(4)]  # as the demo seed picks them


def needs_hoist(i):
    return i % 4 == 0


hoist_teams = {w for i in range(len(PEOPLE)) if needs_hoist(i) for w in team(i)}
carers = []
for i, name in enumerate(WORKERS):
    circle = 0 if i < 10 else 1
    # Everyone in the team of a person who needs the hoist is trained for it, as a coordinator would see to.
    skills = ["personal care", "medication", "meal"] + (["hoist"] if name in hoist_teams else [])
    off = rng.sample(range(7), 2)
    morning_only = i % 5 == 4
    carers.append({
        "id": slug(name), "skills": skills, "base": circle, "workDays": [d for d in range(7) if d not in off],
        "consent": {
            # Their own circle's people; hours they chose; no journey longer than 30 minutes.
            "people": [slug(p) for j, p in enumerate(PEOPLE) if (j < 6) == (circle == 0)],
            "from": 420, "until": 840 if morning_only else 1320, "maxJourney": 30,
        },
    })

people = []
for i, name in enumerate(PEOPLE):
    pool = WORKERS[0:10] if i < 6 else WORKERS[10:20]
    chosen = team(i)
    hoist = needs_hoist(i)
    wake = 450 + 15 * rng.randrange(0, 5)
    visits = [
        {"skill": "hoist" if hoist else "personal care", "duration": 45, "earliest": wake, "latest": wake + 30,
         "days": list(range(7)), "carers": 2 if hoist else 1},
        {"skill": "medication", "duration": 20, "earliest": 720, "latest": 750, "days": list(range(7))},
        {"skill": "meal", "duration": 30, "earliest": 1020, "latest": 1065, "days": list(range(7))},
    ]
    if i % 3 != 2:
        visits.append({"skill": "personal care", "duration": 30, "earliest": 1230, "latest": 1260,
                       "days": list(range(7))})
    people.append({
        "id": slug(name), "location": 2 + i,
        "preferred": [slug(w) for w in chosen[:3]], "backup": slug(chosen[3]),
        "declined": [slug(pool[(i * 3 + 5) % 10])] if i % 4 == 1 else [],
        "flexibility": 45 if i == 0 else 15 * rng.randrange(0, 3),
        "visits": visits,
    })

print(json.dumps({"name": "Calder Valley Care Co-op, one week", "days": 7, "skills": SKILLS, "travel": travel,
                  "carers": carers, "people": people}, indent=1))
