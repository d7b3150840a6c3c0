// Package conformance is tcpsim's claim of RFC 9293 conformance: every
// requirement ID of Appendix B, what tcpsim does about it, and the tests
// that show it. docs/conformance.md is generated from it, and the tests in
// this package fail when the claim and the repository disagree.
package conformance

// Status is how far tcpsim meets one requirement.
type Status uint8

const (
	Implemented   Status = iota // met, with a test that fails if it is not
	Partly                      // met in part; Why says which part is missing
	NotApplicable               // concerns IP, ICMP or an interface a simulator has not
	Not                         // not done; Why says why
)

var statusNames = [...]string{"implemented", "partly", "not applicable", "not"}

func (s Status) String() string { return statusNames[s] }

// Req is one requirement of RFC 9293 Appendix B.
type Req struct {
	ID     string   // "MUST-23"
	Level  string   // MUST, SHOULD, MAY, SHOULD NOT, MUST NOT
	Group  string   // the Appendix B heading
	Text   string   // the feature, in a few words
	Status Status   //
	Why    string   // how it is met, or why not
	Tests  []string // "pkg/dir.TestName" or "scenarios/name.yaml"
}
