# make check area: the module cross-built for every target with W=1
# -Werror, checkpatch --strict over it, the layering of bench/, and the
# bench kernel builder's refusal of a patch that does not apply. Sourced
# by tests/run-all.

area_build() {
	kt_begin build
	for tg in $targets; do
		t "module builds warning-free for $tg" make -s kmod-"$tg"
	done
	t "checkpatch --strict: no errors, warnings or checks" scripts/checkpatch
	t "bench/: nothing below main.c and the commands calls up into them" \
		tests/layering "$CMB_BUILD/host/obj"
	printf -- '--- a/Makefile\n+++ b/Makefile\n@@ -1,1 +1,1 @@\n-no such line in any kernel Makefile\n+x\n' \
		>"$KT_TMP/bad.patch"
	expect_status "build-kernel refuses a patch that does not apply" 1 "bad.patch does not apply" \
		scripts/build-kernel --arch arm --config scripts/kconfig/arm-bench.config \
		--patch "$KT_TMP/bad.patch" check-badpatch
	rm -rf "$CMB_BUILD/kernels/check-badpatch"
	kt_end
}
