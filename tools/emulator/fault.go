package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// Fault is what goes wrong with one response. The zero value is no fault.
// In a header (x-emulator-fault) or a rule file it is written as
// semicolon-separated items, for example "status=529;retry-after=1" or
// "after=4;reset=mid"; see ParseFault.
type Fault struct {
	// Status answers with this HTTP status and the API's error body for it
	// (status=N). ErrorType and Message override the body's type and message
	// (type=..., message=...); RetryAfter is sent as the retry-after header
	// (retry-after=SECONDS).
	Status     int
	ErrorType  string
	Message    string
	RetryAfter string
	// Delay waits before sending the response headers (delay=DURATION).
	Delay time.Duration
	// Reset closes the connection abruptly (a TCP reset where possible):
	// "before" sends nothing at all; "mid" sends the headers and part of the
	// body (the first After events of a stream, After bytes of a JSON body).
	Reset string
	// ErrorEvent ends a stream after After events with `event: error` carrying
	// ErrorType (default overloaded_error) and Message (default "Overloaded")
	// (error-event). Ignored for non-streamed responses.
	ErrorEvent bool
	// Truncate ends the body cleanly but early: after After events (no
	// message_stop) or After bytes of JSON (truncate).
	Truncate bool
	// Malformed corrupts the JSON: a stream gets an event whose data is not
	// valid JSON after After events; a JSON body gets cut and garbage
	// appended (malformed).
	Malformed bool
	// Stall stops sending for this long (stall=DURATION): after After
	// events of a stream, or after the headers of a JSON response. The body
	// then continues; the stall ends early when the client goes away or the
	// emulator closes.
	Stall time.Duration
	// After is where a mid-body fault happens: events for a stream (default
	// 3: message_start, content_block_start, ping), bytes for JSON (default
	// half the body) (after=N).
	After int
	// Pace overrides Config.EventDelay for this stream (pace=DURATION).
	Pace time.Duration
}

// IsZero reports whether f injects nothing.
func (f Fault) IsZero() bool { return f == Fault{} }

// ParseFault reads the x-emulator-fault syntax: items separated by ";",
// each "key=value" or a bare flag. Keys: status, type, message, retry-after,
// delay, reset (before|mid), error-event, truncate, malformed, stall, after,
// pace. Durations use Go syntax ("250ms", "2s"). Example:
// "status=529;retry-after=1", "after=5;error-event", "delay=2s",
// "reset=before", "stall=10s".
func ParseFault(s string) (Fault, error) {
	var f Fault
	for _, item := range strings.Split(s, ";") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		key, val, hasVal := strings.Cut(item, "=")
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		var err error
		switch key {
		case "status":
			f.Status, err = strconv.Atoi(val)
		case "type":
			f.ErrorType = val
		case "message":
			f.Message = val
		case "retry-after":
			f.RetryAfter = val
		case "delay":
			f.Delay, err = time.ParseDuration(val)
		case "reset":
			f.Reset = val
			if !hasVal {
				f.Reset = "before"
			}
		case "error-event":
			f.ErrorEvent = true
			if hasVal && val != "" {
				f.ErrorType = val
			}
		case "truncate":
			f.Truncate = true
		case "malformed":
			f.Malformed = true
		case "stall":
			f.Stall, err = time.ParseDuration(val)
		case "after":
			f.After, err = strconv.Atoi(val)
		case "pace":
			f.Pace, err = time.ParseDuration(val)
		default:
			return Fault{}, fmt.Errorf("unknown fault %q", key)
		}
		if err != nil {
			return Fault{}, fmt.Errorf("fault %q: bad value %q", key, val)
		}
	}
	return f, f.check()
}

func (f Fault) check() error {
	switch {
	case f.Status != 0 && (f.Status < 100 || f.Status > 599):
		return fmt.Errorf("status %d out of range", f.Status)
	case f.Reset != "" && f.Reset != "before" && f.Reset != "mid":
		return fmt.Errorf("reset must be before or mid, got %q", f.Reset)
	case f.Delay < 0 || f.Stall < 0 || f.Pace < 0 || f.After < 0:
		return errors.New("durations and after must not be negative")
	}
	return nil
}

// String writes f in the ParseFault syntax.
func (f Fault) String() string {
	var items []string
	add := func(k, v string) {
		if v == "" {
			items = append(items, k)
		} else {
			items = append(items, k+"="+v)
		}
	}
	if f.Status != 0 {
		add("status", strconv.Itoa(f.Status))
	}
	if f.ErrorType != "" && !f.ErrorEvent {
		add("type", f.ErrorType)
	}
	if f.Message != "" {
		add("message", f.Message)
	}
	if f.RetryAfter != "" {
		add("retry-after", f.RetryAfter)
	}
	if f.Delay != 0 {
		add("delay", f.Delay.String())
	}
	if f.After != 0 {
		add("after", strconv.Itoa(f.After))
	}
	if f.Reset != "" {
		add("reset", f.Reset)
	}
	if f.ErrorEvent {
		add("error-event", f.ErrorType)
	}
	if f.Truncate {
		add("truncate", "")
	}
	if f.Malformed {
		add("malformed", "")
	}
	if f.Stall != 0 {
		add("stall", f.Stall.String())
	}
	if f.Pace != 0 {
		add("pace", f.Pace.String())
	}
	return strings.Join(items, ";")
}

// MarshalJSON writes the ParseFault syntax as a JSON string.
func (f Fault) MarshalJSON() ([]byte, error) { return json.Marshal(f.String()) }

// UnmarshalJSON reads a JSON string in the ParseFault syntax.
func (f *Fault) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return errors.New("fault must be a string such as \"status=529;retry-after=1\"")
	}
	v, err := ParseFault(s)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// FaultRule injects Fault into matching requests.
type FaultRule struct {
	// Path matches the request path exactly, or as a prefix when it ends in
	// "*"; empty matches every path.
	Path string `json:"path,omitempty"`
	// Method matches the HTTP method; empty matches any.
	Method string `json:"method,omitempty"`
	Fault  Fault  `json:"fault"`
	// Skip lets the first Skip matching requests through untouched.
	Skip int `json:"skip,omitempty"`
	// Count limits the rule to that many faulted requests; zero means no limit.
	Count int `json:"count,omitempty"`
	// Probability is the chance that a matching request is faulted; zero (or
	// one) means every time. Draws come from Config.Seed, so runs repeat.
	Probability float64 `json:"probability,omitempty"`
}

func (r FaultRule) matches(req *http.Request) bool {
	if r.Method != "" && !strings.EqualFold(r.Method, req.Method) {
		return false
	}
	switch {
	case r.Path == "":
		return true
	case strings.HasSuffix(r.Path, "*"):
		return strings.HasPrefix(req.URL.Path, strings.TrimSuffix(r.Path, "*"))
	}
	return req.URL.Path == r.Path
}

// LoadFaults reads fault rules from a JSON file: either an array of rules or
// {"faults": [...]}. Each rule looks like
// {"path": "/v1/messages", "fault": "status=529;retry-after=1", "count": 2}.
func LoadFaults(path string) ([]FaultRule, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("emulator: reading faults: %w", err)
	}
	var rules []FaultRule
	if err := json.Unmarshal(data, &rules); err != nil {
		var wrapped struct {
			Faults []FaultRule `json:"faults"`
		}
		if err2 := json.Unmarshal(data, &wrapped); err2 != nil {
			return nil, fmt.Errorf("emulator: faults file %s: %w", path, err)
		}
		rules = wrapped.Faults
	}
	return rules, nil
}

// faultFor returns the request's fault: its x-emulator-fault header, else
// the first rule that matches and fires.
func (h *Handler) faultFor(r *http.Request) (Fault, error) {
	if v := r.Header.Get(HeaderFault); v != "" {
		return ParseFault(v)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, rule := range h.cfg.Faults {
		if !rule.matches(r) {
			continue
		}
		h.ruleSeen[i]++
		if h.ruleSeen[i] <= rule.Skip || rule.Count > 0 && h.ruleFired[i] >= rule.Count {
			continue
		}
		if p := rule.Probability; p > 0 && p < 1 && h.rng.Float64() >= p {
			continue
		}
		h.ruleFired[i]++
		return rule.Fault, nil
	}
	return Fault{}, nil
}
