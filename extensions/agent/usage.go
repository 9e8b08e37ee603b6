package agent

import (
	"fmt"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

// Usage counts the tokens of one turn or a whole run, split the way they
// are billed.
type Usage struct {
	// InputTokens were read neither from nor into the cache.
	InputTokens int64 `json:"input_tokens"`
	// CacheReadTokens were read from the prompt cache (billed at a fraction of the input rate).
	CacheReadTokens int64 `json:"cache_read_tokens"`
	// CacheWrite5mTokens were written to the 5-minute cache (1.25x).
	CacheWrite5mTokens int64 `json:"cache_write_5m_tokens"`
	// CacheWrite1hTokens were written to the 1-hour cache (2x).
	CacheWrite1hTokens int64 `json:"cache_write_1h_tokens"`
	// OutputTokens the model generated.
	OutputTokens int64 `json:"output_tokens"`
	// CostUSD is what the turns cost, each priced by its reply's model with
	// the run's pricing table (Budget.Pricing, client/pricing's by default).
	CostUSD float64 `json:"cost_usd,omitempty"`
	// UnpricedTurns counts turns whose model the table does not know: their
	// cost is not in CostUSD (a run with a dollar Budget fails instead).
	UnpricedTurns int64 `json:"unpriced_turns,omitempty"`
}

// usageOf reads a reply's usage with the one reader the pricing table uses
// (pricing.FromUsage): cache writes without the per-lifetime split count as
// 5-minute writes, the default lifetime.
func usageOf(u client.Usage) Usage {
	t := pricing.FromUsage(u)
	return Usage{
		InputTokens:        t.Input,
		CacheReadTokens:    t.CacheRead,
		CacheWrite5mTokens: t.CacheWrite5m,
		CacheWrite1hTokens: t.CacheWrite1h,
		OutputTokens:       t.Output,
	}
}

// Add returns the sum of u and v.
func (u Usage) Add(v Usage) Usage {
	return Usage{
		InputTokens:        u.InputTokens + v.InputTokens,
		CacheReadTokens:    u.CacheReadTokens + v.CacheReadTokens,
		CacheWrite5mTokens: u.CacheWrite5mTokens + v.CacheWrite5mTokens,
		CacheWrite1hTokens: u.CacheWrite1hTokens + v.CacheWrite1hTokens,
		OutputTokens:       u.OutputTokens + v.OutputTokens,
		CostUSD:            u.CostUSD + v.CostUSD,
		UnpricedTurns:      u.UnpricedTurns + v.UnpricedTurns,
	}
}

// TotalInputTokens is every input token of the request, cached or not.
func (u Usage) TotalInputTokens() int64 {
	return u.InputTokens + u.CacheReadTokens + u.CacheWrite5mTokens + u.CacheWrite1hTokens
}

// weightedInput is the input counted in uncached-input tokens with the
// common cache multipliers (reads 0.1x, writes 1.25x and 2x): a token
// measure, the same for every model. Dollars come from the pricing table.
func (u Usage) weightedInput() float64 {
	return float64(u.InputTokens) + 0.1*float64(u.CacheReadTokens) +
		1.25*float64(u.CacheWrite5mTokens) + 2*float64(u.CacheWrite1hTokens)
}

// BilledTokens is the input weighted as billed (cache reads 0.1x, writes
// 1.25x or 2x) plus the output: what a token Budget counts.
func (u Usage) BilledTokens() int64 {
	return int64(u.weightedInput()+0.5) + u.OutputTokens
}

// Budget bounds a run's spending; zero fields are no bound. It is checked
// at turn boundaries: once spent, the loop sends one last request without
// tools so the model wraps up, and Run returns ErrBudgetExhausted with it.
type Budget struct {
	// Tokens bounds Usage.BilledTokens summed over the run.
	Tokens int64
	// Dollars bounds Usage.CostUSD summed over the run. A reply from a
	// model the pricing table does not know ends the run with an error
	// wrapping pricing.ErrUnknownModel rather than counting it as free.
	Dollars float64
	// Pricing prices each turn; nil means pricing.Default(), the one table
	// the quota and the cost command use too.
	Pricing *pricing.Table
}

func (b Budget) table() *pricing.Table {
	if b.Pricing != nil {
		return b.Pricing
	}
	return pricing.Default()
}

// price sets u's cost from the reply's model and usage. An unknown model is
// an error only when a dollar bound needs the price.
func (b Budget) price(u *Usage, model string, raw client.Usage) error {
	br, err := b.table().Cost(model, raw)
	if err != nil {
		if b.Dollars > 0 {
			return fmt.Errorf("agent: pricing the turn for the dollar budget: %w", err)
		}
		u.UnpricedTurns++
		return nil
	}
	u.CostUSD = br.Total
	return nil
}

func (b Budget) spent(u Usage) bool {
	if b.Tokens > 0 && u.BilledTokens() >= b.Tokens {
		return true
	}
	return b.Dollars > 0 && u.CostUSD >= b.Dollars
}
