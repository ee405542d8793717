package render

// Properties of Line, Wrap and Row on any input. Run the fuzzers with
//
//	go test -run='^$' -fuzz=FuzzLine -fuzztime=30s ./render/
//	go test -run='^$' -fuzz=FuzzWrap -fuzztime=30s ./render/
//
// Without -fuzz, go test runs them on the seeds below (the corpus and a
// few edge cases) and on anything saved in testdata/fuzz.

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"nashra/render/bidi"
)

// rowFuzzMinWidth is the narrowest row the fuzzers check for exact width.
const rowFuzzMinWidth = 1

// fuzzTypesetter picks the options from a fuzzed byte.
func fuzzTypesetter(mode uint8) *Typesetter {
	switch mode % 3 {
	case 0:
		return New(Options{Bidi: BidiApp, Shape: true})
	case 1:
		return New(Options{Bidi: BidiApp})
	}
	return New(Options{Bidi: BidiTerminal, Shape: true})
}

var fuzzLangs = []string{"", "ar", "ar-EG", "en", "he-IL", "fa", "ur", "ks-Arab", "ja"}

func addFuzzSeeds(f *testing.F) {
	texts := []string{
		"", " ", "…", "a", "ب", "2026", "(", "\u202e", "\u2067", "\u2069", "\u0301", "\u0651ب",
		"  ب  ", "a\u0301\u0301", "ب\u200dب", "ل\u200cا", "\u202eabc", "abc\u202c\u202c", "\u2066\u2067ب",
		"日本語", "👍🏽", "👨\u200d👩\u200d👧", "🇪🇬🇪", "x\ty\nz\r\u2028w", "\x00\x1b[31mred\x1b[0m",
		"\xff\xfe invalid", "ﻻ ﺑﺒﺐ", "لا لا لا لا", strings.Repeat("بب ", 40), strings.Repeat("(", 130),
	}
	for _, c := range loadCorpus(f) {
		texts = append(texts, c.text)
	}
	for i, s := range texts {
		f.Add(s, uint8(i), i*7%130-2, uint8(i))
	}
}

// FuzzLine: Line and Row never panic; a line is at most width cells and
// says how wide it is; its cells are the clusters of the logical text it
// keeps, in some order, mirrored or not, with the ellipsis if it was cut;
// a row is exactly its width.
func FuzzLine(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string, langIdx uint8, width int, mode uint8) {
		ts := fuzzTypesetter(mode)
		lang := fuzzLangs[int(langIdx)%len(fuzzLangs)]
		width = width % 300
		l := ts.Line(s, lang, width)
		p := ts.newParagraph(singleLine(s), lang)
		if l.Dir != p.dir {
			t.Fatalf("Line(%q, %q, %d).Dir = %v, the paragraph's is %v", s, lang, width, l.Dir, p.dir)
		}
		if width <= 0 {
			if l.Text != "" || l.Width != 0 {
				t.Fatalf("Line(%q, %q, %d) = %+v, want nothing", s, lang, width, l)
			}
			return
		}
		if l.Width > width || l.Width != Width(l.Text) {
			t.Fatalf("Line(%q, %q, %d) = %q: Width %d, %d cells", s, lang, width, l.Text, l.Width, Width(l.Text))
		}
		kept, tail := p.clusters, ""
		if p.width() > width {
			kept, tail = p.clusters[:cutPoint(&p, width)], Ellipsis
		}
		checkPermutation(t, ts, "Line", s, l.Text, kept, tail)

		checkRow(t, ts, s, lang, width)

		// Chrome, the interface's own lines, is exactly width too.
		c := ts.Chrome(s, width)
		if Width(c) != width {
			t.Fatalf("Chrome(%q, %d) = %q: %d cells", s, width, c, Width(c))
		}
	})
}

func checkRow(t *testing.T, ts *Typesetter, s, lang string, width int) {
	t.Helper()
	feed := s
	width = rowFuzzMinWidth + (width+300)%150
	row := ts.Row(Row{Marker: "●", Title: s, Lang: lang, Feed: feed, Age: "5m"}, width, RowStyle{})
	if w := Width(row); w != width {
		t.Fatalf("Row(title %q, feed %q, lang %q, %d) = %q: %d cells", s, feed, lang, width, row, w)
	}
	if i := strings.IndexFunc(row, func(r rune) bool { return strings.ContainsRune(sentControls, r) || unicode.IsControl(r) }); i >= 0 {
		t.Fatalf("Row(title %q) = %q sends a control character at byte %d", s, row, i)
	}
}

// FuzzWrap: Wrap never panics; it breaks the paragraph into consecutive
// pieces of its logical text that leave out only spaces, no line starting
// or ending with one; each line is at most width cells unless it is a
// single cluster wider than that; each line's cells are its clusters in
// some order, mirrored or not.
func FuzzWrap(f *testing.F) {
	addFuzzSeeds(f)
	f.Fuzz(func(t *testing.T, s string, langIdx uint8, width int, mode uint8) {
		ts := fuzzTypesetter(mode)
		lang := fuzzLangs[int(langIdx)%len(fuzzLangs)]
		width = width % 130
		lines := ts.Wrap(s, lang, width)
		p := ts.newParagraph(singleLine(s), lang)
		spans := p.breakLines(width)
		if len(lines) == 0 || len(lines) != len(spans) {
			t.Fatalf("Wrap(%q, %q, %d): %d lines, %d spans", s, lang, width, len(lines), len(spans))
		}
		next := 0 // first cluster not yet on a line
		for i, sp := range spans {
			l := lines[i]
			if l.Dir != p.dir {
				t.Fatalf("Wrap(%q, %q, %d) line %d: Dir %v, the paragraph's is %v", s, lang, width, i, l.Dir, p.dir)
			}
			if sp.from < next || sp.to < sp.from {
				t.Fatalf("Wrap(%q, %q, %d): span %d %+v overlaps or runs backwards (next %d)", s, lang, width, i, sp, next)
			}
			for _, c := range p.clusters[next:sp.from] {
				if !c.blank() {
					t.Fatalf("Wrap(%q, %q, %d): cluster %q left out before line %d", s, lang, width, c.text, i)
				}
			}
			line := p.clusters[sp.from:sp.to]
			if len(line) > 0 && (line[0].blank() || line[len(line)-1].blank()) {
				t.Fatalf("Wrap(%q, %q, %d): line %d %q starts or ends with a space", s, lang, width, i, l.Text)
			}
			w := 0
			for _, c := range line {
				w += c.width
			}
			if l.Width != w || l.Width != Width(l.Text) {
				t.Fatalf("Wrap(%q, %q, %d) line %d %q: Width %d, its clusters %d, its text %d cells", s, lang, width, i, l.Text, l.Width, w, Width(l.Text))
			}
			if l.Width > max(width, 1) && len(line) != 1 {
				t.Fatalf("Wrap(%q, %q, %d) line %d %q: %d cells in %d clusters", s, lang, width, i, l.Text, l.Width, len(line))
			}
			checkPermutation(t, ts, "Wrap", s, l.Text, line, "")
			next = sp.to
		}
		for _, c := range p.clusters[next:] {
			if !c.blank() {
				t.Fatalf("Wrap(%q, %q, %d): cluster %q after the last line left out", s, lang, width, c.text)
			}
		}
	})
}

// checkPermutation checks that got, a display line, is made of the
// clusters of the logical line kept, each once and whole, mirrored or not,
// plus tail: the same runes (up to mirroring), and every cluster of
// several runes found as it is. In terminal mode the line must be the
// clusters in logical order.
func checkPermutation(t *testing.T, ts *Typesetter, fn, s, got string, kept []cluster, tail string) {
	t.Helper()
	var logical strings.Builder
	for _, c := range kept {
		logical.WriteString(c.text)
	}
	logical.WriteString(tail)
	if ts.Mode().Bidi == BidiTerminal {
		if got != logical.String() {
			t.Fatalf("%s(%q) in terminal mode = %q, want the logical %q", fn, s, got, logical.String())
		}
		return
	}
	if a, b := mirrorFolded(got), mirrorFolded(logical.String()); !slices.Equal(a, b) {
		t.Fatalf("%s(%q) = %q is not a reordering of %q:\n got %s\nwant %s", fn, s, got, logical.String(),
			codePoints(string(a)), codePoints(string(b)))
	}
	// Each cluster of several runes must be found whole, as many times as
	// it occurs.
	need := map[string]int{}
	for _, c := range kept {
		if utf8.RuneCountInString(c.text) > 1 {
			need[c.text]++
		}
	}
	for c, n := range need {
		found := strings.Count(got, c)
		if m := mirror(c); m != c {
			found += strings.Count(got, m)
		}
		if found < n {
			t.Fatalf("%s(%q) = %q (%s): the cluster %q (%s) is split", fn, s, got, codePoints(got), c, codePoints(c))
		}
	}
}

// mirrorFolded returns the runes of s sorted, each bracket or other
// mirrored sign folded onto the smaller of itself and its mirror image.
func mirrorFolded(s string) []rune {
	rs := []rune(s)
	for i, r := range rs {
		if m, ok := bidi.Mirror(r); ok && m < r {
			rs[i] = m
		}
	}
	slices.Sort(rs)
	return rs
}
