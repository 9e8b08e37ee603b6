// Package emulatorotel runs the OpenTelemetry module against the emulator.
// Its tests live here rather than in package emulator because a user's own
// module that imports the emulator (README, "The emulator") makes `go mod
// tidy` load the emulator's tests: had they imported extensions/otel, every
// such module would need a replace for the otel module too.
package emulatorotel
