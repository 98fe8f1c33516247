# Splits a "cmbench export" TSV into gnuplot data blocks, one per
# (op, param) group, so a thread-count sweep plots one line per group.
# Runs pinned with --cpus are grouped by the clusters they ran in too
# ("vm_map_ram 16p, cluster 1"): a curve per cluster of a big.LITTLE SoC.
# (--compact and --spread sweeps cross clusters as threads grow: one
# line.) With -v list=1 prints the groups' names instead, one per line.
BEGIN { FS = "\t" }
/^#/ { next }
{
	key = $1 " " $15
	if ($34 == "cpus" && $35 != "-" && $35 != "")
		key = key ", cluster " $35
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
