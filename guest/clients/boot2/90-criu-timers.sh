#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# CRIU across a reboot, boot 2, last: the timers the restored programs
# armed in boot 1 (an absolute CLOCK_MONOTONIC timerfd and an absolute
# clock_nanosleep on CLOCK_BOOTTIME, TIMER_SECS ahead in the task's time)
# fire at their time namespace's deadline: not early, and not the hours
# late that a deadline read against the host's restarted clocks would be
# (for the timerfd: the deadline criu re-armed, see below).
. /guest/clients/lib.sh
have_timens || skip_all "$NO_TIMENS"
[ -f "$IMG/ns.pid" ] || skip_all "boot 1 dumped nothing"
# late by at most this many seconds (TCG, two busy vCPUs)
LATE_MAX=5
plan 8
for which in ns host; do
	log=$IMG/$which.log
	waited=0
	while ! grep -q '^done' "$log" && [ $waited -lt $((TIMER_SECS + 60)) ]; do
		sleep 1
		waited=$((waited + 1))
	done
	grep -E '^(armed|timerfd|nanosleep|done)' "$log" | sed "s/^/# $which: /"
	check "nanosleep fired at its namespace deadline, within ${LATE_MAX}s ($which)" awk -v max=$LATE_MAX '
		$1 == "nanosleep" { split($4, l, "="); late = l[2] / 1e9; seen = 1 }
		END {
			if (!seen) { print "nanosleep never fired"; exit 1 }
			if (late < 0 || late > max) { print "nanosleep late by", late, "s"; exit 1 }
		}' "$log"
	# criu 3.17 re-arms an absolute timerfd at the time left at the dump
	# plus the whole seconds of the clock it reads at restore: it drops
	# the nanoseconds (criu/pie/restorer.c, timerfd_arm(): "we don't
	# adjust nanoseconds ... FIXME"), on any kernel. Its log says what it
	# armed: the kernel must fire then, and what it armed must be the
	# program's deadline less under a second (or later by what the dump
	# and the restore took: the time left was read during the dump).
	armed=$(sed -n 's/.*Adjust id .* -> it_value(\([0-9]*\), \([0-9]*\)).*/\1 \2/p' \
		"$IMG/$which/restore.log" | awk '{ printf "%.9f", $1 + $2 / 1e9 }')
	echo "# $which: criu re-armed the timerfd for $armed"
	check "timerfd fired when criu re-armed it, within ${LATE_MAX}s ($which)" awk -v max=$LATE_MAX -v armed="$armed" '
		$1 == "timerfd" { split($3, n, "="); late = n[2] - armed; seen = 1 }
		END {
			if (!seen || armed == "") { print "timerfd never fired, or criu did not log it"; exit 1 }
			if (late < 0 || late > max) { print "timerfd late by", late, "s"; exit 1 }
		}' "$log"
	check "criu re-armed it near its namespace deadline (-1 s to +${LATE_MAX} s) ($which)" \
		awk -v armed="$armed" -v max=$LATE_MAX '
		$1 == "armed" { split($2, d, "="); early = d[2] - armed }
		END { if (early >= 1 || early < -max) { print "armed", early, "s before the deadline"; exit 1 } }' "$log"
	check "the program ended on its own with no clock gone back ($which)" grep -qx 'done back=0' "$log"
done
done_testing
