package emulator

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestEmbeddedSpecIsFresh keeps the embedded copy byte-identical to the
// repository's openapi/anthropic.yaml. Fix a failure with
// `cd tools && go generate ./emulator`.
func TestEmbeddedSpecIsFresh(t *testing.T) {
	t.Parallel()
	want, err := os.ReadFile(filepath.Join("..", "..", "openapi", "anthropic.yaml"))
	if err != nil {
		t.Fatalf("reading the repository's spec: %v", err)
	}
	if !bytes.Equal(embeddedSpec, want) {
		t.Fatal("tools/emulator/openapi/anthropic.yaml differs from openapi/anthropic.yaml: run `cd tools && go generate ./emulator` and commit the copy")
	}
}

func TestSpecPathLoadsFile(t *testing.T) {
	t.Parallel()
	if _, err := New(Config{SpecPath: filepath.Join("openapi", "anthropic.yaml")}); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{SpecPath: "does-not-exist.yaml"}); err == nil {
		t.Fatal("New with a missing spec file: want an error")
	}
}
