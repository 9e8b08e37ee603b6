package vfs

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
)

// Dir is a directory on disk seen as an FS, confined to its root with
// os.Root: neither ".." nor a symbolic link (however it is written) reaches
// outside. Close releases the root.
type Dir struct {
	root   *os.Root
	limits Limits
	mu     sync.Mutex // serializes changes so the size count stays exact
	total  int64
}

// NewDir opens dir as an FS bounded by limits. With a MaxTotalSize, the
// files already there count: NewDir walks the tree once to add them up.
func NewDir(dir string, limits Limits) (*Dir, error) {
	r, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	d := &Dir{root: r, limits: limits}
	if limits.MaxTotalSize > 0 {
		err := WalkFiles(d, "/", func(_ string, info fs.FileInfo) error {
			d.total += info.Size()
			return nil
		})
		if err != nil {
			r.Close()
			return nil, err
		}
	}
	return d, nil
}

// Close releases the directory.
func (d *Dir) Close() error { return d.root.Close() }

// rel turns a vfs path into one relative to the root.
func rel(name string) (string, string, error) {
	p, err := Clean(name)
	if err != nil {
		return "", "", err
	}
	if p == "/" {
		return p, ".", nil
	}
	return p, strings.TrimPrefix(p, "/"), nil
}

// pathErr reports err under the vfs path, not the disk path.
func pathErr(op, p string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: op, Path: p, Err: pe.Err}
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return &fs.PathError{Op: op, Path: p, Err: le.Err}
	}
	return &fs.PathError{Op: op, Path: p, Err: err}
}

// ReadFile implements FS.
func (d *Dir) ReadFile(name string) ([]byte, error) {
	p, r, err := rel(name)
	if err != nil {
		return nil, err
	}
	b, err := d.root.ReadFile(r)
	if err != nil {
		return nil, pathErr("read", p, err)
	}
	return b, nil
}

// WriteFile implements FS.
func (d *Dir) WriteFile(name string, data []byte) error {
	p, r, err := rel(name)
	if err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	var oldSize int64
	if info, err := d.root.Stat(r); err == nil {
		if info.IsDir() {
			return &fs.PathError{Op: "write", Path: p, Err: errIsDir}
		}
		oldSize = info.Size()
	}
	size := int64(len(data))
	if err := d.limits.check("write", p, size, d.total-oldSize+size); err != nil {
		return err
	}
	if dir := path.Dir(r); dir != "." {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return pathErr("write", p, err)
		}
	}
	if err := d.root.WriteFile(r, data, 0o644); err != nil {
		return pathErr("write", p, err)
	}
	d.total += size - oldSize
	return nil
}

// Mkdir implements FS.
func (d *Dir) Mkdir(name string) error {
	p, r, err := rel(name)
	if err != nil {
		return err
	}
	if err := d.root.MkdirAll(r, 0o755); err != nil {
		return pathErr("mkdir", p, err)
	}
	return nil
}

// ReadDir implements FS.
func (d *Dir) ReadDir(name string) ([]fs.DirEntry, error) {
	p, r, err := rel(name)
	if err != nil {
		return nil, err
	}
	f, err := d.root.Open(r)
	if err != nil {
		return nil, pathErr("readdir", p, err)
	}
	defer f.Close()
	entries, err := f.ReadDir(-1)
	if err != nil {
		return nil, pathErr("readdir", p, err)
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// Stat implements FS.
func (d *Dir) Stat(name string) (fs.FileInfo, error) {
	p, r, err := rel(name)
	if err != nil {
		return nil, err
	}
	info, err := d.root.Stat(r)
	if err != nil {
		return nil, pathErr("stat", p, err)
	}
	return info, nil
}

// Remove implements FS.
func (d *Dir) Remove(name string) error {
	p, r, err := rel(name)
	if err != nil {
		return err
	}
	if r == "." {
		return &fs.PathError{Op: "remove", Path: p, Err: fs.ErrPermission}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, err := d.root.Lstat(r); err != nil {
		return pathErr("remove", p, err)
	}
	var freed int64
	if d.limits.MaxTotalSize > 0 {
		if info, err := d.root.Stat(r); err == nil && info.IsDir() {
			_ = WalkFiles(d, p, func(_ string, info fs.FileInfo) error { freed += info.Size(); return nil })
		} else if err == nil {
			freed = info.Size()
		}
	}
	if err := d.root.RemoveAll(r); err != nil {
		return pathErr("remove", p, err)
	}
	d.total -= freed
	return nil
}

// Rename implements FS.
func (d *Dir) Rename(oldname, newname string) error {
	op, or, err := rel(oldname)
	if err != nil {
		return err
	}
	np, nr, err := rel(newname)
	if err != nil {
		return err
	}
	if or == "." || nr == "." || np == op || strings.HasPrefix(np, op+"/") {
		return &fs.PathError{Op: "rename", Path: op, Err: errInvalidMove}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, err := d.root.Lstat(nr); err == nil {
		return &fs.PathError{Op: "rename", Path: np, Err: fs.ErrExist}
	}
	if dir := path.Dir(nr); dir != "." {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return pathErr("rename", np, err)
		}
	}
	if err := d.root.Rename(or, nr); err != nil {
		return pathErr("rename", op, err)
	}
	return nil
}
