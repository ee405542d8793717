package render

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"nashra/render/bidi"
	"nashra/render/shape"
	"nashra/sanitize"
)

// paragraph is one paragraph (a headline, an article paragraph) prepared
// for display once: its direction and bidi levels resolved over the whole
// paragraph, Arabic shaped in logical order, and cut into grapheme clusters
// — the units that are measured, wrapped and reordered.
type paragraph struct {
	bidi     *bidi.Paragraph // nil in terminal mode: text stays logical
	clusters []cluster       // in logical order
	partial  bool            // clusters stop short of the end of the text (see lineParagraph)
	dir      Dir
	sc       *scratch // the storage of all of the above; nil once released
}

// cluster is one grapheme cluster as it will be drawn.
type cluster struct {
	text   string // display form: shaped, explicit formatting characters removed
	start  int    // index of its first rune in the paragraph's logical text
	end    int    // one past its last rune
	width  int    // terminal cells
	space  bool   // white space: a place to break a line
	mirror bool   // its first rune has a mirrored glyph, for rule L4
}

// scratch is the working storage of one paragraph's layout: its runes,
// levels, shaping, clusters and the line being assembled. Laying out a
// headline needs a dozen slices; taking them from a pool instead of the
// heap is most of what makes a line cheap.
//
// A scratch belongs to one paragraph at a time, and a paragraph to one
// goroutine, so a Typesetter stays free of state and can be used from
// several goroutines at once. Whoever makes a paragraph releases it once
// the strings it returns are built; a paragraph that is not released, as
// in the tests, is simply collected with its scratch. No string ever
// points into a scratch: the display text is copied out of out, and the
// clusters' texts are pieces of immutable strings (the shaped text, or
// the table of the fast path), so nothing changes under a caller when the
// scratch is reused.
type scratch struct {
	runes    []rune
	para     bidi.Paragraph
	levels   []bidi.Level // the paragraph's, for shaping
	shaper   shape.Shaper
	text     []byte // the shaped text, UTF-8
	clusters []cluster
	lineLv   []bidi.Level // LineLevels of the line being laid out
	order    []int        // its clusters in display order, and their levels:
	orderLv  []bidi.Level
	spans    []span // the lines of a wrapped paragraph
	ends     []int  // where each ends in out
	out      []byte // the display text being assembled
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledRunes bounds the paragraphs whose scratch goes back to the pool,
// so that one huge paragraph does not pin its storage for good.
const maxPooledRunes = 16 << 10

// release returns the paragraph's storage to the pool. p and its clusters
// must not be used afterwards.
func (p *paragraph) release() {
	sc := p.sc
	*p = paragraph{dir: p.dir}
	if sc == nil || cap(sc.runes) > maxPooledRunes || cap(sc.out) > 8*maxPooledRunes {
		return
	}
	// The clusters keep their strings until the scratch is reused, or
	// the pool is emptied at a garbage collection.
	scratchPool.Put(sc)
}

// newParagraph prepares s, which must hold no line breaks. lang is the
// language of the text's source, the fallback for its direction.
func (t *Typesetter) newParagraph(s, lang string) paragraph {
	return t.newParagraphDir(s, lang, bidi.Auto)
}

// newParagraphDir is newParagraph with the paragraph direction forced to
// LTR or RTL, or found from the text with Auto. s is folded as singleLine
// does, so a caller need not fold it first.
func (t *Typesetter) newParagraphDir(s, lang string, base bidi.Dir) paragraph {
	return t.lineParagraph(s, lang, base, -1)
}

// lineParagraph is newParagraphDir for laying out one line of width cells
// (width < 0: no limit): the clusters go only as far as the first that
// takes them past width cells, which is all appendLine looks at. Levels
// and shaping still cover the whole text, which they need as context.
func (t *Typesetter) lineParagraph(s, lang string, base bidi.Dir, width int) paragraph {
	sc := scratchPool.Get().(*scratch)
	if hasEscapes(s) {
		// Text that did not come through feed.Parse (an old database, a
		// configured title) may still hold an escape sequence; dropping
		// only its ESC would print the rest ("]0;…") as text.
		s = sanitize.Line(s)
	}
	sc.runes = appendFolded(sc.runes[:0], s)
	runes := sc.runes
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
	p := paragraph{dir: LTR, sc: sc}
	if d == bidi.RTL {
		p.dir = RTL
	}
	if t.opts.Bidi == BidiTerminal {
		p.clusters, p.partial = sc.clusterize(runes, runes, nil, width)
		return p
	}
	sc.para.Reset(runes, d)
	p.bidi = &sc.para
	shaped, src := runes, []int(nil)
	if t.opts.Shape {
		sc.levels = sc.para.AppendLevels(sc.levels[:0])
		shaped, src = sc.shaper.RunesAt(runes, sc.levels)
	}
	p.clusters, p.partial = sc.clusterize(runes, shaped, src, width)
	return p
}

// hasEscapes reports whether s holds an ESC or a C1 control (U+0080–U+009F,
// among them the 8-bit CSI), which may start an escape sequence.
func hasEscapes(s string) bool {
	for i := 0; i < len(s); i++ {
		if b := s[i]; b == 0x1b || (b == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f) {
			return true
		}
	}
	return false
}

// appendFolded appends the runes of s folded as singleLine folds them.
func appendFolded(dst []rune, s string) []rune {
	dst = slices.Grow(dst, len(s)) // room for a rune per byte: no more growing
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r < utf8.RuneSelf {
			switch {
			case r == ' ' || ('\t' <= r && r <= '\r'):
				space = len(dst) > start
				i++
				continue
			case r < 0x20 || r == 0x7f:
				i++
				continue
			}
		} else {
			if c := s[i]; c >= 0xc2 && c < 0xe0 && i+1 < len(s) && s[i+1]&0xc0 == 0x80 {
				// Two bytes, as Arabic and Hebrew letters take: decoded
				// here, the most common case of all.
				r, size = rune(c&0x1f)<<6|rune(s[i+1]&0x3f), 2
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
			// Outside Latin-1, white space starts at U+1680 and no
			// rune is a control: most letters need no table.
			if r < 0xa1 || r >= 0x1680 {
				switch {
				case unicode.IsSpace(r):
					space = len(dst) > start
					i += size
					continue
				case unicode.IsControl(r):
					i += size
					continue
				}
			}
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, r)
		i += size
	}
	return dst
}

// clusterize cuts shaped into grapheme clusters, into the scratch's
// storage. src maps each shaped rune to its index in the logical runes
// (nil: one to one). With upTo >= 0 it stops after the cluster that takes
// the clusters' width past upTo cells, and says whether it did.
//
// The segmentation and widths are those of ansi.FirstGraphemeCluster, as
// lipgloss and bubbletea use, so that our arithmetic and theirs agree cell
// for cell. Asking it for every cluster is most of the cost of a line,
// though, and text in the scripts nashra is about is nearly all made of
// clusters that are one letter, digit, space or sign followed by nothing
// or by combining marks: those are cut here from a table (see fastKind)
// that is checked against ansi rune by rune, and only the rest — emoji,
// joiners, CJK, controls... — goes to ansi.
func (sc *scratch) clusterize(runes, shaped []rune, src []int, upTo int) (clusters []cluster, partial bool) {
	ft := fastTables()
	// The clusters' texts are pieces of shaped as a string, made when
	// first needed: a cluster of one rune of the table takes its text from
	// the table instead, which spares text like a headline of plain
	// letters making one at all.
	text, haveText := "", false
	clusters = slices.Grow(sc.clusters[:0], len(shaped))[:len(shaped)]
	nc, w := 0, 0  // clusters so far, and their width
	i, off := 0, 0 // the cluster's first rune in shaped, and its byte offset in text
	var k uint8    // the table's entry for shaped[i]
	if len(shaped) > 0 {
		k = ft.entry(shaped[0])
	}
	for i < len(shaped) {
		c := &clusters[nc]
		nc++
		n, size := 0, 0         // the cluster's length in runes and bytes
		next := uint8(kindBase) // the kind of the rune after it; the end breaks like a base
		if k&kindBits >= kindBase {
			n, size = 1, runeLen(shaped[i])
			for i+n < len(shaped) {
				if next = ft.entry(shaped[i+n]); next&kindBits != kindMark {
					break
				}
				size += runeLen(shaped[i+n])
				n++
				next = kindBase
			}
			if next&kindBits >= kindBase {
				if n == 1 {
					c.text = ft.runeText(shaped[i])
				} else {
					if !haveText {
						text, haveText = sc.shapedText(shaped), true
					}
					c.text = text[off : off+size]
				}
				c.width = int(k&kindBits - kindBase)
				c.space = n == 1 && k&kindSpace != 0
				c.mirror = k&kindMirrored != 0
			} else {
				n = 0 // what follows may join the cluster: ask ansi
			}
		}
		if n == 0 {
			if !haveText {
				text, haveText = sc.shapedText(shaped), true
			}
			g, _ := ansi.FirstGraphemeCluster(text[off:], ansi.GraphemeWidth)
			n, size = utf8.RuneCountInString(g), len(g)
			c.text = visible(g)
			c.width = Width(c.text)
			c.space = c.text == " " || c.text == "\u00a0" || c.text == "\u3000"
			r, _ := utf8.DecodeRuneInString(c.text)
			_, c.mirror = bidi.Mirror(r)
			if i+n < len(shaped) {
				next = ft.entry(shaped[i+n])
			}
		}
		c.start, c.end = i, len(runes)
		if src != nil {
			c.start = src[i]
		}
		if i+n < len(shaped) {
			c.end = i + n
			if src != nil {
				c.end = src[i+n]
			}
		}
		i += n
		off += size
		k = next
		if w += c.width; upTo >= 0 && w > upTo && i < len(shaped) {
			partial = true
			break
		}
	}
	sc.clusters = clusters[:nc]
	return sc.clusters, partial
}

// runeLen is utf8.RuneLen for a rune of the table (or any valid rune).
func runeLen(r rune) int {
	n := 1
	if r >= 0x80 {
		n++
	}
	if r >= 0x800 {
		n++
	}
	if r >= 0x10000 {
		n++
	}
	return n
}

// shapedText returns shaped as a string.
func (sc *scratch) shapedText(shaped []rune) string {
	sc.text = appendUTF8(sc.text[:0], shaped)
	return string(sc.text)
}

// appendUTF8 appends the UTF-8 encoding of runes to b.
func appendUTF8(b []byte, runes []rune) []byte {
	b = slices.Grow(b, 3*len(runes)) // all of the BMP fits
	for _, r := range runes {
		switch {
		case r < 0x80:
			b = append(b, byte(r))
		case r < 0x800:
			b = append(b, 0xc0|byte(r>>6), 0x80|byte(r)&0x3f)
		case r < 0xd800 || (0xe000 <= r && r < 0x10000):
			b = append(b, 0xe0|byte(r>>12), 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// isSpaceCluster reports whether a cluster of the one rune r is white
// space to break a line at.
func isSpaceCluster(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u3000'
}

// The fast path of clusterize sorts runes into kinds. A table entry holds
// the kind in its low bits — for a base, kindBase plus its width in cells —
// kindMirrored for a base that rule L4 mirrors, kindSpace for one that is
// white space to break lines at.
const (
	kindOther = iota // anything the table does not vouch for: ask ansi
	kindMark         // a combining mark that joins the cluster before it and adds no cell
	kindBase         // a cluster of its own, unless marks follow it

	kindBits     = 0x07
	kindSpace    = 0x40
	kindMirrored = 0x80
)

// fastTable gives the kind of the runes of the blocks where nearly all of
// the text of Arabic, Hebrew and Latin news lies — U+0000–U+08FF (Latin to
// Arabic Extended-A), U+2000–U+20FF (punctuation, currency) and
// U+FB00–U+FEFF (presentation forms) — and their text. Entries cover the
// whole BMP, so that a lookup is one load; runes outside the blocks are
// kindOther.
type fastTable struct {
	entries [0x10000]uint8
	text    string        // the UTF-8 of every rune of the blocks, 3 bytes apart
	block   [0x100]uint16 // the offset in text of each block of 256 runes
}

func (ft *fastTable) entry(r rune) uint8 {
	if uint32(r) < uint32(len(ft.entries)) {
		return ft.entries[r]
	}
	return kindOther
}

// runeText returns string(r) for a rune of the table, without allocating.
func (ft *fastTable) runeText(r rune) string {
	i := int(ft.block[r>>8&0xff]) + 3*int(r&0xff)
	return ft.text[i : i+runeLen(r)]
}

// fastTables builds the table on first use. The widths come from Width
// itself, so they follow ansi wherever it takes them from (East Asian
// ambiguous characters are two cells with RUNEWIDTH_EASTASIAN=1).
var fastTables = sync.OnceValue(func() *fastTable {
	ft := new(fastTable)
	var text []byte
	for _, block := range [...]struct{ lo, hi rune }{{0, 0x0900}, {0x2000, 0x2100}, {0xfb00, 0xff00}} {
		for r := block.lo; r < block.hi; r++ {
			e := fastKind(r)
			if e >= kindBase {
				if _, ok := bidi.Mirror(r); ok {
					e |= kindMirrored
				}
				if isSpaceCluster(r) {
					e |= kindSpace
				}
			}
			ft.entries[r] = e
			if r&0xff == 0 {
				ft.block[r>>8] = uint16(len(text))
			}
			text = append(utf8.AppendRune(text, r), "\x00\x00"...)[:len(text)+3]
		}
	}
	ft.text = string(text)
	return ft
})

// fastKind classifies r for the table. A base is a character of Grapheme
// Cluster Break property Other, so that the rules of UAX #29 break before
// and after it unless an Extend character follows; a mark is an Extend
// character that no rule but "do not break before Extend" concerns. The
// general category tells them apart except for the few characters below;
// TestFastTableAgreesWithAnsi checks every entry against ansi.
func fastKind(r rune) uint8 {
	switch {
	case invisible(r) || bidi.IsRemovedByX9(r):
		// visible drops these, which changes the cluster's text.
	case r == 0x00a9 || r == 0x00ae || r == 0x203c || r == 0x2049:
		// Extended_Pictographic: ©, ®, ‼ and ⁉ start emoji sequences.
	case 0xfe00 <= r && r <= 0xfe0f:
		// Variation selectors: VS16 makes the cluster before it wide.
	case unicode.In(r, unicode.Mn, unicode.Me):
		return kindMark
	case unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S, unicode.Zs):
		if w := Width(string(r)); w <= 2 {
			return kindBase + uint8(w)
		}
	}
	return kindOther
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

// appendVisual appends the clusters [from, to) — one display line of the
// paragraph — in display order, with tail (an ellipsis) at the line's
// logical end. Levels are the paragraph's, with rule L1 applied to this
// line only.
func (p *paragraph) appendVisual(dst []byte, from, to int, tail string) []byte {
	line := p.clusters[from:to]
	if p.bidi == nil || len(line) == 0 {
		for _, c := range line {
			dst = append(dst, c.text...)
		}
		return append(dst, tail...)
	}
	sc := p.sc
	start, end := line[0].start, line[len(line)-1].end
	sc.lineLv = p.bidi.AppendLineLevels(sc.lineLv[:0], start, end)
	if l, ok := uniform(sc.lineLv); ok && (tail == "" || l == p.bidi.Level()) {
		// One level, as in a line all in one script: no need to work the
		// order out. Rule L2 reverses it all at an odd level.
		if !l.IsRTL() {
			for _, c := range line {
				dst = append(dst, c.text...)
			}
			return append(dst, tail...)
		}
		dst = append(dst, tail...)
		for i := len(line) - 1; i >= 0; i-- {
			if line[i].mirror {
				dst = appendMirrored(dst, line[i].text)
			} else {
				dst = append(dst, line[i].text...)
			}
		}
		return dst
	}
	levels := sc.orderLv[:0]
	for _, c := range line {
		levels = append(levels, sc.lineLv[c.start-start])
	}
	if tail != "" {
		// The ellipsis stands where the text would have gone on: at the
		// paragraph's reading end.
		levels = append(levels, p.bidi.Level())
	}
	sc.orderLv = levels
	sc.order = bidi.AppendReorder(sc.order[:0], levels)
	for _, i := range sc.order {
		if i == len(line) {
			dst = append(dst, tail...)
			continue
		}
		if levels[i].IsRTL() && line[i].mirror {
			dst = appendMirrored(dst, line[i].text)
		} else {
			dst = append(dst, line[i].text...)
		}
	}
	return dst
}

// uniform reports whether all levels are the same, and which.
func uniform(levels []bidi.Level) (bidi.Level, bool) {
	if len(levels) == 0 {
		return 0, false
	}
	l := levels[0]
	for _, m := range levels[1:] {
		if m != l {
			return 0, false
		}
	}
	return l, true
}

// appendMirrored appends the cluster c as mirror would make it.
func appendMirrored(dst []byte, c string) []byte {
	r, size := utf8.DecodeRuneInString(c)
	if m, ok := bidi.Mirror(r); ok {
		return append(utf8.AppendRune(dst, m), c[size:]...)
	}
	return append(dst, c...)
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
