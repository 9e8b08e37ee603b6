// Command sdkcov measures how much of the official Go SDK's types the spec
// describes: it reads the struct types of the SDK's generally available
// sections (Messages, Batches, Models, Files, Skills, UserProfiles,
// Organization, Shared) from the SDK's source, pairs each with the spec
// schema of the same name or, failing that, the one sharing most of its
// JSON properties, and prints the share of the SDK's properties the spec
// has, per section and in all. With -optional it lists the response
// properties the SDK marks always present that the spec leaves optional.
//
//	go mod download github.com/anthropics/anthropic-sdk-go@v1.84.0
//	go run ./cmd/sdkcov -sdk "$(go env GOMODCACHE)/github.com/anthropics/anthropic-sdk-go@v1.84.0"
//
// The pairing is a heuristic: a figure to watch, not a proof.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/claudego/claude/openapi"
	"github.com/claudego/claude/tools/internal/sdkcov"
	"github.com/claudego/claude/tools/internal/spec"
)

func main() {
	sdkDir := flag.String("sdk", "", "the SDK's module directory (required)")
	optional := flag.Bool("optional", false, "list always-sent response properties the spec leaves optional")
	unmatched := flag.Bool("unmatched", false, "list SDK types no spec schema describes, and properties the matched schema lacks")
	specPath := flag.String("spec", "", "an OpenAPI file to measure instead of the compiled-in openapi/anthropic.yaml")
	flag.Parse()
	if *sdkDir == "" {
		fmt.Fprintln(os.Stderr, "sdkcov: -sdk is required")
		os.Exit(2)
	}
	types, err := sdkcov.ParseSDK(*sdkDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	data := openapi.Spec()
	if *specPath != "" {
		if data, err = os.ReadFile(*specPath); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	sp, err := spec.LoadData(data)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	matches := sdkcov.MatchAll(types, sdkcov.SpecSchemas(sp.Doc))
	for _, c := range sdkcov.Summarize(matches) {
		fmt.Printf("%-20s %5d of %5d SDK properties  %5.1f%%\n", c.Section, c.Covered, c.Props, 100*float64(c.Covered)/float64(max(c.Props, 1)))
	}
	if *unmatched {
		for _, m := range matches {
			if m.Schema == nil {
				fmt.Printf("unmatched %s (%s): %d properties\n", m.Type.Name, m.Type.Section, len(m.Type.Fields))
				continue
			}
			for _, f := range m.Type.Fields {
				if _, ok := m.Schema.Props[f.Name]; !ok {
					fmt.Printf("missing %s.%s (SDK %s)\n", m.Schema.Name, f.Name, m.Type.Name)
				}
			}
		}
	}
	if *optional {
		for _, o := range sdkcov.AlwaysSentButOptional(matches) {
			fmt.Printf("optional %s.%s nullable=%v (SDK %s)\n", o.Schema, o.Property, o.Nullable, o.SDKType)
		}
	}
}
