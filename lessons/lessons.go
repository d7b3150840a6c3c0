// Package lessons holds the bundled lesson files, embedded in the binary.
// The format is docs/lessons.md; package lesson loads them.
package lessons

import "embed"

// Files are the bundled lessons, NAME.yaml each.
//
//go:embed *.yaml
var Files embed.FS

// Course is the order a student takes the bundled lessons in, the order
// `tcpsim learn` and the lab's list show: reading one segment first, then
// opening, closing, TIME-WAIT, the rare paths, RST, and a capture last.
// A lesson file not named here is listed after these, by name.
var Course = []string{
	"seq-and-ack",
	"why-three-segments",
	"lost-syn-backoff",
	"syn-timeout-linux",
	"close-in-four",
	"close-in-three",
	"shutdown-half-close",
	"time-wait",
	"without-time-wait",
	"simultaneous",
	"rst",
	"connection-refused",
	"half-open-rst",
	"half-open",
	"wireshark",
}
