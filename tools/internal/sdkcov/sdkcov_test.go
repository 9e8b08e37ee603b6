package sdkcov

import (
	"context"
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const fixtureSpec = `
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Usage:
      type: object
      required: [input_tokens]
      properties:
        input_tokens: {type: integer}
        output_tokens: {type: integer}
        service_tier: {type: string, nullable: true}
    TextParam:
      type: object
      properties:
        text: {type: string}
        type: {type: string}
    ErrorObject:
      type: object
      properties:
        code: {type: string}
    CacheMiss:
      type: object
      properties:
        cache_missed_input_tokens: {type: integer}
        reason: {type: string}
`

// TestFixture: the GA files' structs are read (beta files and *Union types
// left out), paired by name or by shared properties, counted per section,
// and the always-sent properties the spec leaves optional are listed.
func TestFixture(t *testing.T) {
	types, err := ParseSDK("testdata/sdk")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintln(len(types), types[2].Name, types[3].Name, types[4].Name); got != "5 ErrorObject TextBlockParam Usage\n" {
		t.Fatalf("parsed %s", got)
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(fixtureSpec))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	matches := MatchAll(types, SpecSchemas(doc))
	pairs := map[string]string{}
	for _, m := range matches {
		if m.Schema != nil {
			pairs[m.Type.Name] = fmt.Sprintf("%s:%d", m.Schema.Name, m.Covered)
		}
	}
	// ErrorObject shares no property with its namesake, so it stays unpaired.
	if got := fmt.Sprint(pairs); got != "map[CacheMissChanged:CacheMiss:2 CacheMissUnavailable:CacheMiss:1 TextBlockParam:TextParam:2 Usage:Usage:3]" {
		t.Errorf("pairs %s", got)
	}
	sum := Summarize(matches)
	if got := fmt.Sprint(sum); got != "[{Messages 9 8} {Shared 1 0} {all 10 8}]" {
		t.Errorf("coverage %s", got)
	}
	// CacheMiss.reason is required by both variants paired with it, its
	// token count by one only, so only reason is listed.
	if got := fmt.Sprint(AlwaysSentButOptional(matches)); got != "[{CacheMiss reason CacheMissChanged false} {Usage output_tokens Usage false} {Usage service_tier Usage true}]" {
		t.Errorf("optional %s", got)
	}
}
