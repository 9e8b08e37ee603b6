package streaming

import (
	"encoding/json"

	"github.com/claudego/claude/internal/jsonscan"
)

// eventHead is what decodeSlow needs of an event of a known type: the
// members that address the accumulator. json.Unmarshal fills it on the slow
// path; readHead, on the path to the first event, without copies.
type eventHead struct {
	Index        *int64          `json:"index"`
	Message      json.RawMessage `json:"message"`
	ContentBlock json.RawMessage `json:"content_block"`
	Delta        json.RawMessage `json:"delta"`
}

// readHead fills an eventHead as json.Unmarshal does, its raw members
// sub-slices of data, and reports false whenever it cannot promise the same
// result (data not valid JSON, not an object, an index that is not a plain
// integer of at most 18 digits or null): the caller then asks encoding/json,
// which gives the value or the error. jsonscan.ValidObject checks the bytes
// as json.Valid does (FuzzValid) and hands over the members in the same
// walk, so it finds exactly the members encoding/json finds, and
// jsonscan.KeyMatches matches keys as it does (case-insensitively; the last
// duplicate wins). FuzzReadHead compares the two.
func readHead(data []byte) (eventHead, bool) {
	var h eventHead
	var room [8]jsonscan.Member // an event has a handful of members
	members, err := jsonscan.ValidObject(data, room[:0])
	if err != nil {
		return h, false
	}
	for _, m := range members {
		k, v := m.Key, m.Value
		switch {
		case jsonscan.KeyMatches(k, "index"):
			if string(v) == "null" {
				h.Index = nil
				continue
			}
			n, isInt := plainInt(v)
			if !isInt {
				return h, false
			}
			if h.Index == nil {
				h.Index = new(int64)
			}
			*h.Index = n
		case jsonscan.KeyMatches(k, "message"):
			h.Message = v
		case jsonscan.KeyMatches(k, "content_block"):
			h.ContentBlock = v
		case jsonscan.KeyMatches(k, "delta"):
			h.Delta = v
		}
	}
	return h, true
}

// plainInt reads a JSON integer (optional minus, no fraction or exponent)
// of at most 18 digits, which an int64 always holds.
func plainInt(v []byte) (int64, bool) {
	neg := len(v) > 0 && v[0] == '-'
	if neg {
		v = v[1:]
	}
	if len(v) == 0 || len(v) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range v {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}
