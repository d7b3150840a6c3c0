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

// A capture's memory is bounded by the run budget, not a frame count:
// the hostile capture (4.1M pure ACKs replayed at 8.6 GB) is
// read one frame at a time and stopped by the budget, with the file, the
// limit and the place named, exit 3, what came before printed, and the
// process's peak memory under a ceiling.
func TestReplayFrameBound(t *testing.T) {
	t.Parallel() // subprocesses: they share nothing with the other tests
	bin := buildTcpsim(t)
	// Longer than either limit lets a replay read (frame 120,000 at most).
	p := pureACKs(t, 300_000)
	// About 1.1 KB a pure ACK kept (two events and two notes): 128 MiB
	// stops reading near frame 120,000. (The default 512 MiB stops near
	// frame 480,000 at a peak near 720 MiB, in 10 s: measured apart, see
	// docs/pcap.md, to keep the suite fast.)
	for _, c := range []struct {
		args    []string
		want    string
		ceiling int64
	}{
		{[]string{"--max-memory", "128MiB"}, ": the replay reached its memory limit of 128 MiB", 256 << 20},
		{[]string{"--max-events", "50000"}, ": the replay reached its trace events limit of 50,000", 96 << 20},
	} {
		t.Run(c.args[0], func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(bin, append([]string{"replay", p, "--format", "jsonl"}, c.args...)...)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			peak, _ := peakOf(t, cmd)
			code := cmd.ProcessState.ExitCode()
			if code != exitLimit || !strings.Contains(stderr.String(), p+": stopped at frame ") || !strings.Contains(stderr.String(), c.want) {
				t.Fatalf("%v: exit %d: %s", c.args, code, stderr.String())
			}
			t.Logf("%v: exit %d, peak memory %d MiB: %s", c.args, code, peak>>20, stderr.String())
			if peak == 0 || peak > c.ceiling {
				t.Errorf("%v: peak memory %d MiB, over the ceiling of %d MiB", c.args, peak>>20, c.ceiling>>20)
			}
		})
	}
}
