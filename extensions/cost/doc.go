// Package cost prices a call from its usage: a pricing table kept as data
// (pricing.json, embedded, with the date and source it was taken from, and
// replaceable by the caller's own table) and Table.Cost, which prices any
// client.Usage, streamed or not, batch or not, including cache writes at
// their 5-minute and 1-hour rates and cache reads. A model the table does not
// know is an error (*UnknownModelError), never a silent zero.
//
// Prices change: the table says when it was taken (Table.Date) so a stale
// table is visible, and Load reads a newer one without a release.
package cost
