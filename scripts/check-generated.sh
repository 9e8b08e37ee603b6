#!/bin/sh
# check-generated.sh: regenerates gen/ into a temp dir and fails on any
# difference from what is committed (DESIGN rule 1: gen/ is output).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
sh "$root/scripts/generate.sh" "$root/openapi/anthropic.yaml" "$root/openapi/oapi-codegen.yaml" anthropic.gen.go
if ! diff -u "$root/gen/anthropic.gen.go" "$tmp/anthropic.gen.go" >"$tmp/diff"; then
  head -50 "$tmp/diff"
  echo "check-generated: gen/ is stale; run 'make generate' and commit the result" >&2
  exit 1
fi
echo "check-generated: gen/ is fresh"
