# Every op of a SoC comparison normalised to the baseline machine: each
# machine's Y/X per point as a dot with its 95% CI as whiskers, the
# machines side by side at each point, the geomean over all points last
# (shaded), log y, a dashed line at 1.0 (the baseline). No verdicts:
# machines are not a treatment. The title names the machines and says
# EMULATED when they were; the foot names the data.
#
# usage: cmbench compare --matrix --plot-data DIR FILES...
#        gnuplot -e "dir='DIR'; out='results/x/compare-ops'" plots/compare-ops.gp
# Writes OUT.svg and OUT.png.

if (!exists("dir") || !exists("out")) {
	print "usage: gnuplot -e \"dir='PLOT-DATA DIR'; out='BASENAME'\" plots/compare-ops.gp"
	exit status 2
}
f = dir . "/ops.dat"
meta(k) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n 1", k, f))
machines = system(sprintf("sed -n 's/^# machine \\(.\\): \\(.*\\)/\\1=\\2/p' '%s' | tr ' ' '_' | tr '\\n' ' '", f))
m = words(machines) - 1
name(k) = system(sprintf("sed -n 's/^# machine %s: //p' '%s'", word(machines, k + 1)[1:1], f))
letter(k) = word(machines, k + 1)[1:1]
rows = system(sprintf("awk -F'\\t' '!/^#/ && NF { if ($1 + 1 > n) n = $1 + 1 } END { print n + 0 }' '%s'", f)) + 0
note = meta("modelled") eq "yes" ? \
	"\nMODELLED: a cache model's cycles per op (qemu-run --model), not measured; EMULATED guest" : \
	meta("icount") eq "yes" ? \
	"\nEMULATED (QEMU, icount): ns are instruction counts, not time; no caches modelled" : \
	meta("emulated") eq "yes" ? "\nEMULATED (QEMU TCG): not hardware timings" : ""
# The dots of each machine a little apart at each point.
shift(k) = (k - (m + 1) / 2.0) * 0.7 / m

set datafile separator "\t"
set logscale y 2
set format y "%.2f"
set ylabel sprintf("ratio to %s (95%% CI)", letter(0))
set grid ytics
set xrange [-0.7:rows - 0.3]
set xtics rotate by -40 left scale 0 font ",9" noenhanced
set bmargin 9
set key top left box opaque
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dashtype 2 linecolor rgb "black"
# The geomean, the last index, shaded.
set object 1 rectangle from rows - 1.5, graph 0 to rows - 0.3, graph 1 \
	fillcolor rgb "#eeeeee" fillstyle solid 1 noborder behind

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size (320 + 40 * rows),600 dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size (320 + 40 * rows),600 enhanced font "sans,10"
	}
	set output out . "." . fmt
	set title sprintf("each op against %s (%s), %s; %s%s", letter(0), name(0), meta("stat"), \
		meta("n"), note) noenhanced
	set label 99 "data: " . f at screen 0.005, screen 0.015 left font ",7" noenhanced
	# The tics once, from the block of the first machine, at each point.
	plot for [k = 1:m] f index (k - 1) using ($1 + shift(k)):4:5:6 \
		with yerrorbars pointtype 7 pointsize 0.8 linecolor k \
		title sprintf("%s: %s", letter(k), name(k)) noenhanced, \
		f index 0 using 1:(1):xticlabels(2) with dots linecolor rgb "black" notitle
	unset label 99
	set output
}
