package pcap

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// epb writes the bytes pcapgo's NgWriter writes for the same packet and
// comment, for every padding of the data and of the comment.
func TestEPBSameBytesAsPcapgo(t *testing.T) {
	ts := DefaultEpoch.Add(1234567891 * time.Nanosecond)
	for dn := range 6 {
		for _, comment := range []string{"", "a", "ab", "abc", "abcd", "tcpsim #1 A->B: ÄÖ", strings.Repeat("x", 70000)} {
			data := bytes.Repeat([]byte{0xa5}, dn)
			var want bytes.Buffer
			nw, err := pcapgo.NewNgWriterInterface(&want, pcapgo.NgInterface{LinkType: layers.LinkTypeEthernet, SnapLength: Snaplen}, pcapgo.NgWriterOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := nw.Flush(); err != nil {
				t.Fatal(err)
			}
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
			var got bytes.Buffer
			wr := &Writer{bw: bufio.NewWriter(&got)}
			if err := wr.epb(ts.UnixNano(), data, []byte(comment)); err != nil {
				t.Fatal(err)
			}
			if err := wr.Flush(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()[head:]) {
				t.Fatalf("data %d bytes, comment %d bytes:\n got % x\nwant % x", dn, len(comment), got.Bytes(), want.Bytes()[head:])
			}
		}
	}
}
