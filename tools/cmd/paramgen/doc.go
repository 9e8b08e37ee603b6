// Command paramgen derives from openapi/anthropic.yaml the fields that exist
// only in responses: for every response content block (ContentBlock) it walks
// the block's schema beside the request schema of the same type
// (ContentBlockParam), through nested objects, arrays and discriminated
// unions, and lists each property the response schema has and the request
// schema lacks (file_id on citation locations, abort_reason on code-execution
// results...). It writes them as a table in internal/types/responseonly.gen.go,
// which Message.ToParam uses to drop those fields before a reply goes back to
// the API, so the list stays right as the spec grows.
//
// Usage (make generate runs it):
//
//	go run ./cmd/paramgen -spec ../openapi/anthropic.yaml -out ../internal/types/responseonly.gen.go
package main
