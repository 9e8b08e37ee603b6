package batchtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/claudego/claude/client"
)

// Server is the fake. Its zero value is ready to use; set the fields before
// serving the first request.
type Server struct {
	// PollsUntilEnded is how many GETs of a batch answer in_progress before it
	// ends; zero means 1 (the first GET says in_progress, the second ended).
	PollsUntilEnded int
	// RetryAfter, when positive, is sent as retry-after (whole seconds) on
	// GETs of a batch still in progress, as the API does.
	RetryAfter time.Duration
	// Result decides each request's result from its custom_id; it must be
	// deterministic. Nil means succeeded, with a Message whose text is the
	// custom_id.
	Result func(customID string) client.MessageBatchResult
	// MaxRequests and MaxBytes are the limits Create enforces; zero means the
	// API's (client.MaxBatchRequests, client.MaxBatchBytes).
	MaxRequests int
	MaxBytes    int64
	// Intercept, when set, sees every request first; returning true means it
	// wrote the response (to inject 429s or 500s).
	Intercept func(w http.ResponseWriter, r *http.Request) bool

	mu      sync.Mutex
	batches map[string]*fakeBatch
	order   []string
	seq     int
}

type fakeBatch struct {
	id        string
	ids       []string
	polls     int
	status    client.MessageBatchProcessingStatus
	created   time.Time
	ended     *time.Time
	cancelAt  *time.Time
	canceled  bool
	deleted   bool
	counts    client.MessageBatchRequestCounts
	resultsOK bool
}

// Info is a snapshot of one batch the fake holds.
type Info struct {
	ID       string
	Requests int
	Status   client.MessageBatchProcessingStatus
	Canceled bool
}

// Batches returns every batch created so far, oldest first.
func (s *Server) Batches() []Info {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Info, 0, len(s.order))
	for _, id := range s.order {
		b := s.batches[id]
		out = append(out, Info{ID: b.id, Requests: len(b.ids), Status: b.status, Canceled: b.canceled})
	}
	return out
}

// ServeHTTP answers the batch endpoints under /v1/messages/batches; anything
// else is a 404 not_found_error.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.Intercept != nil && s.Intercept(w, r) {
		return
	}
	const root = "/v1/messages/batches"
	path := strings.TrimSuffix(r.URL.Path, "/")
	switch {
	case path == root && r.Method == http.MethodPost:
		s.create(w, r)
	case path == root && r.Method == http.MethodGet:
		s.list(w, r)
	case strings.HasPrefix(path, root+"/"):
		rest := strings.Split(strings.TrimPrefix(path, root+"/"), "/")
		id := rest[0]
		switch {
		case len(rest) == 1 && r.Method == http.MethodGet:
			s.get(w, r, id)
		case len(rest) == 1 && r.Method == http.MethodDelete:
			s.delete(w, id)
		case len(rest) == 2 && rest[1] == "cancel" && r.Method == http.MethodPost:
			s.cancel(w, r, id)
		case len(rest) == 2 && rest[1] == "results" && r.Method == http.MethodGet:
			s.results(w, id)
		default:
			WriteError(w, http.StatusNotFound, "not_found_error", "no route for "+r.Method+" "+r.URL.Path)
		}
	default:
		WriteError(w, http.StatusNotFound, "not_found_error", "no route for "+r.Method+" "+r.URL.Path)
	}
}

// now stamps created_at and the like; under testing/synctest it is the
// bubble's clock.
func (s *Server) now() time.Time { return time.Now().UTC() }

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	maxBytes, maxReqs := s.MaxBytes, s.MaxRequests
	if maxBytes <= 0 {
		maxBytes = client.MaxBatchBytes
	}
	if maxReqs <= 0 {
		maxReqs = client.MaxBatchRequests
	}
	// The body is read one request at a time (custom_id kept, params
	// skipped), so the fake holds no 256 MB body in memory either.
	ids, err := decodeCustomIDs(json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBytes)), maxReqs)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			WriteError(w, http.StatusRequestEntityTooLarge, "request_too_large", fmt.Sprintf("Request exceeds the maximum allowed number of bytes (%d).", maxBytes))
			return
		}
		WriteError(w, http.StatusBadRequest, "invalid_request_error", err.Error())
		return
	}
	n := len(ids)
	if n == 0 {
		WriteError(w, http.StatusBadRequest, "invalid_request_error", fmt.Sprintf("requests: must hold 1 to %d requests, got 0", maxReqs))
		return
	}
	s.mu.Lock()
	if s.batches == nil {
		s.batches = map[string]*fakeBatch{}
	}
	s.seq++
	b := &fakeBatch{
		id:      fmt.Sprintf("msgbatch_fake%08d", s.seq),
		ids:     ids,
		status:  client.MessageBatchProcessingStatusInProgress,
		created: s.now(),
		counts:  client.MessageBatchRequestCounts{Processing: int64(n)},
	}
	s.batches[b.id] = b
	s.order = append(s.order, b.id)
	out := s.wire(r, b)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// lookup returns the live batch or writes a 404.
func (s *Server) lookup(w http.ResponseWriter, id string) *fakeBatch {
	b := s.batches[id]
	if b == nil || b.deleted {
		WriteError(w, http.StatusNotFound, "not_found_error", "Message Batch "+id+" not found.")
		return nil
	}
	return b
}

func (s *Server) get(w http.ResponseWriter, r *http.Request, id string) {
	s.mu.Lock()
	b := s.lookup(w, id)
	if b == nil {
		s.mu.Unlock()
		return
	}
	polls := s.PollsUntilEnded
	if polls <= 0 {
		polls = 1
	}
	if b.status != client.MessageBatchProcessingStatusEnded {
		if b.polls >= polls || b.status == client.MessageBatchProcessingStatusCanceling {
			s.end(b)
		} else {
			b.polls++
		}
	}
	out := s.wire(r, b)
	inProgress := b.status != client.MessageBatchProcessingStatusEnded
	s.mu.Unlock()
	if inProgress && s.RetryAfter > 0 {
		w.Header().Set("retry-after", strconv.Itoa(int((s.RetryAfter+time.Second-1)/time.Second)))
	}
	writeJSON(w, http.StatusOK, out)
}

// end finishes b: every request gets its result (canceled ones when b was
// canceled) and the counts move out of processing.
func (s *Server) end(b *fakeBatch) {
	now := s.now()
	b.status, b.ended, b.resultsOK = client.MessageBatchProcessingStatusEnded, &now, true
	b.counts = client.MessageBatchRequestCounts{}
	for _, id := range b.ids {
		switch s.resultType(b, id) {
		case "succeeded":
			b.counts.Succeeded++
		case "errored":
			b.counts.Errored++
		case "canceled":
			b.counts.Canceled++
		case "expired":
			b.counts.Expired++
		}
	}
}

func (s *Server) resultType(b *fakeBatch, id string) string {
	if b.canceled {
		return "canceled"
	}
	if s.Result == nil {
		return "succeeded"
	}
	res := s.Result(id)
	t, _ := res.Discriminator()
	return t
}

func (s *Server) cancel(w http.ResponseWriter, r *http.Request, id string) {
	s.mu.Lock()
	b := s.lookup(w, id)
	if b == nil {
		s.mu.Unlock()
		return
	}
	if b.status == client.MessageBatchProcessingStatusInProgress {
		now := s.now()
		b.status, b.canceled, b.cancelAt = client.MessageBatchProcessingStatusCanceling, true, &now
	}
	out := s.wire(r, b)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) delete(w http.ResponseWriter, id string) {
	s.mu.Lock()
	b := s.lookup(w, id)
	if b == nil {
		s.mu.Unlock()
		return
	}
	if b.status != client.MessageBatchProcessingStatusEnded {
		s.mu.Unlock()
		WriteError(w, http.StatusBadRequest, "invalid_request_error", "Message Batch "+id+" cannot be deleted while it is processing; cancel it first.")
		return
	}
	b.deleted, b.ids = true, nil
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]string{"id": id, "type": "message_batch_deleted"})
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit := 20
	if l := q.Get("limit"); l != "" {
		v, err := strconv.Atoi(l)
		if err != nil || v < 1 || v > 1000 {
			WriteError(w, http.StatusBadRequest, "invalid_request_error", "limit: must be between 1 and 1000")
			return
		}
		limit = v
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var live []*fakeBatch // newest first, as the API lists
	for i := len(s.order) - 1; i >= 0; i-- {
		if b := s.batches[s.order[i]]; !b.deleted {
			live = append(live, b)
		}
	}
	var start, end int
	if a := q.Get("after_id"); a != "" {
		start = sort.Search(len(live), func(i int) bool { return live[i].id < a })
		end = min(start+limit, len(live))
	} else if bid := q.Get("before_id"); bid != "" {
		end = sort.Search(len(live), func(i int) bool { return live[i].id <= bid })
		start = max(0, end-limit)
	} else {
		end = min(limit, len(live))
	}
	page := map[string]any{"data": []any{}, "has_more": false, "first_id": nil, "last_id": nil}
	data := make([]any, 0, end-start)
	for _, b := range live[start:end] {
		data = append(data, s.wire(r, b))
	}
	page["data"] = data
	if end > start {
		page["first_id"], page["last_id"] = live[start].id, live[end-1].id
	}
	if q.Get("before_id") != "" {
		page["has_more"] = start > 0
	} else {
		page["has_more"] = end < len(live)
	}
	writeJSON(w, http.StatusOK, page)
}

// wire is the batch as the API returns it.
func (s *Server) wire(r *http.Request, b *fakeBatch) map[string]any {
	var resultsURL any
	if b.resultsOK {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		resultsURL = scheme + "://" + r.Host + "/v1/messages/batches/" + b.id + "/results"
	}
	return map[string]any{
		"id":                  b.id,
		"type":                "message_batch",
		"processing_status":   b.status,
		"request_counts":      b.counts,
		"ended_at":            b.ended,
		"created_at":          b.created,
		"expires_at":          b.created.Add(24 * time.Hour),
		"archived_at":         nil,
		"cancel_initiated_at": b.cancelAt,
		"results_url":         resultsURL,
	}
}

// results streams the JSON Lines file, one line per request in submission
// order (stable across calls, as the API's stored file is).
func (s *Server) results(w http.ResponseWriter, id string) {
	s.mu.Lock()
	b := s.lookup(w, id)
	if b == nil {
		s.mu.Unlock()
		return
	}
	if !b.resultsOK {
		s.mu.Unlock()
		WriteError(w, http.StatusNotFound, "not_found_error", "Message Batch "+id+" has no available results.")
		return
	}
	ids, canceled := b.ids, b.canceled
	s.mu.Unlock()
	w.Header().Set("content-type", "application/x-jsonl")
	w.WriteHeader(http.StatusOK)
	buf := make([]byte, 0, 64<<10)
	for _, cid := range ids {
		buf = s.appendLine(buf, cid, canceled)
		if len(buf) > 48<<10 {
			if _, err := w.Write(buf); err != nil {
				return
			}
			buf = buf[:0]
		}
	}
	_, _ = w.Write(buf)
}

func (s *Server) appendLine(buf []byte, cid string, canceled bool) []byte {
	switch {
	case canceled:
		return fmt.Appendf(buf, `{"custom_id":%q,"result":{"type":"canceled"}}`+"\n", cid)
	case s.Result != nil:
		line, err := json.Marshal(client.MessageBatchIndividualResponse{CustomID: cid, Result: s.Result(cid)})
		if err != nil {
			line = fmt.Appendf(nil, `{"custom_id":%q,"result":{"type":"errored","error":{"type":"error","error":{"type":"api_error","message":"fake: %v"}}}}`, cid, err)
		}
		return append(append(buf, line...), '\n')
	}
	return SucceededLine(buf, cid)
}

// SucceededLine appends the fake's default result line for customID: a
// succeeded Message whose only text block is the custom_id.
func SucceededLine(buf []byte, customID string) []byte {
	return fmt.Appendf(buf, `{"custom_id":%q,"result":{"type":"succeeded","message":{"id":"msg_fake_%s","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001","content":[{"type":"text","text":%q}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":3,"service_tier":"batch"}}}}`+"\n", customID, customID, customID)
}

// WriteError writes the API's error body with status.
func WriteError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("request-id", "req_fake_"+strconv.Itoa(status))
	writeJSON(w, status, map[string]any{"type": "error", "error": map[string]string{"type": typ, "message": msg}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("content-type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
