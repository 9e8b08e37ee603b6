#!/bin/sh
# ops-overhead.sh: each operations layer's cost as a share of a loopback
# Create, in time (README, Operations). For every layer benchmark it takes
# the median over COUNT runs of three sub-benchmarks: "off" (a bare Create
# on loopback), "inmem-off" and "inmem-on" (the same call, bare and layered,
# through a transport that answers from memory, so the two differ by the
# layer's own work alone). The share is (inmem-on - inmem-off) over the
# quickest "off" of the run: the layer's time against a whole loopback
# call, kernel and both sides of the socket included, which callgrind's
# user-space instruction counts leave out. Every run makes the same number of calls (BENCHTIME): left to pick
# its own, the testing package's changing counts moved the in-memory times
# by a microsecond, more than most layers cost. Run it on a quiet machine:
# `make ops-overhead` (COUNT=6 runs of 30000 calls by default).
set -eu
COUNT=${COUNT:-6}
BENCHTIME=${BENCHTIME:-30000x}
cd "$(dirname "$0")/.."
# OPS_SAVE keeps the benchmark lines in that file.
if [ -n "${OPS_SAVE:-}" ]; then
	out=$OPS_SAVE
	: >"$out"
else
	out=$(mktemp)
	trap 'rm -f "$out"' EXIT
fi
[ -z "${OPS_RAW:-}" ] || echo "reading $OPS_RAW" >&2
# OPS_RAW names a file of earlier benchmark lines to read instead (the
# table again, without running).
for pkg in retry circuitbreaker ratelimit secrets quota failover diagnostics compress; do
	[ -n "${OPS_RAW:-}" ] && break
	go test -run '^$' -bench 'BenchmarkCreate[A-Za-z]*/(off|inmem-off|inmem-on)$' \
		 -benchmem -count "$COUNT" -benchtime "$BENCHTIME" "./extensions/$pkg" | sed -n "s|^Benchmark|$pkg.Benchmark|p" >>"$out"
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
	# Every share is of the quickest bare call measured, so a benchmark whose
	# bare call is slower (a reply with two dozen API headers, or a
	# run slowed by the machine) does not make its layer look cheaper.
	floor = 0
	for (i = 1; i <= nb; i++) { off[i] = median(order[i] "|off"); if (floor == 0 || off[i] < floor) floor = off[i] }
	printf "Shares are of the quickest bare loopback Create: %.1f µs.\n\n", floor / 1000
	print "| layer benchmark | its bare loopback Create | added in memory | allocs added | share |"
	print "| --- | --- | --- | --- | --- |"
	for (i = 1; i <= nb; i++) {
		b = order[i]
		ioff = median(b "|inmem-off"); ion = median(b "|inmem-on")
		printf "| %s | %.1f µs | %.0f ns | %d | %.2f%% |\n", b, off[i] / 1000, ion - ioff, allocs[b "|inmem-on"] - allocs[b "|inmem-off"], 100 * (ion - ioff) / floor
	}
}' "${OPS_RAW:-$out}"
