package health

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/internal/rtutil"
)

// Status is the verdict of a check: client.Health, the vocabulary the
// failover router grades endpoints with too.
type Status = client.Health

// The verdicts, from best to worst; Unknown means not checked yet.
const (
	Unknown   = client.HealthUnknown
	Healthy   = client.Healthy
	Degraded  = client.Degraded
	Unhealthy = client.Unhealthy
)

// Result is one check of one endpoint.
type Result struct {
	Endpoint   string        `json:"endpoint"`
	Check      string        `json:"check"`
	Status     Status        `json:"status"`
	StatusCode int           `json:"status_code,omitempty"`
	Latency    time.Duration `json:"latency_ns"`
	Err        error         `json:"-"`
	Error      string        `json:"error,omitempty"`
	At         time.Time     `json:"at"`
}

// Check is one kind of check; Ping and LightweightAPI are the two provided.
type Check func(ctx context.Context, c *Checker, baseURL string) Result

// Checker runs checks. The zero value works: the client's default transport
// (TLS 1.2 minimum), no credential (Ping needs none), degraded above 2 s,
// unhealthy above 10 s or on any failure. Checks are stateless; a Checker
// may be shared.
//
// Checks follow the client's rules: a base URL must pass
// client.ValidateBaseURL (https, or http on loopback only; no userinfo) or
// the check fails without sending anything; the HTTPClient is refused when
// client.WithHTTPClient would refuse it; a credential never follows a
// redirect to another origin (client.CheckRedirect); and Result.Endpoint
// never shows userinfo.
type Checker struct {
	// HTTPClient sends the checks, under client.SafeHTTPClient's rules.
	// Default a client over the client's default transport with a 30 s
	// timeout.
	HTTPClient *http.Client
	// APIKey (x-api-key) or AuthToken (Bearer) authenticate LightweightAPI.
	APIKey    client.Secret
	AuthToken client.Secret
	// Degraded is the latency above which a successful check is Degraded.
	// Default 2 s.
	Degraded time.Duration
	// Unhealthy is the latency above which a check is Unhealthy. Default 10 s.
	Unhealthy time.Duration
}

// defaultHTTPClient is shared by every Checker without an HTTPClient, so
// their connections are reused.
var defaultHTTPClient = func() *http.Client {
	hc, _ := client.SafeHTTPClient(nil) // nil never fails
	hc.Timeout = 30 * time.Second
	return hc
}()

// httpClient returns the client checks are sent with.
func (c *Checker) httpClient() (*http.Client, error) {
	if c.HTTPClient == nil {
		return defaultHTTPClient, nil
	}
	return client.SafeHTTPClient(c.HTTPClient)
}

// Ping sends HEAD to the base URL. Any HTTP answer below 500 is a live
// service (the root may well answer 404); 5xx, a connection error or a
// timeout is Unhealthy.
func Ping(ctx context.Context, c *Checker, baseURL string) Result {
	return c.run(ctx, "ping", http.MethodHead, baseURL, "", false, func(code int) bool { return code < 500 })
}

// LightweightAPI sends GET /v1/models?limit=1 with the Checker's credential,
// the cheapest authenticated call; only a 2xx is a live API.
func LightweightAPI(ctx context.Context, c *Checker, baseURL string) Result {
	return c.run(ctx, "lightweight_api", http.MethodGet, baseURL, "/v1/models?limit=1", true, func(code int) bool { return code >= 200 && code < 300 })
}

func (c *Checker) run(ctx context.Context, name, method, baseURL, path string, auth bool, ok func(int) bool) Result {
	u := strings.TrimRight(baseURL, "/")
	res := Result{Endpoint: client.RedactedURL(u + path), Check: name, At: time.Now()}
	if err := client.ValidateBaseURL(u); err != nil {
		return res.fail(err)
	}
	hc, err := c.httpClient()
	if err != nil {
		return res.fail(err)
	}
	req, err := http.NewRequestWithContext(ctx, method, u+path, nil)
	if err != nil {
		return res.fail(err)
	}
	req.Header.Set("anthropic-version", client.APIVersion)
	req.Header.Set("User-Agent", "claude-go-health/"+client.Version)
	if auth {
		client.SetCredential(req.Header, c.APIKey, c.AuthToken)
	}
	start := time.Now()
	resp, err := hc.Do(req)
	res.Latency = time.Since(start)
	if err != nil {
		return res.fail(err)
	}
	rtutil.DrainClose(resp.Body)
	res.StatusCode = resp.StatusCode
	if !ok(resp.StatusCode) {
		return res.fail(fmt.Errorf("status %d %s", resp.StatusCode, http.StatusText(resp.StatusCode)))
	}
	res.Status = c.grade(res.Latency)
	return res
}

func (r Result) fail(err error) Result {
	r.Status, r.Err, r.Error = Unhealthy, err, err.Error()
	return r
}

func (c *Checker) grade(d time.Duration) Status {
	deg, unh := c.Degraded, c.Unhealthy
	if deg <= 0 {
		deg = 2 * time.Second
	}
	if unh <= 0 {
		unh = 10 * time.Second
	}
	switch {
	case d > unh:
		return Unhealthy
	case d > deg:
		return Degraded
	}
	return Healthy
}

// Report aggregates the results of checking many endpoints.
type Report struct {
	// Status is the overall verdict: Healthy when every endpoint is,
	// Unhealthy when none is usable, Degraded in between.
	Status  Status   `json:"status"`
	Results []Result `json:"results"`
	// Percentages of the endpoints in each state, 0-100.
	HealthyPct   float64 `json:"healthy_pct"`
	DegradedPct  float64 `json:"degraded_pct"`
	UnhealthyPct float64 `json:"unhealthy_pct"`
}

// CheckAll runs check against every base URL concurrently and aggregates
// the results (in the order given). It returns when all checks are done or
// ctx ends (the checks stop with it).
func (c *Checker) CheckAll(ctx context.Context, check Check, baseURLs ...string) Report {
	res := make([]Result, len(baseURLs))
	var wg sync.WaitGroup
	for i, u := range baseURLs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i] = check(ctx, c, u)
		}()
	}
	wg.Wait()
	return Aggregate(res)
}

// Aggregate computes a Report from results.
func Aggregate(res []Result) Report {
	r := Report{Results: res}
	if len(res) == 0 {
		return r
	}
	var h, d, u int
	for _, x := range res {
		switch x.Status {
		case Healthy:
			h++
		case Degraded:
			d++
		default:
			u++
		}
	}
	n := float64(len(res))
	r.HealthyPct, r.DegradedPct, r.UnhealthyPct = 100*float64(h)/n, 100*float64(d)/n, 100*float64(u)/n
	switch {
	case h == len(res):
		r.Status = Healthy
	case u == len(res):
		r.Status = Unhealthy
	default:
		r.Status = Degraded
	}
	return r
}
