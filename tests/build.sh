# make check area: the module cross-built for every target with W=1
# -Werror, checkpatch --strict over it, the layering of bench/. Sourced
# by tests/run-all.

area_build() {
	kt_begin build
	for tg in $targets; do
		t "module builds warning-free for $tg" make -s kmod-"$tg"
	done
	t "checkpatch --strict: no errors, warnings or checks" scripts/checkpatch
	t "bench/: nothing below main.c and the commands calls up into them" \
		tests/layering "$CMB_BUILD/host/obj"
	kt_end
}
