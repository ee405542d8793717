package bidi

import "testing"

// The shortcuts in front of the generated tables must give what the tables
// give.

func TestClassOfCachesAgreeWithTheTables(t *testing.T) {
	for r := rune(-1); r <= 0x10ffff+1; r++ {
		want := L
		if 0 <= r && r <= 0x10ffff {
			want = searchClass(r)
		}
		if got := ClassOf(r); got != want {
			t.Fatalf("ClassOf(U+%04X) = %v, the tables say %v", r, got, want)
		}
	}
}

func TestMirrorBlocksAgreeWithTheTable(t *testing.T) {
	search := func(r rune) (rune, bool) {
		for _, e := range mirrors {
			if e.r == r {
				return e.m, true
			}
		}
		return r, false
	}
	for r := rune(-1); r <= 0x10ffff+1; r++ {
		m, ok := Mirror(r)
		if wm, wok := search(r); m != wm || ok != wok {
			t.Fatalf("Mirror(U+%04X) = U+%04X, %t; the table says U+%04X, %t", r, m, ok, wm, wok)
		}
	}
}

// resolveSequence skips N0 for a sequence without ON: every paired
// bracket must be ON.
func TestBracketsAreON(t *testing.T) {
	for _, b := range brackets {
		if c := ClassOf(b.r); c != ON {
			t.Errorf("bracket U+%04X is %v", b.r, c)
		}
	}
}

// resolvePlain must give what the general path gives: compare them on the
// text of the fuzz seeds, unchanged and with every class.
func TestPlainPathAgreesWithTheGeneralOne(t *testing.T) {
	texts := []string{
		"أحمد كشك مفاجأة مسلسل «أب ولكن » في رمضان 2026",
		"اتصلوا بنا على 0123 456 789", "abc אבג (123) def", "(\u2329[\u3009])",
		"كَتَبَ ب", "1.5% من $20", "x (a [b) c] ب", "٣٫٥ + ١", "",
	}
	var plain, general Paragraph
	for _, s := range texts {
		text := []rune(s)
		for _, base := range []Dir{LTR, RTL, Auto} {
			plain.Reset(text, base)
			if plain.present&explicitOrSeparator != 0 {
				t.Fatalf("%q is not plain", s)
			}
			// The general path, forced by a paragraph separator at
			// the end that the levels then leave out.
			general.Reset(append(append([]rune(nil), text...), '\u2029'), base)
			for i := range text {
				if plain.levels[i] != general.levels[i] {
					t.Fatalf("%q %v: levels %v, the general path %v", s, base, plain.levels, general.levels[:len(text)])
				}
			}
		}
	}
}
