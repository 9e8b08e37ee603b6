// Package faults holds only the fault-injection suite of the reliability
// extensions: every fault of rttest.Server against every configuration
// (nothing on, retry, retry + breaker, the preset, retry + failover with one
// endpoint down), driven through a real client.New and Messages.Create or
// Messages.Stream. Run `go test -run TestFaultTable -v` to print the table.
package faults
