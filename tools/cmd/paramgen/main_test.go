package main

import (
	"testing"

	"github.com/claudego/claude/tools/internal/spec"
)

// TestDiffFindsTheKnownResponseOnlyFields pins the fields the spec knows
// only in responses today, and checks that fields both sides have (a thinking
// signature, a citation's cited_text) are never listed.
func TestDiffFindsTheKnownResponseOnlyFields(t *testing.T) {
	sp, err := spec.Load(spec.DefaultPath())
	if err != nil {
		t.Fatal(err)
	}
	r := (&differ{doing: map[pair]bool{}}).diff(sp.Schema("ContentBlock"), sp.Schema("ContentBlockParam"))
	if r.empty() {
		t.Fatal("no response-only field found")
	}
	cites := r.ByType["text"].Fields["citations"]
	for _, typ := range []string{"char_location", "page_location", "content_block_location"} {
		if got := cites.ByType[typ].Drop; len(got) != 1 || got[0] != "file_id" {
			t.Errorf("%s drops %v, want [file_id]", typ, got)
		}
	}
	if got := r.ByType["code_execution_tool_result"].Fields["content"].ByType["code_execution_result"].Drop; len(got) != 1 || got[0] != "abort_reason" {
		t.Errorf("code_execution_result drops %v, want [abort_reason]", got)
	}
	if r.ByType["thinking"] != nil {
		t.Errorf("thinking blocks lose %+v; signatures must go back", r.ByType["thinking"])
	}
}
