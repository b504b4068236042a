# SPDX-License-Identifier: GPL-2.0
# Minimal TAP for the guest's shell tests. Sourced.
_n=0
_failed=0
plan() { echo "1..$1"; }
# check DESCRIPTION COMMAND [ARG...]: one test, passing when COMMAND succeeds.
check() {
	_desc=$1; shift
	_n=$((_n + 1))
	if "$@" >/tmp/tap.out 2>&1; then
		echo "ok $_n $_desc"
	else
		echo "not ok $_n $_desc"
		sed 's/^/# /' /tmp/tap.out
		_failed=$((_failed + 1))
	fi
}
# skip_all REASON: the whole test skips (a TAP plan of none).
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
skip() { _n=$((_n + 1)); echo "ok $_n $1 # SKIP $2"; }
done_testing() { [ $_failed -eq 0 ]; exit $?; }
