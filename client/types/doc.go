// Package types holds the handwritten methods on the generated response types
// (a Message you can turn back into a request turn, content blocks you can
// switch on). It sits between gen and streaming so that streaming.Stream and
// client.Messages.Create return the same *Message; package client re-exports
// everything here, so users never import it directly.
package types
