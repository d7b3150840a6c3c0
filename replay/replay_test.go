package replay

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/fsm"
)

// transitions lists a side's state changes as "FROM->TO".
func transitions(tr *trace.Trace, s trace.Side) []string {
	var out []string
	for _, ev := range tr.Events {
		if ev.Kind == trace.KState && ev.Side == s {
			out = append(out, ev.From.String()+"->"+ev.To.String())
		}
	}
	return out
}

func bytesRead(tr *trace.Trace, s trace.Side) (n uint32, eof bool) {
	for _, ev := range tr.Events {
		if ev.Kind == trace.KData && ev.Side == s {
			n += ev.N
			eof = eof || ev.EOF
		}
	}
	return n, eof
}

var (
	handshakeA = []string{"CLOSED->SYN-SENT", "SYN-SENT->ESTABLISHED"}
	handshakeB = []string{"CLOSED->LISTEN", "LISTEN->SYN-RECEIVED", "SYN-RECEIVED->ESTABLISHED"}
	activeA    = append(handshakeA[:2:2], "ESTABLISHED->FIN-WAIT-1", "FIN-WAIT-1->FIN-WAIT-2", "FIN-WAIT-2->TIME-WAIT")
	passiveB   = append(handshakeB[:3:3], "ESTABLISHED->CLOSE-WAIT", "CLOSE-WAIT->LAST-ACK", "LAST-ACK->CLOSED")
)

// The five captures of the real Linux kernel (testdata/README.md): the
// inferred states of both ends, step by step.
var linuxCases = []struct {
	name         string
	a, b         []string
	final        [2]fsm.State
	readA, readB uint32
	errA         []fsm.Signal
}{
	{"a_normal", activeA, passiveB, [2]fsm.State{fsm.TimeWait, fsm.Closed}, 5, 5, nil},
	{"b_server_closes_first",
		append(handshakeA[:2:2], "ESTABLISHED->CLOSE-WAIT", "CLOSE-WAIT->LAST-ACK", "LAST-ACK->CLOSED"),
		append(handshakeB[:3:3], "ESTABLISHED->FIN-WAIT-1", "FIN-WAIT-1->FIN-WAIT-2", "FIN-WAIT-2->TIME-WAIT"),
		[2]fsm.State{fsm.Closed, fsm.TimeWait}, 5, 5, nil},
	// A half-closes; B streams 8 KB into A's FIN-WAIT-2, then closes.
	{"c_half_close", activeA, passiveB, [2]fsm.State{fsm.TimeWait, fsm.Closed}, 8192, 11, nil},
	// B's FIN carries the ACK of A's FIN: A passes FIN-WAIT-2 on one segment.
	{"d_piggyback_fin", activeA, passiveB, [2]fsm.State{fsm.TimeWait, fsm.Closed}, 5, 5, nil},
	// Nobody listens: B stays CLOSED and its RST,ACK refuses A's SYN.
	{"g_refused", []string{"CLOSED->SYN-SENT", "SYN-SENT->CLOSED"}, nil, [2]fsm.State{fsm.Closed, fsm.Closed}, 0, 0, []fsm.Signal{fsm.SigRefused}},
}

func TestLinuxCaptures(t *testing.T) {
	for _, c := range linuxCases {
		t.Run(c.name, func(t *testing.T) {
			res, err := ReadFile(filepath.Join("testdata", c.name+".pcap"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			tr := res.Trace
			if got := transitions(tr, trace.A); strings.Join(got, " ") != strings.Join(c.a, " ") {
				t.Errorf("A: %v\nwant %v", got, c.a)
			}
			if got := transitions(tr, trace.B); strings.Join(got, " ") != strings.Join(c.b, " ") {
				t.Errorf("B: %v\nwant %v", got, c.b)
			}
			if tr.Final != c.final {
				t.Errorf("final %v, want %v", tr.Final, c.final)
			}
			if n, _ := bytesRead(tr, trace.A); n != c.readA {
				t.Errorf("A reads %d bytes, want %d", n, c.readA)
			}
			if n, _ := bytesRead(tr, trace.B); n != c.readB {
				t.Errorf("B reads %d bytes, want %d", n, c.readB)
			}
			if fmt.Sprint(tr.Errors[trace.A]) != fmt.Sprint(c.errA) || len(tr.Errors[trace.B]) != 0 {
				t.Errorf("errors %v, want A %v", tr.Errors, c.errA)
			}
			// Real Linux does nothing RFC 9293 forbids here.
			for _, n := range res.Notes {
				if n.Kind == Unexpected {
					t.Errorf("frame %d: %s", n.Frame, n.Text)
				}
			}
			checkAgainstLadder(t, res, filepath.Join("testdata", c.name+".txt"))
		})
	}
}

// checkAgainstLadder compares the replayed segments with the ladder
// tshark printed for the same capture: count, senders and flags.
func checkAgainstLadder(t *testing.T, res *Result, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "# dirflags: "); ok {
			want = strings.Fields(rest)
		}
	}
	letters := []struct {
		f fsm.Flags
		l string
	}{{fsm.SYN, "S"}, {fsm.RST, "R"}, {fsm.FIN, "F"}, {fsm.PSH, "P"}, {fsm.ACK, "A"}}
	var got []string
	for _, ev := range res.Trace.Events {
		if ev.Kind != trace.KSend {
			continue
		}
		s := ev.Side.Upper() + ":"
		for _, x := range letters {
			if ev.Seg.Flags&x.f != 0 {
				s += x.l
			}
		}
		got = append(got, s)
	}
	// The ladder writes SYN,ACK as "SA", FIN,ACK as "FA", PSH,ACK as "PA".
	norm := func(s string) string {
		side, fl, _ := strings.Cut(s, ":")
		b := []byte(fl)
		for i := range b {
			for j := i + 1; j < len(b); j++ {
				if b[j] < b[i] {
					b[i], b[j] = b[j], b[i]
				}
			}
		}
		return side + ":" + string(b)
	}
	if len(got) != len(want) {
		t.Fatalf("%d segments, the ladder has %d", len(got), len(want))
	}
	for i := range got {
		if norm(got[i]) != norm(want[i]) {
			t.Errorf("segment %d: %s, the ladder says %s", i+1, got[i], want[i])
		}
	}
}

// Notes say which segments the other side may not have seen.
func TestNotesOnCaptureEnd(t *testing.T) {
	res, err := ReadFile("testdata/a_normal.pcap", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Notes) != 1 || res.Notes[0].Frame != 11 || res.Notes[0].Kind != Unseen || !strings.Contains(res.Notes[0].Text, "nothing from B follows") {
		t.Errorf("notes %+v", res.Notes)
	}
	if res.Frame[10] != 11 || res.Streams != 1 || res.Frames != 11 || res.Format != "pcap" {
		t.Errorf("result %+v", res)
	}
}

// frames reads a capture's frames.
func frames(t *testing.T, path string) ([][]byte, []gopacket.CaptureInfo) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapgo.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var data [][]byte
	var cis []gopacket.CaptureInfo
	for {
		d, ci, err := r.ReadPacketData()
		if err == io.EOF {
			return data, cis
		}
		if err != nil {
			t.Fatal(err)
		}
		data, cis = append(data, d), append(cis, ci)
	}
}

// relink rewrites an Ethernet capture with another link layer.
func relink(t *testing.T, path string, lt layers.LinkType, ng bool, head func(eth []byte) []byte) []byte {
	t.Helper()
	data, cis := frames(t, path)
	var b bytes.Buffer
	var write func(gopacket.CaptureInfo, []byte) error
	var flush func() error
	if ng {
		w, err := pcapgo.NewNgWriterInterface(&b, pcapgo.NgInterface{LinkType: lt, SnapLength: 65535}, pcapgo.NgWriterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		write, flush = w.WritePacket, w.Flush
	} else {
		w := pcapgo.NewWriterNanos(&b) // the captures have nanosecond stamps
		if err := w.WriteFileHeader(65535, lt); err != nil {
			t.Fatal(err)
		}
		write, flush = w.WritePacket, func() error { return nil }
	}
	for i, d := range data {
		frame := append(head(d[:14]), d[14:]...)
		ci := cis[i]
		ci.CaptureLength, ci.Length = len(frame), len(frame)
		if err := write(ci, frame); err != nil {
			t.Fatal(err)
		}
	}
	if err := flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jsonl(t *testing.T, tr *trace.Trace) string {
	var b bytes.Buffer
	if err := trace.WriteJSONL(&b, tr); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Every link layer and both file formats give the same trace.
func TestLinkTypes(t *testing.T) {
	const path = "testdata/c_half_close.pcap"
	want, err := ReadFile(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	keep := func(eth []byte) []byte { return append([]byte(nil), eth...) }
	none := func([]byte) []byte { return nil }
	sll := func(eth []byte) []byte {
		h := make([]byte, 16)
		binary.BigEndian.PutUint16(h[0:], 4) // sent by us
		binary.BigEndian.PutUint16(h[2:], 1) // ARPHRD_ETHER
		binary.BigEndian.PutUint16(h[4:], 6)
		copy(h[6:], eth[6:12])
		copy(h[14:], eth[12:14])
		return h
	}
	sll2 := func(eth []byte) []byte {
		h := make([]byte, 20)
		copy(h[0:], eth[12:14])
		binary.BigEndian.PutUint32(h[4:], 2)
		binary.BigEndian.PutUint16(h[8:], 1)
		h[10], h[11] = 4, 6
		copy(h[12:], eth[6:12])
		return h
	}
	null := func([]byte) []byte { return []byte{2, 0, 0, 0} } // AF_INET, host order
	cases := []struct {
		name string
		lt   layers.LinkType
		head func([]byte) []byte
	}{
		{"ethernet", layers.LinkTypeEthernet, keep},
		{"raw", layers.LinkTypeRaw, none},
		{"ipv4", layers.LinkTypeIPv4, none},
		{"linux-sll", layers.LinkTypeLinuxSLL, sll},
		{"linux-sll2", layers.LinkTypeLinuxSLL2, sll2},
		{"null", layers.LinkTypeNull, null},
	}
	for _, c := range cases {
		for _, ng := range []bool{false, true} {
			res, err := Read(bytes.NewReader(relink(t, path, c.lt, ng, c.head)), Options{})
			if err != nil {
				t.Errorf("%s (pcapng %v): %v", c.name, ng, err)
				continue
			}
			if jsonl(t, res.Trace) != jsonl(t, want.Trace) {
				t.Errorf("%s (pcapng %v): a different trace", c.name, ng)
			}
		}
	}
	// An unsupported link type has no TCP to find.
	if _, err := Read(bytes.NewReader(relink(t, path, layers.LinkTypeIEEE802_11, false, keep)), Options{}); err == nil || !strings.Contains(err.Error(), "no TCP") {
		t.Errorf("802.11: %v", err)
	}
}

// A snap length that cuts payloads still gives the segments' lengths.
func TestSnaplenCut(t *testing.T) {
	data, cis := frames(t, "testdata/c_half_close.pcap")
	var b bytes.Buffer
	w := pcapgo.NewWriterNanos(&b)
	if err := w.WriteFileHeader(96, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i, d := range data {
		ci := cis[i]
		if len(d) > 96 {
			d = d[:96]
		}
		ci.CaptureLength = len(d)
		if err := w.WritePacket(ci, d); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Read(&b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := bytesRead(res.Trace, trace.A); n != 8192 {
		t.Errorf("A reads %d bytes, want 8192", n)
	}
	if got := transitions(res.Trace, trace.B); strings.Join(got, " ") != strings.Join(passiveB, " ") {
		t.Errorf("B: %v", got)
	}
	found := false
	for _, n := range res.Notes {
		found = found || strings.Contains(n.Text, "cut by the snap length")
	}
	if !found {
		t.Errorf("no note on the cut payloads: %+v", res.Notes)
	}
}

func TestStreams(t *testing.T) {
	a, _ := os.ReadFile("testdata/a_normal.pcap")
	g, _ := os.ReadFile("testdata/g_refused.pcap")
	// Two captures glued together: the second's records after the first's.
	both := append(append([]byte(nil), a...), g[24:]...)
	res, err := Read(bytes.NewReader(both), Options{Stream: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Streams != 2 || res.Trace.Final != [2]fsm.State{fsm.Closed, fsm.Closed} || res.Frame[0] != 12 {
		t.Errorf("stream 1: %d streams, final %v, first frame %d", res.Streams, res.Trace.Final, res.Frame[0])
	}
	if !strings.Contains(res.Notes[0].Text, "2 TCP connections") {
		t.Errorf("notes %+v", res.Notes)
	}
	if _, err := Read(bytes.NewReader(both), Options{Stream: 2}); err == nil || !strings.Contains(err.Error(), "streams 0 to 1") {
		t.Errorf("stream 2: %v", err)
	}
	if _, err := Read(bytes.NewReader(a), Options{Stream: -1}); err == nil || !strings.Contains(err.Error(), "one TCP connection") {
		t.Errorf("stream -1: %v", err)
	}
}

func TestBadFiles(t *testing.T) {
	good, _ := os.ReadFile("testdata/a_normal.pcap")
	cases := []struct {
		name string
		data []byte
		want string // in the error; "" means it replays, with a note
	}{
		{"empty", nil, "empty"},
		{"short", []byte{0xd4, 0xc3}, "too short"},
		{"text", []byte("hello, this is not a capture at all"), "not a pcap or pcapng file"},
		{"header only", good[:24], "no TCP segments"},
		{"cut in the first record", good[:30], "no complete frame"},
		{"cut in the last record", good[:len(good)-10], ""},
		{"pcapng garbage", []byte{0x0a, 0x0d, 0x0d, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8}, "pcapng"},
	}
	for _, c := range cases {
		res, err := Read(bytes.NewReader(c.data), Options{})
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			if res.Notes[0].Frame != 0 || !strings.Contains(res.Notes[0].Text, "cut short after frame 10") {
				t.Errorf("%s: notes %+v", c.name, res.Notes)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.want)
		}
	}
	if _, err := ReadFile("testdata/nope.pcap", Options{}); err == nil {
		t.Error("missing file: no error")
	}
}

// A capture that begins after the handshake starts both ends ESTABLISHED.
func TestMidConnection(t *testing.T) {
	data, cis := frames(t, "testdata/c_half_close.pcap")
	var b bytes.Buffer
	w := pcapgo.NewWriterNanos(&b)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i := 3; i < len(data); i++ { // no SYN, SYN,ACK or ACK of the handshake
		if err := w.WritePacket(cis[i], data[i]); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Read(&b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantA := []string{"CLOSED->ESTABLISHED", "ESTABLISHED->FIN-WAIT-1", "FIN-WAIT-1->FIN-WAIT-2", "FIN-WAIT-2->TIME-WAIT"}
	wantB := []string{"CLOSED->ESTABLISHED", "ESTABLISHED->CLOSE-WAIT", "CLOSE-WAIT->LAST-ACK", "LAST-ACK->CLOSED"}
	if got := transitions(res.Trace, trace.A); strings.Join(got, " ") != strings.Join(wantA, " ") {
		t.Errorf("A: %v", got)
	}
	if got := transitions(res.Trace, trace.B); strings.Join(got, " ") != strings.Join(wantB, " ") {
		t.Errorf("B: %v", got)
	}
	if n, _ := bytesRead(res.Trace, trace.A); n != 8192 {
		t.Errorf("A reads %d bytes", n)
	}
	if !strings.Contains(res.Notes[0].Text, "after the handshake") {
		t.Errorf("notes %+v", res.Notes)
	}
	for _, n := range res.Notes {
		if n.Kind == Unexpected {
			t.Errorf("frame %d: %s", n.Frame, n.Text)
		}
	}
}
