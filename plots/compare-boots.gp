# B against A, boot by boot: each boot's value of each point (its centre,
# or the statistic compared), relative to the geometric mean of A's boots,
# in the order the boots ran. A strip plot: the spread between boots, and
# any drift over the run (a trend left to right), are there to see; a
# kernel difference is a gap between the circles (A) and the triangles
# (B). One panel per point; a dashed line at 1.0, A's geometric mean.
#
# usage: cmbench compare --plot-data DIR ...
#        gnuplot -e "dir='DIR'; out='results/x/compare-boots'" plots/compare-boots.gp
# Writes OUT.svg and OUT.png.

if (!exists("dir") || !exists("out")) {
	print "usage: gnuplot -e \"dir='PLOT-DATA DIR'; out='BASENAME'\" plots/compare-boots.gp"
	exit status 2
}
f = dir . "/boots.dat"
meta(k) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n 1", k, f))
n = system(sprintf("grep -c '^# row: ' '%s'", f)) + 0
rowname(i) = system(sprintf("sed -n 's/^# row: //p' '%s' | sed -n '%dp'", f, i))
boots = system(sprintf("awk '!/^#/ && NF { if ($1 > m) m = $1 } END { print m + 0 }' '%s'", f)) + 0
cols = n < 3 ? n : 3
rows = (n + cols - 1) / cols
# A and B for kernels and variants, X and Y for machines.
letters = meta("letters") ne "" ? meta("letters") : "A B"
X = word(letters, 1); Y = word(letters, 2)
what = meta("variants") ne "" ? "variants: " . meta("variants") . " (" . meta("A") . ")" : \
	X . " " . meta("A") . (strlen(meta("A") . meta("B")) > 80 ? "\n" : ", ") . Y . " " . meta("B")
note = meta("modelled") eq "yes" ? \
	"\nMODELLED: a cache model's cycles per op (qemu-run --model), not measured; EMULATED guest" : \
	meta("icount") eq "yes" ? \
	"\nEMULATED (QEMU, icount): ns are instruction counts, not time; no caches modelled" : \
	meta("emulated") eq "yes" ? "\nEMULATED (QEMU TCG): not hardware timings" : ""

set datafile separator "\t"
set logscale y 2
set format y "%.2f"
set grid
set xrange [0.5:boots + 0.5]
set xtics 1
set xlabel "boot, in the order they ran"
set ylabel "relative to " . X . "'s geometric mean"
set offsets 0, 0, graph 0.1, graph 0.1
set key top left samplen 1
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 linecolor rgb "black"
side(s, c) = strcol(2) eq s ? column(c) : NaN

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size (330 * cols + 60),(280 * rows + 120) dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size (330 * cols + 60),(280 * rows + 120) enhanced font "sans,10"
	}
	set output out . "." . fmt
	set multiplot layout rows,cols scale 1,0.96 offset 0,0.02 title sprintf("each boot's %s, %s\n%s%s", meta("stat"), \
		meta("n"), what, note) noenhanced
	# Where the data came from, once, at the foot.
	set label 99 "data: " . meta("data") at screen 0.005, screen 0.006 left font ",7" noenhanced
	do for [i = 1:n] {
		# Every boot at one value (1.0 on both sides): a y range around it,
		# where gnuplot would warn of an empty one. (One-column stats keep
		# to the x range: free both first.)
		set autoscale x
		set autoscale y
		stats f index (i - 1) using 4 nooutput
		set xrange [0.5:boots + 0.5]
		if (STATS_min == STATS_max) {
			set yrange [STATS_min / 2:STATS_max * 2]
		} else {
			set autoscale y
		}
		set title rowname(i) noenhanced
		plot f index (i - 1) using 1:(side("A", 4)) with points pointtype 7 pointsize 1.2 \
				linecolor rgb "#2166ac" title X, \
			'' index (i - 1) using 1:(side("B", 4)) with points pointtype 9 pointsize 1.2 \
				linecolor rgb "#d6604d" title Y, \
			'' index (i - 1) using 1:(1) with dots linecolor rgb "black" notitle
		unset key
		unset label 99
	}
	unset multiplot
	set key top left samplen 1
}
