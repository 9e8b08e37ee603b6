package vfs_test

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package if any goroutine outlives the tests: no tool
// call, stream or run may leave one behind.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
