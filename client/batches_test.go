package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/batch/batchtest"
	"github.com/claudego/claude/internal/memtest"
)

// semanticJSON is canonicalJSON with timestamps compared as instants
// ("+00:00" and "Z", trailing zeros) and "stream": false, the default, dropped.
func semanticJSON(t *testing.T, raw []byte) any {
	t.Helper()
	return normalizeWire(canonicalJSON(t, raw))
}

func normalizeWire(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if x["stream"] == false {
			delete(x, "stream")
		}
		for k, e := range x {
			x[k] = normalizeWire(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalizeWire(e)
		}
	case string:
		if ts, err := time.Parse(time.RFC3339Nano, x); err == nil {
			return ts.UTC().Format(time.RFC3339Nano)
		}
	}
	return v
}

func batchItem(id string) client.BatchRequestItem {
	return client.BatchRequestItem{CustomID: id, Params: minimalRequest()}
}

func TestBatchRecordedCasesDecodeLosslessly(t *testing.T) {
	t.Parallel()
	for _, c := range recordedCases(t, "/v1/messages/batches", "/v1/messages/batches/{id}", "/v1/messages/batches/{id}/cancel") {
		if c.Status != 200 {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			var v any = &client.MessageBatch{}
			if c.Method == "GET" && c.Endpoint == "/v1/messages/batches" {
				v = &client.MessageBatchListResponse{}
			}
			if err := json.Unmarshal(c.Body, v); err != nil {
				t.Fatal(err)
			}
			out, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(semanticJSON(t, c.Body), semanticJSON(t, out)) {
				t.Fatalf("re-encoding changed the body:\n%s\n%s", c.Body, out)
			}
			if len(c.Request) > 0 && c.Method == "POST" && c.Endpoint == "/v1/messages/batches" {
				var req client.BatchCreateRequest
				if err := json.Unmarshal(c.Request, &req); err != nil {
					t.Fatal(err)
				}
				if err := client.ValidateBatchRequest(&req); err != nil {
					t.Fatalf("recorded request does not validate: %v", err)
				}
			}
		})
	}
}

func TestBatchResultsAllTypes(t *testing.T) {
	t.Parallel()
	files := []string{
		filepath.Join("..", "testdata", "batch", "results-all-types.jsonl"),
		filepath.Join(recordedDir, "batch-results", "body.jsonl"),
		filepath.Join(recordedDir, "batch-results-legacy", "body.jsonl"),
	}
	types := map[string]int{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
			var r client.MessageBatchIndividualResponse
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			typ, err := r.Result.Discriminator()
			if err != nil {
				t.Fatal(err)
			}
			types[typ]++
			switch typ {
			case "succeeded":
				s, err := r.Result.AsMessageBatchSucceededResult()
				if err != nil || s.Message.ID == "" {
					t.Fatalf("succeeded: %+v %v", s, err)
				}
			case "errored":
				e, err := r.Result.AsMessageBatchErroredResult()
				if err != nil || e.Error.Error.Type == "" || e.Error.Error.Message == "" {
					t.Fatalf("errored: %+v %v", e, err)
				}
			case "canceled":
				if _, err := r.Result.AsMessageBatchCanceledResult(); err != nil {
					t.Fatal(err)
				}
			case "expired":
				if _, err := r.Result.AsMessageBatchExpiredResult(); err != nil {
					t.Fatal(err)
				}
			}
			out, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(semanticJSON(t, []byte(line)), semanticJSON(t, out)) {
				t.Fatalf("re-encoding changed the line:\n%s\n%s", line, out)
			}
		}
	}
	for _, typ := range []string{"succeeded", "errored", "canceled", "expired"} {
		if types[typ] == 0 {
			t.Errorf("no %s result", typ)
		}
	}
}

func TestBatchCreateSendsRecordedRequest(t *testing.T) {
	t.Parallel()
	c := recordedCases(t, "/v1/messages/batches")[0]
	for _, rc := range recordedCases(t, "/v1/messages/batches") {
		if rc.Name == "batch-create" {
			c = rc
		}
	}
	var got []byte
	cl := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/messages/batches" {
			t.Errorf("%s %s", r.Method, r.URL.Path)
		}
		got, _ = io.ReadAll(r.Body)
		serveCase(c)(w, r)
	}))
	var req client.BatchCreateRequest
	if err := json.Unmarshal(c.Request, &req); err != nil {
		t.Fatal(err)
	}
	b, err := cl.Batches.Create(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if b.ID != "msgbatch_01GSR2pUkGcad188iHy2BkZH" || b.ProcessingStatus != client.MessageBatchProcessingStatusInProgress || b.RequestCounts.Processing != 1 {
		t.Fatalf("batch %+v", b)
	}
	if !reflect.DeepEqual(semanticJSON(t, c.Request), semanticJSON(t, got)) {
		t.Fatalf("sent body differs from the recorded request:\n%s\n%s", c.Request, got)
	}
}

func TestBatchValidation(t *testing.T) {
	t.Parallel()
	var sent atomic.Int32
	cl := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { sent.Add(1) }))
	bad := batchItem("d")
	bad.Params.Messages[0].Role = "system"
	many := make([]client.BatchRequestItem, client.MaxBatchRequests+1)
	for i := range many {
		many[i] = batchItem(fmt.Sprintf("r%d", i))
	}
	cases := []struct {
		name  string
		items []client.BatchRequestItem
		field string
	}{
		{"empty", nil, "requests"},
		{"custom_id pattern", []client.BatchRequestItem{batchItem("a"), batchItem("no spaces")}, "requests[1].custom_id"},
		{"custom_id too long", []client.BatchRequestItem{batchItem(strings.Repeat("x", 65))}, "requests[0].custom_id"},
		{"custom_id empty", []client.BatchRequestItem{batchItem("")}, "requests[0].custom_id"},
		{"duplicate custom_id", []client.BatchRequestItem{batchItem("a"), batchItem("b"), batchItem("a")}, "requests[2].custom_id"},
		{"params path", []client.BatchRequestItem{batchItem("a"), batchItem("b"), batchItem("c"), bad}, "requests[3].params.messages[0].role"},
		{"too many", many, "requests"},
	}
	for _, tc := range cases {
		_, err := cl.Batches.Create(context.Background(), client.BatchCreateRequest{Requests: tc.items})
		var ve *client.ValidationError
		if !errors.Is(err, client.ErrValidation) || !errors.As(err, &ve) {
			t.Errorf("%s: err = %v, want a *ValidationError", tc.name, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.field+":") {
			t.Errorf("%s: err = %v, want field %s", tc.name, err, tc.field)
		}
	}
	if n := sent.Load(); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
	if client.ValidCustomID(strings.Repeat("a", 64)) != true || client.ValidCustomID("a.b") {
		t.Fatal("ValidCustomID")
	}
}

func TestBatchLifecycleAgainstFake(t *testing.T) {
	t.Parallel()
	fake := &batchtest.Server{PollsUntilEnded: 1, RetryAfter: 10e9}
	cl := setup(t, fake)
	ctx := context.Background()
	items := []client.BatchRequestItem{batchItem("a"), batchItem("b"), batchItem("c")}
	b, err := cl.Batches.Create(ctx, client.BatchCreateRequest{Requests: items})
	if err != nil {
		t.Fatal(err)
	}
	// Results before the end: the recorded 404.
	for _, err := range cl.Batches.Results(ctx, b.ID, client.ResultsParams{}) {
		if !errors.Is(err, client.ErrNotFound) || !strings.Contains(err.Error(), "has no available results") {
			t.Fatalf("early results: %v", err)
		}
	}
	var resp *http.Response
	b, err = cl.Batches.Get(ctx, b.ID, client.WithResponseInto(&resp))
	if err != nil || b.ProcessingStatus != client.MessageBatchProcessingStatusInProgress || resp.Header.Get("retry-after") != "10" {
		t.Fatalf("first get: %+v %v", b, err)
	}
	if _, err := cl.Batches.Delete(ctx, b.ID); !errors.Is(err, client.ErrBadRequest) {
		t.Fatalf("delete in progress: %v", err)
	}
	b, err = cl.Batches.Get(ctx, b.ID)
	if err != nil || b.ProcessingStatus != client.MessageBatchProcessingStatusEnded || b.RequestCounts.Succeeded != 3 || b.ResultsURL == nil {
		t.Fatalf("second get: %+v %v", b, err)
	}
	var ids []string
	for r, err := range cl.Batches.Results(ctx, b.ID, client.ResultsParamsOf(b)) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.CustomID)
	}
	if fmt.Sprint(ids) != "[a b c]" {
		t.Fatalf("results %v", ids)
	}
	d, err := cl.Batches.Delete(ctx, b.ID)
	if err != nil || d.ID != b.ID || d.Type != client.DeletedMessageBatchTypeMessageBatchDeleted {
		t.Fatalf("delete: %+v %v", d, err)
	}
	if _, err := cl.Batches.Get(ctx, b.ID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("get deleted: %v", err)
	}
}

func TestBatchCancelGivesCanceledResults(t *testing.T) {
	t.Parallel()
	fake := &batchtest.Server{PollsUntilEnded: 5}
	cl := setup(t, fake)
	ctx := context.Background()
	b, err := cl.Batches.Create(ctx, client.BatchCreateRequest{Requests: []client.BatchRequestItem{batchItem("a"), batchItem("b")}})
	if err != nil {
		t.Fatal(err)
	}
	b, err = cl.Batches.Cancel(ctx, b.ID)
	if err != nil || b.ProcessingStatus != client.MessageBatchProcessingStatusCanceling || b.CancelInitiatedAt == nil {
		t.Fatalf("cancel: %+v %v", b, err)
	}
	b, err = cl.Batches.Get(ctx, b.ID)
	if err != nil || b.ProcessingStatus != client.MessageBatchProcessingStatusEnded || b.RequestCounts.Canceled != 2 {
		t.Fatalf("after cancel: %+v %v", b, err)
	}
	for r, err := range cl.Batches.Results(ctx, b.ID, client.ResultsParams{}) {
		if err != nil {
			t.Fatal(err)
		}
		if typ, _ := r.Result.Discriminator(); typ != "canceled" {
			t.Fatalf("%s: %s", r.CustomID, typ)
		}
	}
}

func TestBatchListPages(t *testing.T) {
	t.Parallel()
	fake := &batchtest.Server{}
	cl := setup(t, fake)
	ctx := context.Background()
	var want []string
	for i := range 7 {
		b, err := cl.Batches.Create(ctx, client.BatchCreateRequest{Requests: []client.BatchRequestItem{batchItem(fmt.Sprint(i))}})
		if err != nil {
			t.Fatal(err)
		}
		want = append([]string{b.ID}, want...) // newest first
	}
	var got []string
	for b, err := range cl.Batches.List(ctx, client.ListParams{Limit: 3}) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, b.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("list\n got %v\nwant %v", got, want)
	}
	page, err := cl.Batches.ListPage(ctx, client.ListParams{Limit: 2, AfterID: want[1]})
	if err != nil || len(page.Data) != 2 || page.Data[0].ID != want[2] || !page.HasMore {
		t.Fatalf("page: %+v %v", page, err)
	}
}

func TestBatchRecordedReadEndpoints(t *testing.T) {
	t.Parallel()
	for _, c := range recordedCases(t, "/v1/messages/batches", "/v1/messages/batches/{id}", "/v1/messages/batches/{id}/cancel", "/v1/messages/batches/{id}/results") {
		t.Run(c.Name, func(t *testing.T) {
			var gotPath, gotAccept string
			cl := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				gotPath, gotAccept = r.Method+" "+r.URL.Path, r.Header.Get("Accept")
				serveCase(c)(w, r)
			}))
			ctx := context.Background()
			id := "msgbatch_01GSR2pUkGcad188iHy2BkZH"
			var err error
			want := c.Method + " " + strings.ReplaceAll(c.Endpoint, "{id}", id)
			switch {
			case c.Method == "POST" && c.Endpoint == "/v1/messages/batches":
				return // covered by TestBatchCreateSendsRecordedRequest
			case c.Method == "GET" && c.Endpoint == "/v1/messages/batches":
				var page *client.MessageBatchListResponse
				page, err = cl.Batches.ListPage(ctx, client.ListParams{})
				if err == nil && len(page.Data) == 0 {
					t.Fatal("empty list")
				}
			case strings.HasSuffix(c.Endpoint, "/cancel"):
				_, err = cl.Batches.Cancel(ctx, id)
			case strings.HasSuffix(c.Endpoint, "/results"):
				n := 0
				for r, e := range cl.Batches.Results(ctx, id, client.ResultsParams{}) {
					if err = e; e == nil && r.CustomID == "" {
						t.Fatal("empty custom_id")
					}
					n++
				}
				if gotAccept != "application/x-jsonl" {
					t.Errorf("Accept %q", gotAccept)
				}
			default:
				_, err = cl.Batches.Get(ctx, id)
			}
			if gotPath != want {
				t.Errorf("sent %s, want %s", gotPath, want)
			}
			if c.Status == 200 && err != nil {
				t.Fatal(err)
			}
			if c.Status == 404 {
				var apiErr *client.APIError
				if !errors.Is(err, client.ErrNotFound) || !errors.As(err, &apiErr) || apiErr.RequestID != "req_01FSiRpS5YwNYHALsWqd9pmr" {
					t.Fatalf("err = %v", err)
				}
			}
		})
	}
}

func TestBatchResultsURLOnlyOnSameOrigin(t *testing.T) {
	t.Parallel()
	var paths []string
	cl := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		_, _ = io.WriteString(w, `{"custom_id":"a","result":{"type":"expired"}}`+"\n")
	}))
	ctx := context.Background()
	withUser := strings.Replace(cl.BaseURL(), "://", "://user:pw@", 1) + "/files/userinfo.jsonl"
	for _, u := range []string{cl.BaseURL() + "/files/results.jsonl", "https://elsewhere.example/v1/x", withUser} {
		for _, err := range cl.Batches.Results(ctx, "msgbatch_1", client.ResultsParams{ResultsURL: u}) {
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	if fmt.Sprint(paths) != "[/files/results.jsonl /v1/messages/batches/msgbatch_1/results /v1/messages/batches/msgbatch_1/results]" {
		t.Fatalf("paths %v", paths)
	}
}

func TestBatchResultsLineTooLong(t *testing.T) {
	t.Parallel()
	cl := setup(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"custom_id":"a","result":{"type":"expired"}}`+"\n")
		_, _ = io.WriteString(w, `{"custom_id":"b","result":{"type":"canceled","pad":"`+strings.Repeat("x", 500)+`"}}`+"\n")
	}))
	n := 0
	var err error
	for _, e := range cl.Batches.Results(context.Background(), "msgbatch_1", client.ResultsParams{MaxLineSize: 200}) {
		if e != nil {
			err = e
			break
		}
		n++
	}
	var je *client.JSONLError
	if n != 1 || !errors.Is(err, client.ErrLineTooLong) || !errors.As(err, &je) || je.Line != 2 {
		t.Fatalf("n=%d err=%v", n, err)
	}
}

// resultsReader generates a JSON Lines results file of size bytes on the fly.
type resultsReader struct {
	left  int64
	n     int
	buf   []byte
	lines int
}

func (g *resultsReader) Read(p []byte) (int, error) {
	if len(g.buf) == 0 {
		if g.left <= 0 {
			return 0, io.EOF
		}
		g.buf = batchtest.SucceededLine(g.buf[:0], fmt.Sprintf("r%d", g.n))
		g.n++
		g.lines++
		if int64(len(g.buf)) > g.left {
			g.left = 0
		} else {
			g.left -= int64(len(g.buf))
		}
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	return n, nil
}

// BenchmarkBatchResults1GB streams a 1 GB results file (generated as it is
// served, never on disk) through Results; peak-heap-MB is the largest heap in
// use meanwhile, which stays flat whatever the file size.
func BenchmarkBatchResults1GB(b *testing.B) {
	const size = 1 << 30
	var lines atomic.Int64
	cl := setupBench(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("content-type", "application/x-jsonl")
		g := &resultsReader{left: size}
		_, _ = io.Copy(w, g)
		lines.Store(int64(g.lines))
	}))
	b.SetBytes(size)
	b.ReportAllocs()
	var peak atomic.Uint64
	runtime.GC()
	for b.Loop() {
		stop := memtest.SampleHeap(&peak)
		n := int64(0)
		for _, err := range cl.Batches.Results(context.Background(), "msgbatch_big", client.ResultsParams{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		stop()
		if n != lines.Load() {
			b.Fatalf("%d results, server sent %d", n, lines.Load())
		}
	}
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(lines.Load()), "lines")
}

// exampleBatches starts the fake batch API and a client pointed at it.
func exampleBatches(fake *batchtest.Server) (*client.Client, func()) {
	srv := httptest.NewServer(fake)
	c, err := client.New(client.WithAPIKey("sk-ant-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		panic(err)
	}
	return c, srv.Close
}

func ExampleBatchesService_Create() {
	c, done := exampleBatches(&batchtest.Server{})
	defer done()
	b, err := c.Batches.Create(context.Background(), client.BatchCreateRequest{Requests: []client.BatchRequestItem{
		{CustomID: "greeting", Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hello")}}},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(b.ProcessingStatus, b.RequestCounts.Processing)
	// Output: in_progress 1
}

func ExampleBatchesService_Get() {
	c, done := exampleBatches(&batchtest.Server{})
	defer done()
	ctx := context.Background()
	b, err := c.Batches.Create(ctx, client.BatchCreateRequest{Requests: []client.BatchRequestItem{
		{CustomID: "a", Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hi")}}},
	}})
	if err != nil {
		panic(err)
	}
	for b.ProcessingStatus != client.MessageBatchProcessingStatusEnded {
		// A real loop waits between polls (the API sends retry-after).
		var err error
		if b, err = c.Batches.Get(ctx, b.ID); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(b.ProcessingStatus)
	}
	// Output:
	// in_progress
	// ended
}

func ExampleBatchesService_Results() {
	c, done := exampleBatches(&batchtest.Server{PollsUntilEnded: -1})
	defer done()
	ctx := context.Background()
	b, err := c.Batches.Create(ctx, client.BatchCreateRequest{Requests: []client.BatchRequestItem{
		{CustomID: "a", Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hi")}}},
	}})
	if err != nil {
		panic(err)
	}
	b, err = c.Batches.Get(ctx, b.ID)
	if err != nil {
		panic(err)
	}
	b, err = c.Batches.Get(ctx, b.ID) // ended
	if err != nil {
		panic(err)
	}
	for r, err := range c.Batches.Results(ctx, b.ID, client.ResultsParamsOf(b)) {
		if err != nil {
			fmt.Println(err)
			return
		}
		typ, err := r.Result.Discriminator()
		if err != nil {
			panic(err)
		}
		switch typ {
		case "succeeded":
			s, err := r.Result.AsMessageBatchSucceededResult()
			if err != nil {
				panic(err)
			}
			fmt.Println(r.CustomID, typ, s.Message.Model)
		case "errored":
			e, err := r.Result.AsMessageBatchErroredResult()
			if err != nil {
				panic(err)
			}
			fmt.Println(r.CustomID, typ, e.Error.Error.Message)
		default: // canceled, expired
			fmt.Println(r.CustomID, typ)
		}
	}
	// Output: a succeeded claude-haiku-4-5-20251001
}

func ExampleBatchesService_List() {
	c, done := exampleBatches(&batchtest.Server{})
	defer done()
	ctx := context.Background()
	for i := range 3 {
		_, err := c.Batches.Create(ctx, client.BatchCreateRequest{Requests: []client.BatchRequestItem{
			{CustomID: fmt.Sprint("r", i), Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hi")}}},
		}})
		if err != nil {
			panic(err)
		}
	}
	n := 0
	for _, err := range c.Batches.List(ctx, client.ListParams{Limit: 2}) { // pages of two, fetched as needed
		if err != nil {
			fmt.Println(err)
			return
		}
		n++
	}
	fmt.Println(n, "batches")
	// Output: 3 batches
}

func ExampleBatchesService_Cancel() {
	c, done := exampleBatches(&batchtest.Server{})
	defer done()
	ctx := context.Background()
	b, err := c.Batches.Create(ctx, client.BatchCreateRequest{Requests: []client.BatchRequestItem{
		{CustomID: "a", Params: client.MessageRequest{Model: "claude-haiku-4-5", MaxTokens: 64, Messages: []client.MessageParam{client.UserText("Hi")}}},
	}})
	if err != nil {
		panic(err)
	}
	b, err = c.Batches.Cancel(ctx, b.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(b.ProcessingStatus)
	b, err = c.Batches.Get(ctx, b.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(b.ProcessingStatus, "canceled:", b.RequestCounts.Canceled)
	d, err := c.Batches.Delete(ctx, b.ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(d.ID == b.ID)
	// Output:
	// canceling
	// ended canceled: 1
	// true
}
