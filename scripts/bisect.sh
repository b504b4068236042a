#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bisect: build and test every point of the series, one line per patch.
#
# For N = FROM..TO (default: 1 to the number of commits in base..REV, REV
# defaulting to HEAD; SERIES=N stops at patch N), check out the first N
# patches in one worktree, build/src/bisect, and build them in one object
# directory, build/obj/bisect-<config>, so that each step rebuilds only what
# patch N changed. Then recompile with W=1 the .c files patch N touched (those
# the build compiled; for a .c file that is #included, the objects including
# it), boot the kernel and run the suite of make check on it:
# build.sh, initramfs.sh, qemu.sh and tap.py, on the variant bisect-<config>
# (see TIMENS_* in lib.sh).
#
# A failure does not stop the run. One line per patch, then the wall time and
# `N passed, N failed, 0 skipped` (patches); the exit status is non-zero if
# any patch failed. Each step's log: build/out/bisect/NN.log (build, W=1,
# tap.py, then the console log), the console log alone in NN.console.log, the
# per-patch lines in summary.txt (CONFIG=debug: build/out/bisect/debug/).
#
# DRY_RUN=1 prints what each step would do, and builds and writes nothing.
. "$(dirname "$0")/lib.sh"

REV=${REV:-HEAD}
DRY_RUN=${DRY_RUN:-}
WT=$BUILD/src/bisect
LOGDIR=$BUILD/out/bisect
[ "$CONFIG" = default ] || LOGDIR=$LOGDIR/$CONFIG

# The variant the scripts called below build and boot (see lib.sh).
export TIMENS_VARIANT=bisect-$CONFIG TIMENS_SRC=$WT TIMENS_SHARED_OBJ=1
export TIMENS_OBJ=$BUILD/obj/$TIMENS_VARIANT TIMENS_OUT=$BUILD/out/$TIMENS_VARIANT
export CONFIG JOBS
OBJ=$TIMENS_OBJ OUT=$TIMENS_OUT

rel() { printf '%s\n' "${1#"$TOP"/}"; }
hms() {
	local s=$1
	if [ "$s" -ge 3600 ]; then printf '%dh%02dm%02ds\n' $((s / 3600)) $((s % 3600 / 60)) $((s % 60))
	elif [ "$s" -ge 60 ]; then printf '%dm%02ds\n' $((s / 60)) $((s % 60))
	else printf '%ds\n' "$s"; fi
}

# The commits to bisect, in order: patch N is revs[N-1], as for SERIES=N.
if [ "$REV" = HEAD ]; then
	gitdir=$(git -C "$TREE" rev-parse --absolute-git-dir)
	for d in rebase-merge rebase-apply; do
		[ ! -e "$gitdir/$d" ] ||
			die "$(rel "$TREE") is in the middle of a rebase or git am, so HEAD is not the series: finish it, or name a commit (REV=<branch>)"
	done
fi
head=$(git -C "$TREE" rev-parse -q --verify "$REV^{commit}") || die "REV=$REV: no such commit in $TREE"
mapfile -t revs < <(git -C "$TREE" rev-list --reverse "$BASE_TAG..$head")
total=${#revs[@]}
[ "$total" -gt 0 ] || die "$BASE_TAG..$REV has no commits: nothing to bisect"
case $SERIES in
all) ;;
none) die "SERIES=$SERIES: nothing to bisect" ;;
*[!0-9]*|'') die "SERIES=$SERIES: want all or a patch count" ;;
*)	[ $((10#$SERIES)) -ge 1 ] || die "SERIES=$SERIES: nothing to bisect"
	[ $((10#$SERIES)) -le "$total" ] || die "SERIES=$SERIES: $BASE_TAG..$REV has only $total patches"
	total=$((10#$SERIES)) ;;
esac
FROM=${FROM:-1}
TO=${TO:-$total}
for v in FROM TO; do
	case ${!v} in ''|*[!0-9]*) die "$v=${!v}: want a patch number" ;; esac
done
FROM=$((10#$FROM)) TO=$((10#$TO))
if [ "$FROM" -lt 1 ] || [ "$FROM" -gt "$TO" ] || [ "$TO" -gt "$total" ]; then
	die "FROM=$FROM TO=$TO: want 1 <= FROM <= TO <= $total"
fi
width=${#total}
[ "$width" -ge 2 ] || width=2

# The .c files patch REV touched and still has, one a line.
touched_c() {
	git -C "$TREE" diff --no-renames --diff-filter=d --name-only "$1^" "$1" -- '*.c'
}
# Whether a path is outside what `make DIR/FILE.o` can build: other build
# systems (tools/, scripts/), directories Kbuild does not reach through obj-y.
w1_excluded() {
	case $1 in
	tools/*|scripts/*|arch/x86/boot/*|arch/x86/tools/*|arch/x86/realmode/rm/*) return 0 ;;
	# Compiled with -m32 only through vdso32.so's rule: as a target of
	# its own it gets the 64-bit flags and fails in ptrace.h, on Debian's
	# tree too. The build before W=1 compiles it.
	arch/x86/entry/vdso/vdso32/*) return 0 ;;
	esac
	return 1
}
# Whether OBJECT was built, and with FRESH set, after SOURCE changed.
built() { [ -f "$1" ] && { [ -z "$3" ] || [ "$1" -nt "$2" ]; }; }
# The objects in OBJ whose compilation reads FILE, a .c file of SRC that is
# #included rather than compiled (lib/vdso/gettimeofday.c, by the vDSO's
# vclock_gettime.c): from the dependency lists in Kbuild's .cmd files.
including_objs() {
	local obj=$1 src=$2 f=$3 want cmd dep o
	want=$(realpath -m "$src/$f")
	grep -rlF --include='.*.o.cmd' -e "/${f##*/} " "$obj" 2>/dev/null | while IFS= read -r cmd; do
		sed -n 's/^ *\(\/[^ ]*\) *\\$/\1/p' "$cmd" | while IFS= read -r dep; do
			[ "$(realpath -m "$dep")" = "$want" ] || continue
			o=${cmd#"$obj"/}
			case $o in */*) o=${o%/*}/${o##*/.} ;; *) o=${o#.} ;; esac
			echo "${o%.cmd}"
			break
		done
	done
}
# What W=1 checks for patch REV, given the build in OBJ of the sources in
# SRC (FRESH: an object counts only if newer than the file): a line
# "OBJECT FILE" per object to compile, "- FILE WHY" per file left out.
w1_plan() {
	local rev=$1 obj=$2 src=$3 fresh=$4 f o found
	while IFS= read -r f; do
		if w1_excluded "$f"; then
			echo "- $f not a Kbuild object"
		elif built "$obj/${f%.c}.o" "$src/$f" "$fresh"; then
			echo "${f%.c}.o $f"
		else
			found=
			for o in $(including_objs "$obj" "$src" "$f"); do
				if w1_excluded "$o" || ! built "$obj/$o" "$src/$f" "$fresh"; then
					continue
				fi
				echo "$o $f"
				found=1
			done
			[ -n "$found" ] || echo "- $f not built by this config"
		fi
	done < <(touched_c "$rev")
}

if [ -n "$DRY_RUN" ]; then
	# Which objects the config builds is only known after each step's
	# build; here they are looked up in an existing object directory.
	ref=$OBJ ref_src=$WT
	[ -d "$ref" ] || ref=$BUILD/obj/all-$CONFIG ref_src=$TREE
	echo "bisect: dry run: patches $FROM..$TO of $total in $BASE_TAG..$REV" \
		"($(git -C "$TREE" rev-parse --short "$head")), CONFIG=$CONFIG, JOBS=$JOBS"
	echo "bisect: worktree $(rel "$WT"), obj $(rel "$OBJ"), out $(rel "$OUT"), logs $(rel "$LOGDIR")/"
	echo "bisect: W=1 files: objects looked up in $(rel "$ref") (the run uses each step's own build)"
	for ((n = FROM; n <= TO; n++)); do
		rev=${revs[n - 1]}
		printf -v nn '%0*d' "$width" "$n"
		printf 'bisect %s/%s %s  %s\n' "$nn" "$total" "$rev" "$(git -C "$TREE" log -1 --format=%s "$rev")"
		printf '    git -C %s checkout --detach %s; build in %s; log %s\n' \
			"$(rel "$WT")" "${rev:0:12}" "$(rel "$OBJ")" "$(rel "$LOGDIR/$nn.log")"
		check=() unbuilt=() other=()
		while read -r o f why; do
			case $o:$why in
			-:not\ a\ Kbuild*) other+=("$f") ;;
			-:*) unbuilt+=("$f") ;;
			*) if [ "$o" = "${f%.c}.o" ]; then check+=("$f"); else check+=("$f(via $o)"); fi ;;
			esac
		done < <(w1_plan "$rev" "$ref" "$ref_src" '')
		printf '    W=1: %s\n' "${check[*]:--}"
		[ ${#unbuilt[@]} = 0 ] || printf '    not built by the config: %s\n' "${unbuilt[*]}"
		[ ${#other[@]} = 0 ] || printf '    not Kbuild objects: %s\n' "${other[*]}"
	done
	exit 0
fi

if [ "$REV" = HEAD ] && [ -n "$(git -C "$TREE" status --porcelain --untracked-files=no)" ]; then
	note "$(rel "$TREE") has uncommitted edits: they are not bisected, only its commits"
fi
# The worktree is make bisect's own; refuse to build over someone's edits.
if [ -d "$WT" ]; then
	[ "$(git -C "$WT" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$WT" && pwd -P)" ] ||
		die "$(rel "$WT") is not a git worktree: remove it"
	[ -z "$(git -C "$WT" status --porcelain --untracked-files=no)" ] ||
		die "$(rel "$WT") (make bisect's worktree) has local edits: git -C $(rel "$WT") checkout -f . to drop them"
else
	git -C "$TREE" worktree prune
fi
mkdir -p "$LOGDIR" "$OUT"
summary=$LOGDIR/summary.txt
: > "$summary"
note "patches $FROM..$TO of $total in $BASE_TAG..$REV, CONFIG=$CONFIG, JOBS=$JOBS; logs in $(rel "$LOGDIR")/"

section() { printf '\n== %s\n' "$*" >> "$log"; }

start=$SECONDS
passed=0 failed=0
for ((n = FROM; n <= TO; n++)); do
	rev=${revs[n - 1]}
	printf -v nn '%0*d' "$width" "$n"
	subject=$(git -C "$TREE" log -1 --format=%s "$rev")
	log=$LOGDIR/$nn.log
	console=$LOGDIR/$nn.console.log
	rm -f "$log" "$console"
	section "bisect $nn/$total $rev $subject"
	echo "worktree $(rel "$WT"), obj $(rel "$OBJ"), out $(rel "$OUT"), CONFIG=$CONFIG, JOBS=$JOBS" >> "$log"

	# Only the files that differ from the worktree's last commit get
	# written (and a new mtime), so Kbuild rebuilds only what they touch.
	worktree_at "$WT" "$rev" >> "$log" 2>&1 || true
	[ "$(git -C "$WT" rev-parse HEAD 2>/dev/null)" = "$rev" ] ||
		die "could not check out $rev in $(rel "$WT"); see $(rel "$log")"

	section "build: scripts/build.sh"
	ok=1 build_ok=1
	t=$SECONDS
	"$TOP/scripts/build.sh" >> "$log" 2>&1 || build_ok=
	build_s=$((SECONDS - t))
	[ -n "$build_ok" ] || ok=

	# W=1 on the objects of the .c files this patch touched that the build
	# just made (an object newer than its source; for a .c file that is
	# #included, the objects that include it), in the same object
	# directory. Kbuild rebuilds them since their flags changed, and the
	# next step's build rebuilds them again without W=1. They are removed
	# first so that a rerun of the same step compiles them again too.
	w1=-
	if [ -n "$build_ok" ]; then
		section "W=1"
		objs=()
		while read -r o f why; do
			if [ "$o" = - ]; then
				echo "$f: $why, not checked"
			else
				echo "$f: $o"
				case " ${objs[*]} " in *" $o "*) ;; *) objs+=("$o") ;; esac
			fi
		done < <(w1_plan "$rev" "$OBJ" "$WT" 1) >> "$log"
		if [ ${#objs[@]} -gt 0 ]; then
			w1=ok
			echo "make W=1 ${objs[*]}" >> "$log"
			for o in "${objs[@]}"; do rm -f "$OBJ/$o"; done
			LC_ALL=C make -C "$WT" O="$OBJ" ARCH=x86_64 -j"$JOBS" W=1 "${objs[@]}" \
				> "$OUT/w1.log" 2>&1 || w1=FAIL
			cat "$OUT/w1.log" >> "$log"
			if grep -E 'warning:|error:' "$OUT/w1.log" > "$OUT/w1.warnings"; then
				w1=FAIL
				echo "W=1: $(wc -l < "$OUT/w1.warnings") warning or error lines" >> "$log"
			fi
			# Each object must have been compiled again, with W=1.
			for o in "${objs[@]}"; do
				grep -qsF -- -DKBUILD_EXTRA_WARN1 "$OBJ/${o%/*}/.${o##*/}.cmd" ||
					{ echo "$o: not compiled with W=1"; w1=FAIL; }
			done >> "$log"
		fi
		echo "w1 $w1" >> "$log"
		[ "$w1" != FAIL ] || ok=
	fi

	# The suite of make check (check.sh), the console log kept per step.
	guest=-
	if [ -n "$build_ok" ]; then
		section "initramfs: scripts/initramfs.sh"
		if "$TOP/scripts/initramfs.sh" >> "$log" 2>&1; then
			section "guest: scripts/qemu.sh check $(rel "$console")"
			t=$SECONDS
			qrc=0
			"$TOP/scripts/qemu.sh" check "$console" >> "$log" 2>&1 || qrc=$?
			guest_s=$((SECONDS - t))
			echo "guest ran ${guest_s}s (qemu exit $qrc)" >> "$log"
			kunit=()
			grep -q '^CONFIG_TIME_NS_KUNIT_TEST=y' "$OUT/config" && kunit=(--expect-kunit)
			section "scripts/tap.py ${kunit[*]}"
			trc=0
			python3 "$TOP/scripts/tap.py" "$console" "${kunit[@]}" > "$OUT/tap.log" 2>&1 || trc=$?
			cat "$OUT/tap.log" >> "$log"
			totals=$(tail -n 1 "$OUT/tap.log")
			[[ $totals =~ ^[0-9]+\ passed,\ [0-9]+\ failed,\ [0-9]+\ skipped$ ]] ||
				totals="tap.py failed (exit $trc)"
			if [ "$qrc" = 124 ]; then
				guest="timeout ${guest_s}s $totals"
				ok=
			else
				guest="${guest_s}s $totals"
				[ "$trc" = 0 ] || ok=
			fi
			section "console log ($(rel "$console"))"
			cat "$console" >> "$log" 2>/dev/null || echo "(no console log)" >> "$log"
		else
			guest="FAIL initramfs"
			ok=
		fi
	fi

	if [ -n "$ok" ]; then verdict=PASS passed=$((passed + 1))
	else verdict=FAIL failed=$((failed + 1)); fi
	build="${build_s}s"
	[ -n "$build_ok" ] || build="FAIL ${build_s}s"
	line="bisect $nn/$total $verdict build $build w1 $w1 guest $guest  $subject"
	echo "$line"
	echo "$line" >> "$summary"
	section "$line"
done

wall=$((SECONDS - start))
steps="$((TO - FROM + 1)) patches"
[ "$FROM" != "$TO" ] || steps="1 patch"
{
	echo "bisect: wall time $(hms "$wall") for $steps (CONFIG=$CONFIG, JOBS=$JOBS)"
	echo "$passed passed, $failed failed, 0 skipped"
} | tee -a "$summary"
[ "$failed" = 0 ]
