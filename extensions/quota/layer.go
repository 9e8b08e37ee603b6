package quota

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/limitstore"
	"github.com/claudego/claude/client/pricing"
	"github.com/claudego/claude/extensions/internal/rtutil"
	"github.com/claudego/claude/internal/jsonscan"
	"github.com/claudego/claude/streaming"
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
		head, inTokens, req, err := q.scanRequest(req)
		if err != nil {
			return nil, drop(req, err)
		}
		est := pricing.Tokens{Input: inTokens, Output: head.MaxTokens}
		a, _, _, err := q.amounts(head.Model, est)
		if err != nil {
			return nil, drop(req, err)
		}
		now := q.s.Now()
		// The call's one allocation holds the counters taken and, after
		// them, room for the correction's (settle); the slots stay on the
		// stack.
		c := &call{q: q, model: head.Model, est: a, at: now}
		var slotBuf [keptSlots]slot
		cs, slots := q.appendCounters(c.counterBuf[:0], slotBuf[:0], now, head.Model, a, true)
		if len(cs) > 0 {
			vals, refused, err := q.s.Store.Take(req.Context(), cs)
			if err != nil {
				return nil, drop(req, fmt.Errorf("quota: store: %w", err))
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
				return nil, drop(req, refusal)
			}
		}
		if len(cs) <= keptSlots {
			// Kept for the correction, which touches the same counters.
			c.taken = cs
			for i, sl := range slots {
				c.metricOf[i] = uint8(sl.metric)
			}
		}
		resp, err := next.RoundTrip(req)
		if err != nil || resp.StatusCode < 200 || resp.StatusCode > 299 {
			// Nothing was generated: give back the tokens and cost, keep
			// the request counted (it was made).
			c.settle(amounts{1, 0, 0, 0}, nil)
			return resp, err
		}
		if streaming.IsEventStream(resp) {
			c.watchStream(resp)
			return resp, nil
		}
		// The client decodes its own call's reply: the usage is read from
		// the Message it makes, and the body is not read twice.
		if client.OnReply(req, c.settleMessage) {
			return resp, nil
		}
		return q.settleReply(c, resp)
	})
}

// drop closes the body of a request the layer does not send, as a
// RoundTripper must, and returns err.
func drop(req *http.Request, err error) error {
	if req.Body != nil {
		_ = req.Body.Close()
	}
	return err
}

// scanRequest reads what the quota needs of the request body (its head and
// the input estimate) and returns a request that can still send the body
// (the caller's request is not changed). The client says the model and
// max_tokens of its own requests (client.RequestInfoOf) and the default
// estimate needs only the body's length: such a request is not read.
func (q *Quota) scanRequest(req *http.Request) (head, int64, *http.Request, error) {
	if info, ok := client.RequestInfoOf(req); ok && q.lengthEstimate && req.ContentLength > 0 {
		return head{Model: info.Model, MaxTokens: info.MaxTokens}, estimateFromLength(req.ContentLength), req, nil
	}
	if req.Body == nil || req.Body == http.NoBody {
		h, err := readHead(nil)
		return h, q.s.EstimateInputTokens(nil), req, err
	}
	if req.GetBody != nil {
		// A replayable body is read from a copy of its reader. The client's
		// is a bytes.Reader, whose WriteTo hands over its bytes in one
		// Write: scanned there, the body is never copied.
		rc, err := req.GetBody()
		if err != nil {
			return head{}, 0, req, fmt.Errorf("quota: reading the request body: %w", err)
		}
		defer rc.Close()
		s := &bodyScan{q: q, whole: req.ContentLength}
		if _, err := io.Copy(s, rc); err != nil {
			return head{}, 0, req, fmt.Errorf("quota: reading the request body: %w", err)
		}
		if !s.done {
			s.scan(s.buf)
		}
		return s.h, s.est, req, s.err
	}
	b, r2, err := rtutil.PeekBody(req)
	if err != nil {
		return head{}, 0, req, fmt.Errorf("quota: reading the request body: %w", err)
	}
	h, err := readHead(b)
	return h, q.s.EstimateInputTokens(b), r2, err
}

// bodyScan is the writer a request body is copied to: a Write of the whole
// body at once is scanned in place (Write does not keep p, as io.Writer
// asks); pieces are gathered and scanned at the end.
type bodyScan struct {
	q     *Quota
	whole int64 // the body's length, when known
	buf   []byte
	done  bool
	h     head
	est   int64
	err   error
}

func (s *bodyScan) Write(p []byte) (int, error) {
	if !s.done && len(s.buf) == 0 && int64(len(p)) == s.whole {
		s.scan(p)
		return len(p), nil
	}
	if s.done { // more bytes than ContentLength said: scan them all
		return 0, errors.New("request body longer than its ContentLength")
	}
	s.buf = append(s.buf, p...)
	return len(p), nil
}

func (s *bodyScan) scan(body []byte) {
	s.done = true
	s.h, s.err = readHead(body)
	s.est = s.q.s.EstimateInputTokens(body)
}

// amounts turns token counts into the four counted amounts, and returns the
// price it found (nil for a model the table lacks). An unknown model is an
// error only when a cost limit would need its price.
func (q *Quota) amounts(model string, t pricing.Tokens) (amounts, pricing.Breakdown, bool, error) {
	a := amounts{1, t.Input + t.CacheRead + t.CacheWrite5m + t.CacheWrite1h, t.Output, 0}
	b, err := q.s.Pricing.CostTokens(model, t)
	if err != nil {
		for _, l := range q.s.Limits {
			if l.CostUSD > 0 && l.covers(model) {
				return a, b, false, fmt.Errorf("quota: cannot enforce the cost limit: %w", err)
			}
		}
		q.s.OnError(err)
		return a, b, false, nil
	}
	a[3] = micros(b.Total)
	return a, b, true, nil
}

func micros(usd float64) int64 {
	if usd <= 0 {
		return 0
	}
	return int64(usd*1e6 + 0.999999)
}

// settleReply reads a non-streamed reply's usage and settles the call.
func (q *Quota) settleReply(c *call, resp *http.Response) (*http.Response, error) {
	body, err := rtutil.ReadAllSized(io.LimitReader(resp.Body, maxReplyPeek+1), resp.ContentLength)
	resp.Body = &replayBody{head: body, rc: resp.Body}
	if err != nil || len(body) > maxReplyPeek {
		q.s.OnError(fmt.Errorf("quota: reply usage not read (%v); the estimate stands", err))
		c.settle(c.est, nil)
		return resp, nil
	}
	// Only the usage object is read: the one JSON scanner finds it and
	// pricing.ParseTokens reads its counts without decoding a Usage.
	raw := jsonscan.Field(body, "usage")
	if raw == nil {
		q.s.OnError(errors.New("quota: reply has no usage; the estimate stands"))
		c.settle(c.est, nil)
		return resp, nil
	}
	t, err := pricing.ParseTokens(raw)
	if err != nil {
		q.s.OnError(fmt.Errorf("quota: reply usage: %w; the estimate stands", err))
		c.settle(c.est, nil)
		return resp, nil
	}
	c.settleTokens(t)
	return resp, nil
}

// head is what the quota reads of a request body. Whether the call streams
// is read from the reply (streaming.IsEventStream), not the request.
type head struct {
	Model     string
	MaxTokens int64
}

// readHead finds model and max_tokens at the top level of the body with the
// shared JSON scanner, without decoding the conversation, and stops once it
// has both.
func readHead(body []byte) (head, error) {
	var h head
	var ferr error
	var haveModel, haveMax bool
	err := jsonscan.EachField(body, func(k, v []byte) bool {
		switch string(k) {
		case "model":
			h.Model, ferr = jsonscan.Unquote(v)
			haveModel = true
		case "max_tokens":
			h.MaxTokens, ferr = strconv.ParseInt(string(v), 10, 64)
			haveMax = true
		}
		return ferr == nil && !(haveModel && haveMax)
	})
	if err == nil {
		err = ferr
	}
	if err != nil {
		return head{}, fmt.Errorf("quota: request body: %w", err)
	}
	return h, nil
}

// estimateFromLength is the default input estimate
// (Config.EstimateInputTokens): a token per four bytes of body, at least 1.
func estimateFromLength(n int64) int64 { return max(1, n/4) }

// replayBody hands on the bytes the quota read of a reply, then the rest.
type replayBody struct {
	head []byte
	rc   io.ReadCloser
}

func (r *replayBody) Read(p []byte) (int, error) {
	if len(r.head) > 0 {
		n := copy(p, r.head)
		r.head = r.head[n:]
		return n, nil
	}
	return r.rc.Read(p)
}

func (r *replayBody) Close() error { return r.rc.Close() }

// call is one counted call: what was taken before it went (in the windows
// of time at), settled once with what it really used.
type call struct {
	q     *Quota
	model string
	est   amounts
	at    time.Time
	once  sync.Once
	// taken are the counters Take was given (nil when there were more than
	// keptSlots), with room after them for the correction's, and
	// metricOf[i] the metric of taken[i]: the correction copies them
	// rather than finding the windows and keys again.
	taken    []limitstore.Counter
	metricOf [keptSlots]uint8
	// counterBuf backs taken and the correction: room for one limit's four
	// metrics taken and corrected without another allocation (more grow
	// onto the heap).
	counterBuf [2 * len(metrics)]limitstore.Counter
}

// keptSlots is how many counters a call keeps for its correction: four
// metrics for each of two limits covering a model.
const keptSlots = 8
