// Package types holds the handwritten methods on the generated response types
// (a Message you can turn back into a request turn, content blocks you can
// switch on). It sits between gen and streaming so that streaming.Stream and
// client.Messages.Create return the same *Message. It is internal: package
// client re-exports everything here as aliases (client.Message,
// client.BlockOf...), the names users and extensions use (ARCHITECTURE.md,
// Layers).
package types
