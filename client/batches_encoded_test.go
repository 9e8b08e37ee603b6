package client_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch/batchtest"
)

// encodedBody is a two-request create body as Create would encode it.
const encodedBody = `{"requests":[{"custom_id":"a","params":{"max_tokens":16,"messages":[{"content":[{"text":"Hi","type":"text"}],"role":"user"}],"model":"claude-haiku-4-5"}},` +
	`{"custom_id":"b","params":{"max_tokens":16,"messages":[{"content":[{"text":"Ho","type":"text"}],"role":"user"}],"model":"claude-haiku-4-5"}}]}`

// TestCreateEncodedFromFileReplays: a body read from a file goes out byte
// for byte with its Content-Length, and a layer that sends the request twice
// (as the retry layer does, through GetBody) sends the same bytes again.
func TestCreateEncodedFromFileReplays(t *testing.T) {
	t.Parallel()
	var (
		mu     sync.Mutex
		bodies []string
		sizes  []int64
	)
	fake := &batchtest.Server{Intercept: func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != http.MethodPost {
			return false
		}
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		mu.Lock()
		bodies, sizes = append(bodies, string(raw)), append(sizes, r.ContentLength)
		first := len(bodies) == 1
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(raw))
		if first {
			batchtest.WriteError(w, http.StatusServiceUnavailable, "api_error", "try again")
			return true
		}
		return false
	}}
	url := newLoopback(t, fake)
	// resendOnce stands for the retry layer: a failed status is sent again
	// with a body from GetBody.
	resendOnce := func(next http.RoundTripper) http.RoundTripper {
		return client.RoundTripperFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			if err != nil || resp.StatusCode < 500 {
				return resp, err
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if req.GetBody == nil {
				return nil, errors.New("no GetBody: the body cannot be replayed")
			}
			r2 := req.Clone(req.Context())
			if r2.Body, err = req.GetBody(); err != nil {
				return nil, err
			}
			return next.RoundTrip(r2)
		})
	}
	c, err := client.New(client.WithAPIKey("sk-ant-test-encoded"), client.WithBaseURL(url), client.WithMiddleware(resendOnce))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(path, []byte(encodedBody), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := c.Batches.CreateEncoded(context.Background(), io.NewSectionReader(f, 0, int64(len(encodedBody))))
	if err != nil {
		t.Fatal(err)
	}
	if b.RequestCounts.Processing != 2 {
		t.Fatalf("batch %+v, want 2 requests processing", b.RequestCounts)
	}
	if len(bodies) != 2 || bodies[0] != encodedBody || bodies[1] != encodedBody {
		t.Fatalf("bodies sent %q, want the encoded body twice", bodies)
	}
	for _, n := range sizes {
		if n != int64(len(encodedBody)) {
			t.Fatalf("Content-Length %v, want %d", sizes, len(encodedBody))
		}
	}
}

// TestCreateEncodedSendsWhatCreateSends: the same requests through Create
// and through CreateEncoded reach the server as the same bytes.
func TestCreateEncodedSendsWhatCreateSends(t *testing.T) {
	t.Parallel()
	var got []string
	var mu sync.Mutex
	fake := &batchtest.Server{Intercept: func(w http.ResponseWriter, r *http.Request) bool {
		raw, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, string(raw))
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(raw))
		return false
	}}
	c, err := client.New(client.WithAPIKey("sk-ant-test-encoded"), client.WithBaseURL(newLoopback(t, fake)))
	if err != nil {
		t.Fatal(err)
	}
	req := client.BatchCreateRequest{Requests: []client.BatchRequestItem{
		{CustomID: "a", Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("Hi")}}},
		{CustomID: "b", Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 16, Messages: []client.MessageParam{client.UserText("Ho")}}},
	}}
	if _, err := c.Batches.Create(context.Background(), req); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Batches.CreateEncoded(context.Background(), io.NewSectionReader(strings.NewReader(encodedBody), 0, int64(len(encodedBody)))); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != got[1] {
		t.Fatalf("Create sent %q\nCreateEncoded sent %q", got[0], got[1])
	}
}

// TestCreateEncodedChecksSize: an empty body, one over MaxBatchBytes, or
// none at all is a *ValidationError and nothing goes on the wire.
func TestCreateEncodedChecksSize(t *testing.T) {
	t.Parallel()
	var sent atomic.Int32
	fake := &batchtest.Server{Intercept: func(http.ResponseWriter, *http.Request) bool { sent.Add(1); return false }}
	c, err := client.New(client.WithAPIKey("sk-ant-test-encoded"), client.WithBaseURL(newLoopback(t, fake)))
	if err != nil {
		t.Fatal(err)
	}
	empty := strings.NewReader("")
	for name, body := range map[string]*io.SectionReader{
		"empty": io.NewSectionReader(empty, 0, 0),
		"over":  io.NewSectionReader(empty, 0, client.MaxBatchBytes+1), // never read: the size alone refuses it
		"nil":   nil,
	} {
		_, err := c.Batches.CreateEncoded(context.Background(), body)
		var ve *client.ValidationError
		if !errors.As(err, &ve) || !strings.HasPrefix(err.Error(), "claude: batches.create: ") {
			t.Errorf("%s: err = %v, want a *ValidationError from batches.create", name, err)
		}
	}
	if n := sent.Load(); n != 0 {
		t.Fatalf("%d requests sent for refused bodies", n)
	}
}

func ExampleBatchesService_CreateEncoded() {
	c, done := exampleBatches(&batchtest.Server{})
	defer done()
	// A bulk sender encodes each request once, as it reads it, into memory or
	// a file; here two requests are already encoded.
	body := strings.NewReader(encodedBody)
	b, err := c.Batches.CreateEncoded(context.Background(), io.NewSectionReader(body, 0, body.Size()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.ProcessingStatus, b.RequestCounts.Processing)
	// Output: in_progress 2
}
