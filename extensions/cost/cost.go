package cost

import (
	"errors"
	"fmt"

	"github.com/claudego/claude/client"
)

// ErrUnknownModel matches *UnknownModelError with errors.Is.
var ErrUnknownModel = errors.New("cost: model not in the pricing table")

// UnknownModelError reports a model the table has no price for. Cost returns
// it instead of pricing the call at zero.
type UnknownModelError struct {
	Model     string
	TableDate string
}

// Error names the model and the table's date, since a new model usually
// means the table is older than the model.
func (e *UnknownModelError) Error() string {
	return fmt.Sprintf("cost: model %q is not in the pricing table of %s; add it with Load", e.Model, e.TableDate)
}

// Unwrap returns ErrUnknownModel.
func (e *UnknownModelError) Unwrap() error { return ErrUnknownModel }

// Breakdown is the price of one call in USD, per kind of token.
type Breakdown struct {
	Model        string  `json:"model"`
	Input        float64 `json:"input"`
	Output       float64 `json:"output"`
	CacheWrite5m float64 `json:"cache_write_5m"`
	CacheWrite1h float64 `json:"cache_write_1h"`
	CacheRead    float64 `json:"cache_read"`
	Total        float64 `json:"total"`
	// Batch is true when the batch discount was applied.
	Batch bool `json:"batch,omitempty"`
	// LongPrompt is true when the long-prompt band priced the call.
	LongPrompt bool `json:"long_prompt,omitempty"`
	// Saved is what cache reads saved against paying the base input rate
	// for the same tokens (negative when cache writes cost more than they
	// saved in this call).
	Saved float64 `json:"saved"`
}

// Tokens is a usage in plain numbers: what Cost prices. FromUsage fills it
// from the API's usage object.
type Tokens struct {
	Input, Output, CacheRead, CacheWrite5m, CacheWrite1h int64
	// Batch marks a Message Batches call (usage.service_tier "batch").
	Batch bool
}

// FromUsage reads a response's usage (non-streamed, the final usage of a
// stream, or a batch result's). Cache writes are split by lifetime when the
// API says so (usage.cache_creation); otherwise all are priced at the
// 5-minute rate, which is the API's default lifetime.
func FromUsage(u client.Usage) Tokens {
	t := Tokens{Input: u.InputTokens, Output: u.OutputTokens}
	if u.CacheReadInputTokens != nil {
		t.CacheRead = *u.CacheReadInputTokens
	}
	var total int64
	if u.CacheCreationInputTokens != nil {
		total = *u.CacheCreationInputTokens
	}
	if cc := u.CacheCreation; cc != nil { // its two counts are always sent with it
		t.CacheWrite1h, t.CacheWrite5m = cc.Ephemeral1HInputTokens, cc.Ephemeral5MInputTokens
		// Tokens the split does not account for are priced at 5 minutes.
		if rest := total - t.CacheWrite1h - t.CacheWrite5m; rest > 0 {
			t.CacheWrite5m += rest
		}
	} else {
		t.CacheWrite5m = total
	}
	t.Batch = u.ServiceTier != nil && string(*u.ServiceTier) == "batch"
	return t
}

// Cost prices a usage for model. Batch usage (service_tier "batch") gets the
// table's batch discount. An unknown model returns *UnknownModelError.
func (t *Table) Cost(model string, u client.Usage) (Breakdown, error) {
	return t.CostTokens(model, FromUsage(u))
}

// CostTokens prices plain token counts; see Cost.
func (t *Table) CostTokens(model string, n Tokens) (Breakdown, error) {
	m, ok := t.Lookup(model)
	if !ok {
		date := ""
		if t != nil {
			date = t.Date
		}
		return Breakdown{Model: model}, &UnknownModelError{Model: model, TableDate: date}
	}
	r := m.Rates
	b := Breakdown{Model: model, Batch: n.Batch}
	if lp := m.LongPrompt; lp != nil && n.Input+n.CacheRead+n.CacheWrite5m+n.CacheWrite1h > lp.ThresholdTokens {
		r, b.LongPrompt = lp.Rates, true
	}
	f := 1.0
	if n.Batch {
		f = t.BatchDiscount
	}
	per := func(tokens int64, rate float64) float64 { return float64(tokens) * rate * f / 1e6 }
	b.Input = per(n.Input, r.Input)
	b.Output = per(n.Output, r.Output)
	b.CacheWrite5m = per(n.CacheWrite5m, r.CacheWrite5m)
	b.CacheWrite1h = per(n.CacheWrite1h, r.CacheWrite1h)
	b.CacheRead = per(n.CacheRead, r.CacheRead)
	b.Total = b.Input + b.Output + b.CacheWrite5m + b.CacheWrite1h + b.CacheRead
	uncached := per(n.CacheRead+n.CacheWrite5m+n.CacheWrite1h, r.Input)
	b.Saved = uncached - (b.CacheRead + b.CacheWrite5m + b.CacheWrite1h)
	return b, nil
}

// Cost prices usage with the Default table.
func Cost(model string, u client.Usage) (Breakdown, error) { return Default().Cost(model, u) }

// Message prices a reply (from Messages.Create, a stream's Message, or a
// batch result) with the Default table.
func Message(m *client.Message) (Breakdown, error) {
	if m == nil {
		return Breakdown{}, errors.New("cost: nil message")
	}
	return Default().Cost(m.Model, m.Usage)
}
