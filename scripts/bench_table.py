#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn clockbench output of kernels (a), (b), (c) and (d) into tables and JSON.

    bench_table.py [--base-rt N] RAW_A RAW_B RAW_C [RAW_D] RESULTS_JSON

Under -icount shift=0 a guest nanosecond is one instruction, so ns per call
is instructions per call. Each figure is the median of the repetitions.
The first table compares (a), (b) and (c) as before realtime mode; the
second, (c) with (d), the series without realtime mode, and adds (c)'s
namespace in realtime mode. A row or context a raw file lacks (an older
clockbench, a kernel without realtime mode, an architecture without time()
in its vDSO) shows "-".
"""
import argparse
import json
import statistics

KERNELS = [("a", "series patch 1 only (no time namespaces)"),
           ("b", "Debian 6.12 as shipped (upstream time namespaces)"),
           ("c", "the whole series"),
           ("d", "the series without its realtime-mode patches")]
CLOCKS = ["CLOCK_MONOTONIC", "CLOCK_MONOTONIC_COARSE", "CLOCK_MONOTONIC_RAW",
          "CLOCK_BOOTTIME", "CLOCK_REALTIME", "CLOCK_REALTIME_COARSE",
          "CLOCK_TAI", "gettimeofday", "time"]
LABELS = {"gettimeofday": "gettimeofday()", "time": "time()"}
# The clocks the cost targets of the first table were set for
TARGET_CLOCKS = CLOCKS[:4]
METHODS = ["vdso", "syscall"]
# clockbench's contexts: the host, a namespace, a namespace in realtime mode
WHERE = ["host", "inside", "rtns"]


def load(path):
    """{(where, clock, method): [ns per call, ...]}, and whether inside ran.

    Lines that are not clockbench's (or are cut short) are skipped.
    """
    runs, inside = {}, True
    with open(path, errors="replace") as f:
        for line in f:
            w = line.split()
            if w[:3] == ["clockbench", "inside", "unavailable"]:
                inside = False
            elif len(w) == 7 and w[0] == "clockbench":
                _, where, clock, method, _rep, calls, ns = w
                try:
                    calls, ns = int(calls), int(ns)
                except ValueError:
                    continue
                if calls > 0 and ns > 0:
                    runs.setdefault((where, clock, method), []).append(
                        ns / calls)
    return runs, inside


def rate(ipc):
    """Calls per guest second, or None."""
    return None if ipc is None else 1e9 / ipc


def over(x, y):
    """x / y, or None when either is missing."""
    return None if x is None or y is None or y == 0 else x / y


def minus(x, y):
    return None if x is None or y is None else x - y


def fmt(v, spec, width):
    return ("%" + str(width) + "s") % ("-" if v is None else spec % v)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base-rt", type=int,
                    help="the patch count of (d), for its description")
    ap.add_argument("files", nargs="+", metavar="FILE",
                    help="RAW_A RAW_B RAW_C [RAW_D] RESULTS_JSON")
    args = ap.parse_args()
    if len(args.files) not in (4, 5):
        ap.error("want the raw files of (a), (b), (c), optionally (d), "
                 "and the JSON file to write")
    paths, out = args.files[:-1], args.files[-1]
    kernels = KERNELS[:len(paths)]
    if args.base_rt is not None:
        kernels[3:] = [(k, "%s (SERIES=%d)" % (d, args.base_rt))
                       for k, d in kernels[3:]]

    data = {}
    for (key, desc), path in zip(kernels, paths):
        runs, inside = load(path)
        k = {"description": desc, "time_namespaces": inside,
             "realtime_mode": any(w == "rtns" for w, _, _ in runs),
             "figures": {}}
        for (where, clock, method), v in sorted(runs.items()):
            med = statistics.median(v)
            k["figures"]["%s/%s/%s" % (where, clock, method)] = {
                "instructions_per_call": med,
                "calls_per_guest_second": 1e9 / med,
                "spread": (max(v) - min(v)) / med,
                "runs": v,
            }
        data[key] = k

    def ipc(k, where, clock, method):
        if k not in data:
            return None
        f = data[k]["figures"].get("%s/%s/%s" % (where, clock, method))
        return f["instructions_per_call"] if f else None

    def have(clock, method):
        """Whether any kernel measured the row."""
        return any(ipc(k, w, clock, method) is not None
                   for k in data for w in WHERE)

    rows = [(c, m) for c in CLOCKS for m in METHODS if have(c, m)]

    # Table 1: (a), (b), (c)
    verdicts = []
    print("clock_gettime(), gettimeofday() and time() under QEMU -icount "
          "shift=0,sleep=off -smp 1: calls per guest second")
    for key, desc in kernels:
        print("  (%s) %s" % (key, desc))
    hdr = ("%-23s %-7s %11s %11s %11s %6s %11s %11s %6s %8s %8s"
           % ("clock", "via", "(a) host", "(b) host", "(b) ns", "ns/h",
              "(c) host", "(c) ns", "ns/h", "c/a host", "extra c/b"))
    print(hdr)
    print("-" * len(hdr))
    summary = {}
    for clock, method in rows:
        a = ipc("a", "host", clock, method)
        bh = ipc("b", "host", clock, method)
        bi = ipc("b", "inside", clock, method)
        ch = ipc("c", "host", clock, method)
        ci = ipc("c", "inside", clock, method)
        host_ratio = over(a, ch)         # (c) host speed relative to (a)
        # Extra instructions in a namespace, (c) over (b); meaningless
        # when (b) has next to none (its syscall path pays on the host)
        b_extra, c_extra = minus(bi, bh), minus(ci, ch)
        extra = (c_extra / b_extra
                 if b_extra is not None and c_extra is not None
                 and b_extra >= 1 else None)
        print("%-23s %-7s %s %s %s %s %s %s %s %s %s" % (
            LABELS.get(clock, clock), method, fmt(rate(a), "%.0f", 11),
            fmt(rate(bh), "%.0f", 11), fmt(rate(bi), "%.0f", 11),
            fmt(over(bh, bi), "%.3f", 6), fmt(rate(ch), "%.0f", 11),
            fmt(rate(ci), "%.0f", 11), fmt(over(ch, ci), "%.3f", 6),
            fmt(host_ratio, "%.4f", 8), fmt(extra, "%.3f", 8)))
        summary["%s/%s" % (clock, method)] = {
            "c_host_over_a_host": host_ratio,
            "extra_instructions_c_over_b": extra,
            "b_inside_over_host": over(bh, bi),
            "c_inside_over_host": over(ch, ci),
            "instructions_per_call": {"a_host": a, "b_host": bh,
                                      "b_inside": bi, "c_host": ch,
                                      "c_inside": ci},
        }
        if (clock in TARGET_CLOCKS and method == "vdso"
                and host_ratio is not None and extra is not None):
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

    # Table 2: (d) and (c), and (c)'s namespace in realtime mode
    if "d" in data:
        print()
        print("Realtime mode: (c) against (d), and (c) in a namespace in "
              "realtime mode (calls per guest second)")
        hdr = ("%-23s %-7s %11s %11s %8s %11s %11s %8s %11s %8s %7s"
               % ("clock", "via", "(d) host", "(c) host", "c/d host",
                  "(d) ns", "(c) ns", "c/d ns", "(c) rt-ns", "rt/ns",
                  "+instr"))
        print(hdr)
        print("-" * len(hdr))
        for clock, method in rows:
            dh = ipc("d", "host", clock, method)
            di = ipc("d", "inside", clock, method)
            ch = ipc("c", "host", clock, method)
            ci = ipc("c", "inside", clock, method)
            cr = ipc("c", "rtns", clock, method)
            host_cd, ns_cd = over(dh, ch), over(di, ci)
            rt_ns, rt_extra = over(ci, cr), minus(cr, ci)
            print("%-23s %-7s %s %s %s %s %s %s %s %s %s" % (
                LABELS.get(clock, clock), method, fmt(rate(dh), "%.0f", 11),
                fmt(rate(ch), "%.0f", 11), fmt(host_cd, "%.4f", 8),
                fmt(rate(di), "%.0f", 11), fmt(rate(ci), "%.0f", 11),
                fmt(ns_cd, "%.4f", 8), fmt(rate(cr), "%.0f", 11),
                fmt(rt_ns, "%.4f", 8), fmt(rt_extra, "%+.1f", 7)))
            s = summary.setdefault("%s/%s" % (clock, method),
                                   {"instructions_per_call": {}})
            s.update({"c_host_over_d_host": host_cd,
                      "c_inside_over_d_inside": ns_cd,
                      "c_rtns_over_c_inside": rt_ns,
                      "extra_instructions_c_rtns_over_c_inside": rt_extra})
            s["instructions_per_call"].update(
                {"d_host": dh, "d_inside": di, "c_host": ch, "c_inside": ci,
                 "c_rtns": cr})
        print()
        print("c/d host, c/d ns: (c) over (d), on the host and in a namespace "
              "without realtime mode (1.0000: unchanged);")
        print("rt/ns: (c) in a namespace in realtime mode over (c) in one "
              "without; +instr: its extra instructions per call.")
        if not data["c"]["realtime_mode"]:
            print("(c) measured no namespace in realtime mode: its kernel "
                  "refused the realtime line (or clockbench predates it).")

    data["summary"] = summary
    data["targets"] = [{"target": w, "met": ok, "value": v}
                       for w, ok, v in verdicts]
    with open(out, "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
