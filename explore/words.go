package explore

import (
	"strings"

	"github.com/tcpsim/tcpsim/internal/textwrap"
	"github.com/tcpsim/tcpsim/msg"
)

// errIDs name errNames' words in the catalogue, keyed by the English name.
var errIDs = map[string]msg.ID{
	"reset": msg.ExploreErrReset, "refused": msg.ExploreErrRefused, "timed out": msg.ExploreErrTimedOut,
	"closing (end of data)":                           msg.ExploreErrClosingEOD,
	"error: connection already exists":                msg.ExploreErrExists,
	"error: connection does not exist":                msg.ExploreErrNoConn,
	"error: connection closing":                       msg.ExploreErrClosing,
	"error: remote socket unspecified":                msg.ExploreErrNoPeer,
	"trouble: R1 retransmissions unanswered":          msg.ExploreErrTrouble,
	"error: remote address is broadcast or multicast": msg.ExploreErrBadAddr,
}

// errorsText says an end's errors ("reset+timed out", "none") in p's
// words; the "+" between them is a token, as in the CSV.
func errorsText(s string, p *msg.Printer) string {
	if s == "none" || s == "" {
		return p.T(msg.XvErrNone, nil)
	}
	names := strings.Split(s, "+")
	for i, n := range names {
		if id, ok := errIDs[n]; ok {
			names[i] = p.T(id, nil)
		}
	}
	return strings.Join(names, "+")
}

// dataText: data intact or not, and half-open, in p's words.
func (o Outcome) dataText(p *msg.Printer) string {
	s := p.T(msg.XvIntact, nil)
	if !o.Intact {
		s = p.T(msg.XvIncomplete, nil)
	}
	if o.HalfOpen {
		s = p.T(msg.ExploreSemi, msg.Args{"A": s, "B": p.T(msg.XvHalfOpen, nil)})
	}
	return s
}

// Text is the outcome in p's words (String is its English).
func (o Outcome) Text(p *msg.Printer) string {
	return p.T(msg.ExploreOutcome, msg.Args{"A": o.Final[0].String(), "B": o.Final[1].String(),
		"Errors": p.T(msg.XvErrors, msg.Args{"A": errorsText(o.Errors[0], p), "B": errorsText(o.Errors[1], p)}), "Data": o.dataText(p)})
}

// padLeft and padRight align by terminal cells, so that a Chinese
// heading lines up with the figures under it.
func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(0, w-textwrap.Width(s))) + s
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(0, w-textwrap.Width(s)))
}
