#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the variant's kernel and initramfs under QEMU (TCG).
#   qemu.sh check LOG        run the suite, console to LOG
#   qemu.sh shell            interactive shell on this terminal
#   qemu.sh cmd LOG 'CMD'    run CMD, console to LOG
# Environment: TIMEOUT (seconds, default 900), SMP (2), QEMU_EXTRA, APPEND.
. "$(dirname "$0")/lib.sh"

mode=$1
append="console=ttyS0 panic=-1 tsc=reliable clocksource=tsc timens.mode=$mode ${APPEND:-}"
args=(-m 1G -smp "${SMP:-2}" -no-reboot -kernel "$OUT/bzImage"
      -initrd "$OUT/initramfs.cpio.gz" -accel tcg -cpu max ${QEMU_EXTRA:-})

case $mode in
shell)
	exec qemu-system-x86_64 "${args[@]}" -nographic -append "$append quiet"
	;;
check|cmd)
	log=$2
	if [ "$mode" = cmd ]; then
		append="$append quiet timens.cmd=$(printf '%s' "$3" | base64 -w0)"
	else
		append="$append ignore_loglevel"
	fi
	rc=0
	timeout --foreground -k 10 "${TIMEOUT:-900}" qemu-system-x86_64 "${args[@]}" \
		-display none -monitor none -serial "file:$log" -append "$append" \
		< /dev/null || rc=$?
	[ $rc = 124 ] && echo "# timens-host: guest timed out after ${TIMEOUT:-900}s" >> "$log"
	exit $rc
	;;
*) die "usage: qemu.sh check LOG | shell | cmd LOG CMD" ;;
esac
