package vfs_test

import (
	"fmt"
	"os"

	"github.com/claudego/claude/extensions/agent/vfs"
)

func ExampleNewMem() {
	m := vfs.NewMem(vfs.Limits{MaxFileSize: 1 << 20})
	if err := m.WriteFile("/notes/todo.md", []byte("- ship")); err != nil {
		panic(err)
	}
	b, err := m.ReadFile("/notes/todo.md")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(b))
	// Output: - ship
}

func ExampleNewDir() {
	dir, err := os.MkdirTemp("", "vfs-example")
	if err != nil {
		panic(err)
	}
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
	if err := m.Mount("/", vfs.NewMem(vfs.Limits{})); err != nil {
		panic(err)
	}
	if err := m.Mount("/memories", vfs.NewMem(vfs.Limits{})); err != nil {
		panic(err)
	}
	if err := m.WriteFile("/memories/a.md", []byte("remember")); err != nil {
		panic(err)
	}
	entries, err := m.ReadDir("/")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		fmt.Println(e.Name(), e.IsDir())
	}
	// Output: memories true
}
