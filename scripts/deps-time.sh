#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make deps-time: how long a fresh CI machine spends in apt-get, the part
# of .ci/run that a clone on a machine with the packages already installed
# does not show. Debian 12 minbase is bootstrapped into build/deps-time
# (debootstrap, from the machine's own Debian mirror), given what a new
# machine of this kind already has (build-essential, git, python3), and
# then scripts/deps.sh runs inside it for each of .ci/run's lanes in turn,
# as make check would on that machine. Prints the seconds per lane and in
# all; the chroot is removed afterwards. Needs root; not part of CI.
# debootstrap comes from make deps (DEPS_TIME=1).
. "$(dirname "$0")/lib.sh"
[ "$(id -u)" = 0 ] || die "deps-time: needs root (debootstrap, chroot)"

dir=$BUILD/deps-time
root=$dir/root
mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources | head -n1)
[ -n "$mirror" ] || die "deps-time: no Debian mirror in /etc/apt/sources.list.d/debian.sources"

cleanup() {
	for m in project dev proc; do
		mountpoint -q "$root/$m" && umount "$root/$m"
	done
	rm -rf "$root"
}
cleanup
trap cleanup EXIT
mkdir -p "$dir"

debootstrap --variant=minbase bookworm "$root" "$mirror" >"$dir/debootstrap.log" 2>&1 ||
	die "debootstrap failed: $dir/debootstrap.log"
rm -f "$root/etc/apt/sources.list"
cp /etc/apt/sources.list.d/debian.sources "$root/etc/apt/sources.list.d/"
cp /etc/resolv.conf "$root/etc/"
mount --bind /proc "$root/proc"
mount --bind /dev "$root/dev"
mkdir -p "$root/project"
mount --bind "$TOP" "$root/project"
mount -o remount,bind,ro "$root/project"

in_root() {
	chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
		DEBIAN_FRONTEND=noninteractive "$@"
}
in_root bash -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends \
	build-essential git python3 ca-certificates' >"$dir/preinstalled.log" 2>&1 ||
	die "the preinstalled set did not install: $dir/preinstalled.log"

# .ci/run's lanes, in its order; each line: a label and deps.sh's environment
total=0
while read -r label envs; do
	t0=$(date +%s)
	# shellcheck disable=SC2086 # envs is a list of NAME=VALUE words
	in_root env $envs /project/scripts/deps.sh >>"$dir/deps.log" 2>&1 ||
		die "deps.sh failed for $label: $dir/deps.log"
	t=$(( $(date +%s) - t0 ))
	total=$((total + t))
	printf 'deps-time: %-12s %4d s\n' "$label" "$t"
done <<'EOF'
x86_64 ARCH=x86_64
debug ARCH=x86_64 CONFIG=debug
clients ARCH=x86_64 CONFIG=clients
arm64 ARCH=arm64
riscv64 ARCH=riscv64
s390 ARCH=s390
powerpc ARCH=powerpc
powerpc64le ARCH=powerpc64le
loongarch ARCH=loongarch
EOF
printf 'deps-time: %-12s %4d s\n' total "$total"
