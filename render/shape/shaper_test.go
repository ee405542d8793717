package shape

import (
	"slices"
	"testing"

	"nashra/render/bidi"
)

// FuzzShaper: a reused Shaper gives what Runes gives, src nil standing for
// one to one.
func FuzzShaper(f *testing.F) {
	for _, s := range []string{"", "سلام", "لَا", "لا لا", "می\u200Cخواهم", "ب\u200D\u202Bب\u202C", "abc بب", "ﻻ\x01ل"} {
		f.Add(s, []byte(nil))
		f.Add(s, []byte{1, 2, 3})
	}
	var sh Shaper
	f.Fuzz(func(t *testing.T, s string, lv []byte) {
		text := []rune(s)
		var levels []uint8
		var blevels []bidi.Level
		if len(lv) > 0 {
			levels = make([]uint8, len(text))
			blevels = make([]bidi.Level, len(text))
			for i := range levels {
				levels[i] = lv[i%len(lv)] % 8
				blevels[i] = bidi.Level(levels[i])
			}
		}
		want, wantSrc := Runes(text, levels)
		check := func(how string, out []rune, src []int) {
			t.Helper()
			if !slices.Equal(out, want) {
				t.Fatalf("%s(%s) = %s, Runes gives %s", how, quote(text), quote(out), quote(want))
			}
			if src == nil {
				if len(out) != len(text) {
					t.Fatalf("%s(%s): src nil, but %d runes for %d", how, quote(text), len(out), len(text))
				}
				for i, j := range wantSrc {
					if i != j {
						t.Fatalf("%s(%s): src nil, Runes maps %d to %d", how, quote(text), i, j)
					}
				}
			} else if !slices.Equal(src, wantSrc) {
				t.Fatalf("%s(%s): src %v, Runes gives %v", how, quote(text), src, wantSrc)
			}
		}
		out, src := sh.Runes(text, levels)
		check("Shaper.Runes", out, src)
		out, src = sh.RunesAt(text, blevels)
		check("Shaper.RunesAt", out, src)
	})
}
