package vfs

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"
)

// Mem is an in-memory FS. The zero value is not usable; call NewMem.
type Mem struct {
	mu     sync.RWMutex
	nodes  map[string]*memNode // by clean path; "/" is always a directory
	total  int64
	limits Limits
}

type memNode struct {
	dir  bool
	data []byte
	mod  time.Time
}

// NewMem returns an empty in-memory FS bounded by limits.
func NewMem(limits Limits) *Mem {
	return &Mem{nodes: map[string]*memNode{"/": {dir: true}}, limits: limits}
}

func (m *Mem) lookup(op, name string) (string, *memNode, error) {
	p, err := Clean(name)
	if err != nil {
		return "", nil, err
	}
	n := m.nodes[p]
	if n == nil {
		return p, nil, &fs.PathError{Op: op, Path: p, Err: fs.ErrNotExist}
	}
	return p, n, nil
}

// ReadFile implements FS.
func (m *Mem) ReadFile(name string) ([]byte, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	p, n, err := m.lookup("read", name)
	if err != nil {
		return nil, err
	}
	if n.dir {
		return nil, &fs.PathError{Op: "read", Path: p, Err: errIsDir}
	}
	return slices.Clone(n.data), nil
}

// WriteFile implements FS.
func (m *Mem) WriteFile(name string, data []byte) error {
	p, err := Clean(name)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	old := m.nodes[p]
	if old != nil && old.dir {
		return &fs.PathError{Op: "write", Path: p, Err: errIsDir}
	}
	var oldSize int64
	if old != nil {
		oldSize = int64(len(old.data))
	}
	size := int64(len(data))
	if err := m.limits.check("write", p, size, m.total-oldSize+size); err != nil {
		return err
	}
	if err := m.mkdirAll(path.Dir(p)); err != nil {
		return err
	}
	m.nodes[p] = &memNode{data: slices.Clone(data), mod: time.Now()}
	m.total += size - oldSize
	return nil
}

func (m *Mem) mkdirAll(p string) error {
	if p == "/" {
		return nil
	}
	if n := m.nodes[p]; n != nil {
		if !n.dir {
			return &fs.PathError{Op: "mkdir", Path: p, Err: errNotDir}
		}
		return nil
	}
	if err := m.mkdirAll(path.Dir(p)); err != nil {
		return err
	}
	m.nodes[p] = &memNode{dir: true, mod: time.Now()}
	return nil
}

// Mkdir implements FS.
func (m *Mem) Mkdir(name string) error {
	p, err := Clean(name)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.mkdirAll(p)
}

// ReadDir implements FS.
func (m *Mem) ReadDir(name string) ([]fs.DirEntry, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	p, n, err := m.lookup("readdir", name)
	if err != nil {
		return nil, err
	}
	if !n.dir {
		return nil, &fs.PathError{Op: "readdir", Path: p, Err: errNotDir}
	}
	var out []fs.DirEntry
	for q, c := range m.nodes {
		if q != "/" && path.Dir(q) == p {
			out = append(out, fs.FileInfoToDirEntry(info(path.Base(q), c)))
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

// Stat implements FS.
func (m *Mem) Stat(name string) (fs.FileInfo, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	p, n, err := m.lookup("stat", name)
	if err != nil {
		return nil, err
	}
	return info(path.Base(p), n), nil
}

// Remove implements FS.
func (m *Mem) Remove(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, _, err := m.lookup("remove", name)
	if err != nil {
		return err
	}
	if p == "/" {
		return &fs.PathError{Op: "remove", Path: p, Err: fs.ErrPermission}
	}
	for q, n := range m.nodes {
		if q == p || strings.HasPrefix(q, p+"/") {
			m.total -= int64(len(n.data))
			delete(m.nodes, q)
		}
	}
	return nil
}

// Rename implements FS.
func (m *Mem) Rename(oldname, newname string) error {
	np, err := Clean(newname)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	op, _, err := m.lookup("rename", oldname)
	if err != nil {
		return err
	}
	if op == "/" || np == op || strings.HasPrefix(np, op+"/") {
		return &fs.PathError{Op: "rename", Path: op, Err: errInvalidMove}
	}
	if m.nodes[np] != nil {
		return &fs.PathError{Op: "rename", Path: np, Err: fs.ErrExist}
	}
	if err := m.mkdirAll(path.Dir(np)); err != nil {
		return err
	}
	for q, n := range m.nodes {
		if q == op || strings.HasPrefix(q, op+"/") {
			delete(m.nodes, q)
			m.nodes[np+strings.TrimPrefix(q, op)] = n
		}
	}
	return nil
}

type fileInfo struct {
	name string
	size int64
	dir  bool
	mod  time.Time
}

func info(name string, n *memNode) fileInfo {
	return fileInfo{name: name, size: int64(len(n.data)), dir: n.dir, mod: n.mod}
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) ModTime() time.Time { return i.mod }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
