package emulator

import (
	"net/http"
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

// org serves an organization, Skills or User Profiles request. The reply
// is buffered into a response so faults, pacing and the rate-limit headers
// apply to it as to every other route; multipart uploads are read by the
// organization as they arrive.
func (x *exchange) org() *response {
	rec := httptest.NewRecorder()
	x.h.org.Handler().ServeHTTP(rec, x.r)
	h := rec.Header().Clone()
	h.Del("request-id") // the exchange sets its own
	return &response{status: rec.Code, header: h, body: rec.Body.Bytes()}
}

// recordUsage counts one served message in the usage and cost reports.
func (x *exchange) recordUsage(out outcome) {
	x.h.org.RecordUsage(orgtest.Usage{Time: time.Now().UTC(), Model: out.model, InputTokens: out.inputTokens, OutputTokens: out.outputTokens})
}

var _ http.Handler = (*Handler)(nil)
