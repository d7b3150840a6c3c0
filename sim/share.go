package sim

import (
	"math/rand/v2"

	"github.com/tcpsim/tcpsim/trace"
)

// Shared runs: a run of a configuration is a function of its random
// draws. The link draws only in transmit (loss, duplication, reordering,
// jitter), and the seed is read only there and by the keyed ISN (isn.go).
// So two seeds whose draws come out the same — at 5% loss most seeds lose
// nothing — make the same run, event for event. A sweep of many seeds
// records each run's draws in a tree; a later seed whose draws follow a
// recorded path to its end is that run again, found by drawing its
// numbers alone, without simulating it.
//
// A path is recorded only from a run that never read its seed but to
// draw (no keyed ISN), and only for links without jitter, whose draws are
// yes/no answers, that no timeline step changes: all three keep the tree
// exact. The tree is bounded: once it
// holds its most nodes, runs that leave it are simulated and not added.

// Draw is one transmission's answers: the link it crossed and, as bits,
// lost, duplicated and reordered (only the ones the link draws).
type Draw struct {
	Link uint8 // trace.A or trace.B: the sender
	Bits uint8
}

// Shared is the tree of one configuration's recorded runs. Not safe for
// concurrent use: each worker keeps its own.
type Shared struct {
	links    [2]LinkConfig
	nodes    []shNode
	kids     []int32     // node i's children at kids[i*w : i*w+w]; 0: none
	w        int         // children a node can have
	slot     [2][8]uint8 // a link's Bits as a child's place: only the answers it draws
	maxNodes int
	pcg      rand.PCG
	rng      *rand.Rand
	leaves   int32
}

type shNode struct {
	link int8  // the link drawn next; -1: the run ends here; -2: not known yet
	leaf int32 // when it ends: the caller's result index
}

// NewShared returns a tree for cfg's runs holding at most maxNodes
// nodes, or nil when cfg's runs cannot be shared: a link with jitter
// draws numbers, not answers, and a timeline that changes the link
// midway asks other questions than the tree would.
func NewShared(cfg *Config, maxNodes int) *Shared {
	if cfg.AtoB.Jitter > 0 || cfg.BtoA.Jitter > 0 || maxNodes < 1 {
		return nil
	}
	for i := range cfg.Timeline {
		if cfg.Timeline[i].Op == trace.OpLink {
			return nil
		}
	}
	t := &Shared{links: [2]LinkConfig{cfg.AtoB, cfg.BtoA}, maxNodes: maxNodes, w: 1}
	t.rng = rand.New(&t.pcg)
	for l := range t.links {
		t.w = max(t.w, t.places(l))
	}
	t.grow()
	return t
}

// places numbers the answers link l draws as 0, 1, ...: a loss-only link
// needs two children a node, not eight.
func (t *Shared) places(l int) int {
	k := &t.links[l]
	on := [3]bool{k.Loss > 0, k.Duplicate > 0, k.Reorder > 0}
	for b := range 8 {
		p, n := 0, 0
		for j := range 3 {
			if on[j] {
				p |= (b >> j & 1) << n
				n++
			}
		}
		t.slot[l][b] = uint8(p)
	}
	n := 0
	for _, o := range on {
		if o {
			n++
		}
	}
	return 1 << n
}

// grow adds a node of which nothing is known yet.
func (t *Shared) grow() {
	t.nodes = append(t.nodes, shNode{link: -2})
	t.kids = append(t.kids, make([]int32, t.w)...)
}

// seedPCG seeds a run's generator from its seed (reset and Find agree).
func seedPCG(p *rand.PCG, seed uint64) { p.Seed(seed, seed^0x9e3779b97f4a7c15) }

// draw answers one transmission on link l as transmit does, in its order.
func draw(rng *rand.Rand, l *LinkConfig) uint8 {
	var b uint8
	if l.Loss > 0 && rng.Float64() < l.Loss {
		b |= 1
	}
	if l.Duplicate > 0 && rng.Float64() < l.Duplicate {
		b |= 2
	}
	if l.Reorder > 0 && rng.Float64() < l.Reorder {
		b |= 4
	}
	return b
}

// draws reports whether a transmission on l draws at all.
func draws(l *LinkConfig) bool { return l.Loss > 0 || l.Duplicate > 0 || l.Reorder > 0 }

// Find follows seed's draws down the tree: the result index Add gave the
// run they lead to, or -1 when they leave what is recorded.
func (t *Shared) Find(seed uint64) int32 {
	seedPCG(&t.pcg, seed)
	i := int32(0)
	for {
		n := &t.nodes[i]
		switch n.link {
		case -1:
			return n.leaf
		case -2:
			return -1
		}
		i = t.kids[int(i)*t.w+int(t.slot[n.link][draw(t.rng, &t.links[n.link])])]
		if i == 0 {
			return -1
		}
	}
}

// Add records the path of a run just made and returns the result index
// to keep its result under (they count up from 0), or -1 when the run
// cannot be shared or the tree is full.
func (t *Shared) Add(r *Runner) int32 {
	s := &r.s
	if !s.share || s.seedRead || t.leaves == 1<<31-1 {
		return -1
	}
	path := s.drawn
	i := int32(0)
	for k := 0; ; k++ {
		n := &t.nodes[i]
		want := int8(-1)
		if k < len(path) {
			want = int8(path[k].Link)
		}
		if n.link == -2 {
			n.link = want
			if want == -1 {
				n.leaf = t.leaves
				t.leaves++
			}
		} else if n.link != want {
			// Only transmit draws and a keyed ISN marks its run unshared:
			// a run that went apart from its path drew where the tree
			// cannot see, and the results found so far may be wrong.
			panic("sim: two runs with the same draws went apart")
		}
		if want == -1 {
			return n.leaf
		}
		slot := int(i)*t.w + int(t.slot[want][path[k].Bits])
		if t.kids[slot] == 0 {
			if len(t.nodes) >= t.maxNodes {
				return -1
			}
			t.kids[slot] = int32(len(t.nodes))
			t.grow()
		}
		i = t.kids[slot]
	}
}

// Share makes the runner record each run's draws for Shared.Add.
func (r *Runner) Share(on bool) {
	r.s.share = on
}
