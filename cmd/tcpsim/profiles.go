package main

import (
	"strings"

	"github.com/tcpsim/tcpsim/sim"
)

func oneOfProfiles() string { return strings.Join(sim.ProfileNames(), " or ") }
