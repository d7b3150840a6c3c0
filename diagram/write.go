package diagram

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/tcpsim/tcpsim/internal/atomicfile"
)

// Format is an output format.
type Format string

const (
	SVG     Format = "svg"
	PNG     Format = "png"
	Mermaid Format = "mmd"
)

// FormatForPath picks the format from a file name's extension.
func FormatForPath(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".svg":
		return SVG, nil
	case ".png":
		return PNG, nil
	case ".mmd", ".mermaid":
		return Mermaid, nil
	}
	return "", fmt.Errorf("%q: the name must end in .svg, .png or .mmd", path)
}

// Write renders the ladder (or, with states, the state diagram) of r.
func Write(w io.Writer, f Format, r *Run, o Options, states bool) error {
	if f == Mermaid {
		if states {
			return writeStatesMermaid(w, r)
		}
		return writeMermaid(w, r, o)
	}
	var d *drawing
	if states {
		d = StateDiagram(r, o)
	} else {
		d = Ladder(r, o)
	}
	if f == PNG {
		return d.writePNG(w, o)
	}
	return d.writeSVG(w)
}

// WriteFile renders into path, atomically: a failure leaves any old file.
func WriteFile(path string, r *Run, o Options, states bool) error {
	f, err := FormatForPath(path)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := Write(&buf, f, r, o, states); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, buf.Bytes())
}
