package client

import "github.com/claudego/claude/internal/types"

// Message is a reply from the model. Messages.Create and
// streaming.Stream.Message return the same type.
//
// Message is an alias of types.Message, which embeds the generated
// gen.Message, so `go doc ./client Message` cannot list its fields; run
// `go doc github.com/claudego/claude/internal/types.Message` for its methods
// (Text, ToolUses, ToParam, StopReasonValue...) and
// `go doc github.com/claudego/claude/gen.Message` for its fields (ID, Content,
// StopReason, Usage...).
type Message = types.Message

// ToolUse is one client tool call of a reply, from Message.ToolUses: the
// generated ToolUseBlock (ID, Name, Input) plus DecodeInput, which fills a
// struct of yours from the input JSON in one decode. See types.ToolUse.
type ToolUse = types.ToolUse

// UnknownBlock is a content block, delta or event of a type this version does
// not know; Raw keeps its JSON exactly as received.
type UnknownBlock = types.UnknownBlock

// BlockOf returns the typed variant of a response content block (TextBlock,
// ToolUseBlock...) for a type switch, or UnknownBlock. It never fails.
func BlockOf(b ContentBlock) any { return types.BlockOf(b) }
