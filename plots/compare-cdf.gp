# B against A, whole distributions: the latency CDF of every sample of
# each side (the histograms of all its boots merged), A and B overlaid,
# log time axis. Where the medians agree and the tails part (or the other
# way round), this shows it; the table's p90/p99 rows (--stat) put numbers
# on it. One panel per point; rows='1 3' picks points (default: the first
# six). The samples of different boots are pooled here: this shows shape,
# not uncertainty (that is the table's and compare-ratio's).
#
# usage: cmbench compare --plot-data DIR ...
#        gnuplot -e "dir='DIR'; out='results/x/compare-cdf'" plots/compare-cdf.gp
# Writes OUT.svg and OUT.png.

if (!exists("dir") || !exists("out")) {
	print "usage: gnuplot -e \"dir='PLOT-DATA DIR'; out='BASENAME'\" plots/compare-cdf.gp"
	exit status 2
}
if (!exists("rows")) {
	rows = system(sprintf("ls '%s' | sed -n 's/^cdf-0*\\([0-9]*\\)\\.dat$/\\1/p' | sort -n | head -n 6 | tr '\\n' ' '", dir))
}
n = words(rows)
file(i) = sprintf("%s/cdf-%02d.dat", dir, word(rows, i) + 0)
meta(f, k) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n 1", k, f))
f1 = file(1)
cols = n < 3 ? n : 3
lines = (n + cols - 1) / cols
# A and B for kernels and variants, X and Y for machines.
letters = meta(f1, "letters") ne "" ? meta(f1, "letters") : "A B"
X = word(letters, 1); Y = word(letters, 2)
what = meta(f1, "variants") ne "" ? \
	"variants: " . meta(f1, "variants") . " (" . meta(f1, "A") . ")" : \
	X . " " . meta(f1, "A") . ", " . Y . " " . meta(f1, "B")
note = meta(f1, "modelled") eq "yes" ? \
	"\nMODELLED: a cache model's cycles per op (qemu-run --model), not measured; EMULATED guest" : \
	meta(f1, "icount") eq "yes" ? \
	"\nEMULATED (QEMU, icount): ns are instruction counts, not time; no caches modelled" : \
	meta(f1, "emulated") eq "yes" ? "\nEMULATED (QEMU TCG): not hardware timings" : ""

set datafile separator "\t"
set logscale x 10
set format x "%.0s%cs"
set xlabel "latency of one sample (per op)"
set ylabel "share of samples at or below"
set yrange [0:1]
set grid
set key bottom right

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size (330 * cols + 60),(280 * lines + 120) dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size (330 * cols + 60),(280 * lines + 120) enhanced font "sans,10"
	}
	set output out . "." . fmt
	set multiplot layout lines,cols scale 1,0.96 offset 0,0.02 title sprintf("latency CDF, every sample of every boot, %s\n%s%s", \
		meta(f1, "n"), what, note) noenhanced
	# Where the data came from, once, at the foot.
	set label 99 "data: " . meta(f1, "data") at screen 0.005, screen 0.006 left font ",7" noenhanced
	do for [i = 1:n] {
		set title meta(file(i), "row") noenhanced
		# The histogram is in ns: 1e-9 puts seconds on the axis for the prefixes of %c.
		plot file(i) index 0 using ($1 * 1e-9):2 with steps linewidth 2 \
				linecolor rgb "#2166ac" title X, \
			'' index 1 using ($1 * 1e-9):2 with steps linewidth 2 \
				linecolor rgb "#d6604d" title Y
		unset label 99
	}
	unset multiplot
}
