# Flush cost: clean+invalidate to PoC by VA against buffer size.
# Top: ns per operation: each point's centre (the geometric mean of its
# runs' medians) with its 95% CI over the runs as whiskers, log-log.
# Bottom: ns per D-cache line at the centre, log x.
# One line per input file (one per target or kernel), titled with the label
# cmbench recorded; the plot says so in its title when any input came from
# an emulator.
#
# usage: gnuplot -e "files='a.tsv b.tsv'; out='results/demo/flush-cost'" \
#                plots/flush-cost.gp
# Inputs are "cmbench export" TSVs; writes OUT.svg and OUT.png.

if (!exists("files") || !exists("out")) {
	print "usage: gnuplot -e \"files='A.tsv B.tsv'; out='BASENAME'\" plots/flush-cost.gp"
	exit status 2
}
if (!exists("state")) state = "dirty"

label(f) = system(sprintf("sed -n 's/^# label: //p' '%s'", f))
emulated = system(sprintf("cat %s | grep -c '^# emulated: yes' || true", files)) + 0
note = emulated ? "\nEMULATED (QEMU TCG): not hardware timings, caches are not modelled" : ""

set datafile separator "\t"
set datafile missing "NaN"
# Column numbers of the cmbench export TSV (see results/README.md).
OP = 1; STATE = 2; SIZE = 3; NSLINE = 14; LO = 18; HI = 19; CENTRE = 23; RUNS = 24
mine(c) = (strcol(OP) eq "flush" && strcol(STATE) eq state) ? column(c) : NaN

# Cache levels of the first input ("# cache: L1 data 32768"): dotted
# lines where the buffer stops fitting in each.
caches = system(sprintf("awk '/^# cache: /{ printf \"%%s:%%s \", $3, $5 }' '%s'", word(files, 1)))
do for [c in caches] {
	at = real(c[strstrt(c, ":") + 1:])
	set arrow from at, graph 0 to at, graph 1 nohead dashtype 3 linecolor rgb "gray40"
	set label sprintf("%s", c[1:strstrt(c, ":") - 1]) at at, graph 0.05 right \
		offset -0.3, 0 textcolor rgb "gray40"
}

set logscale x 2
set format x "%.0b%B"
set xlabel "buffer size (bytes)"
set grid xtics ytics mxtics
set key top left box opaque

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size 900,900 dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size 900,900 enhanced font "sans,10"
	}
	set output out . "." . fmt
	set multiplot layout 2,1 title sprintf("flush: clean+invalidate to PoC by VA, buffer %s before each iteration%s", state, note)

	set logscale y 10
	set ylabel "ns per operation (centre; bars: 95% CI over the runs)"
	plot for [f in files] f using (mine(SIZE)):(mine(CENTRE)):(mine(LO)):(mine(HI)) \
		with yerrorlines pointtype 7 pointsize 0.6 title label(f)

	unset logscale y
	set yrange [0:*]
	set ylabel "ns per cache line (centre)"
	plot for [f in files] f using (mine(SIZE)):(mine(NSLINE)) \
		with linespoints pointtype 7 pointsize 0.6 title label(f)
	set autoscale y

	unset multiplot
	set output
}
