#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# util-linux against the kernel's time namespaces, as an admin runs it:
# unshare --time with --monotonic/--boottime, and nsenter --time.
. /guest/lib/tap.sh

if [ "$(cat /guest/timens-abi)" != yes ]; then
	echo "1..0 # SKIP no time namespaces at this point of the series or in this config (see e2e/feature)"
	exit 4
fi

UNSHARE=/usr/bin/unshare
NSENTER=/usr/bin/nsenter
DAY=86400


plan 9

host=$(cut -d. -f1 /proc/uptime)
up=$($UNSHARE --time --fork --boottime $((10 * DAY)) cut -d. -f1 /proc/uptime)
check "unshare --boottime 10d: /proc/uptime is $up, host $host" \
	test "$up" -ge $((host + 10 * DAY)) -a "$up" -le $((host + 10 * DAY + 30))

out=$($UNSHARE --time --fork --monotonic 12345 --boottime $((2 * DAY)) \
	cat /proc/self/timens_offsets)
# The child reads the offsets of its own children's namespace: the same.
check "offsets are visible in the namespace" \
	sh -c 'echo "$1" | grep -Eq "^monotonic +12345 +0$" &&
	       echo "$1" | grep -Eq "^boottime +172800 +0$"' - "$out"

host_ns=$(readlink /proc/self/ns/time)
inner=$($UNSHARE --time --fork readlink /proc/self/ns/time)
check "the child lives in a new time namespace ($inner, host $host_ns)" \
	test -n "$inner" -a "$inner" != "$host_ns"

up=$($UNSHARE --time --fork --boottime -1 cut -d. -f1 /proc/uptime)
check "a negative boottime offset: uptime $up below host $host + 30" \
	test "$up" -lt $((host + 30)) -a "$up" -ge $((host - 2))

$UNSHARE --time --fork --boottime -$((host + 100000)) true 2>/tmp/err
rc=$?
check "an offset that makes boottime negative is refused (rc $rc)" test $rc -ne 0
check "... with ERANGE: $(cat /tmp/err)" grep -q "Numerical result out of range" /tmp/err

# nsenter --time joins a running namespace.
rm -f /tmp/child.pid
$UNSHARE --time --fork --boottime $((5 * DAY)) \
	sh -c 'echo $$ > /tmp/child.pid; exec sleep 60' &
parent=$!
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -s /tmp/child.pid ] && break
	sleep 0.2
done
child=$(cat /tmp/child.pid)
up=$($NSENTER --time --target "$child" cut -d. -f1 /proc/uptime)
check "nsenter --time -t $child: /proc/uptime $up has the 5d offset" \
	test "$up" -ge $((host + 5 * DAY)) -a "$up" -le $((host + 5 * DAY + 60))
ns=$($NSENTER --time --target "$child" readlink /proc/self/ns/time)
check "nsenter --time joins the target's namespace ($ns)" \
	test -n "$ns" -a "$ns" = "$(readlink /proc/$child/ns/time)" -a "$ns" != "$host_ns"
kill "$child" "$parent" 2>/dev/null
wait 2>/dev/null

up=$($UNSHARE --user --map-root-user --time --fork --boottime $DAY \
	cut -d. -f1 /proc/uptime)
check "in a new user namespace: uptime $up has the 1d offset" \
	test "$up" -ge $((host + DAY)) -a "$up" -le $((host + DAY + 60))

done_testing
