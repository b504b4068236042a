#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# CRIU's own view of the kernel: everything it needs to dump and restore,
# and its time namespace feature.
. /guest/clients/lib.sh
plan 2
echo "# $(criu --version | head -1)"
check "criu check" criu check
check "criu check --feature timens" criu check --feature timens
done_testing
