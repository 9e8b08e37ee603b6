package claudeotel_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/pipenet"
	"github.com/claudego/claude/streaming"
)

// streamSpan is the call span name of the recorded stream-text case.
const streamSpan = "chat claude-haiku-4-5-20251001"

// drain reads the stream to its end and returns its error.
func drain(s *streaming.Stream) error {
	for s.Next() {
	}
	return s.Err()
}

// TestStream checks a completed stream: the call span stays open until the
// stream ends (the attempt span ends with the headers), then carries the
// reply's attributes, the outcome and the time to first chunk; the stream
// metrics have their points and the active-stream count is back to zero.
func TestStream(t *testing.T) {
	t.Parallel()
	tel := newTelemetry(t)
	srv := replay(t, loadCase(t, "stream-text"))
	c := newClient(t, srv.URL, tel.option(false))

	s, err := c.Messages.Stream(context.Background(), request(t, "stream-text"))
	if err != nil {
		t.Fatal(err)
	}
	if got := tel.spansNamed(streamSpan); len(got) != 0 {
		t.Fatalf("call span ended before the stream: %v", names(tel.ended()))
	}
	if got := sumI(t, tel.metrics(t), "claude.client.active_streams"); len(got) != 1 || got[0].Value != 1 {
		t.Errorf("active streams while open %+v, want 1", got)
	}
	if err := drain(s); err != nil {
		t.Fatal(err)
	}

	call := tel.span(t, streamSpan)
	a := attrs(call)
	for k, want := range map[string]any{
		"gen_ai.request.stream":          true,
		"gen_ai.request.temperature":     1.0,
		"gen_ai.request.max_tokens":      int64(8192),
		"gen_ai.response.id":             "msg_01T8kTq7cYyYJeQ5DxcVUc6D",
		"gen_ai.response.model":          "claude-haiku-4-5-20251001",
		"gen_ai.response.finish_reasons": []string{"end_turn"},
		"gen_ai.usage.input_tokens":      int64(10),
		"gen_ai.usage.output_tokens":     int64(4),
		"claude.stream.outcome":          "completed",
		"anthropic.request_id":           "req_011CZknL2bUdgvrtea9HYSrj",
	} {
		if got, ok := a[attrKey(k)]; !ok || !equalValue(got.AsInterface(), want) {
			t.Errorf("%s = %v, want %v", k, a[attrKey(k)].AsInterface(), want)
		}
	}
	if ttfc, ok := a["gen_ai.response.time_to_first_chunk"]; !ok || ttfc.AsFloat64() < 0 {
		t.Errorf("time to first chunk %v", ttfc)
	}
	if call.Status().Code != codes.Unset {
		t.Errorf("status %v", call.Status())
	}
	attempt := tel.span(t, "messages.stream attempt")
	if attempt.Parent().SpanID() != call.SpanContext().SpanID() {
		t.Error("attempt span is not the call span's child")
	}
	if !attempt.EndTime().Before(call.EndTime()) && !attempt.EndTime().Equal(call.EndTime()) {
		t.Error("attempt span ended after the call span")
	}

	m := tel.metrics(t)
	if got := histogramF(t, m, "gen_ai.client.operation.time_to_first_chunk"); len(got) != 1 || got[0].Count != 1 {
		t.Errorf("time to first chunk points %+v", got)
	}
	if got := sumI(t, m, "claude.client.active_streams"); len(got) != 1 || got[0].Value != 0 {
		t.Errorf("active streams after the end %+v, want 0", got)
	}
	if got := histogramF(t, m, "gen_ai.client.operation.duration"); len(got) != 1 || got[0].Count != 1 {
		t.Errorf("duration points %+v", got)
	}
	tokens := histogramI(t, m, "gen_ai.client.token.usage")
	if len(tokens) != 2 || tokens[0].Sum+tokens[1].Sum != 14 {
		t.Errorf("token points %+v, want 10 in and 4 out", tokens)
	}
}

// streamEndsBadly runs a stream that fails as serve makes it fail, in a
// synctest bubble (the idle timeout runs on its clock), and returns the call
// span and the metrics' error points.
func streamEndsBadly(t *testing.T, serve http.HandlerFunc, during func(context.CancelFunc), opts ...client.Option) (sdktrace.ReadOnlySpan, map[string]metricdata.Metrics, error) {
	t.Helper()
	var (
		call      sdktrace.ReadOnlySpan
		m         map[string]metricdata.Metrics
		streamErr error
	)
	synctest.Test(t, func(t *testing.T) {
		tel := newTelemetry(t)
		var n pipenet.Network
		url := n.Serve(t, serve)
		c := newClient(t, url, append([]client.Option{client.WithHTTPClient(n.Client(t)), tel.option(false)}, opts...)...)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		s, err := c.Messages.Stream(ctx, request(t, "stream-text"))
		if err != nil {
			t.Fatal(err)
		}
		if !s.Next() {
			t.Fatalf("no first event: %v", s.Err())
		}
		if during != nil {
			during(cancel)
		}
		streamErr = drain(s)
		_ = s.Close()
		// A cancelled stream's end may be decided on the goroutine that
		// watches the context: wait until every goroutine of the bubble
		// is idle.
		synctest.Wait()
		call = tel.span(t, streamSpan)
		m = tel.metrics(t)
	})
	return call, m, streamErr
}

// head is the recorded stream-text body up to (not including) the first
// event of kind, so the server can stop there.
func head(t testing.TB, kind string) []byte {
	body := loadCase(t, "stream-text").body
	i := bytes.Index(body, []byte("event: "+kind))
	if i < 0 {
		t.Fatalf("stream-text has no %s", kind)
	}
	return body[:i]
}

func sseHeader(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("request-id", "req_test_stream")
	w.WriteHeader(200)
}

// checkFailed checks the call span and metrics of a stream that ended with
// errType and outcome.
func checkFailed(t *testing.T, call sdktrace.ReadOnlySpan, m map[string]metricdata.Metrics, errType, outcome string) {
	t.Helper()
	if call.Status().Code != codes.Error {
		t.Errorf("status %v, want error", call.Status())
	}
	a := attrs(call)
	if got := a["error.type"].AsString(); got != errType {
		t.Errorf("error.type %q, want %q", got, errType)
	}
	if got := a["claude.stream.outcome"].AsString(); got != outcome {
		t.Errorf("outcome %q, want %q", got, outcome)
	}
	errs := sumI(t, m, "claude.client.errors")
	if len(errs) != 1 || errs[0].Value != 1 || setAttrs(errs[0].Attributes)["error.type"] != errType {
		t.Errorf("error points %+v", errs)
	}
	if got := sumI(t, m, "claude.client.active_streams"); len(got) != 1 || got[0].Value != 0 {
		t.Errorf("active streams %+v, want 0", got)
	}
	if got := histogramF(t, m, "gen_ai.client.operation.duration"); len(got) != 1 || setAttrs(got[0].Attributes)["error.type"] != errType {
		t.Errorf("duration points %+v", got)
	}
}

// TestStreamTruncated: the body ends before message_stop.
func TestStreamTruncated(t *testing.T) {
	t.Parallel()
	body := head(t, "message_delta")
	call, m, err := streamEndsBadly(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		_, _ = w.Write(body)
	}, nil)
	if !errors.Is(err, streaming.ErrTruncated) {
		t.Fatalf("stream error %v, want truncated", err)
	}
	checkFailed(t, call, m, "truncated", "truncated")
	if _, ok := attrs(call)["gen_ai.response.time_to_first_chunk"]; !ok {
		t.Error("a truncated stream that sent content lacks its time to first chunk")
	}
}

// TestStreamIdleTimeout: the server sends the first events, then nothing.
func TestStreamIdleTimeout(t *testing.T) {
	t.Parallel()
	body := head(t, "content_block_delta")
	call, m, err := streamEndsBadly(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		_, _ = w.Write(body)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}, nil, client.WithStreamIdleTimeout(30*time.Second))
	if !errors.Is(err, streaming.ErrIdleTimeout) {
		t.Fatalf("stream error %v, want idle timeout", err)
	}
	checkFailed(t, call, m, "idle_timeout", "idle_timeout")
}

// TestStreamCanceled: the caller cancels the context mid-stream.
func TestStreamCanceled(t *testing.T) {
	t.Parallel()
	body := head(t, "content_block_delta")
	call, m, err := streamEndsBadly(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		_, _ = w.Write(body)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}, func(cancel context.CancelFunc) { cancel() })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("stream error %v, want canceled", err)
	}
	checkFailed(t, call, m, "context_canceled", "canceled")
}

// TestStreamErrorEvent: the server sends an overloaded error event.
func TestStreamErrorEvent(t *testing.T) {
	t.Parallel()
	body := append(head(t, "content_block_delta"), loadCase(t, "stream-error-event-overloaded").body...)
	call, m, err := streamEndsBadly(t, func(w http.ResponseWriter, r *http.Request) {
		sseHeader(w)
		_, _ = w.Write(body)
	}, nil)
	if !errors.Is(err, client.ErrOverloaded) {
		t.Fatalf("stream error %v, want overloaded", err)
	}
	checkFailed(t, call, m, "overloaded_error", "error_event")
}

// equalValue compares an attribute's value with a wanted Go value.
func equalValue(got, want any) bool {
	switch w := want.(type) {
	case []string:
		g, ok := got.([]string)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if g[i] != w[i] {
				return false
			}
		}
		return true
	}
	return got == want
}
