package health

import (
	"context"
	"sync"
	"time"
)

// Monitor checks endpoints periodically. Nothing runs until the caller
// calls Run (usually in its own goroutine); Run returns when its context
// ends, so the monitor never outlives it.
type Monitor struct {
	// Checker runs the checks. Default the zero Checker.
	Checker *Checker
	// Check is the check to run. Default Ping.
	Check Check
	// Endpoints are the base URLs to check.
	Endpoints []string
	// Interval between rounds. Default 30 s.
	Interval time.Duration
	// OnReport, when set, is called after every round.
	OnReport func(Report)

	mu   sync.Mutex
	last Report
	at   time.Time
}

// Run checks every Interval until ctx ends, then returns ctx's error. The
// first round runs at once.
func (m *Monitor) Run(ctx context.Context) error {
	c, check, every := m.Checker, m.Check, m.Interval
	if c == nil {
		c = &Checker{}
	}
	if check == nil {
		check = Ping
	}
	if every <= 0 {
		every = 30 * time.Second
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		r := c.CheckAll(ctx, check, m.Endpoints...)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		m.mu.Lock()
		m.last, m.at = r, time.Now()
		m.mu.Unlock()
		if m.OnReport != nil {
			m.OnReport(r)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
}

// Last returns the last report and when it was made (zero before the first
// round).
func (m *Monitor) Last() (Report, time.Time) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.last, m.at
}
