# Shared helpers for cmbench's shell scripts. Sourced, never run.
# POSIX sh: scripts run under dash on Debian.

CMB_TOP=$(cd "$(dirname "$0")/.." && pwd)
CMB_BUILD=${CMB_BUILD:-$CMB_TOP/build}

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
# "bench" (built from linux-source-6.1, scripts/build-kernel with
# T_FRAGMENT).
cmb_target() {
	case "$1" in
	arm64|arm64-bench)
		# Cortex-A57: a MIDR libpfm4 4.13 knows (it has no Cortex-A72).
		T_ARCH=arm64 T_DEBARCH=arm64 T_FLAVOUR=arm64
		T_CROSS=aarch64-linux-gnu- T_TRIPLET=aarch64-linux-gnu
		T_QEMU=qemu-system-aarch64 T_CPU=cortex-a57 T_MEM=1024 ;;
	armhf|arm-bench)
		# 2 GiB puts about 1.3 GiB above the lowmem limit: highmem to kmap.
		T_ARCH=arm T_DEBARCH=armhf T_FLAVOUR=armmp-lpae
		T_CROSS=arm-linux-gnueabihf- T_TRIPLET=arm-linux-gnueabihf
		T_QEMU=qemu-system-arm T_CPU=cortex-a15 T_MEM=2048 ;;
	*)
		die "unknown target '$1' (known: $CMB_TARGETS)" ;;
	esac
	case "$1" in
	*-bench) T_KIND=bench T_FRAGMENT=$CMB_TOP/scripts/kconfig/$1.config ;;
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
