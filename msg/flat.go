package msg

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// parseFlat reads the catalogue's own small subset of YAML: top-level
// `id: "double-quoted"`, `id: |-` literal blocks, and `id:` followed by
// indented `form: "..."` plural forms, with # comments. It is about ten
// times cheaper than a general YAML parser, which was most of tcpsim's
// start-up. Anything outside the subset is an error, and load falls back
// to the general parser (TestFlatMatchesYAML keeps the two equal).
func parseFlat(b []byte) (map[string]any, error) {
	lines := strings.Split(string(b), "\n")
	out := make(map[string]any, len(lines))
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		if skippable(ln) {
			continue
		}
		if ln[0] == ' ' {
			return nil, fmt.Errorf("line %d: unexpected indentation", i+1)
		}
		key, rest, ok := strings.Cut(ln, ":")
		if !ok || key == "" {
			return nil, fmt.Errorf("line %d: no key", i+1)
		}
		rest = strings.TrimSpace(rest)
		if _, dup := out[key]; dup {
			return nil, fmt.Errorf("line %d: %s twice", i+1, key)
		}
		var err error
		switch {
		case rest == "":
			var forms map[string]any
			forms, i, err = parseForms(lines, i+1)
			out[key] = forms
		case rest == "|-" || rest == "|":
			var s string
			s, i = parseBlock(lines, i+1, rest == "|")
			out[key] = s
		default:
			out[key], err = quoted(rest)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	return out, nil
}

func skippable(ln string) bool {
	t := strings.TrimSpace(ln)
	return t == "" || t[0] == '#'
}

// parseForms reads the indented plural forms after an `id:` line; it
// returns the index of the last line it used.
func parseForms(lines []string, i int) (map[string]any, int, error) {
	forms := map[string]any{}
	for ; i < len(lines); i++ {
		ln := lines[i]
		if skippable(ln) {
			continue
		}
		if !strings.HasPrefix(ln, "  ") || ln[2] == ' ' {
			break
		}
		k, v, ok := strings.Cut(strings.TrimSpace(ln), ":")
		if !ok {
			return nil, i, errors.New("a plural form without a colon")
		}
		s, err := quoted(strings.TrimSpace(v))
		if err != nil {
			return nil, i, err
		}
		forms[k] = s
	}
	if len(forms) == 0 {
		return nil, i, errors.New("an entry with no value")
	}
	return forms, i - 1, nil
}

// parseBlock reads a literal block (|- strips the final newline, | keeps
// one); it returns the index of the last line it used.
func parseBlock(lines []string, i int, keep bool) (string, int) {
	indent := -1
	var body []string
	for ; i < len(lines); i++ {
		ln := lines[i]
		if strings.TrimSpace(ln) == "" {
			body = append(body, "")
			continue
		}
		n := len(ln) - len(strings.TrimLeft(ln, " "))
		if indent < 0 {
			indent = n
		}
		if n < indent || n == 0 {
			break
		}
		body = append(body, ln[indent:])
	}
	for len(body) > 0 && body[len(body)-1] == "" {
		body = body[:len(body)-1]
		i--
	}
	s := strings.Join(body, "\n")
	if keep && s != "" {
		s += "\n"
	}
	return s, i - 1
}

// quoted decodes a double-quoted scalar, with an optional # comment after.
func quoted(s string) (string, error) {
	if len(s) < 2 || s[0] != '"' {
		return "", errors.New("not a double-quoted string")
	}
	end := 1
	for ; end < len(s); end++ {
		if s[end] == '\\' {
			end++
		} else if s[end] == '"' {
			break
		}
	}
	if end >= len(s) {
		return "", errors.New("an unterminated string")
	}
	if tail := strings.TrimSpace(s[end+1:]); tail != "" && tail[0] != '#' {
		return "", errors.New("text after a string")
	}
	body := s[1:end]
	if !strings.Contains(body, `\`) {
		return body, nil
	}
	return unescape(body)
}

func unescape(body string) (string, error) {
	var sb strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' {
			sb.WriteByte(c)
			continue
		}
		i++
		switch body[i] {
		case 'n':
			sb.WriteByte('\n')
		case 't':
			sb.WriteByte('\t')
		case '"', '\\', '/':
			sb.WriteByte(body[i])
		case 'u':
			if i+4 >= len(body) {
				return "", errors.New("a short \\u escape")
			}
			r, err := strconv.ParseUint(body[i+1:i+5], 16, 32)
			if err != nil {
				return "", err
			}
			sb.WriteRune(rune(r))
			i += 4
		default:
			return "", fmt.Errorf("the escape \\%c", body[i])
		}
	}
	return sb.String(), nil
}
