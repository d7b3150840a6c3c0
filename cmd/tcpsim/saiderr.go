package main

import "github.com/tcpsim/tcpsim/msg"

// saidError is a complaint of explore or sweep kept as a catalogue entry:
// its Error is the English (isUsage and the English output read it), and
// errorText says it again in the reader's language.
type saidError struct {
	id   msg.ID
	args msg.Args
}

func sayErr(id msg.ID, args msg.Args) error { return &saidError{id, args} }

func (e *saidError) Error() string             { return msg.English().T(e.id, e.args) }
func (e *saidError) Say(p *msg.Printer) string { return p.T(e.id, e.args) }
