package shape

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestRunes(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		levels []uint8
		want   string
		src    []int // nil: one output rune per input rune
	}{
		// Dual-joining beh: isolated ﺏ, initial ﺑ, medial ﺒ, final ﺐ.
		{name: "dual-joining letter alone is isolated", text: "ب", want: "\uFE8F"},
		{name: "dual-joining pair is initial then final", text: "بب", want: "\uFE91\uFE90"},
		{name: "dual-joining letters inside a word are medial", text: "بببب", want: "\uFE91\uFE92\uFE92\uFE90"},
		{name: "space separates words", text: "بب ب", want: "\uFE91\uFE90 \uFE8F"},

		// Right-joining letters (dal, alef, reh) connect only to the letter
		// before them, so the next letter starts afresh.
		{name: "right-joining letters stop the join", text: "دار", want: "\uFEA9\uFE8D\uFEAD"},
		{name: "right-joining letter is final after a dual-joining one", text: "بدب", want: "\uFE91\uFEAA\uFE8F"},

		// Lam followed by alef is one ligature; the alef has no output rune.
		{name: "lam-alef alone is the isolated ligature", text: "لا", want: "\uFEFB", src: []int{0}},
		{name: "lam-alef after a joining letter is the final ligature", text: "سلام", want: "\uFEB3\uFEFC\uFEE1", src: []int{0, 1, 3}},
		{name: "lam-alef with hamza above after the article", text: "الأ", want: "\uFE8D\uFEF7", src: []int{0, 1}},
		{name: "lam-alef with hamza below", text: "لإ", want: "\uFEF9", src: []int{0}},
		{name: "lam-alef with madda, final", text: "بلآ", want: "\uFE91\uFEF6", src: []int{0, 1}},
		{name: "mark after lam-alef stays after the ligature", text: "لاً", want: "\uFEFB\u064B", src: []int{0, 2}},
		{name: "mark between lam and alef prevents the ligature", text: "لَا", want: "\uFEDF\u064E\uFE8E"},
		{name: "ZWJ between lam and alef joins them without a ligature", text: "ل\u200Dا", want: "\uFEDF\u200D\uFE8E"},
		{name: "ZWNJ between lam and alef separates them", text: "ل\u200Cا", want: "\uFEDD\u200C\uFE8D"},

		// Harakat and shadda are transparent: the letters around them join.
		{name: "harakat and shadda do not break joins", text: "مُحَمَّد",
			want: "\uFEE3\u064F\uFEA4\u064E\uFEE4\u064E\u0651\uFEAA"},
		{name: "tanween after a final letter", text: "كتابٌ", want: "\uFEDB\uFE98\uFE8E\uFE8F\u064C"},

		// Tatweel is join-causing: it joins both ways but has no forms.
		{name: "tatweel joins the letters around it", text: "بـب", want: "\uFE91\u0640\uFE90"},
		{name: "tatweel before a letter makes it final", text: "ـب", want: "\u0640\uFE90"},
		{name: "tatweel after a letter makes it initial", text: "بـ", want: "\uFE91\u0640"},

		{name: "ZWJ makes a letter join on its own", text: "ب\u200D", want: "\uFE91\u200D"},
		{name: "ZWNJ breaks the join in a Persian word", text: "می\u200Cخواهم",
			want: "\uFEE3\uFBFD\u200C\uFEA7\uFEEE\uFE8D\uFEEB\uFEE2"},

		// Persian and Urdu letters have their own presentation forms.
		{name: "Persian peh, gaf, keheh, Farsi yeh", text: "پگکی", want: "\uFB58\uFB95\uFB91\uFBFD"},
		{name: "Urdu heh goal and yeh barree", text: "ہے", want: "\uFBA8\uFBAF"},
		{name: "Urdu do-chashmi heh in a word", text: "گھر", want: "\uFB94\uFBAD\uFEAE"},
		{name: "heh with yeh above is right-joining", text: "خانۀ", want: "\uFEA7\uFE8E\uFEE7\uFBA5"},
		{name: "letter without the needed form stays as it is", text: "بںب", want: "\uFE91\u06BA\uFE90"},
		{name: "non-joining hamza keeps its code point", text: "بء", want: "\uFE8F\u0621"},

		{name: "Latin is untouched", text: "Hello, world!", want: "Hello, world!"},
		{name: "Hebrew is untouched", text: "שָׁלוֹם", want: "שָׁלוֹם"},
		{name: "digits are untouched and break the join", text: "ب١٢3ب", want: "\uFE8F١٢3\uFE8F"},
		{name: "presentation forms are left alone", text: "ﻻ ﺑﺐ", want: "ﻻ ﺑﺐ"},

		// Levels: joins do not cross a level change.
		{name: "level change breaks the join", text: "بب", levels: []uint8{1, 3}, want: "\uFE8F\uFE8F"},
		{name: "mark at another level breaks the join", text: "بَب", levels: []uint8{1, 2, 1}, want: "\uFE8F\u064E\uFE8F"},
		{name: "ZWJ has no level of its own", text: "ب\u200Dب", levels: []uint8{1, 2, 3}, want: "\uFE91\u200D\uFE90"},
		{name: "equal levels join as with nil", text: "بب", levels: []uint8{3, 3}, want: "\uFE91\uFE90"},
		{name: "at an even level the following letter is on the right", text: "بب", levels: []uint8{2, 2}, want: "\uFE90\uFE91"},
		{name: "no lam-alef ligature at an even level", text: "لا", levels: []uint8{2, 2}, want: "\uFEDD\uFE8D"},
		{name: "no lam-alef ligature across levels", text: "لا", levels: []uint8{1, 3}, want: "\uFEDD\uFE8D"},
		{name: "lam-alef ligature at a deeper odd level", text: "لا", levels: []uint8{3, 3}, want: "\uFEFB", src: []int{0}},

		{name: "empty text", text: "", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.text)
			out, src := Runes(text, tt.levels)
			if string(out) != tt.want {
				t.Errorf("Runes(%q) = %s, want %s", tt.text, quote(out), quote([]rune(tt.want)))
			}
			want := tt.src
			if want == nil {
				want = make([]int, len(text))
				for i := range want {
					want[i] = i
				}
			}
			if !slices.Equal(src, want) {
				t.Errorf("Runes(%q) src = %v, want %v", tt.text, src, want)
			}
			if string(text) != tt.text {
				t.Errorf("Runes modified its input to %q", string(text))
			}
		})
	}
}

func quote(r []rune) string { return strconv.QuoteToASCII(string(r)) }

func TestString(t *testing.T) {
	got := String("السلام عليكم")
	want := "\uFE8D\uFEDF\uFEB4\uFEFC\uFEE1 \uFECB\uFEE0\uFEF4\uFEDC\uFEE2"
	if got != want {
		t.Errorf("String = %s, want %s", strconv.QuoteToASCII(got), strconv.QuoteToASCII(want))
	}
}

func TestRunesPanicsOnLevelsOfWrongLength(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Runes did not panic on 1 level for 2 runes")
		}
	}()
	Runes([]rune("بب"), []uint8{1})
}

// seedHeadline returns headline n (from 1) of the seed news page.
func seedHeadline(tb testing.TB, n int) string {
	tb.Helper()
	page, err := os.ReadFile("testdata/arabic-news-page.txt")
	if err != nil {
		tb.Fatal(err)
	}
	first, _, _ := strings.Cut(string(page), "\n")
	return strings.Split(first, "\u00A0\u00A0\u00A0\u00A0")[n-1]
}

func BenchmarkRunes(b *testing.B) {
	// A headline with a lam-alef ligature and tanween.
	text := []rune(seedHeadline(b, 8))
	levels := make([]uint8, len(text))
	for i := range levels {
		levels[i] = 1
	}
	for _, bb := range []struct {
		name   string
		levels []uint8
	}{{"nil levels", nil}, {"levels", levels}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Runes(text, bb.levels)
			}
		})
	}
}

func FuzzRunes(f *testing.F) {
	for _, s := range []string{"", "سلام", "لَا", "می\u200Cخواهم", "ب\u200D\u202Bب\u202C", "abc بب", "ﻻ\x01ل"} {
		f.Add(s, []byte(nil))
		f.Add(s, []byte{1, 2, 3})
	}
	f.Fuzz(func(t *testing.T, s string, lv []byte) {
		text := []rune(s)
		var levels []uint8
		if len(lv) > 0 {
			levels = make([]uint8, len(text))
			for i := range levels {
				levels[i] = lv[i%len(lv)] % 8 // small levels, so that they meet
			}
		}
		out, src := Runes(text, levels)
		checkMapping(t, text, out, src)

		// nil levels are level 1 everywhere.
		if levels == nil {
			ones := make([]uint8, len(text))
			for i := range ones {
				ones[i] = 1
			}
			if out1, _ := Runes(text, ones); !slices.Equal(out, out1) {
				t.Errorf("nil levels give %s, all 1 give %s", quote(out), quote(out1))
			}
		}
	})
}

// checkMapping checks that out and src are what Runes promises: src maps
// each output rune to its input rune, only a lam-alef ligature swallows a
// rune (the alef after its lam), and only letters with presentation forms
// change, into one of their forms.
func checkMapping(t *testing.T, text, out []rune, src []int) {
	t.Helper()
	if len(out) != len(src) {
		t.Fatalf("%d runes out, %d source indices", len(out), len(src))
	}
	next := 0 // the input index the next output rune must come from
	for i, j := range src {
		if j != next {
			t.Fatalf("output rune %d comes from input %d, want %d: %s from %s", i, j, next, quote(out), quote(text))
		}
		r, in := out[i], text[j]
		// Does out[i] swallow the input rune after its own?
		lig := i+1 < len(src) && src[i+1] == j+2 || i+1 == len(src) && j+2 == len(text)
		switch {
		case lig:
			if _, isAlef := ligatureWith(text[j+1]); in != lam || !isAlef || !isLamAlef(r) {
				t.Fatalf("output %d (%U) swallows input %d (%U) but is not a lam-alef ligature", i, r, j+1, text[j+1])
			}
		case r != in:
			if in < formsFirst || in > formsLast || !slices.Contains(forms[in-formsFirst][:], r) {
				t.Fatalf("%U became %U, which is not one of its forms", in, r)
			}
		}
		next = j + 1
		if lig {
			next = j + 2
		}
	}
	if next != len(text) {
		t.Fatalf("output ends at input %d of %d", next, len(text))
	}
}

func isLamAlef(r rune) bool {
	for _, l := range lamAlefLigatures {
		if r == l.isolated || r == l.final {
			return true
		}
	}
	return false
}

func ExampleRunes() {
	text := []rune("سلام") // seen, lam, alef, meem
	levels := []uint8{1, 1, 1, 1}
	out, src := Runes(text, levels)
	outLevels := make([]uint8, len(out))
	for i, j := range src {
		outLevels[i] = levels[j]
	}
	for i, r := range out {
		fmt.Printf("%U from %U, level %d\n", r, text[src[i]], outLevels[i])
	}
	// Output:
	// U+FEB3 from U+0633, level 1
	// U+FEFC from U+0644, level 1
	// U+FEE1 from U+0645, level 1
}

func ExampleString() {
	fmt.Printf("%+q\n", String("مرحبا"))
	// Output: "\ufee3\ufeae\ufea3\ufe92\ufe8e"
}
