package report

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// bar is one drawn bar as the SVG describes it.
type bar struct {
	side  string // "ours" or "sdk"
	width float64
}

// parseBars decodes the SVG as XML (failing on anything malformed) and
// returns its bars in document order.
func parseBars(t *testing.T, svg []byte) []bar {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	var bars []bar
	depth, sawRoot := 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not valid XML: %v\n%s", err, svg)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				if e.Name.Local != "svg" || e.Name.Space != "http://www.w3.org/2000/svg" {
					t.Fatalf("root element is %v, want svg in the SVG namespace", e.Name)
				}
				sawRoot = true
			}
			depth++
			if e.Name.Local != "rect" {
				continue
			}
			var class, width string
			for _, a := range e.Attr {
				switch a.Name.Local {
				case "class":
					class = a.Value
				case "width":
					width = a.Value
				}
			}
			side, ok := strings.CutPrefix(class, "bar ")
			if !ok {
				continue
			}
			w, err := strconv.ParseFloat(width, 64)
			if err != nil {
				t.Fatalf("bar width %q: %v", width, err)
			}
			bars = append(bars, bar{side, w})
		case xml.EndElement:
			depth--
		}
	}
	if !sawRoot || depth != 0 {
		t.Fatalf("no complete svg root element (depth %d)", depth)
	}
	return bars
}

func TestChartOneBarPerScenarioAndSide(t *testing.T) {
	groups := []Group{
		{Label: "text 10k deltas", Ours: 0.27, SDK: 12.5},
		{Label: "create 1KB reply", Ours: 1.4, SDK: 2.1},
		{Label: "time to first event", Ours: 1.05, SDK: 1.42},
	}
	var out bytes.Buffer
	if err := Chart(&out, "CPU", "claude-go", "official SDK", groups); err != nil {
		t.Fatal(err)
	}
	bars := parseBars(t, out.Bytes())
	if len(bars) != 2*len(groups) {
		t.Fatalf("%d bars, want %d (one per scenario and side)", len(bars), 2*len(groups))
	}
	for i, g := range groups {
		if bars[2*i].side != "ours" || bars[2*i+1].side != "sdk" {
			t.Errorf("group %q: bars %q, %q; want ours then sdk", g.Label, bars[2*i].side, bars[2*i+1].side)
		}
		if !strings.Contains(out.String(), ">"+g.Label+"<") {
			t.Errorf("label %q not drawn", g.Label)
		}
	}
}

func TestChartLogScale(t *testing.T) {
	// One decade apart each: on a log scale the widths step by the same
	// amount, and order follows the values.
	vals := []float64{0.1, 1, 10, 100}
	var groups []Group
	for _, v := range vals {
		groups = append(groups, Group{Label: ratioLabel(v), Ours: v, SDK: v * 2})
	}
	var out bytes.Buffer
	if err := Chart(&out, "t", "a", "b", groups); err != nil {
		t.Fatal(err)
	}
	bars := parseBars(t, out.Bytes())
	var ours []float64
	for i, b := range bars {
		if b.side == "ours" {
			ours = append(ours, b.width)
		} else if b.width <= bars[i-1].width {
			t.Errorf("sdk bar (2x ours) width %.2f not longer than ours %.2f", b.width, bars[i-1].width)
		}
	}
	step := ours[1] - ours[0]
	if step <= 0 {
		t.Fatalf("widths %v do not grow with the values", ours)
	}
	for i := 2; i < len(ours); i++ {
		if d := ours[i] - ours[i-1]; math.Abs(d-step) > 0.05 {
			t.Errorf("decade %d spans %.2f units, decade 1 spans %.2f: not a log scale (widths %v)", i, d, step, ours)
		}
	}
	// 2x sits log10(2) of a decade past its value.
	if got, want := bars[1].width-bars[0].width, step*math.Log10(2); math.Abs(got-want) > 0.05 {
		t.Errorf("2x is %.2f units past 1x, want %.2f", got, want)
	}
}

func TestChartEscapesAndMissing(t *testing.T) {
	var out bytes.Buffer
	err := Chart(&out, `a <b> & "c"`, "ours", "sdk", []Group{{Label: "x < y & z", Ours: 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	bars := parseBars(t, out.Bytes()) // fails on unescaped text
	if len(bars) != 1 || bars[0].side != "ours" {
		t.Fatalf("bars %v, want ours alone (the SDK's figure is missing)", bars)
	}
	if !strings.Contains(out.String(), "n/a") {
		t.Error("a missing figure is not marked n/a")
	}
}

func TestChartRejectsBadRatio(t *testing.T) {
	for _, v := range []float64{-1, math.NaN(), math.Inf(1)} {
		err := Chart(io.Discard, "t", "a", "b", []Group{{Label: "bad one", Ours: 1, SDK: v}})
		if err == nil || !strings.Contains(err.Error(), `"bad one"`) {
			t.Errorf("ratio %v: error %v, want one naming the scenario", v, err)
		}
	}
}
