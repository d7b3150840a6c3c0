package replay

import (
	"bytes"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/tcpsim/tcpsim/sim"
)

// A scan (one SYN to each of thousands of ports) is as many connections:
// the index of connections counts in the budget too, so it cannot grow
// past it while the chosen connection stays small.
func TestScanBudget(t *testing.T) {
	var b bytes.Buffer
	w := pcapgo.NewWriter(&b)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	eth := &layers.Ethernet{SrcMAC: net.HardwareAddr{2, 0, 0, 0, 0, 1}, DstMAC: net.HardwareAddr{2, 0, 0, 0, 0, 2}, EthernetType: layers.EthernetTypeIPv4}
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: net.IP{10, 0, 0, 1}, DstIP: net.IP{10, 0, 0, 2}}
	for i := range 2000 {
		tcp := &layers.TCP{SrcPort: 40000, DstPort: layers.TCPPort(1 + i), Seq: 100, SYN: true, Window: 65535}
		if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
			t.Fatal(err)
		}
		buf := gopacket.NewSerializeBuffer()
		if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, eth, ip, tcp); err != nil {
			t.Fatal(err)
		}
		ci := gopacket.CaptureInfo{Timestamp: time.Unix(1_700_000_000, int64(i)*1000), CaptureLength: len(buf.Bytes()), Length: len(buf.Bytes())}
		if err := w.WritePacket(ci, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Read(bytes.NewReader(b.Bytes()), Options{})
	if err != nil || res.Streams != 2000 {
		t.Fatalf("%v, %+v", err, res)
	}
	res, err = Read(bytes.NewReader(b.Bytes()), Options{Limits: sim.Limits{Memory: 100_000}})
	var stop *LimitError
	if !errors.As(err, &stop) || stop.Limit != "memory" || stop.Kept != 1 || res == nil || len(res.Frame) != 1 || res.Streams >= 2000 {
		t.Fatalf("%v, %+v", err, res)
	}
	if _, err := Read(bytes.NewReader(b.Bytes()), Options{Stream: 1999, Limits: sim.Limits{Memory: 100_000}}); !errors.As(err, &stop) || stop.Kept != 0 {
		t.Errorf("stream 1999: %v", err)
	}
}
