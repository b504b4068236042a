#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# CRIU across a reboot, boot 1: two programs that watch their clocks and
# have timers armed TIMER_SECS ahead, one in a time namespace with large
# offsets (util-linux's unshare), one in the host's. criu dump writes each
# to the 9p share; the guest then powers off, and boot 2 restores them
# (boot2/10-criu-restore.sh).
. /guest/clients/lib.sh
# boot 2 finds no images and skips alike
have_timens || skip_all "$NO_TIMENS"
plan 8
rm -rf "$IMG" && mkdir -p "$IMG/ns" "$IMG/host"
# PIDs far above what boot 2 uses before it restores: CRIU restores a
# task under the PID it had.
echo 20000 > /proc/sys/kernel/ns_last_pid
/usr/bin/unshare --time --fork --monotonic 86400000 --boottime 172800000 \
	/guest/clients/clockwatch "$IMG/ns.log" "$TIMER_SECS" </dev/null >/dev/null 2>&1 &
/guest/clients/clockwatch "$IMG/host.log" "$TIMER_SECS" </dev/null >/dev/null 2>&1 &
sleep 3
ns=$(sed -n 's/^pid //p' "$IMG/ns.log")
host=$(sed -n 's/^pid //p' "$IMG/host.log")
echo "$ns" > "$IMG/ns.pid"
echo "$host" > "$IMG/host.pid"
check "the program runs in a time namespace of its own" \
	test "$(readlink /proc/$ns/ns/time)" != "$(readlink /proc/1/ns/time)"
check "its offsets are unshare's" offsets_are /proc/$ns/timens_offsets 86400000 172800000
check "the other program shares the host's time namespace" \
	test "$(readlink /proc/$host/ns/time)" = "$(readlink /proc/1/ns/time)"

for which in ns host; do
	pid=$(cat "$IMG/$which.pid")
	t0=$(uptime_s)
	check "criu dump ($which)" criu_do dump "$IMG/$which" -t "$pid"
	t1=$(uptime_s)
	secs "$t0" "$t1" > "$IMG/$which.dump-secs"
	grep -c '^tick' "$IMG/$which.log" > "$IMG/$which.ticks"
	echo "# $which: dump took $(cat "$IMG/$which.dump-secs") s; its last reading: $(grep '^tick' "$IMG/$which.log" | tail -1)"
	check "the dumped program is gone ($which)" sh -c "! kill -0 $pid 2>/dev/null"
done
check "no clock went back, vDSO and syscall agree, before the dump" \
	sh -c "! grep -h '^back\|^skew' $IMG/ns.log $IMG/host.log"
uptime_s > "$P/boot1-uptime"
echo "# boot 1 powers off at uptime $(cat "$P/boot1-uptime") s"
done_testing
