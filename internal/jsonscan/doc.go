// Package jsonscan is the one JSON scanner of the hand-written fast paths
// that stand in for encoding/json where it is slow. It has two halves:
//
//   - The walkers (EachField, EachElement, ValueEnd, Field, StringField,
//     TopLevelNull) cross JSON with tight loops instead of encoding/json's
//     general scanner: a 200 KB string is crossed with bytes.IndexByte
//     rather than byte by byte. They do not validate: on JSON that
//     encoding/json accepts they find exactly the members it finds, and on
//     anything else they never panic or loop but may return nonsense, so
//     their callers validate (or let encoding/json decode) the same bytes.
//   - The Lexer reads tokens strictly and reports false on anything it does
//     not read exactly as encoding/json would, for fast paths over input
//     nothing has validated (a stream event), which then fall back to
//     encoding/json.
//
// Valid validates as json.Valid does (naming the byte offset of a fault),
// crossing strings eight bytes at a time, for callers that then walk the
// same bytes. Unquote and AppendUnescaped decode string content as
// encoding/json does. Each part has a differential fuzz test against
// encoding/json (FuzzWalk, FuzzLexer, FuzzUnquote, FuzzValid);
// ARCHITECTURE.md states the rule they keep.
package jsonscan
