package cost

import (
	"io"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

// The types are client/pricing's (aliases, not copies).
type (
	// Table is pricing.Table.
	Table = pricing.Table
	// Rates is pricing.Rates.
	Rates = pricing.Rates
	// LongPrompt is pricing.LongPrompt.
	LongPrompt = pricing.LongPrompt
	// ModelPrice is pricing.ModelPrice.
	ModelPrice = pricing.ModelPrice
	// Breakdown is pricing.Breakdown.
	Breakdown = pricing.Breakdown
	// Tokens is pricing.Tokens.
	Tokens = pricing.Tokens
	// UnknownModelError is pricing.UnknownModelError.
	UnknownModelError = pricing.UnknownModelError
)

// ErrUnknownModel is pricing.ErrUnknownModel.
var ErrUnknownModel = pricing.ErrUnknownModel

// Default returns the embedded table: pricing.Default.
func Default() *Table { return pricing.Default() }

// Load reads a table: pricing.Load.
func Load(r io.Reader) (*Table, error) { return pricing.Load(r) }

// FromUsage reads a response's usage: pricing.FromUsage.
func FromUsage(u client.Usage) Tokens { return pricing.FromUsage(u) }

// Cost prices usage with the Default table: pricing.Cost.
func Cost(model string, u client.Usage) (Breakdown, error) { return pricing.Cost(model, u) }

// Message prices a reply with the Default table: pricing.Message.
func Message(m *client.Message) (Breakdown, error) { return pricing.Message(m) }
