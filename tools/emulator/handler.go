package emulator

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"github.com/claudego/claude/client/orgtest"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Header names the emulator reads from requests.
const (
	// HeaderFault injects a fault into this one request; see ParseFault.
	HeaderFault = "x-emulator-fault"
	// HeaderCase answers with a recorded case from testdata/recorded by name.
	HeaderCase = "x-emulator-case"
)

// response is what a route produces, before faults and pacing are applied.
type response struct {
	status int
	header http.Header
	body   []byte   // a JSON (or JSONL) body; nil when events is set
	events [][]byte // the raw SSE events of a stream, each ending in "\n\n"
}

// exchange is one request being served.
type exchange struct {
	h     *Handler
	r     *http.Request
	reqID string
}

// ServeHTTP serves the Anthropic API subset the emulator knows: Messages
// (create, stream, count_tokens), Message Batches (create, list, get,
// cancel, delete, results) and Models (list, get), plus any recorded case
// named by the x-emulator-case header.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.requests.Add(1)
	x := &exchange{h: h, r: r, reqID: newID("req_emu_")}
	h.rateLimitHeaders(w.Header())
	w.Header().Set("request-id", x.reqID)

	if resp := x.decodeBody(); resp != nil {
		x.emit(w, resp, Fault{})
		return
	}
	fault, err := h.faultFor(r)
	if err != nil {
		x.emit(w, x.apiError(http.StatusBadRequest, "invalid_request_error", HeaderFault+": "+err.Error()), Fault{})
		return
	}
	x.emit(w, x.route(), fault)
}

// route authenticates, validates and dispatches the request.
func (x *exchange) route() *response {
	r := x.r
	// The organization, Skills and User Profiles check credentials
	// themselves: admin keys on /v1/organizations only, as the API does.
	org := orgtest.Handles(r.URL.Path)
	if !org {
		if resp := x.authenticate(); resp != nil {
			return resp
		}
	}
	if name := r.Header.Get(HeaderCase); name != "" {
		return x.recorded(name)
	}
	if resp := x.checkVersion(); resp != nil {
		return resp
	}
	// Reading, validating and answering hold one of Config.MaxConcurrent
	// slots; emitting the reply (streams, pacing, stalls) does not.
	release, ok := x.h.admit(r.Context())
	if !ok {
		return x.apiError(529, "overloaded_error", "Overloaded (emulator: the request ended while waiting for one of Config.MaxConcurrent slots)")
	}
	defer release()
	limit := x.h.cfg.MaxRequestBytes
	if r.ContentLength > limit {
		return x.tooLarge("the body is larger than " + strconv.FormatInt(limit, 10) + " bytes (Config.MaxRequestBytes)")
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "reading request body: "+err.Error())
	}
	if int64(len(body)) > limit {
		return x.tooLarge("the body is larger than " + strconv.FormatInt(limit, 10) + " bytes (Config.MaxRequestBytes)")
	}
	if org {
		return x.org(body)
	}
	path := strings.TrimSuffix(r.URL.Path, "/")
	if resp := x.files(path, body); resp != nil {
		return resp
	}
	if resp := x.checkValues(body); resp != nil {
		return resp
	}
	switch {
	case path == "/v1/messages" && r.Method == http.MethodPost:
		if resp := x.validate("/v1/messages", nil, body); resp != nil {
			return resp
		}
		return x.createMessage(body)
	case path == "/v1/messages/count_tokens" && r.Method == http.MethodPost:
		if resp := x.validate("/v1/messages/count_tokens", nil, body); resp != nil {
			return resp
		}
		return x.countTokens(body)
	case path == "/v1/models" && r.Method == http.MethodGet:
		if resp := x.validate("/v1/models", nil, nil); resp != nil {
			return resp
		}
		return x.listModels()
	case path == "/v1/messages/batches" && r.Method == http.MethodPost:
		if resp := x.validate("/v1/messages/batches", nil, body); resp != nil {
			return resp
		}
		return x.createBatch(body)
	case path == "/v1/messages/batches" && r.Method == http.MethodGet:
		return x.listBatches()
	case strings.HasPrefix(path, "/v1/messages/batches/"):
		return x.batchRoute(strings.TrimPrefix(path, "/v1/messages/batches/"))
	case strings.HasPrefix(path, "/v1/models/") && r.Method == http.MethodGet:
		id := strings.TrimPrefix(path, "/v1/models/")
		return x.getModel(id)
	}
	return x.apiError(http.StatusNotFound, "not_found_error", "Not Found")
}

func (x *exchange) validate(specPath string, params map[string]string, body []byte) *response {
	if msg := x.h.val.validate(x.r, specPath, params, body); msg != "" {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", msg)
	}
	return nil
}

// authenticate answers 401 like the API when no credential, or (with
// Config.APIKeys set) an unknown one, is sent.
func (x *exchange) authenticate() *response {
	key := x.r.Header.Get("x-api-key")
	name := "x-api-key"
	if key == "" {
		if auth := x.r.Header.Get("Authorization"); auth != "" {
			name = "authentication token"
			key = strings.TrimSpace(strings.TrimPrefix(auth, "Bearer "))
			if !strings.HasPrefix(auth, "Bearer ") {
				key = ""
			}
		}
	}
	if key == "" {
		return x.apiError(http.StatusUnauthorized, "authentication_error", "x-api-key header is required")
	}
	if len(x.h.cfg.APIKeys) == 0 {
		return nil
	}
	for _, k := range x.h.cfg.APIKeys {
		if k == key {
			return nil
		}
	}
	return x.apiError(http.StatusUnauthorized, "authentication_error", "invalid "+name)
}

// supportedVersions are the anthropic-version values the API accepts.
var supportedVersions = map[string]bool{"2023-06-01": true, "2023-01-01": true}

func (x *exchange) checkVersion() *response {
	v := x.r.Header.Get("anthropic-version")
	if v == "" {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "anthropic-version: header is required")
	}
	if !supportedVersions[v] {
		return x.apiError(http.StatusBadRequest, "invalid_request_error", "anthropic-version: "+strconv.Quote(v)+" is not a valid version")
	}
	return nil
}

// errorBody is the API's error envelope.
type errorBody struct {
	Type  string `json:"type"`
	Error struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	} `json:"error"`
	RequestID string `json:"request_id,omitempty"`
}

// apiError is an error response exactly as the API sends it, with the
// x-should-retry header the API sets.
func (x *exchange) apiError(status int, typ, msg string) *response {
	var b errorBody
	b.Type, b.Error.Type, b.Error.Message, b.RequestID = "error", typ, msg, x.reqID
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("x-should-retry", strconv.FormatBool(retryable(status)))
	return &response{status: status, header: h, body: mustJSON(b)}
}

func retryable(status int) bool {
	return status == 408 || status == 409 || status == 429 || status >= 500
}

// errorTypeFor is the API's error type for a status.
func errorTypeFor(status int) (typ, msg string) {
	switch status {
	case 400:
		return "invalid_request_error", "Invalid request (emulated fault)"
	case 401:
		return "authentication_error", "invalid x-api-key"
	case 402:
		return "billing_error", "Your credit balance is too low to access the Anthropic API (emulated fault)"
	case 403:
		return "permission_error", "Your API key does not have permission to use the specified resource (emulated fault)"
	case 404:
		return "not_found_error", "Not Found"
	case 413:
		return "request_too_large", "Request exceeds the maximum allowed number of bytes."
	case 429:
		return "rate_limit_error", "This request would exceed the rate limit for your organization (emulated fault)"
	case 504:
		return "timeout_error", "Request timed out (emulated fault)"
	case 529:
		return "overloaded_error", "Overloaded"
	}
	if status >= 500 {
		return "api_error", "Internal server error"
	}
	return "invalid_request_error", http.StatusText(status)
}

// rateLimitHeaders sets the anthropic-ratelimit-* headers: the request
// bucket counts this minute's requests; the token buckets report full.
func (h *Handler) rateLimitHeaders(hd http.Header) {
	now := time.Now().UTC()
	h.mu.Lock()
	window := now.Truncate(time.Minute)
	if !window.Equal(h.window) {
		h.window, h.inWindow = window, 0
	}
	h.inWindow++
	used := h.inWindow
	h.mu.Unlock()
	reset := window.Add(time.Minute).Format(time.RFC3339)
	limit := h.cfg.RateLimitRequests
	remaining := max(limit-used, 0)
	set := func(bucket string, limit, remaining int) {
		hd.Set("anthropic-ratelimit-"+bucket+"-limit", strconv.Itoa(limit))
		hd.Set("anthropic-ratelimit-"+bucket+"-remaining", strconv.Itoa(remaining))
		hd.Set("anthropic-ratelimit-"+bucket+"-reset", reset)
	}
	set("requests", limit, remaining)
	set("input-tokens", 2000000, 2000000)
	set("output-tokens", 400000, 400000)
	set("tokens", 2400000, 2400000)
}

const idAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// newID is prefix plus 24 random base-62 characters.
func newID(prefix string) string {
	var raw [24]byte
	_, _ = rand.Read(raw[:])
	b := []byte(prefix)
	for _, c := range raw {
		b = append(b, idAlphabet[int(c)%len(idAlphabet)])
	}
	return string(b)
}

// mustJSON encodes v without HTML escaping, as the API does. v is always
// one of this package's plain structs, so encoding cannot fail.
func mustJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic("emulator: encoding " + err.Error())
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func jsonResponse(v any) *response {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return &response{status: http.StatusOK, header: h, body: mustJSON(v)}
}
