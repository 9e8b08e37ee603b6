package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/retry"
	"github.com/claudego/claude/streaming"
)

// recorder is an Observer that keeps what it hears, and marks the call's
// context so a test can check events come on it (or on a child of it).
type recorder struct {
	mu     sync.Mutex
	starts []client.CallInfo
	events []client.Event
	onCall []bool // per event: the context carries this recorder's mark
}

type markKey struct{ r *recorder }

func (r *recorder) CallStart(ctx context.Context, c client.CallInfo) context.Context {
	r.mu.Lock()
	r.starts = append(r.starts, c)
	r.mu.Unlock()
	return context.WithValue(ctx, markKey{r}, true)
}

func (r *recorder) Observe(ctx context.Context, e client.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	r.onCall = append(r.onCall, ctx.Value(markKey{r}) == true)
}

func (r *recorder) kinds() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var ks []string
	for _, e := range r.events {
		ks = append(ks, e.Kind.String())
	}
	return strings.Join(ks, " ")
}

func (r *recorder) last(kind client.EventKind) client.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := len(r.events) - 1; i >= 0; i-- {
		if r.events[i].Kind == kind {
			return r.events[i]
		}
	}
	return client.Event{}
}

func (r *recorder) allOnCall(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	for i, ok := range r.onCall {
		if !ok {
			t.Errorf("event %d (%s) not on the call's context", i, r.events[i].Kind)
		}
	}
}

// TestObserverCreate: a plain Create is CallStart, one attempt pair and
// call_end with the reply's usage, stop reason, id, model and request-id,
// every event on the call's context.
func TestObserverCreate(t *testing.T) {
	t.Parallel()
	rc := recordedCases(t, "/v1/messages")
	var basic recordedCase
	for _, c := range rc {
		if c.Name == "msg-text-basic" {
			basic = c
		}
	}
	h := serveCase(basic)
	rec := &recorder{}
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req_obs")
		h(w, r)
	}), client.WithObserver(rec))
	if _, err := c.Messages.Create(context.Background(), minimalRequest()); err != nil {
		t.Fatal(err)
	}
	if got := rec.kinds(); got != "attempt_start attempt_end call_end" {
		t.Fatalf("events %q", got)
	}
	rec.allOnCall(t)
	info := rec.starts[0]
	if info.Operation != "messages.create" || info.Model != "claude-haiku-4-5" || info.Stream || info.ServerAddress != "127.0.0.1" || info.ServerPort == 0 {
		t.Fatalf("call info %+v", info)
	}
	if p, ok := info.Params.(*client.MessageRequest); !ok || p.MaxTokens != 64 {
		t.Fatalf("params %T %+v", info.Params, info.Params)
	}
	end := rec.last(client.EventCallEnd)
	if end.Operation != "messages.create" || end.Err != nil || end.Status != 200 || end.RequestID != "req_obs" || end.StopReason != "end_turn" ||
		end.ResponseID != "msg_011CeCGmD8uwD58unxgBN8Qx" || end.ResponseModel != "claude-haiku-4-5-20251001" ||
		!end.Usage.Reported || end.Usage.InputTokens != 16 || end.Usage.OutputTokens == 0 || end.Duration <= 0 || end.ResponseBytes == 0 {
		t.Fatalf("call_end %+v", end)
	}
	ae := rec.last(client.EventAttemptEnd)
	if ae.Attempt != 1 || ae.Status != 200 || !ae.RateLimit.Known || ae.RateLimit.RequestsLimit <= 0 || ae.Header != nil {
		t.Fatalf("attempt_end %+v", ae)
	}
	if as := rec.last(client.EventAttemptStart); as.RequestBytes <= 0 || as.Body != nil {
		t.Fatalf("attempt_start %+v", as)
	}
}

// TestObserverRetried: a call retried after a 529 shows both attempts and
// the retry the retry layer reported through client.Report, in order.
func TestObserverRetried(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	rec := &recorder{}
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(529)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"msg_2","type":"message","role":"assistant","model":"m","content":[],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":4}}`)
	}), client.WithObserver(rec), retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if _, err := c.Messages.Create(context.Background(), minimalRequest()); err != nil {
		t.Fatal(err)
	}
	if got := rec.kinds(); got != "attempt_start attempt_end retry attempt_start attempt_end call_end" {
		t.Fatalf("events %q", got)
	}
	rec.allOnCall(t)
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if e := rec.events[1]; e.Attempt != 1 || e.Status != 529 {
		t.Fatalf("first attempt_end %+v", e)
	}
	if e := rec.events[2]; e.Attempt != 1 || e.Status != 529 || !errors.Is(e.Err, client.ErrOverloaded) || e.Wait <= 0 || e.Operation != "messages.create" {
		t.Fatalf("retry %+v", e)
	}
	if e := rec.events[4]; e.Attempt != 2 || e.Status != 200 {
		t.Fatalf("second attempt_end %+v", e)
	}
	if e := rec.events[5]; e.Err != nil || e.Usage.OutputTokens != 4 {
		t.Fatalf("call_end %+v", e)
	}
}

// TestObserverFailure: a failed call ends with its *APIError, status and
// request-id.
func TestObserverFailure(t *testing.T) {
	t.Parallel()
	rec := &recorder{}
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req_401")
		w.WriteHeader(401)
		_, _ = io.WriteString(w, `{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}`)
	}), client.WithObserver(rec))
	_, err := c.Messages.Create(context.Background(), minimalRequest())
	end := rec.last(client.EventCallEnd)
	if !errors.Is(end.Err, client.ErrAuthentication) || end.Err != err || end.Status != 401 || end.RequestID != "req_401" {
		t.Fatalf("call_end %+v", end)
	}
}

func sseStream(events ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(events); i += 2 {
		b.WriteString("event: " + events[i] + "\ndata: " + events[i+1] + "\n\n")
	}
	return b.String()
}

const (
	obsStart = `{"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","model":"claude-x","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":7,"output_tokens":1}}}`
	obsBlock = `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`
	obsDelta = `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}`
	obsMDelt = `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":5}}`
)

// TestObserverStream: a stream's events come from its verdict: completed,
// truncated and cancelled streams each end with stream_end then call_end,
// once.
func TestObserverStream(t *testing.T) {
	t.Parallel()
	complete := sseStream("message_start", obsStart, "content_block_start", obsBlock, "content_block_delta", obsDelta,
		"content_block_stop", `{"type":"content_block_stop","index":0}`, "message_delta", obsMDelt, "message_stop", `{"type":"message_stop"}`)
	truncated := sseStream("message_start", obsStart, "content_block_start", obsBlock, "content_block_delta", obsDelta)
	hold := make(chan struct{})
	t.Cleanup(func() { close(hold) })
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("request-id", "req_s")
		switch r.URL.Query().Get("case") {
		case "truncated":
			_, _ = io.WriteString(w, truncated)
		case "hang":
			_, _ = io.WriteString(w, truncated)
			w.(http.Flusher).Flush()
			select {
			case <-hold:
			case <-r.Context().Done():
			}
		default:
			_, _ = io.WriteString(w, complete)
		}
	}))
	for _, tc := range []struct {
		name    string
		outcome streaming.Outcome
	}{{"complete", streaming.OutcomeCompleted}, {"truncated", streaming.OutcomeTruncated}, {"hang", streaming.OutcomeCanceled}} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opts := []client.Option{client.WithObserver(rec)}
			if tc.name != "complete" {
				opts = append(opts, withQuery("case", tc.name))
			}
			s, err := c.Messages.Stream(ctx, minimalRequest(), opts...)
			if err != nil {
				t.Fatal(err)
			}
			for s.Next() {
				if tc.name == "hang" && s.Event().Type == streaming.TypeContentBlockDelta {
					cancel()
				}
			}
			s.Close()
			if got := rec.kinds(); got != "attempt_start attempt_end stream_first_content stream_end call_end" {
				t.Fatalf("events %q", got)
			}
			rec.allOnCall(t)
			if !rec.starts[0].Stream || rec.starts[0].Operation != "messages.stream" {
				t.Fatalf("call info %+v", rec.starts[0])
			}
			se, ce := rec.last(client.EventStreamEnd), rec.last(client.EventCallEnd)
			if se.Verdict.Outcome != tc.outcome || ce.Verdict.Outcome != tc.outcome || se.RequestID != "req_s" || se.Usage.InputTokens != 7 ||
				se.ResponseID != "msg_s" || se.ResponseModel != "claude-x" || ce.Duration <= 0 {
				t.Fatalf("stream_end %+v\ncall_end %+v", se, ce)
			}
			if (tc.outcome == streaming.OutcomeCompleted) != (se.Err == nil) {
				t.Fatalf("err %v for %v", se.Err, tc.outcome)
			}
			if tc.outcome == streaming.OutcomeCompleted && (se.StopReason != "end_turn" || se.Usage.OutputTokens != 5) {
				t.Fatalf("stream_end %+v", se)
			}
		})
	}
}

// withQuery is middleware that adds a query parameter, so one server can
// serve several cases.
func withQuery(k, v string) client.Option {
	return client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(r *http.Request) (*http.Response, error) {
			r = r.Clone(r.Context())
			q := r.URL.Query()
			q.Set(k, v)
			r.URL.RawQuery = q.Encode()
			return next.RoundTrip(r)
		})
	})
}

// TestObserverPerCall: client observers hear every call, a call's own only
// that call, in order, the client's first.
func TestObserverPerCall(t *testing.T) {
	t.Parallel()
	var order []string
	var mu sync.Mutex
	note := func(name string) client.Observer {
		return observerFunc(func(ctx context.Context, e client.Event) {
			if e.Kind == client.EventCallEnd {
				mu.Lock()
				order = append(order, name)
				mu.Unlock()
			}
		})
	}
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"data":[],"has_more":false}`)
	}), client.WithObserver(note("client")))
	if _, err := c.Models.ListPage(context.Background(), client.ModelListParams{}, client.WithObserver(note("call"))); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Models.ListPage(context.Background(), client.ModelListParams{}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(order, []string{"client", "call", "client"}) {
		t.Fatalf("order %v", order)
	}
	if _, err := client.New(client.WithObserver(nil)); err == nil || !strings.Contains(err.Error(), "WithObserver") {
		t.Fatalf("nil observer: %v", err)
	}
}

type observerFunc func(ctx context.Context, e client.Event)

func (f observerFunc) CallStart(ctx context.Context, _ client.CallInfo) context.Context { return ctx }
func (f observerFunc) Observe(ctx context.Context, e client.Event)                      { f(ctx, e) }

// attemptMarker gives each attempt a context of its own.
type attemptMarker struct {
	recorder
	attemptCtx []bool // per attempt_end: on the attempt's context
}

type attemptKey struct{}

func (a *attemptMarker) AttemptStart(ctx context.Context, e client.Event) context.Context {
	return context.WithValue(ctx, attemptKey{}, e.Attempt)
}

func (a *attemptMarker) Observe(ctx context.Context, e client.Event) {
	if e.Kind == client.EventAttemptEnd {
		a.mu.Lock()
		a.attemptCtx = append(a.attemptCtx, ctx.Value(attemptKey{}) == e.Attempt && ctx.Value(markKey{&a.recorder}) == true)
		a.mu.Unlock()
	}
	a.recorder.Observe(ctx, e)
}

// TestAttemptObserver: an AttemptObserver's AttemptStart replaces Observe
// for attempt_start, and the attempt's events come on the context it
// returned, a child of the call's.
func TestAttemptObserver(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	am := &attemptMarker{}
	c := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.WriteHeader(500)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":"x"}}`)
			return
		}
		_, _ = io.WriteString(w, `{"data":[],"has_more":false}`)
	}), client.WithObserver(am), retry.New(retry.Config{BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if _, err := c.Models.ListPage(context.Background(), client.ModelListParams{}); err != nil {
		t.Fatal(err)
	}
	if got := am.kinds(); got != "attempt_end retry attempt_end call_end" {
		t.Fatalf("events %q (attempt_start goes to AttemptStart)", got)
	}
	if !slices.Equal(am.attemptCtx, []bool{true, true}) {
		t.Fatalf("attempt_end on the attempt's context: %v", am.attemptCtx)
	}
}

// TestReportWithoutObservers: Report on a context with no call observers
// does nothing and allocates nothing, the cost every layer pays when
// nobody listens.
func TestReportWithoutObservers(t *testing.T) {
	ctx := context.WithValue(context.Background(), markKey{}, 1)
	e := client.Event{Kind: client.EventRetry, Attempt: 1, Wait: time.Second}
	if n := testing.AllocsPerRun(100, func() { client.Report(ctx, e) }); n != 0 {
		t.Fatalf("Report allocates %v times without observers", n)
	}
	if client.Observed(ctx) {
		t.Fatal("Observed without observers")
	}
	start := client.Event{Kind: client.EventToolStart, Name: "t"}
	if n := testing.AllocsPerRun(100, func() { _ = client.ReportStart(ctx, start) }); n != 0 {
		t.Fatalf("ReportStart allocates %v times without observers", n)
	}
	if got := client.ReportStart(ctx, start); got != ctx {
		t.Fatal("ReportStart changed a context without observers")
	}
	client.Report(nil, e) //nolint:staticcheck // a nil context is ignored, not a panic
}

// TestEventKindString names every kind.
func TestEventKindString(t *testing.T) {
	t.Parallel()
	for k, want := range map[client.EventKind]string{
		client.EventCallEnd: "call_end", client.EventAttemptStart: "attempt_start", client.EventAttemptEnd: "attempt_end",
		client.EventRetry: "retry", client.EventRateLimitWait: "rate_limit_wait", client.EventCircuitChange: "circuit_change",
		client.EventFailover: "failover", client.EventStreamFirstContent: "stream_first_content", client.EventStreamEnd: "stream_end",
		client.EventQuotaRefused: "quota_refused", client.EventAgentStart: "agent_start", client.EventAgentEnd: "agent_end",
		client.EventToolStart: "tool_start", client.EventToolEnd: "tool_end",
		client.EventKind(0): "unknown", client.EventKind(200): "unknown",
	} {
		if got := k.String(); got != want {
			t.Errorf("%d: %q, want %q", k, got, want)
		}
	}
}
