#!/bin/sh
# generate.sh SPEC CONFIG OUT: runs the oapi-codegen pinned in tools/go.mod
# (a `tool` directive), so library users never download the generator.
set -eu
spec=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
config=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
out=$(pwd)/$3
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../tools"
go tool oapi-codegen -config "$config" -o "$out" "$spec"
