package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
)

// Group is one scenario of the chart: its label and each side's CPU as a
// ratio to the floor (0 when that side has no figure: no bar is drawn).
type Group struct {
	Label string
	Ours  float64
	SDK   float64
}

// Chart geometry, in SVG user units.
const (
	labelWidth = 330 // scenario labels, right-aligned before the plot
	plotWidth  = 520
	valueRoom  = 70 // room after the longest bar for its value
	barHeight  = 14
	barGap     = 3  // between a group's two bars
	groupGap   = 14 // between groups
	topRoom    = 58 // title and legend
	axisRoom   = 40 // tick labels under the plot
)

const (
	oursColor = "#2f6fb0"
	sdkColor  = "#c8752b"
)

// Chart writes groups as a horizontal bar chart in SVG: for each scenario
// ours beside the official SDK's, on a log scale of the ratio to the floor
// (so 0.3x and 10x are both readable), with the floor (1x) marked. The
// scale spans whole decades around every value and 1x. A value that is
// negative, NaN or infinite is an error naming its scenario.
func Chart(w io.Writer, title, ours, sdk string, groups []Group) error {
	lo, hi := 0.0, 0.0 // decades: 10^0 = the floor is always shown
	for _, g := range groups {
		for _, v := range []float64{g.Ours, g.SDK} {
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("report: chart: scenario %q: ratio %v is not a finite non-negative number", g.Label, v)
			}
			if v == 0 {
				continue
			}
			lo = min(lo, math.Floor(math.Log10(v)))
			hi = max(hi, math.Ceil(math.Log10(v)))
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	x := func(v float64) float64 {
		return labelWidth + (math.Log10(v)-lo)/(hi-lo)*plotWidth
	}
	x0 := float64(labelWidth)
	groupHeight := 2*barHeight + barGap
	plotHeight := len(groups)*(groupHeight+groupGap) + groupGap
	width := labelWidth + plotWidth + valueRoom
	height := topRoom + plotHeight + axisRoom

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", width, height, width, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", width, height)
	fmt.Fprintf(&b, `<text x="%d" y="20" font-size="15" font-weight="bold">%s</text>`+"\n", 10, esc(title))
	// Legend.
	fmt.Fprintf(&b, `<rect x="%d" y="32" width="12" height="12" fill="%s"/><text x="%d" y="42">%s</text>`+"\n", labelWidth, oursColor, labelWidth+16, esc(ours))
	fmt.Fprintf(&b, `<rect x="%d" y="32" width="12" height="12" fill="%s"/><text x="%d" y="42">%s</text>`+"\n", labelWidth+160, sdkColor, labelWidth+176, esc(sdk))
	// Decade grid and tick labels; the floor (1x) drawn darker.
	top, bottom := topRoom, topRoom+plotHeight
	for d := lo; d <= hi; d++ {
		v := math.Pow(10, d)
		stroke, dash := "#dddddd", ""
		if d == 0 {
			stroke, dash = "#444444", ` stroke-dasharray="4 3"`
		}
		fmt.Fprintf(&b, `<line class="tick" x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s"%s/>`+"\n", x(v), top, x(v), bottom, stroke, dash)
		label := ratioLabel(v)
		if d == 0 {
			label = "1x = floor"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#444444">%s</text>`+"\n", x(v), bottom+16, esc(label))
	}
	fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle" fill="#444444">CPU as a multiple of the raw floor (net/http + encoding/json), log scale; shorter is faster</text>`+"\n", x0+plotWidth/2, bottom+33)
	// One group per scenario: ours, then the SDK's.
	for i, g := range groups {
		y := topRoom + groupGap + i*(groupHeight+groupGap)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", labelWidth-8, y+groupHeight/2+4, esc(g.Label))
		for j, side := range []struct {
			class, color string
			v            float64
		}{{"ours", oursColor, g.Ours}, {"sdk", sdkColor, g.SDK}} {
			by := y + j*(barHeight+barGap)
			if side.v == 0 {
				fmt.Fprintf(&b, `<text x="%.1f" y="%d" fill="#888888">n/a</text>`+"\n", x0+4, by+barHeight-3)
				continue
			}
			fmt.Fprintf(&b, `<rect class="bar %s" x="%.1f" y="%d" width="%.2f" height="%d" fill="%s"><title>%s: %s</title></rect>`+"\n",
				side.class, x0, by, x(side.v)-x0, barHeight, side.color, esc(g.Label), ratioLabel(side.v))
			fmt.Fprintf(&b, `<text x="%.1f" y="%d">%s</text>`+"\n", x(side.v)+4, by+barHeight-3, ratioLabel(side.v))
		}
	}
	b.WriteString("</svg>\n")
	_, err := w.Write(b.Bytes())
	return err
}

// ratioLabel prints a ratio as the table does, without decimals from 10x.
func ratioLabel(v float64) string {
	if v >= 10 {
		return fmt.Sprintf("%.0fx", v)
	}
	return fmt.Sprintf("%.2fx", v)
}

// esc escapes text for an SVG text node or attribute.
func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
