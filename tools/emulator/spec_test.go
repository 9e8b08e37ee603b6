package emulator

import (
	"path/filepath"
	"testing"
)

func TestSpecPathLoadsFile(t *testing.T) {
	t.Parallel()
	if _, err := New(Config{SpecPath: filepath.Join("..", "..", "openapi", "anthropic.yaml")}); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Config{SpecPath: "does-not-exist.yaml"}); err == nil {
		t.Fatal("New with a missing spec file: want an error")
	}
}
