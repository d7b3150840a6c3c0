//go:build linux

package kernel

import (
	"net"
	"runtime"
	"sync"
	"time"

	"golang.org/x/sys/unix"
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
}

const (
	ifMA = "rela"
	ifMB = "relb"
)

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func startRelay(ns string, delay [2]time.Duration) (*relay, error) {
	r := &relay{fds: [2]int{-1, -1}, stop: make(chan struct{})}
	err := inNS(ns, func() error {
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
		r.Close()
		return nil, err
	}
	r.wg.Add(1)
	go r.loop(delay)
	return r, nil
}

type frame struct {
	due  time.Time
	data []byte
}

// loop is the whole relay on one OS thread with real-time priority, so a
// loaded machine delays it as little as it delays the kernel's own timers:
// ppoll both sockets until the next frame is due, queue what arrives, send
// what is due. No Go timer or channel sits between a frame and its send.
func (r *relay) loop(delay [2]time.Duration) {
	defer r.wg.Done()
	runtime.LockOSThread() // never unlocked: the thread ends with the goroutine
	_ = unix.SchedSetAttr(0, &unix.SchedAttr{Size: unix.SizeofSchedAttr, Policy: unix.SCHED_FIFO, Priority: 50}, 0)
	var queue [2][]frame // by direction: from A's side, from B's side
	buf := make([]byte, 65536)
	fds := []unix.PollFd{{Fd: int32(r.fds[0]), Events: unix.POLLIN}, {Fd: int32(r.fds[1]), Events: unix.POLLIN}}
	for {
		select {
		case <-r.stop:
			return
		default:
		}
		wait := 50 * time.Millisecond
		for d := range queue {
			if len(queue[d]) > 0 {
				wait = min(wait, time.Until(queue[d][0].due))
			}
		}
		ts := unix.NsecToTimespec(max(wait, 0).Nanoseconds())
		if _, err := unix.Ppoll(fds, &ts, nil); err != nil && err != unix.EINTR {
			return
		}
		for d := range fds {
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
			queue[d] = append(queue[d], frame{time.Now().Add(delay[d]), append([]byte(nil), buf[:n]...)})
		}
		now := time.Now()
		for d := range queue {
			for len(queue[d]) > 0 && !queue[d][0].due.After(now) {
				_ = unix.Sendto(r.fds[1-d], queue[d][0].data, 0, &unix.SockaddrLinklayer{Ifindex: r.idx[1-d]})
				queue[d] = queue[d][1:]
			}
		}
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
	for _, fd := range r.fds {
		if fd >= 0 {
			unix.Close(fd)
		}
	}
}
