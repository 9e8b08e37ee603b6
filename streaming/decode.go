package streaming

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/claudego/claude/internal/apierror"
)

// decoder types the events of one stream and accumulates them: what a Stream
// and a watched body read without a Stream (Watch) share, so both judge a
// stream by the same code.
type decoder struct {
	acc     accumulator
	status  int
	header  http.Header
	ordinal int    // events read, pings included (the callers count them)
	slab    []byte // backing store of the events' Data
	stopped bool   // message_stop arrived
	content bool   // the first content arrived
	noCopy  bool   // Events borrow the framer's bytes (nobody keeps them)
}

// copyData copies an event's data into the decoder's slab, so Events own
// their bytes without an allocation per event.
func (s *decoder) copyData(data []byte) []byte {
	if s.noCopy {
		return data
	}
	if len(data) > slabSize/4 {
		return append([]byte(nil), data...)
	}
	if cap(s.slab)-len(s.slab) < len(data) {
		// Slabs grow from 1 KiB so that short streams stay small.
		s.slab = make([]byte, 0, min(max(2*cap(s.slab), 1024), slabSize))
	}
	n := len(s.slab)
	s.slab = append(s.slab, data...)
	return s.slab[n : n+len(data) : n+len(data)]
}

// decode types one event, checks it and applies it to the message. The
// common content_block_delta shapes take a hand-written fast path
// (parseFastDelta); everything else goes to decodeSlow.
func (s *decoder) decode(evType, data []byte) (Event, error) {
	ev := Event{Type: eventType(evType)}
	if ev.Type == TypeContentBlockDelta || ev.Type == "" {
		if d, ok := parseFastDelta(data); ok {
			ev.Type = TypeContentBlockDelta
			ev.Data = s.copyData(data)
			ev.fast, ev.index, ev.dtype, ev.esc = true, d.index, d.dtype, d.esc
			ev.val = subslice(ev.Data, data, d.val)
			if err := s.acc.fastDelta(&d); err != nil {
				return ev, malformed(ev.Type, s.ordinal, err)
			}
			s.content = true
			return ev, nil
		}
	}
	return s.decodeSlow(ev.Type, data)
}

// decodeSlow is decode without the fast path: encoding/json reads the event.
// The fast path must give the same Event, error and message on every input
// it takes (FuzzDecodeEvent compares the two).
func (s *decoder) decodeSlow(typ string, data []byte) (Event, error) {
	ev := Event{Type: typ}
	if ev.Type == "" {
		var t struct {
			Type string `json:"type"`
		}
		if err := json.Unmarshal(data, &t); err != nil {
			return ev, malformed(ev.Type, s.ordinal, err)
		}
		ev.Type = eventType([]byte(t.Type))
	}
	if ev.Type == TypeError {
		ev.Data = s.copyData(data)
		return ev, apierror.FromEvent(op, s.status, s.header, data)
	}
	var head eventHead
	walked := false // head's members are sub-slices of data
	switch ev.Type {
	case TypeMessageStart, TypeContentBlockStart, TypeContentBlockDelta, TypeContentBlockStop, TypeMessageDelta, TypeMessageStop, TypePing:
		if head, walked = readHead(data); !walked {
			if err := json.Unmarshal(data, &head); err != nil {
				return ev, malformed(ev.Type, s.ordinal, err)
			}
		}
	default:
		// An event type this version does not know: kept as raw JSON.
		if !json.Valid(data) {
			return ev, malformed(ev.Type, s.ordinal, errors.New("data is not valid JSON"))
		}
	}
	ev.Data = s.copyData(data)
	if walked {
		// The accumulator keeps what it is given: hand it bytes this stream
		// owns, not the framer's buffer.
		head.Message = s.own(ev.Data, data, head.Message)
		head.ContentBlock = s.own(ev.Data, data, head.ContentBlock)
		head.Delta = s.own(ev.Data, data, head.Delta)
	}
	var err error
	switch ev.Type {
	case TypeMessageStart:
		if len(head.Message) == 0 {
			err = errors.New(`no "message"`)
		} else {
			err = s.acc.messageStart(head.Message)
		}
	case TypeContentBlockStart:
		if head.Index == nil || len(head.ContentBlock) == 0 {
			err = errors.New(`no "index" or "content_block"`)
		} else {
			err = s.acc.blockStart(int(min(*head.Index, maxBlocks)), head.ContentBlock)
		}
	case TypeContentBlockDelta:
		if head.Index == nil || len(head.Delta) == 0 {
			err = errors.New(`no "index" or "delta"`)
		} else {
			err = s.acc.delta(*head.Index, head.Delta)
		}
	case TypeContentBlockStop:
		if head.Index == nil {
			err = errors.New(`no "index"`)
		} else {
			err = s.acc.blockStop(int(min(*head.Index, maxBlocks)))
		}
	case TypeMessageDelta:
		var o object
		if err = s.acc.grow(len(data)); err == nil {
			if o, err = splitObject(data, s.acc.stop); err == nil {
				err = s.acc.messageDelta(o)
			}
		}
	case TypeMessageStop:
		// A message that cannot be built is not a completed one.
		_, err = s.acc.message(false)
	}
	if err != nil {
		return ev, malformed(ev.Type, s.ordinal, err)
	}
	switch ev.Type {
	case TypeContentBlockDelta:
		s.content = true
	case TypeMessageStop:
		s.content, s.stopped = true, true
	}
	return ev, nil
}

// own returns sub (a slice of data) as bytes the decoder owns: the same
// bytes in cp (the event's copy of data), or a copy of their own when Events
// borrow the framer's bytes (noCopy).
func (s *decoder) own(cp, data, sub []byte) []byte {
	if sub == nil {
		return nil
	}
	if s.noCopy {
		return bytes.Clone(sub)
	}
	return subslice(cp, data, sub)
}

// subslice maps sub (a slice of orig) to the same bytes in cp (a copy of orig).
func subslice(cp, orig, sub []byte) []byte {
	if len(sub) == 0 {
		return nil
	}
	off := cap(orig) - cap(sub)
	return cp[off : off+len(sub)]
}

// eventType interns the common event names.
func eventType(b []byte) string {
	switch string(b) {
	case TypeContentBlockDelta:
		return TypeContentBlockDelta
	case TypeContentBlockStart:
		return TypeContentBlockStart
	case TypeContentBlockStop:
		return TypeContentBlockStop
	case TypeMessageStart:
		return TypeMessageStart
	case TypeMessageDelta:
		return TypeMessageDelta
	case TypeMessageStop:
		return TypeMessageStop
	case TypePing:
		return TypePing
	case TypeError:
		return TypeError
	case "":
		return ""
	}
	return string(b)
}
