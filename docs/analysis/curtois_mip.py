#!/usr/bin/env python3
"""A Curtois-Qu instance as a MIP, solved by HiGHS: an analysis aid, not part of rota.

Why it exists: to learn what the planner's 60 s rosters lack on the instances it misses
(docs/planner-experiments.md, "What a MIP says"). It answers questions the
local search cannot: the fewest uncovered places an instance allows, whether a given
roster's holes admit cheaper requests, and what an optimal roster looks like.

    pip install highspy
    python3 docs/analysis/curtois_mip.py ../shared/benchmarks/curtois/Instance9.txt \
        --seconds 600 --start grid.txt --out mip.grid.txt

The model follows ../shared/benchmarks/curtois/README.md: one shift a day, per-type
maximums, minutes, maximum run, minimum run and minimum days off (runs touching the
horizon's edges exempt), weekends, forbidden successions, fixed days off; the objective
is unmet requests plus weighted under- and over-cover. `evaluate.py` scores the written
grid to the objective printed here (checked on instances 1, 8 and 9).
"""
import argparse

import highspy


def parse(path):
    sections, current = {}, None
    for line in open(path, encoding="utf-8-sig"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            current = sections.setdefault(line, [])
            continue
        current.append(line.split(","))
    horizon = int(sections["SECTION_HORIZON"][0][0])
    shifts = [row[0] for row in sections["SECTION_SHIFTS"]]
    length = {row[0]: int(row[1]) for row in sections["SECTION_SHIFTS"]}
    cannot_follow = {}
    for row in sections["SECTION_SHIFTS"]:
        cannot_follow[row[0]] = [t for t in (row[2] if len(row) > 2 else "").split("|") if t]
    staff = []
    for row in sections["SECTION_STAFF"]:
        most = {kv.split("=")[0]: int(kv.split("=")[1]) for kv in row[1].split("|")}
        staff.append(dict(id=row[0], most=most, max_minutes=int(row[2]), min_minutes=int(row[3]),
                          max_run=int(row[4]), min_run=int(row[5]), min_off=int(row[6]),
                          max_weekends=int(row[7])))
    days_off = {row[0]: {int(d) for d in row[1:]} for row in sections.get("SECTION_DAYS_OFF", [])}
    return dict(horizon=horizon, shifts=shifts, length=length, cannot_follow=cannot_follow, staff=staff,
                days_off=days_off, on=sections.get("SECTION_SHIFT_ON_REQUESTS", []),
                off=sections.get("SECTION_SHIFT_OFF_REQUESTS", []), cover=sections["SECTION_COVER"])


def read_grid(path):
    return [line.split()[1:] for line in open(path) if line.strip()]


class Model:
    def __init__(self, inst):
        self.inst, self.h = inst, highspy.Highs()
        h, H, shifts = self.h, inst["horizon"], inst["shifts"]
        binary = highspy.HighsVarType.kInteger
        self.x = {}
        for p, person in enumerate(inst["staff"]):
            for d in range(H):
                for s in shifts:
                    allowed = d not in inst["days_off"].get(person["id"], set()) and person["most"][s] > 0
                    self.x[p, d, s] = h.addVariable(lb=0, ub=1 if allowed else 0, type=binary)
        self.weekends, self.cover = [], []
        for p, person in enumerate(inst["staff"]):
            self._person(p, person, binary)
        ids = {person["id"]: p for p, person in enumerate(inst["staff"])}
        # Unmet shift-on requests cost their weight: weight * (1 - x); the constant part
        # is kept outside the solver's objective.
        self.constant = sum(int(w) for _, _, _, w in inst["on"])
        self.requests = -sum(int(w) * self.x[ids[e], int(d), s] for e, d, s, w in inst["on"])
        self.requests += sum(int(w) * self.x[ids[e], int(d), s] for e, d, s, w in inst["off"])
        self.cover_cost = 0
        for d, s, need, w_under, w_over in inst["cover"]:
            d, need = int(d), int(need)
            n = sum(self.x[p, d, s] for p in range(len(inst["staff"])))
            under, over = h.addVariable(lb=0), h.addVariable(lb=0)
            h.addConstr(under >= need - n)
            h.addConstr(over >= n - need)
            self.cover_cost += int(w_under) * under + int(w_over) * over
            self.cover.append((d, s, need, under, over))

    def works(self, p, d):
        return sum(self.x[p, d, s] for s in self.inst["shifts"])

    def _person(self, p, person, binary):
        h, H, shifts, x, W = self.h, self.inst["horizon"], self.inst["shifts"], self.x, self.works
        for d in range(H):
            h.addConstr(W(p, d) <= 1)
        for s in shifts:
            h.addConstr(sum(x[p, d, s] for d in range(H)) <= person["most"][s])
        minutes = sum(self.inst["length"][s] * x[p, d, s] for d in range(H) for s in shifts)
        h.addConstr(minutes <= person["max_minutes"])
        h.addConstr(minutes >= person["min_minutes"])
        k = person["max_run"]
        for d in range(H - k):
            h.addConstr(sum(W(p, e) for e in range(d, d + k + 1)) <= k)
        # A run of k < min worked days with a day off inside the horizon on both sides.
        for k in range(1, person["min_run"]):
            for d in range(1, H - k):
                h.addConstr(sum(W(p, e) for e in range(d, d + k)) - W(p, d - 1) - W(p, d + k) <= k - 1)
        # The same for days off between two worked days.
        for k in range(1, person["min_off"]):
            for d in range(1, H - k):
                h.addConstr(W(p, d - 1) - sum(W(p, e) for e in range(d, d + k)) + W(p, d + k) <= 1)
        worked = []
        for w in range(H // 7):
            y = h.addVariable(lb=0, ub=1, type=binary)
            h.addConstr(y >= W(p, 7 * w + 5))
            h.addConstr(y >= W(p, 7 * w + 6))
            worked.append(y)
            self.weekends.append((p, w, y))
        h.addConstr(sum(worked) <= person["max_weekends"])
        for d in range(H - 1):
            for s in shifts:
                for t in self.inst["cannot_follow"][s]:
                    h.addConstr(x[p, d, s] + x[p, d + 1, t] <= 1)

    def start_from(self, grid):
        """Hands the solver a roster to start from, with every helper variable set."""
        values = [0.0] * self.h.getNumCol()
        for (p, d, s), v in self.x.items():
            values[v.index] = 1.0 if grid[p][d] == s else 0.0
        for p, w, y in self.weekends:
            values[y.index] = 1.0 if grid[p][7 * w + 5] != "." or grid[p][7 * w + 6] != "." else 0.0
        for d, s, need, under, over in self.cover:
            n = sum(1 for row in grid if row[d] == s)
            values[under.index], values[over.index] = max(0, need - n), max(0, n - need)
        solution = highspy.HighsSolution()
        solution.col_value, solution.value_valid = values, True
        self.h.setSolution(solution)

    def write(self, path):
        value = self.h.getSolution().col_value
        with open(path, "w") as f:
            for p, person in enumerate(self.inst["staff"]):
                row = []
                for d in range(self.inst["horizon"]):
                    worked = (s for s in self.inst["shifts"] if value[self.x[p, d, s].index] > 0.5)
                    row.append(next(worked, "."))
                f.write(person["id"] + " " + " ".join(row) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("instance")
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--start", help="a grid to start from (e.g. rota bench curtois --out)")
    ap.add_argument("--out", help="where to write the best grid found")
    ap.add_argument("--holes-only", action="store_true", help="minimise the number of uncovered places only")
    ap.add_argument("--max-holes", type=int, help="at most this many uncovered places")
    ap.add_argument("--fix-holes", help="a grid whose shortfall per shift and day may not grow")
    args = ap.parse_args()
    m = Model(parse(args.instance))
    holes = sum(under for _, _, _, under, _ in m.cover)
    if args.holes_only:
        objective, constant = holes, 0
    else:
        objective, constant = m.requests + m.cover_cost, m.constant
    if args.max_holes is not None:
        m.h.addConstr(holes <= args.max_holes)
    if args.fix_holes:
        grid = read_grid(args.fix_holes)
        for d, s, need, under, _ in m.cover:
            m.h.addConstr(under <= max(0, need - sum(1 for row in grid if row[d] == s)))
    m.h.setObjective(objective, highspy.ObjSense.kMinimize)
    m.h.setOptionValue("time_limit", args.seconds)
    m.h.setOptionValue("threads", args.threads)
    if args.start:
        m.start_from(read_grid(args.start))
    m.h.solve()
    info = m.h.getInfo()
    print(f"status {m.h.modelStatusToString(m.h.getModelStatus())}"
          f" objective {info.objective_function_value + constant:g} bound {info.mip_dual_bound + constant:g}")
    if args.out:
        m.write(args.out)


if __name__ == "__main__":
    main()
