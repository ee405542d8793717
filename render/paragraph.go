package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"nashra/render/bidi"
	"nashra/render/shape"
)

// paragraph is one paragraph (a headline, an article paragraph) prepared
// for display once: its direction and bidi levels resolved over the whole
// paragraph, Arabic shaped in logical order, and cut into grapheme clusters
// — the units that are measured, wrapped and reordered.
type paragraph struct {
	bidi     *bidi.Paragraph // nil in terminal mode: text stays logical
	clusters []cluster       // in logical order
	dir      Dir
}

// cluster is one grapheme cluster as it will be drawn.
type cluster struct {
	text  string // display form: shaped, explicit formatting characters removed
	start int    // index of its first rune in the paragraph's logical text
	end   int    // one past its last rune
	width int    // terminal cells
	space bool   // white space: a place to break a line
}

// newParagraph prepares s, which must hold no line breaks. lang is the
// language of the text's source, the fallback for its direction.
func (t *Typesetter) newParagraph(s, lang string) paragraph {
	return t.newParagraphDir(s, lang, bidi.Auto)
}

// newParagraphDir is newParagraph with the paragraph direction forced to
// LTR or RTL, or found from the text with Auto.
func (t *Typesetter) newParagraphDir(s, lang string, base bidi.Dir) paragraph {
	runes := []rune(s)
	d := base
	if d == bidi.Auto {
		var found bool
		d, found = bidi.Direction(runes)
		if !found {
			d = bidi.LTR
			if langIsRTL(lang) {
				d = bidi.RTL
			}
		}
	}
	p := paragraph{dir: LTR}
	if d == bidi.RTL {
		p.dir = RTL
	}
	if t.opts.Bidi == BidiTerminal {
		p.clusters = clusterize(runes, runes, nil)
		return p
	}
	p.bidi = bidi.NewParagraph(runes, d)
	shaped, src := runes, []int(nil)
	if t.opts.Shape {
		levels := p.bidi.Levels()
		lv := make([]uint8, len(levels))
		for i, l := range levels {
			lv[i] = uint8(l)
		}
		shaped, src = shape.Runes(runes, lv)
	}
	p.clusters = clusterize(runes, shaped, src)
	return p
}

// clusterize cuts shaped into grapheme clusters. src maps each shaped rune
// to its index in the logical runes (nil: one to one).
func clusterize(runes, shaped []rune, src []int) []cluster {
	text := string(shaped)
	clusters := make([]cluster, 0, len(shaped))
	i := 0 // index in shaped of the cluster's first rune
	for len(text) > 0 {
		// The same segmentation and widths as lipgloss and bubbletea use,
		// so that our arithmetic and theirs agree cell for cell.
		c, _ := ansi.FirstGraphemeCluster(text, ansi.GraphemeWidth)
		text = text[len(c):]
		n := utf8.RuneCountInString(c)
		start := i
		if src != nil {
			start = src[i]
		}
		end := len(runes)
		if i+n < len(shaped) {
			end = i + n
			if src != nil {
				end = src[i+n]
			}
		}
		shown := visible(c)
		clusters = append(clusters, cluster{
			text:  shown,
			start: start,
			end:   end,
			width: Width(shown),
			space: shown == " " || shown == "\u00a0" || shown == "\u3000",
		})
		i += n
	}
	return clusters
}

// visible drops the characters of a cluster that a terminal must not
// receive: explicit bidi formatting (embeddings, overrides, isolates,
// marks), and in Arabic-script clusters the joiners whose work shaping has
// done. Terminals draw them as boxes or glue them onto a neighbouring cell,
// which shifts every cell after them. Joiners elsewhere stay: they hold an
// emoji sequence such as a family together as one picture.
func visible(c string) string {
	first, _ := utf8.DecodeRuneInString(c)
	if extendsPrevious(first) {
		// A mark with no letter before it (a field that starts with one):
		// the terminal would put it on whatever cell precedes the field.
		return ""
	}
	if !strings.ContainsFunc(c, invisible) {
		return c
	}
	keepZWJ := !isArabicScript(first) && !unicode.IsSpace(first) && !invisible(first)
	runes := []rune(c)
	var b strings.Builder
	for i, r := range runes {
		// A ZWJ between two pictures of one cluster holds them together;
		// any other formatting character goes.
		if invisible(r) && !(r == '\u200d' && keepZWJ && i+1 < len(runes) && !invisible(runes[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// extendsPrevious reports whether r joins the character before it into
// one grapheme cluster (combining marks, emoji skin tones, tags): starting
// a cluster, it has no letter of its own to stand on.
func extendsPrevious(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) ||
		(r >= 0x1f3fb && r <= 0x1f3ff) || r == 0xff9e || r == 0xff9f ||
		(r >= 0xe0020 && r <= 0xe007f)
}

func isArabicScript(r rune) bool {
	return unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Syriac, r) || unicode.Is(unicode.Nko, r)
}

// blank reports whether a cluster shows nothing but space, or nothing at
// all once formatting characters are gone: such clusters never start or
// end a line.
func (c cluster) blank() bool {
	return c.space || c.text == ""
}

func invisible(r rune) bool {
	switch r {
	case '\u200e', '\u200f', '\u061c', // LRM, RLM, ALM
		'\u2066', '\u2067', '\u2068', '\u2069', // LRI, RLI, FSI, PDI
		'\ufeff', // BOM / zero width no-break space
		// Prepended concatenation marks (the Arabic number signs and
		// their kin) span the digits after them in logical order; once a
		// line is reordered they would land on the wrong side, and
		// terminals cannot draw them spanning anyway.
		'\u0600', '\u0601', '\u0602', '\u0603', '\u0604', '\u0605',
		'\u06dd', '\u070f', '\u0890', '\u0891', '\u08e2', '\U000110bd', '\U000110cd':
		return true
	}
	return bidi.IsRemovedByX9(r)
}

// width is the paragraph's width in cells, on one line.
func (p *paragraph) width() int {
	w := 0
	for _, c := range p.clusters {
		w += c.width
	}
	return w
}

// visual lays out the clusters [from, to) — one display line of the
// paragraph — in display order, with tail (an ellipsis) appended at the
// line's logical end. Levels are the paragraph's, with rule L1 applied to
// this line only.
func (p *paragraph) visual(from, to int, tail string) string {
	line := p.clusters[from:to]
	if p.bidi == nil || len(line) == 0 {
		var b strings.Builder
		for _, c := range line {
			b.WriteString(c.text)
		}
		return b.String() + tail
	}
	start, end := line[0].start, line[len(line)-1].end
	runeLevels := p.bidi.LineLevels(start, end)
	n := len(line)
	if tail != "" {
		n++
	}
	levels := make([]bidi.Level, n)
	for i, c := range line {
		levels[i] = runeLevels[c.start-start]
	}
	if tail != "" {
		// The ellipsis stands where the text would have gone on: at the
		// paragraph's reading end.
		levels[n-1] = p.bidi.Level()
	}
	var b strings.Builder
	for _, i := range bidi.Reorder(levels) {
		if i == len(line) {
			b.WriteString(tail)
			continue
		}
		c := line[i].text
		if levels[i].IsRTL() {
			c = mirror(c)
		}
		b.WriteString(c)
	}
	return b.String()
}

// mirror applies rule L4 to a cluster drawn right to left: brackets and
// other paired signs take their mirrored glyph.
func mirror(c string) string {
	r, size := utf8.DecodeRuneInString(c)
	if m, ok := bidi.Mirror(r); ok {
		return string(m) + c[size:]
	}
	return c
}

// langIsRTL reports whether a BCP 47 tag names a language written right to
// left: used for text with no strong character of its own.
func langIsRTL(tag string) bool {
	tag = strings.ToLower(strings.TrimSpace(tag))
	base, _, _ := strings.Cut(strings.ReplaceAll(tag, "_", "-"), "-")
	switch base {
	case "ar", "fa", "he", "iw", "ur", "ps", "yi", "ji", "dv", "ckb", "sd", "ug", "syr", "arc", "ku-arab":
		return true
	}
	// A script subtag can say it even for a language that is usually LTR
	// (e.g. "ks-Arab", "pa-Arab").
	for _, sub := range strings.Split(tag, "-")[1:] {
		switch sub {
		case "arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg":
			return true
		}
	}
	return false
}
