package pcap

import (
	"bytes"
	"fmt"
	"github.com/tcpsim/tcpsim/trace"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
)

// tshark finds Wireshark's command-line reader. Without it the tests skip,
// except under CI, where a missing tshark is a failure (.ci/run installs it).
func tshark(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("tshark")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("tshark not found and CI=true: install it (apt-get install -y tshark)")
		}
		t.Skip("tshark not found; install it to check exports with Wireshark")
	}
	return p
}

var tsharkFields = []string{
	"tcp.stream", "tcp.flags", "tcp.seq", "tcp.seq_raw", "tcp.ack", "tcp.ack_raw", "tcp.len",
	"tcp.checksum.status", "ip.checksum.status", "tcp.analysis.retransmission",
	"tcp.window_size_value", "tcp.window_size", "tcp.window_size_scalefactor", "tcp.options.timestamp.tsval",
	"_ws.malformed", "_ws.expert.severity", "frame.comment", "tcp.srcport", "tcp.dstport",
}

// row is one packet as tshark dissects it.
type row map[string]string

func (r row) num(t *testing.T, k string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(r[k], 0, 64)
	if err != nil {
		t.Fatalf("tshark field %s = %q: %v", k, r[k], err)
	}
	return v
}

func runTshark(t *testing.T, bin, file string) []row {
	t.Helper()
	args := []string{"-r", file, "-n", "-T", "fields"}
	for _, p := range tsharkPrefs {
		args = append(args, "-o", p[0]+":"+p[1])
	}
	for _, f := range tsharkFields {
		args = append(args, "-e", f)
	}
	cmd := exec.Command(bin, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tshark %s: %v\n%s", file, err, stderr.String())
	}
	var rows []row
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		if line == "" {
			continue
		}
		vals := strings.SplitN(line, "\t", len(tsharkFields))
		if len(vals) != len(tsharkFields) {
			t.Fatalf("tshark line %q: %d fields", line, len(vals))
		}
		r := row{}
		for i, f := range tsharkFields {
			r[f] = vals[i]
		}
		rows = append(rows, r)
	}
	return rows
}

const severityError = 0x00800000 // Wireshark's PI_ERROR: malformed, bad checksum

// capture is one export for Wireshark to read.
type capture struct {
	name string
	tr   *trace.Trace
	tap  Tap
	f    Format
	data []byte // the export
	rows []row  // Wireshark's reading of it
}

// dissectAll exports every capture and has Wireshark read them all as one
// file. Loading a file costs sharkd about 0.1 s of CPU (it reloads its
// name tables every time), many times the cost of dissecting a small
// capture, and the suite reads about 180 captures. So one file holds a
// whole batch: for pcapng every export whole, one section after another;
// for pcap the file header (the same in every export) and every export's
// records. Each capture gets its own addresses (apart), so Wireshark keeps
// its connection apart from the others' as it would in a file of its own.
// It returns the file's path.
func dissectAll(t *testing.T, s *sharkPool, f Format, caps []*capture) string {
	t.Helper()
	var all []byte
	total := 0
	for k, c := range caps {
		if c.f != f {
			t.Fatalf("%s: a %s capture in a %s batch", c.name, c.f, f)
		}
		c.tr = apart(c.tr, k)
		var b bytes.Buffer
		if err := Write(&b, c.tr, Options{Format: f, Tap: c.tap}); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		c.data = b.Bytes()
		switch {
		case f == FormatPcapNG || k == 0:
			all = append(all, c.data...)
		case !bytes.Equal(c.data[:24], caps[0].data[:24]):
			t.Fatalf("%s: pcap file header % x, the first capture's % x", c.name, c.data[:24], caps[0].data[:24])
		default:
			all = append(all, c.data[24:]...)
		}
		total += len(expected(c.tr, c.tap))
	}
	path := filepath.Join(t.TempDir(), "batch."+f.String())
	if err := os.WriteFile(path, all, 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := s.dissect(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != total {
		t.Fatalf("Wireshark reads %d packets in %d captures that hold %d", len(rows), len(caps), total)
	}
	for _, c := range caps {
		n := len(expected(c.tr, c.tap))
		c.rows, rows = rows[:n], rows[n:]
	}
	return path
}

// apart is tr with capture k's addresses: k added to the second and third
// bytes from the end of both (an IPv4 address's second and third octets),
// in the same family. Only the exporter reads them.
func apart(tr *trace.Trace, k int) *trace.Trace {
	cp := *tr
	for s := range cp.Ends {
		a := cp.Ends[s].Addr
		if !a.IsValid() {
			a = defaultAddr[s]
		}
		b := a.As16()
		v := (uint16(b[13])<<8 | uint16(b[14])) + uint16(k)
		b[13], b[14] = byte(v>>8), byte(v)
		n := netip.AddrFrom16(b)
		if a.Is4() {
			n = n.Unmap()
		}
		cp.Ends[s].Addr = n
	}
	return &cp
}

// checkCapture compares Wireshark's reading of a capture with its trace
// and returns what was expected.
func checkCapture(t *testing.T, c *capture) []want {
	t.Helper()
	tr, tap, f, rows := c.tr, c.tap, c.f, c.rows
	exp := expected(tr, tap)
	if len(rows) != len(exp) {
		t.Fatalf("tshark reads %d packets, trace has %d at tap %s", len(rows), len(exp), tap)
	}
	var comments []string
	if f == FormatPcapNG {
		for _, fr := range readFrames(t, c.data, f) {
			comments = append(comments, fr.comment)
		}
	}
	v6 := tr.Ends[trace.A].Addr.Is6() && !tr.Ends[trace.A].Addr.Is4In6()
	// Relative numbers as Wireshark (two passes, as its window and sharkd
	// do) counts them, per direction of each stream: from the latest SYN of
	// that direction (a new incarnation restarts the count); before any,
	// from the first SYN still to come (the second pass knows it), or where
	// there is none, from the first segment, taken as the byte after a SYN
	// the capture missed.
	type dir struct {
		stream string
		from   trace.Side
	}
	base := map[dir]uint32{}
	for i, r := range rows {
		if d := (dir{r["tcp.stream"], exp[i].from}); exp[i].seg.Flags&fsm.SYN != 0 {
			if _, ok := base[d]; !ok {
				base[d] = uint32(exp[i].seg.Seq)
			}
		}
	}
	for i, r := range rows {
		if d := (dir{r["tcp.stream"], exp[i].from}); exp[i].seg.Flags&fsm.SYN == 0 {
			if _, ok := base[d]; !ok {
				base[d] = uint32(exp[i].seg.Seq) - 1
			}
		}
	}
	for i, r := range rows {
		w := exp[i]
		ctx := fmt.Sprintf("packet %d (%s %s)", i+1, w.from.Upper(), w.seg)
		if r["_ws.malformed"] != "" {
			t.Errorf("%s: malformed: %q", ctx, r["_ws.malformed"])
		}
		for _, s := range strings.Split(r["_ws.expert.severity"], ",") {
			if n, _ := strconv.ParseUint(s, 0, 32); n >= severityError {
				t.Errorf("%s: expert error (severity %s)", ctx, s)
			}
		}
		if r["tcp.checksum.status"] != "1" {
			t.Errorf("%s: TCP checksum status %q, want 1 (good)", ctx, r["tcp.checksum.status"])
		}
		if !v6 && r["ip.checksum.status"] != "1" {
			t.Errorf("%s: IP checksum status %q, want 1 (good)", ctx, r["ip.checksum.status"])
		}
		if got := fsm.Flags(r.num(t, "tcp.flags") & 0xff); got != w.seg.Flags {
			t.Errorf("%s: tshark reads flags %s", ctx, got)
		}
		if got := uint32(r.num(t, "tcp.seq_raw")); got != uint32(w.seg.Seq) {
			t.Errorf("%s: tshark reads seq %d", ctx, got)
		}
		if got := r.num(t, "tcp.len"); got != uint64(w.seg.Len) {
			t.Errorf("%s: tshark reads len %d", ctx, got)
		}
		me, peer := dir{r["tcp.stream"], w.from}, dir{r["tcp.stream"], w.from.Peer()}
		if w.seg.Flags&fsm.SYN != 0 {
			base[me] = uint32(w.seg.Seq)
		}
		if got, want := uint32(r.num(t, "tcp.seq")), uint32(w.seg.Seq)-base[me]; got != want {
			t.Errorf("%s: relative seq %d, want %d", ctx, got, want)
		}
		if w.seg.Flags&fsm.ACK != 0 {
			if got := uint32(r.num(t, "tcp.ack_raw")); got != uint32(w.seg.Ack) {
				t.Errorf("%s: tshark reads ack %d", ctx, got)
			}
			if b, ok := base[peer]; ok {
				if got, want := uint32(r.num(t, "tcp.ack")), uint32(w.seg.Ack)-b; got != want {
					t.Errorf("%s: relative ack %d, want %d", ctx, got, want)
				}
			}
		}
		// Wireshark scales the window by the shift both SYNs negotiated.
		if w.seg.Flags&fsm.SYN == 0 && w.seg.Flags&fsm.RST == 0 {
			scale, _ := strconv.Atoi(r["tcp.window_size_scalefactor"])
			if scale > 0 {
				shift := uint(0)
				for 1<<shift < scale {
					shift++
				}
				if got, want := r.num(t, "tcp.window_size"), uint64(w.seg.Wnd)<<shift; got != want {
					t.Errorf("%s: window %d (scale %d), want %d", ctx, got, scale, want)
				}
			}
		}
		if (w.seg.Opts&fsm.OptTimestamps != 0) != (r["tcp.options.timestamp.tsval"] != "") {
			t.Errorf("%s: timestamps option %q, want %v", ctx, r["tcp.options.timestamp.tsval"], w.seg.Opts&fsm.OptTimestamps != 0)
		}
		if f == FormatPcapNG && (r["frame.comment"] != comments[i] || !strings.HasPrefix(comments[i], "tcpsim #")) {
			t.Errorf("%s: tshark reads comment %q, written %q", ctx, r["frame.comment"], comments[i])
		}
	}
	return exp
}

// Every export, at every tap, in both formats, passes Wireshark's dissector.
func TestTshark(t *testing.T) {
	t.Parallel()
	s := sharkSession(t)
	for _, f := range []Format{FormatPcap, FormatPcapNG} {
		var caps []*capture
		for _, c := range configs {
			for _, tap := range []Tap{TapA, TapB, TapLink} {
				caps = append(caps, &capture{name: fmt.Sprintf("%s/%s/%s", c.name, tap, f), tr: sim.Run(c.cfg()), tap: tap, f: f})
			}
		}
		dissectAll(t, s, f, caps)
		for _, c := range caps {
			t.Run(c.name, func(t *testing.T) { checkCapture(t, c) })
		}
	}
}

// Wireshark's own analysis sees the retransmissions tcpsim's scripted
// losses cause, wherever the capture holds the original too.
func TestTsharkRetransmissions(t *testing.T) {
	t.Parallel()
	s := sharkSession(t)
	cases := []struct {
		name string
		cfg  func() *sim.Config
		from trace.Side
		seg  fsm.Flags
		taps []Tap
	}{
		{"lost-syn", lostSYN, trace.A, fsm.SYN, []Tap{TapA, TapLink}},
		{"lost-fin", lostFIN, trace.A, fsm.FIN | fsm.ACK, []Tap{TapA, TapLink}},
		{"lost-final-ack", lostFinalACK, trace.B, fsm.FIN | fsm.ACK, []Tap{TapA, TapB, TapLink}},
	}
	var caps []*capture
	for _, c := range cases {
		for _, tap := range c.taps {
			caps = append(caps, &capture{name: c.name + "/" + tap.String(), tr: sim.Run(c.cfg()), tap: tap, f: FormatPcap})
		}
	}
	dissectAll(t, s, FormatPcap, caps)
	k := 0
	for _, c := range cases {
		for range c.taps {
			cp := caps[k]
			k++
			t.Run(cp.name, func(t *testing.T) {
				exp := checkCapture(t, cp)
				marked := 0
				for i, r := range cp.rows {
					w := exp[i]
					isRetx := w.from == c.from && w.seg.Flags&^fsm.PSH == c.seg && seenBefore(exp[:i], w)
					if got := r["tcp.analysis.retransmission"] != ""; got != isRetx {
						t.Errorf("packet %d (%s %s): tshark retransmission mark %v, want %v", i+1, w.from.Upper(), w.seg, got, isRetx)
					}
					if isRetx {
						marked++
					}
				}
				if marked != 1 {
					t.Errorf("%d retransmissions marked, want 1", marked)
				}
			})
		}
	}
}

func seenBefore(prev []want, w want) bool {
	for _, p := range prev {
		if p.from == w.from && p.seg.Seq == w.seg.Seq && p.seg.Flags == w.seg.Flags {
			return true
		}
	}
	return false
}

// twoStreams are the bundled scenarios where a side holds two connection
// records at once: a capture shows each connection as its own stream.
var twoStreams = map[string]int{"reconnect-new-port": 2, "listener-two-clients": 2}

// Every bundled scenario exports cleanly at every tap.
func TestTsharkBundled(t *testing.T) {
	t.Parallel()
	s := sharkSession(t)
	var caps []*capture
	for _, sc := range scenarios.Bundled() {
		tr := sim.Run(sc.Config)
		for _, tap := range []Tap{TapA, TapB, TapLink} {
			caps = append(caps, &capture{name: sc.Name + "/" + tap.String(), tr: tr, tap: tap, f: FormatPcapNG})
		}
	}
	dissectAll(t, s, FormatPcapNG, caps)
	for _, c := range caps {
		t.Run(c.name, func(t *testing.T) {
			checkCapture(t, c)
			checkStreams(t, c)
		})
	}
}

// checkStreams: where a side holds two connection records, Wireshark sees
// each connection as its own stream on its own ports.
func checkStreams(t *testing.T, c *capture) {
	want := twoStreams[strings.Split(c.name, "/")[0]]
	if want == 0 {
		return
	}
	seen, ports := map[string]bool{}, map[string]bool{}
	for _, r := range c.rows {
		seen[r["tcp.stream"]] = true
		ports[min(r["tcp.srcport"], r["tcp.dstport"])+"-"+max(r["tcp.srcport"], r["tcp.dstport"])] = true
	}
	if len(seen) != want || len(ports) != want {
		t.Errorf("tshark sees %d TCP streams on %d port pairs %v, want %d (one per connection, on its own ports)", len(seen), len(ports), ports, want)
	}
}

// sharkd reads what tshark reads, field for field, on captures that
// exercise every field the checks use: options, scaled windows, a
// retransmission, comments. They share one file, read once by each.
func TestSharkdMatchesTshark(t *testing.T) {
	t.Parallel()
	s := sharkSession(t)
	bin := tshark(t)
	var caps []*capture
	for _, c := range []struct {
		name string
		tap  Tap
	}{{"linux-normal", TapA}, {"lost-final-ack", TapLink}} {
		sc, err := scenarios.Lookup(c.name)
		if err != nil {
			t.Fatal(err)
		}
		caps = append(caps, &capture{name: c.name, tr: sim.Run(sc.Config), tap: c.tap, f: FormatPcapNG})
	}
	want := runTshark(t, bin, dissectAll(t, s, FormatPcapNG, caps))
	var got []row
	for _, c := range caps {
		got = append(got, c.rows...)
	}
	if len(got) != len(want) {
		t.Fatalf("sharkd reads %d packets, tshark %d", len(got), len(want))
	}
	retx := 0
	for i := range want {
		if want[i]["tcp.analysis.retransmission"] != "" {
			retx++
		}
		for _, f := range tsharkFields {
			if got[i][f] != want[i][f] {
				t.Errorf("packet %d %s: sharkd %q, tshark %q", i+1, f, got[i][f], want[i][f])
			}
		}
	}
	if retx == 0 {
		t.Error("no retransmission in the captures: the field went unchecked")
	}
}
