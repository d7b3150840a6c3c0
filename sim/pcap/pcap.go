package pcap

import (
	"bufio"
	"errors"
	"fmt"
	"github.com/tcpsim/tcpsim/msg"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
)

// Format is the capture file format.
type Format uint8

const (
	FormatAuto   Format = iota // from the file name's extension (WriteFile); pcap for Write
	FormatPcap                 // classic libpcap, nanosecond timestamps
	FormatPcapNG               // pcapng, one comment per packet
)

func (f Format) String() string {
	switch f {
	case FormatPcap:
		return "pcap"
	case FormatPcapNG:
		return "pcapng"
	}
	return "auto"
}

// FormatForPath picks the format from a file name: .pcap or .pcapng.
func FormatForPath(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pcap":
		return FormatPcap, nil
	case ".pcapng":
		return FormatPcapNG, nil
	}
	return FormatAuto, fmt.Errorf("%s: cannot tell the capture format from the extension: use .pcap or .pcapng", path)
}

// Tap is where the virtual capture is taken.
type Tap uint8

const (
	TapA    Tap = iota // A's interface: A's sends when sent, B's segments when they reach A
	TapB               // B's interface, the mirror image
	TapLink            // the link: every transmission when sent, lost ones included
)

func (t Tap) String() string {
	switch t {
	case TapA:
		return "a"
	case TapB:
		return "b"
	case TapLink:
		return "link"
	}
	return "tap(?)"
}

// Description is the pcapng interface description.
func (t Tap) Description() string {
	switch t {
	case TapA:
		return "tcpsim virtual capture at A's interface"
	case TapB:
		return "tcpsim virtual capture at B's interface"
	}
	return "tcpsim virtual capture on the link (every transmission, lost ones included)"
}

// ParseTap reads "a", "b" or "link".
func ParseTap(s string) (Tap, error) {
	switch strings.ToLower(s) {
	case "a":
		return TapA, nil
	case "b":
		return TapB, nil
	case "link":
		return TapLink, nil
	}
	return TapA, fmt.Errorf("unknown tap %q: want a, b or link", s)
}

// Options control an export. The zero value is a pcap (or, for WriteFile,
// the extension's format) taken at A, on DefaultEpoch.
type Options struct {
	Format Format
	Tap    Tap
	Epoch  time.Time // wall-clock time of virtual time zero; zero: DefaultEpoch
	// Printer speaks the pcapng comments; nil: English.
	Printer *msg.Printer
}

// Write writes the trace as seen at opts.Tap.
func Write(w io.Writer, tr *trace.Trace, opts Options) error {
	if tr == nil {
		return errors.New("no trace to export")
	}
	if opts.Tap > TapLink {
		return fmt.Errorf("unknown tap %d", opts.Tap)
	}
	wr, err := NewWriter(w, tr.Ends, opts)
	if err != nil {
		return err
	}
	var ann *annotator
	if wr.format == FormatPcapNG {
		ann = annotate(tr, opts.Printer, opts.Tap)
	}
	var p Packet
	var st optState
	// IDs are handed out in order: the last send has the largest. The table
	// is reused between exports: a long trace would otherwise make a large
	// allocation, and the collection it triggers, every time.
	if buf, ok := sentPool.Get().(*[]sentRec); ok {
		st.sent = (*buf)[:0]
	}
	defer func() {
		buf := st.sent[:0]
		sentPool.Put(&buf)
	}()
	for i := len(tr.Events) - 1; i >= 0; i-- {
		if ev := &tr.Events[i]; ev.Kind == trace.KSend && ev.ID >= 0 {
			if cap(st.sent) < int(ev.ID)+1 {
				st.sent = make([]sentRec, 0, ev.ID+1)
			}
			break
		}
	}
	for i := range tr.Events {
		ev := &tr.Events[i]
		st.observe(ev)
		from, ok := seen(ev, opts.Tap)
		if !ok {
			continue
		}
		p = Packet{T: ev.T, From: from, Seg: ev.Seg, ID: ev.ID, Ports: ev.Ports}
		st.fill(&p)
		var err error
		if ann != nil {
			err = wr.writeEPB(&p, ann, i)
		} else {
			err = wr.WritePacket(&p)
		}
		if err != nil {
			return err
		}
	}
	return wr.Flush()
}

var sentPool sync.Pool // of *[]sentRec

// Count is the number of packets the capture at tap holds.
func Count(tr *trace.Trace, tap Tap) int {
	n := 0
	for i := range tr.Events {
		if _, ok := seen(&tr.Events[i], tap); ok {
			n++
		}
	}
	return n
}

// seen reports whether the tap captures this event, and the segment's sender.
func seen(ev *trace.Event, tap Tap) (trace.Side, bool) {
	switch ev.Kind {
	case trace.KSend:
		switch tap {
		case TapLink:
			return ev.Side, true
		case TapA:
			// A segment a fault injects on the path never crosses its
			// apparent sender's interface.
			return ev.Side, ev.Side == trace.A && !ev.Injected
		case TapB:
			return ev.Side, ev.Side == trace.B && !ev.Injected
		}
	case trace.KDeliver:
		// Every copy that arrives, duplicates included.
		switch tap {
		case TapA:
			return trace.B, ev.Side == trace.A
		case TapB:
			return trace.A, ev.Side == trace.B
		}
	}
	return 0, false
}

// tsOrigin gives each side's timestamp clock its own origin, as real
// hosts' clocks have; the clock ticks every millisecond of virtual time.
var tsOrigin = [2]uint32{1_000_000, 2_000_000}

func tsClock(s trace.Side, t time.Duration) uint32 {
	return tsOrigin[s] + uint32(t/time.Millisecond)
}

// optState derives the option values the trace leaves to the capture
// writer: RFC 7323 timestamps (each side's clock, and the peer's latest
// TSval echoed). Windows need nothing: the trace holds the raw field.
type optState struct {
	sent   []sentRec // per transmission ID
	recent [2]uint32 // TS.Recent: the latest TSval each side received
}

// sentRec is fixed when a segment is sent; every copy of it carries it.
type sentRec struct {
	tsval, tsecr uint32
}

func (o *optState) observe(ev *trace.Event) {
	if ev.ID < 0 || ev.Side > trace.B {
		return
	}
	switch ev.Kind {
	case trace.KSend:
		s, seg := ev.Side, &ev.Seg
		r := sentRec{tsval: tsClock(s, ev.T), tsecr: o.recent[s]}
		if seg.Flags&(fsm.SYN|fsm.ACK) == fsm.SYN {
			r.tsecr = 0 // RFC 7323 §3.2: TSecr is zero when ACK is clear
		}
		for int(ev.ID) >= len(o.sent) {
			o.sent = append(o.sent, sentRec{})
		}
		o.sent[ev.ID] = r
	case trace.KDeliver:
		if ev.Seg.Opts&fsm.OptTimestamps != 0 && int(ev.ID) < len(o.sent) {
			v := o.sent[ev.ID].tsval
			if int32(v-o.recent[ev.Side]) > 0 || o.recent[ev.Side] == 0 {
				o.recent[ev.Side] = v
			}
		}
	}
}

func (o *optState) fill(p *Packet) {
	if p.ID >= 0 && int(p.ID) < len(o.sent) {
		r := &o.sent[p.ID]
		p.TSval, p.TSecr = r.tsval, r.tsecr
	}
}

// WriteFile writes the trace to path atomically: into a temporary file in
// the same directory, renamed over path only when everything is written.
// On any error no file is left behind and an existing path is untouched.
// FormatAuto takes the format from the extension.
func WriteFile(path string, tr *trace.Trace, opts Options) error {
	return writeFile(path, tr, opts, nil)
}

// writeFile takes a hook that wraps the file, so tests can fail writes.
func writeFile(path string, tr *trace.Trace, opts Options, wrap func(io.Writer) io.Writer) (err error) {
	if opts.Format == FormatAuto {
		f, err := FormatForPath(path)
		if err != nil {
			return err
		}
		opts.Format = f
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot write %s: it is a directory", path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("cannot write %s: directory %s does not exist", path, dir)
		case errors.Is(err, fs.ErrPermission):
			return fmt.Errorf("cannot write %s: no permission to create files in %s", path, dir)
		}
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	var w io.Writer = f
	if wrap != nil {
		w = wrap(w)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	if err := Write(bw, tr, opts); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	// Some filesystems report a full disk only here; and a rename is atomic
	// only over data that reached the disk.
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, unwrapPath(err))
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the *PathError wrapper, whose path is the temporary
// file's name: the caller names the real one.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
