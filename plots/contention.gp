# Lock contention: what T threads running one op at once get, against T.
# Top: throughput of all threads, sustained (solid: wall time less the
# harness's own work) and of the timed calls alone (dashed); the gap is
# work deferred out of the timed call or stalls. Bottom: ns per op, the
# centre with its 95% CI over the runs (solid) and the sustained cost
# (dashed). One line per (op, parameter) in each input, titled as said
# below. The key sits below the top panel,
# so the panels keep the full width. The title says when any input came
# from an emulator, and when any point ran more threads than the
# emulator's host has CPUs; the foot names the data.
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
meta(f, key) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n 1", key, f))
# A colour per (label, op and parameter): the files of one label (one
# machine and kernel: several boots) share their ops' colours, and only
# the first file of each carries its title: the machine where each
# machine has one label, else the label, and nothing where all files share
# one (it heads the plot).
# (gnuplot 5.4 cuts a sprintf() result short after "%%": commands that
# need a "%" are built by concatenation.)
slug(f, key) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n 1 | tr ' ' '_'", key, f))
list(key) = " " . system("for f in " . files . "; do sed -n 's/^# " . key . ": //p' \"$f\" | head -n 1 | tr ' ' '_'; done | awk '!s[$0]++' | tr '\n' ' '")
labels = words(list("label")); machines = words(list("machine"))
# " LABEL/GROUP=FILE ...": each key once, with the first file that has it.
keys = " " . system("for f in " . files . "; do l=$(sed -n 's/^# label: //p' \"$f\" | head -n 1 | tr ' ' '_'); awk -v list=1 -f '" . here . "/groups.awk' \"$f\" | tr ' ' '_' | while read -r g; do echo \"$l/$g $f\"; done; done | awk '!s[$1]++ { printf \"%s=%s \", $1, $2 }'")
key(f, i) = slug(f, "label") . "/" . system(sprintf("awk -v list=1 -f '%s/groups.awk' '%s' | sed -n '%dp' | tr ' ' '_'", here, f, i))
colour(f, k, i) = words(keys[1:strstrt(keys, " " . key(f, i) . "=")]) + 1
first(f, i) = strstrt(keys, " " . key(f, i) . "=" . f . " ") > 0
label(f) = labels == 1 ? "" : (labels == machines ? meta(f, "machine") : meta(f, "label")) . ": "
heading = labels == 1 ? "\n" . meta(word(files, 1), "label") : ""
# The foot names the result files of the first three inputs, and counts the rest.
sources = system(sprintf("for f in %s; do sed -n 's/^# source: //p' \"$f\"; done | sed -n '1,3{s|.*/||;p;}' | tr '\\n' ' '", files)) . \
	(words(files) > 3 ? sprintf(" and %d more", words(files) - 3) : "")
blocks(f) = system(sprintf("awk -v list=1 -f '%s/groups.awk' '%s' | wc -l", here, f)) + 0
group(f, i) = system(sprintf("awk -v list=1 -f '%s/groups.awk' '%s' | sed -n '%dp'", here, f, i))
src(f) = sprintf("< awk -f '%s/groups.awk' '%s'", here, f)
emulated = system(sprintf("cat %s | grep -c '^# emulated: yes' || true", files)) + 0
overcommit = system(sprintf("cat %s | grep -c '^# warning: .*overcommitted' || true", files)) + 0
icount = system(sprintf("cat %s | grep -c '^# icount: yes' || true", files)) + 0
# A file read from an older schema (results/README.md, "Older files").
upgraded = system(sprintf("cat %s | grep -c '^# upgraded: ' || true", files)) + 0
note = (icount ? "\nEMULATED (QEMU, icount): ns are instructions; vCPUs take turns, so threads do not contend" : \
	emulated ? "\nEMULATED (QEMU TCG): not hardware timings" : "") . \
	(overcommit ? "; open circles: more threads than host CPUs, vCPUs preempted" : "") . \
	(upgraded ? "\nUPGRADED from an older result schema: CIs from its runs (see its notes)" : "")

set datafile separator "\t"
# Columns of the cmbench export TSV (see results/README.md).
THREADS = 21; OPS = 22; LO = 18; HI = 19; CENTRE = 23; SUST = 27; TIMED_OPS = 30
OVER = 32
# A CI bound, or the centre where a point has none (one run): a NaN read as
# a number would drop the whole point.
bound(c) = strcol(c) eq "NaN" ? column(CENTRE) : column(c)
# An overcommitted point is drawn as an open circle.
pt(o) = (o != 0) ? 6 : 7

set xlabel "threads running the op at once"
set xtics 1
set grid
set key below Left reverse noenhanced maxcols 2

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size 1000,1000 dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size 1000,1000 enhanced font "sans,10"
	}
	set output out . "." . fmt
	set multiplot layout 2,1 scale 1,0.95 offset 0,0.01 title "contention: throughput and latency against threads" . heading . note
	set label 99 "data: " . sources at screen 0.005, screen 0.006 left font ",7" noenhanced

	# One colour per group across all files, the same in both panels.
	set ylabel "ops/s, all threads: sustained (solid), timed (dashed)"
	set logscale y
	plot for [k = 1:words(files)] for [i = 1:blocks(word(files, k))] \
		src(word(files, k)) index (i - 1) \
		using (column(THREADS)):(column(OPS)):(pt(column(OVER))) \
		with linespoints pointtype variable linecolor colour(word(files, k), k, i) \
		title (first(word(files, k), i) ? sprintf("%s%s", label(word(files, k)), group(word(files, k), i)) : ""), \
		for [k = 1:words(files)] for [i = 1:blocks(word(files, k))] \
		src(word(files, k)) index (i - 1) \
		using (column(THREADS)):(column(TIMED_OPS)) with lines dashtype 2 \
		linecolor colour(word(files, k), k, i) notitle
	unset label 99

	set ylabel (icount ? "instructions (icount ns)" : "ns") . " per op: centre, 95% CI (solid); sustained (dashed)"
	plot for [k = 1:words(files)] for [i = 1:blocks(word(files, k))] \
		src(word(files, k)) index (i - 1) \
		using (column(THREADS)):(column(CENTRE)):(bound(LO)):(bound(HI)):(pt(column(OVER))) \
		with yerrorlines pointtype variable linecolor colour(word(files, k), k, i) notitle, \
		for [k = 1:words(files)] for [i = 1:blocks(word(files, k))] \
		src(word(files, k)) index (i - 1) \
		using (column(THREADS)):(column(SUST)) with lines dashtype 2 \
		linecolor colour(word(files, k), k, i) notitle
	unset logscale y

	unset multiplot
	set output
}
