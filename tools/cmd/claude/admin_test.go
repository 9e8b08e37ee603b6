package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/claudego/claude/tools/emulator"
)

// TestAdminCommands runs org, workspaces, keys, skills, usage, cost and cost-report
// against the emulator's organization, as tables and as JSON.
func TestAdminCommands(t *testing.T) {
	t.Parallel()
	env := setup(t, emulator.Config{})
	env["ANTHROPIC_ADMIN_KEY"] = "sk-ant-admin01-test-cli"
	if r := runCLI(env, "-max-tokens", "64", "hello"); r.code != 0 {
		t.Fatalf("prompt: %d %s", r.code, r.stderr)
	}
	for _, cmd := range []string{"org", "workspaces", "keys", "skills", "usage", "cost", "cost-report"} {
		r := runCLI(env, cmd)
		if r.code != 0 || r.stdout == "" {
			t.Errorf("%s: code %d, stderr %q", cmd, r.code, r.stderr)
		}
		j := runCLI(env, "-json", cmd)
		if j.code != 0 || !json.Valid([]byte(j.stdout)) {
			t.Errorf("%s -json: code %d, output %q, stderr %q", cmd, j.code, j.stdout, j.stderr)
		}
	}
	// A list with nothing in it is an empty JSON array, not null: the
	// emulated organization has no API keys and no Skills.
	for _, cmd := range []string{"keys", "skills"} {
		if j := runCLI(env, "-json", cmd); strings.TrimSpace(j.stdout) != "[]" {
			t.Errorf("%s -json with none = %q, want []", cmd, j.stdout)
		}
	}
	org := runCLI(env, "org")
	if !strings.Contains(org.stdout, "Example Org") || !strings.Contains(org.stdout, "primary_owner") {
		t.Errorf("org table:\n%s", org.stdout)
	}
	usage := runCLI(env, "-json", "usage", "1")
	var rows []usageRow
	if err := json.Unmarshal([]byte(usage.stdout), &rows); err != nil || len(rows) != 1 || rows[0].Day != time.Now().UTC().Format(time.DateOnly) || rows[0].OutputTokens == 0 {
		t.Errorf("usage -json for the message just served = %+v, %v", rows, err)
	}
	// cost without a file is the organization's cost report.
	if c, cr := runCLI(env, "-json", "cost", "3"), runCLI(env, "-json", "cost-report", "3"); c.code != 0 || c.stdout != cr.stdout {
		t.Errorf("cost 3 = %d %q, cost-report 3 = %q", c.code, c.stdout, cr.stdout)
	}
	table := runCLI(env, "usage")
	if !strings.Contains(table.stdout, "MODEL") || !strings.Contains(table.stdout, "claude-") {
		t.Errorf("usage table:\n%s", table.stdout)
	}
	if r := runCLI(env, "usage", "0"); r.code == 0 || !strings.Contains(r.stderr, "DAYS") {
		t.Errorf("usage 0: code %d, stderr %q", r.code, r.stderr)
	}
}

// TestAdminCommandWithoutAdminKey: the admin subcommands say which key is
// missing, before any request.
func TestAdminCommandWithoutAdminKey(t *testing.T) {
	noCredentials(t)
	env := setup(t, emulator.Config{})
	r := runCLI(env, "workspaces")
	if r.code == 0 || !strings.Contains(r.stderr, "admin key") {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
}
