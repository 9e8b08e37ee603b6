package streaming_test

import (
	"testing"

	"github.com/claudego/claude/streaming"
)

func TestCompletePartialJSON(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		``:                            ``,
		`  `:                          ``,
		`{`:                           `{}`,
		`{"ci`:                        `{}`,
		`{"city"`:                     `{}`,
		`{"city":`:                    `{}`,
		`{"city": "Par`:               `{"city":"Par"}`,
		`{"city": "Pa\`:               `{"city":"Pa"}`,
		`{"city": "Pa\u00`:            `{"city":"Pa"}`,
		`{"a": 1, "b": [tr`:           `{"a":1,"b":[]}`,
		`{"a": 1, "b": [true, -`:      `{"a":1,"b":[true]}`,
		`{"a": 12.`:                   `{"a":12}`,
		`{"a": 1e`:                    `{"a":1}`,
		`{"a": [{"b": null}, {"c"`:    `{"a":[{"b":null},{}]}`,
		`[1, 2,`:                      `[1,2]`,
		`"half`:                       `"half"`,
		`{"a": "é`:                    `{"a":"é"}`,
		"{\"a\": \"\xc3":              `{"a":""}`,
		`{"x": {"y": {"z": [1, 2]}}}`: `{"x":{"y":{"z":[1,2]}}}`,
	} {
		got, err := streaming.CompletePartialJSON([]byte(in))
		if err != nil || string(got) != want {
			t.Errorf("CompletePartialJSON(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`}`, `{"a" 1}`, `[1 2]`, `{"a":1}x`, `{"a":tx}`} {
		if _, err := streaming.CompletePartialJSON([]byte(bad)); err == nil {
			t.Errorf("CompletePartialJSON(%q): no error", bad)
		}
	}
}
