#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# CRIU across a reboot, boot 2, last: the timers the restored programs
# armed in boot 1 (an absolute CLOCK_MONOTONIC timerfd and an absolute
# clock_nanosleep on CLOCK_BOOTTIME, TIMER_SECS ahead in the task's time)
# fire at their time namespace's deadline: not early, and not the hours
# late that a deadline read against the host's restarted clocks would be.
. /guest/clients/lib.sh
have_timens || skip_all "$NO_TIMENS"
[ -f "$IMG/ns.pid" ] || skip_all "boot 1 dumped nothing"
# late by at most this many seconds (TCG, two busy vCPUs)
LATE_MAX=5
plan 6
for which in ns host; do
	log=$IMG/$which.log
	waited=0
	while ! grep -q '^done' "$log" && [ $waited -lt $((TIMER_SECS + 60)) ]; do
		sleep 1
		waited=$((waited + 1))
	done
	grep -E '^(armed|timerfd|nanosleep|done)' "$log" | sed "s/^/# $which: /"
	for timer in timerfd nanosleep; do
		check "$timer fired at its namespace deadline, within ${LATE_MAX}s ($which)" awk -v t=$timer -v max=$LATE_MAX '
			$1 == t { split($4, l, "="); late = l[2] / 1e9; seen = 1 }
			END {
				if (!seen) { print t, "never fired"; exit 1 }
				if (late < 0 || late > max) { print t, "late by", late, "s"; exit 1 }
			}' "$log"
	done
	check "the program ended on its own with no clock gone back ($which)" grep -qx 'done back=0' "$log"
done
done_testing
