package builtin_test

import (
	"os"
	"strings"
	"testing"

	"github.com/claudego/claude/extensions/agent/builtin"
)

func TestBashIsConfinedAndScrubbed(t *testing.T) {
	t.Parallel()
	if _, err := builtin.Bash(builtin.BashConfig{}); err == nil {
		t.Fatal("a bash tool without a directory")
	}
	dir := t.TempDir()
	sh, err := builtin.Bash(builtin.BashConfig{Dir: dir, MaxOutput: 20, Shell: "sh",
		Env: []string{"PATH=" + os.Getenv("PATH"), "ANTHROPIC_API_KEY=sk-ant-test-leak", "ANTHROPIC_AUTH_TOKEN=tok", "FOO=bar"}})
	if err != nil {
		t.Fatal(err)
	}
	wide, _ := builtin.Bash(builtin.BashConfig{Dir: dir, Shell: "sh", Env: []string{"FOO=bar", "ANTHROPIC_AUTH_TOKEN=tok"}})
	if r := invoke(t, wide, `{"command":"pwd; echo $FOO; echo key=$ANTHROPIC_API_KEY$ANTHROPIC_AUTH_TOKEN"}`); r.IsError || r.Text != dir+"\nbar\nkey=\n" {
		t.Fatalf("%+v", r)
	}
	r := invoke(t, sh, `{"command":"echo key=$ANTHROPIC_API_KEY"}`)
	if strings.Contains(r.Text, "leak") || r.Text != "key=\n" {
		t.Fatalf("key leaked or wrong output: %q", r.Text)
	}
	if r := invoke(t, sh, `{"command":"yes | head -c 1000"}`); !strings.Contains(r.Text, "[output truncated: 980 more bytes]") {
		t.Fatalf("cap: %q", r.Text)
	}
	if r := invoke(t, sh, `{"command":"exit 3"}`); !r.IsError || !strings.Contains(r.Text, "exit status 3") {
		t.Fatalf("exit: %+v", r)
	}
	quick, _ := builtin.Bash(builtin.BashConfig{Dir: dir, Timeout: 1, Shell: "sh"})
	if r := invoke(t, quick, `{"command":"sleep 5"}`); !r.IsError || !strings.Contains(r.Text, "timed out") {
		t.Fatalf("timeout: %+v", r)
	}
}
