// Package replay reads a real capture of a TCP connection (pcap or pcapng)
// and runs both endpoints' RFC 9293 state machines over the segments it
// shows. The result is a tcpsim trace, so the ladder and the JSON Lines
// output show what really happened with the state each side must have
// been in, plus notes: segments the state machine would not send in the
// state it infers, and segments the other side may never have seen.
//
// How states are inferred: each side is an fsm.Conn. When side X is seen
// sending a segment, the replay finds the stimulus that makes X's Conn
// send it: a SYN from CLOSED is an active OPEN (with the ISS the capture
// shows), new data is a SEND, a FIN is a CLOSE, a RST an ABORT, an ACK may
// be the one an arrival owed or the delayed-ACK timer released. The
// segment is then delivered to the other side's Conn, whose answers wait
// to be matched against what that side is seen sending next.
//
// A capture is taken at one point, so a segment may be seen long before it
// arrives. A segment is delivered when the other side's next segment shows
// it had arrived (acknowledges it), which also untangles segments that
// cross (simultaneous close, an abort meeting data in flight).
package replay

import (
	"fmt"
	"io"
	"os"
	"sort"
	"time"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// Options select what to replay.
type Options struct {
	Stream int // the TCP connection, numbered as Wireshark's tcp.stream: 0 is the first
	// Limits bound what the replay keeps (budget.go): Memory and Events
	// count; zero fields take sim.DefaultLimits.
	Limits sim.Limits
}

// NoteKind classifies a note.
type NoteKind uint8

const (
	Unexpected NoteKind = iota // the state machine would not send this in the inferred state
	Unseen                     // the other side may not have seen this segment
	Inferred                   // how the replay read the capture: a gap, a lost connection, ...
)

var noteKinds = [...]string{"unexpected", "unseen", "inferred"}

func (k NoteKind) String() string {
	if int(k) < len(noteKinds) {
		return noteKinds[k]
	}
	return "note(?)"
}

// Note is a remark on one segment, or on the whole capture (Frame 0).
type Note struct {
	Frame int           // capture frame number, 1-based; 0: the whole capture
	ID    int32         // the segment's transmission ID in the trace; -1: none
	T     time.Duration // the frame's time, counted from the capture's first frame
	Kind  NoteKind
	Text  string   // in English
	Msg   msg.Note // the same, for any language (msg.Printer.Say)
}

// wholeNote is a note about the whole capture rather than one frame.
func wholeNote(k NoteKind, id msg.ID, args msg.Args) Note {
	m := msgNote(id, args)
	return Note{ID: -1, Kind: k, Text: msg.English().Say(m), Msg: m}
}

// plurals are the notes with plural forms in the catalogue, chosen by
// their Count.
var plurals = map[msg.ID]bool{msg.ReplaySnapped: true}

// msgNote is a catalogue message.
func msgNote(id msg.ID, args msg.Args) msg.Note {
	m := msg.Note{ID: id, Args: args}
	if n, ok := args["Count"].(int); ok && plurals[id] {
		m.Count, m.Plural = n, true
	}
	return m
}

// Result is a replayed capture.
type Result struct {
	Trace   *trace.Trace
	Format  string // "pcap" or "pcapng"
	Frames  int    // frames in the file
	Streams int    // TCP connections in the file
	Stream  int    // the one replayed
	Frame   []int  // capture frame number of each transmission ID
	Notes   []Note
	// Stop: the budget stopped the replay; the trace shows what came
	// before (Read also returns it as its error).
	Stop *LimitError
}

// ReadFile replays a capture file.
func ReadFile(path string, opts Options) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not a capture file", path)
	}
	res, err := Read(f, opts)
	if err != nil {
		return res, fmt.Errorf("%s: %w", path, err) // res: what came before a limit
	}
	return res, nil
}

// Read replays a capture. When the budget stops it, Read returns the
// result up to there together with the *LimitError.
func Read(r io.Reader, opts Options) (res *Result, err error) {
	b := newReadBudget(opts.Limits)
	c, err := readCapture(r, opts.Stream, b)
	if err != nil {
		return nil, err
	}
	if c.stop != nil && len(c.packets) == 0 {
		return nil, c.stop // the budget stopped before the connection's first segment
	}
	if c.streams == 0 {
		return nil, fmt.Errorf("no TCP segments in %d frames", c.frames)
	}
	if opts.Stream < 0 || opts.Stream >= c.streams {
		if c.streams == 1 {
			return nil, fmt.Errorf("no stream %d: the capture holds one TCP connection, stream 0", opts.Stream)
		}
		return nil, fmt.Errorf("no stream %d: the capture holds %d TCP connections, streams 0 to %d", opts.Stream, c.streams, c.streams-1)
	}
	rp := newReplayer(c.packets, b.lim)
	defer func() {
		// The state machine panics on a (state, event) pair its table
		// lacks; a capture must never crash the program.
		if p := recover(); p != nil {
			res, err = nil, fmt.Errorf("frame %d: the state machine failed: %v", rp.pk[rp.cur].frame, p)
		}
	}()
	rp.run()
	res = &Result{Trace: rp.tr, Format: c.format, Frames: c.frames, Streams: c.streams, Stream: opts.Stream, Notes: rp.notes, Stop: c.stop}
	if rp.stop != nil {
		res.Stop = rp.stop
	}
	for _, p := range rp.pk {
		res.Frame = append(res.Frame, p.frame)
	}
	if c.streams > 1 {
		res.Notes = append(res.Notes, wholeNote(Inferred, msg.ReplayStreams, msg.Args{"Count": c.streams, "Stream": opts.Stream}))
	}
	if c.cutErr != nil {
		res.Notes = append(res.Notes, wholeNote(Inferred, msg.ReplayCutShort, msg.Args{"Frame": c.frames, "Error": c.cutErr.Error()}))
	}
	if n := countCut(rp.pk); n > 0 {
		res.Notes = append(res.Notes, wholeNote(Inferred, msg.ReplaySnapped, msg.Args{"Count": n}))
	}
	sort.SliceStable(res.Notes, func(i, j int) bool { return res.Notes[i].Frame < res.Notes[j].Frame })
	if res.Stop != nil {
		return res, res.Stop
	}
	return res, nil
}

func countCut(pk []packet) int {
	n := 0
	for _, p := range pk {
		if p.cut {
			n++
		}
	}
	return n
}
