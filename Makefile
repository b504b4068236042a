# SPDX-License-Identifier: GPL-2.0
# Time namespaces for Linux: a patch series on Debian's linux-source-6.12.
#
#   make check            build the series, boot it in QEMU, run every test
#   make run [CMD='...']  boot the same kernel to a shell, or run one command
#   make bench            clock_gettime() cost on three kernels, QEMU -icount
#
# Knobs: SERIES=all|none|N (the tree, Debian's tree as shipped, the first N
# patches), CONFIG=default|debug, JOBS=N. See README.md.

SHELL := /bin/bash
export SERIES CONFIG JOBS CMD TIMEOUT FORCE EXTRA

.PHONY: all check run bench deps tree build initramfs export lint clean distclean
all: check

deps:
	@scripts/deps.sh

tree: deps
	@scripts/tree.sh

build: tree
	@scripts/build.sh

check: tree
	@scripts/check.sh

run: tree
	@scripts/run.sh

bench: tree
	@scripts/bench.sh

export:
	@scripts/export.sh

lint: tree
	@scripts/lint.sh

clean:
	rm -rf build/obj build/out build/bzImage build/headers

distclean:
	rm -rf build
