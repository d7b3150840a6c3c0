package main

import (
	"slices"
	"strings"

	"github.com/tcpsim/tcpsim/sim"
)

func profileList() []string {
	var out []string
	for n := range sim.Profiles {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

func oneOfProfiles() string { return strings.Join(profileList(), " or ") }
