package bidi

import (
	"slices"
	"testing"
)

// palette has a character of every class, and brackets, so that fuzzing
// bytes through it reaches deep into the rules quickly; random UTF-8 rarely
// produces bidi controls.
var palette = []rune{
	'a', 'א', 'ا', '1', '+', '%', '٣', ',', '\u064E', '\u200D', '\u2029',
	'\t', ' ', '!', '\u202A', '\u202D', '\u202B', '\u202E', '\u202C',
	'\u2066', '\u2067', '\u2068', '\u2069', '(', ')', '[', ']', '\u2329',
	'\u3009', '\uFFFD',
}

func FuzzParagraph(f *testing.F) {
	seeds := []string{
		"",
		"أحمد كشك مفاجأة مسلسل «أب ولكن » في رمضان 2026",
		"اتصلوا بنا على 0123 456 789",
		"abc אבג (123) def",
		"\u2067שלום\u2069 abc \u2068x\u2069",
		"\u202Ea\u202Bb\u202Cc\u202Dd\u2029e",
		"(\u2329[\u3009])",
		"\xff\xfe invalid \xc3",
		"كَتَبَ\u200Dب",
	}
	for _, s := range seeds {
		f.Add([]byte(s), uint8(Auto), uint16(0))
		f.Add([]byte(s), uint8(RTL|0x80), uint16(7))
	}

	f.Fuzz(func(t *testing.T, data []byte, mode uint8, cut uint16) {
		var text []rune
		if mode&0x80 != 0 {
			for _, b := range data {
				text = append(text, palette[int(b)%len(palette)])
			}
		} else {
			text = []rune(string(data))
		}
		n := len(text)

		Direction(text)
		p := NewParagraph(text, Dir(mode%3))
		levels := p.Levels()
		if p.Len() != n || len(levels) != n {
			t.Fatalf("%d levels for %d runes", len(levels), n)
		}
		if p.Level() > 1 {
			t.Fatalf("paragraph level %d", p.Level())
		}
		for i, l := range levels {
			if l > maxDepth+1 || l < p.Level() {
				t.Fatalf("level %d at %d, paragraph level %d", l, i, p.Level())
			}
		}

		// Two lines, broken anywhere.
		c := int(cut) % (n + 1)
		for _, line := range [2][2]int{{0, c}, {c, n}} {
			ll := p.LineLevels(line[0], line[1])
			if len(ll) != line[1]-line[0] {
				t.Fatalf("LineLevels(%d, %d) has %d levels", line[0], line[1], len(ll))
			}
			order := Reorder(ll)
			checkPermutation(t, order, len(ll))

			// Removed characters must not change the order of the
			// others: reorder without them and compare.
			var kept []int
			var keptLevels []Level
			for i, l := range ll {
				if !IsRemovedByX9(text[line[0]+i]) {
					kept = append(kept, i)
					keptLevels = append(keptLevels, l)
				}
			}
			var want, got []int
			for _, o := range Reorder(keptLevels) {
				want = append(want, kept[o])
			}
			for _, o := range order {
				if !IsRemovedByX9(text[line[0]+o]) {
					got = append(got, o)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("removed characters change the order: %v, want %v", got, want)
			}
		}
	})
}

func checkPermutation(t *testing.T, order []int, n int) {
	t.Helper()
	if len(order) != n {
		t.Fatalf("order of %d items for %d", len(order), n)
	}
	seen := make([]bool, n)
	for _, o := range order {
		if o < 0 || o >= n || seen[o] {
			t.Fatalf("not a permutation: %v", order)
		}
		seen[o] = true
	}
}
