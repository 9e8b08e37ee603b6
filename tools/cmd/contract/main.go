package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  contract replay [-json] [-spec FILE] DIR
  contract live [-json] [-spec FILE] [-out DIR] [-model ID] [-base-url URL]

replay validates a recorded-traffic directory (MANIFEST.json + case dirs).
live runs a cheap tour of the real API (needs ANTHROPIC_API_KEY), writes the
exchanges as case dirs under -out and validates them. With ANTHROPIC_ADMIN_KEY
set it adds a read-only Admin API tour (organization, lists, usage and cost);
the service-account and federation lists also need ANTHROPIC_AUTH_TOKEN (an
OAuth token with the org:admin scope: the API refuses admin keys there).
Exit status: 0 all valid, 1 invalid or drift, 2 usage error or no API key.
`

// Exit codes.
const (
	exitOK      = 0
	exitFailed  = 1
	exitUsage   = 2
	exitMissing = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "replay":
		return runReplay(args[1:], stdout, stderr)
	case "live":
		return runLive(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "contract: unknown command %q\n%s", args[0], usage)
	return exitUsage
}
