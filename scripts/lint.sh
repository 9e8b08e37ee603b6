#!/bin/sh
# lint.sh: gofmt and go vet over every module of the repository.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:" >&2
  echo "$unformatted" >&2
  exit 1
fi
# tools/bench is vetted by `make bench`: it needs the official SDK, which
# `make test` must not download.
for mod in $(find . -name go.mod -not -path './testdata/*' -not -path './tools/bench/*' | sort); do
  dir=$(dirname "$mod")
  (cd "$dir" && go vet ./...)
done
echo "lint: gofmt and go vet clean"
