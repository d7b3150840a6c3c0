package fsm

import (
	"strings"
	"testing"
)

// Drives every fixture state with every kind of event and requires each
// row of the table to fire somewhere: a row nothing can reach would draw a
// transition in the state diagram that never happens.
func TestEveryRowIsReachable(t *testing.T) {
	fired := map[int]bool{}
	rowFired = func(r *Row) { fired[r.ID] = true }
	defer func() { rowFired = nil }()

	type probe func(c *Conn)
	// Every arrival is decided by a row, and every segment sent names one.
	seg := func(mk func(c *Conn) Segment) probe {
		return func(c *Conn) {
			in := mk(c)
			from := c.State()
			if r := c.Arrive(in); r == nil {
				t.Errorf("%s: %v arrives and no row decides it", from, in)
			}
		}
	}
	probes := []probe{
		func(c *Conn) { c.Open(false) },
		func(c *Conn) { c.Open(true) },
		func(c *Conn) { c.Send(make([]byte, 100), 0) },
		func(c *Conn) { c.Close() },
		func(c *Conn) { c.Abort() },
		func(c *Conn) { c.Crash() },
		func(c *Conn) { c.Timeout(TimerRTO, false) },
		func(c *Conn) { c.Timeout(TimerRTO, true) },
		func(c *Conn) { c.Timeout(TimerTimeWait, false) },
		func(c *Conn) { c.Timeout(TimerFinWait2, false) },
		seg(func(c *Conn) Segment { return Segment{Seq: c.tcb.RcvNxt, Flags: RST} }),
		seg(func(c *Conn) Segment { return Segment{Seq: c.tcb.RcvNxt.Add(10), Flags: RST} }),
		seg(func(c *Conn) Segment { return Segment{Seq: c.tcb.RcvNxt.Add(1 << 20), Flags: RST} }),
		seg(func(c *Conn) Segment { return Segment{Seq: 0, Ack: c.tcb.SndNxt, Flags: RST | ACK} }),
		seg(func(c *Conn) Segment { return Segment{Seq: 0, Ack: c.tcb.SndNxt.Add(5), Flags: RST | ACK} }),
		seg(func(c *Conn) Segment { return Segment{Seq: c.tcb.RcvNxt, Flags: SYN, Wnd: 1000} }),
		seg(func(c *Conn) Segment { return Segment{Seq: 777, Flags: SYN, Wnd: 1000} }),
		seg(func(c *Conn) Segment { return Segment{Seq: 777, Ack: c.tcb.SndNxt, Flags: SYN | ACK, Wnd: 1000} }),
		seg(func(c *Conn) Segment { return Segment{Seq: 777, Ack: c.tcb.ISS, Flags: SYN | ACK, Wnd: 1000} }),
		seg(func(c *Conn) Segment { return Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt, Flags: ACK, Wnd: 64000} }),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt.Add(99), Flags: ACK, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndUna - 100000, Flags: ACK, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndUna - 1, Flags: ACK, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment { return Segment{Seq: c.tcb.RcvNxt, Flags: 0, Len: 5} }),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt, Flags: ACK, Len: 10, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt.Add(50), Ack: c.tcb.SndNxt, Flags: ACK, Len: 10, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt - 500, Ack: c.tcb.SndNxt, Flags: ACK, Len: 10, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt, Flags: FIN | ACK, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndUna, Flags: FIN | ACK, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment {
			return Segment{Seq: c.tcb.RcvNxt - 1, Ack: c.tcb.SndNxt, Flags: FIN | ACK, Wnd: 64000}
		}),
		seg(func(c *Conn) Segment { return Segment{Seq: 5, Flags: FIN} }),
		// The application's reads, a zero window, and a full close (socket.go).
		func(c *Conn) { c.Read(0) },
		func(c *Conn) { c.ShutdownRead() },
		func(c *Conn) {
			c.ShutdownRead()
			c.Close()
			c.Arrive(Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt, Flags: ACK, Len: 10, Wnd: 64000})
		},
		func(c *Conn) { c.Cfg.NoDelay = true; c.Send(make([]byte, 10), 0); c.Send(make([]byte, 10), 0) },
		func(c *Conn) { c.Timeout(TimerKeepalive, false) },
		func(c *Conn) { c.Timeout(TimerKeepalive, true) },
		func(c *Conn) { c.Cfg.KeepaliveRST = true; c.Timeout(TimerKeepalive, true) },
		func(c *Conn) {
			c.Arrive(Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt, Flags: ACK})
			c.Send(make([]byte, 100), 0)
			c.Timeout(TimerPersist, false)
		},
		func(c *Conn) {
			c.Cfg.FullClose, c.noRead = true, true
			c.Arrive(Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt, Flags: ACK, Len: 10, Wnd: 64000})
			c.Close()
		},
		func(c *Conn) {
			c.Cfg.FullClose = true
			c.Close()
			c.Arrive(Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndNxt, Flags: ACK, Len: 10, Wnd: 64000})
		},
	}
	// Three duplicate ACKs with data outstanding: fast retransmit.
	dupACKs := func(c *Conn) {
		c.Send(make([]byte, 5000), 0)
		for i := 0; i < 3; i++ {
			c.Arrive(Segment{Seq: c.tcb.RcvNxt, Ack: c.tcb.SndUna, Flags: ACK, Wnd: uint16(c.tcb.SndWnd)})
		}
	}
	noRowless := func(rec *recorder) {
		for i, r := range rec.rows {
			if r == nil {
				t.Errorf("segment %v was sent with no row behind it", rec.out[i])
			}
		}
	}
	// The sockets API's "connection refused" for a RST in SYN-SENT.
	refusedFixture := func() (*Conn, *recorder) {
		c, r := newConn()
		c.Cfg.RefusedInSynSent = true
		c.Open(true)
		return c, r
	}
	for _, mk := range append(fixtures, refusedFixture, timeWaitReopenFixture, synAgainFixture, simOpenACKFixture) {
		for _, p := range append(probes, dupACKs) {
			c, rec := mk()
			p(c)
			noRowless(rec)
		}
		// And every probe after a data exchange has begun.
		for _, p := range probes {
			c, rec := mk()
			c.Send(make([]byte, 3000), 0)
			p(c)
			noRowless(rec)
		}
	}
	for i := 1; i < len(Table); i++ {
		if !fired[i] {
			r := &Table[i]
			t.Errorf("row %d never fires: %v / %s / %s — %s", i, r.From.States(), r.On, r.If, r.Explanation)
		}
	}
}

// Rows are tried in table order and the first whose guard holds fires, so
// a row for Always must come after every other row for its state and
// event, or it would hide them.
func TestAlwaysRowsComeLast(t *testing.T) {
	for s := Closed; s < NumStates; s++ {
		for e := Event(0); e < NumEvents; e++ {
			rows := candidates(s, e)
			for k, i := range rows {
				if Table[i].If == Always && k != len(rows)-1 {
					t.Errorf("%s / %s: row %d (Always) hides row %d", s, e, i, rows[k+1])
				}
			}
		}
	}
}

// Row names are keys of a message catalogue: unique and stable.
func TestRowNamesAreUnique(t *testing.T) {
	seen := map[string]int{}
	for i := 1; i < len(Table); i++ {
		n := Table[i].Name()
		if n == "" || strings.ContainsAny(n, " _") {
			t.Errorf("row %d: name %q", i, n)
		}
		if j, ok := seen[n]; ok {
			t.Errorf("rows %d and %d share the name %q", j, i, n)
		}
		seen[n] = i
	}
	if got := Table[1].Name(); got != "closed.passive-open" {
		t.Errorf("row 1 is named %q", got)
	}
}
