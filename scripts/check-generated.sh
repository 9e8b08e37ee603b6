#!/bin/sh
# check-generated.sh: regenerates gen/, client/aliases.gen.go and
# internal/types/responseonly.gen.go into a temp dir
# and fails on any difference from what is committed (ARCHITECTURE.md, rule 1: generated
# code is output, never edited).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
sh "$root/scripts/generate.sh" "$root/openapi/anthropic.yaml" "$root/openapi/oapi-codegen.yaml" anthropic.gen.go
(cd "$root/tools" && go run ./cmd/aliasgen -gen "$tmp/anthropic.gen.go" -out "$tmp/aliases.gen.go")
(cd "$root/tools" && go run ./cmd/paramgen -spec "$root/openapi/anthropic.yaml" -out "$tmp/responseonly.gen.go")
status=0
for pair in "gen/anthropic.gen.go anthropic.gen.go" "client/aliases.gen.go aliases.gen.go" "internal/types/responseonly.gen.go responseonly.gen.go"; do
  set -- $pair
  if ! diff -u "$root/$1" "$tmp/$2" >"$tmp/diff"; then
    head -50 "$tmp/diff"
    echo "check-generated: $1 is stale; run 'make generate' and commit the result" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "check-generated: gen/, client/aliases.gen.go and internal/types/responseonly.gen.go are fresh"
exit $status
