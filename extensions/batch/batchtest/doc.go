// Package batchtest is a fake of the Message Batches API: an http.Handler
// that runs the batch lifecycle (in_progress, then ended; cancel through
// canceling) and serves results as JSON Lines, for tests, examples and the
// emulator, which can mount a Server on /v1/messages/batches and
// /v1/messages/batches/. It keeps only the custom_ids of each batch, so
// hundreds of thousands of requests cost a few megabytes.
package batchtest
