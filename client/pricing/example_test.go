package pricing_test

import (
	"fmt"

	"github.com/claudego/claude/client"
	"github.com/claudego/claude/client/pricing"
)

func ExampleCost() {
	read := int64(2055)
	u := client.Usage{InputTokens: 11, OutputTokens: 100, CacheReadInputTokens: &read}
	b, err := pricing.Cost("claude-sonnet-4-5-20250929", u)
	if err != nil {
		panic(err)
	}
	fmt.Printf("total $%.7f, cache saved $%.7f\n", b.Total, b.Saved)
	_, err = pricing.Cost("claude-next-9", u)
	fmt.Println(err != nil)
	// Output:
	// total $0.0021495, cache saved $0.0055485
	// true
}
