# Shared helpers for cmbench's shell scripts. Sourced, never run.
# POSIX sh: scripts run under dash on Debian.

CMB_TOP=$(cd "$(dirname "$0")/.." && pwd)
CMB_BUILD=${CMB_BUILD:-$CMB_TOP/build}
# The one way plots are drawn (cmb_plot NAME OUT INPUT...).
CMB_PLOTS=$CMB_TOP/plots
. "$CMB_PLOTS/plot.sh"

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# Load the pinned kernel versions; the environment may override for a bump test.
cmb_load_versions() {
	_abi=${DEB_KABI:-}
	_ver=${DEB_KVER:-}
	. "$CMB_TOP/scripts/kernels.conf"
	[ -n "$_abi" ] && DEB_KABI=$_abi
	[ -n "$_ver" ] && DEB_KVER=$_ver
	return 0
}

# Map a target name to its facts. Sets T_ARCH (kernel ARCH), T_DEBARCH
# (the Debian architecture its user space and busybox come from), T_CROSS
# (CROSS_COMPILE prefix), T_TRIPLET, T_QEMU, T_CPU (QEMU -cpu), T_MEM (MiB),
# T_KDIR (the kernel: vmlinuz, config, headers, release) and T_SYSROOT, and
# T_KIND: "debian" (Debian's packaged kernel, scripts/fetch-target) or
# "bench" (built from linux-source-6.1, scripts/build-kernel with the
# fragments T_FRAGMENT lists; cmb_build_kernel builds it). The -debug
# targets are the bench kernels plus scripts/kconfig/debug.config (KASAN,
# lockdep, kmemleak...), booted with T_APPEND on their command line.
cmb_target() {
	case "$1" in
	arm64|arm64-bench|arm64-debug)
		# Cortex-A57: a MIDR libpfm4 4.13 knows (it has no Cortex-A72).
		T_ARCH=arm64 T_DEBARCH=arm64 T_FLAVOUR=arm64
		T_CROSS=aarch64-linux-gnu- T_TRIPLET=aarch64-linux-gnu
		T_QEMU=qemu-system-aarch64 T_CPU=cortex-a57 T_MEM=1024 ;;
	armhf|arm-bench|arm-debug)
		# 2 GiB puts about 1.3 GiB above the lowmem limit: highmem to kmap.
		T_ARCH=arm T_DEBARCH=armhf T_FLAVOUR=armmp-lpae
		T_CROSS=arm-linux-gnueabihf- T_TRIPLET=arm-linux-gnueabihf
		T_QEMU=qemu-system-arm T_CPU=cortex-a15 T_MEM=2048 ;;
	*)
		die "unknown target '$1' (known: $CMB_TARGETS)" ;;
	esac
	T_APPEND=""
	case "$1" in
	*-bench) T_KIND=bench T_FRAGMENT=$CMB_TOP/scripts/kconfig/$1.config ;;
	*-debug) T_KIND=bench
		T_FRAGMENT="$CMB_TOP/scripts/kconfig/${1%-debug}-bench.config $CMB_TOP/scripts/kconfig/debug.config"
		# KASAN's shadow and kmemleak's pool: arm64 needs more than 1 GiB.
		T_MEM=2048 T_APPEND="kmemleak=on" ;;
	*) T_KIND=debian T_FRAGMENT="" ;;
	esac
	T_NAME=$1
	T_KDIR=$CMB_BUILD/kernels/$1
	# Bench targets take busybox and libraries from the Debian target of
	# the same architecture.
	T_SYSROOT=$CMB_BUILD/kernels/$T_DEBARCH/root
}

# The Debian stock kernels and the bench kernels built from source.
CMB_TARGETS="arm64 armhf arm64-bench arm-bench"
# Kernels with the kernel's own checkers on, for make check's debug area.
CMB_DEBUG_TARGETS="arm64-debug arm-debug"

# cmb_build_kernel TARGET [build-kernel options...]: build a bench or debug
# target's kernel from its fragments (at once when nothing changed).
cmb_build_kernel() {
	cmb_target "$1"
	_name=$1
	shift
	[ "$T_KIND" = bench ] || die "$_name is Debian's kernel, fetched, not built"
	set -- "$@" --arch "$T_ARCH"
	for _f in $T_FRAGMENT; do
		set -- "$@" --config "$_f"
	done
	"$CMB_TOP/scripts/build-kernel" "$@" "$_name"
}

# cmb_ministat_agrees DIR JSON: Debian's ministat cross-checks compare.
# DIR is "cmbench compare --format ministat -o DIR", JSON the same
# comparison's --format json. Both are t tests on the per-boot logs, and
# with as many boots a side their t statistics are equal; only the
# degrees of freedom differ (Welch's, at most ministat's pooled 2n - 2),
# and compare floors the spread at the resolution. So for every row:
# ministat's difference of means is compare's ln(B/A), and where
# compare's unadjusted 95% CI excludes 1, ministat -c 95 finds a
# difference too. A row at the edge may be significant for ministat
# alone; it is counted and named, not failed. Prints what it found;
# status 0 when every row holds.
cmb_ministat_agrees() {
	command -v ministat >/dev/null || {
		echo "ministat is missing (Debian's ministat package): nothing cross-checked"
		return 1
	}
	_n=0 _bad=0 _edge=0
	while IFS='	' read -r _row _name; do
		_sel="header.rows[name=$_name]"
		_lo=$("$CMB_BUILD/host/check-json" --get "$2" "$_sel.ci95_lo")
		_hi=$("$CMB_BUILD/host/check-json" --get "$2" "$_sel.ci95_hi")
		_ratio=$("$CMB_BUILD/host/check-json" --get "$2" "$_sel.ratio")
		ministat -c 95 "$1/$_row-A.txt" "$1/$_row-B.txt" >"$1/$_row.ministat" 2>&1
		_got=$(awk -v lo="$_lo" -v hi="$_hi" -v r="$_ratio" '
			$1 == "x" && NF == 7 { a = $6 }
			$1 == "+" && NF == 7 { b = $6 }
			/^Difference at/ { differ = 1 }
			END {
				ours = (lo > 1 || hi < 1)
				d = b - a - log(r)
				if (d > 1e-6 || d < -1e-6) print "mean"
				else if (ours && !differ) print "bad"
				else if (differ && !ours) print "edge"
				else print "ok"
			}' "$1/$_row.ministat")
		_n=$((_n + 1))
		case "$_got" in
		ok) ;;
		edge) _edge=$((_edge + 1))
			echo "$_name: significant for ministat alone (pooled df), not for compare" ;;
		mean) _bad=$((_bad + 1))
			echo "$_name: ministat's difference of means is not ln(B/A) = ln($_ratio)" ;;
		*) _bad=$((_bad + 1))
			echo "$_name: compare's CI excludes 1, ministat finds no difference" ;;
		esac
	done <"$1/rows.txt"
	echo "ministat -c 95 agrees on $((_n - _bad - _edge)) of $_n rows, $_edge at the edge" \
		"(ministat alone), $_bad against"
	[ "$_n" -gt 0 ] && [ "$_bad" = 0 ]
}

# cmb_fuzz_field FILE KEY [DEFAULT]: KEY's value on cmbench-fuzz's
# "fuzz: key=value ..." lines, DEFAULT (0) where it is absent.
cmb_fuzz_field() {
	sed -n "s/^fuzz:.*[ :]$2=\([^ ]*\).*/\1/p" "$1" | head -n 1 | grep . || echo "${3:-0}"
}

# cmb_reader_fuzz SECONDS DIR: libFuzzer on the result reader
# (build/fuzz/result-reader) from tests/fuzz/corpus/, with the corpus's
# JSON keys as its dictionary; new inputs and any failing one under DIR,
# the log in DIR/fuzz.log. A crash, leak, hang (10 s), an allocation of
# 256 MB or a broken error contract is a nonzero status.
cmb_reader_fuzz() {
	mkdir -p "$2/corpus" "$2/crashes"
	grep -oh '"[a-z_0-9]*":' "$CMB_TOP"/tests/fuzz/corpus/*.jsonl | sort -u |
		sed 's/"/\\"/g; s/.*/"&"/' >"$2/keys.dict"
	(cd "$2/crashes" && "$CMB_BUILD/fuzz/result-reader" -max_total_time="$1" \
		-rss_limit_mb=1024 -malloc_limit_mb=256 -timeout=10 -dict="$2/keys.dict" \
		-print_final_stats=1 "$2/corpus" "$CMB_TOP/tests/fuzz/corpus") >"$2/fuzz.log" 2>&1
}

# cmb_describe: the tree's `git describe`, as the Makefile and kmod/Kbuild
# embed it in the tools and the module ("unknown" outside git).
cmb_describe() {
	git -C "$CMB_TOP" describe --always --dirty 2>/dev/null || echo unknown
}

# cmb_model_args SPEC: the cache plugin's arguments for qemu-run --model:
# a preset (cmb_model_presets) or "L1d=32K/4[@HIT],L2=1M/16[@HIT][,L3=...]
# [,mem=CYCLES][,cluster=L2]" (levels in order, 64 B lines; a level's
# write-back costs its hit; defaults 4, 12, 40 and 150, as qemu-run --help
# states; cluster=LN: that level is one per cluster of qemu-run --clusters,
# the levels past it one for all, those before it each vCPU's own; without
# it the last level is one for all); nonzero on a bad SPEC.
cmb_model_presets() {
	cat <<'PRESETS'
a53	L1d=32K/4@3,L2=512K/16@15,mem=150,cluster=L2	Cortex-A53: 32K 4-way L1D (3-cycle load-to-use), 512K 16-way L2 per cluster
a72	L1d=32K/2@4,L2=1M/16@21,mem=150,cluster=L2	Cortex-A72: 32K 2-way L1D (4 cycles), 1M 16-way L2 per cluster
n1	L1d=64K/4@4,L2=1M/8@11,L3=2M/16@35,mem=150	Neoverse-N1: 64K 4-way L1D (4 cycles), 1M 8-way L2 per core (11), a 2M system cache
a15	L1d=32K/2@4,L2=1M/16@21,mem=150,cluster=L2	Cortex-A15 (armhf): 32K 2-way L1D (4 cycles), 1M 16-way L2 per cluster
PRESETS
}
cmb_model_args() {
	_spec=$(cmb_model_presets | awk -F'\t' -v n="$1" '$1 == n { print $2 }')
	_name=$1
	[ -n "$_spec" ] || { _spec=$1 _name=custom; }
	echo "$_spec" | awk -F, -v name="$_name" '
		function bytes(s) {
			if (s ~ /^[0-9]+[Kk]$/) return s * 1024
			if (s ~ /^[0-9]+M$/) return s * 1048576
			if (s ~ /^[0-9]+$/) return s + 0
			return -1
		}
		BEGIN { hit[1] = 4; hit[2] = 12; hit[3] = 40; mem = 150 }
		{
			n = 0
			for (i = 1; i <= NF; i++) {
				if ($i ~ /^mem=[1-9][0-9]*$/) { mem = substr($i, 5) + 0; continue }
				if ($i ~ /^cluster=L[1-3]$/) { cl = substr($i, 10) + 0; continue }
				n++
				want = (n == 1 ? "L1d" : "L" n)
				if (split($i, kv, "=") != 2 || kv[1] != want || n > 3)
					exit 1
				lat = hit[n]
				if (split(kv[2], at, "@") == 2) {
					if (at[2] !~ /^[1-9][0-9]*$/)
						exit 1
					lat = at[2] + 0
				}
				if (split(at[1], sw, "/") != 2 || bytes(sw[1]) <= 0 || sw[2] !~ /^[1-9][0-9]*$/)
					exit 1
				out = out sprintf("level=%d:%d:64:%d:%d,", bytes(sw[1]), sw[2], lat, lat)
			}
			if (!n || cl > n)
				exit 1
			printf "name=%s,%sunified=1,mem=%d:%d%s\n", name, out, mem, mem,
				cl ? ",cluster=" cl : ""
		}'
}

# cmb_module_version: CMBENCH_VERSION of kmod/cmbench_main.c, the version
# dkms.conf and the Debian package carry.
cmb_module_version() {
	sed -n 's/^#define CMBENCH_VERSION "\(.*\)"$/\1/p' "$CMB_TOP/kmod/cmbench_main.c"
}

# cmb_kernel_rootfs ROOTFS KDIR WORK: WORK/rootfs, a copy of the target's
# guest root ROOTFS for booting the kernel KDIR (a scripts/build-kernel
# tree) instead of the target's own: cmbench.ko built against KDIR, KDIR's
# config where the result header looks for it. Needs cmb_target first.
cmb_kernel_rootfs() {
	for _f in vmlinuz headers/Makefile release; do
		[ -e "$2/$_f" ] || die "--kernel $2: no $_f (build it with scripts/build-kernel)"
	done
	rm -rf "$3/rootfs"
	# The target's own kernel (ab-run's kernel A of a built target): its
	# root already has the module built for it, and its config.
	if [ "$2" -ef "$T_KDIR" ]; then
		cp -R "$1" "$3/rootfs"
		return 0
	fi
	# Built once per kernel build, module source and commit (the module
	# says which): an A/B run boots the same pair of kernels many times.
	_key=$( { stat -c '%s %Y' "$2/vmlinuz"; cmb_describe; cd "$CMB_TOP" &&
		find kmod -type f | LC_ALL=C sort | xargs cat; } | sha256sum | cut -c1-16)
	_ko=$2/.cmbench-module/$_key/cmbench.ko
	if [ ! -f "$_ko" ]; then
		log "building the module against $(cat "$2/release")"
		"$CMB_TOP/scripts/build-module" --kernel "$2" -o "$3/kmod" "$T_NAME" \
			>"$3/kmod.log" 2>&1 || {
			cat "$3/kmod.log" >&2
			die "module build against $2 failed"
		}
		mkdir -p "${_ko%/*}"
		cp "$3/kmod/cmbench.ko" "$_ko.$$" && mv "$_ko.$$" "$_ko"
	fi
	cp -R "$1" "$3/rootfs"
	cp "$_ko" "$3/rootfs/lib/modules/"
	rm -f "$3/rootfs/boot/"config-*
	[ -f "$2/config" ] && cp "$2/config" "$3/rootfs/boot/config-$(cat "$2/release")"
	return 0
}

# cmb_help "$@": -h or --help prints the script's head comment (its
# usage) and exits 0. Every script calls it before reading its options.
cmb_help() {
	case "${1:-}" in
	-h | --help)
		awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
		exit 0 ;;
	esac
}
