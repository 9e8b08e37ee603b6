package quota

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/client/pricing"
)

// Period is the window a limit counts over. Windows are calendar-aligned in
// Config.Location: a day starts at midnight, a month on its first.
type Period int

const (
	// Minute is a calendar minute's budget. Like every window it starts
	// afresh when the minute does, so calls bunched across a minute's end
	// can pass twice the limit within seconds; for a rate limit, use
	// extensions/ratelimit (with Config.Store to share it), whose token
	// buckets refill continuously as the API's do.
	Minute Period = iota + 1
	// Day is a daily budget.
	Day
	// Month is a monthly budget.
	Month
)

// String names the period as errors and keys do.
func (p Period) String() string {
	switch p {
	case Minute:
		return "minute"
	case Day:
		return "day"
	case Month:
		return "month"
	}
	return fmt.Sprintf("Period(%d)", int(p))
}

// window returns the start and end of the window holding t.
func (p Period) window(t time.Time) (start, end time.Time) {
	switch p {
	case Minute:
		start = t.Truncate(time.Minute)
		return start, start.Add(time.Minute)
	case Day:
		start = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
		return start, start.AddDate(0, 0, 1)
	default:
		start = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location())
		return start, start.AddDate(0, 1, 0)
	}
}

// Limit is one budget. Zero fields are not limited; a Limit with no field
// set is an error.
type Limit struct {
	// Period is Minute, Day or Month.
	Period Period
	// Model restricts the limit to one model (its ID without a date suffix
	// also matches dated IDs: "claude-haiku-4-5" covers
	// "claude-haiku-4-5-20251001"). Empty means every model.
	Model string
	// Requests is the number of calls.
	Requests int64
	// InputTokens counts input, cache reads and cache writes.
	InputTokens int64
	// OutputTokens counts output tokens.
	OutputTokens int64
	// CostUSD is the spend, priced with Config.Pricing.
	CostUSD float64
}

// Config configures a Quota. The zero value enforces nothing and only
// records usage per model.
type Config struct {
	// Limits are the budgets; every one that applies to a call must have
	// room for it.
	Limits []Limit
	// Namespace prefixes every key in the store: an organization or
	// workspace, so fleets sharing one Redis keep apart. Default "claude".
	Namespace string
	// Store keeps the counts. Default: a new limitstore.Memory.
	Store limitstore.Store
	// Pricing prices estimates and usage. Default pricing.Default().
	Pricing *pricing.Table
	// EstimateInputTokens estimates a request's input tokens from its JSON
	// body. Default len(body)/4, at least 1. A caller can call count_tokens
	// here for exact numbers. It must not keep body after it returns: the
	// bytes may be the request's own.
	EstimateInputTokens func(body []byte) int64
	// OnError receives what the quota could not do without failing the
	// call: a reply whose usage could not be read, a correction the store
	// refused, a model missing from the pricing table. Default: ignored.
	OnError func(error)
	// Location sets where days and months begin. Default UTC.
	Location *time.Location
	// Now returns the current time. Default time.Now.
	Now func() time.Time
}

// ErrQuotaExceeded matches *ExceededError with errors.Is.
var ErrQuotaExceeded = errors.New("quota exceeded")

// ExceededError is returned, before anything is sent, for a call that would
// pass a limit.
type ExceededError struct {
	// Limit names what ran out: "requests", "input_tokens",
	// "output_tokens" or "cost_usd".
	Limit string
	// Period and Model say which Limit (Model empty: all models).
	Period Period
	Model  string
	// Used is the window's count before this call, Max the limit, Need what
	// the call was estimated to take (cost in micro-dollars).
	Used, Max, Need int64
	// Reset is when the window ends and the count starts again.
	Reset time.Time
}

// Error names the limit, the counts and the reset time.
func (e *ExceededError) Error() string {
	scope := "all models"
	if e.Model != "" {
		scope = e.Model
	}
	return fmt.Sprintf("quota: %s per %s for %s: used %d of %d, call needs %d; resets at %s",
		e.Limit, e.Period, scope, e.Used, e.Max, e.Need, e.Reset.Format(time.RFC3339))
}

// Unwrap returns ErrQuotaExceeded.
func (e *ExceededError) Unwrap() error { return ErrQuotaExceeded }

// Quota is a set of budgets shared by every client and call it is installed
// on. It is safe for concurrent use.
type Quota struct {
	s Config
	// lengthEstimate: EstimateInputTokens is the default, which needs only
	// the body's length (so a client's request is never read).
	lengthEstimate bool

	mu     sync.Mutex
	models map[string]*ModelUsage
	// windows caches each limit's current window (see window).
	windows []atomic.Pointer[window]
}

// New returns the option that installs a new Quota with c in the quota slot;
// a bad c fails client.New (or the call). Use NewQuota to keep the *Quota
// and read its usage.
func New(c Config) client.Option {
	q, err := NewQuota(c)
	if err != nil {
		return client.InvalidOption(err)
	}
	return q.Option()
}

// NewQuota checks s and returns a Quota. A limit with an unknown period, a
// negative value or nothing limited is an error naming its index.
func NewQuota(s Config) (*Quota, error) {
	for i, l := range s.Limits {
		if l.Period < Minute || l.Period > Month {
			return nil, fmt.Errorf("quota: Limits[%d]: unknown period %d", i, int(l.Period))
		}
		if l.Requests < 0 || l.InputTokens < 0 || l.OutputTokens < 0 || l.CostUSD < 0 || math.IsNaN(l.CostUSD) {
			return nil, fmt.Errorf("quota: Limits[%d]: negative limit", i)
		}
		if l.Requests == 0 && l.InputTokens == 0 && l.OutputTokens == 0 && l.CostUSD == 0 {
			return nil, fmt.Errorf("quota: Limits[%d]: no field limited", i)
		}
	}
	// Two limits on the same period, scope and metric would share one
	// counter and add every call twice.
	seen := map[string]int{}
	for i, l := range s.Limits {
		for mi := range metrics {
			if l.max(mi) == 0 {
				continue
			}
			k := l.Period.String() + "/" + l.Model + "/" + metrics[mi]
			if j, dup := seen[k]; dup {
				return nil, fmt.Errorf("quota: Limits[%d] and Limits[%d] both limit %s per %s for %q; merge them", j, i, metrics[mi], l.Period, l.Model)
			}
			seen[k] = i
		}
	}
	if s.Namespace == "" {
		s.Namespace = "claude"
	}
	if strings.ContainsAny(s.Namespace, " \n") {
		return nil, fmt.Errorf("quota: Namespace %q has spaces or line breaks", s.Namespace)
	}
	if s.Store == nil {
		s.Store = limitstore.NewMemory()
	}
	if s.Pricing == nil {
		s.Pricing = pricing.Default()
	}
	lengthEstimate := s.EstimateInputTokens == nil
	if lengthEstimate {
		s.EstimateInputTokens = func(b []byte) int64 { return estimateFromLength(int64(len(b))) }
	}
	if s.Location == nil {
		s.Location = time.UTC
	}
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.OnError == nil {
		s.OnError = func(error) {}
	}
	return &Quota{s: s, lengthEstimate: lengthEstimate, models: map[string]*ModelUsage{}, windows: make([]atomic.Pointer[window], len(s.Limits))}, nil
}

// Option installs the quota in its slot of the pipeline, for a client or
// one call.
func (q *Quota) Option() client.Option {
	return client.WithLayer(client.LayerQuota, q.Middleware)
}

// metric names, in the order of amounts.
var metrics = [...]string{"requests", "input_tokens", "output_tokens", "cost_usd"}

// amounts are one call's counts: requests, input tokens, output tokens,
// micro-dollars.
type amounts [4]int64

func (l Limit) max(i int) int64 {
	switch i {
	case 0:
		return l.Requests
	case 1:
		return l.InputTokens
	case 2:
		return l.OutputTokens
	}
	return int64(math.Ceil(l.CostUSD * 1e6))
}

func (l Limit) covers(model string) bool {
	if l.Model == "" || l.Model == model {
		return true
	}
	return strings.HasPrefix(model, l.Model+"-") && len(model) == len(l.Model)+9
}

// counters returns the store counters a call of model with amounts a
// touches, and which limit and metric each is, at time now.
func (q *Quota) counters(now time.Time, model string, a amounts, withMax bool) ([]limitstore.Counter, []slot) {
	return q.appendCounters(nil, nil, now, model, a, withMax)
}

// appendCounters is counters appending to cs and slots (which may be nil).
func (q *Quota) appendCounters(cs []limitstore.Counter, slots []slot, now time.Time, model string, a amounts, withMax bool) ([]limitstore.Counter, []slot) {
	if cs == nil {
		cs = make([]limitstore.Counter, 0, len(q.s.Limits)*len(metrics))
	}
	for li, l := range q.s.Limits {
		if !l.covers(model) {
			continue
		}
		w := q.window(li, now)
		for mi := range w.counters {
			c := w.counters[mi]
			if c.Max == 0 {
				continue
			}
			c.Add = a[mi]
			if !withMax {
				c.Max = 0
			}
			cs = append(cs, c)
			slots = append(slots, slot{limit: li, metric: mi, reset: w.end})
		}
	}
	return cs, slots
}

// window is one limit's current window and the store keys of its metrics,
// kept until the window ends: finding a calendar window (time.Date in
// Config.Location) and building its keys cost more than the rest of a
// quota check, so each call reuses them.
type window struct {
	start, end time.Time
	keys       [len(metrics)]string
	// counters are the window's counters of each metric, all but their
	// Add: key, the limit's maximum (zero: the metric is not limited),
	// the window's end.
	counters [len(metrics)]limitstore.Counter
}

// window returns limit li's window holding now.
func (q *Quota) window(li int, now time.Time) *window {
	if w := q.windows[li].Load(); w != nil && !now.Before(w.start) && now.Before(w.end) {
		return w
	}
	l := q.s.Limits[li]
	start, end := l.Period.window(now.In(q.s.Location))
	scope := l.Model
	if scope == "" {
		scope = "*"
	}
	// The window's start in Unix seconds names it.
	prefix := q.s.Namespace + ":quota:" + l.Period.String() + ":" + strconv.FormatInt(start.Unix(), 10) + ":" + scope + ":"
	w := &window{start: start, end: end}
	for mi := range metrics {
		w.keys[mi] = prefix + metrics[mi]
		w.counters[mi] = limitstore.Counter{Key: w.keys[mi], Max: l.max(mi), ExpireAt: end}
	}
	q.windows[li].Store(w)
	return w
}

type slot struct {
	limit, metric int
	reset         time.Time
}
