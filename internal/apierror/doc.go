// Package apierror holds the one error type the API produces, its sentinels and
// the typed view of the rate-limit headers. It imports nothing else from this
// module, so streaming and client can share it without an import cycle. It is
// internal: package client gives each name here its public alias or function
// (client.APIError, client.ErrRateLimited, client.ParseRetryAfter...), which
// users and extensions use (ARCHITECTURE.md, Layers).
package apierror
