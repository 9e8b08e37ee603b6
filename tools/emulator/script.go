package emulator

// Script is a Responder that plays replies in order, one per assistant
// turn: the reply to a request is replies[n], n being the number of
// assistant turns already in its conversation, so it is deterministic and
// holds no state (concurrent conversations each get the whole script). A
// reply may hold several tool calls, which come back as several tool_use
// blocks in one turn (IDs are filled in when left empty). Past the script,
// EchoResponder answers (after tool results, it reports them).
func Script(replies ...Reply) Responder {
	return func(req *Request) Reply {
		n := 0
		for _, t := range req.Messages {
			if t.Role == "assistant" {
				n++
			}
		}
		if n < len(replies) {
			r := replies[n]
			r.ToolCalls = append([]ToolCall(nil), r.ToolCalls...)
			return r
		}
		return EchoResponder(req)
	}
}
