#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# CRIU across a reboot, boot 2: the host's clocks started again near zero.
# criu restore brings back both programs dumped in boot 1, each into a
# time namespace whose offsets make its clocks continue from the dump: no
# reading lower than the last one before the dump, and none ahead of it by
# more than the dump and the restore took (the time the guest was down
# does not count). Their timers are checked by 90-criu-timers.sh.
. /guest/clients/lib.sh
have_timens || skip_all "$NO_TIMENS"
[ -f "$IMG/ns.pid" ] || skip_all "boot 1 dumped nothing"
plan 16
echo "# boot 2: uptime $(uptime_s) s; boot 1 powered off at uptime $(cat "$P/boot1-uptime") s"
for which in ns host; do
	pid=$(cat "$IMG/$which.pid")
	t0=$(uptime_s)
	check "criu restore ($which)" criu_do restore "$IMG/$which" -d
	t1=$(uptime_s)
	took=$(secs "$t0" "$t1")
	echo "# $which: restore took $took s (dump took $(cat "$IMG/$which.dump-secs") s)"
	check "the program runs again as PID $pid ($which)" kill -0 "$pid"
	check "in a time namespace other than the host's ($which)" \
		test "$(readlink /proc/$pid/ns/time)" != "$(readlink /proc/1/ns/time)"
	echo "# $which: offsets after restore: $(tr -s ' \n' ' ;' < /proc/$pid/timens_offsets)"
	# A new task in the restored namespace reads what the offsets say.
	/guest/clients/clockread > /tmp/host.before
	/usr/bin/nsenter -t "$pid" -T /guest/clients/clockread > /tmp/ns.clocks
	/guest/clients/clockread > /tmp/host.after
	sed "s/^/# $which: a new task in its namespace reads: /" /tmp/ns.clocks
	check "a new task in its namespace reads host + offsets ($which)" clocks_shifted /tmp/ns.clocks \
		"$(awk '$1 == "monotonic" { printf "%.9f", $2 + $3 / 1e9 }' /proc/$pid/timens_offsets)" \
		"$(awk '$1 == "boottime" { printf "%.9f", $2 + $3 / 1e9 }' /proc/$pid/timens_offsets)" \
		/tmp/host.before /tmp/host.after
	# a few readings after the restore
	n0=$(grep -c '^tick' "$IMG/$which.log")
	sleep 2
	check "no reading went back ($which)" sh -c "! grep '^back' $IMG/$which.log"
	check "its vDSO and its system call agree ($which)" sh -c "! grep '^skew' $IMG/$which.log"
	# The readings across the dump: the gap lines clockwatch logged
	# (a gap above half a second; at most one per clock and source).
	grep '^gap' "$IMG/$which.log" | sed 's/^/# /'
	check "the clocks continued: no gap above dump + restore + 1 s ($which)" \
		awk -v max="$(awk -v a="$took" -v b="$(cat "$IMG/$which.dump-secs")" 'BEGIN { print a + b + 1 }')" '
			/^gap/ { split($6, g, "="); if (g[2] + 0 > max) { print "gap", g[2], "> max", max; bad = 1 } }
			END { exit bad }' "$IMG/$which.log"
	check "it reads on after the restore ($which)" \
		test "$(grep -c '^tick' "$IMG/$which.log")" -gt "$n0"
	echo "# $which: its first reading after the restore: $(grep '^tick' "$IMG/$which.log" |
		sed -n "$(($(cat "$IMG/$which.ticks") + 1))p")"
done
done_testing
