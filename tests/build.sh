# make check area: the module cross-built for every target with W=1
# -Werror, checkpatch --strict over it, the layering of bench/. Sourced
# by tests/run-all.

area_build() {
	kt_begin build
	for tg in $targets; do
		t "module builds warning-free for $tg" make -s kmod-"$tg"
	done
	t "checkpatch --strict: no errors, warnings or checks" scripts/checkpatch
	t "bench/: every folder uses only what its row of tests/layering allows" \
		tests/layering "$CMB_BUILD/host/obj" bench
	t "no file of code, test or script above 500 lines" no_long_files
	t "layering: a planted cross include (report/ -> compare/) is named" \
		layering_planted include report/table.c compare/compare.h \
		"report/table.c includes compare/compare.h"
	t "layering: a planted upward include (result/ -> cmd.h) is named" \
		layering_planted include result/read.c cmd.h "result/read.c includes cmd.h"
	t "layering: a planted cross call (report/ calls cmb_compare) is named" \
		layering_planted call report/planted.c cmb_compare \
		"report/planted.o uses cmb_compare from compare/compare.o"
	t "layering: a planted call into a command is named" \
		layering_planted call compare/planted.c cmd_run \
		"compare/planted.o uses cmd_run from cmd_run.o"
	kt_end
}

# layering_planted include FILE HEADER WANT | call NEWFILE SYMBOL WANT:
# tests/layering over a copy of bench/ and its objects with one offence
# planted must fail and say WANT.
layering_planted() {
	_lp=$KT_TMP/layering
	rm -rf "$_lp"
	mkdir -p "$_lp"
	cp -r bench "$_lp/src"
	cp -r "$CMB_BUILD/host/obj" "$_lp/obj"
	if [ "$1" = include ]; then
		printf '#include "%s"\n' "$3" >>"$_lp/src/$2"
	else
		printf 'int %s(void);\nint planted(void) { return %s(); }\n' "$3" "$3" \
			>"$_lp/src/$2"
		${CC:-cc} -c "$_lp/src/$2" -o "$_lp/obj/${2%.c}.o" || return 1
	fi
	if tests/layering "$_lp/obj" "$_lp/src" >"$_lp/out" 2>&1; then
		echo "tests/layering passed with the offence planted"
		return 1
	fi
	grep -F "$4" "$_lp/out" || { cat "$_lp/out"; return 1; }
}

# Files small enough to read in one sitting: code, tests and scripts
# (not the documentation, patches or fuzzing corpus).
no_long_files() {
	find bench kmod scripts tests plots Makefile -type f ! -name '*.md' \
		! -name '*.patch' ! -path '*/corpus/*' -exec wc -l {} + |
		awk '$2 != "total" && $1 > 500 { print "too long:", $2, $1, "lines"; bad = 1 }
		     END { exit bad }'
}
