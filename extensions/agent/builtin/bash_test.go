package builtin_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

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
	if r := invoke(t, quick, `{"command":"sleep 30"}`); !r.IsError || !strings.Contains(r.Text, "timed out") {
		t.Fatalf("timeout: %+v", r)
	}
	// Cancel once the command has started a background child.
	ctx, cancel := context.WithCancel(context.Background())
	pidFile := filepath.Join(dir, "child.pid")
	go func() {
		defer cancel()
		for {
			if b, err := os.ReadFile(pidFile); err == nil && strings.HasSuffix(string(b), "\n") {
				return
			}
			time.Sleep(5 * time.Millisecond) // polling for the file, not timing anything
		}
	}()
	if r, _ := sh.Invoke(ctx, json.RawMessage(`{"command":"sleep 30 & echo $! > child.pid; wait"}`)); !r.IsError {
		t.Fatalf("cancelled command: %+v", r)
	}
	// The whole process group is killed: the background child is gone (or
	// a zombie waiting for init), not sleeping on.
	if runtime.GOOS == "linux" {
		pid, err := os.ReadFile(pidFile)
		if err != nil {
			t.Fatal(err)
		}
		// SIGKILL is delivered asynchronously: wait for the child to die
		// (it would sleep 30 s if the group were not killed).
		proc := "/proc/" + strings.TrimSpace(string(pid)) + "/stat"
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			stat, err := os.ReadFile(proc)
			if err != nil || strings.Contains(string(stat), ") Z ") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("a child outlived the timeout: %s", stat)
			}
		}
	}
}
