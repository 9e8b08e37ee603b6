// Package rttest holds the shared tests of the reliability layers: Run, the
// http.RoundTripper contract checked against any layer in the style of
// testing/slogtest, and Faults, a fault-injecting API handler, served on
// loopback TCP by Server or on a pipenet.Network under testing/synctest.
package rttest
