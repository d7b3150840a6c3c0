// Package msg is tcpsim's one vocabulary: every sentence a person reads
// about a run (why a segment was sent, why it was lost, what a step did)
// comes from the catalogue in locales/, keyed by a stable ID with named
// parameters. Views never build such sentences by concatenation; they ask
// a Printer for their language.
//
// The catalogue is go-i18n's format (CLDR plural forms, text/template
// parameters that may move within a sentence) in YAML, so a translation is
// one more file: locales/<lang>.yaml with the same IDs.
package msg

import (
	"embed"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/goccy/go-yaml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed locales/*.yaml
var locales embed.FS

// ID names a message. IDs are stable: a translation refers to them.
type ID string

// RulePrefix starts the IDs of the state machine's rows: RulePrefix +
// fsm.Row.Name(). They are not declared here, one by one: the table is
// their list (trace's tests keep the two equal).
const RulePrefix = "rule."

// Args are a message's named parameters ({{.Name}} in the catalogue).
type Args map[string]any

// Note is a message not yet put into words: what the trace says about an
// event, for any language.
type Note struct {
	ID    ID
	Args  Args
	Count int // chooses the plural form when Plural is set
	// Plural says the message has plural forms chosen by Count.
	Plural bool
}

// Printer speaks one language. It is safe for concurrent use.
type Printer struct {
	lang   string
	loc    *i18n.Localizer
	static map[ID]string // messages without parameters, looked up without templates
	memo   sync.Map      // rendered messages with parameters, by memoKey
	memoN  atomic.Int64  // entries in memo, kept under memoMax
}

// memoMax bounds the memo: a long run in the lab names many different
// segments, and their lines need not all stay in memory.
const memoMax = 1 << 14

func (p *Printer) remember(key, s string) {
	if p.memoN.Load() < memoMax {
		p.memoN.Add(1)
		p.memo.Store(key, s)
	}
}

var (
	bundleOnce sync.Once
	bundle     *i18n.Bundle
	raw        map[string]map[string]any // language -> ID -> message as written
	bundleErr  error
)

// load reads every locale file once: one YAML parse gives both the raw
// entries and go-i18n's messages (parsing twice cost half the start-up).
func load() {
	bundle = i18n.NewBundle(language.English)
	raw = map[string]map[string]any{}
	files, err := locales.ReadDir("locales")
	if err != nil {
		bundleErr = err
		return
	}
	for _, f := range files {
		path := "locales/" + f.Name()
		b, err := locales.ReadFile(path)
		if err != nil {
			bundleErr = err
			return
		}
		m, err := parseFlat(b)
		if err != nil { // outside the fast subset: the general parser decides
			m = map[string]any{}
			if err := yaml.Unmarshal(b, &m); err != nil {
				bundleErr = fmt.Errorf("msg: %s: %w", path, err)
				return
			}
		}
		lang := strings.TrimSuffix(f.Name(), ".yaml")
		if err := addMessages(lang, m); err != nil {
			bundleErr = fmt.Errorf("msg: %s: %w", path, err)
			return
		}
		raw[lang] = m
	}
}

// addMessages gives one language's entries to the bundle, in ID order so
// that an error names the same entry every time.
func addMessages(lang string, m map[string]any) error {
	tag, err := language.Parse(lang)
	if err != nil {
		return err
	}
	msgs := make([]*i18n.Message, 0, len(m))
	for _, id := range slices.Sorted(maps.Keys(m)) {
		if isStatic(m[id]) {
			continue // a Printer says it from its static map: building it here cost a fifth of start-up
		}
		one, err := i18n.NewMessage(m[id])
		if err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		one.ID = id
		msgs = append(msgs, one)
	}
	return bundle.AddMessages(tag, msgs...)
}

// New returns a Printer for a language the catalogue has ("en", "zh").
func New(lang string) (*Printer, error) {
	bundleOnce.Do(load)
	if bundleErr != nil {
		return nil, bundleErr
	}
	m, ok := raw[lang]
	if !ok {
		return nil, fmt.Errorf("msg: no catalogue for language %q", lang)
	}
	p := &Printer{lang: lang, loc: i18n.NewLocalizer(bundle, lang), static: map[ID]string{}}
	for id, v := range raw["en"] { // what another language lacks, it says in English
		if isStatic(v) {
			p.static[ID(id)] = v.(string)
		}
	}
	for id, v := range m {
		if isStatic(v) {
			p.static[ID(id)] = v.(string)
		} else {
			delete(p.static, ID(id))
		}
	}
	return p, nil
}

// isStatic reports whether a catalogue entry is plain text: no template,
// no plural forms. Such an entry never reaches go-i18n.
func isStatic(v any) bool {
	s, ok := v.(string)
	return ok && !strings.Contains(s, "{{")
}

var english = sync.OnceValue(func() *Printer {
	p, err := New("en")
	if err != nil {
		panic(err) // the embedded catalogue is tested
	}
	return p
})

// English is the Printer for the catalogue's source language.
func English() *Printer { return english() }

// T is message id with its parameters.
func (p *Printer) T(id ID, args Args) string {
	if s, ok := p.static[id]; ok { // no template: the args change nothing
		return s
	}
	key := memoKey(id, -1, args)
	if s, ok := p.memo.Load(key); ok {
		return s.(string)
	}
	s := p.localize(&i18n.LocalizeConfig{MessageID: string(id), TemplateData: map[string]any(args)}, id)
	p.remember(key, s)
	return s
}

// N is message id in the plural form for count; the template sees count
// as {{.Count}} besides args.
func (p *Printer) N(id ID, count int, args Args) string {
	key := memoKey(id, count, args)
	if s, ok := p.memo.Load(key); ok {
		return s.(string)
	}
	data := map[string]any{"Count": count}
	for k, v := range args {
		data[k] = v
	}
	s := p.localize(&i18n.LocalizeConfig{MessageID: string(id), PluralCount: count, TemplateData: data}, id)
	p.remember(key, s)
	return s
}

// memoKey names a message with its parameters. A run says the same few
// things many times (the same reads, the same timer), and go-i18n's
// template costs microseconds where a lookup costs nanoseconds
// (BenchmarkJSONL1M in trace/).
func memoKey(id ID, count int, args Args) string {
	b := make([]byte, 0, 64)
	b = append(b, id...)
	b = append(b, 0)
	b = strconv.AppendInt(b, int64(count), 10)
	var buf [4]string
	keys := buf[:0]
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		b = append(b, 0)
		b = append(b, k...)
		b = append(b, '=')
		b = fmt.Append(b, args[k])
	}
	return string(b)
}

// Say puts a note into words.
func (p *Printer) Say(n Note) string {
	if n.Plural {
		return p.N(n.ID, n.Count, n.Args)
	}
	return p.T(n.ID, n.Args)
}

func (p *Printer) localize(lc *i18n.LocalizeConfig, id ID) string {
	s, err := p.loc.Localize(lc)
	if err != nil {
		// Tests make sure every ID exists; a missing one shows, not crashes.
		return "[" + string(id) + "]"
	}
	return s
}

// Lang is the Printer's language.
func (p *Printer) Lang() string { return p.lang }

// Or is message id, or fallback when the catalogue has no such message:
// for IDs made from data (RulePrefix + a row's name) rather than declared.
func (p *Printer) Or(id ID, fallback string) string {
	if s, ok := p.static[id]; ok {
		return s
	}
	return fallback
}

// Entries is a catalogue as written: ID -> text, a plural message's forms
// joined by newlines in the order of their names. For tests that check
// every entry (the glossary, the rows of the state machine).
func Entries(lang string) (map[ID]string, error) {
	bundleOnce.Do(load)
	if bundleErr != nil {
		return nil, bundleErr
	}
	m, ok := raw[lang]
	if !ok {
		return nil, fmt.Errorf("msg: no catalogue for language %q", lang)
	}
	out := make(map[ID]string, len(m))
	for id, v := range m {
		switch v := v.(type) {
		case string:
			out[ID(id)] = v
		case map[string]any:
			forms := make([]string, 0, len(v))
			for _, k := range slices.Sorted(maps.Keys(v)) {
				forms = append(forms, fmt.Sprint(v[k]))
			}
			out[ID(id)] = strings.Join(forms, "\n")
		}
	}
	return out, nil
}

// Languages lists the catalogues, sorted.
func Languages() []string {
	bundleOnce.Do(load)
	return slices.Sorted(maps.Keys(raw))
}
