package apierror

import (
	"sync"
	"time"
)

// A reply's rate-limit values mostly repeat the last reply's: the limits
// stay put for weeks and a reset second is shared by every reply within
// it; only the remaining counts move. Reading each of twelve values anew
// cost a limiter more than its own bookkeeping, so ParseRateLimit keeps
// what it read for each header (a valueMemo) and compares a value with it
// before reading. The memo is a cache of a pure function (a value reads
// the same whenever it is read), so which memo a call gets, or whether it
// is fresh, changes nothing but the cost; memos come from a sync.Pool, one
// per P in the steady state, so concurrent calls neither share nor wait.
// FuzzParseRateLimit runs every input through the same pool.

// valueMemo is, for each bucket (requests, tokens, input, output tokens),
// the values last read and what they read as.
type valueMemo [4]bucketMemo

type bucketMemo struct {
	limit, remaining countMemo
	reset            resetMemo
}

// memos hold the valueMemos between calls.
var memos = sync.Pool{New: func() any { return new(valueMemo) }}

// countMemo is a count value and what parseCount read of it. Callers
// compare the value they hold with s and call read when it differs, so the
// memo's answer costs a comparison and no call.
type countMemo struct {
	s  string
	n  int64
	ok bool
}

func (c *countMemo) read(s string) {
	c.n, c.ok = parseCount(s)
	c.s = s
}

// resetMemo is a reset value and what parseReset read of it, used as
// countMemo is.
type resetMemo struct {
	s  string
	t  time.Time
	ok bool
}

// read reads s from last: the reset of the bucket read before in the same
// reply, which the token buckets share.
func (r *resetMemo) read(s string, last *lastReset) {
	r.t, r.ok = last.parse(s)
	r.s = s
}

// lastReset is the last reset value one ParseRateLimit read, and what it
// read: the API's buckets mostly share their reset second (the three token
// buckets, in the recorded replies), so one reply's are read once.
type lastReset struct {
	s  string
	t  time.Time
	ok bool
}

func (l *lastReset) parse(s string) (time.Time, bool) {
	if s != l.s || l.s == "" {
		l.t, l.ok = parseReset(s)
		l.s = s
	}
	return l.t, l.ok
}
