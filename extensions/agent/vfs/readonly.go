package vfs

import "io/fs"

// ReadOnly returns fsys with every change refused (ErrReadOnly, which is
// also fs.ErrPermission); reads pass through.
func ReadOnly(fsys FS) FS { return readOnly{fsys} }

type readOnly struct{ fs FS }

func (r readOnly) ReadFile(name string) ([]byte, error)       { return r.fs.ReadFile(name) }
func (r readOnly) ReadDir(name string) ([]fs.DirEntry, error) { return r.fs.ReadDir(name) }
func (r readOnly) Stat(name string) (fs.FileInfo, error)      { return r.fs.Stat(name) }
func (r readOnly) WriteFile(name string, _ []byte) error      { return denied("write", name) }
func (r readOnly) Mkdir(name string) error                    { return denied("mkdir", name) }
func (r readOnly) Remove(name string) error                   { return denied("remove", name) }
func (r readOnly) Rename(oldname, _ string) error             { return denied("rename", oldname) }

func denied(op, name string) error {
	p, err := Clean(name)
	if err != nil {
		return err
	}
	return &fs.PathError{Op: op, Path: p, Err: ErrReadOnly}
}
