package vfs_test

import (
	"fmt"
	"os"

	"github.com/claudego/claude/extensions/agent/vfs"
)

func ExampleNewMem() {
	m := vfs.NewMem(vfs.Limits{MaxFileSize: 1 << 20})
	_ = m.WriteFile("/notes/todo.md", []byte("- ship"))
	b, _ := m.ReadFile("/notes/todo.md")
	fmt.Println(string(b))
	// Output: - ship
}

func ExampleNewDir() {
	dir, _ := os.MkdirTemp("", "vfs-example")
	defer os.RemoveAll(dir)
	d, err := vfs.NewDir(dir, vfs.Limits{})
	if err != nil {
		panic(err)
	}
	defer d.Close()
	_, err = d.ReadFile("../../etc/passwd")
	fmt.Println(err)
	// Output: open ../../etc/passwd: ".." is not allowed
}

func ExampleReadOnly() {
	m := vfs.NewMem(vfs.Limits{})
	err := vfs.ReadOnly(m).WriteFile("/x", nil)
	fmt.Println(err)
	// Output: write /x: read-only file system
}

func ExampleNewMounts() {
	m := vfs.NewMounts()
	_ = m.Mount("/", vfs.NewMem(vfs.Limits{}))
	_ = m.Mount("/memories", vfs.NewMem(vfs.Limits{}))
	_ = m.WriteFile("/memories/a.md", []byte("remember"))
	entries, _ := m.ReadDir("/")
	for _, e := range entries {
		fmt.Println(e.Name(), e.IsDir())
	}
	// Output: memories true
}
