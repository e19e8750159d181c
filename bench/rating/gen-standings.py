#!/usr/bin/env python3
"""Writes a random standings file for `judge.jar rating`: gen-standings.py N FILE (ratings ~ N(1500, 450))."""
import json
import random
import sys

n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(n)
rows = [{"handle": f"user{k}", "rating": round(rnd.gauss(1500, 450)),
         "points": rnd.randrange(max(1, n // 10)), "penalty": rnd.randrange(200)} for k in range(n)]
with open(path, "w") as f:
    json.dump({"contestants": rows}, f, separators=(",", ":"))
