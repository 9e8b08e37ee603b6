// Package secrets checks credentials before they go on the wire and lets an
// audit hook see every use of one. CheckKey refuses the copy-paste accidents
// (whitespace, quotes, line breaks, control bytes) with an error naming the
// byte offset and never the key; a key without the sk-ant- prefix sent to
// Anthropic's own host is reported (gateways keep their own formats). The
// layer (New(cfg), or NewAuditor(cfg).Option()) takes the secrets slot, just
// before the transport, so it sees each attempt's credential as it is sent;
// the audit hook gets a short hash of the key and a use counter, never the
// key.
package secrets
