// Package spec loads openapi/anthropic.yaml and checks real traffic against it.
//
// It validates request bodies, responses (status, headers, body), server-sent
// event payloads of a streamed Message and JSON Lines batch results with
// kin-openapi's openapi3filter, and it reports drift: properties present in
// the JSON that the matched schema does not describe, and enum values the spec
// does not list. Every problem is a [Finding] carrying the JSON pointer of the
// offending value and the rule that failed.
//
// The contract command (tools/cmd/contract) and the emulator's self-checks use
// it; nothing in the library imports it.
package spec
