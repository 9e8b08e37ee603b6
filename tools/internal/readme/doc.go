// Package readme keeps README.md executable: its test extracts every Go
// block of the README, wraps each in a function of one generated program,
// builds it, and runs each block against the emulator, so an example that
// stops compiling, discards an error or fails against the emulator fails
// `make test`. The same test checks that no Example function in the
// repository discards an error.
//
// A block is a fragment: it may use ctx (a context.Context), c (a
// *client.Client made by client.New() from ANTHROPIC_API_KEY,
// ANTHROPIC_ADMIN_KEY and ANTHROPIC_BASE_URL, which the test points at the
// emulator), req (a
// client.MessageRequest) and msg (the *client.Message that req got). Its
// import lines name packages by path; the program imports what each block
// uses. A block preceded by the line
//
//	<!-- readme: compile-only: REASON -->
//
// is built but not run (for example because it dials the real API).
package readme
