# B against A: the ratio B/A of each point, with its 95% CI as a band
# (whiskers where an op has one point), against the op's own axis (buffer
# size, or pages); a dashed line at 1.0, no change. One panel per op, each
# point labelled with its verdict. The title gives both kernels (or the
# two variants), the number of boots and what was compared, and says when
# the boots ran in an emulator.
# Between machines (compare of two SoCs) the ratio is Y/X, there are no
# verdicts, and the sizes where the machines' cache levels disagree (an
# L1 of 32K on X, 64K on Y) are shaded: there a buffer sits in different
# levels on the two, and the ratio says so rather than anything else.
#
# usage: cmbench compare --plot-data DIR ...
#        gnuplot -e "dir='DIR'; out='results/x/compare-ratio'" plots/compare-ratio.gp
# Writes OUT.svg and OUT.png.

if (!exists("dir") || !exists("out")) {
	print "usage: gnuplot -e \"dir='PLOT-DATA DIR'; out='BASENAME'\" plots/compare-ratio.gp"
	exit status 2
}
f = dir . "/ratio.dat"
meta(k) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n 1", k, f))
ops = system(sprintf("sed -n 's/^# op: //p' '%s' | tr ' ' ':' | tr '\\n' ' '", f))
n = words(ops)
opname(i) = word(ops, i)[1:strstrt(word(ops, i), ":") - 1]
axis(i) = word(ops, i)[strstrt(word(ops, i), ":") + 1:]
machines = meta("machines") eq "yes"
letters = meta("letters") ne "" ? meta("letters") : "A B"
X = word(letters, 1); Y = word(letters, 2)
what = meta("variants") ne "" ? "variants: " . meta("variants") . " (" . meta("A") . ")" : \
	X . " " . meta("A") . (strlen(meta("A") . meta("B")) > 80 ? "\n" : ", ") . Y . " " . meta("B")
# The levels of each machine, "L1:32768 L2:1048576"; where the size of a level
# differs, the sizes between the two are shaded on byte axes.
cx = meta("cache " . X); cy = meta("cache " . Y)
level_size(c, l) = (strstrt(c, sprintf("L%d:", l)) ? \
	real(word(c[strstrt(c, sprintf("L%d:", l)) + strlen(sprintf("L%d:", l)):], 1)) : 0)
# A CI bound, or the ratio itself where there is none.
# (By text: a NaN read as a number makes gnuplot drop the whole row.)
has_ci(c) = strstrt(strcol(c), "nan") == 0
ci(c) = has_ci(c) ? column(c) : column(2)
# Above each point: its verdict (none between machines), or that it has no CI.
# (Not where the title already says no point has one.)
noci = strstrt(meta("n"), "no CI") > 0
verdict(c) = has_ci(3) ? (machines || strcol(c) eq "-" ? "" : strcol(c)) : (noci ? "" : "no CI")
kib(b) = b >= 1048576 ? sprintf("%.0fM", b / 1048576.0) : sprintf("%.0fK", b / 1024.0)
note = meta("modelled") eq "yes" ? \
	"\nMODELLED: a cache model's cycles per op (qemu-run --model), not measured; EMULATED guest" : \
	meta("icount") eq "yes" ? \
	"\nEMULATED (QEMU, icount): ns are instruction counts, not time; no caches modelled" : \
	meta("emulated") eq "yes" ? "\nEMULATED (QEMU TCG): not hardware timings" : ""

set datafile separator "\t"
set logscale y 2
set grid
set key off
set ylabel Y . "/" . X . " (95% CI)"
set format y "%g"
set offsets graph 0.05, graph 0.05, graph 0.15, graph 0.1
# No change: a line at 1.0 across every panel, whatever its x range (the
# invisible dots at 1 below keep 1.0 inside the y range).
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 linecolor rgb "black"

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size 900,(260 * n + 140) dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size 900,(260 * n + 140) enhanced font "sans,10"
	}
	set output out . "." . fmt
	set multiplot layout n,1 scale 1,0.95 offset 0,0.006 title sprintf("%s/%s of each point's %s, %s%s\n%s%s", Y, X, \
		meta("stat"), meta("n"), machines ? ", no verdicts: machines are not a treatment" : "", \
		what, note) noenhanced
	# Where the data came from, once, at the foot.
	set label 99 "data: " . meta("data") at screen 0.005, screen 0.006 left font ",7" noenhanced
	do for [i = 1:n] {
		if (axis(i) eq "bytes") {
			set logscale x 2
			set format x "%.0b%B"
			set xlabel "buffer size"
		} else {
			if (axis(i) eq "pages") {
				set logscale x 2
				set format x "%.0f"
				set xlabel "pages"
			} else {
				unset logscale x
				set format x ""
				set xlabel ""
			}
		}
		# What the panel holds, read with every range free (one-column stats
		# keep to the x range, the last panel's otherwise): its x values,
		# the span of its CIs, and how many rows have a CI (each counts 2
		# with one, 1 without: a log axis would drop a 0).
		set autoscale x
		set autoscale y
		stats f index (i - 1) using 1 nooutput
		xlo = STATS_min; xhi = STATS_max
		stats f index (i - 1) using (ci(3)) nooutput
		ylo = STATS_min
		stats f index (i - 1) using (ci(4)) nooutput
		yhi = STATS_max
		stats f index (i - 1) using (has_ci(3) ? 2 : 1) nooutput
		band = STATS_sum - STATS_records >= 2
		# One point, or one value (no CI, at 1.0): a range around it, where
		# gnuplot would warn of an empty one.
		if (xlo == xhi) {
			set xrange [xlo / 2:xhi * 2]
		}
		if (ylo == yhi) {
			set yrange [ylo / 2:yhi * 2]
		}
		unset object
		if (machines && axis(i) eq "bytes") {
			do for [l = 1:4] {
				a = level_size(cx, l); b = level_size(cy, l)
				if (a > 0 && b > 0 && a != b) {
					set object rectangle from (a < b ? a : b), graph 0 to (a < b ? b : a), graph 1 \
						fillcolor rgb "#fdd0a2" fillstyle solid 0.5 noborder behind
					set label 10 + l sprintf("L%d: %s on %s, %s on %s", l, kib(a), X, kib(b), Y) \
						at (a < b ? a : b), graph 0.92 offset 0.5, 0 font ",8"
				}
			}
		}
		set title opname(i) noenhanced
		# The band where two points or more have a CI; a point without one
		# (one run a side) is drawn alone and says so.
		if (band) {			plot f index (i - 1) using 1:3:4 with filledcurves \
					fillcolor rgb "#c6dbef" fillstyle solid 0.6 noborder, \
				'' index (i - 1) using 1:2:(ci(3)):(ci(4)) with yerrorlines pointtype 7 \
					linecolor rgb "#08519c", \
				'' index (i - 1) using 1:(ci(4)):(verdict(5)) with labels offset 0, 0.8 \
					noenhanced, \
				'' index (i - 1) using 1:(1) with dots linecolor rgb "black"
		} else {
			plot f index (i - 1) using 1:2:(ci(3)):(ci(4)) with yerrorlines pointtype 7 \
					linecolor rgb "#08519c", \
				'' index (i - 1) using 1:(ci(4)):(verdict(5)) with labels offset 0, 0.8 \
					noenhanced, \
				'' index (i - 1) using 1:(1) with dots linecolor rgb "black"
		}
		unset label
	}
	unset multiplot
}
