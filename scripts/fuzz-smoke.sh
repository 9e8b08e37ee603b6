#!/bin/sh
# fuzz-smoke.sh: runs each Fuzz target for a few seconds. Targets are found by
# name so new ones join automatically.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
time=${FUZZTIME:-5s}
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
