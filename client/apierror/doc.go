// Package apierror holds the one error type the API produces, its sentinels and
// the typed view of the rate-limit headers. It imports nothing else from this
// module, so streaming, client and every extension can share it without an
// import cycle; package client re-exports all of it, and users should import
// client rather than this package.
package apierror
