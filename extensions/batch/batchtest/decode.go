package batchtest

import (
	"encoding/json"
	"fmt"

	"github.com/claudego/claude/client"
)

// decodeCustomIDs reads a batch create body ({"requests":[...]}) from dec
// one request at a time and returns the custom_ids in order, each checked
// against the API's pattern and for repeats. Other keys are skipped. Past
// maxReqs requests it stops with the API's error.
func decodeCustomIDs(dec *json.Decoder, maxReqs int) ([]string, error) {
	malformed := func(err error) error { return fmt.Errorf("malformed JSON body: %w", err) }
	if err := expectDelim(dec, '{'); err != nil {
		return nil, malformed(err)
	}
	var ids []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, malformed(err)
		}
		if key, _ := tok.(string); key != "requests" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return nil, malformed(err)
			}
			continue
		}
		if err := expectDelim(dec, '['); err != nil {
			return nil, malformed(err)
		}
		seen := map[string]struct{}{}
		for i := 0; dec.More(); i++ {
			if i == maxReqs {
				return nil, fmt.Errorf("requests: must hold 1 to %d requests, got more", maxReqs)
			}
			var it struct {
				CustomID string `json:"custom_id"`
			}
			if err := dec.Decode(&it); err != nil {
				return nil, malformed(err)
			}
			if !client.ValidCustomID(it.CustomID) {
				return nil, fmt.Errorf("requests.%d.custom_id: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'", i)
			}
			if _, dup := seen[it.CustomID]; dup {
				return nil, fmt.Errorf("Duplicate custom_id %q; custom_id must be unique within a batch.", it.CustomID)
			}
			seen[it.CustomID] = struct{}{}
			ids = append(ids, it.CustomID)
		}
		if err := expectDelim(dec, ']'); err != nil {
			return nil, malformed(err)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, malformed(err)
	}
	return ids, nil
}

// expectDelim reads the next token and checks it is want.
func expectDelim(dec *json.Decoder, want json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != want {
		return fmt.Errorf("got %v where %q belongs", tok, want)
	}
	return nil
}
