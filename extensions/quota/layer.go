package quota

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/cost"
	"github.com/claudego/claude/internal/jsonscan"
)

// maxReplyPeek bounds how much of a non-streamed reply is read to find its
// usage; longer replies are passed on and their estimate kept (reported).
const maxReplyPeek = 32 << 20

// Middleware is the quota layer: it counts POST /v1/messages calls (other
// requests pass untouched), refuses one that would pass a limit, and
// corrects the counts with the reply's usage.
func (q *Quota) Middleware(next http.RoundTripper) http.RoundTripper {
	return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
		if req.Method != http.MethodPost || !strings.HasSuffix(req.URL.Path, "/v1/messages") {
			return next.RoundTrip(req)
		}
		body, req, err := readBody(req)
		if err != nil {
			return nil, fmt.Errorf("quota: reading the request body: %w", err)
		}
		head, err := readHead(body)
		if err != nil {
			return nil, err
		}
		est := cost.Tokens{Input: q.s.EstimateInputTokens(body), Output: head.MaxTokens}
		a, err := q.amounts(head.Model, est)
		if err != nil {
			return nil, err
		}
		now := q.s.Now()
		cs, slots := q.counters(now, head.Model, a, true)
		if len(cs) > 0 {
			vals, refused, err := q.s.Store.Take(req.Context(), cs)
			if err != nil {
				return nil, fmt.Errorf("quota: store: %w", err)
			}
			if refused >= 0 {
				sl := slots[refused]
				l := q.s.Limits[sl.limit]
				refusal := &ExceededError{
					Limit: metrics[sl.metric], Period: l.Period, Model: l.Model,
					Used: vals[refused], Max: cs[refused].Max, Need: cs[refused].Add, Reset: sl.reset,
				}
				// The call's observers hear the refusal through the client's
				// observer interface (ARCHITECTURE.md, Layers).
				client.Report(req.Context(), client.Event{Kind: client.EventQuotaRefused, Name: refusal.Limit, Err: refusal})
				return nil, refusal
			}
		}
		c := &call{q: q, model: head.Model, est: a, at: now}
		resp, err := next.RoundTrip(req)
		if err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 {
			// Nothing was generated: give back the tokens and cost, keep
			// the request counted (it was made).
			c.settle(amounts{1, 0, 0, 0}, nil)
			return resp, err
		}
		if head.Stream || strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
			resp.Body = &streamTap{rc: resp.Body, c: c}
			return resp, nil
		}
		return q.settleReply(c, resp)
	})
}

// readBody returns the request's body bytes and a request that can still
// send them (the caller's request is not changed).
func readBody(req *http.Request) ([]byte, *http.Request, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return nil, req, nil
	}
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return nil, req, err
		}
		defer rc.Close()
		b, err := readAllSized(rc, req.ContentLength)
		return b, req, err
	}
	b, err := io.ReadAll(req.Body)
	_ = req.Body.Close()
	if err != nil {
		return nil, req, err
	}
	r2 := req.Clone(req.Context())
	r2.Body = io.NopCloser(bytes.NewReader(b))
	r2.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	r2.ContentLength = int64(len(b))
	return b, r2, nil
}

// amounts turns token counts into the four counted amounts. An unknown model
// is an error only when a cost limit would need its price.
func (q *Quota) amounts(model string, t cost.Tokens) (amounts, error) {
	a := amounts{1, t.Input + t.CacheRead + t.CacheWrite5m + t.CacheWrite1h, t.Output, 0}
	b, err := q.s.Pricing.CostTokens(model, t)
	if err != nil {
		for _, l := range q.s.Limits {
			if l.CostUSD > 0 && l.covers(model) {
				return a, fmt.Errorf("quota: cannot enforce the cost limit: %w", err)
			}
		}
		q.s.OnError(err)
		return a, nil
	}
	a[3] = micros(b.Total)
	return a, nil
}

func micros(usd float64) int64 {
	if usd <= 0 {
		return 0
	}
	return int64(usd*1e6 + 0.999999)
}

// settleReply reads a non-streamed reply's usage and settles the call.
func (q *Quota) settleReply(c *call, resp *http.Response) (*http.Response, error) {
	body, err := readAllSized(io.LimitReader(resp.Body, maxReplyPeek+1), resp.ContentLength)
	rest := resp.Body
	resp.Body = readCloser{io.MultiReader(bytes.NewReader(body), rest), rest}
	if err != nil || len(body) > maxReplyPeek {
		q.s.OnError(fmt.Errorf("quota: reply usage not read (%v); the estimate stands", err))
		c.settle(c.est, nil)
		return resp, nil
	}
	// Only the usage object is decoded; the one JSON scanner finds it.
	var u client.Usage
	raw := jsonscan.Field(body, "usage")
	if raw == nil {
		q.s.OnError(errors.New("quota: reply has no usage; the estimate stands"))
		c.settle(c.est, nil)
		return resp, nil
	}
	if err := json.Unmarshal(raw, &u); err != nil {
		q.s.OnError(fmt.Errorf("quota: reply usage: %w; the estimate stands", err))
		c.settle(c.est, nil)
		return resp, nil
	}
	c.settleUsage(u)
	return resp, nil
}

// head is what the quota reads of a request body.
type head struct {
	Model     string
	MaxTokens int64
	Stream    bool
}

// readHead finds model, max_tokens and stream at the top level of the body
// with the shared JSON scanner, without decoding the conversation.
func readHead(body []byte) (head, error) {
	var h head
	var ferr error
	err := jsonscan.EachField(body, func(k, v []byte) bool {
		switch string(k) {
		case "model":
			h.Model, ferr = jsonscan.Unquote(v)
		case "max_tokens":
			h.MaxTokens, ferr = strconv.ParseInt(string(v), 10, 64)
		case "stream":
			h.Stream = string(v) == "true"
		}
		return ferr == nil
	})
	if err == nil {
		err = ferr
	}
	if err != nil {
		return head{}, fmt.Errorf("quota: request body: %w", err)
	}
	return h, nil
}

// readAllSized is io.ReadAll with the buffer sized from a known length
// (ContentLength), so a body is read into one allocation.
func readAllSized(r io.Reader, n int64) ([]byte, error) {
	if n <= 0 || n > maxReplyPeek {
		return io.ReadAll(r)
	}
	var buf bytes.Buffer
	buf.Grow(int(n) + bytes.MinRead)
	_, err := buf.ReadFrom(r)
	return buf.Bytes(), err
}

type readCloser struct {
	io.Reader
	io.Closer
}

// call is one counted call: what was taken before it went (in the windows
// of time at), settled once with what it really used.
type call struct {
	q     *Quota
	model string
	est   amounts
	at    time.Time
	once  sync.Once
}
