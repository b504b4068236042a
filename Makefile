# SPDX-License-Identifier: GPL-2.0
# Time namespaces for Linux: a patch series on Debian's linux-source-6.12.
#
#   make check            build the series, boot it in QEMU, run every test
#   make run [CMD='...']  boot the same kernel to a shell, or run one command
#   make check-clients    CRIU across a reboot, LXC and crun, on the series
#   make bench            clock reads' cost on four kernels, QEMU -icount
#   make compare-faketime the same clock checks under faketime and in a
#                         realtime time namespace, with their cost
#   make compile-configs  compile-only checks: other configs, never booted
#   make bisect           build and test each patch in turn (FROM=N, TO=N)
#   make deps-time        apt-get's time on a bare Debian 12 (a chroot), per CI lane
#
# Knobs: SERIES=all|none|N (the tree, Debian's tree as shipped, the first N
# patches), CONFIG=default|debug|kcsan|clients, JOBS=N. See README.md.

SHELL := /bin/bash
export SERIES CONFIG ARCH JOBS CMD TIMEOUT FORCE EXTRA REV ONLY FROM TO DRY_RUN

.PHONY: all check check-clients run bench compare-faketime compile-configs bisect deps deps-time tree build initramfs export lint clean distclean
all: check

deps:
	@scripts/deps.sh

tree: deps
	@scripts/tree.sh

build: tree
	@scripts/build.sh

check: tree
	@scripts/check.sh

check-clients: export CONFIG := clients
check-clients: tree
	@scripts/check.sh

run: tree
	@scripts/run.sh

bench: tree
	@scripts/bench.sh

# deps (through tree) also installs Debian's Go for this target
compare-faketime: export CMP_FAKETIME := 1
compare-faketime: tree
	@scripts/compare-faketime.sh

# deps (through tree) also installs Debian's kernel configs for this target
compile-configs: export CC_CONFIGS := 1
compile-configs: tree
	@scripts/compile-configs.sh

bisect: tree
	@scripts/bisect.sh

# deps also installs debootstrap for this target
deps-time: export DEPS_TIME := 1
deps-time: deps
	@scripts/deps-time.sh

export:
	@scripts/export.sh

lint: tree
	@scripts/lint.sh

clean:
	rm -rf build/obj build/out build/bzImage build/headers

distclean:
	rm -rf build
