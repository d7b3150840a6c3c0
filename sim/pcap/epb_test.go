package pcap

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// ngHead is what pcapgo's NgWriter writes before the first packet.
func ngHead(t *testing.T, w io.Writer, intf pcapgo.NgInterface, info pcapgo.NgWriterOptions) *pcapgo.NgWriter {
	t.Helper()
	nw, err := pcapgo.NewNgWriterInterface(w, intf, info)
	if err != nil {
		t.Fatal(err)
	}
	if err := nw.Flush(); err != nil {
		t.Fatal(err)
	}
	return nw
}

// A block put together as writeEPB does it is the bytes pcapgo's NgWriter
// writes for the same packet and comment, for every padding of the data
// and of the comment, and for a comment too long for its length field.
func TestEPBSameBytesAsPcapgo(t *testing.T) {
	ts := DefaultEpoch.Add(1234567891 * time.Nanosecond)
	for dn := range 6 {
		for _, comment := range []string{"", "a", "ab", "abc", "abcd", "tcpsim #1 A->B: ÄÖ", strings.Repeat("x", 70000)} {
			data := bytes.Repeat([]byte{0xa5}, dn)
			var want bytes.Buffer
			nw := ngHead(t, &want, pcapgo.NgInterface{LinkType: layers.LinkTypeEthernet, SnapLength: Snaplen}, pcapgo.NgWriterOptions{})
			head := want.Len()
			var opts pcapgo.NgPacketOptions
			if comment != "" {
				opts.Comments = []string{comment[:min(len(comment), maxCommentLen)]}
			}
			ci := gopacket.CaptureInfo{Timestamp: ts, CaptureLength: dn, Length: dn}
			if err := nw.WritePacketWithOptions(ci, data, opts); err != nil {
				t.Fatal(err)
			}
			if err := nw.Flush(); err != nil {
				t.Fatal(err)
			}
			got := append([]byte("junk before"), epbHead[:]...)
			got = append(got, data...)
			got = endFrame(got, 11, ts.UnixNano())
			opt := len(got)
			got = append(got, commentHead[:]...)
			got = append(got, comment...)
			got = endEPB(got, 11, opt)
			if !bytes.Equal(got[11:], want.Bytes()[head:]) {
				t.Fatalf("data %d bytes, comment %d bytes:\n got % x\nwant % x", dn, len(comment), got[11:], want.Bytes()[head:])
			}
		}
	}
}

// A whole pcapng export, many buffers long, is the file pcapgo's NgWriter
// writes for the same frames and comments.
func TestPcapngExportSameBytesAsPcapgo(t *testing.T) {
	tr := bulkTrace(3000, 1448) // about 4.5 MB: the buffer is written out many times
	for _, tr := range append(traceOf(lossy(), ipv6(), challenge()), tr) {
		for _, tap := range []Tap{TapA, TapLink} {
			got := export(t, tr, Options{Format: FormatPcapNG, Tap: tap})
			frames := readFrames(t, got, FormatPcapNG)
			var want bytes.Buffer
			intf := pcapgo.NgInterface{Name: "tap-" + tap.String(), Description: tap.Description(), LinkType: layers.LinkTypeEthernet, SnapLength: Snaplen}
			nw := ngHead(t, &want, intf, pcapgo.NgWriterOptions{SectionInfo: pcapgo.NgSectionInfo{Application: "tcpsim"}})
			for _, fr := range frames {
				ci := gopacket.CaptureInfo{Timestamp: fr.ts, CaptureLength: len(fr.raw), Length: len(fr.raw)}
				if err := nw.WritePacketWithOptions(ci, fr.raw, pcapgo.NgPacketOptions{Comments: []string{fr.comment}}); err != nil {
					t.Fatal(err)
				}
			}
			if err := nw.Flush(); err != nil {
				t.Fatal(err)
			}
			if len(frames) < 10 || !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("tap %s: %d frames; the export (%d bytes) and pcapgo's file (%d bytes) differ", tap, len(frames), len(got), want.Len())
			}
		}
	}
}

func traceOf(cfgs ...*sim.Config) []*trace.Trace {
	var out []*trace.Trace
	for _, c := range cfgs {
		out = append(out, sim.Run(c))
	}
	return out
}

func TestAppendInt(t *testing.T) {
	for _, v := range []int32{0, 1, 9, 10, 99, 100, 101, 999, 1000, 12345, 1<<31 - 1, -1, -10, -1 << 31} {
		if got, want := string(appendInt([]byte("x"), v)), "x"+strconv.Itoa(int(v)); got != want {
			t.Errorf("appendInt(%d) = %q, want %q", v, got, want)
		}
	}
}

func TestAppendDuration(t *testing.T) {
	ds := []time.Duration{0, 1, 499_999, 500_000, 500_001, 1_500_000, 2_500_000, time.Second - 1, time.Second,
		59*time.Second + 999_499_999, 59*time.Second + 999_500_000, time.Minute - 1, time.Minute, time.Minute + 5*time.Millisecond,
		time.Minute + 9_999_500_000, 61*time.Minute + 59_999_600_000, 1000 * time.Hour, -1, -time.Millisecond}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		half := time.Duration(r.Int64N(200_000))*500_000 + time.Duration(r.Int64N(3)) - 1 // 0 to 100 s, about a halfway point
		ds = append(ds, time.Duration(r.Int64N(int64(3*time.Hour))), half, time.Duration(r.Int64N(100))*time.Minute+half)
	}
	for _, d := range ds {
		if got, want := string(appendDuration(nil, d)), trace.FormatDuration(d); got != want {
			t.Fatalf("appendDuration(%d) = %q, want %q", d, got, want)
		}
	}
}

// Each language's "(arrives at T)" is cut around T, so its words are
// copied and only the time is formatted per packet.
func TestArrivesAtSplit(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		p, err := msg.New(lang)
		if err != nil {
			t.Fatal(err)
		}
		a := annotate(&trace.Trace{}, p, TapA)
		if !a.arriveSplit {
			t.Fatalf("%s: the arrival text was not split around T", lang)
		}
		a.b = nil
		a.arrivesAt(61*time.Second + 2600*time.Microsecond)
		if got, want := string(a.b), p.T(msg.CaptureArrivesAt, msg.Args{"T": "1m01.003s"}); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}
