#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the variant, boot it, run the suite in the guest and judge the log.
#
# CONFIG=clients (make check-clients): the real clients' kernel and guest,
# no selftests, booted twice on one 9p share (build/out/<variant>/persist):
# boot 1 checks CRIU and dumps two programs, boot 2 (a fresh kernel, its
# clocks started again near zero) restores them and runs LXC and crun.
# Both boots' console logs are judged together.
. "$(dirname "$0")/lib.sh"
need_boot

mode=check boots=1
if [ "$CONFIG" = clients ]; then
	mode=clients boots=2
	export NO_TESTS=1
fi
"$TOP/scripts/build.sh"
"$TOP/scripts/initramfs.sh"
rm -rf "$OUT/persist"
log=$OUT/console.log
: > "$log"
for boot in $(seq "$boots"); do
	blog=$log what=
	[ "$boots" = 1 ] || blog=$log.$boot what=" ($boot of $boots)"
	note "$VARIANT: booting$what; console in ${blog#$TOP/}"
	start=$SECONDS
	rc=0
	APPEND="timens.boot=$boot" "$TOP/scripts/qemu.sh" "$mode" "$blog" || rc=$?
	note "$VARIANT: guest ran $((SECONDS - start))s (qemu exit $rc)"
	[ "$blog" = "$log" ] || cat "$blog" >> "$log"
done
note "$VARIANT: guest $(tr -d '\r' < "$log" | sed -n 's/^# timens-kernel: //p' | head -1)"
kunit=
# The KUnit suites of the series print KTAP at boot; expect it when built.
grep -q '^CONFIG_TIME_NS_KUNIT_TEST=y' "$OUT/config" && kunit=--expect-kunit
python3 "$TOP/scripts/tap.py" "$log" $kunit --boots "$boots"
