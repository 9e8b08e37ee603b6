package main

import (
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"
)

// target is a ceiling on claude-go's ratio to the floor for one metric.
type target struct {
	scenario, metric string
	max              float64
}

var targets = []target{
	{"text 10k deltas", "cpu", 1.2},
	{"text 10k deltas", "allocs", 1.0},
	{"input_json 10k pieces", "cpu", 1.2},
	{"500 streams x 200 deltas", "cpu", 1.3},
	{"500 streams x 200 deltas", "peak heap", 1.1},
	{"time to first event", "cpu", 1.1},
	{"create 1KB reply", "cpu", 1.2},
	{"create 200KB reply", "cpu", 1.3},
	{"create 1KB, BlockOf switch", "cpu", 1.2},
	{"create 200KB, BlockOf switch", "cpu", 1.3},
	{"create 1KB, union As methods", "cpu", 1.2},
	{"create 200KB, union As methods", "cpu", 1.3},
}

func targetFor(scenario, metric string) (float64, bool) {
	for _, t := range targets {
		if t.scenario == scenario && t.metric == metric {
			return t.max, true
		}
	}
	return 0, false
}

func printTable(ran []scenario, res map[string]map[string]sample, impls []impl) {
	ours, sdk := impls[1].name, impls[2].name
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintf(w, "scenario\tmetric\tfloor\t%s\tratio\t%s\tratio\ttarget\tmet\t\n", ours, sdk)
	fmt.Fprintf(w, "\t\t\t\t\t\t\t\t\t\n")
	met, missed := 0, 0
	for _, sc := range ran {
		r := res[sc.name]
		f, o, s := r["floor"], r[ours], r[sdk]
		unit := "/event"
		if !sc.stream || sc.firstEvent {
			unit = "/req"
		}
		rows := []struct {
			metric    string
			get       func(sample) float64
			fmtv      func(float64) string
			condition bool
		}{
			{"cpu", func(s sample) float64 { return s.cpu }, fmtNs, true},
			{"allocs", func(s sample) float64 { return s.allocs }, fmtCount, true},
			{"bytes", func(s sample) float64 { return s.bytes }, fmtBytes, true},
			{"peak heap", func(s sample) float64 { return s.peak }, fmtBytes, sc.streams > 1},
			{"wall", func(s sample) float64 { return s.wall }, fmtNs, sc.firstEvent},
		}
		for i, row := range rows {
			if !row.condition {
				continue
			}
			name := ""
			if i == 0 {
				name = sc.name
			}
			label := row.metric + unit
			if row.metric == "peak heap" || row.metric == "wall" {
				label = row.metric
			}
			fv, ov, sv := row.get(f), row.get(o), row.get(s)
			ro, rs := ratio(ov, fv), ratio(sv, fv)
			svs, rss := row.fmtv(sv), fmtRatio(rs)
			if sc.bare != "" {
				svs, rss = "-", "-" // the SDK has no logging or telemetry to turn on
			}
			tgt, ok := targetFor(sc.name, row.metric)
			tcol, mcol := "", ""
			if ok {
				tcol = fmt.Sprintf("<= %.1fx", tgt)
				if ro <= tgt {
					mcol = "yes"
					met++
				} else {
					mcol = "NO"
					missed++
				}
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name, label, row.fmtv(fv), row.fmtv(ov), fmtRatio(ro), svs, rss, tcol, mcol)
		}
		// The cost of watching: the watched scenario's CPU over its bare one's.
		// The ceiling is per stream event; a single call's cost
		// (two spans, two log lines, its metric points) is shown, not judged.
		if b, ok := bareOf(ran, sc); ok && !sc.stream {
			fmt.Fprintf(w, "\tcpu over bare\t\t\t%s\t\t\t\t\t\n", fmtRatio(ratio(o.cpu, res[b.name][ours].cpu)))
		} else if ok {
			w0 := ratio(o.cpu, res[b.name][ours].cpu)
			mcol := "yes"
			if w0 > watchedTarget {
				mcol = "NO"
				missed++
			} else {
				met++
			}
			fmt.Fprintf(w, "\tcpu over bare\t\t\t%s\t\t\t<= %.1fx\t%s\t\n", fmtRatio(w0), watchedTarget, mcol)
		}
	}
	// Linearity: cpu per event at 10k deltas over cpu per event at 1k.
	if a, ok := res["text 10k deltas"]; ok {
		if b, ok := res["text 1k deltas"]; ok {
			lin := func(name string) float64 { return ratio(a[name].cpu, b[name].cpu) }
			mcol := "yes"
			if lin(ours) > 1.2 {
				mcol = "NO"
				missed++
			} else {
				met++
			}
			fmt.Fprintf(w, "linearity\tcpu/event 10k / 1k\t%s\t%s\t\t%s\t\t%s\t%s\t\n", fmtRatio(lin("floor")), fmtRatio(lin(ours)), fmtRatio(lin(sdk)), "<= 1.2x", mcol)
		}
	}
	w.Flush()
	fmt.Printf("\nratios are to the floor (net/http + bufio lines + encoding/json into a minimal struct); targets apply to %s: %d met, %d missed\n", ours, met, missed)
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

func fmtRatio(r float64) string { return fmt.Sprintf("%.2fx", r) }

func fmtNs(ns float64) string {
	return time.Duration(ns).Round(time.Nanosecond).String()
}

func fmtCount(n float64) string {
	if n < 10 {
		return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.3f", n), "0"), ".")
	}
	return fmt.Sprintf("%.0f", n)
}

func fmtBytes(b float64) string {
	switch {
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	}
	return fmt.Sprintf("%.0f B", b)
}
