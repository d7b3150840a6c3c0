package trace

import (
	"bufio"
	"github.com/tcpsim/tcpsim/msg"
	"io"
	"strconv"
)

// WriteJSONL writes one JSON object per event (docs/trace-format.md). Keys
// come in a fixed order and numbers are raw, so output is byte-stable.
func WriteJSONL(w io.Writer, tr *Trace) error { return WriteJSONLIn(w, tr, msg.English()) }

// WriteJSONLIn is WriteJSONL with each "note" in p's language; keys and
// the other values stay English, for programs.
func WriteJSONLIn(w io.Writer, tr *Trace, p *msg.Printer) error {
	bw := bufio.NewWriter(w)
	var buf []byte
	for i := range tr.Events {
		buf = AppendJSONIn(buf[:0], &tr.Events[i], p)
		buf = append(buf, '\n')
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func appendKey(b []byte, k string) []byte {
	b = append(b, ',', '"')
	b = append(b, k...)
	return append(b, '"', ':')
}

func appendStr(b []byte, k, v string) []byte {
	b = appendKey(b, k)
	return strconv.AppendQuote(b, v)
}

func appendInt(b []byte, k string, v int64) []byte {
	return strconv.AppendInt(appendKey(b, k), v, 10)
}

func appendBool(b []byte, k string) []byte {
	return append(appendKey(b, k), "true"...)
}

// AppendJSON appends one event as a JSON object.
func AppendJSON(b []byte, ev *Event) []byte { return AppendJSONIn(b, ev, msg.English()) }

// AppendJSONIn is AppendJSON with the note in p's language.
func AppendJSONIn(b []byte, ev *Event, p *msg.Printer) []byte {
	b = append(b, `{"t_us":`...)
	b = strconv.AppendInt(b, ev.T.Microseconds(), 10)
	b = appendStr(b, "kind", ev.Kind.String())
	b = appendStr(b, "ep", ev.Side.String())
	if ev.Conn > 0 {
		b = appendInt(b, "conn", int64(ev.Conn)) // the record at ep: only when a side holds several
	}
	switch ev.Kind {
	case KSend, KDeliver, KDrop, KDup:
		b = appendSegment(b, ev)
	case KState:
		b = appendStr(b, "from", ev.From.String())
		b = appendStr(b, "to", ev.To.String())
	case KTimer:
		b = appendStr(b, "timer", ev.Timer.String())
		b = appendStr(b, "op", ev.TimerEv.String())
		if ev.TimerEv != TimerCancelled {
			b = appendInt(b, "dur_us", ev.Dur.Microseconds())
		}
	case KUser:
		b = appendStr(b, "call", ev.Op.String())
		if ev.Op == OpSend {
			b = appendInt(b, "n", int64(ev.N))
		}
	case KData:
		if ev.EOF {
			b = appendBool(b, "eof")
		} else {
			b = appendInt(b, "n", int64(ev.N))
		}
	case KError:
		b = appendStr(b, "error", ev.Sig.String())
	}
	if r := ev.Rule(); r != nil {
		b = appendInt(b, "row", int64(r.ID))
		b = appendStr(b, "rfc", r.RFC)
	}
	if n := EventNote(ev, p); n != "" {
		b = appendStr(b, "note", n)
	}
	b = appendKey(b, "tcb")
	b = append(b, `{"snd_una":`...)
	b = strconv.AppendUint(b, uint64(ev.TCB.SndUna), 10)
	b = append(b, `,"snd_nxt":`...)
	b = strconv.AppendUint(b, uint64(ev.TCB.SndNxt), 10)
	b = append(b, `,"snd_wnd":`...)
	b = strconv.AppendUint(b, uint64(ev.TCB.SndWnd), 10)
	b = append(b, `,"rcv_nxt":`...)
	b = strconv.AppendUint(b, uint64(ev.TCB.RcvNxt), 10)
	b = append(b, `,"rcv_wnd":`...)
	b = strconv.AppendUint(b, uint64(ev.TCB.RcvWnd), 10)
	b = append(b, '}')
	return append(b, '}')
}

// appendSegment appends the keys of an event that carries a segment.
func appendSegment(b []byte, ev *Event) []byte {
	b = appendKey(b, "seg")
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, uint64(ev.Seg.Seq), 10)
	b = append(b, `,"ack":`...)
	b = strconv.AppendUint(b, uint64(ev.Seg.Ack), 10)
	b = append(b, `,"flags":`...)
	b = strconv.AppendQuote(b, ev.Seg.Flags.String())
	b = append(b, `,"len":`...)
	b = strconv.AppendUint(b, uint64(ev.Seg.Len), 10)
	b = append(b, `,"wnd":`...)
	b = strconv.AppendUint(b, uint64(ev.Seg.Wnd), 10)
	if ev.Seg.MSS != 0 {
		b = append(b, `,"mss":`...)
		b = strconv.AppendUint(b, uint64(ev.Seg.MSS), 10)
	}
	b = append(b, '}')
	b = appendInt(b, "id", int64(ev.ID))
	if ev.Ports != [2]uint16{} {
		b = append(appendKey(b, "ports"), '[')
		b = strconv.AppendUint(b, uint64(ev.Ports[0]), 10)
		b = append(b, ',')
		b = strconv.AppendUint(b, uint64(ev.Ports[1]), 10)
		b = append(b, ']')
	}
	b = appendStr(b, "state", ev.From.String())
	if ev.Kind == KSend || ev.Kind == KDrop || ev.Kind == KDup {
		b = appendInt(b, "arrive_us", ev.Arrive.Microseconds())
	}
	if ev.Kind == KSend {
		b = appendStr(b, "why", ev.Reason.String())
		if ev.Retx > 0 {
			b = appendInt(b, "retx", int64(ev.Retx))
			b = appendInt(b, "rto_us", ev.Dur.Microseconds())
		}
		if ev.Lost {
			b = appendBool(b, "lost")
		}
		if ev.Reorder {
			b = appendBool(b, "reordered")
		}
		if ev.Held {
			b = appendBool(b, "held")
		}
	}
	if ev.Kind == KDrop {
		b = appendStr(b, "drop", ev.Drop.String())
	}
	if ev.Dup {
		b = appendBool(b, "dup")
	}
	if ev.Injected {
		b = appendBool(b, "injected")
	}
	return b
}
