//go:build linux

package kernel

import (
	"encoding/binary"
	"net"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sys/unix"

	"github.com/tcpsim/tcpsim/fsm"
	"github.com/tcpsim/tcpsim/trace"
)

// relay delays the link where tc netem is missing: a middle namespace
// holds two veth ends, and two AF_PACKET sockets copy each Ethernet frame
// from one to the other after the direction's delay, in order. Frames are
// passed unchanged (A's and B's static neighbours name each other's MAC),
// so the relay is invisible but for the delay.
type relay struct {
	fds  [2]int // sockets on ifMA (A's side) and ifMB (B's side)
	idx  [2]int
	stop chan struct{}
	wg   sync.WaitGroup

	// Holding back and crafting segments (hold.go); set before start.
	holds map[holdKey]time.Duration
	ends  [2]endpointAddr
	wake  int // an eventfd: an injection is due
	mu    sync.Mutex
	due   []*inject                      // injections whose time has come
	sent  func(in *inject, at time.Time) // when each crafted frame was queued
}

const (
	ifMA = "rela"
	ifMB = "relb"
)

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func newRelay() *relay {
	return &relay{fds: [2]int{-1, -1}, wake: -1, stop: make(chan struct{})}
}

func (r *relay) start(ns string, delay [2]time.Duration) error {
	wake, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		return err
	}
	r.wake = wake
	err = inNS(ns, func() error {
		for i, name := range []string{ifMA, ifMB} {
			ifi, err := net.InterfaceByName(name)
			if err != nil {
				return err
			}
			fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, int(htons(unix.ETH_P_ALL)))
			if err != nil {
				return err
			}
			r.fds[i], r.idx[i] = fd, ifi.Index
			if err := unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: ifi.Index}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.wg.Add(1)
	go r.loop(delay)
	return nil
}

// inject hands the relay a crafted segment whose time has come; it goes
// out as soon as the ISNs its numbers are counted from have been seen.
func (r *relay) inject(in *inject) {
	r.mu.Lock()
	r.due = append(r.due, in)
	r.mu.Unlock()
	var one [8]byte
	binary.NativeEndian.PutUint64(one[:], 1) // an eventfd counter
	_, _ = unix.Write(r.wake, one[:])
}

type frame struct {
	due  time.Time
	data []byte
}

// flow is what the loop keeps per direction (0: from A's side, 1: from
// B's): the frames in order, the ones held back out of order, how many
// segments of each flag set have passed, and the sender's ISNs.
type flow struct {
	queue, held []frame
	count       map[fsm.Flags]int
	isns        []uint32
}

// loop is the whole relay on one OS thread with real-time priority, so a
// loaded machine delays it as little as it delays the kernel's own timers:
// ppoll both sockets (and the injection eventfd) until the next frame is
// due, queue what arrives, send what is due. No Go timer or channel sits
// between a frame and its send.
func (r *relay) loop(delay [2]time.Duration) {
	defer r.wg.Done()
	runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
	_ = unix.SchedSetAttr(0, &unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: unix.SCHED_FIFO, Priority: 50}, 0)
	flows := [2]*flow{{count: map[fsm.Flags]int{}}, {count: map[fsm.Flags]int{}}}
	var waiting []*inject // injections waiting for an ISN
	buf := make([]byte, 65536)
	fds := []unix.PollFd{{Fd: int32(r.fds[0]), Events: unix.POLLIN}, {Fd: int32(r.fds[1]), Events: unix.POLLIN}, {Fd: int32(r.wake), Events: unix.POLLIN}}
	for {
		select {
		case <-r.stop:
			return
		default:
		}
		ts := unix.NsecToTimespec(max(r.wait(flows), 0).Nanoseconds())
		if _, err := unix.Ppoll(fds, &ts, nil); err != nil && err != unix.EINTR {
			return
		}
		for d := range 2 {
			if fds[d].Revents&unix.POLLIN == 0 {
				continue
			}
			n, from, err := unix.Recvfrom(r.fds[d], buf, unix.MSG_DONTWAIT)
			if err != nil {
				continue
			}
			if sll, ok := from.(*unix.SockaddrLinklayer); ok && sll.Pkttype == unix.PACKET_OUTGOING {
				continue // our own copy of a frame the relay sent
			}
			r.arrive(flows[d], trace.Side(d), frame{time.Now().Add(delay[d]), append([]byte(nil), buf[:n]...)})
		}
		if fds[2].Revents&unix.POLLIN != 0 {
			var cnt [8]byte
			_, _ = unix.Read(r.wake, cnt[:])
			r.mu.Lock()
			waiting = append(waiting, r.due...)
			r.due = nil
			r.mu.Unlock()
		}
		waiting = r.craftDue(flows, waiting, delay)
		r.sendDue(flows)
	}
}

// wait is how long ppoll may sleep: until the next frame is due, at most 50 ms.
func (r *relay) wait(flows [2]*flow) time.Duration {
	wait := 50 * time.Millisecond
	for _, f := range flows {
		if len(f.queue) > 0 {
			wait = min(wait, time.Until(f.queue[0].due))
		}
		for _, h := range f.held {
			wait = min(wait, time.Until(h.due))
		}
	}
	return wait
}

// arrive queues a frame from side: in order, or held back by as much as
// the model held that segment (holds), and notes a SYN's ISN.
func (r *relay) arrive(f *flow, side trace.Side, fr frame) {
	flags, seq, ok := tcpOf(fr.data)
	if !ok {
		f.queue = append(f.queue, fr)
		return
	}
	if flags&fsm.SYN != 0 && (len(f.isns) == 0 || f.isns[len(f.isns)-1] != seq) {
		f.isns = append(f.isns, seq)
	}
	const mask = fsm.SYN | fsm.FIN | fsm.RST | fsm.ACK
	k := holdKey{from: side, flags: flags & mask, nth: f.count[flags&mask]}
	f.count[flags&mask]++
	if extra, held := r.holds[k]; held {
		fr.due = fr.due.Add(extra)
		f.held = append(f.held, fr)
		return
	}
	f.queue = append(f.queue, fr)
}

// craftDue puts each injection whose ISNs are known on the wire toward the
// other side, after the direction's delay as if it came from its sender,
// and returns the ones still waiting.
func (r *relay) craftDue(flows [2]*flow, waiting []*inject, delay [2]time.Duration) []*inject {
	live := [2][]uint32{flows[0].isns, flows[1].isns}
	var still []*inject
	for _, in := range waiting {
		seg, ok := in.liveSeg(live)
		if !ok {
			still = append(still, in)
			continue
		}
		now := time.Now()
		d := in.from
		src, dst := r.ends[d], r.ends[1-d]
		if in.ports[0] != 0 {
			src.port = in.ports[0] // a stray segment: the kernel demultiplexes it (RFC 9293 §3.10.7)
		}
		if in.ports[1] != 0 {
			dst.port = in.ports[1]
		}
		flows[d].queue = append(flows[d].queue, frame{now.Add(delay[d]), craft(src, dst, seg)})
		if r.sent != nil {
			r.sent(in, now)
		}
	}
	return still
}

// sendDue sends every frame whose time has come.
func (r *relay) sendDue(flows [2]*flow) {
	now := time.Now()
	for d, f := range flows {
		to := &unix.SockaddrLinklayer{Ifindex: r.idx[1-d]}
		for len(f.queue) > 0 && !f.queue[0].due.After(now) {
			_ = unix.Sendto(r.fds[1-d], f.queue[0].data, 0, to)
			f.queue = f.queue[1:]
		}
		kept := f.held[:0]
		for _, h := range f.held {
			if h.due.After(now) {
				kept = append(kept, h)
				continue
			}
			_ = unix.Sendto(r.fds[1-d], h.data, 0, to)
		}
		f.held = kept
	}
}

// Close stops the relay and closes its sockets.
func (r *relay) Close() {
	select {
	case <-r.stop:
	default:
		close(r.stop)
	}
	r.wg.Wait()
	for _, fd := range append(r.fds[:], r.wake) {
		if fd >= 0 {
			unix.Close(fd)
		}
	}
}
