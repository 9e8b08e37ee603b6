// Command contract checks API traffic against openapi/anthropic.yaml.
//
//	contract replay [-json] [-spec FILE] DIR
//	contract live [-json] [-spec FILE] [-out DIR] [-model ID] [-base-url URL]
//
// replay validates every case of a recorded-traffic directory laid out like
// testdata/recorded (MANIFEST.json; per case request.json, response.json and
// body.json, body.sse or body.jsonl). live needs ANTHROPIC_API_KEY: it runs a
// short, cheap tour of the real API, writes what it saw as case directories in
// the same layout and validates them the same way.
//
// Each case is valid, invalid (with the JSON pointer and the rule that failed)
// or drift (properties or enum values the spec does not describe). The exit
// code is 0 when every case is valid, 1 when any case is invalid or drifts,
// and 2 for usage errors and a missing API key.
package main
