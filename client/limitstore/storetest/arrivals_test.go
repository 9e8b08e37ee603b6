package storetest

import (
	"testing"
	"time"
)

// TestMeasureArrivals: a schedule that keeps to a bucket of 10 a minute (10
// at once, then one every 6 s) has no excess; one call more at the start
// is one over; ten at a minute's end and ten at the next minute's start
// (calendar windows) are 20 in a second, nearly ten over.
func TestMeasureArrivals(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	var keeps []time.Time
	for range 10 {
		keeps = append(keeps, t0)
	}
	for i := 1; i <= 20; i++ {
		keeps = append(keeps, t0.Add(time.Duration(i)*6*time.Second))
	}
	got := MeasureArrivals(keeps, 10, time.Minute)
	if got.Calls != 30 || got.Excess != 0 || got.MaxInWindow != 19 {
		t.Errorf("bucket schedule: %+v, want 30 calls, excess 0, 19 in the busiest minute", got)
	}
	if got := MeasureArrivals(append(keeps, t0), 10, time.Minute); got.Excess != 1 {
		t.Errorf("one more at the start: excess %v, want 1", got.Excess)
	}
	var calendar []time.Time
	for i := range 20 {
		calendar = append(calendar, t0.Add(59*time.Second+time.Duration(i/10)*time.Second))
	}
	got = MeasureArrivals(calendar, 10, time.Minute)
	if want := 10 - 10.0/60; got.MaxInWindow != 20 || got.Excess < want-1e-9 || got.Excess > want+1e-9 {
		t.Errorf("calendar windows: %+v, want 20 in a minute and excess %.3f", got, want)
	}
}
