package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"text/tabwriter"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

// runCost prices saved replies: a file (or - for stdin) holding replies
// as JSON (what claude -json prints, one run or several appended) or JSON
// Lines of replies or of batch results. It needs no API key. Replies of a model the pricing table does
// not know are listed and make the exit status 1: never priced at zero.
func runCost(ctx context.Context, s *session, args []string) error {
	if !pricesFiles(args) {
		return runCostReport(ctx, s, args)
	}
	if len(args) != 1 {
		return usageErr("cost needs one file (or - for standard input), or at most a number of days")
	}
	var r io.Reader = os.Stdin
	if args[0] != "-" {
		f, err := os.Open(args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	type total struct {
		calls int
		t     pricing.Tokens
		usd   float64
	}
	totals := map[string]*total{}
	unknown := map[string]int{}
	line := 0
	add := func(raw []byte) error {
		var v struct {
			Model  string        `json:"model"`
			Usage  *client.Usage `json:"usage"`
			Result *struct {
				Type    string          `json:"type"`
				Message *client.Message `json:"message"`
			} `json:"result"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		model, usage := v.Model, v.Usage
		if v.Result != nil {
			if v.Result.Message == nil {
				return nil // an errored, canceled or expired batch request costs nothing
			}
			model, usage = v.Result.Message.Model, &v.Result.Message.Usage
		}
		if usage == nil {
			return fmt.Errorf("line %d: no usage (not a reply or a batch result)", line)
		}
		b, err := pricing.Cost(model, *usage)
		if errors.Is(err, pricing.ErrUnknownModel) {
			unknown[model]++
			return nil
		}
		tt := totals[model]
		if tt == nil {
			tt = &total{}
			totals[model] = tt
		}
		n := pricing.FromUsage(*usage)
		tt.calls++
		tt.t.Input += n.Input
		tt.t.Output += n.Output
		tt.t.CacheRead += n.CacheRead
		tt.t.CacheWrite5m += n.CacheWrite5m + n.CacheWrite1h
		tt.usd += b.Total
		return nil
	}
	// A stream of JSON values, each a reply or a batch result: JSON Lines,
	// or the pretty-printed documents of several claude -json runs appended
	// to one file.
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		var raw json.RawMessage
		err := dec.Decode(&raw)
		if err == io.EOF {
			break
		}
		end := int(dec.InputOffset())
		if err != nil {
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				end = int(syn.Offset)
			}
			line = lineAt(data, end)
			return fmt.Errorf("line %d (byte %d): %w", line, end, err)
		}
		line = lineAt(data, end-len(raw))
		if err := add(raw); err != nil {
			return err
		}
	}
	models := make([]string, 0, len(totals))
	for m := range totals {
		models = append(models, m)
	}
	slices.Sort(models)
	tw := tabwriter.NewWriter(s.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "model\tcalls\tinput\toutput\tcache read\tcache write\tUSD\t")
	var sum float64
	for _, m := range models {
		t := totals[m]
		sum += t.usd
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%.6f\t\n", m, t.calls, t.t.Input, t.t.Output, t.t.CacheRead, t.t.CacheWrite5m, t.usd)
	}
	fmt.Fprintf(tw, "total\t\t\t\t\t\t%.6f\t\n", sum)
	_ = tw.Flush()
	fmt.Fprintf(s.stderr, "prices of %s (%s)\n", pricing.Default().Date, pricing.Default().Source)
	if len(unknown) > 0 {
		for m, n := range unknown {
			fmt.Fprintf(s.stderr, "not priced: %s (%d replies): not in the pricing table\n", m, n)
		}
		return &exitError{code: 1, err: fmt.Errorf("%d models not priced; the total leaves them out", len(unknown))}
	}
	return nil
}

// lineAt is the 1-based line of data holding byte offset off.
func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return 1 + bytes.Count(data[:off], []byte{'\n'})
}

// pricesFiles tells the two uses of cost apart: a file (or - for standard
// input) is priced offline; no argument, or a number of days that names no
// file, asks the organization's cost report (the Admin API).
func pricesFiles(args []string) bool {
	if len(args) == 0 {
		return false
	}
	if len(args) > 1 || args[0] == "-" {
		return true
	}
	if _, err := strconv.Atoi(args[0]); err != nil {
		return true
	}
	_, err := os.Stat(args[0])
	return err == nil
}
