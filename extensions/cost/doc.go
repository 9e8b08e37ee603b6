// Package cost prices a call from its usage. It is the older name of
// client/pricing, where the one pricing table now lives (ARCHITECTURE.md,
// Layers: vocabulary extensions share is declared in client); every name
// here is an alias of, or forwards to, the same name there, so code written
// against either package prices with the same table.
package cost
