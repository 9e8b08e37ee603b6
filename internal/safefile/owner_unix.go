//go:build unix

package safefile

import (
	"io/fs"
	"os"
	"syscall"
)

const oNonblock = syscall.O_NONBLOCK

// OwnedBySelf reports whether fi belongs to the current user and cannot be
// written by group or others. A platform without owners answers true.
func OwnedBySelf(fi fs.FileInfo) (ok bool, why string) {
	if st, isUnix := fi.Sys().(*syscall.Stat_t); isUnix && int(st.Uid) != os.Getuid() {
		return false, "owned by another user"
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return false, "writable by group or others"
	}
	return true, ""
}

// Device returns the device number of fi, to find filesystem boundaries;
// ok is false when the platform does not say.
func Device(fi fs.FileInfo) (dev uint64, ok bool) {
	st, isUnix := fi.Sys().(*syscall.Stat_t)
	if !isUnix {
		return 0, false
	}
	return uint64(st.Dev), true //nolint:unconvert // Dev is int32 on some platforms
}
