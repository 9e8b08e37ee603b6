# claude-go: every maintainer task is a target here; CI runs `make test`.
GO ?= go
# Packages of the tools module (the CLI, emulator, contract tests, bench live there).
TOOLS_DIR := tools

.PHONY: all generate check-generated test test-unit test-tools test-extensions test-bench-report test-mcp contract-replay fuzz lint demo contract bench ops-overhead

all: test

## generate: rebuild gen/ from openapi/anthropic.yaml with the pinned oapi-codegen, then
## client/aliases.gen.go and internal/types/responseonly.gen.go (fields ToParam drops).
generate:
	cd gen && $(GO) generate ./...
	cd client && $(GO) generate ./
	cd internal/types && $(GO) generate ./

## check-generated: fail if gen/ differs from a fresh generation.
check-generated:
	sh scripts/check-generated.sh

## lint: gofmt and go vet across all modules but tools/bench (vetted by `make bench`).
lint:
	sh scripts/lint.sh

## test: everything CI checks, offline (no API key, no network), and
## deterministic: every fuzz target runs its seed corpus and the committed
## regression inputs under testdata/fuzz/ (as plain go test does), never a
## random search; that is `make fuzz`.
test: check-generated lint test-unit test-tools test-extensions test-bench-report contract-replay

test-unit:
	$(GO) test -race -count=1 ./...

test-tools:
	cd $(TOOLS_DIR) && $(GO) test -race -count=1 ./...

## test-extensions: race tests of every extension that is a module of its own
## (mcp, redisstore, liveconfig, otel: their SDKs stay out of the core graph);
## extensions/redisstore runs against a real redis-server on loopback.
test-extensions:
	sh scripts/test-extensions.sh

## test-mcp: the MCP extension alone (test-extensions runs it too).
test-mcp:
	cd extensions/mcp && $(GO) test -race -count=1 ./...

## contract-replay: every recorded case must validate against the spec with zero drift.
contract-replay:
	cd $(TOOLS_DIR) && $(GO) run ./cmd/contract replay ../testdata/recorded

## fuzz: search with every fuzz target of every module, FUZZTIME each
## (default 1m); a crasher lands in testdata/fuzz/ to commit with its fix.
## The nightly workflow .github/workflows/fuzz.yml runs it.
FUZZTIME ?= 1m
fuzz:
	FUZZTIME=$(FUZZTIME) sh scripts/fuzz.sh

## demo: the main job: stream a reply with the claude CLI (real API with
## ANTHROPIC_API_KEY set, otherwise the local emulator on loopback).
## (--emulator is passed only without a key, so the choice holds whatever the flag means
## when a key is set.)
demo:
	cd $(TOOLS_DIR) && $(GO) run ./cmd/claude $(if $(ANTHROPIC_API_KEY)$(ANTHROPIC_AUTH_TOKEN),,--emulator) "Say hello to a new claude-go user in one sentence."

## contract: validate live responses against the spec (needs ANTHROPIC_API_KEY).
contract:
	cd $(TOOLS_DIR) && $(GO) run ./cmd/contract live

## bench: side-by-side benchmarks against the official SDK; rewrites the
## README's performance table (between its bench markers) and docs/bench.svg.
bench:
	cd $(TOOLS_DIR)/bench && $(GO) vet ./... && $(GO) run . -readme ../../README.md -chart ../../docs/bench.svg

## ops-overhead: each operations layer's time as a share of a loopback
## Create (README, Operations), medians of COUNT runs (default 6); run it
## on a quiet machine.
ops-overhead:
	sh scripts/ops-overhead.sh

## test-bench-report: the bench's table and chart writer (standard library
## only, so this needs none of the bench module's dependencies).
test-bench-report:
	cd $(TOOLS_DIR)/bench && $(GO) vet ./report && $(GO) test -race -count=1 ./report
