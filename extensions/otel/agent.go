package claudeotel

import (
	"context"
	"encoding/json"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/internal/redact"
)

// The conventions' operation names of an agent run and a tool call.
const (
	operationInvokeAgent = "invoke_agent"
	operationExecuteTool = "execute_tool"
)

// agentKey and toolKey find this observer's invoke_agent and execute_tool
// spans in the contexts ScopeStart returns.
type (
	agentKey struct{ o *observer }
	toolKey  struct{ o *observer }
)

var _ client.ScopeObserver = (*observer)(nil)

// ScopeStart opens the span of an agent run (extensions/agent) or of one of
// its tool calls, per the conventions' agent spans: "invoke_agent {name}"
// (INTERNAL: the agent runs in this process) with gen_ai.operation.name,
// gen_ai.provider.name, gen_ai.agent.name and gen_ai.request.model at
// creation; "execute_tool {tool}" (INTERNAL) with gen_ai.tool.name,
// gen_ai.tool.call.id and gen_ai.tool.type ("function": the application
// runs it), a child of the run's span; with content capture on, also the
// opt-in gen_ai.tool.call.arguments and, at its end,
// gen_ai.tool.call.result. The run's calls ("chat {model}") and
// what a tool sends are children of these spans, as they run with the
// returned context.
func (o *observer) ScopeStart(ctx context.Context, e client.Event) context.Context {
	switch e.Kind {
	case client.EventAgentStart:
		attrs := []attribute.KeyValue{
			attribute.String("gen_ai.operation.name", operationInvokeAgent),
			attribute.String("gen_ai.provider.name", providerName),
		}
		if e.Name != "" {
			attrs = append(attrs, attribute.String("gen_ai.agent.name", e.Name))
		}
		if e.Model != "" {
			attrs = append(attrs, attribute.String("gen_ai.request.model", e.Model))
		}
		ctx, span := o.tracer.Start(ctx, spanName(operationInvokeAgent, e.Name),
			trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(attrs...))
		return context.WithValue(ctx, agentKey{o}, span)
	case client.EventToolStart:
		parent := ctx
		// Parent it on this observer's run span explicitly: another
		// observer's ScopeStart may have put its own span in ctx since.
		if run, _ := ctx.Value(agentKey{o}).(trace.Span); run != nil {
			parent = trace.ContextWithSpan(ctx, run)
		}
		attrs := []attribute.KeyValue{
			attribute.String("gen_ai.operation.name", operationExecuteTool),
			attribute.String("gen_ai.tool.name", e.Name),
			attribute.String("gen_ai.tool.call.id", e.ToolCallID),
			attribute.String("gen_ai.tool.type", "function"),
			attribute.Int("claude.agent.turn", e.Turn),
		}
		if o.capture && len(e.Body) > 0 {
			attrs = append(attrs, attribute.String("gen_ai.tool.call.arguments", toolContent(e.Body)))
		}
		_, span := o.tracer.Start(parent, spanName(operationExecuteTool, e.Name),
			trace.WithSpanKind(trace.SpanKindInternal), trace.WithAttributes(attrs...))
		return context.WithValue(trace.ContextWithSpan(ctx, span), toolKey{o}, span)
	}
	o.Observe(ctx, e)
	return ctx
}

// agentEnd closes the run's span with its usage (the run's total, as the
// conventions' gen_ai.usage.* count it), the last reply's finish reason, the
// turns sent, and error.type and status Error when the run failed.
func (o *observer) agentEnd(ctx context.Context, e client.Event) {
	span, _ := ctx.Value(agentKey{o}).(trace.Span)
	if span == nil {
		return
	}
	mattrs := make([]attribute.KeyValue, 0, 5)
	mattrs = append(mattrs, attribute.String("gen_ai.operation.name", operationInvokeAgent),
		attribute.String("gen_ai.provider.name", providerName))
	if e.Name != "" {
		mattrs = append(mattrs, attribute.String("gen_ai.agent.name", e.Name))
	}
	if e.Model != "" {
		mattrs = append(mattrs, attribute.String("gen_ai.request.model", e.Model))
	}
	if e.ErrorType != "" {
		mattrs = append(mattrs, attribute.String("error.type", e.ErrorType))
	}
	o.inst.agentDuration.Record(ctx, e.Duration.Seconds(), metric.WithAttributes(mattrs...))
	attrs := []attribute.KeyValue{attribute.Int("claude.agent.turns", e.Turn)}
	if e.StopReason != "" {
		attrs = append(attrs, attribute.StringSlice("gen_ai.response.finish_reasons", []string{e.StopReason}))
	}
	if e.Usage.Reported {
		attrs = append(attrs, usageAttributes(countsOf(e.Usage))...)
	}
	endScope(span, attrs, e)
}

// toolEnd closes a tool call's span with its outcome, and error.type (the
// outcome) and status Error when it did not end ok.
func (o *observer) toolEnd(ctx context.Context, e client.Event) {
	span, _ := ctx.Value(toolKey{o}).(trace.Span)
	if span == nil {
		return
	}
	mattrs := []attribute.KeyValue{attribute.String("gen_ai.operation.name", operationExecuteTool), attribute.String("gen_ai.tool.name", e.Name)}
	if e.ErrorType != "" {
		mattrs = append(mattrs, attribute.String("error.type", e.ErrorType))
	}
	o.inst.toolDuration.Record(ctx, e.Duration.Seconds(), metric.WithAttributes(mattrs...))
	attrs := []attribute.KeyValue{attribute.String("claude.tool.outcome", e.Outcome)}
	if o.capture && len(e.Body) > 0 {
		attrs = append(attrs, attribute.String("gen_ai.tool.call.result", toolContent(e.Body)))
	}
	endScope(span, attrs, e)
}

// toolContent is a tool call's input or result as content capture records
// it (gen_ai.tool.call.arguments, gen_ai.tool.call.result): a text result as
// its text, JSON with every base64 image or document elided to its length
// (internal/redact, the logger's rule).
func toolContent(body []byte) string {
	var text string
	if body[0] == '"' && json.Unmarshal(body, &text) == nil {
		return text
	}
	return string(redact.JSON(body))
}

func endScope(span trace.Span, attrs []attribute.KeyValue, e client.Event) {
	if e.ErrorType != "" {
		attrs = append(attrs, attribute.String("error.type", e.ErrorType))
		span.SetStatus(codes.Error, errorMessage(e.Err, e.ErrorType))
	}
	span.SetAttributes(attrs...)
	span.End()
}
