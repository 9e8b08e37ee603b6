// Package batch runs workloads of any size through the Message Batches API,
// the path for work that outgrows one machine's rate limits: half the price
// of Messages calls, up to 100,000 requests or 256 MB per batch, results
// within 24 hours.
//
// A Runner takes an iterator of requests (millions never sit in memory at
// once), splits them into batches under the request-count and byte limits
// (lowerable in Config), submits them with bounded concurrency and pacing,
// polls each batch with a backoff that honours retry-after, and yields every
// result keyed by custom_id as each batch ends. With Config.StateFile it
// saves its progress atomically and a new Runner resumes from it after a
// crash or a stop; Config.OnProgress feeds a progress bar; cancelling the
// context stops everything and, with Config.CancelOnStop, cancels the
// submitted batches too.
//
// Memory stays flat whatever the input: each request is validated and
// encoded once as it is read, and only its bytes are kept, in memory up to
// Config.SpoolAfter (8 MiB) and past that in a temporary file in
// Config.SpoolDir, from which the batch is sent (client
// BatchesService.CreateEncoded). A million requests at the API's limits run
// in about 40 MB of heap (BenchmarkRunner1M).
//
// The runner retries nothing itself: each call goes through the client's
// pipeline, so the client's retry layer (extensions/retry, or the preset)
// decides how often a failed create, poll or results request is sent, and
// the two never multiply. See Runner.
//
// Subpackage batchtest is a fake of the batch endpoints for tests, examples
// and the emulator.
package batch
