#!/bin/sh
# test-extensions.sh: race tests of every extension that is a module of its
# own (extensions/*/go.mod), which `go test ./...` at the root does not enter.
# extensions/redisstore starts a real redis-server on loopback (.ci/run
# installs the Debian package when it is missing).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
for mod in $(find "$root/extensions" -name go.mod | sort); do
  dir=$(dirname "$mod")
  echo "== ${dir#$root/}"
  (cd "$dir" && go test -race -count=1 ./...)
done
