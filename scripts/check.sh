#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the variant, boot it, run the suite in the guest and judge the log.
. "$(dirname "$0")/lib.sh"
need_boot

"$TOP/scripts/build.sh"
"$TOP/scripts/initramfs.sh"
log=$OUT/console.log
note "$VARIANT: booting; console in ${log#$TOP/}"
start=$SECONDS
rc=0
"$TOP/scripts/qemu.sh" check "$log" || rc=$?
note "$VARIANT: guest ran $((SECONDS - start))s (qemu exit $rc)"
note "$VARIANT: guest $(tr -d '\r' < "$log" | sed -n 's/^# timens-kernel: //p' | head -1)"
kunit=
# The KUnit suites of the series print KTAP at boot; expect it when built.
grep -q '^CONFIG_TIME_NS_KUNIT_TEST=y' "$OUT/config" && kunit=--expect-kunit
python3 "$TOP/scripts/tap.py" "$log" $kunit
