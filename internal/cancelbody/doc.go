// Package cancelbody is the one wrapper that ties a response body to the
// context.CancelFunc of the call or attempt that produced it: closing the
// body closes it, then cancels. The client (a download, a call's timeout) and
// the extensions (a retry attempt's timeout) all hand bodies out this way, so
// there is one order and one place to fix it (ARCHITECTURE.md, rule 9).
//
// The order matters: closing first lets net/http return a fully read
// connection to its pool; cancelling first would make the transport tear the
// connection down.
package cancelbody
