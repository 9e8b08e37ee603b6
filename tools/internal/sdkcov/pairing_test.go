package sdkcov

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const sidedSpec = `
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /accounts:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/AccountCreateRequest"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Account"}
components:
  schemas:
    AccountCreateRequest:
      type: object
      properties:
        name: {type: string}
    Account:
      type: object
      properties:
        name: {type: string}
        description: {type: string}
`

// TestParamsPairOnlyWithRequestSchemas: a request type pairs with a schema a
// request body reaches, never with the response schema that shares more of
// its properties, so a property the request schema lacks counts as missing
// (before, AccountNewParams paired with Account and read 2 of 2).
func TestParamsPairOnlyWithRequestSchemas(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData([]byte(sidedSpec))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	fields := []Field{{Name: "name"}, {Name: "description"}}
	types := []Type{
		{Name: "AccountNewParams", Section: "Organization", Param: true, Fields: fields},
		{Name: "AccountNewParamsOwner", Section: "Organization", Param: true, Fields: fields},
		{Name: "Account", Section: "Organization", Fields: fields},
	}
	got := map[string]string{}
	covered := map[string]int{}
	for _, m := range MatchAll(types, SpecSchemas(doc)) {
		if m.Schema != nil {
			got[m.Type.Name], covered[m.Type.Name] = m.Schema.Name, m.Covered
		}
	}
	for name, want := range map[string]string{"AccountNewParams": "AccountCreateRequest", "AccountNewParamsOwner": "AccountCreateRequest", "Account": "Account"} {
		if got[name] != want {
			t.Errorf("%s paired with %q, want %q", name, got[name], want)
		}
	}
	if covered["AccountNewParams"] != 1 || covered["Account"] != 2 {
		t.Errorf("covered %v, want AccountNewParams 1 and Account 2", covered)
	}
}
