package claudeotel

import (
	"time"

	"go.opentelemetry.io/otel/attribute"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/streaming"
)

// reply is what a call's end says about its reply, from call_end and, for a
// stream, the stream_end before it.
type reply struct {
	id, model, stopReason, requestID string
	usage                            tokenCounts
	verdict                          streaming.Verdict
	err                              error
	errorType                        string // the client's class of err (client.ErrorType)
	duration                         time.Duration
	message                          *client.Message // the reply, when content capture asked for it
}

// replyOf merges call_end with a stream's stream_end: call_end's fields
// win when set; the stream's usage and verdict fill in what it left out.
func replyOf(end, streamEnd client.Event, gotStreamEnd bool) reply {
	r := reply{
		id: end.ResponseID, model: end.ResponseModel, stopReason: end.StopReason,
		requestID: end.RequestID, usage: countsOf(end.Usage), verdict: end.Verdict,
		err: end.Err, errorType: end.ErrorType, duration: end.Duration, message: end.Message,
	}
	if !gotStreamEnd {
		return r
	}
	if r.errorType == "" {
		r.errorType = streamEnd.ErrorType
	}
	if r.message == nil {
		r.message = streamEnd.Message
	}
	if !r.usage.Reported {
		r.usage = countsOf(streamEnd.Usage)
	}
	if r.verdict.Outcome == streaming.OutcomePending {
		r.verdict = streamEnd.Verdict
	}
	if r.err == nil {
		r.err = streamEnd.Err
	}
	for _, f := range [...]struct {
		dst *string
		src string
	}{
		{&r.id, streamEnd.ResponseID}, {&r.model, streamEnd.ResponseModel},
		{&r.stopReason, streamEnd.StopReason}, {&r.requestID, streamEnd.RequestID},
	} {
		if *f.dst == "" {
			*f.dst = f.src
		}
	}
	if r.duration == 0 {
		r.duration = streamEnd.Duration
	}
	return r
}

func countsOf(u streaming.Usage) tokenCounts {
	return tokenCounts{
		Input: u.InputTokens, Output: u.OutputTokens,
		CacheRead: u.CacheReadInputTokens, CacheCreation: u.CacheCreationInputTokens,
		Reported: u.Reported,
	}
}

// attributes are the reply's span attributes: response id, model, finish
// reasons (the API's stop_reason, as the conventions say to report the
// provider's value), usage and the request-id.
func (r reply) attributes() []attribute.KeyValue {
	attrs := make([]attribute.KeyValue, 0, 9)
	if r.id != "" {
		attrs = append(attrs, attribute.String("gen_ai.response.id", r.id))
	}
	if r.model != "" {
		attrs = append(attrs, attribute.String("gen_ai.response.model", r.model))
	}
	if r.stopReason != "" {
		attrs = append(attrs, attribute.StringSlice("gen_ai.response.finish_reasons", []string{r.stopReason}))
	}
	if r.usage.Reported {
		attrs = append(attrs, usageAttributes(r.usage)...)
	}
	if r.requestID != "" {
		attrs = append(attrs, attribute.String("anthropic.request_id", r.requestID))
	}
	return attrs
}

// contentAttributes are the opt-in content attributes of a Messages
// request: its turns and its system prompt.
func contentAttributes(params any) []attribute.KeyValue {
	var r *client.MessageRequest
	switch p := params.(type) {
	case *client.MessageRequest:
		r = p
	case client.MessageRequest:
		r = &p
	}
	if r == nil {
		return nil
	}
	msgs, system := inputMessages(r)
	attrs := []attribute.KeyValue{attribute.String("gen_ai.input.messages", msgs)}
	if system != "" {
		attrs = append(attrs, attribute.String("gen_ai.system_instructions", system))
	}
	return attrs
}
