// Package jsonscan walks JSON that encoding/json has already validated (a
// decoded response, a union's raw bytes) with tight loops instead of
// encoding/json's general scanner: a 200 KB string is crossed with
// bytes.IndexByte rather than byte by byte. Used on the hot paths of the
// client (decoding replies, validating requests); not for untrusted input
// that nothing has validated.
package jsonscan
