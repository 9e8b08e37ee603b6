package emulator

import (
	"bytes"
	"io"
	"net/http/httptest"
	"time"

	"github.com/claudego/claude/client/orgtest"
)

// newOrg is the emulator's organization: client/orgtest, the same in-memory
// Admin API, Skills and User Profiles the client's tests and examples use,
// so the two cannot drift.
func newOrg(cfg Config) *orgtest.Server {
	org := orgtest.New()
	org.AdminKey = cfg.AdminKey
	return org
}

// org serves an organization, Skills or User Profiles request whose body
// the exchange has read (within Config.MaxRequestBytes, holding a slot). The
// reply is buffered into a response so faults, pacing and the rate-limit
// headers apply to it as to every other route.
func (x *exchange) org(body []byte) *response {
	r := x.r.Clone(x.r.Context())
	r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
	rec := httptest.NewRecorder()
	x.h.org.Handler().ServeHTTP(rec, r)
	h := rec.Header().Clone()
	h.Del("request-id") // the exchange sets its own
	return &response{status: rec.Code, header: h, body: rec.Body.Bytes()}
}

// recordUsage counts one served message in the usage and cost reports.
func (x *exchange) recordUsage(out outcome) {
	x.h.org.RecordUsage(orgtest.Usage{Time: time.Now().UTC(), Model: out.model, InputTokens: out.inputTokens, OutputTokens: out.outputTokens})
}
