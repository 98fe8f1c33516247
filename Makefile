# cmbench top-level build.
#
#   make            on an ARM board: the module against the running kernel and
#                   the CLI, natively; elsewhere: the host tools (export, report)
#   make demo       emulated arm64 + armhf: flush sweep, results/demo/, plots
#   make check      unit tests, module builds + checkpatch, end-to-end in QEMU
#   make install    the tool, its plots, man pages and bash completion
#                   (PREFIX=/usr/local, DESTDIR=); make uninstall
#   make deb        in build/deb: the source package, cmbench-dkms_<v>_all.deb
#                   (the module for DKMS) and cmbench_<v>_<arch>.deb (the tool);
#                   DEB_ARCH="arm64 armhf" cross-builds the tool for boards too
#   make lava       LAVA jobs for arm64 and armhf, run by lava-run (no server)
#   make fuzz       long fuzzing campaigns: the ioctls on every target, the
#                   result reader (FUZZ_SECONDS per target, default 300)
#   make load / unload   insert / remove the module on a board (root)
#
# Everything built or downloaded goes under build/.

TOP := $(CURDIR)
BUILD := $(TOP)/build
TARGETS := arm64 armhf arm64-bench arm-bench
# make check boots Debian's kernels and the bench configuration with the
# kernel's checkers on (the debug kernels): building the bench kernels as
# well would cost 11 of its 30 minutes on 2 cores, for a configuration the
# debug kernels already run every op of. make demo builds and measures them.
CHECK_TARGETS := arm64 armhf
# Kernels with KASAN, lockdep, kmemleak...: make check runs the module there.
DEBUG_TARGETS := arm64-debug arm-debug
HOST_ARCH := $(shell uname -m)
GIT_VERSION := $(shell git -C $(TOP) describe --always --dirty 2>/dev/null || echo unknown)
# The version result headers carry, in a header rewritten only when
# `git describe` changes: what includes it is rebuilt at a new commit (a
# -D flag alone left binaries saying the commit they were first built at)
# and left alone otherwise.
VERSION_H := $(BUILD)/version/cmb_version.h
VERSION_LINE := \#define CMB_TOOL_VERSION "$(GIT_VERSION)"
ifneq ($(shell cat $(VERSION_H) 2>/dev/null),$(VERSION_LINE))
$(shell mkdir -p $(BUILD)/version && echo '$(VERSION_LINE)' >$(VERSION_H))
endif

# _GNU_SOURCE: cpu_set_t and sched_setaffinity for pinning threads.
# CFLAGS_EXTRA and LDFLAGS_EXTRA: a packager's flags for the tool (the
# Debian package passes dpkg-buildflags' hardening there).
CFLAGS_COMMON := -std=gnu11 -D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -O2 -g -pthread -Wall -Wextra -Wno-format-truncation -Werror \
	-I$(TOP)/bench -I$(TOP)/kmod/include -I$(TOP)/kmod/include/uapi -I$(BUILD)/version

UAPI_HDRS := $(wildcard kmod/include/uapi/*.h)
# bench/qemu/: the emulator plugin, loaded by QEMU, not linked into cmbench.
BENCH_SRCS := $(filter-out bench/qemu/%,$(wildcard bench/*.c bench/*/*.c))
BENCH_HDRS := $(wildcard bench/*.h bench/*/*.h)
# The commands (main.c's table and one cmd_*.c each) sit on everything
# else, which unit tests link whole; tests/layering checks nothing below
# calls up into them.
BENCH_CMD_SRCS := bench/main.c $(wildcard bench/cmd_*.c)
BENCH_LIB_SRCS := $(filter-out $(BENCH_CMD_SRCS),$(BENCH_SRCS))
HOST_OBJ := $(BUILD)/host/obj
BENCH_HOST_OBJS := $(patsubst bench/%.c,$(HOST_OBJ)/%.o,$(BENCH_SRCS))
BENCH_LIB_OBJS := $(patsubst bench/%.c,$(HOST_OBJ)/%.o,$(BENCH_LIB_SRCS))
KMOD_SRCS := $(wildcard kmod/*.c kmod/*.h) kmod/Kbuild kmod/Makefile kmod/dkms.conf $(UAPI_HDRS)
UNIT_TESTS := $(patsubst tests/unit/%.c,$(BUILD)/host/tests/%,$(wildcard tests/unit/test_*.c))
# What the CLI links: every one a Debian library (see README, "Libraries").
BENCH_LIBS := -lhwloc -ljansson -lpfm -lnettle -lz -lRmath -lm

ifneq ($(filter aarch64 armv7l armv8l armv6l,$(HOST_ARCH)),)
all: native
else
all: host
	@echo "cmbench: built the host tools in build/host; this is not an ARM"
	@echo "  machine, so the module runs under QEMU: 'make demo', 'make check'."
endif

# ---- on the board itself ----------------------------------------------------
KDIR ?= /lib/modules/$(shell uname -r)/build

native: $(BUILD)/native/cmbench
	$(MAKE) -C kmod KDIR=$(KDIR)

$(BUILD)/native/cmbench: $(BENCH_SRCS) $(BENCH_HDRS) $(UAPI_HDRS) $(VERSION_H)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS_EXTRA) $(BENCH_SRCS) $(BENCH_LIBS) $(LDFLAGS_EXTRA) -o $@

load:
	@test "$$(id -u)" = 0 || { echo "cmbench: 'make load' needs root"; exit 1; }
	@test -f kmod/cmbench.ko || { echo "cmbench: build first with 'make'"; exit 1; }
	insmod kmod/cmbench.ko
	@ls -l /dev/cmbench

unload:
	@test "$$(id -u)" = 0 || { echo "cmbench: 'make unload' needs root"; exit 1; }
	rmmod cmbench

# ---- installing the tool: make install [PREFIX=/usr/local] [DESTDIR=] -----
# The binary, the gnuplot scripts publish copies (share/cmbench/plots,
# where the binary looks beside itself), man pages made by help2man from
# the option tables, and bash completion. The module is installed apart:
# make load, or the cmbench-dkms package (make deb).
PREFIX ?= /usr/local
BINDIR := $(PREFIX)/bin
PLOTDIR := $(PREFIX)/share/cmbench/plots
MAN1DIR := $(PREFIX)/share/man/man1
COMPDIR := $(PREFIX)/share/bash-completion/completions
# The binary this machine builds: native on an ARM board, host elsewhere.
ifneq ($(filter aarch64 armv7l armv8l armv6l,$(HOST_ARCH)),)
TOOL := $(BUILD)/native/cmbench
else
TOOL := $(BUILD)/host/cmbench
endif

# The man pages come from a binary this machine runs: a cross build
# (scripts/build-deb --arch) installs an ARM TOOL with a host MAN_TOOL's
# pages, the same option tables.
MAN_TOOL := $(TOOL)
$(BUILD)/man/.stamp: $(MAN_TOOL) scripts/docs
	rm -rf $(BUILD)/man
	CMBENCH=$(MAN_TOOL) scripts/docs --man -o $(BUILD)/man
	touch $@

man: $(BUILD)/man/.stamp

install: $(TOOL) man
	install -D -m 755 $(TOOL) $(DESTDIR)$(BINDIR)/cmbench
	install -d $(DESTDIR)$(PLOTDIR) $(DESTDIR)$(MAN1DIR) $(DESTDIR)$(COMPDIR)
	install -m 644 plots/*.gp plots/*.awk plots/plot.sh $(DESTDIR)$(PLOTDIR)/
	install -m 755 plots/reproduce.sh $(DESTDIR)$(PLOTDIR)/
	install -m 644 $(BUILD)/man/*.1 $(DESTDIR)$(MAN1DIR)/
	install -m 644 bench/completion.bash $(DESTDIR)$(COMPDIR)/cmbench

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/cmbench $(DESTDIR)$(COMPDIR)/cmbench \
		$(DESTDIR)$(MAN1DIR)/cmbench.1 $(DESTDIR)$(MAN1DIR)/cmbench-*.1
	rm -rf $(DESTDIR)$(PREFIX)/share/cmbench

# ---- the cache model's QEMU plugin (qemu-run --model) ------------------------
# Built against QEMU 10's qemu-plugin.h (scripts/fetch-qemu); loaded by
# QEMU, never linked into cmbench. Its callbacks' signatures are QEMU's,
# unused parameters and all.
MODEL_DIR := $(BUILD)/qemu-model

$(MODEL_DIR)/.fetched: scripts/fetch-qemu scripts/kernels.conf
	scripts/fetch-qemu
	touch $@

$(MODEL_DIR)/cache-plugin.so: bench/qemu/cache_plugin.c bench/qemu/arm_insn.h bench/model/cache.c bench/model/cache.h \
		$(MODEL_DIR)/.fetched
	$(CC) -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror -shared -fPIC \
		-Ibench -I$(MODEL_DIR)/include $$(pkg-config --cflags glib-2.0) \
		bench/qemu/cache_plugin.c bench/model/cache.c -o $@

model-plugin: $(MODEL_DIR)/cache-plugin.so

# ---- host tools (read result files; run anywhere) ---------------------------
host: $(BUILD)/host/cmbench $(BUILD)/host/check-json

$(HOST_OBJ)/%.o: bench/%.c $(BENCH_HDRS) $(UAPI_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS_EXTRA) -c $< -o $@

$(BUILD)/host/cmbench: $(BENCH_HOST_OBJS)
	$(CC) $(CFLAGS_COMMON) $(CFLAGS_EXTRA) $^ $(BENCH_LIBS) $(LDFLAGS_EXTRA) -o $@

# test_device replaces ioctl() to reach the ABI-mismatch and EPERM paths.
$(BUILD)/host/tests/test_device: TEST_LDFLAGS := -Wl,--wrap=ioctl
# test_upgrade reads the old schemas' fixtures from wherever make check runs.
$(BUILD)/host/tests/test_upgrade: TEST_CFLAGS := -DCMB_SCHEMAS='"$(CURDIR)/tests/unit/schemas"'
$(BUILD)/host/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BENCH_LIB_OBJS) $(BENCH_HDRS) $(UAPI_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(TEST_CFLAGS) -Ibench $< $(BENCH_LIB_OBJS) $(TEST_LDFLAGS) \
		-lcmocka $(BENCH_LIBS) -o $@

$(BUILD)/host/check-result: tests/e2e/check-result.c tests/e2e/check-result-parts.c \
		tests/e2e/check-result.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(filter %.c,$^) -ljansson -lm -o $@

$(BUILD)/host/check-json: tests/e2e/check-json.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $< -ljansson -lm -o $@

# lava-run's log is YAML: read with libyaml (scripts/lava-jobs --run).
$(BUILD)/host/lava-results: scripts/lava/lava-results.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $< -lyaml -o $@

# ---- libFuzzer on the result-file reader (clang, ASan + UBSan) ---------------
# Every library object again, instrumented; tests/fuzz/result-reader.c is
# the target, tests/fuzz/corpus/ its seeds (real result files).
FUZZ_CC := clang
FUZZ_CFLAGS := $(filter-out -O2 -Wno-format-truncation,$(CFLAGS_COMMON)) -O1 -fno-omit-frame-pointer \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_OBJ := $(BUILD)/fuzz/obj
FUZZ_LIB_OBJS := $(patsubst bench/%.c,$(FUZZ_OBJ)/%.o,$(BENCH_LIB_SRCS))
$(HOST_OBJ)/run/provenance.o $(FUZZ_OBJ)/run/provenance.o $(HOST_OBJ)/cmd_version.o: $(VERSION_H)

$(FUZZ_OBJ)/%.o: bench/%.c $(BENCH_HDRS) $(UAPI_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(BUILD)/fuzz/result-reader: tests/fuzz/result-reader.c $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Ibench $< $(FUZZ_LIB_OBJS) \
		$(BENCH_LIBS) -o $@

# ---- emulated targets: cross-built module, CLI and guest tests -------------
# The guests' cmbench links the Debian libraries statically, and is not
# PIE: under a debug kernel under TCG each mmap and page fault costs, and
# loading nine shared objects (and relocating libpfm's tables) took about
# 1.5 s of every cmbench process, the larger part of a debug guest's
# time. libudev stays shared (Debian ships no libudev.a; libhwloc needs
# it), and so do glibc's libc and libm (hwloc dlopen()s its plugins).
GUEST_LIBS := -no-pie -Wl,-Bstatic $(filter-out -lm,$(BENCH_LIBS)) \
	-Wl,-Bdynamic -l:libudev.so.1 -lm
# What every guest root has in /usr/bin, built for it.
GUEST_BINS := cmbench cmbench-ioctl-errors cmbench-fuzz cmbench-lifecycle cmbench-reap

# $(1) target, $(2) CROSS_COMPILE, $(3) multiarch triplet, $(4) kernel ARCH,
# $(5) Debian arch its busybox and libraries come from, $(6) the stamp that
# says its kernel is ready (fetched from Debian, or built from source).
# The module names its commit (git describe): rebuilt at a new one, so
# that an A/B run's two sides never differ in it for nothing.
define target_rules
$(BUILD)/$(1)/kmod/cmbench.ko: $(KMOD_SRCS) $(6) scripts/build-module $(VERSION_H)
	scripts/build-module $(1)

$(BUILD)/$(1)/bin/cmbench: $(BENCH_SRCS) $(BENCH_HDRS) $(UAPI_HDRS) $(VERSION_H) \
		$(BUILD)/kernels/$(5)/.fetched
	@mkdir -p $$(@D)
	$(2)gcc $(CFLAGS_COMMON) -I$(BUILD)/kernels/$(5)/root/usr/include \
		-I$(BUILD)/kernels/$(5)/root/usr/include/$(3) $(BENCH_SRCS) \
		-L$(BUILD)/kernels/$(5)/root/usr/lib/$(3) -L$(BUILD)/kernels/$(5)/root/usr/lib \
		-Wl,-rpath-link,$(BUILD)/kernels/$(5)/root/usr/lib/$(3) \
		-Wl,-rpath-link,$(BUILD)/kernels/$(5)/root/lib/$(3) $(GUEST_LIBS) -o $$@

# Guest test programs (tests/guest/NAME.c), static: the errno cases, the
# lifecycle cases, the fuzzer.
# A program's parts are tests/guest/NAME-*.c beside NAME.c.
$(BUILD)/$(1)/bin/cmbench-%: tests/guest/%.c $(wildcard tests/guest/*.c tests/guest/*.h) $(UAPI_HDRS)
	@mkdir -p $$(@D)
	$(2)gcc -static $(CFLAGS_COMMON) $$< $$(wildcard tests/guest/$$*-*.c) -o $$@

$(BUILD)/$(1)/rootfs/.stamp: $(BUILD)/$(1)/kmod/cmbench.ko \
		$(addprefix $(BUILD)/$(1)/bin/,$(GUEST_BINS)) scripts/guest-init tests/e2e/guest-checks \
		scripts/guest-ops scripts/guest-libs scripts/lava/cmbench-lava
	rm -rf $(BUILD)/$(1)/rootfs
	mkdir -p $(BUILD)/$(1)/rootfs/bin $(BUILD)/$(1)/rootfs/usr/bin \
		$(BUILD)/$(1)/rootfs/lib/modules $(BUILD)/$(1)/rootfs/proc \
		$(BUILD)/$(1)/rootfs/sys $(BUILD)/$(1)/rootfs/dev \
		$(BUILD)/$(1)/rootfs/tmp $(BUILD)/$(1)/rootfs/run
	cp $(BUILD)/kernels/$(5)/root/bin/busybox $(BUILD)/$(1)/rootfs/bin/
	ln -s busybox $(BUILD)/$(1)/rootfs/bin/sh
	cp scripts/guest-init $(BUILD)/$(1)/rootfs/init
	cp $(BUILD)/$(1)/kmod/cmbench.ko $(BUILD)/$(1)/rootfs/lib/modules/
	cp $(addprefix $(BUILD)/$(1)/bin/,$(GUEST_BINS)) \
		tests/e2e/guest-checks scripts/guest-ops scripts/lava/cmbench-lava \
		$(BUILD)/$(1)/rootfs/usr/bin/
	# No debug info in the initramfs: every boot unpacks it.
	$(2)strip $(addprefix $(BUILD)/$(1)/rootfs/usr/bin/,$(GUEST_BINS))
	scripts/guest-libs $(1) $(BUILD)/$(1)/rootfs $(BUILD)/$(1)/rootfs/usr/bin/cmbench
	# Where Debian keeps it: the result header records its digest.
	mkdir -p $(BUILD)/$(1)/rootfs/boot
	cp -L $(BUILD)/kernels/$(1)/config \
		$(BUILD)/$(1)/rootfs/boot/config-$$$$(cat $(BUILD)/kernels/$(1)/release)
	touch $$@

rootfs-$(1): $(BUILD)/$(1)/rootfs/.stamp
kmod-$(1): $(BUILD)/$(1)/kmod/cmbench.ko
.PHONY: rootfs-$(1) kmod-$(1)
endef

$(BUILD)/kernels/%/.fetched: scripts/kernels.conf scripts/fetch-target
	scripts/fetch-target $*

# Bench kernels: build-kernel keeps its own cache key and returns at once
# when nothing changed.
$(BUILD)/kernels/%-bench/.built: scripts/kconfig/%-bench.config \
		scripts/kconfig/common.config scripts/build-kernel
	scripts/build-kernel --arch $* --config scripts/kconfig/$*-bench.config $*-bench

# Debug kernels: the bench kernel of the arch plus the kernel's checkers.
$(BUILD)/kernels/%-debug/.built: scripts/kconfig/%-bench.config scripts/kconfig/debug.config \
		scripts/kconfig/common.config scripts/build-kernel
	scripts/build-kernel --arch $* --config scripts/kconfig/$*-bench.config \
		--config scripts/kconfig/debug.config $*-debug

$(eval $(call target_rules,arm64,aarch64-linux-gnu-,aarch64-linux-gnu,arm64,arm64,$(BUILD)/kernels/arm64/.fetched))
$(eval $(call target_rules,armhf,arm-linux-gnueabihf-,arm-linux-gnueabihf,arm,armhf,$(BUILD)/kernels/armhf/.fetched))
$(eval $(call target_rules,arm64-bench,aarch64-linux-gnu-,aarch64-linux-gnu,arm64,arm64,$(BUILD)/kernels/arm64-bench/.built))
$(eval $(call target_rules,arm-bench,arm-linux-gnueabihf-,arm-linux-gnueabihf,arm,armhf,$(BUILD)/kernels/arm-bench/.built))
$(eval $(call target_rules,arm64-debug,aarch64-linux-gnu-,aarch64-linux-gnu,arm64,arm64,$(BUILD)/kernels/arm64-debug/.built))
$(eval $(call target_rules,arm-debug,arm-linux-gnueabihf-,arm-linux-gnueabihf,arm,armhf,$(BUILD)/kernels/arm-debug/.built))

# ---- the README's two commands ---------------------------------------------
setup:
	@scripts/setup $(TARGETS)

demo: setup host
	@scripts/demo $(TARGETS)

# The tools make check runs, built on every core (clang's ASan objects
# for the reader fuzzer alone take a minute on one).
check-tools: host $(UNIT_TESTS) $(BUILD)/host/check-result $(BUILD)/host/check-json \
		$(BUILD)/fuzz/result-reader $(BUILD)/host/lava-results

# The packages first; tests/run-all starts the debug kernels' builds,
# then fetches the targets and builds check-tools beside them.
check:
	@scripts/setup --host-only
	@tests/run-all $(CHECK_TARGETS)

# Both Debian targets as LAVA jobs, run by Debian's lava-dispatcher
# (lava-run, no server), their results read back and checked.
lava: host $(BUILD)/host/lava-results
	@scripts/setup arm64 armhf
	@scripts/lava-jobs --run --spec scripts/lava/check.spec arm64 armhf

# Debian packages: the module's sources for DKMS (dh-dkms), the tool for
# this architecture, and the source package they build from.
DEB_ARCH ?=
deb:
	@scripts/setup --host-only
	@scripts/build-deb
	@for a in $(DEB_ARCH); do scripts/build-deb --arch $$a || exit 1; done

FUZZ_SECONDS ?= 300
fuzz: host $(BUILD)/fuzz/result-reader
	@scripts/setup $(TARGETS) $(DEBUG_TARGETS)
	@scripts/fuzz --seconds $(FUZZ_SECONDS) --reader-seconds $$(( $(FUZZ_SECONDS) * 2 ))

clean:
	rm -rf $(BUILD)
	-$(MAKE) -s -C kmod clean KDIR=$(KDIR) 2>/dev/null

.PHONY: all native host load unload setup demo check check-tools deb lava fuzz \
	man install uninstall model-plugin \
	clean
