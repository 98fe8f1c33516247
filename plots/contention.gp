# Lock contention: what T threads running one op at once get, against T.
# Top: total throughput (all threads' ops per second). Bottom: latency
# p50 (solid) and p99 (dashed) per op. One line per (op, parameter) in
# each input, titled with the input's label; the title says when any input
# came from an emulator.
#
# usage: gnuplot -e "files='a.tsv b.tsv'; out='results/x/contention'" \
#                plots/contention.gp
# Inputs are "cmbench export" TSVs of runs with --threads; writes OUT.svg
# and OUT.png.

if (!exists("files") || !exists("out")) {
	print "usage: gnuplot -e \"files='A.tsv B.tsv'; out='BASENAME'\" plots/contention.gp"
	exit status 2
}
here = system("dirname " . ARG0)
label(f) = system(sprintf("sed -n 's/^# label: //p' '%s'", f))
blocks(f) = system(sprintf("awk -v list=1 -f '%s/groups.awk' '%s' | wc -l", here, f)) + 0
group(f, i) = system(sprintf("awk -v list=1 -f '%s/groups.awk' '%s' | sed -n '%dp'", here, f, i))
src(f) = sprintf("< awk -f '%s/groups.awk' '%s'", here, f)
# Groups in the files before file k: colours run on across files.
before(k) = k <= 1 ? 0 : before(k - 1) + blocks(word(files, k - 1))
emulated = system(sprintf("cat %s | grep -c '^# emulated: yes' || true", files)) + 0
note = emulated ? "\nEMULATED (QEMU TCG): not hardware timings" : ""

set datafile separator "\t"
set datafile missing "NaN"
# Columns of the cmbench export TSV (see results/README.md).
P50 = 8; P99 = 10; THREADS = 21; OPS = 22

set xlabel "threads running the op at once"
set xtics 1
set grid
set key outside right top Left reverse noenhanced

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size 1100,900 dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size 1100,900 enhanced font "sans,10"
	}
	set output out . "." . fmt
	set multiplot layout 2,1 title "contention: throughput and latency against threads" . note

	# One colour per group across all files, the same in both panels.
	set ylabel "ops per second, all threads"
	set logscale y
	plot for [k = 1:words(files)] for [i = 1:blocks(word(files, k))] \
		src(word(files, k)) index (i - 1) \
		using (column(THREADS)):(column(OPS)) with linespoints pointtype 7 \
		linecolor before(k) + i \
		title sprintf("%s: %s", label(word(files, k)), group(word(files, k), i))

	set ylabel "ns per op: p50 (solid), p99 (dashed)"
	plot for [k = 1:words(files)] for [i = 1:blocks(word(files, k))] \
		src(word(files, k)) index (i - 1) \
		using (column(THREADS)):(column(P50)) with linespoints pointtype 7 \
		linecolor before(k) + i \
		title sprintf("%s: %s", label(word(files, k)), group(word(files, k), i)), \
		for [k = 1:words(files)] for [i = 1:blocks(word(files, k))] \
		src(word(files, k)) index (i - 1) \
		using (column(THREADS)):(column(P99)) with lines dashtype 2 \
		linecolor before(k) + i notitle
	unset logscale y

	unset multiplot
	set output
}
