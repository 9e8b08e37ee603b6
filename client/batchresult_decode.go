package client

import (
	"encoding/json"

	"github.com/claudego/claude/internal/jsonscan"
)

// decodeBatchResultLine decodes one line of a batch's results file into v,
// as json.Unmarshal does.
//
// The line the API writes, {"custom_id":"...","result":{...}} and nothing
// else, is read with the one JSON scanner (internal/jsonscan) after
// json.Valid: the custom_id unquoted and the result's bytes copied into its
// union, two allocations where the generated decoder (a map of every member,
// then each member decoded again) makes about twenty-five, per result of a
// batch of 100,000. Any other shape (another member, a key repeated or
// spelled with escapes or another case, a null) goes to json.Unmarshal, so
// both paths yield the same value and the same acceptance
// (FuzzBatchResultLineDecode; ARCHITECTURE.md, rule 10).
func decodeBatchResultLine(line []byte, v *MessageBatchIndividualResponse) error {
	if !json.Valid(line) {
		return json.Unmarshal(line, v) // its error, naming the offset
	}
	var id, result []byte
	simple := true
	err := jsonscan.EachField(line, func(k, val []byte) bool {
		switch {
		case id == nil && string(k) == "custom_id" && len(val) > 0 && val[0] == '"':
			id = val
		case result == nil && string(k) == "result" && len(val) > 0 && val[0] == '{':
			result = val
		default:
			simple = false
		}
		return simple
	})
	if err != nil || !simple {
		return json.Unmarshal(line, v)
	}
	if id != nil {
		s, err := jsonscan.Unquote(id)
		if err != nil {
			return json.Unmarshal(line, v)
		}
		v.CustomID = s
	}
	if result != nil {
		return v.Result.UnmarshalJSON(result)
	}
	return nil
}
