// Package kernel runs a scenario on the real Linux kernel of this machine
// and holds the capture against the model's run under the linux profile.
//
// Each run builds two fresh network namespaces (named Prefix + pid + run
// number + a/b) joined by a veth, applies the profile's kernel settings
// inside them, plays the scenario's timeline with real sockets created from
// an OS thread that has joined each namespace (one process, so `when:`
// conditions seen by one application can trigger the other's calls),
// captures with tcpdump on A's side, and deletes the namespaces whatever
// happens. See docs/kernel.md.
package kernel
