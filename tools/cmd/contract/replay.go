package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/claudego/claude/tools/internal/spec"
)

func runReplay(args []string, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("contract replay", flag.ContinueOnError)
	fset.SetOutput(stderr)
	asJSON := fset.Bool("json", false, "print a JSON report instead of a table")
	specPath := fset.String("spec", spec.DefaultPath(), "OpenAPI document to validate against")
	if err := fset.Parse(args); err != nil {
		return exitUsage
	}
	if fset.NArg() != 1 {
		fmt.Fprint(stderr, "contract replay: want exactly one directory\n"+usage)
		return exitUsage
	}
	dir := fset.Arg(0)
	s, err := spec.Load(*specPath)
	if err != nil {
		fmt.Fprintf(stderr, "contract replay: %v\n", err)
		return exitUsage
	}
	results, err := s.ReplayDir(dir)
	if err != nil {
		fmt.Fprintf(stderr, "contract replay: %v\n", err)
		return exitUsage
	}
	rep := summarize(dir, results)
	if err := rep.write(stdout, *asJSON); err != nil {
		fmt.Fprintf(stderr, "contract replay: %v\n", err)
		return exitFailed
	}
	return rep.exitCode()
}
