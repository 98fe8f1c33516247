# shellcheck shell=sh
# How every plot of cmbench is drawn: the one place that knows what each
# gnuplot script reads. Sourced (POSIX sh) by a bundle's reproduce.sh,
# scripts/demo and make check; $CMB_PLOTS is the folder of the .gp files
# (default: plots, beside the caller).
#
#   cmb_plot NAME OUT INPUT...
#
# renders NAME.gp into OUT.png and OUT.svg. flush-cost and contention read
# TSV files (cmbench export), each INPUT one machine or kernel;
# compare-ratio, -boots, -cdf and -ops read the one directory that
# cmbench compare --plot-data wrote.

cmb_plot() {
	_cp_gp=${CMB_PLOTS:-plots}/$1.gp _cp_out=$2
	shift 2
	case ${_cp_gp##*/} in
	flush-cost.gp | contention.gp)
		gnuplot -e "files='$*'; out='$_cp_out'" "$_cp_gp" ;;
	compare-*.gp)
		[ $# = 1 ] || { echo "cmb_plot: ${_cp_gp##*/} takes one directory" >&2; return 2; }
		gnuplot -e "dir='$1'; out='$_cp_out'" "$_cp_gp" ;;
	*)
		echo "cmb_plot: no plot called ${_cp_gp##*/}" >&2
		return 2 ;;
	esac
}
