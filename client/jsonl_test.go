package client_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/claudego/claude/client"
)

type jsonlRow struct {
	N int    `json:"n"`
	S string `json:"s,omitempty"`
}

func TestJSONLReadsLineByLine(t *testing.T) {
	t.Parallel()
	in := "{\"n\":1}\n\n  \r\n{\"n\":2}\r\n{\"n\":3}" // blank lines, CRLF, no final newline
	var got []int
	for v, err := range client.ReadJSONL[jsonlRow](strings.NewReader(in), 0) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v.N)
	}
	if fmt.Sprint(got) != "[1 2 3]" {
		t.Fatalf("got %v", got)
	}
}

func TestJSONLLineTooLongNamesLine(t *testing.T) {
	t.Parallel()
	in := "{\"n\":1}\n{\"n\":2}\n{\"n\":3,\"s\":\"" + strings.Repeat("x", 200) + "\"}\n{\"n\":4}\n"
	var got []int
	var err error
	for v, e := range client.ReadJSONL[jsonlRow](strings.NewReader(in), 100) {
		if e != nil {
			err = e
			break
		}
		got = append(got, v.N)
	}
	var je *client.JSONLError
	if !errors.Is(err, client.ErrLineTooLong) || !errors.As(err, &je) || je.Line != 3 {
		t.Fatalf("err = %v, want ErrLineTooLong on line 3", err)
	}
	if !strings.Contains(err.Error(), "line 3") || len(got) != 2 {
		t.Fatalf("err %q, rows %v", err, got)
	}
}

func TestJSONLBadLineNamesLine(t *testing.T) {
	t.Parallel()
	in := "{\"n\":1}\n{\"n\":\"two\"}\n"
	var err error
	for _, e := range client.ReadJSONL[jsonlRow](strings.NewReader(in), 0) {
		if e != nil {
			err = e
		}
	}
	var je *client.JSONLError
	if !errors.As(err, &je) || je.Line != 2 {
		t.Fatalf("err = %v, want a *JSONLError on line 2", err)
	}
}

func TestJSONLBreakStops(t *testing.T) {
	t.Parallel()
	n := 0
	for range client.ReadJSONL[jsonlRow](strings.NewReader("{\"n\":1}\n{\"n\":2}\n"), 0) {
		n++
		break
	}
	if n != 1 {
		t.Fatalf("n = %d", n)
	}
}

func TestJSONLWriteRoundTrip(t *testing.T) {
	t.Parallel()
	rows := func(yield func(jsonlRow, error) bool) {
		for i := range 3 {
			if !yield(jsonlRow{N: i, S: "<a&b>"}, nil) {
				return
			}
		}
	}
	var buf bytes.Buffer
	if err := client.WriteJSONL(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "<a&b>") || strings.Count(buf.String(), "\n") != 3 {
		t.Fatalf("written %q", buf.String())
	}
	i := 0
	for v, err := range client.ReadJSONL[jsonlRow](&buf, 0) {
		if err != nil || v.N != i {
			t.Fatalf("row %d: %v %v", i, v, err)
		}
		i++
	}
}
