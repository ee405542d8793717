// Package render is the one place that decides how text reaches the
// terminal: how it is measured, cut, ordered and aligned, and how article
// HTML becomes styled lines. The ui package hands it logical strings and
// gets back display lines; right-to-left layout lives entirely in here.
package render

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"nashra/render/bidi"
)

// Dir is the direction of a paragraph: the side its lines start from.
type Dir uint8

const (
	LTR Dir = iota
	RTL
)

// Ellipsis marks text cut to fit.
const Ellipsis = "…"

// BidiMode says who puts right-to-left text in display order.
type BidiMode uint8

const (
	// BidiApp: nashra reorders every line itself (UAX #9), for the terminals
	// most people use, which draw cells left to right and do no bidi.
	BidiApp BidiMode = iota
	// BidiTerminal: text leaves in logical order, for terminals that apply
	// the bidi algorithm themselves and cannot be told not to.
	BidiTerminal
)

// Sequences of the terminal-bidi recommendation (ECMA-48 BDSM, mode 8).
// Explicit mode tells a terminal that implements it (VTE) that the
// application has put text in display order already, so it must not
// reorder again; implicit mode is the default it returns to.
const (
	BidiExplicit = "\x1b[8l"
	BidiImplicit = "\x1b[8h"
)

// Options select how text is prepared for the terminal.
type Options struct {
	Bidi BidiMode
	// Shape turns Arabic letters into their joined presentation forms, for
	// terminals that draw each code point on its own.
	Shape bool
}

// Mode reports the options the Typesetter was made with.
func (t *Typesetter) Mode() Options { return t.opts }

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
	return t.line(t.newParagraph(singleLine(s), lang), width)
}

// Chrome lays out a line of nashra's own interface — header, status bar —
// in exactly width cells. Its direction is the interface's (left to right),
// whatever feed text it quotes; quoted Arabic still reads right to left
// inside it.
func (t *Typesetter) Chrome(s string, width int) string {
	return Pad(t.line(t.newParagraphDir(singleLine(s), "", bidi.LTR), width), width)
}

func (t *Typesetter) line(p paragraph, width int) Line {
	if width <= 0 {
		return Line{Dir: p.dir}
	}
	total := p.width()
	if total <= width {
		return Line{Text: p.visual(0, len(p.clusters), ""), Width: total, Dir: p.dir}
	}
	// Cut in logical order, so what is kept is the beginning of the text
	// whichever way it reads; the ellipsis then goes to the reading end.
	room := width - Width(Ellipsis)
	n, w := 0, 0
	for n < len(p.clusters) && w+p.clusters[n].width <= room {
		w += p.clusters[n].width
		n++
	}
	for n > 0 && p.clusters[n-1].blank() {
		n--
		w -= p.clusters[n].width
	}
	if room < 0 {
		return Line{Dir: p.dir}
	}
	return Line{Text: p.visual(0, n, Ellipsis), Width: w + Width(Ellipsis), Dir: p.dir}
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
