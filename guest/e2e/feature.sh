#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Does the kernel have time namespaces exactly when its config says so?
#
# At the series' first patch (the upstream code removed) CLONE_NEWTIME must
# be refused and /proc/PID/ns/time absent; from the patch that adds ours on,
# both must be there. Checked with util-linux, as a user would.
. /guest/lib/tap.sh

if grep -q '^CONFIG_TIME_NS=y' /guest/kernel.config; then
	plan 3
	check "/proc/self/ns/time exists" test -e /proc/self/ns/time
	check "/proc/self/ns/time_for_children exists" test -e /proc/self/ns/time_for_children
	check "/usr/bin/unshare --time --fork true succeeds" /usr/bin/unshare --time --fork true
else
	plan 4
	check "/proc/self/ns/time is absent" test ! -e /proc/self/ns/time
	check "/proc/self/timens_offsets is absent" test ! -e /proc/self/timens_offsets
	out=$(/usr/bin/unshare --time --fork true 2>&1)
	check "unshare --time fails" test $? -ne 0
	check "unshare --time fails with EINVAL ($out)" \
		sh -c 'echo "$1" | grep -q "Invalid argument"' - "$out"
fi
done_testing
