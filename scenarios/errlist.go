package scenarios

import (
	"cmp"
	"slices"
	"strings"
)

// Errors are the independent problems of one file, in the order of their
// position. Load returns a single *Error when there is one; errors.As
// finds the first of several.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives each problem, for errors.As and errors.Is.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// collect keeps a problem, so that loading goes on to find the others; it
// reports whether there was one.
func (d *doc) collect(e *Error) bool {
	if e == nil {
		return false
	}
	if len(d.errs) < maxErrors {
		d.errs = append(d.errs, e)
	} else {
		d.more++
	}
	return true
}

// maxErrors is as many problems as a reader can take in at once; a file
// with more (a list of unknown keys, a pasted file) gets a count of the rest.
const maxErrors = 20

// failed is what Load returns for the problems collected: nil, the only
// one, or all of them sorted by position (those without one last).
func (d *doc) failed() error {
	switch len(d.errs) {
	case 0:
		return nil
	case 1:
		return d.errs[0]
	}
	es := slices.Clone(Errors(d.errs))
	slices.SortStableFunc(es, func(a, b *Error) int {
		if (a.Line == 0) != (b.Line == 0) {
			return cmp.Compare(b.Line, a.Line) // no position: after the rest
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	if d.more > 0 {
		es = append(es, fileErr(d.file, "%d more problems not shown; fix these first", d.more))
	}
	return es
}
