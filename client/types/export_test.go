package types

// Unquote exposes unquote to the external tests.
var Unquote = unquote
