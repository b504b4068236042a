#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn guest/faketime/compare.sh's lines into make compare-faketime's table.

Reads "# cmp: CHECK SIDE RESULT DETAIL", "# cmp-cost: PROGRAM SIDE REP
CALLS NS" and "# cmp-info: KEY VALUE" lines; prints markdown: the checks
(faketime against the time namespace), then guest nanoseconds per call
(instructions under -icount shift=0), the median of the repetitions.
Fails when the guest did not get to "# cmp-done" or a result is missing.
"""
import statistics
import sys

SIDES = [("faketime", "faketime (LD_PRELOAD)"),
         ("timens", "time namespace (realtime mode)")]
CHECKS = [
    ("c-dynamic", "C, dynamic: `clock_gettime(CLOCK_REALTIME)`, "
                  "`gettimeofday()`, `time()`"),
    ("c-static", "C, static: the same calls"),
    ("go", "Go, static (`CGO_ENABLED=0`): `time.Now()`"),
    ("date", "`date` (coreutils, dynamic)"),
    ("date-busybox", "`date` (busybox, static: the guest's own)"),
    ("abs-sleep", "`clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME)` to "
                  "faked now + 2 s: wakes after 2 s of real time"),
    ("date-set", "`date -s '{set}'` as root of the faked environment, then "
                 "`date`: only the faked clock moves"),
]
COSTS = [("c-dynamic", "C, dynamic: `clock_gettime(CLOCK_REALTIME)`"),
         ("c-static", "C, static: `clock_gettime(CLOCK_REALTIME)`"),
         ("go", "Go: `time.Now()` (reads REALTIME and MONOTONIC)")]
COST_SIDES = ["host", "faketime", "timens"]


def load(path):
    info, checks, costs, errors, done = {}, {}, {}, [], False
    with open(path, errors="replace") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if line.startswith("# cmp-info: "):
                key, _, value = line[len("# cmp-info: "):].partition(" ")
                info[key] = value
            elif line.startswith("# cmp: "):
                w = line[len("# cmp: "):].split(" ", 3)
                if len(w) >= 3:
                    checks[(w[0], w[1])] = (w[2], w[3] if len(w) > 3 else "")
            elif line.startswith("# cmp-cost: "):
                w = line.split()[2:]
                if len(w) == 5:
                    prog, side, _rep, calls, ns = w
                    costs.setdefault((prog, side), []).append(
                        int(ns) / int(calls))
            elif line.startswith("# cmp-cost-error: "):
                errors.append(line[len("# cmp-cost-error: "):])
            elif line == "# cmp-done":
                done = True
    return info, checks, costs, errors, done


def cell(text):
    return text.replace("|", "\\|")


def main():
    info, checks, costs, errors, done = load(sys.argv[1])
    ok = done
    start = info.get("start", "? ?").split(" ", 1)
    setto = info.get("set", "? ?").split(" ", 1)
    print("Wall clock faked to start at %s UTC (%s): `faketime -f '@%s'` "
          "and `rtns -u -t %s` (a new user and time namespace, realtime "
          "offset written before entry)." % (start[1], start[0], start[1],
                                             start[0]))
    print("Guest: Linux %s; faketime %s; %s; coreutils %s; busybox %s." % (
        info.get("kernel", "?"), info.get("faketime", "?"),
        info.get("go", "Go ?"), info.get("coreutils", "?"),
        info.get("busybox", "?")))
    print()
    print("| check | %s |" % " | ".join(d for _, d in SIDES))
    print("| --- |%s" % (" --- |" * len(SIDES)))
    passed = dict.fromkeys((s for s, _ in SIDES), 0)
    for check, desc in CHECKS:
        row = []
        for side, _ in SIDES:
            res = checks.get((check, side))
            if res is None:
                ok = False
                row.append("missing")
                continue
            passed[side] += res[0] == "pass"
            row.append(cell("%s: %s" % res if res[1] else res[0]))
        print("| %s | %s |" % (cell(desc.format(set=setto[1])), " | ".join(row)))
    print("| **passed** | %s |" % " | ".join(
        "**%d of %d**" % (passed[s], len(CHECKS)) for s, _ in SIDES))
    print()

    calls = info.get("calls", "? ?").split()
    print("Cost of one call in guest nanoseconds (QEMU -icount shift=0,"
          "sleep=off -smp 1: instructions), median of %s runs of %s calls:"
          % (calls[1], calls[0]))
    print()
    print("| program | host (no faking) | faketime | time namespace |")
    print("| --- | --- | --- | --- |")
    for prog, desc in COSTS:
        host = costs.get((prog, "host"))
        host = statistics.median(host) if host else None
        row = []
        for side in COST_SIDES:
            v = costs.get((prog, side))
            if not v:
                if side == "timens" and "timens-unavailable" in info:
                    row.append("n/a: " + info["timens-unavailable"])
                else:
                    row.append("missing")
                    ok = False
                continue
            med = statistics.median(v)
            text = "%.1f" % med
            if side != "host" and host is not None:
                # "+0.0", never "-0.0"
                text += " (%+.1f)" % (round(med - host, 1) + 0.0)
            res = checks.get((prog, side), ("", ""))
            if res[1].startswith("not faked"):
                text += ", not faked"
            row.append(text)
        print("| %s | %s |" % (cell(desc), " | ".join(cell(c) for c in row)))
    for e in errors:
        print("\ncost run failed: %s" % e)
        ok = False
    if not done:
        print("\nthe guest did not finish (no '# cmp-done')")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
