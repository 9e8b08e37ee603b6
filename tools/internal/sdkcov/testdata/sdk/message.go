package sdk

type Usage struct {
	InputTokens  int64    `json:"input_tokens" api:"required"`
	OutputTokens int64    `json:"output_tokens" api:"required"`
	ServiceTier  string   `json:"service_tier" api:"required"`
	Speed        string   `json:"speed"`
	JSON         struct{} `json:"-"`
}

type TextBlockParam struct {
	Text string        `json:"text" api:"required"`
	Type constant.Text `json:"type"`
}

type ContentBlockUnion struct {
	Text  string `json:"text"`
	Extra string `json:"extra"`
}

type CacheMissChanged struct {
	Tokens int64  `json:"cache_missed_input_tokens" api:"required"`
	Reason string `json:"reason" api:"required"`
}

type CacheMissUnavailable struct {
	Reason string `json:"reason" api:"required"`
}
