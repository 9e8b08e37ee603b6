package quota

import (
	"errors"
	"net/http"

	"github.com/claudego/claude/client/pricing"
	"github.com/claudego/claude/streaming"
)

// watchStream settles a streamed call when its stream ends, with the usage
// the stream reported, through the one body observer the layers share
// (streaming.Watch; ARCHITECTURE.md, rule 9): the quota reads no bytes of
// its own. A stream that ended before message_stop (cut, abandoned,
// cancelled) keeps at least the output estimate (max_tokens): the model may
// have produced up to that many before the cut, and the reported count may
// be message_start's.
func (c *call) watchStream(resp *http.Response) {
	streaming.Watch(resp, streaming.Observer{End: func(v streaming.Verdict) {
		u := v.Usage
		if !u.Reported {
			c.q.s.OnError(errors.New("quota: stream ended without usage; the estimate stands"))
			c.settle(c.est, nil)
			return
		}
		t := pricing.Tokens{
			Input:        u.InputTokens,
			Output:       u.OutputTokens,
			CacheRead:    u.CacheReadInputTokens,
			CacheWrite1h: u.CacheCreation1hInputTokens,
			CacheWrite5m: max(0, u.CacheCreationInputTokens-u.CacheCreation1hInputTokens),
		}
		if v.Outcome != streaming.OutcomeCompleted {
			t.Output = max(t.Output, c.est[2])
		}
		c.settleTokens(t)
	}})
}
