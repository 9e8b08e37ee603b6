// Package obstest is the observer the extensions' tests use to check what a
// layer reports through client.Report: a client.Observer that keeps every
// event, safe for concurrent use.
package obstest
