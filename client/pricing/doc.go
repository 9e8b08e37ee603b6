// Package pricing prices a call from its usage: a pricing table kept as data
// (pricing.json, embedded, with the date and source it was taken from, and
// replaceable by the caller's own table) and Table.Cost, which prices any
// client.Usage, streamed or not, batch or not, including cache writes at
// their 5-minute and 1-hour rates and cache reads. A model the table does not
// know is an error (*UnknownModelError), never a silent zero.
//
// It is vocabulary several extensions share (the quota, prompt caching, the
// agent's dollar budgets, the cost command), so it lives under client
// (ARCHITECTURE.md, Layers): one table, one Cost, no extension importing
// another. extensions/cost re-exports it under its older names.
//
// Prices change: the table says when it was taken (Table.Date) so a stale
// table is visible, and Load reads a newer one without a release.
package pricing
