#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: the cost of clock_gettime(), gettimeofday() and time() on four
# kernels, under QEMU with -icount shift=0,sleep=off -smp 1 (a guest
# nanosecond is one instruction):
#   (a) the series' first patch alone: no time namespaces at all,
#   (b) Debian's tree as shipped, with the upstream implementation,
#   (c) the whole series,
#   (d) the series without its realtime-mode patches (SERIES=$BASE_RT).
# Same config for all four. Output: a table on stdout and in
# build/bench/table.txt, and build/bench/results.json (build/bench-ARCH/
# for another ARCH: arm64 boots qemu-system-aarch64 the same way).
. "$(dirname "$0")/lib.sh"
need_boot

dir=$BUILD/bench
[ "$ARCH" = x86_64 ] || dir=$BUILD/bench-$ARCH
mkdir -p "$dir/extra"

# The series as it was before realtime mode: its first BASE_RT patches
# (realtime mode's patches come after them). Kernel (d), which the second
# table compares (c) with.
BASE_RT=32

# One binary for all four guests; parse_vdso.c is the kernel's own helper.
vdso_dir=$TREE/tools/testing/selftests/vDSO
"${CROSS}gcc" -O2 -static -Wall -Werror -I"$vdso_dir" -o "$dir/extra/clockbench" \
	"$TOP/guest/bench/clockbench.c" "$vdso_dir/parse_vdso.c"

for s in all 1 none "$BASE_RT"; do
	note "bench: SERIES=$s"
	# The kernels only: no test programs (upstream's tree, (b), has
	# timens tests that do not build as x32 programs)
	SERIES=$s NO_TESTS=1 EXTRA=$dir/extra SMP=1 QEMU_EXTRA='-icount shift=0,sleep=off' \
		CMD=/extra/clockbench "$TOP/scripts/run.sh" > "$dir/raw-$s.txt" ||
		die "bench: SERIES=$s failed; see $dir/raw-$s.txt"
done

python3 "$TOP/scripts/bench_table.py" --base-rt "$BASE_RT" "$dir/raw-1.txt" \
	"$dir/raw-none.txt" "$dir/raw-all.txt" "$dir/raw-$BASE_RT.txt" \
	"$dir/results.json" | tee "$dir/table.txt"
