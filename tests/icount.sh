# make check area "icount": answers under emulation that do not move.
# QEMU's icount makes the guest's time its instruction count and
# --clock instructions counts them around every sample: on arm64-debug
# (built from source, once the debug kernels are) a patch of 4 whose
# second plants 48 instructions in dcache_clean_inval_poc() is
#   - found slower in 2 + 2 boots with the host busy (two CPU hogs beside
#     it), with a CI that holds the 48 instructions counted;
#   - quiet on the ops it does not touch: identical instruction counts;
#   - an A/A of the same kernel's boots finds nothing;
#   - compare --fail-on slower gates on it;
#   - scripts/ab-run --series names the patch.
# Sourced by tests/run-all.

ICOUNT_TARGET=arm64-debug
ICOUNT_ROW="flush 4K"
ICOUNT_PLANT=48

# hogs N: N busy loops, their PIDs in $hogs.
start_hogs() {
	hogs=""
	_i=0
	while [ "$_i" -lt "$1" ]; do
		sh -c 'while :; do :; done' &
		hogs="$hogs $!"
		_i=$((_i + 1))
	done
}

stop_hogs() {
	# shellcheck disable=SC2086
	[ -z "$hogs" ] || kill $hogs 2>/dev/null
	hogs=""
}

# ratio_holds DESC JSON ROW: the CI of ROW's B/A holds (A + plant) / A.
ratio_holds() {
	_a=$(jget "$2" "header.rows[name=$3].a_ns")
	_want=$(awk -v a="$_a" -v d="$ICOUNT_PLANT" 'BEGIN { printf "%.6f", (a + d) / a }')
	jcheck "$1: the CI of B/A holds ($_a + $ICOUNT_PLANT) / $_a = $_want, counted" "$2" \
		"header.rows[name=$3].ci95_lo <= $_want" "header.rows[name=$3].ci95_hi >= $_want"
}

area_icount() {
	kt_begin icount
	bis=$KT_TMP/bisect
	set -- tests/icount/series/*.patch
	args=""
	for p; do args="$args --patch-b $p"; done
	# The whole series under load: the step the bisect takes first.
	start_hogs 2
	# shellcheck disable=SC2086
	if scripts/ab-run --target "$ICOUNT_TARGET" $args --spec tests/icount/icount.spec \
		--boots 2 --icount -o "$bis/step-$#" >"$KT_TMP/ic.log" 2>&1; then
		stop_hogs
		ok "icount: 2 + 2 boots of $ICOUNT_TARGET and it with the series, two CPU hogs beside them"
	else
		stop_hogs
		not_ok "icount: ab-run --icount of the series failed"
		show "$KT_TMP/ic.log"
		kt_end
		return
	fi
	ab=$bis/step-$#
	"$CMB" compare --stat instructions --format json -o "$KT_TMP/ic.json" "$ab" \
		>"$KT_TMP/out" 2>&1
	"$CMB" compare --stat instructions "$ab" >"$KT_TMP/ic.txt" 2>&1
	jcheck "icount: the plant makes $ICOUNT_ROW slower" "$KT_TMP/ic.json" \
		"header.rows[name=$ICOUNT_ROW].verdict == slower"
	ratio_holds "icount" "$KT_TMP/ic.json" "$ICOUNT_ROW"
	for r in null "clean 4K"; do
		a=$(jget "$KT_TMP/ic.json" "header.rows[name=$r].a_ns")
		b=$(jget "$KT_TMP/ic.json" "header.rows[name=$r].b_ns")
		if [ -n "$a" ] && [ "$a" = "$b" ] &&
			[ "$(jget "$KT_TMP/ic.json" "header.rows[name=$r].verdict")" = same ]; then
			ok "icount: $r, untouched: identical instruction counts ($a an op), same"
		else
			not_ok "icount: $r, untouched: A $a, B $b instructions an op"
			show "$KT_TMP/ic.txt"
		fi
	done
	has "icount: the table says what it counted" "$KT_TMP/ic.txt" \
		"icount: ns are instructions, no caches"
	expect_status "icount: compare --fail-on slower exits 3" 3 "--fail-on slower" \
		"$CMB" compare --stat instructions --fail-on slower "$ab"
	expect_status "icount: a timed file against an icount one is refused" 1 \
		"a ratio between them means nothing" \
		"$CMB" compare "$ab/boot-01-A.jsonl" vs "$KT_TMP/e2e-arm64/flush.jsonl"
	# The bisect: it takes the whole series' step from above.
	if scripts/ab-run --series tests/icount/series --target "$ICOUNT_TARGET" \
		--spec tests/icount/icount.spec --row "$ICOUNT_ROW" --want slower -o "$bis" \
		>"$KT_TMP/bis.log" 2>&1 && grep -q '^first patch .*: 0002-plant-48-instructions.patch' \
		"$bis/bisect.txt"; then
		ok "icount: ab-run --series names the plant, 0002 of 4, in $(grep -c '^  first' \
			"$bis/bisect.txt") steps"
	else
		not_ok "icount: ab-run --series did not name 0002-plant-48-instructions.patch"
		show "$KT_TMP/bis.log"
	fi
	# An A/A: the A boots of two steps, one kernel, four boots.
	set -- "$bis"/step-*/boot-*-A.jsonl
	if [ $# -ge 4 ]; then
		"$CMB" compare --stat instructions --format json -o "$KT_TMP/aa.json" "$1" "$2" vs \
			"$3" "$4" >"$KT_TMP/out" 2>&1
		jcheck "icount: A/A, 2 + 2 boots of $ICOUNT_TARGET: nothing faster or slower" \
			"$KT_TMP/aa.json" 'count(header.rows[verdict=faster]) == 0' \
			'count(header.rows[verdict=slower]) == 0' 'header.geomean.verdict != slower' \
			'header.geomean.verdict != faster'
	else
		not_ok "icount: A/A: $# A boots, want 4"
	fi
	kt_end
}
