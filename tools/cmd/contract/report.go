package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/claudego/claude/tools/internal/spec"
)

// report is the -json output.
type report struct {
	Dir     string            `json:"dir"`
	Cases   int               `json:"cases"`
	Valid   int               `json:"valid"`
	Invalid int               `json:"invalid"`
	Drift   int               `json:"drift"`
	Results []spec.CaseResult `json:"results"`
}

func summarize(dir string, results []spec.CaseResult) report {
	r := report{Dir: dir, Cases: len(results), Results: results}
	for _, c := range results {
		switch c.Verdict {
		case spec.VerdictValid:
			r.Valid++
		case spec.VerdictInvalid:
			r.Invalid++
		case spec.VerdictDrift:
			r.Drift++
		}
	}
	return r
}

func (r report) exitCode() int {
	if r.Invalid > 0 || r.Drift > 0 {
		return exitFailed
	}
	return exitOK
}

// write prints the report as JSON or as a table followed by every finding.
func (r report) write(w io.Writer, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CASE\tMETHOD\tENDPOINT\tSTATUS\tVERDICT\tFINDINGS")
	for _, c := range r.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%d\n", c.Name, c.Method, c.Endpoint, c.Status, c.Verdict, len(c.Findings))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, c := range r.Results {
		for _, f := range c.Findings {
			fmt.Fprintf(w, "%s: %s\n", c.Name, f)
		}
	}
	_, err := fmt.Fprintf(w, "%d cases: %d valid, %d invalid, %d drift\n", r.Cases, r.Valid, r.Invalid, r.Drift)
	return err
}
