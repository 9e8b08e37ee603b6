// Package redisstore keeps shared limits in Redis: a limitstore.Store whose
// Take and Add are Lua scripts run atomically by the server, so concurrent
// workers in any number of processes never both pass a limit only one of
// them fits under. Keys are the caller's (the quota namespaces them by
// organization or workspace, period and window) and expire with their
// window, so a Redis restart loses at most the current windows.
//
// What happens when Redis is unreachable is a setting: fail closed (the
// default: calls fail with ErrUnavailable) or fail open (counts go to a
// local in-memory store, and each failure is reported to OnError).
//
// It is a module of its own so the core module does not depend on
// go-redis. In Redis Cluster, give the quota a Namespace in braces (for
// example "{org-123}") so all of a call's keys hash to one slot.
package redisstore
