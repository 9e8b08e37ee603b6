package claudeotel_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	otelprom "go.opentelemetry.io/otel/exporters/prometheus"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/claudego/claude/client"
	claudeotel "github.com/claudego/claude/extensions/otel"
)

// exampleAPI is a loopback Messages API answering every request with one
// short reply.
func exampleAPI() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "req_example")
		fmt.Fprint(w, `{"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5","content":[{"type":"text","text":"Hi!"}],"stop_reason":"end_turn","usage":{"input_tokens":3,"output_tokens":2,"cache_read_input_tokens":5}}`)
	}))
}

func ExampleNew() {
	srv := exampleAPI()
	defer srv.Close()

	// Any TracerProvider works; this one keeps the ended spans in memory.
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	defer func() { _ = tp.Shutdown(context.Background()) }()

	c, err := client.New(
		client.WithAPIKey("sk-ant-test-example"),
		client.WithBaseURL(srv.URL),
		claudeotel.New(claudeotel.Config{TracerProvider: tp}),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Messages.Create(ctx, client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 64,
		Messages: []client.MessageParam{client.UserText("Hello")},
	}); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range spans.Ended() {
		fmt.Println(s.Name())
		for _, kv := range s.Attributes() {
			switch kv.Key {
			case "gen_ai.provider.name", "gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens",
				"gen_ai.response.finish_reasons", "http.response.status_code", "anthropic.request_id":
				fmt.Printf("  %s = %s\n", kv.Key, kv.Value.Emit())
			}
		}
	}
	// Output:
	// messages.create attempt
	//   http.response.status_code = 200
	//   anthropic.request_id = req_example
	// chat claude-haiku-4-5
	//   gen_ai.provider.name = anthropic
	//   gen_ai.response.finish_reasons = ["end_turn"]
	//   gen_ai.usage.input_tokens = 8
	//   gen_ai.usage.output_tokens = 2
	//   anthropic.request_id = req_example
}

// A Prometheus endpoint: the OpenTelemetry Prometheus exporter reads the
// module's metrics when /metrics is scraped.
func ExampleNew_prometheus() {
	srv := exampleAPI()
	defer srv.Close()

	registry := prometheus.NewRegistry()
	exporter, err := otelprom.New(otelprom.WithRegisterer(registry), otelprom.WithoutScopeInfo(), otelprom.WithoutTargetInfo())
	if err != nil {
		fmt.Println(err)
		return
	}
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(exporter))
	defer func() { _ = mp.Shutdown(context.Background()) }()
	metrics := httptest.NewServer(promhttp.HandlerFor(registry, promhttp.HandlerOpts{}))
	defer metrics.Close()

	c, err := client.New(
		client.WithAPIKey("sk-ant-test-example"),
		client.WithBaseURL(srv.URL),
		claudeotel.New(claudeotel.Config{MeterProvider: mp}),
	)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := c.Messages.Create(ctx, client.MessageRequest{
		Model: "claude-haiku-4-5", MaxTokens: 64,
		Messages: []client.MessageParam{client.UserText("Hello")},
	}); err != nil {
		fmt.Println(err)
		return
	}

	resp, err := http.Get(metrics.URL)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(io.LimitReader(resp.Body, 1<<20))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "gen_ai_client_token_usage_sum") || strings.HasPrefix(line, "claude_client_requests_total") {
			// The loopback server's port changes from run to run.
			fmt.Println(serverPort.ReplaceAllString(line, ""))
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// claude_client_requests_total{gen_ai_operation_name="chat",gen_ai_provider_name="anthropic",gen_ai_request_model="claude-haiku-4-5",http_response_status_code="200",server_address="127.0.0.1"} 1
	// gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",gen_ai_provider_name="anthropic",gen_ai_request_model="claude-haiku-4-5",gen_ai_response_model="claude-haiku-4-5",gen_ai_token_type="input",server_address="127.0.0.1"} 8
	// gen_ai_client_token_usage_sum{gen_ai_operation_name="chat",gen_ai_provider_name="anthropic",gen_ai_request_model="claude-haiku-4-5",gen_ai_response_model="claude-haiku-4-5",gen_ai_token_type="output",server_address="127.0.0.1"} 2
}

var serverPort = regexp.MustCompile(`,server_port="[0-9]+"`)
