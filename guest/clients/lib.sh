# SPDX-License-Identifier: GPL-2.0
# Shared by the clients' scenarios (make check-clients). Sourced.
. /guest/lib/tap.sh

# The 9p share that survives the guest's reboot (guest/init mounts it).
P=/persist
# What CRIU's scenario keeps there: the images of each watched program
# (ns: started in a time namespace of its own, host: started in the
# host's), their clockwatch logs, and the dump's timings.
IMG=$P/criu
# The timers clockwatch arms, seconds ahead in the task's time.
TIMER_SECS=120

uptime_s() { cut -d' ' -f1 /proc/uptime; }
# seconds between two uptime_s readings
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# criu_do ACTION DIR CRIU-ARGS...: criu ACTION with images and its log
# (ACTION.log) in DIR; on failure show the log's errors.
criu_do() {
	action=$1 dir=$2
	shift 2
	criu "$action" -D "$dir" -o "$action.log" -v4 "$@" && return 0
	rc=$?
	grep -E 'Error|Warn' "$dir/$action.log" | tail -20
	return $rc
}

# Whether this kernel offers time namespaces at all; the scenarios skip
# with this reason where it does not (SERIES=1: the series' first patch
# removed them).
have_timens() { [ -e /proc/self/ns/time ]; }
NO_TIMENS="no time namespaces in this kernel (/proc/self/ns/time missing)"

# make_rootfs DIR: a busybox rootfs for a container, with clockread.
make_rootfs() {
	mkdir -p "$1"/bin "$1"/proc "$1"/sys "$1"/dev "$1"/tmp "$1"/etc
	cp /bin/busybox /guest/clients/clockread "$1"/bin/
	for a in sh cat sleep grep; do ln -sf busybox "$1/bin/$a"; done
}

# within LO HI VALUE: LO <= VALUE <= HI, as numbers (prints why not)
within() {
	awk -v lo="$1" -v hi="$2" -v v="$3" 'BEGIN {
		if (v + 0 < lo + 0 || v + 0 > hi + 0) { print v, "not within", lo, hi; exit 1 } }'
}

# clocks_shifted FILE OFFSET_MONO OFFSET_BOOT BEFORE AFTER: the readings
# clockread printed in FILE (inside a container) are the host's, taken
# between the clockread runs BEFORE and AFTER (files), plus the offsets.
clocks_shifted() {
	for clk in monotonic boottime; do
		off=$2
		[ $clk = monotonic ] || off=$3
		lo=$(awk -v c=$clk -v o="$off" '$1 == c { printf "%.9f", $3 + o }' "$4")
		hi=$(awk -v c=$clk -v o="$off" '$1 == c { printf "%.9f", $3 + o }' "$5")
		for field in 2 3; do
			v=$(awk -v c=$clk -v f=$field '$1 == c { print $f }' "$1")
			within "$lo" "$hi" "$v" || { echo "$clk (field $field)"; return 1; }
		done
	done
}

# offsets_are FILE MONO BOOT: FILE holds timens_offsets' two lines with
# these offsets in seconds (and no nanoseconds).
offsets_are() {
	awk -v m="$2" -v b="$3" '
		$1 == "monotonic" && $2 == m && $3 == 0 { ok++ }
		$1 == "boottime" && $2 == b && $3 == 0 { ok++ }
		END { if (ok != 2) { print "want monotonic", m, "boottime", b; exit 1 } }' "$1"
}
