package promptcache_test

import (
	"fmt"
	"strings"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/extensions/promptcache"
)

func ExamplePlace() {
	req := client.MessageRequest{
		Model:     "claude-sonnet-4-5",
		MaxTokens: 512,
		System:    client.SystemText(strings.Repeat("A long style guide. ", 400)),
		Messages:  []client.MessageParam{client.UserText("Review my draft.")},
	}
	p, err := promptcache.Place(&req, promptcache.Config{})
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Added)

	read := int64(2000)
	s, err := promptcache.Report("claude-sonnet-4-5", client.Usage{InputTokens: 20, OutputTokens: 100, CacheReadInputTokens: &read})
	if err != nil {
		panic(err)
	}
	fmt.Printf("cached %d, uncached %d, saved $%.4f\n", s.CachedTokens, s.UncachedTokens, s.SavedUSD)
	// Output:
	// [system[0] messages[0].content[0]]
	// cached 2000, uncached 20, saved $0.0054
}
