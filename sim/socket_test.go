package sim

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// slowReader: A sends n bytes at once; B's application has a small buffer.
func slowReader(p *Profile, n int) *Config {
	cfg := connection(strings.Repeat("x", n), time.Minute, 0)
	cfg.Profile = p
	cfg.B.RcvBuf = 3000
	return cfg
}

func reasons(tr *trace.Trace, side trace.Side, why fsm.SendReason) []trace.Event {
	var out []trace.Event
	for _, e := range tr.Events {
		if e.Kind == trace.KSend && e.Side == side && e.Reason == why {
			out = append(out, e)
		}
	}
	return out
}

// A slow reader: every byte arrives once, in order, though the window
// closes again and again; the persist timer keeps the sender probing.
func TestSlowReaderGetsEverything(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		cfg := slowReader(p, 20000)
		cfg.B.Read, cfg.B.ReadBytes, cfg.B.ReadEvery = ReadPeriodic, 1000, 500*ms
		tr := Run(cfg)
		if got := received(tr, trace.B); got != 20000 {
			t.Errorf("%s: B read %d bytes, want 20000", p.Name, got)
		}
		zero := 0
		for _, e := range tr.Events {
			if e.Kind == trace.KSend && e.Side == trace.B && e.Seg.Wnd == 0 && e.Seg.Flags&fsm.SYN == 0 {
				zero++
			}
		}
		if zero == 0 || len(reasons(tr, trace.B, fsm.ReasonWindowUpdate)) == 0 {
			t.Errorf("%s: %d zero windows, no window update; the slow reader should close and open the window", p.Name, zero)
		}
		if tr.Final != [2]fsm.State{fsm.Closed, fsm.Closed} {
			t.Errorf("%s: final %v", p.Name, tr.Final)
		}
	}
}

// The persist timer: the first probe after the RTO, then twice the wait
// each time (SHLD-29, SHLD-30); Linux's probe is an ACK at SND.UNA-1.
func TestPersistBackoff(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		cfg := slowReader(p, 6000)
		cfg.B.Read = ReadOnAction
		cfg.Timeline = append(cfg.Timeline, at(20*time.Second, trace.B, trace.OpRead))
		tr := Run(cfg)
		var rto time.Duration // as the RTO timer was last armed
		for _, e := range tr.Events {
			if e.Kind != trace.KTimer || e.Side != trace.A || e.TimerEv != trace.TimerArmed {
				continue
			}
			if e.Timer == fsm.TimerRTO {
				rto = e.Dur
			}
			if e.Timer == fsm.TimerPersist {
				// The RTO in force: at least the floor, at most as last armed
				// (a later RTT sample may have lowered it).
				if e.Dur < p.MinRTO || e.Dur > rto {
					t.Errorf("%s: first probe after %v, want the RTO (%v..%v) (SHLD-29)", p.Name, e.Dur, p.MinRTO, rto)
				}
				break
			}
		}
		probes := reasons(tr, trace.A, fsm.ReasonProbe)
		if len(probes) < 4 {
			t.Fatalf("%s: %d probes, want several", p.Name, len(probes))
		}
		for i := 2; i < len(probes); i++ {
			if g, h := probes[i].T-probes[i-1].T, probes[i-1].T-probes[i-2].T; g != 2*h && g != p.MaxRTO {
				t.Errorf("%s: probe gaps %v then %v, want doubling", p.Name, h, g)
			}
		}
		pr := probes[0].Seg
		if p.OldSeqProbe && (pr.Len != 0 || pr.Seq != probes[0].TCB.SndUna-1) {
			t.Errorf("linux probe %v, want ACK at SND.UNA-1 without data", pr)
		}
		if !p.OldSeqProbe && pr.Len != 1 {
			t.Errorf("rfc9293 probe %v, want one byte of new data", pr)
		}
		if got := received(tr, trace.B); got != 6000 {
			t.Errorf("%s: B read %d, want 6000", p.Name, got)
		}
	}
}

// Stop reading, then read: the window closes and a window update reopens it.
func TestStopAndStartReading(t *testing.T) {
	cfg := slowReader(RFC9293, 5000)
	cfg.Timeline = append(cfg.Timeline, at(0, trace.B, trace.OpStopReading), Action{At: 3 * time.Second, Side: trace.B, Op: trace.OpRead, N: 1500})
	tr := Run(cfg)
	ups := reasons(tr, trace.B, fsm.ReasonWindowUpdate)
	if len(ups) == 0 || ups[0].T != 3*time.Second || ups[0].Seg.Wnd != 1500 {
		t.Fatalf("window updates %v, want one at 3s offering 1500", ups)
	}
	if got := received(tr, trace.B); got != 1500 {
		t.Errorf("B read %d, want the 1500 it asked for", got)
	}
}

// Linux's close() with unread data: RST,ACK at SND.NXT acknowledging the
// unread bytes (capture m_close_unread); rfc9293's CLOSE is a half-close.
func TestCloseWithUnreadData(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		cfg := connection("hello", time.Minute, 0)
		cfg.Profile, cfg.B.Read = p, ReadOnAction
		cfg.Timeline = []Action{at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
			{At: time.Second, Side: trace.A, Op: trace.OpSend, Data: []byte("hello")}, at(2*time.Second, trace.B, trace.OpClose)}
		tr := Run(cfg)
		rst := sends(tr, trace.B, fsm.RST|fsm.ACK)
		if p.FullClose && (len(rst) != 1 || rst[0].Seg.Ack != 106 || len(tr.Errors[trace.A]) != 1 || tr.Errors[trace.A][0] != fsm.SigReset) {
			t.Errorf("linux: RSTs %v, A told %v; want RST,ACK ack=106 and connection reset", rst, tr.Errors[trace.A])
		}
		if !p.FullClose && (len(rst) != 0 || len(sends(tr, trace.B, fsm.FIN|fsm.ACK)) != 1) {
			t.Errorf("rfc9293: CLOSE must stay a half-close (a FIN), got RSTs %v", rst)
		}
	}
}

// keepaliveConn: A with keep-alive idle 10 s, interval 2 s, 3 probes; a
// greeting each way, then silence; B's segments are lost from 1 s until heal.
func keepaliveConn(p *Profile, heal time.Duration) *Config {
	cfg := base(100, 300, 50*ms)
	cfg.Profile = p
	cfg.A.KeepIdle, cfg.A.KeepIntvl, cfg.A.KeepCnt = 10*time.Second, 2*time.Second, 3
	cfg.Faults = []Fault{{Kind: FaultVanish, From: trace.B, At: time.Second, Until: heal}}
	cfg.Timeline = []Action{at(0, trace.B, trace.OpListen), at(0, trace.A, trace.OpConnect),
		{At: 200 * ms, Side: trace.A, Op: trace.OpSend, Data: []byte("hi")},
		{At: 400 * ms, Side: trace.B, Op: trace.OpSend, Data: []byte("yo")}}
	cfg.Until = time.Minute
	return cfg
}

// MUST-26/27, SHLD-12: probes only after the idle time, then every
// interval, without data; after count unanswered probes the application
// hears "timed out" (Linux: with RST,ACK; rfc9293: without).
func TestKeepaliveFindsADeadPeer(t *testing.T) {
	for _, p := range []*Profile{RFC9293, Linux} {
		tr := Run(keepaliveConn(p, 0))
		probes := reasons(tr, trace.A, fsm.ReasonKeepalive)
		if len(probes) != 3 {
			t.Fatalf("%s: %d probes, want 3", p.Name, len(probes))
		}
		if d := probes[0].T - 450*ms; d != 10*time.Second {
			t.Errorf("%s: first probe %v after the last arrival, want 10s", p.Name, d)
		}
		for i, pr := range probes {
			if pr.Seg.Len != 0 || pr.Seg.Seq != pr.TCB.SndNxt-1 {
				t.Errorf("%s: probe %v, want SND.NXT-1 without data", p.Name, pr.Seg)
			}
			if i > 0 && pr.T-probes[i-1].T != 2*time.Second {
				t.Errorf("%s: probes %v apart, want 2s", p.Name, pr.T-probes[i-1].T)
			}
		}
		if got := tr.Errors[trace.A]; len(got) != 1 || got[0] != fsm.SigTimedOut {
			t.Errorf("%s: A told %v, want timed out", p.Name, got)
		}
		if rst := sends(tr, trace.A, fsm.RST|fsm.ACK); (len(rst) == 1) != p.KeepaliveRST {
			t.Errorf("%s: RST on give-up %v, sent %v", p.Name, p.KeepaliveRST, rst)
		}
	}
}

// MUST-29: a partition that heals before the last probe: the next answer
// resets the count and the connection lives on.
func TestKeepaliveSurvivesAHealedPartition(t *testing.T) {
	tr := Run(keepaliveConn(RFC9293, 13*time.Second))
	if len(tr.Errors[trace.A]) != 0 || tr.Final[trace.A] != fsm.Established {
		t.Errorf("A told %v, ended in %v: want the connection alive", tr.Errors[trace.A], tr.Final[trace.A])
	}
	if n := len(reasons(tr, trace.A, fsm.ReasonKeepalive)); n < 4 {
		t.Errorf("%d probes: keep-alive should go on probing after the heal", n)
	}
}

// A SEND keeps the caller's buffer rather than a copy (fsm: borrowed):
// the scenario's data is never written into, and a Runner running the
// same config again makes the same trace.
func TestSendKeepsCallersBuffer(t *testing.T) {
	cfg := lifecycle(0.2)
	cfg.Timeline[2].Data = bytes.Repeat([]byte("0123456789"), 500)
	cfg.Timeline = append(cfg.Timeline, Action{At: 2 * time.Second, Side: trace.A, Op: trace.OpSend, Data: []byte("more")})
	orig := bytes.Clone(cfg.Timeline[2].Data)
	var r Runner
	var first bytes.Buffer
	for i := range 3 {
		cfg.Seed = 7
		tr := r.Run(cfg)
		var b bytes.Buffer
		if err := trace.WriteJSONL(&b, tr); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
		} else if !bytes.Equal(b.Bytes(), first.Bytes()) {
			t.Fatalf("run %d of the same config differs", i)
		}
		if !bytes.Equal(cfg.Timeline[2].Data, orig) {
			t.Fatalf("run %d wrote into the scenario's data", i)
		}
	}
}
