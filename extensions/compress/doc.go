// Package compress gzips request bodies above a size, at a chosen level,
// only when that makes them smaller, and marks them Content-Encoding: gzip.
// It is for gateways and proxies that accept compressed requests: the public
// Anthropic API does not document accepting them, so do not turn it on
// against api.anthropic.com without checking. Replies need nothing from this
// package: net/http asks for gzip (Accept-Encoding) and decodes it
// transparently, and a gzip stream is still delivered event by event.
// It takes the compression slot of the pipeline, inside retry, so a
// retried attempt resends the same compressed bytes.
package compress
