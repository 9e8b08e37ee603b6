package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// serverEnv makes the bench binary run as the loopback API server, in its
// own process so its CPU and memory stay out of the client's measurements.
const serverEnv = "CLAUDEGO_BENCH_SERVER"

// runServer listens on loopback, prints the address, and serves until its
// stdin closes (the parent exiting or closing the pipe).
func runServer() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bodies := map[string][]byte{}
	for _, sc := range scenarios {
		if _, ok := bodies[sc.path]; !ok {
			bodies[sc.path] = sc.body()
		}
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		// The scenario comes in a header: claude-go's WithBaseURL keeps no
		// path prefix, so the three clients share the server root.
		prefix := strings.TrimPrefix(r.Header.Get("x-bench-scenario"), "/")
		body, ok := bodies["/"+prefix]
		if !ok {
			http.Error(w, `{"type":"error","error":{"type":"not_found_error","message":"no scenario"}}`, 404)
			return
		}
		h := w.Header()
		h.Set("request-id", "req_bench")
		if strings.HasPrefix(prefix, "create") {
			h.Set("Content-Type", "application/json")
			h.Set("Content-Length", strconv.Itoa(len(body)))
		} else {
			h.Set("Content-Type", "text/event-stream; charset=utf-8")
			h.Set("Cache-Control", "no-cache")
		}
		_, _ = w.Write(body)
	})}
	fmt.Println(ln.Addr().String())
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	_ = srv.Serve(ln)
}

const messageStart = `{"type":"message_start","message":{"model":"claude-sonnet-4-5-20250929","id":"msg_01BnVamfF7ccY9Qt3nZHAyaG","type":"message","role":"assistant","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":543,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":1,"service_tier":"standard"}}}`

// words are the text deltas, cycled; some carry escapes as real text does.
var words = []string{"The ", "quick ", "brown ", "fox ", "jumps ", "over ", "the ", "lazy ", "dog", `. \"Yes\"`, `,\n`, "and ", "then ", "some ", "more ", "text ", "follows ", "here", `.\n\n`, "Next "}

// textStream is a streamed reply of n text deltas, as the API frames it
// (event: and data: lines, the API's padding on content_block_stop).
func textStream(n int) []byte {
	var b strings.Builder
	ev := func(typ, data string) {
		b.WriteString("event: " + typ + "\ndata: " + data + "\n\n")
	}
	ev("message_start", messageStart)
	ev("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}`)
	ev("ping", `{"type": "ping"}`)
	for i := 0; i < n; i++ {
		ev("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"`+words[i%len(words)]+`"}}`)
	}
	ev("content_block_stop", `{"type":"content_block_stop","index":0        }`)
	ev("message_delta", `{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":543,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":`+strconv.Itoa(n)+`}}`)
	ev("message_stop", `{"type":"message_stop"   }`)
	return []byte(b.String())
}

// toolInput is the JSON a tool call streams: a list of small objects.
func toolInput(size int) string {
	var b strings.Builder
	b.WriteString(`{"items": [`)
	for i := 0; b.Len() < size; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `{"id": %d, "name": "item %d", "tags": ["a", "b"]}`, i, i)
	}
	b.WriteString("]}")
	return b.String()
}

// jsonStream is a tool_use block whose input arrives in n input_json_delta
// pieces.
func jsonStream(n int) []byte {
	input := toolInput(n * 12)
	var b strings.Builder
	ev := func(typ, data string) {
		b.WriteString("event: " + typ + "\ndata: " + data + "\n\n")
	}
	ev("message_start", messageStart)
	ev("content_block_start", `{"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_01CzN6riCPqw4pVSuTd9Dwn7","name":"list_items","input":{}}}`)
	piece := (len(input) + n - 1) / n
	for i := 0; i < n; i++ {
		lo, hi := min(i*piece, len(input)), min((i+1)*piece, len(input))
		p, _ := json.Marshal(input[lo:hi])
		ev("content_block_delta", `{"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":`+string(p)+`}}`)
	}
	ev("content_block_stop", `{"type":"content_block_stop","index":0   }`)
	ev("message_delta", `{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":`+strconv.Itoa(n)+`}}`)
	ev("message_stop", `{"type":"message_stop"}`)
	return []byte(b.String())
}

// createReply is a non-streamed reply whose text makes it about size bytes.
func createReply(size int) []byte {
	var text strings.Builder
	for i := 0; text.Len() < size-400; i++ {
		text.WriteString(strings.ReplaceAll(strings.ReplaceAll(words[i%len(words)], `\"`, `"`), `\n`, "\n"))
	}
	t, _ := json.Marshal(text.String())
	return []byte(`{"model":"claude-sonnet-4-5-20250929","id":"msg_01BnVamfF7ccY9Qt3nZHAyaG","type":"message","role":"assistant","content":[{"type":"text","text":` + string(t) + `}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":543,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":0},"output_tokens":120,"service_tier":"standard"}}`)
}

// startServer re-executes this binary as the server and returns its base
// URL and a stop func.
func startServer() (string, func(), error) {
	exe, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := execCommand(exe)
	cmd.Env = append(os.Environ(), serverEnv+"=1")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return "", nil, fmt.Errorf("server did not start: %w", err)
	}
	stop := func() {
		_ = stdin.Close()
		_ = cmd.Wait()
	}
	return "http://" + strings.TrimSpace(addr), stop, nil
}
