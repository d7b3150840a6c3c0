package pcap

import (
	"bytes"
	"encoding/binary"
	"errors"
	"github.com/tcpsim/tcpsim/trace"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/sim"
)

func export(t testing.TB, tr *trace.Trace, opts Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, tr, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return b.Bytes()
}

// frame is one decoded packet.
type frame struct {
	ts      time.Time
	comment string
	eth     *layers.Ethernet
	ip4     *layers.IPv4
	ip6     *layers.IPv6
	tcp     *layers.TCP
	raw     []byte
}

func readFrames(t *testing.T, data []byte, f Format) []frame {
	t.Helper()
	type reader interface {
		ReadPacketData() ([]byte, gopacket.CaptureInfo, error)
	}
	var r reader
	var ng *pcapgo.NgReader
	var err error
	if f == FormatPcapNG {
		ng, err = pcapgo.NewNgReader(bytes.NewReader(data), pcapgo.DefaultNgReaderOptions)
		r = ng
	} else {
		r, err = pcapgo.NewReader(bytes.NewReader(data))
	}
	if err != nil {
		t.Fatalf("reader: %v", err)
	}
	var out []frame
	for {
		var fr frame
		var raw []byte
		var ci gopacket.CaptureInfo
		if ng != nil {
			var o pcapgo.NgPacketOptions
			raw, ci, o, err = ng.ReadPacketDataWithOptions()
			if len(o.Comments) > 0 {
				fr.comment = o.Comments[0]
			}
		} else {
			raw, ci, err = r.ReadPacketData()
		}
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("read packet %d: %v", len(out)+1, err)
		}
		pkt := gopacket.NewPacket(raw, layers.LayerTypeEthernet, gopacket.Default)
		if el := pkt.ErrorLayer(); el != nil {
			t.Fatalf("packet %d does not decode: %v", len(out)+1, el.Error())
		}
		fr.ts, fr.raw = ci.Timestamp, raw
		fr.eth, _ = pkt.Layer(layers.LayerTypeEthernet).(*layers.Ethernet)
		fr.ip4, _ = pkt.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
		fr.ip6, _ = pkt.Layer(layers.LayerTypeIPv6).(*layers.IPv6)
		fr.tcp, _ = pkt.Layer(layers.LayerTypeTCP).(*layers.TCP)
		if fr.tcp == nil {
			t.Fatalf("packet %d has no TCP layer", len(out)+1)
		}
		out = append(out, fr)
	}
}

// expected restates the taps from the issue: at X, X's sends when sent
// (lost ones too) and the peer's segments when they reach X; on the link,
// every transmission when sent.
type want struct {
	t    time.Duration
	from trace.Side
	seg  fsm.Segment
}

func expected(tr *trace.Trace, tap Tap) []want {
	var out []want
	for _, ev := range tr.Events {
		switch {
		case ev.Kind == trace.KSend && tap == TapLink:
			out = append(out, want{ev.T, ev.Side, ev.Seg})
		case ev.Kind == trace.KSend && !ev.Injected && ((tap == TapA && ev.Side == trace.A) || (tap == TapB && ev.Side == trace.B)):
			out = append(out, want{ev.T, ev.Side, ev.Seg})
		case ev.Kind == trace.KDeliver && ((tap == TapA && ev.Side == trace.A) || (tap == TapB && ev.Side == trace.B)):
			out = append(out, want{ev.T, ev.Side.Peer(), ev.Seg})
		}
	}
	return out
}

type tcpOpts struct {
	mss          uint16
	ws           int // -1: absent
	sack, hasTS  bool
	tsval, tsecr uint32
}

func decodeOptions(t *layers.TCP) tcpOpts {
	o := tcpOpts{ws: -1}
	for _, x := range t.Options {
		switch x.OptionType {
		case layers.TCPOptionKindMSS:
			o.mss = binary.BigEndian.Uint16(x.OptionData)
		case layers.TCPOptionKindWindowScale:
			o.ws = int(x.OptionData[0])
		case layers.TCPOptionKindSACKPermitted:
			o.sack = true
		case layers.TCPOptionKindTimestamps:
			o.hasTS = true
			o.tsval, o.tsecr = binary.BigEndian.Uint32(x.OptionData), binary.BigEndian.Uint32(x.OptionData[4:])
		}
	}
	return o
}

func flagsOf(t *layers.TCP) fsm.Flags {
	var f fsm.Flags
	for _, x := range []struct {
		on bool
		f  fsm.Flags
	}{{t.FIN, fsm.FIN}, {t.SYN, fsm.SYN}, {t.RST, fsm.RST}, {t.PSH, fsm.PSH}, {t.ACK, fsm.ACK}} {
		if x.on {
			f |= x.f
		}
	}
	return f
}

// sum16 is the Internet checksum's one's-complement sum.
func sum16(b []byte, s uint32) uint32 {
	for len(b) >= 2 {
		s += uint32(binary.BigEndian.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		s += uint32(b[0]) << 8
	}
	for s > 0xffff {
		s = s&0xffff + s>>16
	}
	return s
}

func checkChecksums(t *testing.T, i int, fr frame) {
	t.Helper()
	var pseudo, seg []byte
	if fr.ip4 != nil {
		if sum16(fr.ip4.Contents, 0) != 0xffff {
			t.Errorf("packet %d: bad IPv4 header checksum", i)
		}
		seg = fr.ip4.Payload
		pseudo = append(append(pseudo, fr.ip4.SrcIP.To4()...), fr.ip4.DstIP.To4()...)
		pseudo = append(pseudo, 0, 6, byte(len(seg)>>8), byte(len(seg)))
	} else {
		seg = fr.ip6.Payload
		pseudo = append(append(pseudo, fr.ip6.SrcIP...), fr.ip6.DstIP...)
		pseudo = binary.BigEndian.AppendUint32(pseudo, uint32(len(seg)))
		pseudo = append(pseudo, 0, 0, 0, 6)
	}
	if sum16(seg, sum16(pseudo, 0)) != 0xffff {
		t.Errorf("packet %d: bad TCP checksum", i)
	}
}

func TestFramesMatchTrace(t *testing.T) {
	for _, c := range configs {
		tr := sim.Run(c.cfg())
		for _, tap := range []Tap{TapA, TapB, TapLink} {
			for _, f := range []Format{FormatPcap, FormatPcapNG} {
				frames := readFrames(t, export(t, tr, Options{Format: f, Tap: tap}), f)
				exp := expected(tr, tap)
				if len(frames) != len(exp) {
					t.Fatalf("%s tap %s %s: %d frames, want %d", c.name, tap, f, len(frames), len(exp))
				}
				lastTS := [2]uint32{} // the latest TSval each side sent
				for i, fr := range frames {
					w := exp[i]
					tcp := fr.tcp
					o := decodeOptions(tcp)
					if w.seg.Flags&fsm.SYN != 0 && w.seg.Opts&fsm.OptWScale != 0 && o.ws != int(w.seg.WScale) {
						t.Errorf("%s #%d: window scale %d, want %d", c.name, i, o.ws, w.seg.WScale)
					}
					wnd := uint32(tcp.Window) // the raw field, as the trace holds it
					if o.hasTS != (w.seg.Opts&fsm.OptTimestamps != 0) || o.sack != (w.seg.Opts&fsm.OptSACKPerm != 0) {
						t.Errorf("%s #%d: options %+v, want %b", c.name, i, o, w.seg.Opts)
					}
					if o.hasTS {
						// TSecr echoes a TSval the peer sent earlier (zero on a SYN).
						if w.seg.Flags&fsm.ACK == 0 && o.tsecr != 0 || w.seg.Flags&fsm.ACK != 0 && o.tsecr != lastTS[w.from.Peer()] && tap != TapLink {
							t.Errorf("%s #%d: TSecr %d, peer's latest TSval %d", c.name, i, o.tsecr, lastTS[w.from.Peer()])
						}
						if o.tsval < lastTS[w.from] {
							t.Errorf("%s #%d: TSval %d went back from %d", c.name, i, o.tsval, lastTS[w.from])
						}
						lastTS[w.from] = o.tsval
					}
					if !fr.ts.Equal(DefaultEpoch.Add(w.t)) {
						t.Errorf("%s #%d: time %v, want %v", c.name, i, fr.ts, DefaultEpoch.Add(w.t))
					}
					if got := flagsOf(tcp); got != w.seg.Flags || tcp.Seq != uint32(w.seg.Seq) || wnd != uint32(w.seg.Wnd) || uint32(len(tcp.Payload)) != w.seg.Len {
						t.Errorf("%s #%d: got %s seq=%d wnd=%d len=%d, want %s wnd=%d", c.name, i, got, tcp.Seq, wnd, len(tcp.Payload), w.seg, w.seg.Wnd)
					}
					if w.seg.Flags&fsm.ACK != 0 && tcp.Ack != uint32(w.seg.Ack) {
						t.Errorf("%s #%d: ack %d, want %d", c.name, i, tcp.Ack, w.seg.Ack)
					}
					if w.seg.Data != nil && !bytes.Equal(tcp.Payload, w.seg.Data) {
						t.Errorf("%s #%d: payload %q, want %q", c.name, i, tcp.Payload, w.seg.Data)
					}
					if o.mss != w.seg.MSS {
						t.Errorf("%s #%d: MSS option %d, want %d", c.name, i, o.mss, w.seg.MSS)
					}
					if w.seg.Flags&fsm.SYN != 0 && w.seg.Opts&fsm.OptWScale != 0 && o.ws != int(w.seg.WScale) {
						t.Errorf("%s #%d: window scale option %d, want %d", c.name, i, o.ws, w.seg.WScale)
					}
					if fr.eth.SrcMAC.String() != macs[w.from].String() {
						t.Errorf("%s #%d: source MAC %s, want %s's", c.name, i, fr.eth.SrcMAC, w.from.Upper())
					}
					wantPort := tr.Ends[trace.A].Port
					if w.from == trace.B {
						wantPort = tr.Ends[trace.B].Port
					}
					if uint16(tcp.SrcPort) != wantPort {
						t.Errorf("%s #%d: source port %d, want %d", c.name, i, tcp.SrcPort, wantPort)
					}
					if (fr.ip6 != nil) != (c.name == "ipv6") {
						t.Errorf("%s #%d: IPv6 %v", c.name, i, fr.ip6 != nil)
					}
					checkChecksums(t, i, fr)
					if f == FormatPcapNG && !strings.HasPrefix(fr.comment, "tcpsim #") {
						t.Errorf("%s #%d: comment %q", c.name, i, fr.comment)
					}
				}
			}
		}
	}
}

// The same scenario run twice gives the same bytes, in both formats.
func TestByteIdentical(t *testing.T) {
	for _, c := range configs {
		for _, f := range []Format{FormatPcap, FormatPcapNG} {
			for _, tap := range []Tap{TapA, TapB, TapLink} {
				one := export(t, sim.Run(c.cfg()), Options{Format: f, Tap: tap})
				two := export(t, sim.Run(c.cfg()), Options{Format: f, Tap: tap})
				if !bytes.Equal(one, two) {
					t.Errorf("%s %s tap %s: two exports differ", c.name, f, tap)
				}
			}
		}
	}
	// And through WriteFile, with the format from the extension.
	dir := t.TempDir()
	for _, name := range []string{"x.pcap", "x.pcapng"} {
		p := filepath.Join(dir, name)
		if err := WriteFile(p, sim.Run(lostFIN()), Options{}); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(p)
		f, _ := FormatForPath(name)
		if want := export(t, sim.Run(lostFIN()), Options{Format: f}); !bytes.Equal(got, want) {
			t.Errorf("%s: WriteFile and Write differ", name)
		}
	}
}

// Files carry nothing about the host that wrote them.
func TestPcapngHeaderFixed(t *testing.T) {
	data := export(t, sim.Run(base()), Options{Format: FormatPcapNG, Tap: TapB})
	r, err := pcapgo.NewNgReader(bytes.NewReader(data), pcapgo.DefaultNgReaderOptions)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := r.ReadPacketData(); err != nil {
		t.Fatal(err)
	}
	if si := r.SectionInfo(); si.OS != "" || si.Hardware != "" || si.Application != "tcpsim" {
		t.Errorf("section info %+v", si)
	}
	intf, _ := r.Interface(0)
	if intf.OS != "" || intf.Name != "tap-b" {
		t.Errorf("interface %+v", intf)
	}
}

func count(frames []frame, from trace.Side, f fsm.Flags) int {
	n := 0
	for _, fr := range frames {
		src := trace.A
		if fr.eth.SrcMAC.String() == macs[trace.B].String() {
			src = trace.B
		}
		if src == from && flagsOf(fr.tcp)&^fsm.PSH == f {
			n++
		}
	}
	return n
}

func TestTapsDiffer(t *testing.T) {
	tr := sim.Run(lostSYN())
	frames := func(tap Tap) []frame { return readFrames(t, export(t, tr, Options{Tap: tap}), FormatPcap) }
	a, b, link := frames(TapA), frames(TapB), frames(TapLink)
	if Count(tr, TapA) != len(a) || Count(tr, TapB) != len(b) || Count(tr, TapLink) != len(link) {
		t.Errorf("Count says %d, %d, %d; the files hold %d, %d, %d",
			Count(tr, TapA), Count(tr, TapB), Count(tr, TapLink), len(a), len(b), len(link))
	}
	// A's tcpdump sees both SYNs; B never sees the lost one.
	if n := count(a, trace.A, fsm.SYN); n != 2 {
		t.Errorf("tap a: %d SYNs, want 2", n)
	}
	if n := count(b, trace.A, fsm.SYN); n != 1 {
		t.Errorf("tap b: %d SYNs, want 1", n)
	}
	if n := count(link, trace.A, fsm.SYN); n != 2 {
		t.Errorf("link: %d SYNs, want 2", n)
	}
	// B's SYN,ACK is stamped with its sending time at B and its arrival at A.
	at := func(fs []frame) time.Duration {
		for _, fr := range fs {
			if fr.tcp.SYN && fr.tcp.ACK {
				return fr.ts.Sub(DefaultEpoch)
			}
		}
		return -1
	}
	if da, db := at(a), at(b); da-db != 50*ms {
		t.Errorf("SYN,ACK at A %v, at B %v: want 50ms apart", da, db)
	}

	// The lost final ACK: A sends it (tap a and link show it), B never gets it.
	tr = sim.Run(lostFinalACK())
	a = readFrames(t, export(t, tr, Options{Tap: TapA}), FormatPcap)
	b = readFrames(t, export(t, tr, Options{Tap: TapB}), FormatPcap)
	if na, nb := count(a, trace.A, fsm.ACK), count(b, trace.A, fsm.ACK); na != nb+1 {
		t.Errorf("A's ACKs: %d at a, %d at b; want one more at a", na, nb)
	}
	if na, nb := count(a, trace.B, fsm.FIN|fsm.ACK), count(b, trace.B, fsm.FIN|fsm.ACK); na != 2 || nb != 2 {
		t.Errorf("B's FINs: %d at a, %d at b; want 2 and 2", na, nb)
	}
}

func comments(t *testing.T, tr *trace.Trace, tap Tap) []string {
	var out []string
	for _, fr := range readFrames(t, export(t, tr, Options{Format: FormatPcapNG, Tap: tap}), FormatPcapNG) {
		out = append(out, fr.comment)
	}
	return out
}

func TestComments(t *testing.T) {
	c := comments(t, sim.Run(lostSYN()), TapA)
	wantPrefix := []string{
		"tcpsim #0 A->B: sender A: CLOSED -> SYN-SENT; dropped by the link (scripted drop): B never sees it; RFC 9293 §3.10.1",
		"tcpsim #1 A->B: sender A: SYN-SENT; receiver B: LISTEN -> SYN-RECEIVED (arrives at 1.050s); retransmission #1 (RTO 1s); RFC 9293 §3.10.8",
		"tcpsim #2 B->A: sender B: LISTEN -> SYN-RECEIVED; receiver A: SYN-SENT -> ESTABLISHED; RFC 9293 §3.10.7.2",
	}
	for i, w := range wantPrefix {
		if c[i] != w {
			t.Errorf("comment %d:\n got %q\nwant %q", i, c[i], w)
		}
	}
	// On the link there is no "arrives at": the capture is not at an end.
	if l := comments(t, sim.Run(lostSYN()), TapLink); strings.Contains(l[1], "arrives at") {
		t.Errorf("link comment %q", l[1])
	}

	all := strings.Join(comments(t, sim.Run(challenge()), TapLink), "\n")
	for _, w := range []string{"injected by the link, as if from B; receiver A: ESTABLISHED; forged RST (injected)", "challenge ACK"} {
		if !strings.Contains(all, w) {
			t.Errorf("challenge: no %q in\n%s", w, all)
		}
	}
	all = strings.Join(comments(t, sim.Run(lostFinalACK()), TapB), "\n")
	for _, w := range []string{
		"B->A: sender B: LAST-ACK; receiver A: TIME-WAIT (arrives at 2.300s); retransmission #1 (RTO 1s)",
		"receiver B: LAST-ACK -> CLOSED",
	} {
		if !strings.Contains(all, w) {
			t.Errorf("lost final ACK: no %q in\n%s", w, all)
		}
	}
}

// failAfter fails every write once n bytes went through, like a full disk.
type failAfter struct {
	w io.Writer
	n int
}

var errFull = errors.New("no space left on device")

func (f *failAfter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, errFull
	}
	f.n -= len(p)
	return f.w.Write(p)
}

func dirNames(t *testing.T, dir string) []string {
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

func TestWriteFileAtomic(t *testing.T) {
	tr := sim.Run(lossy())
	dir := t.TempDir()

	// A directory that does not exist: a clear error, nothing created.
	err := WriteFile(filepath.Join(dir, "nope", "run.pcap"), tr, Options{})
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing directory: %v", err)
	}
	// A parent that is a file.
	if err := os.WriteFile(filepath.Join(dir, "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(filepath.Join(dir, "file", "run.pcap"), tr, Options{}); err == nil {
		t.Error("parent is a file: no error")
	}
	if err := WriteFile(dir, tr, Options{Format: FormatPcap}); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("path is a directory: %v", err)
	}
	if err := WriteFile(filepath.Join(dir, "run.txt"), tr, Options{}); err == nil || !strings.Contains(err.Error(), ".pcapng") {
		t.Errorf("unknown extension: %v", err)
	}

	// The disk fills up halfway: the error says so, no partial file stays
	// and an older capture at the same path is left as it was.
	for _, name := range []string{"run.pcap", "run.pcapng"} {
		path := filepath.Join(dir, name)
		old := []byte("an older capture")
		if err := os.WriteFile(path, old, 0o644); err != nil {
			t.Fatal(err)
		}
		before := dirNames(t, dir)
		err = writeFile(path, tr, Options{}, func(w io.Writer) io.Writer { return &failAfter{w: w, n: 10000} })
		if !errors.Is(err, errFull) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: full disk gave %v", name, err)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, old) {
			t.Errorf("%s: the older file changed", name)
		}
		if after := dirNames(t, dir); strings.Join(after, ",") != strings.Join(before, ",") {
			t.Errorf("%s: directory was %v, now %v", name, before, after)
		}
		// Then a good write replaces it whole.
		if err := WriteFile(path, tr, Options{}); err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o644 || fi.Size() < 10000 {
			t.Errorf("%s: mode %v size %d", name, fi.Mode(), fi.Size())
		}
	}
	if names := dirNames(t, dir); len(names) != 3 {
		t.Errorf("left in the directory: %v", names)
	}
}

func TestBadInput(t *testing.T) {
	if err := Write(io.Discard, nil, Options{}); err == nil {
		t.Error("nil trace: no error")
	}
	c := base()
	c.B.Addr = c.B.Addr.Prev().Prev() // still v4
	c.A.Addr = ipv6().A.Addr
	if err := Write(io.Discard, sim.Run(c), Options{}); err == nil || !strings.Contains(err.Error(), "mix") {
		t.Errorf("mixed families: %v", err)
	}
	if _, err := ParseTap("middle"); err == nil {
		t.Error("ParseTap accepted middle")
	}
	// Unset addresses and ports get defaults rather than an invalid frame.
	c = base()
	c.A, c.B = sim.EndpointConfig{ISN: 1}, sim.EndpointConfig{ISN: 2}
	fr := readFrames(t, export(t, sim.Run(c), Options{}), FormatPcap)
	if fr[0].ip4.SrcIP.String() != "10.0.0.1" || fr[0].tcp.DstPort != 80 {
		t.Errorf("defaults: %v:%d", fr[0].ip4.SrcIP, fr[0].tcp.DstPort)
	}
}
