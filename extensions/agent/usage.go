package agent

import "github.com/claudego/claude/client"

// Usage counts the tokens of one turn or a whole run, split the way they
// are billed.
type Usage struct {
	// InputTokens were read neither from nor into the cache.
	InputTokens int64 `json:"input_tokens"`
	// CacheReadTokens were read from the prompt cache (billed at 0.1x).
	CacheReadTokens int64 `json:"cache_read_tokens"`
	// CacheWrite5mTokens were written to the 5-minute cache (1.25x).
	CacheWrite5mTokens int64 `json:"cache_write_5m_tokens"`
	// CacheWrite1hTokens were written to the 1-hour cache (2x).
	CacheWrite1hTokens int64 `json:"cache_write_1h_tokens"`
	// OutputTokens the model generated.
	OutputTokens int64 `json:"output_tokens"`
}

// usageOf reads a reply's usage. Cache writes without the per-lifetime
// split count as 5-minute writes, the default lifetime.
func usageOf(u client.Usage) Usage {
	out := Usage{InputTokens: u.InputTokens, OutputTokens: u.OutputTokens}
	if u.CacheReadInputTokens != nil {
		out.CacheReadTokens = *u.CacheReadInputTokens
	}
	if cc := u.CacheCreation; cc != nil { // its two counts are always sent with it
		out.CacheWrite1hTokens, out.CacheWrite5mTokens = cc.Ephemeral1HInputTokens, cc.Ephemeral5MInputTokens
	} else if u.CacheCreationInputTokens != nil {
		out.CacheWrite5mTokens = *u.CacheCreationInputTokens
	}
	return out
}

// Add returns the sum of u and v.
func (u Usage) Add(v Usage) Usage {
	return Usage{
		InputTokens:        u.InputTokens + v.InputTokens,
		CacheReadTokens:    u.CacheReadTokens + v.CacheReadTokens,
		CacheWrite5mTokens: u.CacheWrite5mTokens + v.CacheWrite5mTokens,
		CacheWrite1hTokens: u.CacheWrite1hTokens + v.CacheWrite1hTokens,
		OutputTokens:       u.OutputTokens + v.OutputTokens,
	}
}

// TotalInputTokens is every input token of the request, cached or not.
func (u Usage) TotalInputTokens() int64 {
	return u.InputTokens + u.CacheReadTokens + u.CacheWrite5mTokens + u.CacheWrite1hTokens
}

// Price is a model's list price in dollars per million tokens. Cache
// reads and writes are derived from Input as billed: reads 0.1x, 5-minute
// writes 1.25x, 1-hour writes 2x.
type Price struct {
	InputPerMTok  float64 `json:"input_per_mtok"`
	OutputPerMTok float64 `json:"output_per_mtok"`
}

// Cost is what u costs at price p, in dollars.
func (u Usage) Cost(p Price) float64 {
	return (p.InputPerMTok*u.weightedInput() + p.OutputPerMTok*float64(u.OutputTokens)) / 1e6
}

// weightedInput is the input counted as billed, in uncached-input tokens.
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
	// Dollars bounds Usage.Cost(Price) summed over the run.
	Dollars float64
	// Price is the model's price, needed for Dollars.
	Price Price
}

func (b Budget) spent(u Usage) bool {
	if b.Tokens > 0 && u.BilledTokens() >= b.Tokens {
		return true
	}
	return b.Dollars > 0 && u.Cost(b.Price) >= b.Dollars
}
