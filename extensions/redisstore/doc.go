// Package redisstore keeps shared limits in Redis: a limitstore.Store whose
// Take, Add, Raise and Get are Lua scripts run atomically by the server, so
// concurrent workers in any number of processes never both pass a limit
// only one of them fits under, nor both raise a counter another already
// raised. Keys are the caller's (the quota namespaces them by organization
// or workspace, period and window; the rate limiter by namespace and
// metric). A windowed counter is a string expiring with its window; a token
// bucket (limitstore.Counter.Refill) is a hash of its spend and the time of
// it on the Redis server's clock, which every worker shares, expiring when
// it has refilled. So a Redis restart loses at most the current windows and
// one bucket's worth.
//
// What happens when Redis is unreachable is a setting: fail closed (the
// default: calls fail with ErrUnavailable) or fail open (counts go to a
// local in-memory store, and each failure is reported to OnError).
//
// It is a module of its own so the core module does not depend on
// go-redis. In Redis Cluster, give the quota a Namespace in braces (for
// example "{org-123}") so all of a call's keys hash to one slot.
package redisstore
