// Package rttest holds the shared tests of the reliability layers: Run, the
// http.RoundTripper contract checked against any layer in the style of
// testing/slogtest, and Server, a fault-injecting loopback API server.
package rttest
