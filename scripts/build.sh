#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build one variant: kernel image, sanitized uapi headers and the in-guest
# test programs, into build/out/<series>-<config>/.
#
# Nothing is rebuilt when neither the source nor the config fragments changed
# since the last successful build of this variant.
. "$(dirname "$0")/lib.sh"

SRC=$(variant_src)
mkdir -p "$OBJ" "$OUT"
mapfile -t frags < <(arch_frags)

state() {
	git -C "$SRC" rev-parse HEAD
	git -C "$SRC" diff HEAD
	(cd "$SRC" && git ls-files -o --exclude-standard -z | xargs -0r sha256sum)
	echo "$ARCH ${NO_TESTS:-}"
	cat "${frags[@]}" "$TOP/scripts/build.sh" "$TOP/guest/selftests.list"
}
key=$(state | sha256sum | cut -d' ' -f1)
if [ -f "$OUT/.stamp" ] && [ "$(cat "$OUT/.stamp")" = "$key" ] && [ -f "$OUT/${KIMAGE##*/}" ]; then
	note "$VARIANT: up to date"
	exit 0
fi
rm -f "$OUT/.stamp"

kmake() { make -s -C "$SRC" O="$OBJ" ARCH="$KARCH" CROSS_COMPILE="$CROSS" -j"$JOBS" "$@"; }

# Configuration: tinyconfig plus our fragments, then check that each symbol
# the fragments ask for and this tree knows really got its value.
# TIMENS_SHARED_OBJ=1 (make bisect, one object directory for every patch):
# configure from scratch each time, as a fresh directory would be. The
# symbols the tree knows change between patches, and olddefconfig alone
# gives a symbol that (re)appears its default, not the fragment's value.
# Kbuild still rebuilds only what the symbols that changed touch.
cfgkey=$(cat "${frags[@]}" | sha256sum | cut -d' ' -f1)
if [ -n "${TIMENS_SHARED_OBJ:-}" ] || [ ! -f "$OBJ/.config" ] ||
   [ "$(cat "$OBJ/.config.frags" 2>/dev/null)" != "$cfgkey" ]; then
	note "$VARIANT: configuring"
	make_config "$SRC" "$OBJ" tinyconfig "${frags[@]}"
	echo "$cfgkey" > "$OBJ/.config.frags"
fi
kmake olddefconfig >/dev/null
config_check "$SRC" "$OBJ/.config" "${frags[@]}" ||
	die "$VARIANT: the config fragments are not satisfied"

note "$VARIANT: building the kernel in $SRC"
kmake "${KIMAGE##*/}"
img=$OUT/${KIMAGE##*/}
cp "$OBJ/$KIMAGE" "$img.new" && mv "$img.new" "$img"
cp "$OBJ/.config" "$OUT/config"
# A shared object directory: no headers of another patch (headers_install
# adds to what is there).
[ -z "${TIMENS_SHARED_OBJ:-}" ] || rm -rf "$OUT/headers"
rm -rf "$OUT/headers-arm"
make -s -C "$SRC" O="$OBJ" ARCH="$KARCH" headers_install INSTALL_HDR_PATH="$OUT/headers" >/dev/null

# In-guest test programs: the selftest directories named in
# guest/selftests.list that exist in this tree, built static against the
# headers just installed, each line into a suite of its own.
rm -rf "$OUT/kselftest" && mkdir -p "$OUT/kselftest"
[ -z "$NO_LIBC" ] || note "$VARIANT: no C library for $ARCH in Debian: kernel only, no test programs"
# NO_TESTS=1 (make bench): the kernel only.
[ -n "$NO_LIBC" ] || [ -n "${NO_TESTS:-}" ] ||
while read -r dir suite flags; do
	case $dir in ''|'#'*) continue ;; esac
	[ -d "$SRC/tools/testing/selftests/$dir" ] || continue
	suite=${suite:-$dir}
	# Keywords among the flags: "arch=ARCH,...", "abi=arm", "series",
	# "dynamic", "exit-status", "debug-run=PROG,..." and "skip=PROG,..."
	# (see guest/selftests.list).
	cc=${CROSS}gcc static=-static judge= only= skip= here=yes
	hdr=$OUT/headers skarch=$KARCH
	for f in $flags; do
		case $f in
		arch=*) case ",${f#arch=}," in *",$ARCH,"*) ;; *) here= ;; esac ;;
		abi=arm)
			# 32-bit ARM tasks of an arm64 kernel: arm's compiler
			# and arm's uapi headers (its own system call numbers)
			cc=arm-linux-gnueabihf-gcc hdr=$OUT/headers-arm skarch=arm
			[ -d "$hdr" ] || make -s -C "$SRC" O="$OBJ/headers-arm" ARCH=arm \
				headers_install INSTALL_HDR_PATH="$hdr" >/dev/null ;;
		series) [ "$SERIES" != none ] || here= ;;
		dynamic) static= ;;
		exit-status) judge=$f ;;
		debug-run=*) case $CONFIG in debug|kcsan) only=" ${f#debug-run=} " ;; esac ;;
		skip=*) skip=" ${f#skip=} " ;;
		*) cc="$cc $f" ;;
		esac
	done
	only=${only//,/ }
	skip=${skip//,/ }
	cc="$cc${static:+ $static}"
	[ -n "$here" ] || continue
	note "$VARIANT: building selftests/$dir as $suite${flags:+ ($flags)}"
	# From scratch: make does not see the flags or the headers change.
	rm -rf "$OBJ/kselftest/$suite"
	mkdir -p "$OBJ/kselftest/$suite" "$OUT/kselftest/$suite"
	# LDLIBS from the environment: the directory's Makefile adds to it.
	# The headers after the system's in CC too: not every directory's
	# Makefile passes KHDR_INCLUDES on (upstream's timens did not), and
	# -m32 finds no <asm/*.h> of the host's for i386.
	ksmake() {
		LDLIBS="-lrt -lpthread" make -s -C "$SRC/tools/testing/selftests/$dir" ARCH="$skarch" \
			OUTPUT="$OBJ/kselftest/$suite" \
			KHDR_INCLUDES="-isystem $hdr/include" \
			CC="$cc -idirafter $hdr/include" "$@"
	}
	ksmake all >/dev/null
	[ -z "$judge" ] || echo "$judge" > "$OUT/kselftest/$suite/.judge"
	ksmake --no-print-directory -f - print-progs <<'MK' |
include Makefile
print-progs:
	@echo run $(TEST_GEN_PROGS) $(TEST_PROGS)
	@echo aux $(TEST_GEN_PROGS_EXTENDED) $(TEST_GEN_FILES) $(TEST_FILES)
MK
	while read -r kind progs; do
		for prog in $progs; do
			[ -f "$prog" ] || prog=$SRC/tools/testing/selftests/$dir/$prog
			cp "$prog" "$OUT/kselftest/$suite/"
			[ "$kind" = run ] || continue
			case $skip in *" ${prog##*/} "*) continue ;; esac
			case ${only:-" ${prog##*/} "} in
			*" ${prog##*/} "*) echo "${prog##*/}" >> "$OUT/kselftest/$suite/.run" ;;
			esac
		done
	done
done < "$TOP/guest/selftests.list"

if [ "$VARIANT" = all-default ]; then
	ln -sfn "out/$VARIANT/bzImage" "$BUILD/bzImage"
	ln -sfn "out/$VARIANT/headers" "$BUILD/headers"
fi
echo "$key" > "$OUT/.stamp"
note "$VARIANT: built $(cat "$OBJ/include/config/kernel.release" 2>/dev/null)"
