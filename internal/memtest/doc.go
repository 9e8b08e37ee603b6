// Package memtest measures memory for this module's benchmarks: the peak
// heap while a workload runs, which is what "flat memory for a file of any
// size" means in practice. Test-only helpers; nothing in the library uses it.
package memtest
