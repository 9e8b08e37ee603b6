package orgtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

// Usage is one Messages call the organization served, as the reports count
// it. The emulator records one per message it answers.
type Usage struct {
	Time                 time.Time
	Model                string
	WorkspaceID          string // empty: the default workspace
	APIKeyID             string
	ServiceTier          string // empty: standard
	InputTokens          int64  // uncached input tokens
	OutputTokens         int64
	CacheReadInputTokens int64
	CacheWrite5mTokens   int64
	CacheWrite1hTokens   int64
	WebSearchRequests    int64
}

// RecordUsage adds one served call to the reports.
func (s *Server) RecordUsage(u Usage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u.ServiceTier == "" {
		u.ServiceTier = "standard"
	}
	s.usage = append(s.usage, u)
}

var widths = map[string]struct {
	d          time.Duration
	def, limit int
}{"1d": {24 * time.Hour, 7, 31}, "1h": {time.Hour, 24, 168}, "1m": {time.Minute, 60, 1440}}

// buckets parses the range, width, limit and page of a report and returns
// the page's bucket starts and the next page token ("" on the last page).
func (s *Server) buckets(w http.ResponseWriter, r *http.Request, allowed []string) (starts []time.Time, width time.Duration, next string, ok bool) {
	q := r.URL.Query()
	start, err := time.Parse(time.RFC3339, q.Get("starting_at"))
	if err != nil {
		badRequest(w, "starting_at", "required, an RFC 3339 timestamp")
		return nil, 0, "", false
	}
	// The default end is this instant, not s.now()'s whole second: a call
	// served in the first second of a bucket is in that bucket's report
	// (truncated, the bucket started at the end and was left out).
	end := s.instant()
	if e := q.Get("ending_at"); e != "" {
		if end, err = time.Parse(time.RFC3339, e); err != nil || !end.After(start) {
			badRequest(w, "ending_at", "must be an RFC 3339 timestamp after starting_at")
			return nil, 0, "", false
		}
	}
	bw := q.Get("bucket_width")
	if bw == "" {
		bw = "1d"
	}
	spec, known := widths[bw]
	if !known || !slices.Contains(allowed, bw) {
		badRequest(w, "bucket_width", "must be one of "+strings.Join(allowed, ", "))
		return nil, 0, "", false
	}
	n, ok := limit(w, r, spec.def, spec.limit)
	if !ok {
		return nil, 0, "", false
	}
	first := start.UTC().Truncate(spec.d)
	if tok := q.Get("page"); tok != "" {
		t, err := time.Parse(time.RFC3339, strings.TrimPrefix(tok, "page_"))
		if err != nil || !strings.HasPrefix(tok, "page_") {
			badRequest(w, "page", "invalid page token")
			return nil, 0, "", false
		}
		first = t
	}
	for t := first; t.Before(end) && len(starts) < n; t = t.Add(spec.d) {
		starts = append(starts, t)
	}
	if len(starts) == n && starts[n-1].Add(spec.d).Before(end) {
		next = "page_" + starts[n-1].Add(spec.d).Format(time.RFC3339)
	}
	return starts, spec.d, next, true
}

func (s *Server) routeReports(mux *http.ServeMux) {
	mux.HandleFunc("GET /v1/organizations/usage_report/messages", func(w http.ResponseWriter, r *http.Request) {
		starts, d, next, ok := s.buckets(w, r, []string{"1d", "1h", "1m"})
		if !ok {
			return
		}
		q := r.URL.Query()
		group := q["group_by[]"]
		keep := func(u Usage) bool {
			return in(q["models[]"], u.Model) && in(q["workspace_ids[]"], u.WorkspaceID) && in(q["api_key_ids[]"], u.APIKeyID) && in(q["service_tiers[]"], u.ServiceTier)
		}
		report := client.UsageReport{Data: []client.UsageReportBucket{}, HasMore: next != "", NextPage: next}
		for _, t := range starts {
			rows := map[string]*client.UsageReportResult{}
			var order []string
			for _, u := range s.usage {
				if u.Time.Before(t) || !u.Time.Before(t.Add(d)) || !keep(u) {
					continue
				}
				res := client.UsageReportResult{}
				for _, g := range group {
					switch g {
					case "model":
						res.Model = u.Model
					case "workspace_id":
						res.WorkspaceID = u.WorkspaceID
					case "api_key_id":
						res.APIKeyID = u.APIKeyID
					case "service_tier":
						res.ServiceTier = u.ServiceTier
					case "context_window":
						res.ContextWindow = "0-200k"
					}
				}
				k := res.Model + "|" + res.WorkspaceID + "|" + res.APIKeyID + "|" + res.ServiceTier + "|" + res.ContextWindow
				row, seen := rows[k]
				if !seen {
					row = &res
					rows[k] = row
					order = append(order, k)
				}
				row.UncachedInputTokens += u.InputTokens
				row.OutputTokens += u.OutputTokens
				row.CacheReadInputTokens += u.CacheReadInputTokens
				row.CacheCreation.Ephemeral5MInputTokens += u.CacheWrite5mTokens
				row.CacheCreation.Ephemeral1HInputTokens += u.CacheWrite1hTokens
				row.ServerToolUse.WebSearchRequests += u.WebSearchRequests
			}
			sort.Strings(order)
			b := client.UsageReportBucket{StartingAt: t, EndingAt: t.Add(d), Results: []client.UsageReportResult{}}
			for _, k := range order {
				b.Results = append(b.Results, *rows[k])
			}
			report.Data = append(report.Data, b)
		}
		writeJSON(w, nullNext(report, next))
	})
	mux.HandleFunc("GET /v1/organizations/cost_report", func(w http.ResponseWriter, r *http.Request) {
		starts, d, next, ok := s.buckets(w, r, []string{"1d"})
		if !ok {
			return
		}
		group := r.URL.Query()["group_by[]"]
		report := client.CostReport{Data: []client.CostReportBucket{}, HasMore: next != "", NextPage: next}
		for _, t := range starts {
			cents := map[string]float64{}
			rows := map[string]client.CostReportResult{}
			for _, u := range s.usage {
				if u.Time.Before(t) || !u.Time.Before(t.Add(d)) {
					continue
				}
				r := rates(u.Model, u.ServiceTier)
				for _, item := range []struct {
					tokenType string
					tokens    int64
					perMTok   float64
				}{{"uncached_input_tokens", u.InputTokens, r.Input}, {"output_tokens", u.OutputTokens, r.Output},
					{"cache_read_input_tokens", u.CacheReadInputTokens, r.CacheRead},
					{"cache_creation.ephemeral_5m_input_tokens", u.CacheWrite5mTokens, r.CacheWrite5m},
					{"cache_creation.ephemeral_1h_input_tokens", u.CacheWrite1hTokens, r.CacheWrite1h}} {
					if item.tokens == 0 {
						continue
					}
					res := client.CostReportResult{Currency: "USD"}
					if slices.Contains(group, "workspace_id") {
						res.WorkspaceID = u.WorkspaceID
					}
					if slices.Contains(group, "description") {
						res.Description = u.Model + " " + item.tokenType
						res.CostType, res.Model, res.TokenType, res.ServiceTier, res.ContextWindow = "tokens", u.Model, item.tokenType, u.ServiceTier, "0-200k"
					}
					k := res.WorkspaceID + "|" + res.Description
					rows[k] = res
					cents[k] += float64(item.tokens) * item.perMTok / 1e6 * 100
				}
			}
			keys := make([]string, 0, len(rows))
			for k := range rows {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			b := client.CostReportBucket{StartingAt: t, EndingAt: t.Add(d), Results: []client.CostReportResult{}}
			for _, k := range keys {
				res := rows[k]
				res.Amount = strconv.FormatFloat(cents[k], 'f', -1, 64)
				b.Results = append(b.Results, res)
			}
			report.Data = append(report.Data, b)
		}
		writeJSON(w, nullNext(report, next))
	})
}

// nullNext returns the report with next_page null on the last page, as the
// API sends it (the generated type holds it as a plain string).
func nullNext(report any, next string) any {
	if next != "" {
		return report
	}
	b, _ := json.Marshal(report)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	m["next_page"] = nil
	return m
}

func in(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }

// rates returns what the organization charges per million tokens of model:
// the one pricing table (client/pricing), so the cost report and a quota
// pricing the same calls agree; a model the table does not know is charged as
// claude-sonnet-4-6, so reports stay deterministic. Batch usage pays the
// table's batch discount.
func rates(model, tier string) pricing.Rates {
	t := pricing.Default()
	m, ok := t.Lookup(model)
	if !ok {
		m, _ = t.Lookup("claude-sonnet-4-6")
	}
	r := m.Rates
	if tier == "batch" {
		f := t.BatchDiscount
		r = pricing.Rates{Input: r.Input * f, Output: r.Output * f, CacheWrite5m: r.CacheWrite5m * f, CacheWrite1h: r.CacheWrite1h * f, CacheRead: r.CacheRead * f}
	}
	return r
}
