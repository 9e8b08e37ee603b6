package client_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

// TestEveryServiceAttached: New sets every exported service field of Client,
// and every service field of those services, so no service is reachable as a
// nil pointer. It walks the types, so a service added to Client (or to
// Organization) without a line in attachServices fails here.
func TestEveryServiceAttached(t *testing.T) {
	t.Parallel()
	c, err := client.New(client.WithAPIKey(testKey), client.WithBaseURL("http://127.0.0.1:1"))
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() || f.Type.Kind() != reflect.Pointer || !strings.HasSuffix(f.Type.Elem().Name(), "Service") {
				continue
			}
			seen++
			fv := v.Field(i)
			if fv.IsNil() {
				t.Errorf("%s.%s is nil after New", path, f.Name)
				continue
			}
			if fv.Elem().Kind() == reflect.Struct {
				walk(path+"."+f.Name, fv.Elem())
			}
		}
	}
	walk("Client", reflect.ValueOf(c).Elem())
	// 7 top-level services, 11 under Organization, and the nested ones.
	if seen < 25 {
		t.Fatalf("walked %d service fields; the walk is broken", seen)
	}
}
