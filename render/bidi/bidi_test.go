package bidi

import (
	"slices"
	"testing"
)

// visual lays out text[start:end] of p left to right, one rune per item,
// with X9-removed runes dropped and mirroring applied at odd levels: what a
// terminal would be sent.
func visual(p *Paragraph, text []rune, start, end int) string {
	levels := p.LineLevels(start, end)
	var out []rune
	for _, i := range Reorder(levels) {
		r := text[start+i]
		if IsRemovedByX9(r) {
			continue
		}
		if levels[i].IsRTL() {
			if m, ok := Mirror(r); ok {
				r = m
			}
		}
		out = append(out, r)
	}
	return string(out)
}

func TestMirror(t *testing.T) {
	pairs := []struct{ a, b rune }{
		{'(', ')'}, {'[', ']'}, {'{', '}'}, {'<', '>'},
		{'«', '»'}, {'‹', '›'}, {'\u2329', '\u232A'}, {'\u3008', '\u3009'},
		{'\u2264', '\u2265'}, // ≤ ≥
	}
	for _, p := range pairs {
		if m, ok := Mirror(p.a); !ok || m != p.b {
			t.Errorf("Mirror(%q) = %q, %t; want %q, true", p.a, m, ok, p.b)
		}
		if m, ok := Mirror(p.b); !ok || m != p.a {
			t.Errorf("Mirror(%q) = %q, %t; want %q, true", p.b, m, ok, p.a)
		}
	}
	for _, r := range []rune{'a', 'ا', '"', '/', '\u2211' /* ∑: mirrored, no counterpart */, 0x10FFFF, -1} {
		if m, ok := Mirror(r); ok || m != r {
			t.Errorf("Mirror(%q) = %q, %t; want itself, false", r, m, ok)
		}
	}
}

func TestClassOf(t *testing.T) {
	tests := []struct {
		r    rune
		want Class
	}{
		{'a', L}, {'א', R}, {'ا', AL}, {'1', EN}, {'٣', AN}, {'۳', EN},
		{'+', ES}, {'%', ET}, {',', CS}, {'\u064E', NSM}, {'\u200D', BN},
		{'\n', B}, {'\u2029', B}, {'\t', S}, {' ', WS}, {'(', ON},
		{'\u202A', LRE}, {'\u202D', LRO}, {'\u202B', RLE}, {'\u202E', RLO},
		{'\u202C', PDF}, {'\u2066', LRI}, {'\u2067', RLI}, {'\u2068', FSI},
		{'\u2069', PDI}, {'\uFFFD', ON},
		// Unassigned code points take the block defaults of
		// DerivedBidiClass.txt, not L.
		{0x05FF, R}, {0x07BB, AL}, {0x20CF, ET}, {0xFDD0, BN}, {0x1EEFF, AL},
		{0x0378, L}, {0x10FFFF, BN}, {0x110000, L}, {-1, L},
	}
	for _, tt := range tests {
		if got := ClassOf(tt.r); got != tt.want {
			t.Errorf("ClassOf(%U) = %v, want %v", tt.r, got, tt.want)
		}
	}
	if UnicodeVersion != "17.0.0" {
		t.Errorf("UnicodeVersion = %q", UnicodeVersion)
	}
}

func TestIsRemovedByX9(t *testing.T) {
	for _, r := range []rune{'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u200D', '\u200C', '\u00AD', '\u2060', 0} {
		if !IsRemovedByX9(r) {
			t.Errorf("IsRemovedByX9(%U) = false", r)
		}
	}
	for _, r := range []rune{'a', 'ا', ' ', '\u2066', '\u2067', '\u2068', '\u2069', '\u200F', '\u061C', '\n'} {
		if IsRemovedByX9(r) {
			t.Errorf("IsRemovedByX9(%U) = true", r)
		}
	}
}

func TestDirection(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  Dir
		found bool
	}{
		{"empty", "", LTR, false},
		{"latin", "abc", LTR, true},
		{"hebrew", "שלום", RTL, true},
		{"arabic after digits", "2026 رمضان", RTL, true},
		{"neutrals only", "123 + 456!", LTR, false},
		{"RLI isolate skipped", "\u2067שלום\u2069 abc", LTR, true},
		{"LRI isolate skipped", "\u2066abc\u2069 שלום", RTL, true},
		{"FSI isolate skipped", "\u2068abc\u2069 ب", RTL, true},
		{"nested isolates skipped", "\u2066\u2067א\u2069ב\u2069c", LTR, true},
		{"unmatched initiator hides the rest", "12 \u2068abc", LTR, false},
		{"stray PDI ignored", "\u2069abc", LTR, true},
		{"embeddings are not skipped", "\u202Babc\u202C", LTR, true},
		{"stops at paragraph separator", "123\u2029שלום", LTR, false},
	}
	for _, tt := range tests {
		text := []rune(tt.text)
		d, found := Direction(text)
		if d != tt.want || found != tt.found {
			t.Errorf("%s: Direction(%q) = %v, %t; want %v, %t", tt.name, tt.text, d, found, tt.want, tt.found)
		}
		// The paragraph's own P2–P3 agrees.
		if p := NewParagraph(text, Auto); p.Dir() != tt.want {
			t.Errorf("%s: NewParagraph(%q, Auto).Dir() = %v, want %v", tt.name, tt.text, p.Dir(), tt.want)
		}
	}
}

func TestParagraphLevels(t *testing.T) {
	text := []rune("abc אבג (123)")
	p := NewParagraph(text, Auto)
	if p.Dir() != LTR || p.Level() != 0 || p.Len() != len(text) {
		t.Fatalf("Dir %v, Level %d, Len %d", p.Dir(), p.Level(), p.Len())
	}
	want := []Level{0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 1}
	if got := p.Levels(); !slices.Equal(got, want) {
		t.Errorf("Levels() = %v, want %v", got, want)
	}
	if got, want := visual(p, text, 0, len(text)), "abc (123) גבא"; got != want {
		t.Errorf("visual = %q, want %q", got, want)
	}
	// Levels returns a copy.
	p.Levels()[0] = 9
	if p.Levels()[0] != 0 {
		t.Error("Levels() exposes the paragraph's storage")
	}
}

// TestLineLevelsWrapped wraps a right-to-left paragraph ending in a phone
// number so that the second line is digits only. Resolved on its own, that
// line would have no strong character, come out left to right and read
// "456 789"; within its paragraph the digits follow Arabic letters (W2 makes
// them Arabic numbers) and the groups run right to left like the rest.
func TestLineLevelsWrapped(t *testing.T) {
	text := []rune("اتصلوا بنا على 0123 456 789")
	p := NewParagraph(text, Auto)
	if p.Dir() != RTL {
		t.Fatalf("paragraph direction %v, want RTL", p.Dir())
	}
	br := len([]rune("اتصلوا بنا على 0123 "))

	line1 := p.LineLevels(0, br)
	want1 := []Level{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 1}
	if !slices.Equal(line1, want1) {
		t.Errorf("line 1 levels %v, want %v", line1, want1)
	}
	if got, want := visual(p, text, 0, br), " 0123 ىلع انب اولصتا"; got != want {
		t.Errorf("line 1 visual %q, want %q", got, want)
	}

	line2 := p.LineLevels(br, len(text))
	if want := []Level{2, 2, 2, 1, 2, 2, 2}; !slices.Equal(line2, want) {
		t.Errorf("line 2 levels %v, want %v", line2, want)
	}
	if got, want := visual(p, text, br, len(text)), "789 456"; got != want {
		t.Errorf("line 2 visual %q, want %q", got, want)
	}

	// What recomputing the line would have given instead.
	alone := NewParagraph(text[br:], Auto)
	if got := visual(alone, text[br:], 0, alone.Len()); got != "456 789" {
		t.Errorf("line 2 resolved alone: %q", got)
	}
}

// TestLineLevelsTrailingWhitespace checks L1 at a line break inside a
// paragraph: the space after an Arabic word is at the Arabic level in the
// paragraph, but at the end of a line it goes back to the paragraph level,
// so that it stays at the line's end instead of moving into the RTL run.
func TestLineLevelsTrailingWhitespace(t *testing.T) {
	text := []rune("Hello مرحبا بكم world")
	p := NewParagraph(text, Auto)
	br := len([]rune("Hello مرحبا "))
	if l := p.Levels()[br-1]; l != 1 {
		t.Fatalf("space between Arabic words at level %d, want 1", l)
	}
	line := p.LineLevels(0, br)
	if l := line[br-1]; l != 0 {
		t.Errorf("trailing space at level %d, want 0", l)
	}
	if got, want := visual(p, text, 0, br), "Hello ابحرم "; got != want {
		t.Errorf("line 1 visual %q, want %q", got, want)
	}
	if got, want := visual(p, text, br, len(text)), "مكب world"; got != want {
		t.Errorf("line 2 visual %q, want %q", got, want)
	}

	// Separators and whitespace before them reset too, mid-line.
	text = []rune("אב \t\u2067גד")
	p = NewParagraph(text, LTR)
	if got, want := p.LineLevels(0, len(text)), []Level{1, 1, 0, 0, 0, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("levels around a tab %v, want %v", got, want)
	}
}

// TestBracketsAcrossLines: N0 pairs brackets over the whole paragraph, so a
// pair split by a line break still resolves as a pair. In a left-to-right
// paragraph, "(...)" around Arabic after Arabic is right to left; resolved
// alone, the second line's ")" would be between a neutral start and "abc",
// and left to right.
func TestBracketsAcrossLines(t *testing.T) {
	text := []rune("أب (ولكن) abc")
	p := NewParagraph(text, LTR)
	br := len([]rune("أب (ولكن"))
	if got, want := p.LineLevels(br, len(text)), []Level{1, 0, 0, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("line 2 levels %v, want %v", got, want)
	}
	if l := NewParagraph(text[br:], LTR).Levels()[0]; l != 0 {
		t.Errorf(") resolved alone at level %d, want 0", l)
	}
	// Mirrored in the RTL run: "(" is drawn as ")" at its left end, and
	// the ")" on the next line, at the left too, as "(".
	if got, want := visual(p, text, 0, br), "نكلو) بأ"; got != want {
		t.Errorf("line 1 visual %q, want %q", got, want)
	}
	if got, want := visual(p, text, br, len(text)), "( abc"; got != want {
		t.Errorf("line 2 visual %q, want %q", got, want)
	}
	if got, want := visual(p, text, 0, len(text)), "(نكلو) بأ abc"; got != want {
		t.Errorf("one line visual %q, want %q", got, want)
	}
}

func TestReorderClusters(t *testing.T) {
	// Three clusters of a letter and a fatha; reordering clusters keeps
	// each mark after its letter.
	text := []rune("كَتَبَ")
	p := NewParagraph(text, Auto)
	levels := p.LineLevels(0, len(text))
	var clusters [][]rune
	var clusterLevels []Level
	for i, r := range text {
		if ClassOf(r) == NSM && len(clusters) > 0 {
			clusters[len(clusters)-1] = append(clusters[len(clusters)-1], r)
			continue
		}
		clusters = append(clusters, []rune{r})
		clusterLevels = append(clusterLevels, levels[i])
	}
	var out []rune
	for _, i := range Reorder(clusterLevels) {
		out = append(out, clusters[i]...)
	}
	if got, want := string(out), "بَتَكَ"; got != want {
		t.Errorf("visual %q, want %q", got, want)
	}
}

func TestReorder(t *testing.T) {
	tests := []struct {
		levels []Level
		want   []int
	}{
		{nil, []int{}},
		{[]Level{0, 0, 0}, []int{0, 1, 2}},
		{[]Level{1, 1, 1}, []int{2, 1, 0}},
		{[]Level{0, 1, 1, 0}, []int{0, 2, 1, 3}},
		{[]Level{1, 2, 2, 1}, []int{3, 1, 2, 0}},
		{[]Level{2, 2, 0, 2}, []int{0, 1, 2, 3}},       // no odd level: nothing to reverse
		{[]Level{0, 2, 3, 3, 2}, []int{0, 1, 3, 2, 4}}, // down to level 3 only
		{[]Level{0, 1, 2, 2, 1, 0}, []int{0, 4, 2, 3, 1, 5}},
		{[]Level{0, 201, 201, 254}, []int{0, 3, 2, 1}},
	}
	for _, tt := range tests {
		if got := Reorder(tt.levels); !slices.Equal(got, tt.want) {
			t.Errorf("Reorder(%v) = %v, want %v", tt.levels, got, tt.want)
		}
	}
}

func TestRemovedCharacters(t *testing.T) {
	// ZWJ inside an Arabic word and embedding controls (RLE in an RTL
	// paragraph opens level 3, LRE then 4): each removed rune takes the
	// level of the rune before it, or of the first kept one at the start.
	text := []rune("\u202Bب\u200Dت \u202Aab\u202C")
	p := NewParagraph(text, RTL)
	want := []Level{3, 3, 3, 3, 3, 3, 4, 4, 4}
	if got := p.Levels(); !slices.Equal(got, want) {
		t.Errorf("Levels() = %v, want %v", got, want)
	}
	if got, want := visual(p, text, 0, len(text)), "ab تب"; got != want {
		t.Errorf("visual %q, want %q", got, want)
	}
	// A line ending in a space and the LRE: L1 resets the space, and the
	// LRE follows it.
	if got, want := p.LineLevels(0, 6), []Level{3, 3, 3, 3, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("LineLevels(0, 6) = %v, want %v", got, want)
	}
}

func TestEdgeCases(t *testing.T) {
	for _, base := range []Dir{LTR, RTL, Auto} {
		for _, text := range [][]rune{nil, {}} {
			p := NewParagraph(text, base)
			if p.Len() != 0 || len(p.Levels()) != 0 || len(p.LineLevels(0, 0)) != 0 {
				t.Errorf("%v: empty paragraph has levels", base)
			}
			if want := Level(0); base == RTL {
				if p.Level() != 1 {
					t.Errorf("empty RTL paragraph at level %d", p.Level())
				}
			} else if p.Level() != want {
				t.Errorf("empty %v paragraph at level %d", base, p.Level())
			}
		}
	}
	if got := Reorder(nil); len(got) != 0 {
		t.Errorf("Reorder(nil) = %v", got)
	}

	// Invalid UTF-8 turns into U+FFFD, an ordinary neutral; runes outside
	// Unicode are treated as L.
	text := append([]rune("ا\xffب"), 0x110000, -1)
	p := NewParagraph(text, Auto)
	if got, want := p.Levels(), []Level{1, 1, 1, 2, 2}; !slices.Equal(got, want) {
		t.Errorf("Levels() = %v, want %v", got, want)
	}

	// Only removed characters.
	p = NewParagraph([]rune("\u202B\u200D\u202C"), RTL)
	if got := p.LineLevels(0, 3); !slices.Equal(got, []Level{1, 1, 1}) {
		t.Errorf("LineLevels of removed characters only = %v", got)
	}

	// A paragraph separator inside the text ends embeddings.
	p = NewParagraph([]rune("\u202Ea\u2029b"), LTR)
	if got, want := p.Levels(), []Level{1, 1, 0, 0}; !slices.Equal(got, want) {
		t.Errorf("Levels() across a separator = %v, want %v", got, want)
	}
}

// TestDeepNesting goes past max_depth: the overflow counters must keep
// the level bounded and the later PDF/PDI matched.
func TestDeepNesting(t *testing.T) {
	var text []rune
	for range 200 {
		text = append(text, '\u202B', 'a', '\u2066')
	}
	text = append(text, 'x')
	for range 200 {
		text = append(text, '\u2069', '\u202C')
	}
	text = append(text, 'y')
	p := NewParagraph(text, LTR)
	for i, l := range p.Levels() {
		if l > maxDepth+1 {
			t.Fatalf("level %d at %d", l, i)
		}
	}
	if l := p.Levels()[len(text)-1]; l != 0 {
		t.Errorf("text after all controls at level %d, want 0", l)
	}
}

func BenchmarkHeadline(b *testing.B) {
	text := []rune("أحمد كشك مفاجأة مسلسل «أب ولكن » في رمضان 2026")
	b.ReportAllocs()
	for b.Loop() {
		p := NewParagraph(text, Auto)
		Reorder(p.LineLevels(0, p.Len()))
	}
}
