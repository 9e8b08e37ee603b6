package quota

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"time"
)

// ModelUsage is what one model used through this Quota since it was made.
type ModelUsage struct {
	Requests         int64   `json:"requests"`
	InputTokens      int64   `json:"input_tokens"`
	OutputTokens     int64   `json:"output_tokens"`
	CacheReadTokens  int64   `json:"cache_read_input_tokens"`
	CacheWriteTokens int64   `json:"cache_creation_input_tokens"`
	CostUSD          float64 `json:"cost_usd"`
	CacheSavedUSD    float64 `json:"cache_saved_usd"`
	// Unpriced counts replies of a model missing from the pricing table:
	// their cost is not in CostUSD.
	Unpriced int64 `json:"unpriced,omitempty"`
	// UsageUnknown counts calls that failed or whose usage could not be
	// read.
	UsageUnknown int64 `json:"usage_unknown,omitempty"`
}

func (q *Quota) record(model string, p *priced) {
	q.mu.Lock()
	defer q.mu.Unlock()
	m := q.models[model]
	if m == nil {
		m = &ModelUsage{}
		q.models[model] = m
	}
	m.Requests++
	if p == nil {
		m.UsageUnknown++
		return
	}
	t := p.t
	m.InputTokens += t.Input
	m.OutputTokens += t.Output
	m.CacheReadTokens += t.CacheRead
	m.CacheWriteTokens += t.CacheWrite5m + t.CacheWrite1h
	if p.known {
		m.CostUSD += p.b.Total
		m.CacheSavedUSD += p.b.Saved
	} else {
		m.Unpriced++
	}
}

// Usage returns a copy of the usage per model seen by this process.
func (q *Quota) Usage() map[string]ModelUsage {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := make(map[string]ModelUsage, len(q.models))
	for k, v := range maps.All(q.models) {
		out[k] = *v
	}
	return out
}

// WriteJSON writes the usage per model as one JSON object keyed by model,
// with the pricing table's date.
func (q *Quota) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		PricingDate string                `json:"pricing_date"`
		Models      map[string]ModelUsage `json:"models"`
	}{q.s.Pricing.Date, q.Usage()})
}

// Status is one limit's count in its current window, as the store has it
// (shared by the fleet when the store is).
type Status struct {
	Limit Limit `json:"-"`
	// Metric is requests, input_tokens, output_tokens or cost_usd.
	Metric string `json:"metric"`
	Period string `json:"period"`
	Model  string `json:"model,omitempty"`
	// Used and Max count in the store's integer unit: requests, tokens,
	// or for cost_usd millionths of a dollar (micro-USD), which keeps
	// the fleet's shared counters exact. UsedUSD and MaxUSD read a cost
	// counter in dollars.
	Used  int64     `json:"used"`
	Max   int64     `json:"max"`
	Reset time.Time `json:"reset"`
}

// UsedUSD is Used in dollars for a cost_usd counter, and 0 for any other.
func (s Status) UsedUSD() float64 { return s.usd(s.Used) }

// MaxUSD is Max in dollars for a cost_usd counter, and 0 for any other.
func (s Status) MaxUSD() float64 { return s.usd(s.Max) }

func (s Status) usd(micros int64) float64 {
	if s.Metric != "cost_usd" {
		return 0
	}
	return float64(micros) / 1e6
}

// Status reads every limit's current count from the store.
func (q *Quota) Status(ctx context.Context) ([]Status, error) {
	cs, slots := q.counters(q.s.Now(), "", amounts{}, true)
	// counters with model "" only covers overall limits; add per-model ones.
	for li, l := range q.s.Limits {
		if l.Model == "" {
			continue
		}
		mcs, mslots := q.counters(q.s.Now(), l.Model, amounts{}, true)
		for i := range mcs {
			if mslots[i].limit == li {
				cs, slots = append(cs, mcs[i]), append(slots, mslots[i])
			}
		}
	}
	keys := make([]string, len(cs))
	for i, c := range cs {
		keys[i] = c.Key
	}
	vals, err := q.s.Store.Get(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]Status, len(cs))
	for i, sl := range slots {
		l := q.s.Limits[sl.limit]
		out[i] = Status{Limit: l, Metric: metrics[sl.metric], Period: l.Period.String(), Model: l.Model, Used: vals[i], Max: cs[i].Max, Reset: sl.reset}
	}
	return out, nil
}
