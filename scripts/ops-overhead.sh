#!/bin/sh
# ops-overhead.sh: each operations layer's cost as a share of a loopback
# Create, in time (README, Operations). For every layer benchmark it takes
# the median over COUNT runs of three sub-benchmarks: "off" (a bare Create
# on loopback), "inmem-off" and "inmem-on" (the same call, bare and layered,
# through a transport that answers from memory, so the two differ by the
# layer's own work alone). The share is (inmem-on - inmem-off) / off: the
# layer's time against a whole loopback call, kernel and both sides of the
# socket included, which callgrind's user-space instruction counts leave
# out. Run it on a quiet machine: `make ops-overhead` (COUNT=10 by default).
set -eu
COUNT=${COUNT:-10}
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for pkg in retry circuitbreaker ratelimit secrets quota failover diagnostics compress; do
	go test -run '^$' -bench 'BenchmarkCreate[A-Za-z]*/(off|inmem-off|inmem-on)$' \
		-benchmem -count "$COUNT" "./extensions/$pkg" | sed -n "s|^Benchmark|$pkg.Benchmark|p" >>"$out"
done
# Lines: pkg.BenchmarkName/sub-P  N  ns/op ... B/op ... allocs/op
awk '
function median(key,   n, i, j, t, a) {
	n = split(vals[key], a, " ")
	for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
	return n % 2 ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2
}
{
	name = $1; sub(/-[0-9]+$/, "", name)
	split(name, part, "/"); bench = part[1]; kind = part[2]
	vals[bench "|" kind] = vals[bench "|" kind] " " $3
	allocs[bench "|" kind] = $(NF-1)
	if (!(bench in seen)) { seen[bench] = 1; order[++nb] = bench }
}
END {
	print "| layer benchmark | bare loopback Create | added in memory | allocs added | share |"
	print "| --- | --- | --- | --- | --- |"
	for (i = 1; i <= nb; i++) {
		b = order[i]
		off = median(b "|off"); ioff = median(b "|inmem-off"); ion = median(b "|inmem-on")
		printf "| %s | %.1f µs | %.0f ns | %d | %.2f%% |\n", b, off / 1000, ion - ioff, allocs[b "|inmem-on"] - allocs[b "|inmem-off"], 100 * (ion - ioff) / off
	}
}' "$out"
