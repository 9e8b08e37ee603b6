package main

import (
	"context"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/claudego/claude/client"
)

// runModels lists every model, newest first: a table, or with -json a JSON
// array.
func runModels(ctx context.Context, s *session, args []string) error {
	if len(args) > 0 {
		return usageErr("models takes no arguments, got %q", args[0])
	}
	all := []client.ModelInfo{} // -json prints [] for none, not null
	for m, err := range s.c.Models.List(ctx, client.ModelListParams{ListParams: client.ListParams{Limit: 100}}) {
		if err != nil {
			return err
		}
		all = append(all, m)
	}
	if s.json {
		return s.printJSON(all)
	}
	tw := tabwriter.NewWriter(s.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCREATED")
	for _, m := range all {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", m.ID, m.DisplayName, m.CreatedAt.Format(time.DateOnly))
	}
	return tw.Flush()
}
