// Package limitstore is where shared limits keep their counts: a small Store
// interface of windowed counters, checked and added atomically, with Memory
// (one process, the default) here and a Redis implementation in the module
// extensions/redisstore, so that a fleet of workers shares one budget. The
// quota extension keeps its counters in a Store.
package limitstore
