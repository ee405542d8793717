// Package render is the one place that decides how text reaches the
// terminal: how it is measured, cut, ordered and aligned, and how article
// HTML becomes styled lines. The ui package hands it logical strings and
// gets back display lines; right-to-left layout lives entirely in here.
package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"nashra/render/bidi"
	"nashra/sanitize"
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

// Typesetter lays out text for one terminal. It is safe to copy and to use
// from several goroutines at once; the zero value is ready to use. (The
// working storage of a layout comes from a pool, a piece per call, and is
// never shared by two calls at a time: see scratch.)
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
	p := t.lineParagraph(s, lang, bidi.Auto, width)
	out, w := p.appendLine(p.sc.out[:0], width)
	l := Line{Text: string(out), Width: w, Dir: p.dir}
	p.sc.out = out
	p.release()
	return l
}

// Chrome lays out a line of nashra's own interface — header, status bar —
// in exactly width cells. Its direction is the interface's (left to right),
// whatever feed text it quotes; quoted Arabic still reads right to left
// inside it.
func (t *Typesetter) Chrome(s string, width int) string {
	return t.fit(s, "", bidi.LTR, width)
}

// Fit lays out s in exactly width cells: cut like Line, then padded on the
// side opposite to where it starts reading.
func (t *Typesetter) Fit(s, lang string, width int) string {
	return t.fit(s, lang, bidi.Auto, width)
}

// fit is Pad of Line, assembled in one buffer.
func (t *Typesetter) fit(s, lang string, base bidi.Dir, width int) string {
	p := t.lineParagraph(s, lang, base, width)
	out, w := p.appendLine(p.sc.out[:0], width)
	if p.dir == RTL {
		out = padFront(out, width-w) // aligned right: the padding goes first
	} else {
		out = appendSpaces(out, width-w)
	}
	text := string(out)
	p.sc.out = out
	p.release()
	return text
}

// padFront inserts n spaces (none if n <= 0) at the start of b.
func padFront(b []byte, n int) []byte {
	if n <= 0 {
		return b
	}
	b = appendSpaces(b, n)
	copy(b[n:], b[:len(b)-n])
	for i := range n {
		b[i] = ' '
	}
	return b
}

// appendSpaces appends n spaces (none if n <= 0) to b.
func appendSpaces(b []byte, n int) []byte {
	for n > 0 {
		k := min(n, len(blank))
		b = append(b, blank[:k]...)
		n -= k
	}
	return b
}

// layOut appends s laid out as Line lays it out (with the direction base,
// or found from s with bidi.Auto), and returns the width and direction of
// the line.
func (t *Typesetter) layOut(dst []byte, s, lang string, base bidi.Dir, width int) ([]byte, int, Dir) {
	p := t.lineParagraph(s, lang, base, width)
	dst, w := p.appendLine(dst, width)
	dir := p.dir
	p.release()
	return dst, w, dir
}

// appendLine appends p laid out as one display line of at most width cells,
// as Line describes, and returns the line's width. p's clusters must go at
// least as far as lineParagraph(…, width) takes them.
func (p *paragraph) appendLine(dst []byte, width int) ([]byte, int) {
	if width <= 0 {
		return dst, 0
	}
	total := p.width()
	if !p.partial && total <= width {
		return p.appendVisual(dst, 0, len(p.clusters), ""), total
	}
	// Cut in logical order, so what is kept is the beginning of the text
	// whichever way it reads; the ellipsis then goes to the reading end.
	room := width - ellipsisWidth
	if room < 0 {
		return dst, 0
	}
	n, w := 0, 0
	for n < len(p.clusters) && w+p.clusters[n].width <= room {
		w += p.clusters[n].width
		n++
	}
	for n > 0 && p.clusters[n-1].blank() {
		n--
		w -= p.clusters[n].width
	}
	return p.appendVisual(dst, 0, n, Ellipsis), w + ellipsisWidth
}

// ellipsisWidth is Width(Ellipsis): one cell, or two where East Asian
// ambiguous characters are wide.
var ellipsisWidth = Width(Ellipsis)

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

// spaces returns n spaces (none if n <= 0), without allocating for the
// widths of a terminal.
func spaces(n int) string {
	switch {
	case n <= 0:
		return ""
	case n <= len(blank):
		return blank[:n]
	}
	return strings.Repeat(" ", n)
}

const blank = "                                                                                                                                "

// singleLine folds a field meant for one line (a title, a feed name) into
// one: runs of white space, line breaks included, become one space, and
// control characters are dropped so they cannot act on the terminal.
func singleLine(s string) string {
	if isSingleLine(s) {
		return s
	}
	if hasEscapes(s) {
		s = sanitize.Line(s) // a whole escape sequence goes, not just its ESC
	}
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

// isSingleLine reports whether singleLine(s) is s: valid UTF-8 with no
// control character, and no white space but single spaces between words.
func isSingleLine(s string) bool {
	space := true // at the start, as after a space: none may come
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			switch {
			case b == ' ':
				if space {
					return false
				}
				space = true
			case b < 0x20 || b == 0x7f:
				return false
			default:
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || unicode.IsSpace(r) || unicode.IsControl(r) {
			return false
		}
		space = false
		i += size
	}
	return !space || s == ""
}
