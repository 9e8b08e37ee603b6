package opsbench

import (
	"encoding/json"
	"testing"
)

// TestRequestBodyIsRequest: the middleware benchmarks send the body the
// client benchmarks' Request encodes to, so both measure the same call.
func TestRequestBodyIsRequest(t *testing.T) {
	b, err := json.Marshal(Request())
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != string(requestBody) {
		t.Fatalf("requestBody drifted from Request():\n%s\n%s", requestBody, b)
	}
}
