#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A container's own date: "date -s" as the root of an unprivileged user
# namespace (unshare --user --map-root-user), in a time namespace with a
# realtime offset (rtns, since util-linux 2.38's unshare cannot write one
# before the namespace is entered). Only the namespace's clock moves: the
# host's does not, and neither does the RTC (hwclock --systohc is refused).
# Without the realtime line nothing changes: date -s there needs the host's
# CAP_SYS_TIME, which the user namespace's root does not have.
#
# Before the patch that enables realtime mode the kernel must refuse the
# realtime line with EINVAL and leave everything as it was; the host says
# which to expect (/guest/timens-realtime).
. /guest/lib/tap.sh

[ "$(cat /guest/timens-abi)" = yes ] || skip_all "no time namespaces at this point of the series"

UNPRIV="/usr/bin/unshare --user --map-root-user"
FAKE="2038-01-20 12:00:00"
FAKE_EPOCH=2147601600

# The host's clock has not moved if it still agrees with CLOCK_MONOTONIC:
# the difference of the two, in seconds, before and after.
real_minus_mono() {
	echo $(( $(date +%s) - $(cut -d. -f1 /proc/uptime) ))
}
host_unmoved() {
	now=$(real_minus_mono)
	[ $((now - $1)) -ge -2 ] && [ $((now - $1)) -le 2 ] ||
		{ echo "host clock moved: real - uptime was $1, now $now"; return 1; }
}

base=$(real_minus_mono)
if [ "$(cat /guest/timens-realtime)" = no ]; then
	plan 2
	out=$(rtns -r 86400 -- true 2>&1)
	check "a realtime line is refused with EINVAL ($out)" \
		sh -c 'echo "$1" | grep -q "EINVAL"' - "$out"
	check "the host's clock did not move" host_unmoved "$base"
	done_testing
fi

plan 11
out=$($UNPRIV rtns -r 0 -- sh -c "cat /proc/self/timens_offsets; date -s '$FAKE' >/dev/null && date +%s" 2>&1)
echo "$out" | sed 's/^/# /'
check "timens_offsets shows the realtime line" \
	sh -c 'echo "$1" | grep -Eq "^realtime +0 +0$"' - "$out"
ns_now=$(echo "$out" | tail -1)
check "date -s as user-namespace root set the namespace's date ($ns_now)" \
	sh -c '[ "$1" -ge "$2" ] && [ "$1" -le $(($2 + 5)) ]' - "$ns_now" "$FAKE_EPOCH"
check "the host's clock did not move" host_unmoved "$base"

# The clock keeps running from the date set, and the namespace's other
# clocks do not follow it.
out=$($UNPRIV rtns -r 0 -- sh -c "date -s '$FAKE' >/dev/null; sleep 1; date +%s; cut -d. -f1 /proc/uptime" 2>&1)
t=$(echo "$out" | sed -n 1p)
up=$(echo "$out" | sed -n 2p)
check "the namespace's clock runs on from the date set ($t)" \
	sh -c '[ "$1" -ge $(($2 + 1)) ] && [ "$1" -le $(($2 + 5)) ]' - "$t" "$FAKE_EPOCH"
check "its uptime is the host's ($up)" \
	sh -c '[ $(( $(cut -d. -f1 /proc/uptime) - $1 )) -le 2 ]' - "$up"

# A nested namespace starts from its parent's date.
out=$($UNPRIV rtns -r 0 -- sh -c "date -s '$FAKE' >/dev/null; /usr/bin/unshare --time --fork date +%s" 2>&1)
t=$(echo "$out" | sed -n 1p)
check "a nested namespace inherits the date ($t)" \
	sh -c '[ "$1" -ge "$2" ] && [ "$1" -le $(($2 + 5)) ]' - "$t" "$FAKE_EPOCH"

# Without the capability over the namespace's owner: refused.
out=$(rtns -r 86400 -- sh -c "/usr/bin/unshare --user date -s '$FAKE'" 2>&1)
check "date -s without CAP_SYS_TIME over the owner fails ($out)" \
	sh -c 'echo "$1" | grep -qi "not permitted"' - "$out"

# Without a realtime line: the host's rules, the host's clock.
out=$($UNPRIV /usr/bin/unshare --time --fork date -s "$FAKE" 2>&1)
check "without a realtime line, date -s is refused ($out)" \
	sh -c 'echo "$1" | grep -qi "not permitted"' - "$out"
check "the host's clock did not move" host_unmoved "$base"

# hwclock --systohc would write the namespace's date into the hardware.
if [ -e /dev/rtc0 ]; then
	out=$(rtns -r 86400 -- sh -c 'hwclock -w; echo "rc=$?"' 2>&1)
	check "hwclock -w in the namespace is refused ($out)" \
		sh -c 'echo "$1" | grep -q "not permitted" && ! echo "$1" | grep -q "rc=0"' - "$out"
	check "hwclock -w on the host works" hwclock -w
else
	skip "hwclock -w in the namespace is refused" "no /dev/rtc0 in this guest"
	skip "hwclock -w on the host works" "no /dev/rtc0 in this guest"
fi
done_testing
