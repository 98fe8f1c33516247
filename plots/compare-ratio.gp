# B against A: the ratio B/A of each point, with its 95% CI as a band
# (whiskers where an op has one point), against the op's own axis (buffer
# size, or pages); a dashed line at 1.0, no change. One panel per op, each
# point labelled with its verdict. The title gives both kernels (or the
# two variants), the number of boots and what was compared, and says when
# the boots ran in an emulator.
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
what = meta("variants") ne "" ? "variants: " . meta("variants") . " (" . meta("A") . ")" : \
	"A " . meta("A") . ", B " . meta("B")
note = meta("emulated") eq "yes" ? "\nEMULATED (QEMU TCG): not hardware timings" : ""

set datafile separator "\t"
set logscale y 2
set grid
set key off
set ylabel "B/A (95% CI)"
set format y "%.2f"
set offsets graph 0.05, graph 0.05, graph 0.15, graph 0.1
# No change: a line at 1.0 across every panel, whatever its x range (the
# invisible dots at 1 below keep 1.0 inside the y range).
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 linecolor rgb "black"

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size 900,(260 * n + 120) dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size 900,(260 * n + 120) enhanced font "sans,10"
	}
	set output out . "." . fmt
	set multiplot layout n,1 title sprintf("B/A of each point's %s, %s\n%s%s", \
		meta("stat"), meta("n"), what, note) noenhanced
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
		set title opname(i) noenhanced
		plot f index (i - 1) using 1:3:4 with filledcurves fillcolor rgb "#c6dbef" \
				fillstyle solid 0.6 noborder, \
			'' index (i - 1) using 1:2:3:4 with yerrorlines pointtype 7 \
				linecolor rgb "#08519c", \
			'' index (i - 1) using 1:(column(4) == column(4) ? column(4) : column(2)):5 \
				with labels offset 0, 0.8 noenhanced, \
			'' index (i - 1) using 1:(1) with dots linecolor rgb "black"
	}
	unset multiplot
}
