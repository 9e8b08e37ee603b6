package limitstore

import "github.com/claudego/claude/client/limitstore"

// The types are client/limitstore's (aliases, not copies), so a Store
// written against either package fits both.
type (
	// Counter is limitstore.Counter of client/limitstore.
	Counter = limitstore.Counter
	// Store is limitstore.Store of client/limitstore.
	Store = limitstore.Store
	// Memory is limitstore.Memory of client/limitstore.
	Memory = limitstore.Memory
)

// ErrEmptyKey is client/limitstore's ErrEmptyKey.
var ErrEmptyKey = limitstore.ErrEmptyKey

// ErrKind is client/limitstore's ErrKind.
var ErrKind = limitstore.ErrKind

// Check validates counters: client/limitstore's Check.
func Check(cs []Counter) error { return limitstore.Check(cs) }

// NewMemory returns an empty Memory store.
func NewMemory() *Memory { return limitstore.NewMemory() }
