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
`

// TestFixture: the GA files' structs are read (beta files and *Union types
// left out), paired by name or by shared properties, counted per section,
// and the always-sent properties the spec leaves optional are listed.
func TestFixture(t *testing.T) {
	types, err := ParseSDK("testdata/sdk")
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintln(len(types), types[0].Name, types[1].Name, types[2].Name); got != "3 ErrorObject TextBlockParam Usage\n" {
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
	if got := fmt.Sprint(pairs); got != "map[TextBlockParam:TextParam:2 Usage:Usage:3]" {
		t.Errorf("pairs %s", got)
	}
	sum := Summarize(matches)
	if got := fmt.Sprint(sum); got != "[{Messages 6 5} {Shared 1 0} {all 7 5}]" {
		t.Errorf("coverage %s", got)
	}
	if got := fmt.Sprint(AlwaysSentButOptional(matches)); got != "[{Usage output_tokens Usage false} {Usage service_tier Usage true}]" {
		t.Errorf("optional %s", got)
	}
}
