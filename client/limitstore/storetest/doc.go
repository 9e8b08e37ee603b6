// Package storetest is a conformance suite for limitstore.Store
// implementations, in the style of testing/slogtest: the in-memory store and
// the Redis store run the same tests.
package storetest
