package apierror

import (
	"strconv"
	"testing"
	"time"
)

// FuzzParseCount: the hand-read count is strconv.ParseInt's, accepted
// exactly when ParseInt accepts a value >= 0.
func FuzzParseCount(f *testing.F) {
	for _, s := range []string{"", "0", "4000", "-0", "+5", "-1", "007", "1_000", "1e3", " 1", "1 ",
		"999999999999999999", "9223372036854775807", "9223372036854775808", "99999999999999999999", "١٢", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := strconv.ParseInt(s, 10, 64)
		wantOK := err == nil && n >= 0
		got, ok := parseCount(s)
		if ok != wantOK || (ok && got != n) {
			t.Fatalf("parseCount(%q) = %d, %v; strconv: %d, %v", s, got, ok, n, err)
		}
	})
}

// FuzzParseReset: the hand-read reset time is time.Parse's (the same Time,
// location and all, compared with ==), accepted exactly when it accepts.
// What the hand reader leaves to time.Parse is time.Parse's result, but
// for a zone offset a new *Location each time: those compare by instant
// and zone.
func FuzzParseReset(f *testing.F) {
	for _, s := range []string{"2026-08-19T14:34:12Z", "2026-11-30T18:00:07Z", "1970-01-01T00:00:00Z",
		"0000-01-01T00:00:00Z", "0000-02-29T00:00:00Z", "0000-03-01T00:00:00Z", "9999-12-31T23:59:59Z",
		"2000-02-29T12:00:00Z", "1900-02-29T12:00:00Z", "2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z",
		"2026-04-31T00:00:00Z", "2026-12-31T23:59:60Z", "2026-01-01T24:00:00Z", "2026-01-01T00:60:00Z",
		"2026-00-10T00:00:00Z", "2026-13-10T00:00:00Z", "2026-01-00T00:00:00Z", "2026-01-01t00:00:00Z",
		"2026-01-01T00:00:00z", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00.5Z", "2026-01-01 00:00:00Z",
		"2026-1-01T00:00:00Z", "+026-01-01T00:00:00Z", "2026-01-01T00:00:0:Z", "1969-12-31T23:59:59Z", "",
		"0000-01-01T0:00:00+00:01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := time.Parse(time.RFC3339, s)
		got, ok := parseReset(s)
		gotZone, gotOff := got.Zone()
		wantZone, wantOff := want.Zone()
		if ok != (err == nil) || !got.Equal(want) || gotZone != wantZone || gotOff != wantOff {
			t.Fatalf("parseReset(%q) = %v, %v; time.Parse: %v, %v", s, got, ok, want, err)
		}
		if fast, ok := parseUTCSeconds(s); ok && fast != want {
			t.Fatalf("parseUTCSeconds(%q) = %#v, time.Parse %#v", s, fast, want)
		}
	})
}

// TestHandReadsTheAPIForm: the values the API sends take the hand-read
// path (a fallback to strconv or time.Parse would pass the fuzz tests
// too, at their cost).
func TestHandReadsTheAPIForm(t *testing.T) {
	t.Parallel()
	if got, ok := parseUTCSeconds("2026-08-19T14:34:12Z"); !ok || got != time.Date(2026, 8, 19, 14, 34, 12, 0, time.UTC) {
		t.Errorf("parseUTCSeconds = %v, %v", got, ok)
	}
	for _, s := range []string{"2026-08-19T14:34:12.5Z", "2026-08-19T14:34:12+01:00"} {
		if _, ok := parseUTCSeconds(s); ok {
			t.Errorf("parseUTCSeconds(%q) read a form it leaves to time.Parse", s)
		}
	}
}
