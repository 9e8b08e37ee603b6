// Package limitstore is where shared limits keep their counts: a small Store
// interface of counters (calendar windows, and token buckets that refill
// continuously), taken, corrected and raised atomically, with Memory
// (one process, the default) here and a Redis implementation in the module
// extensions/redisstore, so that a fleet of workers shares one budget. The
// quota and the rate limiter keep their counters in a Store; the interface
// lives under client because both, and redisstore, share it (ARCHITECTURE.md,
// Layers: vocabulary two extensions share is declared in client).
package limitstore
