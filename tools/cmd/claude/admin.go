package main

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/claudego/claude/client"
)

// The Admin API subcommands authenticate with ANTHROPIC_ADMIN_KEY (the
// client sends it on these calls only); skills uses the API key. Each pages
// through everything and prints a table, or with -json a JSON array.

func runOrg(ctx context.Context, s *session, args []string) error {
	if len(args) > 0 {
		return usageErr("org takes no arguments, got %q", args[0])
	}
	org, err := s.c.Organization.Get(ctx)
	if err != nil {
		return err
	}
	users := []client.OrganizationUser{}
	for u, err := range s.c.Organization.Users.List(ctx, client.UserListParams{ListParams: client.ListParams{Limit: 100}}) {
		if err != nil {
			return err
		}
		users = append(users, u)
	}
	if s.json {
		return s.printJSON(map[string]any{"organization": org, "users": users})
	}
	fmt.Fprintf(s.stdout, "%s (%s)\n", org.Name, org.ID)
	tw := tabwriter.NewWriter(s.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "USER\tEMAIL\tROLE\tADDED")
	for _, u := range users {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.ID, u.Email, u.Role, u.AddedAt.Format(time.DateOnly))
	}
	return tw.Flush()
}

func runWorkspaces(ctx context.Context, s *session, args []string) error {
	if len(args) > 0 {
		return usageErr("workspaces takes no arguments, got %q", args[0])
	}
	all := []client.Workspace{} // -json prints [] for none, not null
	for ws, err := range s.c.Organization.Workspaces.List(ctx, client.WorkspaceListParams{ListParams: client.ListParams{Limit: 100}, IncludeArchived: true}) {
		if err != nil {
			return err
		}
		all = append(all, ws)
	}
	if s.json {
		return s.printJSON(all)
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCREATED\tARCHIVED")
	for _, ws := range all {
		archived := "-"
		if ws.ArchivedAt != nil {
			archived = ws.ArchivedAt.Format(time.DateOnly)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", ws.ID, ws.Name, ws.CreatedAt.Format(time.DateOnly), archived)
	}
	return tw.Flush()
}

func runKeys(ctx context.Context, s *session, args []string) error {
	if len(args) > 0 {
		return usageErr("keys takes no arguments, got %q", args[0])
	}
	all := []client.APIKey{} // -json prints [] for none, not null
	for k, err := range s.c.Organization.APIKeys.List(ctx, client.APIKeyListParams{ListParams: client.ListParams{Limit: 100}}) {
		if err != nil {
			return err
		}
		all = append(all, k)
	}
	if s.json {
		return s.printJSON(all)
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tWORKSPACE\tHINT\tCREATED")
	for _, k := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Status, dash(k.WorkspaceID), k.PartialKeyHint, k.CreatedAt.Format(time.DateOnly))
	}
	return tw.Flush()
}

func runSkills(ctx context.Context, s *session, args []string) error {
	if len(args) > 0 {
		return usageErr("skills takes no arguments, got %q", args[0])
	}
	all := []client.Skill{} // -json prints [] for none, not null
	for sk, err := range s.c.Skills.List(ctx, client.SkillListParams{CursorParams: client.CursorParams{Limit: 100}}) {
		if err != nil {
			return err
		}
		all = append(all, sk)
	}
	if s.json {
		return s.printJSON(all)
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSOURCE\tLATEST VERSION\tUPDATED")
	for _, sk := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", sk.ID, sk.DisplayName, sk.Source.Type, sk.LatestVersionID, sk.UpdatedAt.Format(time.DateOnly))
	}
	return tw.Flush()
}

// days reads the optional DAYS argument of usage and cost-report (default 7) and
// returns the range's start: that many whole UTC days back, today included.
func days(name string, args []string, now time.Time) (time.Time, error) {
	n := 7
	switch len(args) {
	case 0:
	case 1:
		v, err := strconv.Atoi(args[0])
		if err != nil || v < 1 || v > 365 {
			return time.Time{}, usageErr("%s DAYS: want a number of days from 1 to 365, got %q", name, args[0])
		}
		n = v
	default:
		return time.Time{}, usageErr("%s takes at most one argument (DAYS)", name)
	}
	return now.UTC().Truncate(24*time.Hour).AddDate(0, 0, -(n - 1)), nil
}

// usageRow is one line of the usage table: a day and a model.
type usageRow struct {
	Day                  string `json:"day"`
	Model                string `json:"model"`
	InputTokens          int64  `json:"uncached_input_tokens"`
	OutputTokens         int64  `json:"output_tokens"`
	CacheReadInputTokens int64  `json:"cache_read_input_tokens"`
	CacheWriteTokens     int64  `json:"cache_creation_input_tokens"`
}

// runUsage prints token usage per day and model for the last DAYS days.
func runUsage(ctx context.Context, s *session, args []string) error {
	start, err := days("usage", args, time.Now())
	if err != nil {
		return err
	}
	var rows []usageRow
	for b, err := range s.c.Organization.Usage.List(ctx, client.UsageReportParams{StartingAt: start, GroupBy: []string{"model"}, Limit: 31}) {
		if err != nil {
			return err
		}
		for _, r := range b.Results {
			rows = append(rows, usageRow{Day: b.StartingAt.UTC().Format(time.DateOnly), Model: dash(r.Model), InputTokens: r.UncachedInputTokens, OutputTokens: r.OutputTokens,
				CacheReadInputTokens: r.CacheReadInputTokens, CacheWriteTokens: r.CacheCreation.Ephemeral5MInputTokens + r.CacheCreation.Ephemeral1HInputTokens})
		}
	}
	sort.SliceStable(rows, func(i, j int) bool {
		return rows[i].Day < rows[j].Day || rows[i].Day == rows[j].Day && rows[i].Model < rows[j].Model
	})
	if s.json {
		if rows == nil {
			rows = []usageRow{}
		}
		return s.printJSON(rows)
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "DAY\tMODEL\tINPUT\tOUTPUT\tCACHE READ\tCACHE WRITE\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t\n", r.Day, r.Model, r.InputTokens, r.OutputTokens, r.CacheReadInputTokens, r.CacheWriteTokens)
	}
	return tw.Flush()
}

// costRow is one line of the cost table.
type costRow struct {
	Day         string `json:"day"`
	WorkspaceID string `json:"workspace_id"`
	Description string `json:"description"`
	Cents       string `json:"amount_cents"`
	Currency    string `json:"currency"`
}

// runCostReport prints the organization's cost per day, workspace and item
// for the last DAYS days, in USD (cost, without -report, prices saved
// replies offline).
func runCostReport(ctx context.Context, s *session, args []string) error {
	start, err := days("cost-report", args, time.Now())
	if err != nil {
		return err
	}
	var rows []costRow
	for b, err := range s.c.Organization.Cost.List(ctx, client.CostReportParams{StartingAt: start, GroupBy: []string{"workspace_id", "description"}, Limit: 31}) {
		if err != nil {
			return err
		}
		for _, r := range b.Results {
			rows = append(rows, costRow{Day: b.StartingAt.UTC().Format(time.DateOnly), WorkspaceID: dash(r.WorkspaceID), Description: dash(r.Description), Cents: r.Amount, Currency: r.Currency})
		}
	}
	if s.json {
		if rows == nil {
			rows = []costRow{}
		}
		return s.printJSON(rows)
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DAY\tWORKSPACE\tITEM\tUSD")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Day, r.WorkspaceID, r.Description, dollars(r.Cents))
	}
	return tw.Flush()
}

// dollars turns the API's decimal string of cents into dollars with four
// decimals, without going through a float for the integer part.
func dollars(cents string) string {
	v, err := strconv.ParseFloat(cents, 64)
	if err != nil {
		return cents + "c"
	}
	return strconv.FormatFloat(v/100, 'f', 4, 64)
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
