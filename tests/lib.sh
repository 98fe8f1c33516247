# make check's shared shell library: KTAP v1 output and the assertions the
# test areas (tests/*.sh) use. Sourced by tests/run-all, never run.
# POSIX sh.
#
# The document is one KTAP version 1 test with one subtest per area (and
# per target), each buffered until it ends, because KTAP puts a subtest's
# plan before its results:
#
#   KTAP version 1
#   1..N
#       KTAP version 1
#       # Subtest: cli
#       1..M
#       ok 1 info without the module says how to load it
#       ok 2 arm64: kmap # SKIP no highmem: CONFIG_HIGHMEM not set
#   ok 1 cli

KT_PASS=0 KT_FAIL=0 KT_SKIP=0 KT_TOP=0

# kt_plan N: the document's header, N areas
kt_plan() {
	echo "KTAP version 1"
	echo "1..$1"
}

# kt_cpu: KT_CPU, the CPU seconds (user + system) of every child process
# waited for so far; what an area costs on 2 cores, beside its wall time.
kt_cpu() {
	# times itself not in a command substitution: that subshell has no
	# children.
	times >"$KT_TMP/times"
	KT_CPU=$(awk 'NR == 2 { t = 0
		for (i = 1; i <= 2; i++) { split($i, p, /m/); sub(/s$/, "", p[2]); t += p[1] * 60 + p[2] }
		printf "%.0f", t }' "$KT_TMP/times")
}

# kt_begin NAME: start the next area's subtest
kt_begin() {
	kt_cpu
	KT_NAME=$1 KT_N=0 KT_BAD=0 KT_T0=$(date +%s) KT_C0=$KT_CPU
	: >"$KT_TMP/area"
}

# A test name holds neither '#' (KTAP's directive) nor a line break.
kt_clean() {
	printf '%s' "$1" | tr '#\n' 'N '
}

_kt_line() {
	KT_N=$((KT_N + 1))
	printf '    %s %d %s%s\n' "$1" "$KT_N" "$(kt_clean "$2")" "$3" >>"$KT_TMP/area"
}

ok() {
	KT_PASS=$((KT_PASS + 1))
	_kt_line ok "$1" ""
}

not_ok() {
	KT_FAIL=$((KT_FAIL + 1))
	KT_BAD=1
	_kt_line "not ok" "$1" ""
}

# skip DESC REASON: what this target cannot do, with why
skip() {
	KT_SKIP=$((KT_SKIP + 1))
	_kt_line ok "$1" " # SKIP $(kt_clean "$2")"
}

# note TEXT: a diagnostic line in the current area
note() {
	printf '    # %s\n' "$*" >>"$KT_TMP/area"
}

# show FILE: the tail of what a failed step printed, as diagnostics
show() {
	tail -n 25 "$1" 2>/dev/null | sed 's/^/    # /' >>"$KT_TMP/area"
}

# kt_nested NAME FILE FAILED: FILE holds a whole KTAP subtest of the
# current area (lines indented by 8); it becomes its next result.
kt_nested() {
	KT_N=$((KT_N + 1))
	cat "$2" >>"$KT_TMP/area"
	if [ "$3" = 0 ]; then
		printf '    ok %d %s\n' "$KT_N" "$1" >>"$KT_TMP/area"
	else
		KT_BAD=1
		printf '    not ok %d %s\n' "$KT_N" "$1" >>"$KT_TMP/area"
	fi
}

# kt_end: print the area's subtest and its result line
kt_end() {
	KT_TOP=$((KT_TOP + 1))
	printf '    KTAP version 1\n    # Subtest: %s\n    1..%d\n' "$KT_NAME" "$KT_N"
	cat "$KT_TMP/area"
	# What the README's table of make check times is read from.
	kt_cpu
	echo "    # $KT_NAME took $(($(date +%s) - KT_T0)) s, $((KT_CPU - KT_C0)) s of CPU"
	if [ "$KT_BAD" = 0 ]; then
		echo "ok $KT_TOP $KT_NAME"
	else
		echo "not ok $KT_TOP $KT_NAME"
	fi
}

# t DESC CMD...: CMD must exit 0; returns 1 when it did not.
t() {
	_d=$1
	shift
	if "$@" >"$KT_TMP/out" 2>&1; then ok "$_d"; else
		not_ok "$_d"
		show "$KT_TMP/out"
		return 1
	fi
}

# expect_status DESC STATUS TEXT CMD...: CMD must exit STATUS and say TEXT
# (anything when TEXT is empty).
expect_status() {
	_d=$1 _want=$2 _text=$3
	shift 3
	"$@" >"$KT_TMP/out" 2>&1
	_got=$?
	if [ "$_got" = "$_want" ] && { [ -z "$_text" ] || grep -qF -- "$_text" "$KT_TMP/out"; }; then
		ok "$_d"
	else
		not_ok "$_d (exit $_got, want $_want with '$_text')"
		show "$KT_TMP/out"
	fi
}

# has DESC FILE TEXT: the text file FILE contains TEXT (never JSON: jcheck).
has() {
	if grep -qF -- "$3" "$2" 2>/dev/null; then ok "$1"; else
		not_ok "$1: '$3' not in ${2##*/}"
		show "$2"
	fi
}

# jcheck DESC FILE ASSERTION...: values of a JSON Lines file, through
# tests/e2e/check-json.c (see there for the selectors).
jcheck() {
	_d=$1 _f=$2
	shift 2
	if "$CHECK_JSON" "$_f" "$@" >"$KT_TMP/out" 2>&1; then ok "$_d"; else
		not_ok "$_d"
		show "$KT_TMP/out"
		return 1
	fi
}

# jget FILE SELECTOR: the values, one per line
jget() {
	"$CHECK_JSON" --get "$1" "$2" 2>/dev/null
}

# statuses DESC FILE: every "NAME GOT WANT" line of FILE, written beside
# the command that produced it (tests/e2e/guest-checks, scripts/guest-ops)
statuses() {
	while read -r _name _got _want; do
		if [ "$_got" = "$_want" ]; then
			ok "$1: $_name exits $_want"
		else
			not_ok "$1: $_name exits $_got, want $_want"
		fi
	done <"$2"
}
