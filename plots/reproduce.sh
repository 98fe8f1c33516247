#!/bin/sh
# Renders every plot of this bundle from its own data, on any host, with
# gnuplot alone. With cmbench ($CMBENCH, or cmbench on PATH) it first
# derives summary.txt and the plots' data (plots/*.tsv, plots/*/*.dat)
# from data/ again; they come out byte-identical. No module and no board
# are needed.
#
# What the bundle holds is listed in manifest.tsv, which cmbench publish
# wrote, in the order it was given: one line per result file (file, its
# machine's letter, what it has: flush and/or threads points or -, its
# path; X is the baseline), one per A/B runner's directory (ab, its
# number, -, its path).
set -eu
cd "$(dirname "$0")"
CMBENCH=${CMBENCH:-cmbench}
. plots/plot.sh

# field COLUMN [KIND [LETTER]]: a column of manifest.tsv, in its order.
field() {
	awk -F '\t' -v c="$1" -v k="${2:-}" -v m="${3:-}" \
		'!/^#/ && (k == "" || $1 == k) && (m == "" || $2 == m) { print $c }' manifest.tsv
}
# tsv PATH: where a result file's export goes.
tsv() {
	_t=${1#data/}
	echo "plots/${_t%.jsonl}.tsv"
}
# exports WHAT: the exports of the files with WHAT (flush, threads).
exports() {
	awk -F '\t' -v w="$1" '$1 == "file" && $3 ~ w { print $4 }' manifest.tsv |
		while read -r f; do tsv "$f"; done | tr '\n' ' '
}

letters=$(field 2 file | awk '!seen[$0]++')
n=$(echo "$letters" | grep -c . || true)
files=$(for m in $letters; do field 4 file "$m"; done | tr '\n' ' ')
abs=$(field 2 ab)

if command -v "$CMBENCH" >/dev/null 2>&1; then
	if [ -n "$files" ]; then
		# shellcheck disable=SC2086
		"$CMBENCH" report --mail $files >summary.txt
	else
		: >summary.txt
	fi
	if [ "$n" = 2 ]; then
		# shellcheck disable=SC2046
		{ echo; "$CMBENCH" compare --plot-data plots/compare $(field 4 file X) vs \
			$(field 4 file Y); } >>summary.txt
	fi
	if [ "$n" -gt 2 ]; then
		# shellcheck disable=SC2086
		{ echo; "$CMBENCH" compare --matrix --plot-data plots/matrix $files; } >>summary.txt
	elif [ "$n" = 2 ]; then
		# shellcheck disable=SC2086
		"$CMBENCH" compare --matrix --plot-data plots/matrix $files >/dev/null
	fi
	for k in $abs; do
		# A blank line between blocks, none before the first.
		{ [ ! -s summary.txt ] || echo
		  "$CMBENCH" compare --plot-data "plots/ab-$k" "data/ab-$k"; } >>summary.txt
	done
	awk -F '\t' '$1 == "file" && $3 != "-" { print $4 }' manifest.tsv | while read -r f; do
		"$CMBENCH" export -o "$(tsv "$f")" "$f"
	done
else
	echo "reproduce.sh: no cmbench: rendering the bundle's own plot data" >&2
fi

command -v gnuplot >/dev/null || { echo "reproduce.sh: needs gnuplot" >&2; exit 1; }
flush=$(exports flush)
threads=$(exports threads)
# shellcheck disable=SC2086
[ -z "$flush" ] || cmb_plot flush-cost flush-cost $flush
# shellcheck disable=SC2086
[ -z "$threads" ] || cmb_plot contention contention $threads
[ "$n" != 2 ] || cmb_plot compare-ratio compare-ratio plots/compare
[ "$n" -lt 2 ] || cmb_plot compare-ops compare-ops plots/matrix
for k in $abs; do
	cmb_plot compare-ratio "ab-$k-ratio" "plots/ab-$k"
	cmb_plot compare-boots "ab-$k-boots" "plots/ab-$k"
done
