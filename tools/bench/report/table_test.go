package report

import (
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	got := Table("claude-go", "official SDK", []Row{
		{Label: "text | deltas", Ours: "0.27x", SDK: "12.5x"},
		{Label: "create\n1KB", Ours: "1.10x", SDK: "2.1x"},
	}, "One run.")
	want := "| scenario | claude-go | official SDK |\n| --- | --- | --- |\n" +
		"| text \\| deltas | 0.27x | 12.5x |\n" +
		"| create 1KB | 1.10x | 2.1x |\n" +
		"\nOne run.\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestReplace(t *testing.T) {
	doc := "# T\n\nbefore\n" + StartMarker + "\nold table\n" + EndMarker + "\nafter\n"
	out, err := Replace([]byte(doc), "new table")
	if err != nil {
		t.Fatal(err)
	}
	want := "# T\n\nbefore\n" + StartMarker + "\nnew table\n" + EndMarker + "\nafter\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	// Running again on its own output changes nothing.
	again, err := Replace(out, "new table\n")
	if err != nil || string(again) != want {
		t.Errorf("second run: %v\n%s", err, again)
	}
}

func TestReplaceBadMarkers(t *testing.T) {
	cases := map[string]string{
		"no start":  "x\n" + EndMarker,
		"no end":    StartMarker + "\nx",
		"reversed":  EndMarker + "\n" + StartMarker,
		"two start": StartMarker + StartMarker + EndMarker,
	}
	for name, doc := range cases {
		if _, err := Replace([]byte(doc), "t"); err == nil || !strings.HasPrefix(err.Error(), "report: ") {
			t.Errorf("%s: error %v, want a report: error", name, err)
		}
	}
}
