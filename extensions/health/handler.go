package health

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/claudego/claude/client"
)

// HandlerConfig is the former name of Config.
//
// Deprecated: use Config.
type HandlerConfig = Config

// Config configures Handler. Set Endpoints (checked on each probe) or
// Monitor (its last report is served, no I/O per probe), and optionally the
// circuit breakers to report.
type Config struct {
	// Checker runs the checks. Default the zero Checker.
	Checker *Checker
	// Check is the check to run. Default Ping.
	Check Check
	// Endpoints are the base URLs checked on each probe.
	Endpoints []string
	// Monitor, when set, supplies the report instead of checking per probe.
	Monitor *Monitor
	// Breakers are reported by name, state and last error; an open circuit
	// makes the probe fail. A *circuitbreaker.Breaker is one.
	Breakers []Breaker
	// Timeout bounds the checks of one probe. Default 5 s.
	Timeout time.Duration
}

// Breaker is what Handler reads of a circuit breaker;
// *circuitbreaker.Breaker implements it. Declaring it here, in client's
// vocabulary, keeps this extension from importing that one
// (ARCHITECTURE.md, Layers).
type Breaker interface {
	Name() string
	State() client.CircuitState
	OpenUntil() time.Time
	LastError() (at time.Time, err error)
}

// CircuitReport is one breaker in a readiness response.
type CircuitReport struct {
	Name      string    `json:"name"`
	State     string    `json:"state"`
	OpenUntil time.Time `json:"open_until,omitzero"`
	LastError string    `json:"last_error,omitempty"`
}

// Readiness is the JSON body Handler writes.
type Readiness struct {
	Ready     bool            `json:"ready"`
	Report    Report          `json:"report"`
	Circuits  []CircuitReport `json:"circuits,omitempty"`
	LastError string          `json:"last_error,omitempty"`
}

// Handler returns an http.Handler for readiness probes: 200 with a
// Readiness body when the endpoints are not all unhealthy and no circuit is
// open, else 503. It reports each circuit's state and the last error seen.
func Handler(cfg Config) http.Handler {
	if cfg.Checker == nil {
		cfg.Checker = &Checker{}
	}
	if cfg.Check == nil {
		cfg.Check = Ping
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Second
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var rd Readiness
		if cfg.Monitor != nil {
			rd.Report, _ = cfg.Monitor.Last()
		} else if len(cfg.Endpoints) > 0 {
			ctx, cancel := context.WithTimeout(r.Context(), cfg.Timeout)
			rd.Report = cfg.Checker.CheckAll(ctx, cfg.Check, cfg.Endpoints...)
			cancel()
		} else {
			rd.Report.Status = Healthy
		}
		rd.Ready = rd.Report.Status != Unhealthy
		// LastError is the most recent error of any check or breaker.
		var lastAt time.Time
		latest := func(at time.Time, msg string) {
			if rd.LastError == "" || !at.Before(lastAt) {
				lastAt, rd.LastError = at, msg
			}
		}
		for _, x := range rd.Report.Results {
			if x.Error != "" {
				latest(x.At, x.Error)
			}
		}
		for _, b := range cfg.Breakers {
			st := b.State()
			cr := CircuitReport{Name: b.Name(), State: st.String(), OpenUntil: b.OpenUntil()}
			if at, err := b.LastError(); err != nil {
				cr.LastError = err.Error()
				latest(at, cr.LastError)
			}
			if st == client.CircuitOpen {
				rd.Ready = false
			}
			rd.Circuits = append(rd.Circuits, cr)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		if !rd.Ready {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(&rd)
	})
}
