package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	claude "github.com/claudego/claude/client"
	"github.com/claudego/claude/tools/internal/spec"
)

// defaultBaseURL is the public API.
const defaultBaseURL = "https://api.anthropic.com"

// apiVersion is the anthropic-version header every call sends.
const apiVersion = "2023-06-01"

// step is one call of the live tour.
type step struct {
	name, category string
	method, path   string // path as sent
	endpoint       string // path template for the manifest
	body           any    // JSON request body, nil for none
	streaming      bool
	wantStatus     int
	admin          bool // sent with ANTHROPIC_ADMIN_KEY instead of the API key
	// orgOAuth: sent with ANTHROPIC_AUTH_TOKEN as a bearer token, the only
	// credential the service-account and federation endpoints accept (an
	// OAuth token with the org:admin scope); left out without one.
	orgOAuth bool
}

// tour returns the scripted calls: cheap, a few tokens each.
func tour(model string) []step {
	user := []map[string]any{{"role": "user", "content": "Say hi."}}
	return []step{
		{name: "live-count-tokens", category: "count_tokens", method: "POST", path: "/v1/messages/count_tokens", endpoint: "/v1/messages/count_tokens",
			body: map[string]any{"model": model, "messages": user}, wantStatus: 200},
		{name: "live-models-list", category: "models", method: "GET", path: "/v1/models?limit=3", endpoint: "/v1/models", wantStatus: 200},
		{name: "live-models-retrieve", category: "models", method: "GET", path: "/v1/models/" + url.PathEscape(model), endpoint: "/v1/models/{model_id}", wantStatus: 200},
		{name: "live-msg-text", category: "messages", method: "POST", path: "/v1/messages", endpoint: "/v1/messages",
			body: map[string]any{"model": model, "max_tokens": 5, "messages": user}, wantStatus: 200},
		{name: "live-stream-text", category: "messages", method: "POST", path: "/v1/messages", endpoint: "/v1/messages", streaming: true,
			body: map[string]any{"model": model, "max_tokens": 5, "stream": true, "messages": user}, wantStatus: 200},
		{name: "live-msg-tool-use", category: "messages", method: "POST", path: "/v1/messages", endpoint: "/v1/messages",
			body: map[string]any{
				"model": model, "max_tokens": 64,
				"messages": []map[string]any{{"role": "user", "content": "What is the weather in Paris?"}},
				"tools": []map[string]any{{
					"name":        "get_weather",
					"description": "Current weather for a city.",
					"input_schema": map[string]any{
						"type":       "object",
						"properties": map[string]any{"city": map[string]any{"type": "string", "description": "City name."}},
						"required":   []string{"city"},
					},
				}},
				"tool_choice": map[string]any{"type": "tool", "name": "get_weather"},
			}, wantStatus: 200},
		{name: "live-error-404-model-not-found", category: "errors", method: "POST", path: "/v1/messages", endpoint: "/v1/messages",
			body: map[string]any{"model": "claude-no-such-model-contract-check", "max_tokens": 5, "messages": user}, wantStatus: 404},
	}
}

// adminTour returns read-only Admin API calls (lists of one to three
// items, the organization, the last week's usage and cost), run when
// ANTHROPIC_ADMIN_KEY is set; the service-account and federation lists run
// when ANTHROPIC_AUTH_TOKEN holds an OAuth token with the org:admin scope
// too. Nothing is created, changed or deleted.
func adminTour(now time.Time) []step {
	since := url.QueryEscape(now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -7).Format(time.RFC3339))
	get := func(name, path, endpoint string) step {
		return step{name: name, category: "admin", method: "GET", path: path, endpoint: endpoint, wantStatus: 200, admin: true}
	}
	wif := func(name, path, endpoint string) step {
		s := get(name, path, endpoint)
		s.admin, s.orgOAuth = false, true
		return s
	}
	return []step{
		get("live-admin-organization", "/v1/organizations/me", "/v1/organizations/me"),
		get("live-admin-users-list", "/v1/organizations/users?limit=3", "/v1/organizations/users"),
		get("live-admin-invites-list", "/v1/organizations/invites?limit=3", "/v1/organizations/invites"),
		get("live-admin-workspaces-list", "/v1/organizations/workspaces?limit=3", "/v1/organizations/workspaces"),
		get("live-admin-api-keys-list", "/v1/organizations/api_keys?limit=3", "/v1/organizations/api_keys"),
		wif("live-admin-service-accounts-list", "/v1/organizations/service_accounts?limit=3", "/v1/organizations/service_accounts"),
		get("live-admin-external-keys-list", "/v1/organizations/external_keys?limit=3", "/v1/organizations/external_keys"),
		wif("live-admin-federation-issuers-list", "/v1/organizations/federation_issuers?limit=3", "/v1/organizations/federation_issuers"),
		wif("live-admin-federation-rules-list", "/v1/organizations/federation_rules?limit=3", "/v1/organizations/federation_rules"),
		get("live-admin-rate-limits-list", "/v1/organizations/rate_limits?limit=3", "/v1/organizations/rate_limits"),
		get("live-admin-compliance-settings", "/v1/organizations/compliance_settings", "/v1/organizations/compliance_settings"),
		get("live-admin-usage-report", "/v1/organizations/usage_report/messages?limit=2&group_by[]=model&starting_at="+since, "/v1/organizations/usage_report/messages"),
		get("live-admin-cost-report", "/v1/organizations/cost_report?limit=2&group_by[]=workspace_id&starting_at="+since, "/v1/organizations/cost_report"),
	}
}

func runLive(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("contract live", flag.ContinueOnError)
	fset.SetOutput(stderr)
	asJSON := fset.Bool("json", false, "print a JSON report instead of a table")
	specPath := fset.String("spec", spec.DefaultPath(), "OpenAPI document to validate against")
	out := fset.String("out", "", "directory to write the case dirs and MANIFEST.json into (default: a new temporary directory)")
	model := fset.String("model", "claude-haiku-4-5", "model for the tour (the cheapest current one)")
	baseURL := fset.String("base-url", "", "API base URL, for tests: loopback addresses only")
	timeout := fset.Duration("timeout", 60*time.Second, "timeout for each call")
	if err := fset.Parse(args); err != nil {
		return exitUsage
	}
	if fset.NArg() != 0 {
		fmt.Fprint(stderr, "contract live: takes no arguments\n"+usage)
		return exitUsage
	}
	key := os.Getenv("ANTHROPIC_API_KEY")
	if strings.TrimSpace(key) == "" {
		fmt.Fprintln(stderr, "contract live: ANTHROPIC_API_KEY is not set; live checks call the real API and need a key (use `contract replay DIR` offline)")
		return exitMissing
	}
	base := defaultBaseURL
	if *baseURL != "" {
		if err := checkLoopback(*baseURL); err != nil {
			fmt.Fprintf(stderr, "contract live: -base-url: %v\n", err)
			return exitUsage
		}
		base = strings.TrimRight(*baseURL, "/")
	}
	s, err := spec.Load(*specPath)
	if err != nil {
		fmt.Fprintf(stderr, "contract live: %v\n", err)
		return exitUsage
	}
	dir := *out
	if dir == "" {
		if dir, err = os.MkdirTemp("", "contract-live-"); err != nil {
			fmt.Fprintf(stderr, "contract live: %v\n", err)
			return exitUsage
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintf(stderr, "contract live: %v\n", err)
		return exitUsage
	}
	// The library's safe client: TLS 1.2 minimum, and the key never follows
	// a redirect to another scheme, host or port.
	client, err := claude.SafeHTTPClient(nil)
	if err != nil {
		fmt.Fprintf(stderr, "contract live: %v\n", err)
		return exitUsage
	}
	var (
		manifest = spec.Manifest{FormatVersion: 1}
		results  []spec.CaseResult
	)
	steps := tour(*model)
	adminKey := strings.TrimSpace(os.Getenv("ANTHROPIC_ADMIN_KEY"))
	if adminKey != "" {
		steps = append(steps, adminTour(time.Now())...)
	}
	orgToken := strings.TrimSpace(os.Getenv("ANTHROPIC_AUTH_TOKEN"))
	for _, st := range steps {
		k := key
		switch {
		case st.orgOAuth && orgToken == "":
			continue
		case st.orgOAuth:
			k = orgToken
		case st.admin:
			k = adminKey
		}
		c, err := record(client, base, k, *timeout, st, filepath.Join(dir, st.name))
		if err != nil {
			// A transport failure is a failed case, not a crash: the tour goes on.
			results = append(results, spec.CaseResult{Name: st.name, Method: st.method, Endpoint: st.endpoint, Verdict: spec.VerdictInvalid,
				Findings: spec.Findings{{Kind: spec.Invalid, Where: "response", Rule: "transport", Message: err.Error()}}})
			continue
		}
		manifest.Cases = append(manifest.Cases, c)
		r := s.ReplayCase(filepath.Join(dir, c.Name), c)
		if r.Status != st.wantStatus {
			r.Findings = append(r.Findings, spec.Finding{Kind: spec.Invalid, Where: "response", Rule: spec.RuleStatus,
				Message: fmt.Sprintf("tour step expected status %d, got %d", st.wantStatus, r.Status)})
			r.Verdict = spec.VerdictOf(r.Findings)
		}
		results = append(results, r)
	}
	manifest.CaseCount = len(manifest.Cases)
	if err := writeJSON(filepath.Join(dir, "MANIFEST.json"), manifest); err != nil {
		fmt.Fprintf(stderr, "contract live: %v\n", err)
		return exitFailed
	}
	rep := summarize(dir, results)
	if err := rep.write(stdout, *asJSON); err != nil {
		fmt.Fprintf(stderr, "contract live: %v\n", err)
		return exitFailed
	}
	if !*asJSON {
		fmt.Fprintf(stdout, "cases written to %s\n", dir)
	}
	return rep.exitCode()
}

// checkLoopback accepts only http(s) URLs whose host is a loopback address.
func checkLoopback(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("scheme %q: want http or https", u.Scheme)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("host %q is not a loopback address", host)
}

// record performs one call and writes request.json, response.json and the
// body file into caseDir. The API key is sent only as a header and never
// written.
func record(client *http.Client, base, key string, timeout time.Duration, st step, caseDir string) (spec.ManifestCase, error) {
	c := spec.ManifestCase{Name: st.name, Category: st.category, Endpoint: st.endpoint, Method: st.method, Streaming: st.streaming, Kind: "live"}
	if err := os.MkdirAll(caseDir, 0o755); err != nil {
		return c, err
	}
	var reqBody []byte
	if st.body != nil {
		var err error
		if reqBody, err = json.MarshalIndent(st.body, "", "  "); err != nil {
			return c, err
		}
		if err := os.WriteFile(filepath.Join(caseDir, "request.json"), append(reqBody, '\n'), 0o644); err != nil {
			return c, err
		}
		c.Files = append(c.Files, "request.json")
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, st.method, base+st.path, bytes.NewReader(reqBody))
	if err != nil {
		return c, err
	}
	if st.orgOAuth {
		claude.SetCredential(req.Header, claude.Secret{}, claude.NewSecret(key))
	} else {
		claude.SetCredential(req.Header, claude.NewSecret(key), claude.Secret{})
	}
	req.Header.Set("anthropic-version", apiVersion)
	req.Header.Set("User-Agent", "claude-go-contract")
	if st.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := client.Do(req)
	if err != nil {
		return c, redact(err, key)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return c, redact(err, key)
	}
	c.Status = resp.StatusCode
	bodyFile := "body.json"
	media, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch media {
	case "text/event-stream":
		bodyFile = "body.sse"
	case "application/x-jsonl":
		bodyFile = "body.jsonl"
	}
	if err := os.WriteFile(filepath.Join(caseDir, bodyFile), body, 0o644); err != nil {
		return c, err
	}
	rr := spec.RecordedResponse{Status: resp.StatusCode, Headers: keptHeaders(resp.Header), BodyFile: bodyFile}
	if err := writeJSON(filepath.Join(caseDir, "response.json"), rr); err != nil {
		return c, err
	}
	c.Files = append(c.Files, "response.json", bodyFile)
	return c, nil
}

// keptHeaders keeps the headers testdata/recorded keeps, with lower-case names.
func keptHeaders(h http.Header) map[string]string {
	out := map[string]string{}
	for name, vals := range h {
		n := strings.ToLower(name)
		switch {
		case n == "request-id", n == "content-type", n == "retry-after", n == "x-should-retry",
			strings.HasPrefix(n, "anthropic-ratelimit-"):
			out[n] = strings.Join(vals, ", ")
		}
	}
	return out
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

// redact removes the key from an error message, in case a transport error
// ever echoes a header.
func redact(err error, key string) error {
	if key == "" || !strings.Contains(err.Error(), key) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), key, "[REDACTED]"))
}
