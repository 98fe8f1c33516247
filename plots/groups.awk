# Splits a "cmbench export" TSV into gnuplot data blocks, one per
# (op, param) group, so a thread-count sweep plots one line per group.
# With -v list=1 prints the groups' names instead, one per line.
BEGIN { FS = "\t" }
/^#/ { next }
{
	key = $1 " " $15
	if (key != last) {
		if (list)
			print key
		else if (NR > 1 && last != "")
			printf "\n\n"
		last = key
	}
	if (!list)
		print
}
