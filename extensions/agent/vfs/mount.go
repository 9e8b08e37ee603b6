package vfs

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// Mounts joins several FS under one tree: a path goes to the mount with
// the longest prefix that contains it, with the prefix removed. Directories
// holding mount points list them. Create one with NewMounts; it is safe for
// concurrent use, mounting included.
type Mounts struct {
	mu     sync.RWMutex
	mounts map[string]FS // by clean prefix
}

// NewMounts returns a mount table with nothing mounted.
func NewMounts() *Mounts { return &Mounts{mounts: map[string]FS{}} }

// Mount attaches fsys at prefix ("/" for the whole tree), replacing what
// was mounted there.
func (m *Mounts) Mount(prefix string, fsys FS) error {
	p, err := Clean(prefix)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.mounts[p] = fsys
	return nil
}

// resolve finds the mount for name: its FS, its prefix and the path inside.
func (m *Mounts) resolve(op, name string) (FS, string, string, error) {
	p, err := Clean(name)
	if err != nil {
		return nil, "", "", err
	}
	m.mu.RLock()
	defer m.mu.RUnlock()
	best := ""
	var fsys FS
	for prefix, f := range m.mounts {
		if (p == prefix || prefix == "/" || strings.HasPrefix(p, prefix+"/")) && len(prefix) > len(best) {
			best, fsys = prefix, f
		}
	}
	if fsys == nil {
		return nil, "", "", &fs.PathError{Op: op, Path: p, Err: fs.ErrNotExist}
	}
	inner := strings.TrimPrefix(p, best)
	if best == "/" {
		inner = p
	}
	if inner == "" {
		inner = "/"
	}
	return fsys, best, inner, nil
}

// children returns the names of mount points directly under dir.
func (m *Mounts) children(dir string) []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	var out []string
	for prefix := range m.mounts {
		if prefix == "/" || prefix == dir {
			continue
		}
		if rest, ok := strings.CutPrefix(prefix, strings.TrimSuffix(dir, "/")+"/"); ok {
			name, _, _ := strings.Cut(rest, "/")
			out = append(out, name)
		}
	}
	return out
}

// ReadFile implements FS.
func (m *Mounts) ReadFile(name string) ([]byte, error) {
	f, _, in, err := m.resolve("read", name)
	if err != nil {
		return nil, err
	}
	return f.ReadFile(in)
}

// WriteFile implements FS.
func (m *Mounts) WriteFile(name string, data []byte) error {
	f, _, in, err := m.resolve("write", name)
	if err != nil {
		return err
	}
	return f.WriteFile(in, data)
}

// Mkdir implements FS.
func (m *Mounts) Mkdir(name string) error {
	f, _, in, err := m.resolve("mkdir", name)
	if err != nil {
		return err
	}
	return f.Mkdir(in)
}

// ReadDir implements FS; mount points below name are listed as
// directories.
func (m *Mounts) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := Clean(name)
	if err != nil {
		return nil, err
	}
	var entries []fs.DirEntry
	f, _, in, rerr := m.resolve("readdir", p)
	if rerr == nil {
		entries, rerr = f.ReadDir(in)
	}
	kids := m.children(p)
	if rerr != nil && len(kids) == 0 {
		return nil, rerr
	}
	for _, k := range kids {
		if !slices.ContainsFunc(entries, func(e fs.DirEntry) bool { return e.Name() == k }) {
			entries = append(entries, fs.FileInfoToDirEntry(fileInfo{name: k, dir: true, mod: time.Time{}}))
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// Stat implements FS.
func (m *Mounts) Stat(name string) (fs.FileInfo, error) {
	p, err := Clean(name)
	if err != nil {
		return nil, err
	}
	f, _, in, err := m.resolve("stat", p)
	if err == nil {
		info, serr := f.Stat(in)
		if serr == nil || len(m.children(p)) == 0 {
			return info, serr
		}
	}
	if len(m.children(p)) > 0 {
		return fileInfo{name: path.Base(p), dir: true}, nil
	}
	return nil, err
}

// Remove implements FS. A mount point itself cannot be removed.
func (m *Mounts) Remove(name string) error {
	f, _, in, err := m.resolve("remove", name)
	if err != nil {
		return err
	}
	return f.Remove(in)
}

// Rename implements FS, within one mount; across two it is ErrCrossMount.
func (m *Mounts) Rename(oldname, newname string) error {
	f1, p1, in1, err := m.resolve("rename", oldname)
	if err != nil {
		return err
	}
	f2, p2, in2, err := m.resolve("rename", newname)
	if err != nil {
		return err
	}
	if p1 != p2 || f1 != f2 {
		return &fs.PathError{Op: "rename", Path: oldname, Err: ErrCrossMount}
	}
	return f1.Rename(in1, in2)
}
