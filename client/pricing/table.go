package pricing

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
)

//go:embed pricing.json
var pricingJSON []byte

// Rates are USD per million tokens for one kind of token each.
type Rates struct {
	// Input is the base rate of input tokens not read from or written to
	// the cache.
	Input float64 `json:"input"`
	// Output is the rate of output tokens (thinking included).
	Output float64 `json:"output"`
	// CacheWrite5m is the rate of tokens written to the 5-minute cache.
	CacheWrite5m float64 `json:"cache_write_5m"`
	// CacheWrite1h is the rate of tokens written to the 1-hour cache.
	CacheWrite1h float64 `json:"cache_write_1h"`
	// CacheRead is the rate of cache hits and refreshes.
	CacheRead float64 `json:"cache_read"`
}

// LongPrompt is a second band of rates for a prompt longer than
// ThresholdTokens (input plus cache reads and writes); when it applies it
// prices every token of the request, output included.
type LongPrompt struct {
	ThresholdTokens int64 `json:"threshold_tokens"`
	Rates
}

// ModelPrice is one row of the table.
type ModelPrice struct {
	// Model is the model ID without a date suffix, such as claude-haiku-4-5.
	Model string `json:"model"`
	// Aliases are other IDs priced the same.
	Aliases []string `json:"aliases,omitempty"`
	Rates
	// LongPrompt is the optional band for long prompts.
	LongPrompt *LongPrompt `json:"long_prompt,omitempty"`
}

// Table is a pricing table. Its zero value knows no model; use Default or
// Load.
type Table struct {
	// Date is when the prices were taken from Source (YYYY-MM-DD).
	Date string `json:"date"`
	// Source says where they come from.
	Source string `json:"source"`
	// Currency and Unit document the numbers: USD per million tokens.
	Currency string `json:"currency,omitempty"`
	Unit     string `json:"unit,omitempty"`
	// BatchDiscount is the fraction of the price a Message Batches call
	// pays (0.5: half price).
	BatchDiscount float64      `json:"batch_discount"`
	Notes         []string     `json:"notes,omitempty"`
	Models        []ModelPrice `json:"models"`

	index map[string]*ModelPrice
}

var (
	defaultOnce  sync.Once
	defaultTable *Table
)

// Default returns the embedded table (see Table.Date for its age). It is
// shared: treat it as read-only.
func Default() *Table {
	defaultOnce.Do(func() {
		t, err := Load(bytes.NewReader(pricingJSON))
		if err != nil {
			panic("pricing: embedded pricing.json is invalid: " + err.Error())
		}
		defaultTable = t
	})
	return defaultTable
}

// Load reads a table in the JSON format of the embedded pricing.json and
// checks it: every model has a name and no negative rate, no ID is listed
// twice, the batch discount is in (0, 1]. Errors name the offending entry.
func Load(r io.Reader) (*Table, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var t Table
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("pricing: pricing table: %w", err)
	}
	if err := t.build(); err != nil {
		return nil, err
	}
	return &t, nil
}

func (t *Table) build() error {
	if t.BatchDiscount <= 0 || t.BatchDiscount > 1 {
		return fmt.Errorf("pricing: pricing table: batch_discount %v must be in (0, 1]", t.BatchDiscount)
	}
	t.index = make(map[string]*ModelPrice, len(t.Models)*2)
	for i := range t.Models {
		m := &t.Models[i]
		if m.Model == "" {
			return fmt.Errorf("pricing: pricing table: models[%d]: empty model", i)
		}
		if err := m.Rates.check(); err != nil {
			return fmt.Errorf("pricing: pricing table: models[%d] (%s): %w", i, m.Model, err)
		}
		if lp := m.LongPrompt; lp != nil {
			if lp.ThresholdTokens <= 0 {
				return fmt.Errorf("pricing: pricing table: models[%d] (%s): long_prompt.threshold_tokens must be positive", i, m.Model)
			}
			if err := lp.Rates.check(); err != nil {
				return fmt.Errorf("pricing: pricing table: models[%d] (%s): long_prompt: %w", i, m.Model, err)
			}
		}
		for _, id := range append([]string{m.Model}, m.Aliases...) {
			if _, dup := t.index[id]; dup {
				return fmt.Errorf("pricing: pricing table: models[%d]: %q is listed twice", i, id)
			}
			t.index[id] = m
		}
	}
	return nil
}

func (r Rates) check() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"input", r.Input}, {"output", r.Output}, {"cache_write_5m", r.CacheWrite5m}, {"cache_write_1h", r.CacheWrite1h}, {"cache_read", r.CacheRead}} {
		if f.v < 0 {
			return fmt.Errorf("%s rate %v is negative", f.name, f.v)
		}
	}
	return nil
}

// Lookup returns the row for a model ID as the API reports it: an exact ID
// or alias, or the ID without its -YYYYMMDD date suffix
// (claude-haiku-4-5-20251001 is claude-haiku-4-5), or without a bracketed
// variant (claude-sonnet-5-5[1m]).
func (t *Table) Lookup(model string) (*ModelPrice, bool) {
	if t == nil || t.index == nil {
		return nil, false
	}
	if m, ok := t.index[model]; ok {
		return m, true
	}
	id := model
	if i := strings.IndexByte(id, '['); i > 0 {
		id = id[:i]
	}
	if m, ok := t.index[id]; ok {
		return m, true
	}
	if base, ok := stripDate(id); ok {
		if m, ok := t.index[base]; ok {
			return m, true
		}
	}
	return nil, false
}

// stripDate removes a trailing -YYYYMMDD.
func stripDate(id string) (string, bool) {
	if len(id) < 10 || id[len(id)-9] != '-' {
		return id, false
	}
	for _, c := range id[len(id)-8:] {
		if c < '0' || c > '9' {
			return id, false
		}
	}
	return id[:len(id)-9], true
}
