package jsonscan_test

import (
	"testing"

	"github.com/claudego/claude/internal/jsonscan"
)

func TestTopLevelNull(t *testing.T) {
	t.Parallel()
	cases := map[string]int{
		`{"a":1,"messages":null}`:                       18,
		`{"x":{"messages":null},"messages":null}`:       34,
		`{"x":"\"messages\":null","messages":null}`:     36,
		`{"messages":[]}`:                               -1,
		`{"x":["messages",null]}`:                       -1,
		`{"x":"a\\","messages":null,"y":"messages"}`:    22,
		`["messages",{"messages":null}]`:                -1,
		`{"messages":null`:                              12,
		`{"y":[{"messages":null}],"messages":nul`:       -1,
		`{"messagesX":null,"messages":null}`:            29,
		`{"a":{"b":{"messages":null}},"messages":null}`: 40,
		`{"messages":1,"messages":null}`:                25,
		` { "messages" : null } `:                       16,
	}
	for in, want := range cases {
		if got := jsonscan.TopLevelNull([]byte(in), "messages"); got != want {
			t.Errorf("TopLevelNull(%s) = %d, want %d", in, got, want)
		}
	}
}
