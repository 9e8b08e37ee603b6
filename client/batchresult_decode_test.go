package client

import (
	"encoding/json"
	"reflect"
	"testing"
)

// FuzzBatchResultLineDecode: for every input, the fast results-line decoder
// and json.Unmarshal (the generated decoder) both fail or both give the same
// value (ARCHITECTURE.md, rule 10).
func FuzzBatchResultLineDecode(f *testing.F) {
	for _, s := range []string{
		`{"custom_id":"r1","result":{"type":"succeeded","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"r1"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":3}}}}`,
		`{"custom_id":"r2","result":{"type":"errored","error":{"type":"error","error":{"type":"invalid_request_error","message":"bad"}}}}`,
		`{"result":{"type":"canceled"},"custom_id":"r3"}`,
		` {"custom_id" : "r4" , "result" : {"type":"expired"} } `,
		`{"custom_id":"a","custom_id":"b","result":{}}`,
		`{"custom_id":"a","result":{"type":"x"},"result":{"type":"y"}}`,
		`{"custom\u005fid":"a","result":{}}`,
		`{"Custom_ID":"a","result":{}}`,
		`{"custom_id":null,"result":{}}`,
		`{"custom_id":"a","result":null}`,
		`{"custom_id":5,"result":{}}`,
		`{"custom_id":"a","result":[1]}`,
		`{"custom_id":"a","result":{},"extra":{"b":[1,2]}}`,
		`{"custom_id":"\u00e9\ud83d\ude00\ud800","result":{}}`,
		"{\"custom_id\":\"\xff\xfe\",\"result\":{}}",
		`{"custom_id":"a\"b\\c","result":{"t":"}"}}`,
		`{}`, `null`, `[]`, `"x"`, `{"custom_id":"a"`, `{"custom_id":"a",}`, `{"custom_id":"a","result":{}} x`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var fast, slow MessageBatchIndividualResponse
		ferr := decodeBatchResultLine(in, &fast)
		serr := json.Unmarshal(in, &slow)
		if (ferr == nil) != (serr == nil) {
			t.Fatalf("%q: fast err %v, json.Unmarshal err %v", in, ferr, serr)
		}
		if ferr == nil && !reflect.DeepEqual(fast, slow) {
			t.Fatalf("%q:\nfast %#v\nslow %#v", in, fast, slow)
		}
	})
}

// TestBatchResultLineDecodeAllocs: the line the API writes decodes with a
// fraction of json.Unmarshal's allocations: two (the custom_id and the
// result's bytes) against about twenty-five. The bound is a ratio, because
// under -race sync.Pool (json.Valid's scanner) drops some of what it is given.
func TestBatchResultLineDecodeAllocs(t *testing.T) {
	line := []byte(`{"custom_id":"r1","result":{"type":"succeeded","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"r1"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":3}}}}`)
	var v MessageBatchIndividualResponse
	fast := testing.AllocsPerRun(100, func() {
		v = MessageBatchIndividualResponse{}
		if err := decodeBatchResultLine(line, &v); err != nil {
			t.Fatal(err)
		}
	})
	if v.CustomID != "r1" {
		t.Fatalf("custom_id %q", v.CustomID)
	}
	slow := testing.AllocsPerRun(100, func() { v = MessageBatchIndividualResponse{}; _ = json.Unmarshal(line, &v) })
	if fast*5 > slow {
		t.Fatalf("fast decoder: %v allocations, json.Unmarshal %v; want at most a fifth", fast, slow)
	}
}
