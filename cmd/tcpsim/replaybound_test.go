package main

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
)

// pureACKs writes a capture of n pure ACKs of one connection, the issue's
// hostile capture (it had 4.1M), generated rather than stored.
func pureACKs(t *testing.T, n int) string {
	t.Helper()
	eth := &layers.Ethernet{SrcMAC: net.HardwareAddr{2, 0, 0, 0, 0, 1}, DstMAC: net.HardwareAddr{2, 0, 0, 0, 0, 2}, EthernetType: layers.EthernetTypeIPv4}
	ip := &layers.IPv4{Version: 4, TTL: 64, Protocol: layers.IPProtocolTCP, SrcIP: net.IP{10, 0, 0, 1}, DstIP: net.IP{10, 0, 0, 2}}
	tcp := &layers.TCP{SrcPort: 49152, DstPort: 80, Seq: 101, Ack: 301, ACK: true, Window: 65535}
	if err := tcp.SetNetworkLayerForChecksum(ip); err != nil {
		t.Fatal(err)
	}
	buf := gopacket.NewSerializeBuffer()
	if err := gopacket.SerializeLayers(buf, gopacket.SerializeOptions{FixLengths: true, ComputeChecksums: true}, eth, ip, tcp); err != nil {
		t.Fatal(err)
	}
	frame := buf.Bytes()
	p := filepath.Join(t.TempDir(), "acks.pcap")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	w := pcapgo.NewWriter(bw)
	if err := w.WriteFileHeader(65535, layers.LinkTypeEthernet); err != nil {
		t.Fatal(err)
	}
	t0 := time.Unix(1_700_000_000, 0)
	for i := range n {
		ci := gopacket.CaptureInfo{Timestamp: t0.Add(time.Duration(i) * time.Microsecond), CaptureLength: len(frame), Length: len(frame)}
		if err := w.WritePacket(ci, frame); err != nil {
			t.Fatal(err)
		}
	}
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	return p
}

// A capture past the frame bound (the 4.1M pure ACKs replayed at
// 8.6 GB) is refused while it is read, with the file and the limit named,
// and the process's peak memory stays under a ceiling.
func TestReplayFrameBound(t *testing.T) {
	bin := buildTcpsim(t)
	p := pureACKs(t, 600_000)
	// 500,000 frames are read before the bound fires: about 320 MiB today,
	// since a capture is read whole before it is replayed (not streamed).
	const ceiling = 448 << 20
	cmd := exec.Command(bin, "replay", p)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	peak, _ := peakOf(t, cmd)
	code := cmd.ProcessState.ExitCode()
	if code == 0 || !strings.Contains(stderr.String(), p+": more than 500000 frames, the most tcpsim replays") {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	t.Logf("exit %d, peak memory %d MiB", code, peak>>20)
	if peak == 0 || peak > ceiling {
		t.Errorf("peak memory %d MiB, over the ceiling of %d MiB", peak>>20, ceiling>>20)
	}
}
