// Package limitstore is the older name of client/limitstore, where the
// counter store the quota and the rate limiter keep their limits in now
// lives (ARCHITECTURE.md, Layers: vocabulary extensions share is declared in
// client). Every name here is an alias of, or forwards to, the same name
// there.
package limitstore
