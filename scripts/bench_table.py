#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn clockbench output of kernels (a), (b), (c) into a table and JSON.

Under -icount shift=0 a guest nanosecond is one instruction, so ns per call
is instructions per call. Each figure is the median of the repetitions.
"""
import json
import statistics
import sys

KERNELS = [("a", "series patch 1 only (no time namespaces)"),
           ("b", "Debian 6.12 as shipped (upstream time namespaces)"),
           ("c", "the whole series")]
CLOCKS = ["CLOCK_MONOTONIC", "CLOCK_MONOTONIC_COARSE", "CLOCK_MONOTONIC_RAW",
          "CLOCK_BOOTTIME"]
METHODS = ["vdso", "syscall"]


def load(path):
    """{(where, clock, method): [ns per call, ...]}, and whether inside ran."""
    runs, inside = {}, True
    with open(path) as f:
        for line in f:
            w = line.split()
            if w[:3] == ["clockbench", "inside", "unavailable"]:
                inside = False
            elif len(w) == 7 and w[0] == "clockbench":
                _, where, clock, method, _rep, calls, ns = w
                runs.setdefault((where, clock, method), []).append(
                    int(ns) / int(calls))
    return runs, inside


def main():
    paths, out = sys.argv[1:4], sys.argv[4]
    data = {}
    for (key, desc), path in zip(KERNELS, paths):
        runs, inside = load(path)
        k = {"description": desc, "time_namespaces": inside, "figures": {}}
        for (where, clock, method), v in runs.items():
            med = statistics.median(v)
            k["figures"]["%s/%s/%s" % (where, clock, method)] = {
                "instructions_per_call": med,
                "calls_per_guest_second": 1e9 / med,
                "spread": (max(v) - min(v)) / med,
                "runs": v,
            }
        data[key] = k

    def ipc(k, where, clock, method):
        f = data[k]["figures"].get("%s/%s/%s" % (where, clock, method))
        return f["instructions_per_call"] if f else None

    verdicts = []
    print("clock_gettime() under QEMU -icount shift=0,sleep=off -smp 1: "
          "calls per guest second")
    for key, desc in KERNELS:
        print("  (%s) %s" % (key, desc))
    hdr = ("%-23s %-7s %11s %11s %11s %6s %11s %11s %6s %8s %8s"
           % ("clock", "via", "(a) host", "(b) host", "(b) ns", "ns/h",
              "(c) host", "(c) ns", "ns/h", "c/a host", "extra c/b"))
    print(hdr)
    print("-" * len(hdr))
    summary = {}
    for clock in CLOCKS:
        for method in METHODS:
            a = ipc("a", "host", clock, method)
            bh = ipc("b", "host", clock, method)
            bi = ipc("b", "inside", clock, method)
            ch = ipc("c", "host", clock, method)
            ci = ipc("c", "inside", clock, method)
            host_ratio = a / ch              # (c) host speed relative to (a)
            # Extra instructions in a namespace, (c) over (b); meaningless
            # when (b) has next to none (its syscall path pays on the host)
            extra = (ci - ch) / (bi - bh) if bi - bh >= 1 else None
            print("%-23s %-7s %11.0f %11.0f %11.0f %6.3f %11.0f %11.0f %6.3f "
                  "%8.4f %8s" % (clock, method, 1e9 / a, 1e9 / bh, 1e9 / bi,
                                 bh / bi, 1e9 / ch, 1e9 / ci, ch / ci,
                                 host_ratio,
                                 "-" if extra is None else "%.3f" % extra))
            summary["%s/%s" % (clock, method)] = {
                "c_host_over_a_host": host_ratio,
                "extra_instructions_c_over_b": extra,
                "b_inside_over_host": bh / bi,
                "c_inside_over_host": ch / ci,
                "instructions_per_call": {"a_host": a, "b_host": bh,
                                          "b_inside": bi, "c_host": ch,
                                          "c_inside": ci},
            }
            if method == "vdso" and extra is not None:
                # A cost target: a host faster than (a) meets it too.
                verdicts.append(("%s: (c) host no more than 0.5%% slower "
                                 "than (a)" % clock, host_ratio >= 0.995,
                                 "%.4f" % host_ratio))
                verdicts.append(("%s: extra instructions in a namespace "
                                 "<= 2/3 of (b)'s" % clock, extra <= 2 / 3,
                                 "%.3f" % extra))
    print()
    print("ns/h: inside a namespace over host (calls per second); c/a host: "
          "(c) host over (a) host;")
    print("extra c/b: (in-namespace minus host instructions per call) of (c) "
          "over (b)'s; - where (b) has none.")
    print()
    for what, ok, value in verdicts:
        print("%s %s: %s" % ("PASS" if ok else "MISS", what, value))
    data["summary"] = summary
    data["targets"] = [{"target": w, "met": ok, "value": v}
                       for w, ok, v in verdicts]
    with open(out, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
