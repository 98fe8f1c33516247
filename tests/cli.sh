# make check area: the errors a user meets on the host, without the
# module. Sourced by tests/run-all.

area_cli() {
	kt_begin cli
	expect_status "info without the module says how to load it, after its name" 1 \
		"cmbench info: /dev/cmbench not found: the cmbench module is not loaded" "$CMB" info
	expect_status "run with a bad size names --sizes" 2 "--sizes: bad size '4Q'" \
		"$CMB" run flush --sizes 4Q
	expect_status "run with a bad state lists the states" 2 \
		"--state: 'warm' is not one of dirty, clean, cold" "$CMB" run flush --state warm
	expect_status "unknown option is named" 2 "unknown option '--size'" \
		"$CMB" run flush --size 4K
	"$CMB" run flush --size 4K >"$KT_TMP/uerr" 2>&1
	printf '%s\n' "cmbench run: unknown option '--size'" "usage: cmbench run OP [options]" \
		"see 'cmbench run --help'" >"$KT_TMP/uerr.want"
	t "a usage error: the error, the usage line, where the options are (not the table)" \
		diff -u "$KT_TMP/uerr.want" "$KT_TMP/uerr"
	# "-" is standard input, read once though report opens it twice.
	_f=tests/fuzz/corpus/flush-one-point.jsonl
	"$CMB" report "$_f" >"$KT_TMP/rep.file" 2>&1
	"$CMB" report - <"$_f" >"$KT_TMP/rep.stdin" 2>&1
	if [ -s "$KT_TMP/rep.file" ] && cmp -s "$KT_TMP/rep.file" "$KT_TMP/rep.stdin" &&
		"$CMB" export - <"$_f" 2>&1 | grep -q '^# source: -$'; then
		ok "report - and export - read standard input: the same table as the file's"
	else
		not_ok "report - differs from report FILE, or export - failed"
		diff -u "$KT_TMP/rep.file" "$KT_TMP/rep.stdin" >"$KT_TMP/rep.diff"
		show "$KT_TMP/rep.diff"
	fi
	# Tables fit 100 columns unless --wide; the figures are the same.
	_fs="tests/fuzz/corpus/probe-counters.jsonl tests/fuzz/corpus/threads-iopt_map.jsonl
		tests/fuzz/corpus/flush-one-point.jsonl"
	# shellcheck disable=SC2086
	"$CMB" report $_fs >"$KT_TMP/narrow" 2>&1
	# shellcheck disable=SC2086
	"$CMB" report --wide $_fs >"$KT_TMP/wide" 2>&1
	_w=$(awk '{ if (length > m) m = length } END { print m + 0 }' "$KT_TMP/narrow")
	_pts=$(cat $_fs | grep -c '"type": *"point"')
	if [ "$_w" -le 100 ] && [ "$(grep -c '^[a-z]' "$KT_TMP/wide")" -eq "$((_pts + 3))" ] &&
		grep -q 'timed ns' "$KT_TMP/wide" && [ "$_pts" -gt 3 ]; then
		ok "report: $_w columns at most; --wide: one line a point ($_pts), timed ns"
	else
		not_ok "report: $_w columns, or --wide not a line a point ($_pts points)"
		show "$KT_TMP/wide"
	fi
	# op to p99: the first 77 columns of a row, the same in both.
	grep '^[a-z]' "$KT_TMP/narrow" | cut -c1-77 >"$KT_TMP/narrow.cols"
	grep '^[a-z]' "$KT_TMP/wide" | cut -c1-77 >"$KT_TMP/wide.cols"
	t "report and report --wide: the same op, centre, ci95 and p99 on every row" \
		diff -u "$KT_TMP/wide.cols" "$KT_TMP/narrow.cols"
	# One --format: the old flags are its short forms; json is the records
	# as this cmbench reads them, so an old schema comes out upgraded.
	"$CMB" report --rows $_fs >"$KT_TMP/rows.flag" 2>&1
	"$CMB" report --format rows $_fs >"$KT_TMP/rows.fmt" 2>&1
	"$CMB" report --mail $_fs >"$KT_TMP/mail.flag" 2>&1
	"$CMB" report --format mail $_fs >"$KT_TMP/mail.fmt" 2>&1
	if [ -s "$KT_TMP/rows.fmt" ] && cmp -s "$KT_TMP/rows.flag" "$KT_TMP/rows.fmt" &&
		[ -s "$KT_TMP/mail.fmt" ] && cmp -s "$KT_TMP/mail.flag" "$KT_TMP/mail.fmt"; then
		ok "report --format rows|mail print what --rows and --mail print"
	else
		not_ok "report --format rows or mail differs from its flag"
	fi
	"$CMB" report --format tsv "$_f" >"$KT_TMP/rep.tsv" 2>&1
	"$CMB" export "$_f" >"$KT_TMP/exp.tsv" 2>&1
	t "report --format tsv is export's TSV" cmp "$KT_TMP/exp.tsv" "$KT_TMP/rep.tsv"
	_old=tests/unit/schemas/v3-flush.jsonl
	"$CMB" report --format json "$_old" >"$KT_TMP/up.jsonl" 2>"$KT_TMP/up.err"
	"$CMB" report --format json - <"$KT_TMP/up.jsonl" >"$KT_TMP/up2.jsonl" 2>&1
	"$CMB" report "$_old" >"$KT_TMP/old.txt" 2>&1
	"$CMB" report "$KT_TMP/up.jsonl" >"$KT_TMP/up.txt" 2>&1
	_sv=$(sed -n 's/.*CMB_SCHEMA_VERSION\t*\([0-9]*\)$/\1/p' bench/result/result.h)
	jcheck "report --format json of a schema 3 file: schema $_sv, upgraded from 3, its points" \
		"$KT_TMP/up.jsonl" "header.schema_version == $_sv" "header.upgraded.from_schema == 3" \
		"count(point) == 2" "point[*].runs == 3" "point[1].size == 65536" \
		"point[0].sampling.ci_bound ~ ^(runs|timer|histogram)$"
	if [ -s "$KT_TMP/up.jsonl" ] && cmp -s "$KT_TMP/up.jsonl" "$KT_TMP/up2.jsonl" &&
		[ -s "$KT_TMP/up.txt" ] && cmp -s "$KT_TMP/old.txt" "$KT_TMP/up.txt" &&
		grep -q '^# UPGRADED: read as schema [0-9]* from schema 3' "$KT_TMP/up.txt"; then
		ok "... read again it is itself, and its report is the old file's (UPGRADED)"
	else
		not_ok "report --format json is not a fixed point, or its report differs"
		diff -u "$KT_TMP/old.txt" "$KT_TMP/up.txt" >"$KT_TMP/up.diff"
		show "$KT_TMP/up.diff"
	fi
	# A plot of an upgraded file says so in its title; a current file's does not.
	"$CMB" export -o "$KT_TMP/up.tsv" "$_old" >"$KT_TMP/plot.log" 2>&1
	"$CMB" export -o "$KT_TMP/cur.tsv" tests/fuzz/corpus/flush-one-point.jsonl \
		>>"$KT_TMP/plot.log" 2>&1
	if cmb_plot flush-cost "$KT_TMP/up-fc" "$KT_TMP/up.tsv" >>"$KT_TMP/plot.log" 2>&1 &&
		cmb_plot flush-cost "$KT_TMP/cur-fc" "$KT_TMP/cur.tsv" >>"$KT_TMP/plot.log" 2>&1 &&
		grep -q 'UPGRADED from an older result schema' "$KT_TMP/up-fc.svg" &&
		! grep -q 'UPGRADED' "$KT_TMP/cur-fc.svg"; then
		ok "flush-cost plot of a schema 3 file says UPGRADED in its title, a current file's not"
	else
		not_ok "flush-cost plot: UPGRADED missing from an old file's title, or on a new one's"
		show "$KT_TMP/plot.log"
	fi
	expect_status "report: --format with --mail is refused" 2 \
		"--format, --mail, --rows and --ktap: choose one" \
		"$CMB" report --mail --format json "$_f"
	expect_status "report --format json reads one file" 2 \
		"--format json reads one result file" "$CMB" report --format json "$_f" "$_f"
	expect_status "report --format lists its values" 2 \
		"--format: 'yaml' is not one of text, rows, mail, ktap, tsv, json" \
		"$CMB" report --format yaml "$_f"
	# cmbench model leaves a file alone when none of its runs is in the model.
	printf '# cmbench cache plugin: MODELLED, not measured; model a72\nrun 5 vcpu 0 samples 3\n' \
		>"$KT_TMP/model.txt"
	cp tests/fuzz/corpus/null.jsonl "$KT_TMP/m.jsonl"
	expect_status "model: a file none of whose runs is in the model is left as it was" 1 \
		"left as it was: none of its 1 points ran under this model" \
		"$CMB" model "$KT_TMP/model.txt" "$KT_TMP/m.jsonl"
	t "model: ... byte for byte" cmp tests/fuzz/corpus/null.jsonl "$KT_TMP/m.jsonl"
	expect_status "model: a file that is no model.txt is named" 1 \
		"not a model.txt of cmbench's cache plugin" "$CMB" model "$KT_TMP/m.jsonl" "$KT_TMP/m.jsonl"
	expect_status "unknown command is named" 2 "unknown command 'frobnicate'" \
		"$CMB" frobnicate
	expect_status "help lists every command of the table" 0 \
		"sweep (SPEC | --preset quick|full) -o FILE [options]" "$CMB" help
	expect_status "a command's usage comes from the same table" 2 \
		"usage: cmbench export [-o FILE.tsv] FILE.jsonl" "$CMB" export
	expect_status "a device that is not cmbench is recognised" 1 \
		"does not answer cmbench's INFO ioctl" env CMBENCH_DEVICE=/dev/null "$CMB" info
	expect_status "export of a missing file names it, after the command's name" 1 \
		"cmbench export: /nonexistent.jsonl: No such file or directory" \
		"$CMB" export /nonexistent.jsonl
	expect_status "publish without -o asks for the bundle's directory" 2 \
		"give the bundle's directory: -o DIR" "$CMB" publish /nonexistent.jsonl
	expect_status "publish of a missing file names it" 1 "/nonexistent.jsonl" \
		"$CMB" publish -o "$KT_TMP/nobundle" /nonexistent.jsonl
	expect_status "report --ascii without --mail is refused" 2 "--ascii goes with --mail" \
		"$CMB" report --ascii /nonexistent.jsonl
	# One rule: the arguments' shape is a usage error (2), a file's
	# content a data error (1).
	expect_status "compare without the word vs: a usage error" 2 \
		"see 'cmbench compare --help'" "$CMB" compare tests/fuzz/corpus/null.jsonl
	expect_status "compare with 'vs' twice: a usage error" 2 "'vs' twice" \
		"$CMB" compare a vs b vs c
	expect_status "compare of a file that is not there: a data error, named" 1 \
		"cmbench compare: /nonexistent.jsonl: No such file or directory" \
		"$CMB" compare /nonexistent.jsonl vs tests/fuzz/corpus/null.jsonl
	expect_status "compare --matrix takes text or json only" 2 \
		"--matrix: --format text or json" "$CMB" compare --matrix --format csv a b
	v=$(cmb_describe)
	expect_status "--version says which cmbench ($v), its ABI and schemas" 0 \
		"cmbench $v (module ABI " "$CMB" --version
	expect_status "version takes no arguments, and says so" 2 "takes no arguments" \
		"$CMB" version now
	expect_status "help CMD is CMD --help" 0 "usage: cmbench report FILE.jsonl..." \
		"$CMB" help report
	"$CMB" help >"$KT_TMP/help"
	for c in $(awk '/^  [a-z]/ { print $1 }' "$KT_TMP/help"); do
		"$CMB" "$c" --help >>"$KT_TMP/help"
	done
	if awk 'length > 80 { print; bad = 1 } END { exit bad }' "$KT_TMP/help" >"$KT_TMP/wide"; then
		ok "help: every command's options fit 80 columns"
	else
		not_ok "help: lines past 80 columns"
		show "$KT_TMP/wide"
	fi
	# Every script a user runs answers --help with its head comment.
	bad=""
	for f in scripts/*; do
		[ -f "$f" ] && [ -x "$f" ] && [ "${f##*/}" != guest-init ] || continue
		out=$("$f" --help 2>&1) && [ "$(printf '%s\n' "$out" | wc -l)" -ge 3 ] ||
			bad="$bad ${f##*/}"
	done
	if [ -z "$bad" ]; then
		ok "every script takes --help: its usage, exit 0"
	else
		not_ok "scripts without --help:$bad"
	fi
	# The checker every e2e test leans on: an all-digit commit hash is a
	# string, and a wrong one still fails.
	printf '{"tool_version": "2679043", "n": 3}\n' >"$KT_TMP/hash.jsonl"
	jcheck "check-json: a string of digits equals the same bare text" "$KT_TMP/hash.jsonl" \
		"header.tool_version == 2679043" "header.n == 3" "header.n == 3.0"
	expect_status "check-json: and differs from other text" 1 "tool_version is 2679043" \
		"$CHECK_JSON" "$KT_TMP/hash.jsonl" "header.tool_version == 2679044"
	CMBENCH=$CMB scripts/docs --commands -o "$KT_TMP/commands.md"
	t "help: bench/Documentation/commands.md is the option tables' (scripts/docs --commands)" \
		diff -u bench/Documentation/commands.md "$KT_TMP/commands.md"
	if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
		: >"$KT_TMP/dev"
		chmod 600 "$KT_TMP/dev"
		chmod 755 "$KT_TMP"
		expect_status "not root: permission denied says run as root" 1 "run cmbench as root" \
			env CMBENCH_DEVICE="$KT_TMP/dev" setpriv --reuid=65534 --regid=65534 \
			--clear-groups "$CMB" info
	else
		skip "not root: permission denied says run as root" "needs root and setpriv"
	fi
	kt_end
}
