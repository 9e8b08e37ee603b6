package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// batch is one Message Batch. Its results are computed when it is created;
// it reports in_progress until Config.BatchProcessing has passed.
type batch struct {
	id          string
	created     time.Time
	readyAt     time.Time
	cancelledAt *time.Time
	endedAt     *time.Time
	lines       []batchLine
	size        int64 // bytes of results kept, counted in Config.MaxStoredBytes
}

type batchLine struct {
	customID string
	result   json.RawMessage // succeeded or errored
}

type batchCounts struct {
	Processing int `json:"processing"`
	Succeeded  int `json:"succeeded"`
	Errored    int `json:"errored"`
	Canceled   int `json:"canceled"`
	Expired    int `json:"expired"`
}

type wireBatch struct {
	ID                string      `json:"id"`
	Type              string      `json:"type"`
	ProcessingStatus  string      `json:"processing_status"`
	RequestCounts     batchCounts `json:"request_counts"`
	EndedAt           *string     `json:"ended_at"`
	CreatedAt         string      `json:"created_at"`
	ExpiresAt         string      `json:"expires_at"`
	ArchivedAt        *string     `json:"archived_at"`
	CancelInitiatedAt *string     `json:"cancel_initiated_at"`
	ResultsURL        *string     `json:"results_url"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func stampPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := stamp(*t)
	return &s
}

// settle ends the batch once its processing time has passed. Call with h.mu held.
func (b *batch) settle(now time.Time) {
	if b.endedAt == nil && !now.Before(b.readyAt) {
		t := b.readyAt
		if b.cancelledAt != nil {
			t = *b.cancelledAt
		}
		b.endedAt = &t
	}
}

// wire is the batch as the API shows it. Call with h.mu held.
func (b *batch) wire(base string) wireBatch {
	w := wireBatch{
		ID: b.id, Type: "message_batch",
		CreatedAt:         stamp(b.created),
		ExpiresAt:         stamp(b.created.Add(24 * time.Hour)),
		EndedAt:           stampPtr(b.endedAt),
		CancelInitiatedAt: stampPtr(b.cancelledAt),
	}
	switch {
	case b.endedAt != nil:
		w.ProcessingStatus = "ended"
		u := base + "/v1/messages/batches/" + b.id + "/results"
		w.ResultsURL = &u
		for _, l := range b.lines {
			switch {
			case b.cancelledAt != nil:
				w.RequestCounts.Canceled++
			case bytes.HasPrefix(l.result, []byte(`{"type":"succeeded"`)):
				w.RequestCounts.Succeeded++
			default:
				w.RequestCounts.Errored++
			}
		}
	case b.cancelledAt != nil:
		w.ProcessingStatus = "canceling"
		w.RequestCounts.Processing = len(b.lines)
	default:
		w.ProcessingStatus = "in_progress"
		w.RequestCounts.Processing = len(b.lines)
	}
	return w
}

func (x *exchange) baseURL() string { return "http://" + x.r.Host }

// createBatch runs every request through the model at once (the results wait
// until the batch ends). A request the API would refuse becomes an errored
// result, as in a real batch.
func (x *exchange) createBatch(body []byte) *response {
	var in struct {
		Requests []struct {
			CustomID string          `json:"custom_id"`
			Params   json.RawMessage `json:"params"`
		} `json:"requests"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "There was an error parsing the body of your request: "+err.Error())
	}
	if len(in.Requests) == 0 {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "requests: List should have at least 1 item after validation, not 0")
	}
	seen := map[string]bool{}
	now := time.Now()
	b := &batch{id: newID("msgbatch_emu_"), created: now, readyAt: now.Add(x.h.cfg.BatchProcessing)}
	for i, r := range in.Requests {
		if seen[r.CustomID] {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "requests."+strconv.Itoa(i)+".custom_id: duplicate custom_id "+r.CustomID)
		}
		seen[r.CustomID] = true
		l := batchLine{customID: r.CustomID, result: x.batchResult(r.Params)}
		b.lines = append(b.lines, l)
		b.size += int64(len(l.customID) + len(l.result))
	}
	x.h.mu.Lock()
	defer x.h.mu.Unlock()
	if resp := x.makeRoomForBatch(b.size); resp != nil {
		return resp
	}
	x.h.batches = append([]*batch{b}, x.h.batches...)
	x.h.storedUsed += b.size
	return jsonResponse(b.wire(x.baseURL()))
}

// makeRoomForBatch drops the oldest ended batches until one more batch of
// size bytes fits under Config.MaxBatches and Config.MaxStoredBytes, as the
// API expires old batches. When dropping every ended batch is not enough it
// returns the 429 to answer, naming the cap. Call with h.mu held.
func (x *exchange) makeRoomForBatch(size int64) *response {
	h := x.h
	fits := func() bool {
		return len(h.batches) < h.cfg.MaxBatches && h.storedUsed+size <= h.cfg.MaxStoredBytes
	}
	now := time.Now()
	for i := len(h.batches) - 1; i >= 0 && !fits(); i-- {
		b := h.batches[i]
		b.settle(now)
		if b.endedAt == nil {
			continue
		}
		h.batches = append(h.batches[:i:i], h.batches[i+1:]...)
		h.storedUsed -= b.size
	}
	switch {
	case len(h.batches) >= h.cfg.MaxBatches:
		return x.apiError(http.StatusTooManyRequests, "rate_limit_error", "emulator: "+strconv.Itoa(len(h.batches))+
			" batches are still in progress, the most it keeps (Config.MaxBatches); cancel or wait for one")
	case h.storedUsed+size > h.cfg.MaxStoredBytes:
		return x.apiError(http.StatusTooManyRequests, "rate_limit_error", "emulator: this batch's "+strconv.FormatInt(size, 10)+
			" bytes of results do not fit: "+strconv.FormatInt(h.storedUsed, 10)+" of "+strconv.FormatInt(h.cfg.MaxStoredBytes, 10)+
			" bytes are kept (Config.MaxStoredBytes); delete batches or files")
	}
	return nil
}

func (x *exchange) batchResult(params json.RawMessage) json.RawMessage {
	errored := func(status int, typ, msg string) json.RawMessage {
		var e errorBody
		e.Type, e.Error.Type, e.Error.Message = "error", typ, msg
		return mustJSON(struct {
			Type  string    `json:"type"`
			Error errorBody `json:"error"`
		}{"errored", e})
	}
	req, err := parseRequest(params)
	if err != nil {
		return errored(400, "invalid_request_error", "params: "+err.Error())
	}
	m, ok := x.h.findModel(req.Model)
	switch {
	case !ok:
		return errored(404, "not_found_error", "model: "+req.Model)
	case req.Stream:
		return errored(400, "invalid_request_error", "stream: streaming is not supported in batches")
	case req.MaxTokens < 1 || len(req.Messages) == 0:
		return errored(400, "invalid_request_error", "params: max_tokens and messages are required")
	}
	out := fit(req, x.h.cfg.Responder(req))
	out.model, out.msgID = m.ID, newID("msg_emu_")
	msg := out.message(true)
	msg.Usage.ServiceTier = "batch"
	return mustJSON(struct {
		Type    string         `json:"type"`
		Message wireMessageOut `json:"message"`
	}{"succeeded", msg})
}

// findBatch returns the batch with id, settled. Call with h.mu held.
func (h *Handler) findBatch(id string) *batch {
	for _, b := range h.batches {
		if b.id == id {
			b.settle(time.Now())
			return b
		}
	}
	return nil
}

func (x *exchange) notFoundBatch(id string) *response {
	return x.apiError(http.StatusNotFound, "not_found_error", "Message Batch "+id+" not found.")
}

// batchRoute serves /v1/messages/batches/{id}[/cancel|/results].
func (x *exchange) batchRoute(rest string) *response {
	id, action, _ := strings.Cut(rest, "/")
	x.h.mu.Lock()
	defer x.h.mu.Unlock()
	b := x.h.findBatch(id)
	if b == nil {
		return x.notFoundBatch(id)
	}
	m := x.r.Method
	switch {
	case action == "" && m == http.MethodGet:
		return jsonResponse(b.wire(x.baseURL()))
	case action == "" && m == http.MethodDelete:
		if b.endedAt == nil {
			return x.apiError(http.StatusBadRequest, "invalid_request_error", "Message Batch "+id+" cannot be deleted while it is processing; cancel it first.")
		}
		for i, o := range x.h.batches {
			if o == b {
				x.h.batches = append(x.h.batches[:i:i], x.h.batches[i+1:]...)
				x.h.storedUsed -= b.size
				break
			}
		}
		return jsonResponse(struct {
			ID   string `json:"id"`
			Type string `json:"type"`
		}{id, "message_batch_deleted"})
	case action == "cancel" && m == http.MethodPost:
		if b.endedAt == nil && b.cancelledAt == nil {
			now := time.Now()
			b.cancelledAt = &now
			resp := jsonResponse(b.wire(x.baseURL()))
			b.readyAt = now // ends on the next look
			return resp
		}
		return jsonResponse(b.wire(x.baseURL()))
	case action == "results" && m == http.MethodGet:
		if b.endedAt == nil {
			return x.apiError(http.StatusNotFound, "not_found_error", "Message Batch "+id+" has no available results.")
		}
		var buf bytes.Buffer
		for _, l := range b.lines {
			result := l.result
			if b.cancelledAt != nil {
				result = json.RawMessage(`{"type":"canceled"}`)
			}
			buf.Write(mustJSON(struct {
				CustomID string          `json:"custom_id"`
				Result   json.RawMessage `json:"result"`
			}{l.customID, result}))
			buf.WriteByte('\n')
		}
		h := http.Header{}
		h.Set("Content-Type", "application/x-jsonl")
		return &response{status: http.StatusOK, header: h, body: buf.Bytes()}
	}
	return x.apiError(http.StatusNotFound, "not_found_error", "Not Found")
}

// listBatches pages the batches, newest first.
func (x *exchange) listBatches() *response {
	x.h.mu.Lock()
	defer x.h.mu.Unlock()
	all := x.h.batches
	lo, hi, more, errResp := x.pageBounds(len(all), func(i int) string { return all[i].id })
	if errResp != nil {
		return errResp
	}
	var items []wireBatch
	now := time.Now()
	for _, b := range all[lo:hi] {
		b.settle(now)
		items = append(items, b.wire(x.baseURL()))
	}
	return jsonResponse(newListPage(items, more, func(b wireBatch) string { return b.ID }))
}
