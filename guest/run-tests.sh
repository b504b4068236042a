#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run every test program in the guest, each between two markers that the
# host's parser reads: "# timens-suite: NAME" and "# timens-exit: NAME RC".
# The programs speak TAP themselves.
TIMEOUT=${TIMEOUT:-300}

run_one() {
	name=$1; shift
	echo "# timens-suite: $name"
	[ -z "$JUDGE" ] || echo "# timens-judge: $JUDGE"
	timeout "$TIMEOUT" "$@" 2>&1 < /dev/null
	echo "# timens-exit: $name $?"
}

echo "# timens-kernel: $(uname -r) $(uname -m)"
# run-tests.sh clients BOOT: the real clients' scenarios of that boot
# (make check-clients boots the guest twice).
if [ "${1:-}" = clients ]; then
	echo "# timens-boot: $2"
	for t in /guest/clients/boot"$2"/*.sh; do
		n=${t##*/}
		n=${n%.sh}
		run_one "clients/${n#*-}" sh "$t"
	done
	exit 0
fi
for dir in /kselftest/*/; do
	[ -f "$dir/.run" ] || continue
	suite=$(basename "$dir")
	JUDGE=$(cat "$dir/.judge" 2>/dev/null)
	for prog in $(cat "$dir/.run"); do
		(cd "$dir" && run_one "kselftest/$suite/$prog" "./$prog")
	done
done
JUDGE=
for t in /guest/e2e/*.sh; do
	[ -f "$t" ] || continue
	run_one "e2e/$(basename "$t" .sh)" sh "$t"
done
