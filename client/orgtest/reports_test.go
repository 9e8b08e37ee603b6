package orgtest_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/orgtest"
)

// TestUsageInTheFirstSecondOfABucket: a call served in the first second of
// a minute is in that minute's bucket when the report is asked for in the
// same second. The report's default end was the current second, truncated,
// which left the bucket out: emulator's TestOrganization failed about once
// in sixty runs. synctest's clock starts on a minute boundary, so this
// fails every time on the old code.
func TestUsageInTheFirstSecondOfABucket(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := orgtest.New()
		time.Sleep(300 * time.Millisecond) // into the bucket's first second
		s.RecordUsage(orgtest.Usage{Time: time.Now().UTC(), Model: "claude-haiku-4-5", InputTokens: 7, OutputTokens: 3})
		start := time.Now().UTC().Add(-time.Minute).Format(time.RFC3339)
		req := httptest.NewRequest(http.MethodGet, "/v1/organizations/usage_report/messages?bucket_width=1m&starting_at="+start, nil)
		req.Header.Set("x-api-key", "sk-ant-admin01-test-orgtest")
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		var report client.UsageReport
		if err := json.Unmarshal(rec.Body.Bytes(), &report); err != nil {
			t.Fatal(err)
		}
		var in, out int64
		for _, b := range report.Data {
			for _, r := range b.Results {
				in, out = in+r.UncachedInputTokens, out+r.OutputTokens
			}
		}
		if in != 7 || out != 3 {
			t.Fatalf("report counted %d input and %d output tokens over %d buckets, want 7 and 3", in, out, len(report.Data))
		}
	})
}
