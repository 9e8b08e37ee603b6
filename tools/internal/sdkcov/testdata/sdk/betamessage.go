package sdk

type BetaUsage struct {
	InputTokens int64 `json:"input_tokens" api:"required"`
}
