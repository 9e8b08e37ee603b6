package pricing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/jsonscan"
)

// ParseTokens reads the token counts of a usage object in JSON (a reply's
// "usage"): what FromUsage returns for the client.Usage encoding/json decodes
// from usage, or the error it fails with. It is the fast path a layer that
// prices every call (the quota) takes instead of decoding a whole Usage: it
// reads only the counted fields, in one walk, and hands anything unusual (an
// escaped key, a count that is not a plain integer, a known field of another
// shape) to the decoder, so the two never disagree (ARCHITECTURE.md, rule 10;
// FuzzParseTokens proves it).
func ParseTokens(usage []byte) (Tokens, error) {
	if t, ok := parseTokensFast(usage); ok {
		return t, nil
	}
	var u client.Usage
	if err := json.Unmarshal(usage, &u); err != nil {
		return Tokens{}, fmt.Errorf("pricing: usage: %w", err)
	}
	return FromUsage(u), nil
}

// otherUsageFields are the fields of a usage the decoder knows but the
// counts do not need. A string field is checked for its shape here; an
// object or array one (rare: server tools, iterations) is decoded as the
// decoder would, so a malformed one fails here too.
var otherUsageFields = map[string]bool{
	"inference_geo": true, "speed": true,
	"output_tokens_details": false, "server_tool_use": false, "iterations": false,
}

// otherFieldOK reports whether the decoder accepts v for the field k.
func otherFieldOK(k string, v []byte, isString bool) bool {
	if string(v) == "null" {
		return true
	}
	if isString {
		return len(v) > 0 && v[0] == '"'
	}
	var u client.Usage
	var err error
	switch k {
	case "output_tokens_details":
		err = json.Unmarshal(v, &u.OutputTokensDetails)
	case "server_tool_use":
		err = json.Unmarshal(v, &u.ServerToolUse)
	default:
		err = json.Unmarshal(v, &u.Iterations)
	}
	return err == nil
}

// parseTokensFast returns false when the decoder must decide.
func parseTokensFast(b []byte) (Tokens, bool) {
	if !json.Valid(b) {
		return Tokens{}, false
	}
	var (
		in, out, read, write int64
		haveWrite            bool
		e5, e1               int64
		cacheSplit           bool
		batch                bool
		ok                   = true
	)
	num := func(v []byte) (int64, bool) {
		if string(v) == "null" {
			return 0, true
		}
		n, err := strconv.ParseInt(string(v), 10, 64)
		return n, err == nil
	}
	err := jsonscan.EachField(b, func(k, v []byte) bool {
		if bytes.IndexByte(k, '\\') >= 0 {
			ok = false
			return false
		}
		switch string(k) {
		case "input_tokens":
			in, ok = num(v)
		case "output_tokens":
			out, ok = num(v)
		case "cache_read_input_tokens":
			read, ok = num(v)
		case "cache_creation_input_tokens":
			write, ok = num(v)
			haveWrite = string(v) != "null"
		case "service_tier":
			switch {
			case string(v) == "null":
				batch = false
			case len(v) >= 2 && v[0] == '"' && bytes.IndexByte(v, '\\') < 0:
				batch = string(v) == `"batch"`
			default:
				ok = false
			}
		case "cache_creation":
			e5, e1, cacheSplit, ok = parseCacheCreation(v)
		default:
			if isString, known := otherUsageFields[string(k)]; known {
				ok = otherFieldOK(string(k), v, isString)
			} else {
				ok = unknownFieldFast(v)
			}
		}
		return ok
	})
	if err != nil || !ok {
		return Tokens{}, false
	}
	u := client.Usage{InputTokens: in, OutputTokens: out, CacheReadInputTokens: &read}
	if haveWrite {
		u.CacheCreationInputTokens = &write
	}
	if cacheSplit {
		u.CacheCreation = &client.CacheCreation{Ephemeral5MInputTokens: e5, Ephemeral1HInputTokens: e1}
	}
	t := FromUsage(u)
	t.Batch = batch
	return t, true
}

// parseCacheCreation reads usage.cache_creation; split is false for null.
func parseCacheCreation(v []byte) (e5, e1 int64, split, ok bool) {
	if string(v) == "null" {
		return 0, 0, false, true
	}
	if len(v) == 0 || v[0] != '{' {
		return 0, 0, false, false
	}
	ok = true
	err := jsonscan.EachField(v, func(k, v []byte) bool {
		if bytes.IndexByte(k, '\\') >= 0 {
			ok = false
			return false
		}
		var dst *int64
		switch string(k) {
		case "ephemeral_5m_input_tokens":
			dst = &e5
		case "ephemeral_1h_input_tokens":
			dst = &e1
		default:
			ok = unknownFieldFast(v)
			return ok
		}
		if string(v) == "null" {
			*dst = 0 // the last of duplicate keys wins, as in the decoder
			return true
		}
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil {
			ok = false
			return false
		}
		*dst = n
		return true
	})
	return e5, e1, true, ok && err == nil
}

// unknownFieldFast reports whether an unknown field's value v (valid JSON)
// is one the decoder surely accepts: it keeps unknown fields as interface{}
// values in AdditionalProperties, so a number must fit a float64 (1e700
// fails there). An object or array, rare in a usage, goes to the decoder
// (false) rather than being walked here.
func unknownFieldFast(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	switch c := v[0]; {
	case c == '{' || c == '[':
		return false
	case c == '-' || (c >= '0' && c <= '9'):
		_, err := strconv.ParseFloat(string(v), 64)
		return err == nil
	}
	return true // a string, true, false or null
}
