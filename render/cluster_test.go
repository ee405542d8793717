package render

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"nashra/render/bidi"
)

// The fast path of clusterize must cut and measure exactly as asking ansi
// for every cluster does (slowClusterize), so that Line.Width stays
// render.Width(Line.Text) and our widths stay lipgloss's. These tests hold
// it to that rune by rune.

// slowClusterize is clusterize without the fast path: ansi for every
// cluster, as it was before the table.
func slowClusterize(runes, shaped []rune, src []int) []cluster {
	text := string(shaped)
	var clusters []cluster
	i := 0 // index in shaped of the cluster's first rune
	for len(text) > 0 {
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
		first, _ := utf8.DecodeRuneInString(shown)
		_, mirrored := bidi.Mirror(first)
		clusters = append(clusters, cluster{
			text:   shown,
			start:  start,
			end:    end,
			width:  Width(shown),
			space:  shown == " " || shown == "\u00a0" || shown == "\u3000",
			mirror: mirrored,
		})
		i += n
	}
	return clusters
}

// checkClusterize compares clusterize with slowClusterize on s, unshaped
// and shaped.
func checkClusterize(t *testing.T, s string) {
	t.Helper()
	runes := []rune(s)
	var sc scratch
	got, _ := sc.clusterize(runes, runes, nil, -1)
	if want := slowClusterize(runes, runes, nil); !slices.Equal(got, want) {
		t.Fatalf("clusters of %+q:\n got %+v\nwant %+v", s, got, want)
	}
	shaped, src := sc.shaper.Runes(runes, nil)
	got, _ = sc.clusterize(runes, shaped, src, -1)
	if want := slowClusterize(runes, shaped, src); !slices.Equal(got, want) {
		t.Fatalf("clusters of %+q shaped (%+q):\n got %+v\nwant %+v", s, string(shaped), got, want)
	}
}

// TestFastTableAgreesWithAnsi checks every entry of the table against the
// segmentation and widths of ansi: a base stands alone next to anything
// that does not extend it, takes the marks of the table, and keeps its
// width with them; a mark joins whatever precedes it and breaks before a
// base.
func TestFastTableAgreesWithAnsi(t *testing.T) {
	ft := fastTables()
	first := func(s string) (string, int) { return ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth) }
	// What can follow a cluster without joining it: one of every
	// Grapheme_Cluster_Break value that GB9–GB9a do not glue on, and
	// characters that start sequences (emoji, flags, Hangul, Indic).
	followers := []string{
		"a", "1", " ", "ب", "ﺑ", "א", "日", "😀", "🇪", "\u1100", "\u1160", "\uac00", "\r", "\n", "\x01",
		"\u0600", "\u200e", "\u2067", "\u0915", "\u00a9", "\u0e01", "\ufeff", "\U000e0001", "\u00a0",
	}
	var bases, marks []rune
	for r := rune(0); r < 0x10000; r++ {
		e := ft.entry(r)
		k := e & kindBits
		switch {
		case k == kindOther:
			if e != kindOther {
				t.Errorf("U+%04X: entry %#x of kind other has flags", r, e)
			}
			continue
		case k == kindMark:
			marks = append(marks, r)
			if e != kindMark {
				t.Errorf("U+%04X: mark entry %#x has flags", r, e)
			}
			for _, b := range []string{"a", "ب", "ﺑ", "א", " ", "1"} {
				if g, w := first(b + string(r) + "a"); g != b+string(r) || w != Width(b) {
					t.Errorf("U+%04X after %q: first cluster %+q of %d cells, want %+q of %d", r, b, g, w, b+string(r), Width(b))
				}
				if g, _ := first(b + string(r) + string(r) + "ب"); g != b+string(r)+string(r) {
					t.Errorf("U+%04X twice after %q: first cluster %+q", r, b, g)
				}
			}
			if invisible(r) || !extendsPrevious(r) {
				t.Errorf("U+%04X: a mark that visible would drop or keep as a base", r)
			}
			continue
		}
		bases = append(bases, r)
		s := string(r)
		w := int(k - kindBase)
		if g, gw := first(s); g != s || gw != w || Width(s) != w {
			t.Errorf("U+%04X: table says %d cells; ansi %+q of %d, Width %d", r, w, g, gw, Width(s))
		}
		for _, f := range followers {
			if g, _ := first(s + f); g != s {
				t.Errorf("U+%04X followed by %+q: first cluster %+q, want it alone", r, f, g)
			}
			if g, _ := first(f + s); !strings.HasPrefix(f+s, g) || len(g) > len(f) && f != "\u0600" {
				// Only a prepended concatenation mark takes what follows.
				t.Errorf("U+%04X after %+q: first cluster %+q, want %+q", r, f, g, f)
			}
		}
		// Not Extended_Pictographic (a joiner would glue an emoji on), not
		// an Indic consonant (a virama would glue the next one on).
		if g, _ := first(s + "\u200d😀"); g != s+"\u200d" {
			t.Errorf("U+%04X: joins an emoji after ZWJ: %+q", r, g)
		}
		if g, _ := first(s + "\u094d\u0915"); g != s+"\u094d" {
			t.Errorf("U+%04X: joins a consonant after a virama: %+q", r, g)
		}
		if visible(s) != s {
			t.Errorf("U+%04X: visible drops it", r)
		}
		if got := ft.runeText(r); got != s {
			t.Errorf("U+%04X: runeText %+q", r, got)
		}
		_, mirrored := bidi.Mirror(r)
		if e&kindMirrored != 0 != mirrored || e&kindSpace != 0 != isSpaceCluster(r) {
			t.Errorf("U+%04X: entry %#x, mirrored %t, space %t", r, e, mirrored, isSpaceCluster(r))
		}
	}
	// Every base keeps its width with every mark on it.
	step := 1
	if testing.Short() {
		step = 7
	}
	for i := 0; i < len(bases); i += step {
		b := bases[i]
		w := int(ft.entry(b)&kindBits - kindBase)
		for _, m := range marks {
			s := string(b) + string(m)
			if g, gw := first(s + "a"); g != s || gw != w || Width(s) != w {
				t.Fatalf("U+%04X U+%04X: ansi %+q of %d cells, Width %d; want %d", b, m, g, gw, Width(s), w)
			}
		}
	}
	if len(bases) < 2000 || len(marks) < 200 {
		t.Errorf("only %d bases and %d marks: the table lost its blocks", len(bases), len(marks))
	}
}

// TestClusterizeMatchesAnsi compares the fast path with ansi around every
// code point: in the BMP, the emoji and symbol planes and the tags in
// context, and every other one on its own.
func TestClusterizeMatchesAnsi(t *testing.T) {
	step := rune(1)
	if testing.Short() {
		step = 61
	}
	for r := rune(0); r <= unicode.MaxRune; r += step {
		if 0xd800 <= r && r < 0xe000 {
			continue
		}
		c := string(r)
		if r >= 0x20000 && !(0xe0000 <= r && r < 0xe0100) {
			if r%0x100 == 0 {
				checkClusterize(t, "ب"+c+"ب"+c)
			}
			continue
		}
		checkClusterize(t, "ب"+c+"ب ")
		checkClusterize(t, "a"+c+"\u064e "+c+c)
		checkClusterize(t, c+"\u0651ل"+c+"ا")
	}
	for _, s := range []string{
		"", " ", "لا", "لَا", "ﻻ", "مُحَمَّد", "שָׁלוֹם", "(القاهرة)", "«أب ولكن »", "👍🏽 جيد 🇪🇬",
		"👨\u200d👩\u200d👧", "می\u200cخواهم", "#\ufe0f\u20e3", "\u06000", "e\u0301\u0301x", "\u0301ب",
		"日本 خبر", "a\u200db", "ب\u200dب", "\u202eabc\u202c", "क्षि", "\r\n", "x\u034fy",
	} {
		checkClusterize(t, s)
	}
}

// FuzzClusterize: the fast path cuts and measures any text as ansi does,
// and the folding of newParagraph is singleLine's.
func FuzzClusterize(f *testing.F) {
	for _, s := range []string{"", "لا إله إلا الله", "مُحَمَّد", "👨\u200d👩\u200d👧 خبر", "a\u0301 b\t c\n", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendFolded(nil, s)), foldReference(s); got != want {
			t.Fatalf("appendFolded(%+q) = %+q, want %+q", s, got, want)
		}
		if got, want := singleLine(s), foldReference(s); got != want {
			t.Fatalf("singleLine(%+q) = %+q, want %+q", s, got, want)
		}
		checkClusterize(t, s)
	})
}

// foldReference is singleLine without its shortcut.
func foldReference(s string) string {
	var b strings.Builder
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

// TestTypesetterIsSafeForConcurrentUse lays the same texts out from several
// goroutines at once, each drawing its storage from the shared pool, and
// compares with laying them out alone. Run it with -race.
func TestTypesetterIsSafeForConcurrentUse(t *testing.T) {
	ts := New(Options{Bidi: BidiApp, Shape: true})
	texts := []string{
		"أخبار مصر اليوم.. تعليمات هامة من وزير التعليم للمديريات", "مُحَمَّد (رَسُولُ) اللَّهِ 2026",
		"Breaking news from Cairo", "👨\u200d👩\u200d👧 خبر عاجل", "שָׁלוֹם עולם", strings.Repeat("خبر عاجل ", 40),
	}
	type result struct {
		line  Line
		wrap  []Line
		row   string
		chrom string
	}
	layOut := func(s string) result {
		return result{
			line:  ts.Line(s, "ar", 40),
			wrap:  ts.Wrap(s, "ar", 23),
			row:   ts.Row(Row{Marker: "●", Title: s, Feed: s, Age: "5m"}, 90, RowStyle{}),
			chrom: ts.Chrome(s, 50),
		}
	}
	want := make([]result, len(texts))
	for i, s := range texts {
		want[i] = layOut(s)
	}
	errs := make(chan string, 8)
	done := make(chan struct{})
	for g := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for n := range 200 {
				i := (g + n) % len(texts)
				got := layOut(texts[i])
				if got.line != want[i].line || !slices.Equal(got.wrap, want[i].wrap) || got.row != want[i].row || got.chrom != want[i].chrom {
					errs <- texts[i]
					return
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
	close(errs)
	for s := range errs {
		t.Errorf("%q laid out concurrently differs from alone", s)
	}
}
