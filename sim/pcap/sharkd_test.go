package pcap

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// sharkd is Wireshark's dissection daemon, shipped with tshark (package
// wireshark-common): the same dissectors, preferences and analysis, but one
// process for every file. Starting tshark costs about two seconds of
// dissector registration, so the tests share one sharkd and ask it for the
// same fields tshark would print, a batch of captures per file
// (dissectAll). TestSharkdMatchesTshark keeps the two honest against each
// other.
type sharkd struct {
	mu  sync.Mutex
	in  io.WriteCloser
	out *bufio.Reader
	id  int
}

// sharkPool holds the sharkds; each answers one file at a time. One is
// enough: the tests hand it a few large files (dissectAll), and the
// second core has tshark and the exports to do.
type sharkPool struct{ free chan *sharkd }

var (
	sharkOnce sync.Once
	shark     *sharkPool
	sharkErr  error
)

// tsharkPrefs are the preferences both readers use. No reassembly: payloads
// are not the protocol the port suggests (80 is HTTP to Wireshark), and HTTP
// reassembling a request that never ends flags a resent segment as "New
// fragment overlaps old data".
var tsharkPrefs = [][2]string{
	{"tcp.check_checksum", "TRUE"}, {"ip.check_checksum", "TRUE"},
	{"tcp.relative_sequence_numbers", "TRUE"}, {"tcp.analyze_sequence_numbers", "TRUE"},
	{"tcp.desegment_tcp_streams", "FALSE"},
}

// sharkSession starts the shared sharkds on first use; they live until
// the test binary exits (their stdin closes with us).
func sharkSession(t *testing.T) *sharkPool {
	t.Helper()
	bin := tshark(t) // the same requirement: skip, or fail under CI
	sharkOnce.Do(func() {
		const n = 1
		pool := &sharkPool{free: make(chan *sharkd, n)}
		errs := make(chan error, n)
		for range n {
			go func() {
				s, err := startSharkd(filepath.Join(filepath.Dir(bin), "sharkd"))
				if err == nil {
					pool.free <- s
				}
				errs <- err
			}()
		}
		for range n {
			if err := <-errs; err != nil {
				sharkErr = err
			}
		}
		shark = pool
	})
	if sharkErr != nil {
		t.Fatal(sharkErr)
	}
	return shark
}

func startSharkd(path string) (*sharkd, error) {
	if _, err := exec.LookPath(path); err != nil {
		return nil, fmt.Errorf("sharkd not found beside tshark (package wireshark-common): %v", err)
	}
	cmd := exec.Command(path, "-")
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &sharkd{in: in, out: bufio.NewReaderSize(out, 1<<20)}
	for _, p := range tsharkPrefs {
		if _, err := s.call("setconf", map[string]string{"name": p[0], "value": p[1]}); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// dissect has a free sharkd read file.
func (p *sharkPool) dissect(file string) ([]row, error) {
	s := <-p.free
	defer func() { p.free <- s }()
	return s.dissect(file)
}

// call sends one JSON-RPC request and returns its result. The caller holds
// no lock; call serialises requests itself.
func (s *sharkd) call(method string, params any) (json.RawMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callLocked(method, params)
}

func (s *sharkd) callLocked(method string, params any) (json.RawMessage, error) {
	s.id++
	req, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": s.id, "method": method, "params": params})
	if err != nil {
		return nil, err
	}
	if _, err := s.in.Write(append(req, '\n')); err != nil {
		return nil, fmt.Errorf("sharkd %s: %v", method, err)
	}
	for {
		line, err := s.out.ReadBytes('\n')
		if err != nil {
			return nil, fmt.Errorf("sharkd %s: %v", method, err)
		}
		var resp struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if json.Unmarshal(line, &resp) != nil || resp.ID != s.id {
			continue // banner lines
		}
		if resp.Error != nil {
			return nil, fmt.Errorf("sharkd %s: %s", method, resp.Error.Message)
		}
		return resp.Result, nil
	}
}

// dissect loads file and returns one row per packet with tsharkFields,
// spelled as `tshark -T fields` spells them.
func (s *sharkd) dissect(file string) ([]row, error) {
	params := map[string]string{}
	for i, f := range tsharkFields {
		params[fmt.Sprintf("column%d", i)] = f + ":0"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.callLocked("load", map[string]string{"file": file}); err != nil {
		return nil, err
	}
	res, err := s.callLocked("frames", params)
	if err != nil {
		return nil, err
	}
	var frames []struct {
		C []string `json:"c"`
	}
	if err := json.Unmarshal(res, &frames); err != nil {
		return nil, fmt.Errorf("sharkd frames of %s: %v", file, err)
	}
	rows := make([]row, 0, len(frames))
	for _, fr := range frames {
		if len(fr.C) != len(tsharkFields) {
			return nil, fmt.Errorf("sharkd frames of %s: %d columns, want %d", file, len(fr.C), len(tsharkFields))
		}
		r := row{}
		for i, f := range tsharkFields {
			r[f] = tsharkSpelling(f, fr.C[i])
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// Column text is the display form; tshark's fields output prints enums as
// numbers and booleans-without-value as "1".
var (
	checksumStatus = map[string]string{"Bad": "0", "Good": "1", "Unverified": "2", "Not present": "3", "Illegal": "4"}
	severities     = map[string]uint32{"Comment": 0x00100000, "Chat": 0x00200000, "Note": 0x00400000, "Warning": 0x00600000, "Error": 0x00800000}
)

func tsharkSpelling(field, v string) string {
	switch field {
	case "tcp.checksum.status", "ip.checksum.status":
		if n, ok := checksumStatus[v]; ok {
			return n
		}
	case "_ws.expert.severity":
		if v == "" {
			return v
		}
		var out []string
		for _, name := range strings.Split(v, ",") {
			if n, ok := severities[name]; ok {
				out = append(out, strconv.FormatUint(uint64(n), 10))
			} else {
				out = append(out, name)
			}
		}
		return strings.Join(out, ",")
	case "tcp.flags":
		if n, err := strconv.ParseUint(v, 0, 16); err == nil {
			return fmt.Sprintf("0x%04x", n)
		}
	case "tcp.analysis.retransmission":
		if v != "" {
			return "1"
		}
	}
	return v
}
