//go:build !unix

package builtin

import "os/exec"

// ownGroup is a no-op where process groups do not exist: cancelling kills
// the shell only.
func ownGroup(cmd *exec.Cmd) {}
