package ui

import (
	"strconv"

	"github.com/tcpsim/tcpsim/msg"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/trace"
)

// sockForm is the S dialog: what A's or B's application does with its
// socket now (issue 14): read, stop reading, shutdown (either way), close, or vanish
// from the network. Each choice forks a timeline at the instant the
// dialog was opened (openDialog pauses).
type sockForm struct {
	side trace.Side
	item int
	n    entry // bytes for sockReadN
	nNew bool  // the first digit replaces the suggested N
	err  string
}

const (
	sockReadAll = iota
	sockReadN
	sockStop
	sockShutdown
	sockShutRead
	sockClose
	sockVanish
	sockItems
)

func (m *Model) openSocket() {
	m.openDialog(modalSocket)
	m.sock = sockForm{side: m.sock.side, n: entry{text: "1000"}, nNew: true}
}

func (m *Model) sockKey(k, text string) {
	f := &m.sock
	switch k {
	case "esc":
		m.modal = modalNone
	case "up", "k":
		f.item = (f.item + sockItems - 1) % sockItems
	case "down", "j":
		f.item = (f.item + 1) % sockItems
	case "tab", "left", "right":
		f.side = f.side.Peer()
	case "enter":
		m.sockDo()
	case "backspace":
		f.item, f.err, f.nNew = sockReadN, "", false
		f.n.edit(k, text)
	default:
		if len(text) == 1 && text[0] >= '0' && text[0] <= '9' {
			if f.nNew {
				f.n.text = ""
			}
			f.item, f.err, f.nNew = sockReadN, "", false
			f.n.edit(k, text)
		}
	}
}

// sockDo makes the chosen call, or says why N is not a number of bytes.
func (m *Model) sockDo() {
	f := &m.sock
	a := m.action(f.side, trace.OpRead)
	what := "read()"
	switch f.item {
	case sockReadN:
		n, err := strconv.ParseUint(f.n.text, 10, 32)
		if err != nil || n == 0 {
			f.err = m.words().T(msg.SockBadN, nil)
			return
		}
		a.N, what = uint32(n), "read("+f.n.text+")"
	case sockStop:
		m.modal = modalNone
		m.stopReading(f.side)
		return
	case sockShutdown:
		a.Op, what = trace.OpShutdown, "shutdown(SHUT_WR)"
	case sockShutRead:
		a.Op, what = trace.OpShutRead, "shutdown(SHUT_RD)"
	case sockClose:
		a.Op, what = trace.OpClose, "close()"
	case sockVanish:
		m.modal = modalNone
		m.vanish(f.side)
		return
	}
	m.modal = modalNone
	m.callNow(a, what)
}

func (m *Model) stopReading(side trace.Side) {
	at := trace.FormatDuration(m.now)
	args := msg.Args{"Side": side.Upper(), "T": at}
	m.forkThen(m.withAction(m.action(side, trace.OpStopReading)), msg.Note{ID: msg.SockStopBranch, Args: args}, m.cur, func() {
		args["Hint"] = m.forkHint()
		m.say(m.t(msg.SockStopDone, args), pWarn)
	})
}

// vanish forks a timeline where every segment side sends from now on is
// lost (the loader's `vanish` fault). A segment it sent at this instant
// that is already on screen stays as it was: the vanishing starts 1 ns on.
func (m *Model) vanish(side trace.Side) {
	f := sim.Fault{Kind: sim.FaultVanish, From: side, At: m.now}
	for k := m.cur; k >= 0 && m.tl.ev[k].T == m.now; k-- {
		if ev := &m.tl.ev[k]; ev.Kind == trace.KSend && ev.Side == side {
			f.At++
			break
		}
	}
	at := trace.FormatDuration(m.now)
	args := msg.Args{"Side": side.Upper(), "T": at}
	m.forkThen(m.withFault(f), msg.Note{ID: msg.SockVanBranch, Args: args}, m.cur, func() {
		args["Hint"] = m.forkHint()
		m.say(m.t(msg.SockVanDone, args), pWarn)
	})
}

func (f *sockForm) draw(v view, m *Model) {
	p := m.words()
	in := overlay(v, 66, 14, p.T(msg.SockTitle, msg.Args{"T": trace.FormatDuration(m.now)}))
	drawSides(in, in.text(2, 0, p.T(msg.SockSide, nil), pDim), 0, f.side)
	closeID := msg.SockCloseHalf
	if m.cfg.Profile != nil && m.cfg.Profile.FullClose {
		closeID = msg.SockCloseFull
	}
	items := [sockItems]string{
		p.T(msg.SockReadAll, nil), p.T(msg.SockReadN, nil), p.T(msg.SockStop, nil),
		p.T(msg.SockShutdown, nil), p.T(msg.SockShutRead, nil), p.T(closeID, nil),
		p.T(msg.SockVanish, msg.Args{"Side": f.side.Upper()}),
	}
	for i, s := range items {
		y, tp, mark := 2+i, pBold, "  "
		if i == f.item {
			in.fill(0, y, in.w, 1, ' ', pSel)
			tp, mark = pSel, "▸ "
		}
		x := in.text(1, y, mark, tp)
		x = in.textClip(x, y, s, in.w-x-1, tp)
		if i == sockReadN {
			f.n.draw(in, x+1, y, max(in.w-x-2, 2))
		}
	}
	if f.err != "" {
		hint(in, 9, 2, f.err, pLost)
	}
	in.textClip(2, in.h-1, p.T(msg.SockKeys, nil), in.w-3, pDim)
}
