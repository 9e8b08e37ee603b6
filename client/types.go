package client

import "github.com/claudego/claude/client/types"

// Message is a reply from the model (the generated gen.Message plus Text,
// ToolUses and ToParam). Messages.Create and streaming.Stream.Message return
// the same type.
type Message = types.Message

// UnknownBlock is a content block, delta or event of a type this version does
// not know; Raw keeps its JSON exactly as received.
type UnknownBlock = types.UnknownBlock

// BlockOf returns the typed variant of a response content block (TextBlock,
// ToolUseBlock...) for a type switch, or UnknownBlock. It is
// types.BlockOf, offered here so users import one package.
func BlockOf(b ContentBlock) any { return types.BlockOf(b) }
