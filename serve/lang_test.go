package serve

import "testing"

func TestLang(t *testing.T) {
	for _, c := range []struct {
		env  []string
		want string
	}{
		{nil, "en"},
		{[]string{"LANG=zh_CN.UTF-8"}, "zh"},
		{[]string{"LANG=zh_TW"}, "zh"},
		{[]string{"LANG=zh"}, "zh"},
		{[]string{"LANG=en_US.UTF-8"}, "en"},
		{[]string{"LANG=C.UTF-8"}, "en"},
		{[]string{"LANG=zh_CN.UTF-8", "LC_ALL=en_GB.UTF-8"}, "en"},    // LC_ALL wins
		{[]string{"LANG=en_US.UTF-8", "LC_MESSAGES=zh_CN"}, "zh"},     // then LC_MESSAGES
		{[]string{"LC_ALL=zh_CN.UTF-8", "TCPSIM_LANG=en"}, "en"},      // TCPSIM_LANG first
		{[]string{"LANG=en_US.UTF-8", "LC_ALL=", "LANG=zh_HK"}, "zh"}, // empty is unset; the last LANG counts
		{[]string{"LANG=zhx"}, "en"},
	} {
		if got := Lang(c.env, ""); got != c.want {
			t.Errorf("Lang(%q) = %s, want %s", c.env, got, c.want)
		}
	}
}

func TestSafeName(t *testing.T) {
	for in, want := range map[string]string{
		"normal-close.pcapng": "normal-close.pcapng", "../../etc/passwd": "passwd", "a b/c:d.pcapng": "c-d.pcapng",
		".hidden": "x.hidden", "名前.pcapng": "------.pcapng",
	} {
		if got := safeName(in); got != want {
			t.Errorf("safeName(%q) = %q, want %q", in, got, want)
		}
	}
}
