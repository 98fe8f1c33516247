# Flush cost: clean+invalidate to PoC by VA against buffer size, for one
# or more machines or kernels.
# Top: ns per operation: each point's centre (the geometric mean of its
# runs' medians) with its 95% CI over the runs as whiskers, log-log.
# Middle: ns per D-cache line at the centre, log-log.
# Bottom (when any input has cycles, from --clock cycles): CPU cycles per
# D-cache line, which compares microarchitectures where ns compare
# products; or, when any input has a cache model's figures (qemu-run
# --model, cmbench model), its MODELLED cycles per D-cache line.
# Each machine's own cache levels are marked in the colour of its first
# file and labelled with it ("Cortex-A72 L2 1M"): the machines' levels
# differ, and that is where their curves bend. A line per file; the files
# of one label (several boots of one kernel on one machine) share a colour
# and a title, so their spread shows. The title says EMULATED when any input came from an emulator;
# the foot names the files.
#
# usage: gnuplot -e "files='a.tsv b.tsv'; out='results/demo/flush-cost'" \
#                plots/flush-cost.gp
# Inputs are "cmbench export" TSVs; writes OUT.svg and OUT.png.

if (!exists("files") || !exists("out")) {
	print "usage: gnuplot -e \"files='A.tsv B.tsv'; out='BASENAME'\" plots/flush-cost.gp"
	exit status 2
}
if (!exists("state")) state = "dirty"

meta(f, key) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n 1", key, f))
# Files of one label (one machine and kernel: several boots) share a
# colour, and only the first carries the title (with its count of files).
# Lines are titled with the machine where there are several machines,
# each with one label, else with the label. The cache marks of a machine
# come once, from its first file.
# (gnuplot 5.4 cuts a sprintf() result short after "%%": commands that
# need a "%" are built by concatenation.)
slug(f, key) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -n 1 | tr ' ' '_'", key, f))
list(key) = " " . system("for f in " . files . "; do sed -n 's/^# " . key . ": //p' \"$f\" | head -n 1 | tr ' ' '_'; done | awk '!s[$0]++' | tr '\n' ' '")
firsts(key) = " " . system("for f in " . files . "; do echo \"$(sed -n 's/^# " . key . ": //p' \"$f\" | head -n 1 | tr ' ' '_') $f\"; done | awk '!s[$1]++ { printf \"%s \", $2 }'")
llist = list("label"); lfirsts = firsts("label"); mfirsts = firsts("machine")
labels = words(llist); machines = words(list("machine"))
lindex(f) = words(llist[1:strstrt(llist, " " . slug(f, "label") . " ")]) + 1
first(f) = strstrt(lfirsts, " " . f . " ") > 0
mfirst(f) = strstrt(mfirsts, " " . f . " ") > 0
count(f) = system(sprintf("for f in %s; do sed -n 's/^# label: //p' \"$f\" | head -n 1; done | grep -cxF '%s'", files, meta(f, "label"))) + 0
name(f) = labels == machines && machines > 1 ? meta(f, "machine") : meta(f, "label")
title(f) = first(f) ? name(f) . (count(f) > 1 ? sprintf(" (%d files)", count(f)) : "") : ""
colour(f, i) = lindex(f)
emulated = system(sprintf("cat %s | grep -c '^# emulated: yes' || true", files)) + 0
icount = system(sprintf("cat %s | grep -c '^# icount: yes' || true", files)) + 0
# Panel 3 shows a cache model's cycles (cmbench model) where any input has them.
modelled = system(sprintf("cat %s | awk -F'\\t' '!/^#/ && $37 != \"\" && $37 != \"NaN\" { n++ } END { print n + 0 }'", files)) + 0
# A file read from an older schema (results/README.md, "Older files").
upgraded = system(sprintf("cat %s | grep -c '^# upgraded: ' || true", files)) + 0
note = (icount ? "\nEMULATED (QEMU, icount): ns are instruction counts, a flush's is its loop's; no caches" : \
	modelled ? "\nEMULATED (QEMU TCG): ns are TCG's, not hardware's; the bottom panel is a cache model's, MODELLED" : \
	emulated ? "\nEMULATED (QEMU TCG): not hardware timings, caches are not modelled" : "") . \
	(upgraded ? "\nUPGRADED from an older result schema: CIs from its runs (see its notes)" : "")
# The foot names the result files of the first three inputs, and counts the rest.
sources = system(sprintf("for f in %s; do sed -n 's/^# source: //p' \"$f\"; done | sed -n '1,3{s|.*/||;p;}' | tr '\\n' ' '", files)) . \
	(words(files) > 3 ? sprintf(" and %d more", words(files) - 3) : "")
# Panel 3 only when some input counted cycles around the timed calls.
cycles = system(sprintf("cat %s | awk -F'\\t' '!/^#/ && $33 != \"\" && $33 != \"NaN\" { n++ } END { print n + 0 }'", files)) + 0

set datafile separator "\t"
# Column numbers of the cmbench export TSV (see results/README.md).
OP = 1; STATE = 2; SIZE = 3; LINES = 5; NSLINE = 14; LO = 18; HI = 19; CENTRE = 23
CYCLES = 33; MODEL = 37
mine(c) = (strcol(OP) eq "flush" && strcol(STATE) eq state) ? column(c) : NaN
per_line(c) = mine(c) / column(LINES)
# A CI bound, or the centre where a point has none (one run): by text, as
# a NaN read as a number would drop the whole point.
bound(c) = strcol(c) eq "NaN" ? mine(CENTRE) : mine(c)

# "Cortex-A72, emulated" is "Cortex-A72" at a mark: the title says EMULATED
# ("Cortex-A57, emulated, model a53": "Cortex-A57, model a53").
short(t) = strstrt(t, ", emulated") ? t[1:strstrt(t, ", emulated") - 1] . t[strstrt(t, ", emulated") + 10:] : t
size_name(b) = b >= 1048576 ? sprintf("%.0fM", b / 1048576.0) : sprintf("%.0fK", b / 1024.0)
set logscale x 2
set format x "%.0b%B"
set xlabel "buffer size (bytes)"
set grid xtics ytics mxtics
set key bottom right box opaque font ",9"
set bmargin 4

do for [fmt in "svg png"] {
	if (fmt eq "svg") {
		set terminal svg size 900,(cycles || modelled ? 1200 : 900) dynamic enhanced font "sans,11"
	} else {
		set terminal pngcairo size 900,(cycles || modelled ? 1200 : 900) enhanced font "sans,10"
	}
	set output out . "." . fmt
	set multiplot layout (cycles || modelled ? 3 : 2),1 title \
		sprintf("flush: clean+invalidate to PoC by VA, buffer %s before each iteration%s", state, note)
	# The cache levels of every machine ("# cache: L1 data 32768"), in its colour,
	# labels side by side where two inputs share a size.
	unset arrow
	i = 0
	do for [f in files] {
		i = i + 1
		if (mfirst(f)) {
			k = colour(f, i)
			caches = system("awk '/^# cache: /{ printf \"%s:%s \", $3, $5 }' '" . f . "'")
			do for [c in caches] {
				at = real(c[strstrt(c, ":") + 1:])
				set arrow from at, graph 0 to at, graph 1 nohead dashtype 3 linecolor k
				set label sprintf("%s %s %s", short(meta(f, "machine")), \
					c[1:strstrt(c, ":") - 1], size_name(at)) \
					at at, graph 0.97 right rotate by 90 offset (k - 1) * 1.1 + 0.8, 0 \
					textcolor lt k font ",8"
			}
		}
	}
	set label 100 "data: " . sources at screen 0.01, screen 0.01 left font ",8" noenhanced

	set logscale y 10
	set ylabel (icount ? "instructions (icount ns)" : "ns") . " per operation (centre; bars: 95% CI over the runs)"
	plot for [i = 1:words(files)] word(files, i) \
		using (mine(SIZE)):(mine(CENTRE)):(bound(LO)):(bound(HI)) with yerrorlines \
		pointtype 7 pointsize 0.6 linecolor colour(word(files, i), i) title title(word(files, i))
	# The labels of the marks once, on the top panel; the marks on every one.
	unset label
	set key top right

	set ylabel (icount ? "instructions (icount ns)" : "ns") . " per cache line (centre)"
	plot for [i = 1:words(files)] word(files, i) using (mine(SIZE)):(mine(NSLINE)) \
		with linespoints pointtype 7 pointsize 0.6 linecolor colour(word(files, i), i) \
		title title(word(files, i))
	if (modelled) {
		set ylabel "MODELLED cycles per cache line (cache model)"
		plot for [i = 1:words(files)] word(files, i) using (mine(SIZE)):(per_line(MODEL)) \
			with linespoints pointtype 7 pointsize 0.6 linecolor colour(word(files, i), i) \
			title title(word(files, i))
	}
	if (!modelled && cycles) {
		set ylabel "CPU cycles per cache line (--clock cycles)"
		plot for [i = 1:words(files)] word(files, i) using (mine(SIZE)):(per_line(CYCLES)) \
			with linespoints pointtype 7 pointsize 0.6 linecolor colour(word(files, i), i) \
			title title(word(files, i))
	}
	set key bottom right

	unset multiplot
	set output
}
