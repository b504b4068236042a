#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# LXC (Debian's lxc 5.0): a busybox container started with lxc-execute and
# the two lxc.time.offset keys sees them in clock_gettime (vDSO and
# system call), /proc/uptime and /proc/self/timens_offsets.
. /guest/clients/lib.sh
have_timens || skip_all "$NO_TIMENS"
plan 4
echo "# $(lxc-execute --version 2>&1 | head -1 | sed 's/^/lxc /')"
dir=/tmp/lxc
make_rootfs $dir/tl/rootfs
# A negative monotonic offset as large as the guest's uptime allows
# (the clock may not read below zero), in whole seconds, at least one.
while [ "$(awk '{ print ($1 < 4) }' /proc/uptime)" = 1 ]; do sleep 1; done
back=$(awk '{ printf "%d", $1 - 3 }' /proc/uptime)
boot=$((10 * 86400))
cat > $dir/tl/config <<CONF
lxc.uts.name = timens-lxc
lxc.rootfs.path = dir:$dir/tl/rootfs
lxc.mount.auto = proc:mixed sys:ro
lxc.net.0.type = none
lxc.apparmor.profile = unconfined
lxc.console.path = none
lxc.tty.max = 0
lxc.pty.max = 0
lxc.time.offset.boot = 240h
lxc.time.offset.monotonic = -${back}s
CONF
/guest/clients/clockread > /tmp/lxc.before
check "lxc-execute runs the container" sh -c "lxc-execute -n tl -P $dir -o $dir/lxc.log -l INFO -- \
	/bin/sh -c '/bin/clockread; /bin/cat /proc/self/timens_offsets /proc/uptime' > /tmp/lxc.out 2>&1 ||
	{ cat /tmp/lxc.out; grep -E 'ERROR|WARN' $dir/lxc.log | tail -20; exit 1; }"
/guest/clients/clockread > /tmp/lxc.after
sed 's/^/# in the container: /' /tmp/lxc.out
check "its timens_offsets are the config's" offsets_are /tmp/lxc.out -$back $boot
check "clock_gettime: MONOTONIC the host's -${back}s, BOOTTIME +10 days (vDSO, syscall)" \
	clocks_shifted /tmp/lxc.out -$back $boot /tmp/lxc.before /tmp/lxc.after
up=$(awk 'NF == 2 && $1 !~ /[a-z]/ { print $1 }' /tmp/lxc.out)
check "/proc/uptime is the host's plus 10 days" within \
	"$(awk -v b=$boot '$1 == "boottime" { printf "%.2f", $3 + b - 0.01 }' /tmp/lxc.before)" \
	"$(awk -v b=$boot '$1 == "boottime" { printf "%.2f", $3 + b + 0.01 }' /tmp/lxc.after)" "$up"
done_testing
