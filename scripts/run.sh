#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make run: boot to a shell, or with CMD run one command and exit with its
# status, printing only what the command printed.
. "$(dirname "$0")/lib.sh"
need_boot

"$TOP/scripts/build.sh" >&2
"$TOP/scripts/initramfs.sh"
if [ -z "${CMD:-}" ]; then
	exec "$TOP/scripts/qemu.sh" shell
fi
log=$OUT/run.log
"$TOP/scripts/qemu.sh" cmd "$log" "$CMD" || true
tr -d '\r' < "$log" | sed -n '/^# timens-cmd-begin$/,/^# timens-cmd-exit /p' |
	sed -e '1d' -e '/^# timens-cmd-exit /d'
rc=$(tr -d '\r' < "$log" | sed -n 's/^# timens-cmd-exit \([0-9]*\)$/\1/p')
[ -n "$rc" ] || die "the guest did not finish the command; see $log"
exit "$rc"
