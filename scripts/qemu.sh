#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot the variant's kernel and initramfs under QEMU (TCG).
#   qemu.sh check LOG        run the suite, console to LOG
#   qemu.sh clients LOG      run the clients' scenarios of the boot that
#                            APPEND names (timens.boot=N), console to LOG
#   qemu.sh shell            interactive shell on this terminal
#   qemu.sh cmd LOG 'CMD'    run CMD, console to LOG
# Environment: TIMEOUT (seconds, default 900), SMP (2), QEMU_EXTRA, APPEND
# (more kernel arguments).
. "$(dirname "$0")/lib.sh"

mode=$1
need_boot
append="console=$CONSOLE panic=-1 $KAPPEND timens.mode=$mode ${APPEND:-}"
# shellcheck disable=SC2206 # QEMU_MACHINE and QEMU_EXTRA are word lists
args=($QEMU_MACHINE -m 1G -smp "${SMP:-2}" -no-reboot -kernel "$OUT/${KIMAGE##*/}"
      -initrd "$OUT/initramfs.cpio.gz" -accel tcg ${QEMU_EXTRA:-})
# The clients' guest: a 9p share that outlives the guest (CRIU's images).
if [ "$CONFIG" = clients ]; then
	mkdir -p "$OUT/persist"
	args+=(-virtfs "local,path=$OUT/persist,mount_tag=persist,security_model=none,id=persist")
fi

case $mode in
shell)
	exec "$QEMU_SYS" "${args[@]}" -nographic -append "$append quiet"
	;;
check|clients|cmd)
	log=$2
	if [ "$mode" = cmd ]; then
		append="$append quiet timens.cmd=$(printf '%s' "$3" | base64 -w0)"
	else
		append="$append ignore_loglevel"
	fi
	rc=0
	timeout --foreground -k 10 "${TIMEOUT:-900}" "$QEMU_SYS" "${args[@]}" \
		-display none -monitor none -serial "file:$log" -append "$append" \
		< /dev/null || rc=$?
	[ $rc = 124 ] && echo "# timens-host: guest timed out after ${TIMEOUT:-900}s" >> "$log"
	exit $rc
	;;
*) die "usage: qemu.sh check LOG | clients LOG | shell | cmd LOG CMD" ;;
esac
