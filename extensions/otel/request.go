package claudeotel

import (
	"go.opentelemetry.io/otel/attribute"

	"github.com/claudego/claude/client"
)

// providerName is gen_ai.provider.name for every span and metric point: the
// conventions' value for Anthropic.
const providerName = "anthropic"

// operationChat is gen_ai.operation.name of a Messages call.
const operationChat = "chat"

// operationName maps the client's operation ("messages.create",
// "models.list") to gen_ai.operation.name: both Messages calls, plain and
// streamed, are the conventions' "chat"; every other operation keeps the
// client's own name, which the conventions allow for operations they do not
// define (counting tokens, models, batches, files).
func operationName(clientOp string) string {
	switch clientOp {
	case "messages.create", "messages.stream":
		return operationChat
	}
	return clientOp
}

// spanName is the conventions' "{gen_ai.operation.name} {gen_ai.request.model}",
// or the operation alone when the call names no model.
func spanName(op, model string) string {
	if model == "" {
		return op
	}
	return op + " " + model
}

// requestAttributes are the gen_ai.request.* attributes of a call's
// parameters: the sampling settings a Messages request sets (unset ones are
// left out, not reported as zero). Other parameters carry none.
func requestAttributes(params any) []attribute.KeyValue {
	switch p := params.(type) {
	case *client.MessageRequest:
		if p != nil {
			return messageAttributes(p)
		}
	case client.MessageRequest:
		return messageAttributes(&p)
	}
	return nil
}

func messageAttributes(r *client.MessageRequest) []attribute.KeyValue {
	attrs := make([]attribute.KeyValue, 0, 5)
	if r.MaxTokens > 0 {
		attrs = append(attrs, attribute.Int64("gen_ai.request.max_tokens", r.MaxTokens))
	}
	if r.Temperature != nil {
		attrs = append(attrs, attribute.Float64("gen_ai.request.temperature", *r.Temperature))
	}
	if r.TopP != nil {
		attrs = append(attrs, attribute.Float64("gen_ai.request.top_p", *r.TopP))
	}
	if r.TopK != nil {
		// The conventions type top_k as a double.
		attrs = append(attrs, attribute.Float64("gen_ai.request.top_k", float64(*r.TopK)))
	}
	if len(r.StopSequences) > 0 {
		attrs = append(attrs, attribute.StringSlice("gen_ai.request.stop_sequences", r.StopSequences))
	}
	return attrs
}

// usageAttributes are the gen_ai.usage.* attributes. The conventions'
// gen_ai.usage.input_tokens counts every input token, so Anthropic's
// input_tokens (which excludes the cache) plus cache reads and writes; the
// cache counts are also reported on their own.
func usageAttributes(u tokenCounts) []attribute.KeyValue {
	return []attribute.KeyValue{
		attribute.Int64("gen_ai.usage.input_tokens", u.totalInput()),
		attribute.Int64("gen_ai.usage.output_tokens", u.Output),
		attribute.Int64("gen_ai.usage.cache_read.input_tokens", u.CacheRead),
		attribute.Int64("gen_ai.usage.cache_creation.input_tokens", u.CacheCreation),
	}
}

// tokenCounts is a reply's usage as the API reports it.
type tokenCounts struct {
	Input, Output, CacheRead, CacheCreation int64
	// Reported is false when the reply carried no usage.
	Reported bool
}

func (u tokenCounts) totalInput() int64 { return u.Input + u.CacheRead + u.CacheCreation }
