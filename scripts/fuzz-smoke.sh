#!/bin/sh
# fuzz-smoke.sh: runs each Fuzz target for 20,000 inputs (FUZZTIME overrides;
# a few seconds each here). Targets are found by
# name so new ones join automatically.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# A count budget, not a duration: a duration-based -fuzztime races the fuzz
# coordinator's deadline against busy workers and fails with a bare
# "context deadline exceeded" (golang/go#75804, fixed only in Go 1.27).
time=${FUZZTIME:-20000x}
found=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/func //' | sort -u); do
    found=$((found + 1))
    echo "fuzz $pkg $target ($time)"
    go test -run '^$' -fuzz "^${target}\$" -fuzztime "$time" "$pkg"
  done
done
echo "fuzz-smoke: $found targets"
