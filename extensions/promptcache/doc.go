// Package promptcache places prompt-cache breakpoints (cache_control) where
// the API documents them, on the last tool, the last system block and the
// last cacheable block of the conversation, keeping within the API's four
// breakpoints and skipping a breakpoint whose prefix is shorter than the
// model's minimum cacheable length (the API would ignore it). Report tells,
// from a reply's usage, how many input tokens were read from the cache,
// written to it or sent uncached, and what the cache saved.
package promptcache
