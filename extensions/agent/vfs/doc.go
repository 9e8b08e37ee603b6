// Package vfs is the virtual filesystem agents work in: an interface (read,
// write, list, stat, remove, rename) with an in-memory FS, a directory on
// disk confined to its root with os.Root, read-only wrappers, a mount table
// joining several under one tree, and size limits. Every FS here is safe
// for concurrent use. Paths are slash-separated and rooted at "/"; ".." is
// refused rather than resolved, so no path names anything outside the tree.
// The repository's ARCHITECTURE.md places this package in the agent
// framework.
package vfs
