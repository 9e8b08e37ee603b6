//go:build !unix

package safefile

import "io/fs"

const oNonblock = 0

// OwnedBySelf reports whether fi belongs to the current user and cannot be
// written by others; without Unix owners only the permission bits are read.
func OwnedBySelf(fi fs.FileInfo) (ok bool, why string) {
	if fi.Mode().Perm()&0o022 != 0 {
		return false, "writable by group or others"
	}
	return true, ""
}

// Device is unknown off Unix.
func Device(fs.FileInfo) (uint64, bool) { return 0, false }
