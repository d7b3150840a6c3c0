package lang

import "testing"

func TestDetect(t *testing.T) {
	cases := []struct {
		name string
		flag string
		env  map[string]string
		want string
	}{
		{"nothing set", "", nil, "en"},
		{"flag zh", "zh", map[string]string{"LANG": "en_US.UTF-8"}, "zh"},
		{"flag en beats a Chinese environment", "en", map[string]string{"TCPSIM_LANG": "zh", "LANG": "zh_CN.UTF-8"}, "en"},
		{"flag with a region", "zh_CN", nil, "zh"},
		{"flag in capitals", "ZH", nil, "zh"},
		{"TCPSIM_LANG beats the locale", "", map[string]string{"TCPSIM_LANG": "zh", "LC_ALL": "en_US.UTF-8"}, "zh"},
		{"TCPSIM_LANG en beats a Chinese locale", "", map[string]string{"TCPSIM_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"},
		{"TCPSIM_LANG foreign: English, not the locale", "", map[string]string{"TCPSIM_LANG": "fr", "LANG": "zh_CN.UTF-8"}, "en"},
		{"LC_ALL beats LC_MESSAGES", "", map[string]string{"LC_ALL": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, "en"},
		{"LC_ALL zh", "", map[string]string{"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"},
		{"LC_MESSAGES beats LANG", "", map[string]string{"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "C"}, "zh"},
		{"LANG zh_CN.UTF-8", "", map[string]string{"LANG": "zh_CN.UTF-8"}, "zh"},
		{"LANG zh_TW", "", map[string]string{"LANG": "zh_TW"}, "zh"},
		{"LANG zh", "", map[string]string{"LANG": "zh"}, "zh"},
		{"LANG zh-Hans", "", map[string]string{"LANG": "zh-Hans"}, "zh"},
		{"LANG zh_CN.GB18030", "", map[string]string{"LANG": "zh_CN.GB18030"}, "zh"},
		{"LANG zh_SG with modifier", "", map[string]string{"LANG": "zh_SG@stroke"}, "zh"},
		{"LANG C", "", map[string]string{"LANG": "C"}, "en"},
		{"LANG POSIX", "", map[string]string{"LANG": "POSIX"}, "en"},
		{"LANG C.UTF-8", "", map[string]string{"LANG": "C.UTF-8"}, "en"},
		{"LANG ja_JP", "", map[string]string{"LANG": "ja_JP.UTF-8"}, "en"},
		{"LANG zu (not zh)", "", map[string]string{"LANG": "zu_ZA"}, "en"},
		{"LANG zhx (not zh)", "", map[string]string{"LANG": "zhx"}, "en"},
		{"empty values are unset", "", map[string]string{"TCPSIM_LANG": "", "LC_ALL": "", "LANG": "zh_CN.UTF-8"}, "zh"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Detect(c.flag, func(k string) string { return c.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestDetectBadFlag(t *testing.T) {
	for _, flag := range []string{"fr", "chinese", "z", "-", "english"} {
		got, err := Detect(flag, func(string) string { return "zh_CN.UTF-8" })
		if err == nil {
			t.Errorf("--lang %q gave %q, want an error", flag, got)
			continue
		}
		if want := `unknown language "` + flag + `" for --lang; expected en or zh`; err.Error() != want {
			t.Errorf("got %q, want %q", err, want)
		}
	}
}
