#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check-clients: the real clients on the series. Builds the clients'
# kernel (config/clients.config) and guest (Debian's criu, lxc and crun),
# then boots it twice on one 9p share (build/out/<variant>/persist):
# boot 1 checks CRIU and dumps two programs, boot 2 (a fresh kernel, its
# clocks started again near zero) restores them and runs LXC and crun.
# Both console logs are judged together.
CONFIG=clients
export CONFIG NO_TESTS=1
. "$(dirname "$0")/lib.sh"
need_boot

"$TOP/scripts/build.sh"
"$TOP/scripts/initramfs.sh"
rm -rf "$OUT/persist"
log=$OUT/console.log
: > "$log"
for boot in 1 2; do
	note "$VARIANT: boot $boot; console in ${log#$TOP/}.$boot"
	start=$SECONDS
	rc=0
	APPEND="timens.boot=$boot" "$TOP/scripts/qemu.sh" clients "$log.$boot" || rc=$?
	note "$VARIANT: boot $boot ran $((SECONDS - start))s (qemu exit $rc)"
	cat "$log.$boot" >> "$log"
done
note "$VARIANT: guest $(tr -d '\r' < "$log" | sed -n 's/^# timens-kernel: //p' | head -1)"
python3 "$TOP/scripts/tap.py" "$log" --boots 2
