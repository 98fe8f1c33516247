# make check area: what a reviewer reads, made from what the e2e area's
# guests measured (two targets: two machines, two kernels). Every line of
# report --mail and of compare is at most 72 columns, on every result file
# (the ops' long parameters among them); a compare of two machines carries
# the banner and no verdict word, and its numbers hold together; every
# plot script renders without a word from gnuplot and with a non-empty
# PNG; a published bundle's reproduce.sh makes the same .tsv and .dat
# files again, byte for byte, and renders with gnuplot alone. Sourced by
# tests/run-all.

# width DESC FILE: no line of FILE over 72 columns (the plus-minus and
# theta are one column each, two bytes).
width() {
	if sed 's/\xc2\xb1/+/g; s/\xce\xb8/t/g' "$2" | awk 'length > 72 { bad++ } END { exit bad > 0 }'; then
		ok "$1"
	else
		not_ok "$1: lines over 72 columns"
		sed 's/\xc2\xb1/+/g; s/\xce\xb8/t/g' "$2" | awk 'length > 72' >"$KT_TMP/wide"
		show "$KT_TMP/wide"
	fi
}

# near A B REL: A is within a relative REL of B, B positive.
near() {
	awk -v a="$1" -v b="$2" -v r="$3" 'BEGIN { exit !(b > 0 && (a - b) / b < r && (b - a) / b < r) }'
}

# no_verdicts DESC FILE: none of compare's verdict words in FILE.
no_verdicts() {
	if grep -qiwE 'faster|slower|same' "$2"; then
		not_ok "$1"
		show "$2"
	else
		ok "$1"
	fi
}

# renders DESC ERR PNG...: gnuplot said nothing (ERR empty) and each PNG
# is a PNG of some size.
renders() {
	_d=$1 _err=$2
	shift 2
	for _p in "$@"; do
		if [ ! -s "$_p" ] || [ "$(head -c 4 "$_p" | od -An -c | tr -d ' ')" != '211PNG' ] ||
			[ "$(wc -c <"$_p")" -lt 2000 ]; then
			not_ok "$_d: $_p is not a drawn PNG"
			return
		fi
	done
	if [ -s "$_err" ]; then
		not_ok "$_d: gnuplot said something"
		show "$_err"
	else
		ok "$_d"
	fi
}

review_mail() {
	x=$1 y=$2
	for d in "$x" "$y"; do
		tg=${d##*/e2e-}
		n=$(ls "$d"/*.jsonl "$d"/ops/*.jsonl | wc -l)
		expect_status "$tg: report --mail of all $n result files" 0 "" \
			"$CMB" report --mail "$d"/*.jsonl "$d"/ops/*.jsonl
		cp "$KT_TMP/out" "$KT_TMP/mail"
		width "$tg: report --mail of every result file: 72 columns" "$KT_TMP/mail"
		has "$tg: report --mail says it was emulated, once" "$KT_TMP/mail" "EMULATED: qemu-system-"
		# The header is wrapped: its lines joined before looking.
		tr '\n' ' ' <"$KT_TMP/mail" | tr -s ' ' >"$KT_TMP/mail1"
		has "$tg: report --mail says what the spread is" "$KT_TMP/mail1" \
			"its 95% CI half-width over the runs"
		# The row of the null run: its run count and centre as the file has them.
		runs=$(jget "$d/null.jsonl" 'point[0].runs')
		centre=$(jget "$d/null.jsonl" 'point[0].sampling.centre_ns')
		"$CMB" report --mail "$d/null.jsonl" | awk -v r="$runs" -v c="$centre" '
			$1 == "null" { got = $3; t = $4 }
			END {
				v = t + 0; u = t; sub(/^[0-9.]+/, "", u)
				v *= (u == "us") ? 1e3 : (u == "ms") ? 1e6 : 1
				exit !(got == r && v > 0 && (v - c) / c < 0.01 && (c - v) / c < 0.01)
			}' && ok "$tg: report --mail: the null row has the file's runs ($runs) and centre" ||
			not_ok "$tg: report --mail: the null row is not the file's runs $runs, centre $centre"
	done
	"$CMB" report --mail --ascii "$x"/ops/*.jsonl >"$KT_TMP/ascii"
	if [ "$(LC_ALL=C tr -d '\000-\177' <"$KT_TMP/ascii" | wc -c)" = 0 ] &&
		grep -q '+-' "$KT_TMP/ascii"; then
		ok "report --mail --ascii: plain ASCII, +- for the sign"
	else
		not_ok "report --mail --ascii has bytes beyond ASCII"
	fi
}

review_machines() {
	x=$1 y=$2
	"$CMB" compare "$x/flush.jsonl" "$x/null.jsonl" vs "$y/flush.jsonl" "$y/null.jsonl" \
		>"$KT_TMP/m.txt" 2>&1
	width "machines: compare's text, 72 columns" "$KT_TMP/m.txt"
	has "machines: compare says Y against X" "$KT_TMP/m.txt" "machines: Y against X"
	has "machines: the banner names the kernels' difference" "$KT_TMP/m.txt" \
		"NOTE: the sides also differ in kernel"
	no_verdicts "machines: no faster, slower or same anywhere" "$KT_TMP/m.txt"
	"$CMB" compare --format json -o "$KT_TMP/m.json" --plot-data "$KT_TMP/mplot" \
		"$x/flush.jsonl" "$x/null.jsonl" vs "$y/flush.jsonl" "$y/null.jsonl" >/dev/null 2>&1
	jcheck "machines: JSON: machines, no verdict on any row, the kernels named" "$KT_TMP/m.json" \
		'header.machines == true' 'header.rows[*].verdict == ""' \
		'header.geomean.verdict == ""' 'header.differs_in ~ ^kernel \(' \
		'count(header.regions[*]) >= 2'
	# Each region's ratio is Y's ns per line over X's.
	if jget "$KT_TMP/m.json" 'header.regions[*].per_line[0]' >"$KT_TMP/px" &&
		jget "$KT_TMP/m.json" 'header.regions[*].per_line[1]' >"$KT_TMP/py" &&
		jget "$KT_TMP/m.json" 'header.regions[*].ratio' >"$KT_TMP/pr" &&
		paste "$KT_TMP/px" "$KT_TMP/py" "$KT_TMP/pr" | awk '
			{ n++; d = $2 / $1 / $3 - 1; if (d > 1e-6 || d < -1e-6 || !($1 > 0)) bad++ }
			END { exit bad || !n }'; then
		ok "machines: each cache region's Y/X is Y's ns per line over X's"
	else
		not_ok "machines: a region's ratio is not per_line Y / per_line X"
		show "$KT_TMP/m.json"
	fi
	# One boot each: the cycles compare's values are the files' cycles per op.
	"$CMB" compare --stat cycles --format json -o "$KT_TMP/c.json" "$x/cycles.jsonl" vs \
		"$y/cycles.jsonl" >/dev/null 2>&1
	want=$(jget "$x/cycles.jsonl" 'point[0].cycles.per_op')
	got=$(jget "$KT_TMP/c.json" 'header.rows[0].a_ns')
	if near "$got" "$want" 1e-6; then
		ok "machines: --stat cycles compares the files' cycles per op ($want)"
	else
		not_ok "machines: --stat cycles gave $got, the file has $want cycles per op"
	fi
	# The matrix's column is the pairwise comparison's ratio.
	"$CMB" compare --matrix "$x/flush.jsonl" "$y/flush.jsonl" >"$KT_TMP/mx.txt" 2>&1
	width "matrix: 72 columns" "$KT_TMP/mx.txt"
	no_verdicts "matrix: no verdict words" "$KT_TMP/mx.txt"
	"$CMB" compare --matrix --format json -o "$KT_TMP/mx.json" --plot-data "$KT_TMP/mplot" \
		"$x/flush.jsonl" "$y/flush.jsonl" >/dev/null 2>&1
	"$CMB" compare --format json -o "$KT_TMP/pair.json" "$x/flush.jsonl" vs "$y/flush.jsonl" \
		>/dev/null 2>&1
	a=$(jget "$KT_TMP/mx.json" 'header.rows[0].ratios[0].ratio')
	b=$(jget "$KT_TMP/pair.json" 'header.rows[0].ratio')
	if near "$a" "$b" 1e-8; then
		ok "matrix: the Y column is compare's Y/X ($a)"
	else
		not_ok "matrix: the Y column has '$a', compare '$b'"
	fi
	: >"$KT_TMP/gp.err"
	for p in ratio boots cdf; do
		cmb_plot compare-$p "$KT_TMP/m-$p" "$KT_TMP/mplot" 2>>"$KT_TMP/gp.err"
	done
	cmb_plot compare-ops "$KT_TMP/m-ops" "$KT_TMP/mplot" 2>>"$KT_TMP/gp.err"
	renders "plots: compare-ratio, -boots, -cdf and -ops of two machines, silently" \
		"$KT_TMP/gp.err" "$KT_TMP/m-ratio.png" "$KT_TMP/m-boots.png" "$KT_TMP/m-cdf.png" \
		"$KT_TMP/m-ops.png"
	has "plots: the ratio data carries both machines' cache levels" "$KT_TMP/mplot/ratio.dat" \
		"# cache Y: L1:"
	for f in "$x/flush.jsonl" "$y/flush.jsonl" "$x/threads-vm_map_ram.jsonl" \
		"$y/threads-vm_map_ram.jsonl"; do
		"$CMB" export -o "$KT_TMP/$(basename "${f%/*}")-$(basename "$f" .jsonl).tsv" "$f"
	done
	: >"$KT_TMP/gp.err"
	cmb_plot flush-cost "$KT_TMP/fc" "$KT_TMP/e2e-${x##*/e2e-}-flush.tsv" \
		"$KT_TMP/e2e-${y##*/e2e-}-flush.tsv" 2>>"$KT_TMP/gp.err"
	cmb_plot contention "$KT_TMP/ct" "$KT_TMP/e2e-${x##*/e2e-}-threads-vm_map_ram.tsv" \
		"$KT_TMP/e2e-${y##*/e2e-}-threads-vm_map_ram.tsv" 2>>"$KT_TMP/gp.err"
	renders "plots: flush-cost and contention of two machines, silently" "$KT_TMP/gp.err" \
		"$KT_TMP/fc.png" "$KT_TMP/ct.png"
}

review_publish() {
	x=$1 y=$2
	b=$KT_TMP/bundle
	if "$CMB" publish -o "$b" "$x/flush.jsonl" "$x/threads-vm_map_ram.jsonl" \
		"$y/flush.jsonl" "$y/threads-vm_map_ram.jsonl" >"$KT_TMP/pub" 2>"$KT_TMP/pub.err"; then
		ok "publish: a bundle of two machines"
	else
		not_ok "publish: a bundle of two machines"
		show "$KT_TMP/pub.err"
		return
	fi
	renders "publish: every plot drawn, gnuplot silent" "$KT_TMP/pub.err" \
		"$b/flush-cost.png" "$b/contention.png" "$b/compare-ratio.png" "$b/compare-ops.png"
	width "publish: summary.txt, 72 columns" "$b/summary.txt"
	no_verdicts "publish: summary.txt has no verdict words between machines" "$b/summary.txt"
	set -- "$b"/provenance/*.json
	for p; do jget "$p" 'header.midr'; done >"$KT_TMP/midrs"
	midr=$(jget "$x/flush.jsonl" 'header.system.midr')
	if [ $# = 2 ] && grep -qx "$midr" "$KT_TMP/midrs"; then
		ok "publish: a provenance file per machine, MIDR as measured ($midr)"
	else
		not_ok "publish: provenance: $# files, MIDRs $(tr '\n' ' ' <"$KT_TMP/midrs"), want $midr"
	fi
	jcheck "publish: provenance names the boots, caches and kernel" "$1" \
		'count(header.boot_ids[*]) == 1' 'count(header.caches[*]) >= 2' \
		'header.builds[0].kernel_release ~ ^6\.1' 'header.emulator.accel == tcg'
	# Derived data, made again from data/ alone: byte for byte.
	(cd "$b" && find plots -name '*.tsv' -o -name '*.dat' | sort | xargs md5sum) >"$KT_TMP/sums"
	rm -f "$b"/plots/*.tsv "$b"/plots/*/*.dat "$b"/*.png
	if CMBENCH=$CMB sh "$b/reproduce.sh" 2>"$KT_TMP/rep.err" &&
		(cd "$b" && md5sum -c --quiet "$KT_TMP/sums") >"$KT_TMP/rep.out" 2>&1 &&
		[ -s "$b/compare-ops.png" ]; then
		ok "publish: reproduce.sh makes the same $(wc -l <"$KT_TMP/sums") data files, byte for byte"
	else
		not_ok "publish: reproduce.sh did not make the same data files"
		show "$KT_TMP/rep.out"
		show "$KT_TMP/rep.err"
	fi
	rm -f "$b"/*.png
	if CMBENCH=/nonexistent sh "$b/reproduce.sh" 2>"$KT_TMP/rep.err" &&
		grep -q 'no cmbench' "$KT_TMP/rep.err" && [ -s "$b/flush-cost.png" ]; then
		ok "publish: without cmbench, reproduce.sh renders from the bundle's own data"
	else
		not_ok "publish: reproduce.sh without cmbench"
		show "$KT_TMP/rep.err"
	fi
	expect_status "publish: a directory that is not a bundle is refused" 1 \
		"exists and is not a bundle" "$CMB" publish -o "$x" "$x/flush.jsonl"
}

# area_review X Y: the e2e outputs of two targets of different machines.
# review_refusals X Y: what compare will not take, each named: a side
# that mixes machines, one file on both sides, sides with no row in
# common (exit 1, and no table).
review_refusals() {
	x=$1 y=$2
	expect_status "compare: a side mixing two machines is refused, the files named" 1 \
		"a side is one machine" "$CMB" compare "$x/flush.jsonl" "$y/null.jsonl" vs \
		"$x/null.jsonl"
	expect_status "compare: one file on both sides is refused" 1 \
		"are one result, on both sides" "$CMB" compare "$x/flush.jsonl" vs "$x/flush.jsonl"
	expect_status "compare: sides with no row in common: an error, no table" 1 \
		"no rows in common" "$CMB" compare "$x/null.jsonl" vs "$x/flush.jsonl"
	if grep -q "op, parameters" "$KT_TMP/out"; then
		not_ok "compare: a table was printed for sides with no row in common"
	fi
	expect_status "publish: two machines with no point in common are refused" 1 \
		"measured no point in common" "$CMB" publish -o "$KT_TMP/nocommon" \
		"$x/null.jsonl" "$y/flush.jsonl"
	if [ -e "$KT_TMP/nocommon" ]; then
		not_ok "publish: the refused bundle was written all the same"
	else
		ok "publish: nothing written for the refused bundle"
	fi
}

area_review() {
	kt_begin review
	x=$KT_TMP/e2e-$1
	y=$KT_TMP/e2e-${2:-}
	if [ -z "${2:-}" ] || [ ! -s "$x/flush.jsonl" ] || [ ! -s "$y/flush.jsonl" ]; then
		skip "review: two machines" "needs the e2e results of two targets (give two TARGETS)"
		kt_end
		return
	fi
	review_mail "$x" "$y"
	review_machines "$x" "$y"
	review_refusals "$x" "$y"
	review_publish "$x" "$y"
	kt_end
}
