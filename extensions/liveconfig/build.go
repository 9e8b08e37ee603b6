package liveconfig

import (
	"fmt"
	"reflect"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/circuitbreaker"
	"github.com/claudego/claude/extensions/quota"
	"github.com/claudego/claude/extensions/ratelimit"
	"github.com/claudego/claude/extensions/retry"
)

func period(s string) (quota.Period, error) {
	switch s {
	case "minute":
		return quota.Minute, nil
	case "day":
		return quota.Day, nil
	case "month":
		return quota.Month, nil
	}
	return 0, fmt.Errorf("%q: want minute, day or month", s)
}

// parts are the stateful layers of one configuration, kept across reloads
// whose section is unchanged.
type parts struct {
	breakerCfg *BreakerConfig
	breaker    *circuitbreaker.Breaker
	limitCfg   *RateLimitConfig
	limiter    *ratelimit.Limiter
	quotaCfg   []QuotaConfig
	quota      *quota.Quota
}

// build makes the client options of c, reusing prev's stateful layers where
// their section did not change.
func (w *Watcher) build(c File, prev *parts) ([]client.Option, *parts, error) {
	var opts []client.Option
	p := &parts{}
	if c.BaseURL != "" {
		opts = append(opts, client.WithBaseURL(c.BaseURL))
	}
	if c.Timeout > 0 {
		opts = append(opts, client.WithTimeout(time.Duration(c.Timeout)))
	}
	if len(c.Betas) > 0 {
		opts = append(opts, client.WithBeta(c.Betas...))
	}
	if r := c.Retry; r != nil {
		max := r.MaxRetries
		if max == 0 {
			max = retry.NoRetries // the file's 0 means no retries, not retry's default
		}
		opts = append(opts, retry.New(retry.Config{MaxRetries: max, BaseDelay: time.Duration(r.BaseDelay), MaxDelay: time.Duration(r.MaxDelay)}))
	}
	if b := c.Breaker; b != nil {
		p.breakerCfg = b
		if prev != nil && reflect.DeepEqual(prev.breakerCfg, b) {
			p.breaker = prev.breaker
		} else {
			p.breaker = circuitbreaker.NewBreaker(circuitbreaker.Config{FailureThreshold: b.FailureThreshold, OpenDuration: time.Duration(b.OpenDuration)})
		}
		opts = append(opts, p.breaker.Option())
	}
	if r := c.RateLimit; r != nil {
		p.limitCfg = r
		if prev != nil && reflect.DeepEqual(prev.limitCfg, r) {
			p.limiter = prev.limiter
		} else {
			p.limiter = ratelimit.NewLimiter(ratelimit.Config{RequestsPerMinute: r.RequestsPerMinute, InputTokensPerMinute: r.InputTokensPerMinute, OutputTokensPerMinute: r.OutputTokensPerMinute})
		}
		opts = append(opts, p.limiter.Option())
	}
	if len(c.Quotas) > 0 {
		p.quotaCfg = c.Quotas
		if prev != nil && reflect.DeepEqual(prev.quotaCfg, c.Quotas) {
			p.quota = prev.quota
		} else {
			limits := make([]quota.Limit, len(c.Quotas))
			for i, q := range c.Quotas {
				per, _ := period(q.Period) // validated
				limits[i] = quota.Limit{Period: per, Model: q.Model, Requests: q.Requests, InputTokens: q.InputTokens, OutputTokens: q.OutputTokens, CostUSD: q.CostUSD}
			}
			// The store outlives the Quota: a changed limit keeps the
			// window's counts.
			q, err := quota.NewQuota(quota.Config{Limits: limits, Store: w.o.QuotaStore, Namespace: w.o.QuotaNamespace})
			if err != nil {
				return nil, nil, fmt.Errorf("quotas: %w", err)
			}
			p.quota = q
		}
		opts = append(opts, p.quota.Option())
	}
	return opts, p, nil
}
