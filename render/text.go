// Package render is the one place that decides how text reaches the
// terminal: how it is measured, cut, ordered and aligned, and how article
// HTML becomes styled lines. The ui package hands it logical strings and
// gets back display lines; right-to-left layout lives entirely in here.
package render

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Dir is the direction of a paragraph: the side its lines start from.
type Dir uint8

const (
	LTR Dir = iota
	RTL
)

// Ellipsis marks text cut to fit.
const Ellipsis = "…"

// Options select how text is prepared for the terminal.
type Options struct{}

// Typesetter lays out text for one terminal. It is safe to copy; the zero
// value is ready to use.
type Typesetter struct {
	opts Options
}

// New returns a Typesetter with the given options.
func New(opts Options) *Typesetter {
	return &Typesetter{opts: opts}
}

// Line is text laid out for one display line.
type Line struct {
	Text  string // the cells in display order, ready to print
	Width int    // how many cells Text occupies
	Dir   Dir    // the direction the text reads in; it decides the alignment
}

// Width returns how many terminal cells s occupies: grapheme clusters are
// measured whole, so combining marks (Arabic harakat, Hebrew niqqud) take no
// cell of their own and East Asian wide characters take two.
func Width(s string) int {
	return ansi.StringWidth(s)
}

// Line lays out s as a single display line of at most width cells. Text that
// is too long is cut at its reading end and marked with an ellipsis. lang is
// the BCP 47 language of the text's source, a hint for its direction.
func (t *Typesetter) Line(s, lang string, width int) Line {
	s = singleLine(s)
	if width <= 0 {
		return Line{Dir: LTR}
	}
	if Width(s) > width {
		s = ansi.Truncate(s, width, Ellipsis)
	}
	return Line{Text: s, Width: Width(s), Dir: LTR}
}

// Fit lays out s in exactly width cells: cut like Line, then padded on the
// side opposite to where it starts reading.
func (t *Typesetter) Fit(s, lang string, width int) string {
	l := t.Line(s, lang, width)
	return Pad(l, width)
}

// Pad fills l with spaces to width cells, aligned to the side it reads from.
func Pad(l Line, width int) string {
	gap := width - l.Width
	if gap <= 0 {
		return l.Text
	}
	if l.Dir == RTL {
		return strings.Repeat(" ", gap) + l.Text
	}
	return l.Text + strings.Repeat(" ", gap)
}

// singleLine folds a field meant for one line (a title, a feed name) into
// one: runs of white space, line breaks included, become one space, and
// control characters are dropped so they cannot act on the terminal.
func singleLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r):
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
