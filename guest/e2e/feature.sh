#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Does the kernel offer time namespaces exactly when it should, all of the
# ABI or none of it?
#
# Before the patch that enables them (and in a kernel without
# CONFIG_TIME_NS) CLONE_NEWTIME must be refused with EINVAL and no /proc
# file may hint at them; from that patch on, all must be there. The host
# decides which to expect (/guest/timens-abi). Checked with util-linux, as
# a user would.
. /guest/lib/tap.sh

if [ "$(cat /guest/timens-abi)" = yes ]; then
	plan 5
	check "/proc/self/ns/time exists" test -e /proc/self/ns/time
	check "/proc/self/ns/time_for_children exists" test -e /proc/self/ns/time_for_children
	check "/proc/self/timens_offsets exists" test -e /proc/self/timens_offsets
	check "/usr/bin/unshare --time --fork true succeeds" /usr/bin/unshare --time --fork true
	check "nsenter --time -t 1 succeeds" /usr/bin/nsenter --time -t 1 true
else
	plan 6
	check "/proc/self/ns/time is absent" test ! -e /proc/self/ns/time
	check "/proc/self/ns/time_for_children is absent" test ! -e /proc/self/ns/time_for_children
	check "/proc/self/timens_offsets is absent" test ! -e /proc/self/timens_offsets
	out=$(/usr/bin/unshare --time --fork true 2>&1)
	check "unshare --time fails" test $? -ne 0
	check "unshare --time fails with EINVAL ($out)" \
		sh -c 'echo "$1" | grep -q "Invalid argument"' - "$out"
	check "nsenter --time -t 1 fails" sh -c '! /usr/bin/nsenter --time -t 1 true 2>/dev/null'
fi
done_testing
