// Package quota enforces budgets per minute, day and month (requests, input
// and output tokens, and cost in USD), per model or overall, before a call is
// sent, from an estimate (the body's size for input, max_tokens for output),
// then corrects the counts with the real usage of the reply, streamed or not.
// A call that would pass a limit fails with *ExceededError (errors.Is
// ErrQuotaExceeded), which names the limit and when its window resets.
//
// The counts live in a limitstore.Store: in this process by default, or in
// Redis (extensions/redisstore) so a fleet of workers shares one budget.
// Usage per model, priced with the one pricing table (client/pricing), is
// kept for export as JSON. Reconcile starts the day's and month's counters
// from the organization's admin usage and cost reports, so a restarted
// process does not start from zero. Streams are settled through
// streaming.Watch, the body observer every layer shares.
// Install it with New(cfg) (or NewQuota(cfg).Option() to read its usage); it takes the quota slot of the pipeline,
// outside the rate limiter and retry, so a call is counted once however many
// attempts it takes.
package quota
