// Package client is the typed Claude API client: one package to import for
// requests, responses, errors and options.
//
//	c, err := client.New() // key from ANTHROPIC_API_KEY, ANTHROPIC_AUTH_TOKEN or secret/-secrets.sh
//	msg, err := c.Messages.Create(ctx, client.MessageRequest{
//		Model:     "claude-haiku-4-5",
//		MaxTokens: 256,
//		Messages:  []client.MessageParam{client.UserText("Hello")},
//	})
//
// Requests are validated before they are sent (field-named *ValidationError),
// every API failure is an *APIError that matches the sentinels (ErrOverloaded,
// ErrRateLimited...) with errors.Is, and nothing beyond the documented defaults
// happens automatically: retry, circuit breaking, rate limiting and failover
// are opt-in layers from the extensions packages.
package client
