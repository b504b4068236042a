#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make compare-faketime, in the guest: the same checks under Debian's
# faketime (libfaketime 0.9.10, an LD_PRELOAD library) and in a time
# namespace in realtime mode (rtns), both faking the wall clock to start
# at 2038-01-20 00:00:00 UTC, then what a clock read costs under each.
#
#   compare.sh DIR     DIR: what scripts/compare-faketime.sh built (/extra)
#
# Prints, for scripts/compare_faketime_table.py:
#   # cmp-info: KEY VALUE...
#   # cmp: CHECK SIDE pass|fail DETAIL      SIDE: faketime or timens
#   # cmp-cost: PROGRAM SIDE REP CALLS NS   SIDE: host, faketime or timens
#   # cmp-done
# A failed check is a result, not an error: the script exits 0 once it
# has run everything.
X=${1:-/extra}
export TZ=UTC

T=2147558400 TSTR='2038-01-20 00:00:00'		# where both clocks start
SET=2147688000 SETSTR='2038-01-21 12:00:00'	# what date -s sets
WINDOW=60		# a reading of T + up to this many seconds is faked
DATE=$X/date		# Debian's coreutils date (dynamic)
NCALLS=100000		# per cost measurement
REPS=3

# Debian's faketime where Debian installs it: the wrapper preloads
# /usr/$LIB/faketime/libfaketime.so.1. File by file, what the guest lacks:
# its C library (util-linux's, the same file) stays as it is (busybox's
# cp -n skips a directory that exists instead of merging it).
(cd "$X/root" && find . -type f) | while read -r f; do
	[ -e "/$f" ] && continue
	mkdir -p "/${f%/*}"
	cp -p "$X/root/$f" "/$f"
done
# The wrapper shares the start time between the processes it runs through
# a POSIX semaphore and shared memory (/dev/shm), which the guest lacks.
mkdir -p /dev/shm
mount -t tmpfs -o mode=1777 tmpfs /dev/shm

emit() { echo "# cmp: $1 $2 $3 $4"; }
info() { echo "# cmp-info: $*"; }
hdate() { date -u -d "@$1" '+%F %T'; }
oneline() { printf '%s' "$1" | tr '\n' ' ' | cut -c1-160; }
# The real clock (by system call, from a static program outside any
# faking): whole seconds.
real_now() { "$X/clockcheck-static" host | sed 's/^rt=\([0-9]*\).*/\1/'; }

faketime_run() { faketime -f "@$TSTR" "$@"; }
timens_run() { /usr/bin/rtns -u -t "$T" "$@"; }

info kernel "$(uname -r) $(uname -m)"
info start "$T $TSTR"
info set "$SET $SETSTR"
info calls "$NCALLS $REPS"
while read -r k v; do info "$k" "$v"; done < "$X/versions"

# Can each side fake at all? A kernel without realtime mode refuses the
# realtime line (EINVAL): every namespace check fails with rtns' reason,
# none runs.
skip_faketime= skip_timens=
out=$(faketime_run true 2>&1) || skip_faketime="faketime does not run: $(oneline "$out")"
out=$(timens_run true 2>&1) || {
	skip_timens=$(oneline "${out#rtns: }")
	[ -n "$skip_timens" ] || skip_timens="rtns failed"
	info timens-unavailable "$skip_timens"
}

# judge CHECK SIDE RC OUTPUT: OUTPUT is KEY=SECONDS[.FRACTION] words. Pass
# when each reads T to T + WINDOW; "not faked" when each is the real time.
judge() {
	check=$1 side=$2 rc=$3 out=$4
	case $out in
	*=[0-9]*) ;;
	*) emit "$check" "$side" fail "no reading (exit $rc): $(oneline "$out")"; return ;;
	esac
	real=$(real_now)
	faked= notfaked= wrong= first=
	for kv in $out; do
		k=${kv%%=*} s=${kv#*=}
		s=${s%%.*}
		case $s in ''|*[!0-9]*) wrong="$wrong $kv"; continue ;; esac
		[ -n "$first" ] || first=$s
		if [ "$s" -ge "$T" ] && [ "$s" -lt $((T + WINDOW)) ]; then
			faked="$faked $k"
		elif [ "$s" -ge $((real - WINDOW)) ] && [ "$s" -le $((real + WINDOW)) ]; then
			notfaked="$notfaked $k"
		else
			wrong="$wrong $k=$(hdate "$s")"
		fi
	done
	if [ "$rc" != 0 ]; then
		emit "$check" "$side" fail "exit $rc: $(oneline "$out")"
	elif [ -z "$notfaked$wrong" ]; then
		emit "$check" "$side" pass "reads $(hdate "$first")"
	elif [ -z "$faked$wrong" ]; then
		emit "$check" "$side" fail "not faked: reads the real time, $(hdate "$first")"
	else
		emit "$check" "$side" fail "faked:${faked:- none}; not faked:${notfaked:- none}; wrong:${wrong:- none}"
	fi
}

# abssleep SIDE RUNNER: clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME) to
# the faked now + 2 s must take 2 s of real time: not the size of the fake
# offset (a deadline taken as the host's time), not nothing.
abssleep() {
	side=$1 runner=$2
	out=$($runner timeout 10 "$X/clockcheck" abssleep 2 2>&1)
	rc=$?
	case $out in
	start=*) ;;
	*) emit abs-sleep "$side" fail "still asleep after 10 s, killed (exit $rc): $(oneline "$out")"; return ;;
	esac
	set -- $out
	start=${1#start=} deadline=${2#deadline=} woke=${3#woke=} nrc=${4#rc=} real=${5#real=}
	s=${start%%.*}
	verdict=$(awk -v r="$real" 'BEGIN { print (r < 1.9) ? "early" : (r > 3) ? "late" : "ok" }')
	what="woke after $(printf '%.2f' "$real") s of real time; its clock read $(hdate "${woke%%.*}")"
	if [ "$nrc" != 0 ]; then
		emit abs-sleep "$side" fail "clock_nanosleep returned $nrc"
	elif [ "$s" -lt "$T" ] || [ "$s" -ge $((T + WINDOW)) ]; then
		emit abs-sleep "$side" fail "not faked: slept until $(hdate "${deadline%%.*}"); $what"
	elif [ "$verdict" = early ]; then
		emit abs-sleep "$side" fail "woke too early: $what"
	elif [ "$verdict" = late ]; then
		emit abs-sleep "$side" fail "woke too late: $what"
	else
		emit abs-sleep "$side" pass "$what"
	fi
}

# dateset SIDE RUNNER: date -s in the faked environment, then date again
# in it. Only the faked clock may move: a task outside reads the real
# clock before and after, against CLOCK_MONOTONIC. A moved real clock is
# put back, for the checks after this one.
dateset() {
	side=$1 runner=$2
	set -- $("$X/clockcheck-static" host)
	rt0=${1#rt=} mono0=${2#mono=}
	out=$($runner sh -c '"$0" -s "$1" >/dev/null && "$0" +%s' "$DATE" "$SETSTR" 2>&1)
	rc=$?
	set -- $("$X/clockcheck-static" host)
	moved=$(awk -v a="$rt0" -v b="${1#rt=}" -v c="$mono0" -v d="${2#mono=}" \
		'BEGIN { m = (b - a) - (d - c); printf "%+.3f", (m > -0.0005 && m < 0.0005) ? 0 : m }')
	host="the real clock moved by $moved s"
	big=$(awk -v m="$moved" 'BEGIN { print (m < -1 || m > 1) ? 1 : 0 }')
	if [ "$big" = 1 ]; then
		host="moved the guest's real clock by $moved s (put back)"
		"$X/clockcheck-static" restore "$rt0" "$mono0" >/dev/null
	fi
	s=${out%%.*}
	case $s in ''|*[!0-9]*) s= ;; esac
	if [ -z "$s" ]; then
		then=$(oneline "$out")
	elif [ "$s" -ge "$T" ] && [ "$s" -lt $((T + WINDOW)) ]; then
		then="the faked clock did not move: date then read $(hdate "$s")"
	else
		then="date then read $(hdate "$s")"
	fi
	if [ "$rc" != 0 ]; then
		emit date-set "$side" fail "date -s failed (exit $rc: $(oneline "$out")); $host"
	elif [ "$big" = 1 ]; then
		emit date-set "$side" fail "date -s $host; $then"
	elif [ -z "$s" ] || [ "$s" -lt "$SET" ] || [ "$s" -ge $((SET + WINDOW)) ]; then
		emit date-set "$side" fail "$then; $host"
	else
		emit date-set "$side" pass "$then; $host"
	fi
}

for side in faketime timens; do
	eval "skip=\$skip_$side"
	runner=${side}_run
	if [ -n "$skip" ]; then
		for check in c-dynamic c-static go date date-busybox abs-sleep date-set; do
			emit "$check" "$side" fail "$skip"
		done
		continue
	fi
	out=$($runner "$X/clockcheck" read 2>&1); rc=$?
	judge c-dynamic "$side" "$rc" "$out"
	out=$($runner "$X/clockcheck-static" read 2>&1); rc=$?
	judge c-static "$side" "$rc" "$out"
	out=$($runner "$X/gonow" read 2>&1); rc=$?
	judge go "$side" "$rc" "$out"
	out=$($runner "$DATE" +%s.%N 2>&1); rc=$?
	judge date "$side" "$rc" "date=$out"
	out=$($runner /bin/date +%s 2>&1); rc=$?
	judge date-busybox "$side" "$rc" "date=$out"
	abssleep "$side" "$runner"
	dateset "$side" "$runner"
done

# The cost of a clock read, in guest nanoseconds (instructions under
# -icount shift=0): each program alone, under faketime, in the namespace.
plain_run() { "$@"; }
for rep in $(seq "$REPS"); do
	for prog in c-dynamic c-static go; do
		case $prog in
		c-dynamic) bin=$X/clockcheck ;;
		c-static) bin=$X/clockcheck-static ;;
		go) bin=$X/gonow ;;
		esac
		for side in host faketime timens; do
			eval "skip=\${skip_$side:-}"	# no skip_host: empty
			[ -z "$skip" ] || continue
			runner=${side}_run
			[ "$side" != host ] || runner=plain_run
			out=$($runner "$bin" bench "$NCALLS" 2>&1)
			set -- $out
			if [ "$1" = bench ]; then
				echo "# cmp-cost: $prog $side $rep ${2#calls=} ${3#ns=}"
			else
				echo "# cmp-cost-error: $prog $side $rep $(oneline "$out")"
			fi
		done
	done
done
echo "# cmp-done"
