package batch_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/claudego/claude/extensions/batch/batchtest"
)

// fakeProcessEnv, when set to 1, makes the test binary serve the batch fake
// instead of running tests (see startFakeProcess).
const fakeProcessEnv = "CLAUDE_BATCH_FAKE_PROCESS"

// TestMain fails the package if any goroutine outlives the tests: a run,
// stopped or finished, leaves nothing behind. Started as the fake's process,
// it serves until its stdin closes.
func TestMain(m *testing.M) {
	if os.Getenv(fakeProcessEnv) == "1" {
		serveFakeProcess()
		return
	}
	goleak.VerifyTestMain(m)
}

// serveFakeProcess serves batchtest.Server on a loopback port, prints the
// URL on stdout, and exits when stdin closes.
func serveFakeProcess() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	srv := &http.Server{Handler: &batchtest.Server{}}
	go func() { _ = srv.Serve(ln) }()
	fmt.Println("http://" + ln.Addr().String())
	_, _ = io.Copy(io.Discard, os.Stdin)
	_ = srv.Close()
	os.Exit(0)
}

// startFakeProcess runs the batch fake in a child process and returns its
// URL: a benchmark's heap and allocation figures are then the runner's
// alone, as in a real run against the API.
func startFakeProcess(b *testing.B) string {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), fakeProcessEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stdin.Close(); _ = cmd.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("fake process: %v", err)
	}
	return strings.TrimSpace(line)
}
