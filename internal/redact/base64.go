package redact

import "strconv"

// Base64 returns v, a decoded JSON value, with the data of every base64
// source (an object whose "type" is "base64" and whose "data" is a string)
// replaced by Note of its length. v is not modified: the maps and slices on
// the way are copied.
func Base64(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = Base64(e)
		}
		if t, _ := x["type"].(string); t == "base64" {
			if d, ok := x["data"].(string); ok {
				out["data"] = Note(len(d))
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Base64(e)
		}
		return out
	}
	return v
}

// Note is what stands in for n bytes of base64 data.
func Note(n int) string { return "[" + strconv.Itoa(n) + " bytes of base64 elided]" }
