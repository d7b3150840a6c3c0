package msg

import (
	"regexp"
	"testing"
)

// "A SYN sets IRS…" reads as "endpoint A's SYN" in a lab whose endpoints
// are A and B: no English sentence starts with the article A before a
// protocol token (write "An RST", "An arriving SYN").
func TestNoArticleReadsAsEndpoint(t *testing.T) {
	en, err := Entries("en")
	if err != nil {
		t.Fatal(err)
	}
	bad := regexp.MustCompile(`(^|[.:;!?]\s+)A (SYN|RST|FIN|ACK)\b`)
	for id, s := range en {
		if bad.MatchString(s) {
			t.Errorf("%s: %q reads as endpoint A", id, s)
		}
	}
}
