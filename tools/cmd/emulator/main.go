package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/claudego/claude/tools/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run parses flags, starts the emulator, prints its URL and serves until ctx
// is done. It returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfg    emulator.Config
		faults string
		keys   string
	)
	fs.StringVar(&cfg.Addr, "addr", "127.0.0.1:0", "listen address (loopback only; port 0 picks a free one)")
	fs.StringVar(&cfg.SpecPath, "spec", "", "OpenAPI file to validate against (default: the embedded copy of openapi/anthropic.yaml)")
	fs.StringVar(&cfg.RecordedDir, "recorded", "", "recorded cases directory for x-emulator-case (default: testdata/recorded found walking up)")
	fs.DurationVar(&cfg.EventDelay, "pace", 0, "delay between streamed events, such as 30ms")
	fs.StringVar(&faults, "faults", "", `JSON file of fault rules: [{"path":"/v1/messages","fault":"status=529;retry-after=1","count":2}]`)
	fs.StringVar(&keys, "keys", "", "comma-separated API keys to accept (default: any non-empty key)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "seed for fault probabilities")
	fs.Int64Var(&cfg.MaxRequestBytes, "max-request-bytes", emulator.DefaultMaxRequestBytes, "largest request body accepted (413 above)")
	fs.IntVar(&cfg.MaxRequestValues, "max-request-values", emulator.DefaultMaxRequestValues, "most JSON values a request body may hold before spec validation (413 above)")
	fs.IntVar(&cfg.MaxConcurrent, "max-concurrent", emulator.DefaultMaxConcurrent, "requests read, validated and answered at once; others wait")
	fs.IntVar(&cfg.MaxBatches, "max-batches", emulator.DefaultMaxBatches, "Message Batches kept (the oldest ended one is dropped first)")
	fs.Int64Var(&cfg.MaxStoredBytes, "max-stored-bytes", emulator.DefaultMaxStoredBytes, "bytes of batch results and file contents kept in memory")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: emulator [flags]\n\nServes the Anthropic API subset claude-go emulates on loopback and prints its URL.\nPer request, the x-emulator-fault header injects a fault (status=529;retry-after=1,\ndelay=2s, reset=before|mid, after=N, error-event, truncate, malformed, stall=5s, pace=20ms)\nand x-emulator-case replays a recorded case by name.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "emulator: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if keys != "" {
		cfg.APIKeys = strings.FieldsFunc(keys, func(r rune) bool { return r == ',' || r == ' ' })
	}
	if faults != "" {
		rules, err := emulator.LoadFaults(faults)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		cfg.Faults = rules
	}
	srv, err := emulator.Start(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, srv.URL())
	fmt.Fprintf(stderr, "emulator: serving on %s (Ctrl-C to stop)\n", srv.URL())
	<-ctx.Done()
	done := make(chan struct{})
	go func() { _ = srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
	}
	return 0
}
