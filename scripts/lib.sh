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

# Map a target name to its facts. Sets T_ARCH (kernel ARCH), T_DEBARCH,
# T_CROSS (CROSS_COMPILE prefix), T_FLAVOUR, T_QEMU and T_TRIPLET.
cmb_target() {
	case "$1" in
	arm64)
		T_ARCH=arm64 T_DEBARCH=arm64 T_FLAVOUR=arm64
		T_CROSS=aarch64-linux-gnu- T_TRIPLET=aarch64-linux-gnu
		T_QEMU=qemu-system-aarch64 ;;
	armhf)
		T_ARCH=arm T_DEBARCH=armhf T_FLAVOUR=armmp-lpae
		T_CROSS=arm-linux-gnueabihf- T_TRIPLET=arm-linux-gnueabihf
		T_QEMU=qemu-system-arm ;;
	*)
		die "unknown target '$1' (known: arm64 armhf)" ;;
	esac
	T_NAME=$1
	T_KDIR=$CMB_BUILD/kernels/$1
}

CMB_TARGETS="arm64 armhf"
