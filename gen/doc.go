// Package gen is the low-level layer generated from openapi/anthropic.yaml by
// oapi-codegen v2: the wire models (MessageRequest, Message, the content
// block and event unions...) and one request builder per operation
// (NewCreateMessageRequest...). It exists so the wire format has a single
// source of truth; package client re-exports its types by alias and builds
// on its request builders.
//
// Calling gen directly bypasses everything client adds: no request
// validation, no credentials or version headers (and no Secret keeping a key
// out of logs), no pipeline (retry, circuit breaker, rate limit, failover,
// user middleware), no typed *APIError and no streaming. Use package client;
// reach for gen only to build a request client does not cover yet.
//
// Never edit it by hand: change the spec or openapi/oapi-codegen.yaml and run
// `make generate`; `make check-generated` fails on any difference
// (ARCHITECTURE.md, rule 1). The one hand-written code beside this doc is
// union.go: the decoders the unions' As<Variant> and Discriminator methods
// call (openapi/templates/union.tmpl emits the calls), which read a
// variant's bytes once and agree with encoding/json.
package gen
