package replay

import (
	"bytes"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// noACKs is a real handshake followed by n data segments from the client
// that nothing acknowledges: more than maxOwed unacknowledged segments.
func noACKs(t *testing.T, n int) []byte {
	t.Helper()
	data, cis := frames(t, "testdata/a_normal.pcap")
	var b bytes.Buffer
	w := pcapgo.NewWriterNanos(&b)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if err := w.WritePacket(cis[i], data[i]); err != nil {
			t.Fatal(err)
		}
	}
	p := gopacket.NewPacket(data[2], layers.LayerTypeEthernet, gopacket.Default) // the client's ACK
	eth := *p.Layer(layers.LayerTypeEthernet).(*layers.Ethernet)
	ip := *p.Layer(layers.LayerTypeIPv4).(*layers.IPv4)
	tcp := *p.Layer(layers.LayerTypeTCP).(*layers.TCP)
	tcp.Options, tcp.Padding = nil, nil
	tcp.PSH = true
	ci := cis[2]
	payload := bytes.Repeat([]byte("x"), 100)
	for i := 0; i < n; i++ {
		seg := tcp
		seg.Seq = tcp.Seq + uint32(i*len(payload))
		if err := seg.SetNetworkLayerForChecksum(&ip); err != nil {
			t.Fatal(err)
		}
		buf := gopacket.NewSerializeBuffer()
		opts := gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}
		if err := gopacket.SerializeLayers(buf, opts, &eth, &ip, &seg, gopacket.Payload(payload)); err != nil {
			t.Fatal(err)
		}
		ci.Timestamp = ci.Timestamp.Add(1000)
		ci.CaptureLength, ci.Length = len(buf.Bytes()), len(buf.Bytes())
		if err := w.WritePacket(ci, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

// Regression: with more than maxOwed segments owed, Output compacted the
// queue during Arrive and deliver sliced it with a stale length
// ("slice bounds out of range [256:129]").
func TestManyUnacknowledged(t *testing.T) {
	res, err := Read(bytes.NewReader(noACKs(t, 514)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Frames != 3+514 {
		t.Errorf("%d frames", res.Frames)
	}
}

// Regression: tcpsim's own export of a long lossy transfer crashed the
// replay the same way.
func TestReplayLongLossyExport(t *testing.T) {
	sc, err := scenarios.Load("long.yaml", []byte(`
link: {loss: 0.05}
timeline:
  - {at: 0s, b: listen}
  - {at: 0s, a: connect}
  - {when: {a: ESTABLISHED}, a: {send: 16777216}}
  - {when: {b: CLOSE-WAIT}, b: close}
`))
	if err != nil {
		t.Fatal(err)
	}
	tr, stop := sim.RunLimited(sc.Config)
	if stop != nil {
		t.Fatal(stop)
	}
	var b bytes.Buffer
	if err := pcap.Write(&b, tr, pcap.Options{Format: pcap.FormatPcapNG, Tap: pcap.TapA}); err != nil {
		t.Fatal(err)
	}
	res, err := Read(&b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Frames < 11000 {
		t.Errorf("%d frames", res.Frames)
	}
}
