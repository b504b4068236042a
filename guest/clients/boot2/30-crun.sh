#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# crun (Debian's crun 1.8): an OCI bundle with a time namespace and the
# run.oci.timens_offset annotation, which crun writes as it is to
# /proc/self/timens_offsets after unshare(CLONE_NEWTIME). The container
# sees the offsets in clock_gettime and /proc/self/timens_offsets.
#
# No PID namespace: crun 1.8.1 cannot combine one with a time namespace,
# on any kernel. It creates the PID namespace with its first clone3(),
# then unshares the time namespace and forks the container's process from
# the one it cloned, which is PID 1 there and exits: the kernel kills the
# container with it ("write to sync socket: Connection reset by peer";
# the same on an upstream 6.18 kernel with Debian's crun).
. /guest/clients/lib.sh
have_timens || skip_all "$NO_TIMENS"
plan 4
echo "# $(crun --version | head -1)"
b=/tmp/crun/bundle
make_rootfs $b/rootfs
mono=86400 boot=172800
cat > $b/config.json <<JSON
{
	"ociVersion": "1.0.2",
	"process": {
		"terminal": false,
		"user": { "uid": 0, "gid": 0 },
		"args": [ "/bin/sh", "-c", "/bin/clockread; /bin/cat /proc/self/timens_offsets" ],
		"env": [ "PATH=/bin" ],
		"cwd": "/"
	},
	"root": { "path": "rootfs" },
	"hostname": "timens-crun",
	"mounts": [
		{ "destination": "/proc", "type": "proc", "source": "proc" },
		{ "destination": "/dev", "type": "tmpfs", "source": "tmpfs",
		  "options": [ "nosuid", "mode=755" ] }
	],
	"annotations": {
		"run.oci.timens_offset": "monotonic $mono 0\nboottime $boot 0"
	},
	"linux": {
		"namespaces": [
			{ "type": "mount" }, { "type": "ipc" }, { "type": "uts" },
			{ "type": "time" }
		]
	}
}
JSON
/guest/clients/clockread > /tmp/crun.before
check "crun run starts the container" sh -c "crun run --bundle $b timens-crun > /tmp/crun.out 2>&1 ||
	{ cat /tmp/crun.out; exit 1; }"
/guest/clients/clockread > /tmp/crun.after
sed 's/^/# in the container: /' /tmp/crun.out
check "its timens_offsets are the annotation's" offsets_are /tmp/crun.out $mono $boot
check "clock_gettime: MONOTONIC +1 day, BOOTTIME +2 days (vDSO, syscall)" \
	clocks_shifted /tmp/crun.out $mono $boot /tmp/crun.before /tmp/crun.after
check "crun leaves no container behind" sh -c "! crun list -q | grep -q timens-crun"
done_testing
