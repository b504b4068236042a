#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Compile-only checks a reviewer's build bot runs on the series: configs
# other than the guest's, built but never booted. Each variant builds out of
# tree in build/obj/cc-<name>, from a detached worktree build/src/cc at REV
# (default: HEAD of build/linux, the series as it is committed there), and logs to
# build/out/compile-configs/<name>.log.
#
#   tiny-no-timens        tinyconfig + guest.config, TIME_NS=n: bzImage
#   tiny-no-posix-timers  tinyconfig + guest.config, POSIX_TIMERS=n: bzImage
#   tiny-no-io-uring      tinyconfig + guest.config, IO_URING=n: bzImage
#   tiny-kunit-modules    tinyconfig + guest.config, the KUnit suite as a
#                         module: bzImage and modules (modpost links it)
#   defconfig             x86_64_defconfig + TIME_NS=y: bzImage
#   debian                Debian's amd64 config (linux-config-6.12), without
#                         signing keys and debug info: `make prepare`, then
#                         only what the series touches (see debian_targets)
#
# One line per variant (name, PASS/FAIL, seconds), then
# `N passed, N failed, 0 skipped`; exits non-zero if any variant failed.
# ONLY='name ...' runs just those variants.
. "$(dirname "$0")/lib.sh"

REV=${REV:-HEAD}
ONLY=${ONLY:-}
SRC=$BUILD/src/cc
LOGS=$BUILD/out/compile-configs
DEBIAN_CONFIG=/usr/src/linux-config-6.12/config.amd64_none_amd64.xz
VARIANTS=(tiny-no-timens tiny-no-posix-timers tiny-no-io-uring tiny-kunit-modules
	  defconfig debian)

for v in $ONLY; do
	case " ${VARIANTS[*]} " in *" $v "*) ;; *) die "ONLY=$ONLY: no variant $v (have: ${VARIANTS[*]})" ;; esac
done
selected() { [ -z "$ONLY" ] || case " $ONLY " in *" $1 "*) true ;; *) false ;; esac; }

rev=$(git -C "$TREE" rev-parse -q --verify "$REV^{commit}") || die "REV=$REV: no such commit in $TREE"
worktree_at "$SRC" "$rev"
mkdir -p "$LOGS"
note "$(git -C "$SRC" log -1 --format='%h %s') (REV=$REV), JOBS=$JOBS"

if selected debian && [ ! -f "$DEBIAN_CONFIG" ]; then
	CC_CONFIGS=1 "$TOP/scripts/deps.sh" || true
fi

# The variant being built: its object directory and config fragment.
obj='' frag=''
kmake() { make -s -C "$SRC" O="$obj" ARCH=x86_64 -j"$JOBS" "$@"; }

# The fragment of this variant, written next to its log.
fragment() { cat > "$frag"; }

# BASE (a make target, or a file to start from), then config/guest.config
# for the tiny variants, then the variant's fragment; each symbol asked for
# must have got its value.
configure() {
	local base=$1 target='' frags=()
	case $base in
	*config) target=$base ;;
	*.xz) xz -dc "$base" > "$obj/.config" ;;
	esac
	[ "$base" = tinyconfig ] && frags+=("$TOP/config/guest.config" "$TOP/config/arch/x86_64.config")
	frags+=("$frag")
	make_config "$SRC" "$obj" "$target" "${frags[@]}"
	config_check "$SRC" "$obj/.config" "${frags[@]}" || die "the config fragments are not satisfied"
}

v_tiny_no_timens() {
	fragment <<-EOF
	CONFIG_TIME_NS=n
	# depends on TIME_NS
	CONFIG_TIME_NS_KUNIT_TEST=n
	EOF
	configure tinyconfig
	kmake bzImage
}

v_tiny_no_posix_timers() {
	fragment <<-EOF
	# POSIX_TIMERS only has a prompt with EXPERT
	CONFIG_EXPERT=y
	CONFIG_POSIX_TIMERS=n
	EOF
	configure tinyconfig
	kmake bzImage
}

v_tiny_no_io_uring() {
	fragment <<-EOF
	# IO_URING only has a prompt with EXPERT
	CONFIG_EXPERT=y
	CONFIG_IO_URING=n
	EOF
	configure tinyconfig
	kmake bzImage
}

v_tiny_kunit_modules() {
	fragment <<-EOF
	CONFIG_MODULES=y
	CONFIG_KUNIT=m
	CONFIG_TIME_NS_KUNIT_TEST=m
	EOF
	configure tinyconfig
	kmake bzImage modules
}

v_defconfig() {
	fragment <<-EOF
	CONFIG_TIME_NS=y
	EOF
	configure x86_64_defconfig
	kmake bzImage
}

# The objects DIR's kbuild file builds under the configuration in $obj
# (parts of composite objects listed themselves), as paths from the top.
kbuild_objs() {
	make -s --no-print-directory -C "$obj" -f - srctree="$SRC" objtree="$obj" \
		kdir="${1%/}" SRCARCH=x86 ARCH=x86_64 print-objs <<'MK'
print-objs:
include $(objtree)/include/config/auto.conf
obj := $(kdir)
src := $(srctree)/$(kdir)
include $(or $(wildcard $(src)/Kbuild),$(src)/Makefile)
objs := $(filter %.o,$(obj-y) $(obj-m))
objs := $(foreach o,$(objs),$(or $(strip $($(o:.o=-y)) $($(o:.o=-objs)) $($(o:.o=-m))),$(o)))
print-objs:
	@echo $(addprefix $(kdir)/,$(sort $(objs)))
MK
}

# What the debian variant compiles: the directories the series works in
# (each a `make DIR/`, when it has objects of its own in this config),
# kernel/'s own objects (not its subdirectories: `make kernel/` would build
# most of the distro kernel), and the object of every other .c file the
# series touches that this config builds.
debian_targets() {
	local d f o own
	local dirs=(kernel/time/ fs/proc/ io_uring/ lib/vdso/ arch/x86/entry/vdso/)
	targets=()
	for d in "${dirs[@]}"; do
		if [ -n "$(kbuild_objs "$d")" ]; then
			targets+=("$d")
		else
			echo "$d: no objects of its own in this config, skipped"
		fi
	done
	read -ra own < <(kbuild_objs kernel)
	targets+=("${own[@]}")
	echo "kernel/: ${#own[@]} objects of its own"
	while read -r f; do
		case $f in *.c) ;; *) continue ;; esac
		[ -f "$SRC/$f" ] || continue	# deleted by the series
		case $f in
		arch/x86/*) ;;
		arch/*|tools/*|Documentation/*|samples/*|scripts/*|usr/*) continue ;;
		esac
		d=${f%/*} o=${f%.c}.o
		if ! kbuild_objs "$d" | tr ' ' '\n' | grep -qx "$o"; then
			echo "$f: not an object of this config, skipped"
		elif covered "$o"; then
			echo "$f: $o (covered above)"
		else
			targets+=("$o")
			echo "$f: $o"
		fi
	done < <(git -C "$SRC" diff --name-only "$BASE_TAG" HEAD)
}

# Whether OBJECT is built by one of the targets already chosen.
covered() {
	local t
	for t in "${targets[@]}"; do
		case $t in
		*/) case $1 in "$t"*) return 0 ;; esac ;;
		"$1") return 0 ;;
		esac
	done
	return 1
}

v_debian() {
	[ -f "$DEBIAN_CONFIG" ] ||
		die "$DEBIAN_CONFIG is missing: run CC_CONFIGS=1 scripts/deps.sh as root"
	# Out of tree and without Debian's keys or pahole: no signing
	# certificates, no debug info (so no BTF). The revocation list is off
	# in Debian's config, and with it the symbol for its keys.
	fragment <<-EOF
	CONFIG_SYSTEM_TRUSTED_KEYS=""
	$(xz -dc "$DEBIAN_CONFIG" | grep -q '^CONFIG_SYSTEM_REVOCATION_LIST=y' &&
		echo 'CONFIG_SYSTEM_REVOCATION_KEYS=""')
	CONFIG_MODULE_SIG_KEY=""
	CONFIG_MODULE_SIG_ALL=n
	CONFIG_DEBUG_INFO_NONE=y
	CONFIG_DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT=n
	CONFIG_DEBUG_INFO_DWARF4=n
	CONFIG_DEBUG_INFO_DWARF5=n
	CONFIG_DEBUG_INFO_BTF=n
	EOF
	configure "$DEBIAN_CONFIG"
	local t=$SECONDS
	kmake prepare
	echo "make prepare: $((SECONDS - t))s"
	debian_targets
	t=$SECONDS
	echo "make ${targets[*]}"
	kmake "${targets[@]}"
	echo "compiling what the series touches: $((SECONDS - t))s"
}

pass=0 fail=0
for name in "${VARIANTS[@]}"; do
	selected "$name" || continue
	obj=$BUILD/obj/cc-$name
	frag=$LOGS/$name.config
	log=$LOGS/$name.log
	mkdir -p "$obj"
	start=$SECONDS
	set +e
	( set -e; "v_${name//-/_}" ) > "$log" 2>&1
	rc=$?
	set -e
	secs=$((SECONDS - start))
	if [ $rc = 0 ]; then
		printf '%-22s PASS %6ss\n' "$name" "$secs"
		pass=$((pass + 1))
	else
		printf '%-22s FAIL %6ss   (%s)\n' "$name" "$secs" "${log#"$TOP"/}"
		tail -n 30 "$log" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
# A variant that cannot run (a missing Debian config) fails: none is skipped.
echo "$pass passed, $fail failed, 0 skipped"
[ $fail = 0 ]
