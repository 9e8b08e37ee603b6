package apierror

import (
	"strconv"
	"time"
)

// The values of the rate-limit headers, read by hand in the form the API
// sends them (a count of at most 18 digits, a reset time as
// 2006-01-02T15:04:05Z) and by strconv and time for any other form: a reply
// carries twelve of them, and strconv.ParseInt and time.Parse with its
// checks and time.Date cost more than the rest of the rate limiter's work
// per call. FuzzParseCount and FuzzParseReset hold each to the call it
// stands for (ARCHITECTURE.md, rule 10).

// parseCount is strconv.ParseInt(s, 10, 64), ok only for a value >= 0.
func parseCount(s string) (int64, bool) {
	if len(s) == 0 || len(s) > 18 { // 18 digits never overflow an int64
		return slowCount(s)
	}
	var n int64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return slowCount(s) // a sign, or what strconv refuses
		}
		n = n*10 + int64(d)
	}
	return n, true
}

func slowCount(s string) (int64, bool) {
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil && n >= 0
}

// parseReset is time.Parse(time.RFC3339, s), ok when it succeeds.
func parseReset(s string) (time.Time, bool) {
	if t, ok := parseUTCSeconds(s); ok {
		return t, true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

// parseUTCSeconds reads s when it is exactly YYYY-MM-DDTHH:MM:SSZ with
// every field in its range, as time.Parse checks them; ok false for any
// other s (a fraction, an offset, a leap second), which is left to
// time.Parse. The Time is the one time.Parse returns: UTC, no monotonic
// reading.
func parseUTCSeconds(s string) (time.Time, bool) {
	if len(s) != len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
		s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
		return time.Time{}, false
	}
	year := int(digit(s[0]))*1000 + int(digit(s[1]))*100 + twoDigits(s[2], s[3])
	month, day := twoDigits(s[5], s[6]), twoDigits(s[8], s[9])
	hour, minute, sec := twoDigits(s[11], s[12]), twoDigits(s[14], s[15]), twoDigits(s[17], s[18])
	if !(isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && isDigit(s[3]) && isDigit(s[5]) && isDigit(s[6]) &&
		isDigit(s[8]) && isDigit(s[9]) && isDigit(s[11]) && isDigit(s[12]) && isDigit(s[14]) && isDigit(s[15]) &&
		isDigit(s[17]) && isDigit(s[18])) ||
		month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	unix := daysSinceEpoch(year, month, day)*86400 + int64(hour*3600+minute*60+sec)
	return time.Unix(unix, 0).UTC(), true
}

// digit is c's value as a decimal digit; 10 or more when c is not one.
func digit(c byte) byte { return c - '0' }

func isDigit(c byte) bool { return digit(c) <= 9 }

func twoDigits(a, b byte) int { return int(digit(a))*10 + int(digit(b)) }

// daysIn is the number of days of month (1-12) in year.
func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysSinceEpoch is the number of days from 1970-01-01 to the given date
// of the proleptic Gregorian calendar (negative before it), by the
// days-from-civil method (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms"): years start in March, so the leap day ends one.
func daysSinceEpoch(year, month, day int) int64 {
	if month <= 2 {
		year--
	}
	era := year / 400
	if year < 0 && year%400 != 0 {
		era-- // floor division; year is at least -1 here
	}
	yoe := year - era*400                  // [0, 399]
	mp := (month + 9) % 12                 // March = 0
	doy := (153*mp+2)/5 + day - 1          // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return int64(era)*146097 + int64(doe) - 719468
}
