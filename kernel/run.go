//go:build linux

package kernel

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/tcpsim/tcpsim/trace"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/internal/capcmp"
	"github.com/tcpsim/tcpsim/scenarios"
	"github.com/tcpsim/tcpsim/sim"
	"github.com/tcpsim/tcpsim/sim/pcap"
)

// session is one run on the kernel.
type session struct {
	ctx     context.Context
	lab     *lab
	apps    [2]*app
	t0      time.Time
	obs     chan observation
	shift   time.Duration // how late the first connect() was: the timeline moves with it (play's own)
	first   bool          // a connect() has been made
	pending atomic.Int64  // calls queued or running
	timed   atomic.Int64  // actions not yet dispatched

	mu     sync.Mutex
	calls  []Call
	did    map[*sim.Action]time.Time // when each action was carried out (wall clock)
	linkAt map[[2]int]time.Time      // when each vanish fault started and ended (vanish.go)
}

// done records that the application carried out a.
func (s *session) done(a *sim.Action) {
	s.mu.Lock()
	s.did[a] = time.Now()
	s.mu.Unlock()
}

type observation struct {
	side  trace.Side
	state fsm.State
	t     time.Duration
}

func (s *session) now() time.Duration { return time.Since(s.t0) }

func (s *session) call(side trace.Side, what string) {
	s.mu.Lock()
	s.calls = append(s.calls, Call{At: time.Now(), T: s.now(), Side: side, What: what})
	s.mu.Unlock()
}

func (s *session) observe(side trace.Side, st fsm.State) {
	select {
	case s.obs <- observation{side, st, s.now()}:
	case <-s.ctx.Done():
	}
}

type due struct {
	at time.Duration
	a  *sim.Action
	f  func() // instead of an action: a change to the link (vanish.go)
}

// play dispatches the timeline: timed actions at their times, and each
// `when:` action After the application first observes the state.
func (s *session) play(timeline []sim.Action, link []due, stop <-chan struct{}) {
	q := slices.Clone(link)
	var conds []*sim.Action
	for i := range timeline {
		if a := &timeline[i]; a.When {
			conds = append(conds, a)
		} else {
			q = append(q, due{at: a.At, a: a})
		}
	}
	slices.SortStableFunc(q, func(x, y due) int { return cmp.Compare(x.at, y.at) })
	seen := map[[2]int]bool{}
	for {
		s.timed.Store(int64(len(q)))
		var timer <-chan time.Time
		if len(q) > 0 {
			timer = time.After(time.Until(s.t0.Add(s.shift + q[0].at)))
		}
		select {
		case <-stop:
			return
		case <-timer:
			d := q[0]
			q = q[1:]
			if d.f != nil {
				d.f()
			} else {
				s.exec(d.a)
			}
		case o := <-s.obs:
			k := [2]int{int(o.side), int(o.state)}
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, a := range conds {
				if a.WhenSide == o.side && a.WhenState == o.state {
					q = append(q, due{at: o.t - s.shift + a.After, a: a})
				}
			}
			slices.SortStableFunc(q, func(x, y due) int { return cmp.Compare(x.at, y.at) })
		}
	}
}

func (s *session) exec(a *sim.Action) {
	p := s.apps[a.Side]
	switch a.Op {
	case trace.OpListen, trace.OpConnect:
		s.done(a)
	}
	switch a.Op {
	case trace.OpListen:
		p.listen() // synchronous, so a connect at the same time finds it
	case trace.OpConnect:
		p.connect()
		// The first connect() starts the conversation: if the machine made
		// it late (thread start-up on a loaded machine), everything after
		// it moves by as much, so a later call keeps its distance from the
		// SYN rather than from the clock.
		if !s.first {
			s.first = true
			s.shift = max(0, s.now()-a.At)
		}
	default:
		s.pending.Add(1)
		p.queue <- a
	}
}

// Run plays cfg on the real kernel of this machine, in two fresh network
// namespaces, and compares the capture at A with the model's run of the
// same configuration under the linux profile.
func Run(ctx context.Context, cfg *sim.Config, opts Options) (*Result, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	// From here on SIGINT and SIGTERM end the run through ctx, so the
	// deferred teardown always runs.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigc)
	go func() {
		select {
		case <-sigc:
			cancel()
		case <-ctx.Done():
		}
	}()
	mcfg := *cfg
	mcfg.Profile = sim.Linux
	if r := Unsupported(&mcfg); len(r) > 0 {
		return nil, &UnsupportedError{r}
	}
	tr := sim.Run(&mcfg)
	var mbuf bytes.Buffer
	if err := pcap.Write(&mbuf, tr, pcap.Options{Format: pcap.FormatPcap, Tap: pcap.TapA}); err != nil {
		return nil, err
	}
	model, err := capcmp.Read(mbuf.Bytes())
	if err != nil {
		return nil, err
	}
	if opts.Max == 0 {
		opts.Max = 2 * time.Minute
	}
	if opts.Quiet == 0 {
		opts.Quiet = 300 * time.Millisecond
	}
	// Wait at least until the model's last segment at A, with margin, so a
	// late retransmission the model predicts is not cut off.
	minEnd := time.Duration(0)
	if len(model) > 0 {
		minEnd = model[len(model)-1].T + model[len(model)-1].T/10
	}
	for _, a := range mcfg.Timeline {
		minEnd = max(minEnd, a.At)
	}
	if minEnd > opts.Max {
		return nil, &UnsupportedError{[]string{fmt.Sprintf("the model's segments last %v, longer than the limit of %v (--max)", minEnd, opts.Max)}}
	}
	Sweep()
	res, err := runLab(ctx, &mcfg, tr, minEnd, opts)
	if err != nil {
		return nil, err
	}
	return finish(res, &mcfg, tr, model, mbuf.Bytes(), opts.Tolerance)
}

// finish holds the kernel's capture against the model: at the
// applications' real times (retime), and, while they disagree, with each
// race the scenario declares (tolerance: race).
func finish(res *Result, mcfg *sim.Config, tr *trace.Trace, model []capcmp.Packet, mpcap []byte, tol scenarios.Tolerance) (*Result, error) {
	slack := capcmp.Plus(Slack, tol.Gap)
	res.Nominal = capcmp.CompareWithin(res.Kernel, model, slack)
	res.Model, res.ModelPcap = model, mpcap
	if len(res.Kernel) == 0 {
		res.Compare = capcmp.CompareExcept(res.Kernel, res.Model, slack, res.byCall)
		return res, nil
	}
	// The applications ran on a busy machine, a little late; the model is
	// run again with their calls at the moments they were made, so what
	// remains is the kernel's behaviour.
	rcfg := retime(mcfg, res.did, res.Kernel[0].At, firstAtA(tr))
	retimeFaults(rcfg, res.linkAt, res.Kernel[0].At, firstAtA(tr))
	if err := res.compareWith(rcfg, slack); err != nil {
		return nil, err
	}
	for i, race := range tol.Races {
		if res.Agree() {
			break
		}
		if err := res.tryRace(rcfg, race, slack); err != nil {
			return nil, err
		}
		if res.Agree() {
			res.Race = i + 1
		}
	}
	for i := range res.Calls {
		res.Calls[i].T = res.Calls[i].At.Sub(res.Kernel[0].At)
	}
	return res, nil
}

// tryRace holds the kernel's capture against the model in which race's
// segment arrives later, by each jiffy up to race.For, and keeps the first
// that agrees; if none does, res stays as it was. The two racing events
// are timers whose expiry the kernel's timer wheel rounds up, each by up
// to one step of its level (race.For says how much): their order, and by
// as much every gap between segments they cause, so each gap of the other
// order is allowed race.For more.
func (r *Result) tryRace(rcfg *sim.Config, race sim.Fault, slack func(time.Duration) time.Duration) error {
	first, upTo := *r, race.For
	slack = capcmp.Plus(slack, upTo)
	for d := min(scenarios.Jiffy, upTo); d <= upTo; d += scenarios.Jiffy {
		alt := *rcfg
		race.For = d
		alt.Faults = append(slices.Clone(rcfg.Faults), race)
		if err := r.compareWith(&alt, slack); err != nil {
			return err
		}
		if r.Agree() {
			return nil
		}
	}
	*r = first // the plain model's disagreement is the one to show
	return nil
}

// compareWith runs the model of cfg (the scenario at the applications'
// real times) and holds the kernel's capture against it.
func (r *Result) compareWith(cfg *sim.Config, slack func(time.Duration) time.Duration) error {
	var buf bytes.Buffer
	tr := sim.Run(cfg)
	r.called = calledAt(tr, cfg.BtoA.Delay)
	if err := pcap.Write(&buf, tr, pcap.Options{Format: pcap.FormatPcap, Tap: pcap.TapA}); err != nil {
		return err
	}
	var err error
	if r.Model, err = capcmp.Read(buf.Bytes()); err != nil {
		return err
	}
	r.ModelPcap = buf.Bytes()
	r.Compare = capcmp.CompareExcept(r.Kernel, r.Model, slack, r.byCall)
	return nil
}

// calledAt lists, as times in the capture at A, the segments the model
// sent at the very instant of an application call (a write, a close): the
// rerun puts the call where the real application made it, so the gap
// before such a segment is the application's timing, not the kernel's,
// and is not compared. B's segments reach A's tap one link delay later.
func calledAt(tr *trace.Trace, btoa time.Duration) map[string]bool {
	t0 := firstAtA(tr)
	var call [2]bool // the side's latest cause was a call (not an arrival)
	out := map[string]bool{}
	for i := range tr.Events {
		e := &tr.Events[i]
		switch e.Kind {
		case trace.KUser:
			call[e.Side] = true
		case trace.KDeliver:
			call[e.Side] = false
		case trace.KTimer:
			if e.TimerEv == trace.TimerFired {
				call[e.Side] = false
			}
		case trace.KSend:
			if !call[e.Side] || e.Lost {
				continue
			}
			t, dir := e.T-t0, "A->B"
			if e.Side == trace.B {
				t, dir = t+btoa, "B->A"
			}
			out[fmt.Sprintf("%s %d", dir, t.Microseconds())] = true
		}
	}
	return out
}

// byCall says whether the model sent p at once on an application call.
func (r *Result) byCall(p capcmp.Packet) bool {
	us := p.T.Microseconds()
	for d := int64(-2); d <= 2; d++ {
		if r.called[fmt.Sprintf("%s %d", p.Dir, us+d)] {
			return true
		}
	}
	return false
}

// retime moves each action the applications carried out to the time they
// did, counted from the capture's first packet (which the model sends at
// offset). An action taken on a `when:` condition becomes a timed one.
func retime(cfg *sim.Config, did map[*sim.Action]time.Time, first time.Time, offset time.Duration) *sim.Config {
	c := *cfg
	c.Timeline = slices.Clone(cfg.Timeline)
	for i := range c.Timeline {
		t, ok := did[&cfg.Timeline[i]]
		if !ok {
			continue
		}
		a := &c.Timeline[i]
		a.At, a.When, a.After = max(0, t.Sub(first)+offset), false, 0
	}
	slices.SortStableFunc(c.Timeline, func(x, y sim.Action) int {
		if x.When != y.When {
			if x.When {
				return 1
			}
			return -1
		}
		return cmp.Compare(x.At, y.At)
	})
	return &c
}

// firstAtA is when the model's capture at A starts.
func firstAtA(tr *trace.Trace) time.Duration {
	for i := range tr.Events {
		e := &tr.Events[i]
		if (e.Kind == trace.KSend || e.Kind == trace.KDeliver) && e.Side == trace.A {
			return e.T
		}
	}
	return 0
}

// runLab builds the namespaces, runs the applications and captures, and
// always tears the namespaces down.
func runLab(ctx context.Context, cfg *sim.Config, tr *trace.Trace, minEnd time.Duration, opts Options) (*Result, error) {
	a, b := addrs(cfg)
	delay := [2]time.Duration{cfg.AtoB.Delay, cfg.BtoA.Delay}
	held, crafted := holds(tr, [2]sim.LinkConfig{cfg.AtoB, cfg.BtoA}), injects(cfg, tr)
	slow := max(delay[0], delay[1]) >= netemMin || len(held) > 0 || len(crafted) > 0
	l, err := newLab(a, b, slow)
	if err != nil {
		return nil, err
	}
	defer l.Close()
	var rel *relay
	if slow {
		rel = newRelay()
		rel.holds = held
		for i, port := range []uint16{cfg.A.Port, cfg.B.Port} {
			rel.ends[i] = endpointAddr{ip: l.addr[i], port: port, mac: macs[i]}
		}
		defer rel.Close()
		if err := rel.start(l.mid, delay); err != nil {
			return nil, fmt.Errorf("the relay: %w", err)
		}
	}
	res := &Result{Namespaces: l.ns, Addrs: l.addr}
	if err := configure(l, cfg, tr); err != nil {
		return nil, err
	}
	dir := opts.Dir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "tcpsim-real-")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	capt, err := startCapture(l.ns[0], ifA, filepath.Join(dir, "kernel-a.pcap"))
	if err != nil {
		return nil, err
	}
	s := &session{ctx: ctx, lab: l, obs: make(chan observation, 16), did: map[*sim.Action]time.Time{}, linkAt: map[[2]int]time.Time{}}
	ports := [2]uint16{cfg.A.Port, cfg.B.Port}
	for i, e := range []sim.EndpointConfig{cfg.A, cfg.B} {
		local := netip.AddrPortFrom(l.addr[i], ports[i])
		remote := netip.AddrPortFrom(l.addr[1-i], ports[1-i])
		s.apps[i] = newApp(s, trace.Side(i), l.ns[i], local, remote, e)
		go s.apps[i].worker()
	}
	stop := make(chan struct{})
	s.t0 = time.Now()
	s.watchSides(cfg.Timeline) // gone.go
	link := vanishes(s, cfg)
	if rel != nil {
		link = append(link, s.crafts(rel, crafted)...) // inject.go
	}
	go s.play(cfg.Timeline, link, stop)
	res.Capped = s.settle(minEnd, opts)
	close(stop)
	res.Elapsed = s.now()
	data, err := capt.stop()
	for _, p := range s.apps {
		p.shut() // after the capture: what is still open is not part of the run
	}
	if err != nil {
		return nil, err
	}
	if ctx.Err() != nil {
		return nil, errors.New("interrupted; the namespaces are removed")
	}
	res.KernelPcap = data
	if res.Kernel, err = capcmp.Read(data); err != nil {
		return nil, fmt.Errorf("reading the kernel's capture: %w", err)
	}
	s.mu.Lock()
	res.Calls = slices.Clone(s.calls)
	s.mu.Unlock()
	res.Setup = l.logSetup
	res.did, res.linkAt = s.did, s.linkAt
	return res, nil
}

// configure applies the profile's kernel settings and the faults.
func configure(l *lab, cfg *sim.Config, tr *trace.Trace) error {
	cc := ""
	if avail, err := os.ReadFile("/proc/sys/net/ipv4/tcp_available_congestion_control"); err == nil &&
		slices.Contains(strings.Fields(string(avail)), "bbr") {
		cc = "bbr" // the reference captures' kernel used BBR
	}
	for i, e := range []sim.EndpointConfig{cfg.A, cfg.B} {
		if err := l.tune(i, sysctls(cfg.Profile, e, trace.Side(i), cc)...); err != nil {
			return err
		}
	}
	if v := vanishTable(cfg); v != "" {
		if err := l.nft(int(trace.B), v); err != nil {
			return err
		}
	}
	for i, rules := range dropRules(tr) {
		if rules == "" {
			continue
		}
		if err := l.nft(i, rules); err != nil {
			return err
		}
	}
	return nil
}

// settle waits until the run is over: every action dispatched and done,
// the kernels' sockets all quiet (procTCP.quiet), the model's last segment
// time passed, and all that for opts.Quiet. A connection the scenario
// leaves open ends the run too. It reports whether opts.Max cut it short.
func (s *session) settle(minEnd time.Duration, opts Options) bool {
	var tables [2]*procTCP
	for i := range tables {
		tables[i], _ = openProcTCP(s.lab.ns[i])
		if tables[i] != nil {
			defer tables[i].Close()
		}
	}
	var since time.Time
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-s.ctx.Done():
			return false
		case <-tick.C:
		}
		if s.now() > opts.Max {
			return true
		}
		quiet := s.now() >= minEnd && s.timed.Load() == 0 && s.pending.Load() == 0 &&
			tables[0].quiet() && tables[1].quiet()
		if !quiet {
			since = time.Time{}
			continue
		}
		if since.IsZero() {
			since = time.Now()
		}
		if time.Since(since) >= opts.Quiet {
			return false
		}
	}
}
