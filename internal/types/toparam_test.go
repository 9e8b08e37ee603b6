package types_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/claudego/claude/internal/types"
)

// A reply with every kind of field ToParam must treat differently: file_id on
// the three citation locations (response-only), a thinking signature (kept,
// the API checks it), an unknown field on a known block and an unknown block
// type (kept: forward compatibility).
const replyWithResponseOnly = `{"id":"msg_1","type":"message","role":"assistant","model":"m","stop_reason":"end_turn","stop_sequence":null,
"usage":{"input_tokens":1,"output_tokens":1},
"content":[
 {"type":"thinking","thinking":"hmm","signature":"c2lnbmF0dXJl+/=="},
 {"type":"text","text":"cited","future_field":{"x":1},"citations":[
  {"type":"char_location","cited_text":"a","document_index":0,"document_title":"d","start_char_index":0,"end_char_index":1,"file_id":"file_1"},
  {"type":"page_location","cited_text":"b","document_index":0,"document_title":"d","start_page_number":1,"end_page_number":2,"file_id":"file_2"},
  {"type":"content_block_location","cited_text":"c","document_index":0,"document_title":"d","start_block_index":0,"end_block_index":1,"file_id":"file_3"}]},
 {"type":"text","text":"plain"},
 {"type":"brand_new_block","payload":"kept"}
]}`

func TestToParamDropsResponseOnlyFields(t *testing.T) {
	t.Parallel()
	var m types.Message
	if err := json.Unmarshal([]byte(replyWithResponseOnly), &m); err != nil {
		t.Fatal(err)
	}
	p := m.ToParam()
	out, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	if strings.Contains(s, "file_id") {
		t.Errorf("file_id went back: %s", s)
	}
	for _, keep := range []string{`"signature":"c2lnbmF0dXJl+/=="`, `"future_field":{"x":1}`, `"brand_new_block"`, `"payload":"kept"`,
		`"cited_text":"a"`, `"start_page_number":1`, `"end_block_index":1`, `{"type":"text","text":"plain"}`} {
		if !strings.Contains(s, keep) {
			t.Errorf("%s lost: %s", keep, s)
		}
	}
}
