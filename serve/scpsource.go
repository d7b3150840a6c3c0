package serve

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/ssh"
)

// Classic scp (scp -O) runs "scp -f PATH" on the server, which is the
// source: it offers one file and waits for the client's acknowledgement
// after the header and after the data. wish's scp middleware wrote
// without waiting, and OpenSSH's scp then sometimes said "lost
// connection" under load; this source keeps to the protocol's turns.
// Downloads of one export only: no uploads (-t), no directories (-r).

// scpMiddleware answers an scp command; anything else goes on to the lab.
func (e *exports) scpMiddleware(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		cmd := s.Command()
		if len(cmd) == 0 || cmd[0] != "scp" {
			next(s)
			return
		}
		if err := e.scpSend(s, cmd[1:]); err != nil {
			fmt.Fprintf(s, "\x01scp: %v\n", err)
			_ = s.Exit(1)
			return
		}
		_ = s.Exit(0)
	}
}

// scpSend is the source side of one "scp -f PATH".
func (e *exports) scpSend(s ssh.Session, args []string) error {
	if len(args) == 0 {
		return errors.New("nothing to fetch")
	}
	from := false
	for _, a := range args[:len(args)-1] {
		switch {
		case a == "-t" || strings.HasPrefix(a, "-") && strings.Contains(a, "t"):
			return errors.New("uploads are not offered; exports are fetched")
		case strings.HasPrefix(a, "-") && strings.Contains(a, "r"):
			return errors.New("recursive copies are not offered; fetch one file")
		case strings.HasPrefix(a, "-") && strings.Contains(a, "f"):
			from = true
		}
	}
	if !from {
		return errors.New("only fetching an export is offered")
	}
	if err := scpAck(s); err != nil { // the sink is ready
		return err
	}
	f, info, err := e.open(args[len(args)-1])
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := fmt.Fprintf(s, "C0644 %d %s\n", info.Size(), info.Name()); err != nil {
		return err
	}
	if err := scpAck(s); err != nil {
		return err
	}
	if _, err := io.Copy(s, f); err != nil {
		return err
	}
	if _, err := s.Write([]byte{0}); err != nil {
		return err
	}
	return scpAck(s)
}

// scpAck reads the sink's answer: 0 is yes; 1 or 2 carry its complaint.
func scpAck(r io.Reader) error {
	var b [1]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return err
	}
	if b[0] == 0 {
		return nil
	}
	msg := make([]byte, 0, 64)
	for len(msg) < 1024 {
		if _, err := io.ReadFull(r, b[:]); err != nil || b[0] == '\n' {
			break
		}
		msg = append(msg, b[0])
	}
	return fmt.Errorf("the client refused: %s", msg)
}
