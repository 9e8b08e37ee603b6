package client

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
)

// DefaultMaxLineSize caps one JSON Lines line when no other limit is given:
// 64 MiB, far above the largest batch result line (a full Message).
const DefaultMaxLineSize = 64 << 20

// ErrLineTooLong matches (errors.Is) a JSON Lines line longer than the limit.
var ErrLineTooLong = errors.New("line too long")

// JSONLError is a JSON Lines line that could not be read or decoded. Line
// counts from 1. It unwraps to ErrLineTooLong, the read error, or the JSON
// decoding error together with ErrDecode.
type JSONLError struct {
	Line int
	Err  error

	decode bool
}

// Error formats as "jsonl line N: REASON".
func (e *JSONLError) Error() string { return fmt.Sprintf("jsonl line %d: %v", e.Line, e.Err) }

// Unwrap returns the cause, and ErrDecode when the line was read but is not
// the JSON expected.
func (e *JSONLError) Unwrap() []error {
	if e.decode {
		return []error{e.Err, ErrDecode}
	}
	return []error{e.Err}
}

// ReadJSONL decodes r as JSON Lines into T, one line at a time: memory stays
// bounded by the longest line, whatever the size of r. Blank lines are
// skipped. maxLineSize caps a line (zero or less means DefaultMaxLineSize); a
// longer line, a line that is not valid JSON for T, or a read error ends the
// iteration with a *JSONLError naming the line, yielded once. The iterator
// reads r once; it does not close it.
func ReadJSONL[T any](r io.Reader, maxLineSize int) iter.Seq2[T, error] {
	if maxLineSize <= 0 {
		maxLineSize = DefaultMaxLineSize
	}
	return func(yield func(T, error) bool) {
		var zero T
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 0, min(64<<10, maxLineSize)), maxLineSize)
		line := 0
		for sc.Scan() {
			line++
			b := bytes.TrimSpace(sc.Bytes())
			if len(b) == 0 {
				continue
			}
			var v T
			if err := unmarshalLine(b, &v); err != nil {
				yield(zero, &JSONLError{Line: line, Err: err, decode: true})
				return
			}
			if !yield(v, nil) {
				return
			}
		}
		if err := sc.Err(); err != nil {
			if errors.Is(err, bufio.ErrTooLong) {
				err = fmt.Errorf("%w: over %d bytes", ErrLineTooLong, maxLineSize)
			}
			yield(zero, &JSONLError{Line: line + 1, Err: err})
		}
	}
}

// WriteJSONL encodes each value of seq as one line of w, without HTML
// escaping. It stops at the first error from seq or from w.
func WriteJSONL[T any](w io.Writer, seq iter.Seq2[T, error]) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for v, err := range seq {
		if err != nil {
			return err
		}
		if err := enc.Encode(v); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// unmarshalLine is json.Unmarshal, through the fast decoder for a batch
// results line (decodeBatchResultLine, which agrees with it).
func unmarshalLine[T any](b []byte, v *T) error {
	if r, ok := any(v).(*MessageBatchIndividualResponse); ok {
		return decodeBatchResultLine(b, r)
	}
	return json.Unmarshal(b, v)
}
