package fsm

// Guard narrows an event. Each guard's condition is written once, in
// holds, beside the table: the processing code says which §3.10.7 step an
// event reached, and the table, read in order, says which row applies.
type Guard uint8

const (
	Always Guard = iota
	WithACK
	WithoutACK
	WithRST
	WithoutRST
	BadACK     // SEG.ACK =< ISS or SEG.ACK > SND.NXT
	BadACKRST  // the same, on a RST
	GoodACK    // SND.UNA < SEG.ACK =< SND.NXT
	SYNAcked   // SND.UNA > ISS after the SYN-SENT ACK step
	SYNUnacked // a bare SYN: simultaneous open
	InWindow   // RST in window but not exactly RCV.NXT
	Exact      // RST with SEG.SEQ = RCV.NXT
	Passive    // SYN-RECEIVED reached from LISTEN (MUST-11)
	Active     // SYN-RECEIVED reached from SYN-SENT
	AckTooNew
	AckTooOld
	AcksFIN
	ThirdDupACK
	FINNotAcked
	InOrder
	OutOfOrder
	AfterFIN
	Retransmitted
	NewACK         // the ACK step advanced SND.UNA
	DupACK         // a duplicate ACK (RFC 5681 §2), not yet the third
	DataOut        // an outgoing segment carries data and no FIN
	FINOut         // an outgoing segment carries our FIN
	GoodACKRefused // GoodACK, where the profile reports it as "connection refused"
	FINAtRcvNxt    // a FIN whose sequence number is RCV.NXT
	DataQueued     // SENDs are queued and not yet sent
	NoDataQueued
	KeepaliveRST // the profile sends a RST when keep-alive gives up
	NoDelayOut   // a short segment leaves while data is unacknowledged: TCP_NODELAY (nagle.go)
	NumGuards
)

var guardNames = [NumGuards]string{
	"", "ACK set", "ACK clear", "RST set", "RST clear", "unacceptable ACK", "unacceptable ACK on a RST",
	"acceptable ACK", "our SYN acked", "no ACK (simultaneous open)",
	"in window, not RCV.NXT", "SEG.SEQ = RCV.NXT", "passive open", "active open",
	"SEG.ACK > SND.NXT", "SEG.ACK < SND.UNA - MAX.SND.WND", "acks our FIN", "third duplicate ACK",
	"our FIN not acked", "in order", "beyond RCV.NXT", "after the peer's FIN", "retransmitted FIN",
	"new data acked", "duplicate ACK", "data", "FIN", "acceptable ACK (sockets API)", "FIN at RCV.NXT",
	"data queued", "nothing queued", "with RST", "short, TCP_NODELAY",
}

func (g Guard) String() string {
	if g < NumGuards {
		return guardNames[g]
	}
	return "guard(?)"
}

// holds reports whether g's condition is true of c and seg at the step
// that asks. seg is the arriving segment, or for EvOutput the one about to
// leave. The ACK-step guards read facts taken before the step changed
// SND.UNA (c.ack), so the answer does not depend on the order of the
// bookkeeping.
func (g Guard) holds(c *Conn, seg *Segment) bool {
	switch g {
	case Always:
		return true
	case WithACK:
		return seg.Flags&ACK != 0
	case WithoutACK:
		return seg.Flags&ACK == 0
	case WithRST:
		return seg.Flags&RST != 0
	case WithoutRST:
		return seg.Flags&RST == 0
	case BadACK, BadACKRST:
		// §3.10.7.3: "If SEG.ACK =< ISS or SEG.ACK > SND.NXT"; in
		// SYN-RECEIVED SND.UNA is still ISS, so this is also §3.10.7.4's
		// "unless SND.UNA < SEG.ACK =< SND.NXT".
		bad := seg.Flags&ACK != 0 && (seg.Ack.LessEq(c.tcb.ISS) || c.tcb.SndNxt.LessThan(seg.Ack))
		return bad && (seg.Flags&RST != 0) == (g == BadACKRST)
	case GoodACK:
		return seg.Flags&ACK != 0 && c.tcb.SndUna.LessThan(seg.Ack) && seg.Ack.LessEq(c.tcb.SndNxt)
	case SYNAcked:
		return c.tcb.ISS.LessThan(c.tcb.SndUna)
	case SYNUnacked:
		return !c.tcb.ISS.LessThan(c.tcb.SndUna)
	case InWindow:
		return seg.Seq != c.tcb.RcvNxt // RFC 5961 §3.2: in window, not exact
	case Exact:
		return seg.Seq == c.tcb.RcvNxt
	case Passive:
		return c.passive
	case Active:
		return !c.passive
	case AckTooNew:
		return c.ack.tooNew
	case AckTooOld:
		return c.ack.tooOld
	case AcksFIN:
		return c.finAcked()
	case ThirdDupACK:
		return c.ack.dup && c.dupACKs == 3
	case FINNotAcked:
		return !c.finAcked()
	case InOrder:
		return seg.Seq.LessEq(c.tcb.RcvNxt)
	case OutOfOrder:
		return c.tcb.RcvNxt.LessThan(seg.Seq)
	case AfterFIN:
		return c.finRcvd
	case Retransmitted:
		// The peer's FIN again: it ends just at RCV.NXT, which it advanced.
		return seg.Flags&(FIN|RST|SYN) == FIN && seg.Seq.Add(seg.SegLen()) == c.tcb.RcvNxt
	case NewACK:
		return c.ack.advanced
	case DupACK:
		return c.ack.dup
	case DataOut:
		return seg.Len > 0 && seg.Flags&FIN == 0 && !c.noDelayOut(seg)
	case FINOut:
		return seg.Flags&FIN != 0
	case GoodACKRefused:
		return c.Cfg.RefusedInSynSent && GoodACK.holds(c, seg)
	case FINAtRcvNxt:
		return seg.Flags&FIN != 0 && seg.Seq.Add(seg.Len) == c.tcb.RcvNxt
	case DataQueued:
		return c.written > c.sent
	case NoDataQueued:
		return c.written == c.sent
	case KeepaliveRST:
		return c.Cfg.KeepaliveRST
	case NoDelayOut:
		return c.noDelayOut(seg)
	}
	return false
}

// ackFacts are what the fifth step (check the ACK field) learns about a
// segment before it changes anything.
type ackFacts struct {
	tooNew   bool // SEG.ACK > SND.NXT
	tooOld   bool // SEG.ACK < SND.UNA - MAX.SND.WND (RFC 5961 §5)
	dup      bool // RFC 5681's duplicate ACK
	advanced bool // SND.UNA < SEG.ACK
}
