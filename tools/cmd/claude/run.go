package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/tools/emulator"
)

// DefaultModel is the model used when -model is not given.
const DefaultModel = "claude-sonnet-4-5"

// emulatorPace is the delay between streamed events when the CLI starts the
// emulator, so a demo shows the reply arriving.
var emulatorPace = 25 * time.Millisecond

// flags are the options every subcommand shares.
type flags struct {
	model          string
	system         string
	maxTokens      int64
	temperature    optFloat
	thinkingBudget int64
	json           bool
	emulator       bool
	verbose        bool
	debug          bool
}

// session is one run: the parsed flags, the client and the output streams.
type session struct {
	flags
	c *client.Client
	// responder scripts the emulator --emulator starts (nil: its default).
	responder emulator.Responder
	stdout    io.Writer
	stderr    io.Writer
	// status is stderr unfiltered, for the progress lines the CLI draws
	// itself with ; server text in them goes through termSafe.
	status io.Writer
}

// exitError carries the process exit code of a failure.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }

func usageErr(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// run is the whole program: it parses args, runs the command, writes the
// reply to stdout and diagnostics to stderr, and returns the exit code (0
// success, 1 failure, 2 bad usage). getenv reads the environment.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := runContext(ctx, args, stdout, stderr, getenv)
	if err == nil {
		return 0
	}
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	// Errors of the library already read "claude: OP: ..."; others get the
	// prefix here, so every error is printed once with it once.
	msg := oneLine(err.Error())
	if !strings.HasPrefix(msg, "claude: ") {
		msg = "claude: " + msg
	}
	stderr = forTerminal(stderr) // the message may hold server text
	fmt.Fprintln(stderr, msg)
	if h := hint(err); h != "" {
		fmt.Fprintln(stderr, "hint: "+h)
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

func runContext(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	s := &session{stdout: forTerminal(stdout), stderr: forTerminal(stderr), status: stderr}
	fs := newFlagSet(&s.flags, stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &exitError{code: 2, err: err}
	}
	rest := fs.Args()
	var cmd *command
	if len(rest) > 0 {
		if cmd = lookup(rest[0]); cmd != nil {
			// Flags may also follow the subcommand: claude models -json.
			if err := fs.Parse(rest[1:]); err != nil {
				return &exitError{code: 2, err: err}
			}
			rest = fs.Args()
		}
	}
	if cmd == nil && len(rest) == 0 {
		fs.Usage()
		return usageErr("no prompt given")
	}
	if cmd != nil && cmd.offline != nil && cmd.offline(rest) {
		return cmd.run(ctx, s, rest)
	}
	if cmd != nil {
		s.responder = cmd.responder
	}
	closeEmu, err := s.connect(ctx, getenv)
	if err != nil {
		return err
	}
	defer closeEmu()
	if cmd != nil {
		return cmd.run(ctx, s, rest)
	}
	return runPrompt(ctx, s, rest)
}

func newFlagSet(f *flags, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("claude", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.model, "model", DefaultModel, "model ID or alias")
	fs.StringVar(&f.system, "system", "", "system prompt")
	fs.Int64Var(&f.maxTokens, "max-tokens", 1024, "maximum tokens to generate")
	fs.Var(&f.temperature, "temperature", "sampling temperature, a `number` from 0 to 1 (default: the API's)")
	fs.Int64Var(&f.thinkingBudget, "thinking-budget", 0, "enable extended thinking with this token budget (at least 1024, below -max-tokens)")
	fs.BoolVar(&f.json, "json", false, "print the final result as JSON instead of text")
	fs.BoolVar(&f.emulator, "emulator", false, "answer from the local emulator on loopback, even when an API key is set")
	fs.BoolVar(&f.verbose, "v", false, "log each request (start, completion, retries, stream outcome) through log/slog to stderr")
	fs.BoolVar(&f.debug, "debug", false, "like -v, and also each attempt's headers, credentials redacted")
	fs.Usage = func() { fmt.Fprint(stderr, usage(fs)) }
	return fs
}

// usage is the help text.
func usage(fs *flag.FlagSet) string {
	var b strings.Builder
	b.WriteString("usage:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 3, ' ', 0)
	fmt.Fprintf(tw, "  claude [flags] \"prompt\"\tstream a reply\n")
	for _, c := range commands {
		fmt.Fprintf(tw, "  claude [flags] %s %s\t%s\n", c.name, c.args, c.summary)
	}
	_ = tw.Flush()
	b.WriteString("\nThe API key comes from ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN, or\n" +
		"secret/-secrets.sh in this directory or a parent). Usage and the request-id\n" +
		"are printed to stderr at the end.\n\nflags:\n")
	var fl strings.Builder
	fs.SetOutput(&fl)
	fs.PrintDefaults()
	fs.SetOutput(nil)
	b.WriteString(fl.String())
	return b.String()
}

// connect builds the client: with -emulator, against an in-process emulator
// it starts (always, whatever the environment holds); else from the
// environment's credentials, else the client's default chain (which also
// reads the workspace secret file). It returns the func that stops the
// emulator.
func (s *session) connect(ctx context.Context, getenv func(string) string) (func(), error) {
	if s.emulator {
		// --emulator always means the emulator, whatever key or base URL the
		// environment holds: a demo must never reach the real API.
		return s.startEmulator(ctx)
	}
	opts := s.logOptions()
	if u := getenv("ANTHROPIC_BASE_URL"); u != "" {
		opts = append(opts, client.WithBaseURL(u))
	}
	switch {
	case getenv("ANTHROPIC_API_KEY") != "":
		opts = append(opts, client.WithAPIKey(getenv("ANTHROPIC_API_KEY")))
	case getenv("ANTHROPIC_AUTH_TOKEN") != "":
		opts = append(opts, client.WithAuthToken(getenv("ANTHROPIC_AUTH_TOKEN")))
	}
	if k := getenv(client.AdminKeyEnv); k != "" {
		opts = append(opts, client.WithAdminKey(k)) // sent on the admin subcommands only
	}
	c, err := client.New(opts...)
	if err == nil {
		s.c = c
		return func() {}, nil
	}
	if !errors.Is(err, client.ErrNoCredentials) {
		return nil, err
	}
	return nil, errors.New("no API key: set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN), or pass --emulator to use the local emulator")
}

// startEmulator starts an in-process emulator on loopback (scripted by the
// command's responder, if it has one) and points the client at it with a
// test key.
func (s *session) startEmulator(ctx context.Context) (func(), error) {
	srv, err := emulator.Start(ctx, emulator.Config{EventDelay: emulatorPace, Responder: s.responder})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(s.stderr, "claude: --emulator: using the local emulator at %s\n", srv.URL())
	c, err := client.New(append(s.logOptions(), client.WithAPIKey("sk-ant-test-emulator"), client.WithAdminKey("sk-ant-admin01-test-emulator"),
		client.WithBaseURL(srv.URL()))...)
	if err != nil {
		_ = srv.Close()
		return nil, err
	}
	s.c = c
	return func() { _ = srv.Close() }, nil
}

// logOptions is -v and -debug: the client's slog logger (client.WithLogger),
// writing text lines to stderr (through the terminal filter: a line may
// hold server text). Keys never appear in them.
func (s *session) logOptions() []client.Option {
	if !s.verbose && !s.debug {
		return nil
	}
	level := slog.LevelInfo
	if s.debug {
		level = slog.LevelDebug
	}
	return []client.Option{client.WithLogger(slog.New(slog.NewTextHandler(s.stderr, &slog.HandlerOptions{Level: level})))}
}

// oneLine folds an error onto a single line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// optFloat is a float flag that may be left unset.
type optFloat struct {
	set bool
	v   float64
}

func (f *optFloat) String() string {
	if f == nil || !f.set {
		return ""
	}
	return strconv.FormatFloat(f.v, 'g', -1, 64)
}

func (f *optFloat) Set(s string) error {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("not a number")
	}
	f.set, f.v = true, v
	return nil
}
