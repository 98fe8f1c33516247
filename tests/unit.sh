# make check area: the cmocka unit tests, one nested subtest per program
# (cmocka's own TAP output, indented). Sourced by tests/run-all.

area_unit() {
	kt_begin unit
	for u in "$CMB_BUILD"/host/tests/test_*; do
		name=${u##*/}
		CMOCKA_MESSAGE_OUTPUT=TAP "$u" >"$KT_TMP/unit" 2>&1
		rc=$?
		plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$KT_TMP/unit")
		n_ok=$(grep -c '^ok [0-9]' "$KT_TMP/unit")
		n_bad=$(grep -c '^not ok [0-9]' "$KT_TMP/unit")
		KT_PASS=$((KT_PASS + n_ok))
		KT_FAIL=$((KT_FAIL + n_bad))
		failed=0
		# A crash leaves results missing: that is a failure too.
		if [ "$rc" != 0 ] || [ "$n_bad" != 0 ] || [ "${plan:-x}" != "$n_ok" ]; then
			failed=1
			[ "$n_bad" = 0 ] && KT_FAIL=$((KT_FAIL + 1))
		fi
		{
			printf '        KTAP version 1\n        # Subtest: %s\n' "$name"
			# cmocka's "ok 1 - name" is KTAP already; its other lines
			# become diagnostics.
			sed -e '/^\(ok\|not ok\) [0-9]/b' -e '/^1\.\./b' -e 's/^#* */# /' \
				"$KT_TMP/unit" | sed 's/^/        /'
			[ "$failed" = 1 ] && echo "        # exit status $rc"
		} >"$KT_TMP/nested"
		kt_nested "$name" "$KT_TMP/nested" "$failed"
	done
	kt_end
}
