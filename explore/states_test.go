package explore

import (
	"context"
	"slices"
	"testing"
)

// The fault-free handshake's arcs are the ones it takes; a crash adds
// the crash arcs; the arcs do not depend on the number of workers.
func TestStatesRun(t *testing.T) {
	cfg := load(t, "handshake")
	var got []string
	for _, m := range Explore(context.Background(), cfg, Options{}).StatesRun("x").States {
		got = append(got, string("AB"[m.Side])+" "+m.From+">"+m.State)
	}
	want := []string{"A CLOSED>SYN-SENT", "A SYN-SENT>ESTABLISHED", "B CLOSED>LISTEN", "B LISTEN>SYN-RECEIVED", "B SYN-RECEIVED>ESTABLISHED"}
	if !slices.Equal(got, want) {
		t.Fatalf("arcs %v, want %v", got, want)
	}
	one := Explore(context.Background(), cfg, Options{Drops: 1, Crash: true, Workers: 1})
	eight := Explore(context.Background(), cfg, Options{Drops: 1, Crash: true, Workers: 8})
	if one.Arcs != eight.Arcs {
		t.Fatal("arcs differ between 1 and 8 workers")
	}
	drops := Explore(context.Background(), cfg, Options{Drops: 1})
	if drops.arcCount(0)+drops.arcCount(1) >= one.arcCount(0)+one.arcCount(1) {
		t.Fatalf("crashes add no arc: %d+%d without, %d+%d with", drops.arcCount(0), drops.arcCount(1), one.arcCount(0), one.arcCount(1))
	}
	for s := range drops.Arcs {
		for f := range drops.Arcs[s] {
			for to, r := range drops.Arcs[s][f] {
				if r > 0 && one.Arcs[s][f][to] == 0 {
					t.Errorf("side %d arc %d>%d lost with --crash", s, f, to)
				}
			}
		}
	}
}
