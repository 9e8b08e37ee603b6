package liveconfig

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/claudego/claude/client"
)

// Duration is a time.Duration written as a string ("30s", "1m30s") in the
// file.
type Duration time.Duration

// UnmarshalJSON reads a duration string.
func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration must be a string such as \"30s\": %s", b)
	}
	return d.parse(s)
}

// UnmarshalYAML reads a duration string.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: duration must be a string such as 30s", n.Line)
	}
	if err := d.parse(n.Value); err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	return nil
}

// MarshalJSON writes the duration string.
func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) parse(s string) error {
	v, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

// File is the file's content. Every section is optional; an absent one
// leaves that feature off (or, for BaseURL, the client's default).
type File struct {
	BaseURL   string           `json:"base_url,omitempty" yaml:"base_url"`
	Timeout   Duration         `json:"timeout,omitempty" yaml:"timeout"`
	Betas     []string         `json:"betas,omitempty" yaml:"betas"`
	Retry     *RetryConfig     `json:"retry,omitempty" yaml:"retry"`
	Breaker   *BreakerConfig   `json:"breaker,omitempty" yaml:"breaker"`
	RateLimit *RateLimitConfig `json:"rate_limit,omitempty" yaml:"rate_limit"`
	Quotas    []QuotaConfig    `json:"quotas,omitempty" yaml:"quotas"`
}

// RetryConfig is extensions/retry's Config, in the file.
type RetryConfig struct {
	MaxRetries int      `json:"max_retries" yaml:"max_retries"`
	BaseDelay  Duration `json:"base_delay,omitempty" yaml:"base_delay"`
	MaxDelay   Duration `json:"max_delay,omitempty" yaml:"max_delay"`
}

// BreakerConfig is extensions/circuitbreaker's Config, in the file.
type BreakerConfig struct {
	FailureThreshold int      `json:"failure_threshold" yaml:"failure_threshold"`
	OpenDuration     Duration `json:"open_duration,omitempty" yaml:"open_duration"`
}

// RateLimitConfig is extensions/ratelimit's Config, in the file.
type RateLimitConfig struct {
	RequestsPerMinute     int `json:"requests_per_minute" yaml:"requests_per_minute"`
	InputTokensPerMinute  int `json:"input_tokens_per_minute" yaml:"input_tokens_per_minute"`
	OutputTokensPerMinute int `json:"output_tokens_per_minute" yaml:"output_tokens_per_minute"`
}

// QuotaConfig is one extensions/quota Limit, in the file.
type QuotaConfig struct {
	// Period is "minute", "day" or "month".
	Period       string  `json:"period" yaml:"period"`
	Model        string  `json:"model,omitempty" yaml:"model"`
	Requests     int64   `json:"requests,omitempty" yaml:"requests"`
	InputTokens  int64   `json:"input_tokens,omitempty" yaml:"input_tokens"`
	OutputTokens int64   `json:"output_tokens,omitempty" yaml:"output_tokens"`
	CostUSD      float64 `json:"cost_usd,omitempty" yaml:"cost_usd"`
}

// Parse reads a configuration in the format its file name says (.json,
// .yaml, .yml), refusing unknown fields, and validates it. Errors name the
// field.
func Parse(name string, data []byte) (File, error) {
	var c File
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return File{}, fmt.Errorf("liveconfig: %s: %w", name, err)
		}
	case ".yaml", ".yml":
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			return File{}, fmt.Errorf("liveconfig: %s: %w", name, err)
		}
	default:
		return File{}, fmt.Errorf("liveconfig: %s: unknown format (want .json, .yaml or .yml)", name)
	}
	if err := c.Validate(); err != nil {
		return File{}, fmt.Errorf("liveconfig: %s: %w", name, err)
	}
	return c, nil
}

// Validate checks every field, naming the first bad one.
func (c File) Validate() error {
	if c.BaseURL != "" {
		if err := client.ValidateBaseURL(c.BaseURL); err != nil {
			return fmt.Errorf("base_url: %w", err)
		}
	}
	if c.Timeout < 0 {
		return fmt.Errorf("timeout: negative %v", time.Duration(c.Timeout))
	}
	for i, b := range c.Betas {
		if strings.TrimSpace(b) == "" || strings.ContainsAny(b, ", \n") {
			return fmt.Errorf("betas[%d]: %q is not a beta name", i, b)
		}
	}
	if r := c.Retry; r != nil {
		if r.MaxRetries < 0 || r.BaseDelay < 0 || r.MaxDelay < 0 {
			return errors.New("retry: negative value")
		}
		if r.MaxDelay > 0 && r.BaseDelay > r.MaxDelay {
			return fmt.Errorf("retry: base_delay %v is over max_delay %v", time.Duration(r.BaseDelay), time.Duration(r.MaxDelay))
		}
	}
	if b := c.Breaker; b != nil && (b.FailureThreshold < 0 || b.OpenDuration < 0) {
		return errors.New("breaker: negative value")
	}
	if r := c.RateLimit; r != nil && (r.RequestsPerMinute < 0 || r.InputTokensPerMinute < 0 || r.OutputTokensPerMinute < 0) {
		return errors.New("rate_limit: negative value")
	}
	for i, q := range c.Quotas {
		if _, err := period(q.Period); err != nil {
			return fmt.Errorf("quotas[%d].period: %w", i, err)
		}
		if q.Requests < 0 || q.InputTokens < 0 || q.OutputTokens < 0 || q.CostUSD < 0 {
			return fmt.Errorf("quotas[%d]: negative value", i)
		}
		if q.Requests == 0 && q.InputTokens == 0 && q.OutputTokens == 0 && q.CostUSD == 0 {
			return fmt.Errorf("quotas[%d]: no limit set", i)
		}
	}
	return nil
}
