package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/tcpsim/tcpsim/scenarios"
)

// The load check runs the server in a child process (this test binary,
// re-executed), so its memory and CPU are the server's alone, read from
// /proc while 50 clients play scenarios over SSH:
//
//	go test ./serve -run '^$' -bench FiftySessions -benchtime 1x
func TestMain(m *testing.M) {
	if os.Getenv("TCPSIM_SERVE_CHILD") == "1" {
		serveChild()
		return
	}
	os.Exit(m.Run())
}

// serveChild serves an open class on a loopback port, prints the address
// and stops when stdin closes.
func serveChild() {
	dir, _ := os.MkdirTemp("", "tcpsim-serve-bench-")
	defer os.RemoveAll(dir)
	srv, err := New(Config{HostKeyPath: filepath.Join(dir, "key"), MaxSessions: 100})
	if err != nil {
		fmt.Println("error", err)
		return
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("error", err)
		return
	}
	go func() { _ = srv.Serve(l) }()
	fmt.Println(l.Addr())
	_, _ = io.Copy(io.Discard, os.Stdin)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
}

// procStat reads a process's CPU time and resident memory from /proc.
func procStat(b *testing.B, pid int) (cpu time.Duration, rss, hwm int64) {
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	f := strings.Fields(string(st[strings.LastIndexByte(string(st), ')')+2:]))
	ut, _ := strconv.ParseInt(f[11], 10, 64) // utime, stime: fields 14, 15
	stt, _ := strconv.ParseInt(f[12], 10, 64)
	cpu = time.Duration(ut+stt) * time.Second / 100 // USER_HZ
	status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, l := range strings.Split(string(status), "\n") {
		k, v, _ := strings.Cut(l, ":")
		n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "VmRSS":
			rss = n << 10
		case "VmHWM":
			hwm = n << 10
		}
	}
	return cpu, rss, hwm
}

// BenchmarkFiftySessions: each op connects 50 students at once; each
// opens a different bundled scenario from the picker, plays it at 4× and
// restarts it every second; once all play, 3 s are measured; then all quit. Reported: the server's CPU (percent of one core) and
// memory while all 50 play, and the bytes of frames sent.
func BenchmarkFiftySessions(b *testing.B) {
	const play = 3 * time.Second // measured, once all play
	n := 50
	if v, err := strconv.Atoi(os.Getenv("TCPSIM_BENCH_SESSIONS")); err == nil && v > 0 {
		n = v // a smaller class, to look at one session
	}
	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "TCPSIM_SERVE_CHILD=1")
	stdin, _ := child.StdinPipe()
	out, _ := child.StdoutPipe()
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() { stdin.Close(); _ = child.Wait() }()
	addr, _ := bufio.NewReader(out).ReadString('\n')
	addr = strings.TrimSpace(addr)
	if strings.HasPrefix(addr, "error") {
		b.Fatal(addr)
	}
	_, idleRSS, _ := procStat(b, child.Process.Pid)
	var cpuPct, rssMB, perMB, mbps float64
	var lats []time.Duration // key to screen: o → the picker's list drawn
	b.ResetTimer()
	for b.Loop() {
		var sent atomic.Int64
		var wg sync.WaitGroup
		errs := make(chan error, n)
		var latMu sync.Mutex
		lats = lats[:0]
		start, stop := make(chan struct{}), make(chan struct{})
		var playing sync.WaitGroup
		playing.Add(n)
		for i := range n {
			wg.Go(func() {
				lat, err := student(addr, i, start, &playing, stop, &sent)
				if err != nil {
					errs <- err
				}
				latMu.Lock()
				lats = append(lats, lat)
				latMu.Unlock()
			})
		}
		time.Sleep(500 * time.Millisecond) // handshakes
		close(start)
		playing.Wait() // everyone has opened a scenario and plays
		c0, _, _ := procStat(b, child.Process.Pid)
		t0, s0 := time.Now(), sent.Load()
		time.Sleep(play)
		c1, rss, _ := procStat(b, child.Process.Pid)
		close(stop)
		dt := time.Since(t0)
		cpuPct = 100 * (c1 - c0).Seconds() / dt.Seconds()
		mbps = float64(sent.Load()-s0) / dt.Seconds() / 1e6
		rssMB = float64(rss) / 1e6
		perMB = float64(rss-idleRSS) / float64(n) / 1e6
		wg.Wait()
		close(errs)
		for err := range errs {
			b.Fatal(err)
		}
	}
	_, _, hwm := procStat(b, child.Process.Pid)
	b.ReportMetric(cpuPct, "server-cpu-%")
	b.ReportMetric(rssMB, "server-rss-MB")
	b.ReportMetric(float64(hwm)/1e6, "server-peak-rss-MB")
	b.ReportMetric(perMB, "rss-MB/session")
	b.ReportMetric(mbps, "frames-MB/s")
	slices.Sort(lats)
	late := 0
	for _, l := range lats {
		if l >= keyDeadline {
			late++
		}
	}
	b.ReportMetric(float64(lats[len(lats)/2].Milliseconds()), "key-p50-ms")
	b.ReportMetric(float64(lats[len(lats)*9/10].Milliseconds()), "key-p90-ms")
	b.ReportMetric(float64(late), "keys-lost")
	b.ReportMetric(float64(slowQuit.Load()), "quits-lost")
}

// stream collects what a client receives, to wait for text in it.
type stream struct {
	mu   sync.Mutex
	all  []byte
	done bool
}

func (st *stream) read(r io.Reader, sent *atomic.Int64) {
	buf := make([]byte, 32<<10)
	for {
		k, err := r.Read(buf)
		sent.Add(int64(k))
		st.mu.Lock()
		st.all = append(st.all, buf[:k]...)
		st.done = err != nil
		st.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// csi matches the terminal's control sequences (colours, cursor moves).
var csi = regexp.MustCompile(`\x1b\[[0-9;?]*[A-Za-z]`)

// wait polls for text received since byte from, and returns the length.
// It scans only what arrived since its last look (and a little before, for
// a sequence cut in two): the client must stay cheap next to the server.
func (st *stream) wait(from int, text string) (int, bool) {
	pos := from
	for deadline := time.Now().Add(keyDeadline); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		st.mu.Lock()
		n, done := len(st.all), st.done
		chunk := string(st.all[max(min(pos, n)-256, from, 0):n])
		st.mu.Unlock()
		if strings.Contains(csi.ReplaceAllString(chunk, ""), text) {
			return n, true
		}
		if done {
			return n, false
		}
		pos = n
	}
	return from, false
}

// keyDeadline: a key not answered in this long counts as lost.
const keyDeadline = 15 * time.Second

// slowQuit counts labs that had not ended keyDeadline after ctrl+c.
var slowQuit atomic.Int64

// student returns how long its first key took to show on its screen; a
// key lost (a server too loaded to answer) is reported, not an error. Once
// its scenario plays it says so (playing.Done) and restarts it every
// second (r), as a busy class would, until stop.
func student(addr string, i int, start <-chan struct{}, playing *sync.WaitGroup, stop <-chan struct{}, sent *atomic.Int64) (time.Duration, error) {
	var once sync.Once
	ready := func() { once.Do(playing.Done) }
	defer ready()
	cfg := &gossh.ClientConfig{User: fmt.Sprintf("s%02d", i), HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	s, err := c.NewSession()
	if err != nil {
		return 0, err
	}
	defer s.Close()
	if err := s.RequestPty("xterm-256color", 40, 120, gossh.TerminalModes{}); err != nil {
		return 0, err
	}
	in, _ := s.StdinPipe()
	o, _ := s.StdoutPipe()
	st := &stream{}
	go st.read(o, sent)
	if err := s.Shell(); err != nil {
		return 0, err
	}
	at, ok := st.wait(0, "Ladder")
	if !ok {
		return 0, fmt.Errorf("student %d: no lab on the screen", i)
	}
	<-start
	t0 := time.Now()
	_, _ = io.WriteString(in, "o")
	if at, ok = st.wait(at, "normal-close"); !ok { // the list is drawn, not "loading…"
		return keyDeadline, nil
	}
	lat := time.Since(t0)
	// To the top of the list, then down to the i-th; the window title
	// names the scenario opened.
	lib := scenarios.Bundled()
	_, _ = io.WriteString(in, strings.Repeat("k", len(lib))+strings.Repeat("j", i%len(lib))+"\r++")
	if _, ok = st.wait(0, "tcpsim · "+lib[i%len(lib)].Title); !ok { // from 0: the default is there already
		return keyDeadline, nil
	}
	ready()
	for t := time.NewTicker(time.Second); ; {
		select {
		case <-t.C:
			_, _ = io.WriteString(in, "r")
			continue
		case <-stop:
			t.Stop()
		}
		break
	}
	_, _ = io.WriteString(in, "\x03") // ctrl+c quits from anywhere
	done := make(chan error, 1)
	go func() { done <- s.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return 0, fmt.Errorf("student %d: %w", i, err)
		}
	case <-time.After(keyDeadline):
		slowQuit.Add(1)
	}
	return lat, nil
}
