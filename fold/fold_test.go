package fold

import "testing"

func TestFoldMatchesWhatReadersConsiderTheSame(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"harakat and shadda", "الرِّياضة", "الرياضة"},
		{"tanween", "مديرًا", "مديرا"},
		{"tatweel", "رمضـــان", "رمضان"},
		{"hamza on alef", "أحمد", "احمد"},
		{"hamza below", "إخلاء", "اخلاء"},
		{"madda", "آخر", "اخر"},
		{"wasla", "ٱلله", "الله"},
		{"alef maqsura", "على", "علي"},
		{"teh marbuta", "مدرسة", "مدرسه"},
		{"Arabic-Indic digits", "رمضان ٢٠٢٦", "رمضان 2026"},
		{"Persian digits and yeh", "سال ۱۴۰۴ ی", "سال 1404 ي"},
		{"keheh", "کتاب", "كتاب"},
		{"ZWNJ", "می‌خواهم", "میخواهم"},
		{"presentation forms", "ﺍﻟﺮﻳﺎﺿﺔ", "الرياضة"},
		{"lam-alef ligature", "ﻻ", "لا"},
		{"niqqud", "שָׁלוֹם", "שלום"},
		{"Latin case", "Benzema", "BENZEMA"},
		{"Greek case and final sigma", "νόμος", "ΝΌΜΟΣ"},
		{"a lone iota subscript", "x\u0345", "xι"},
	} {
		if String(tc.a) != String(tc.b) {
			t.Errorf("%s: %q folds to %q, %q to %q", tc.name, tc.a, String(tc.a), tc.b, String(tc.b))
		}
	}
}

func TestFoldKeepsDifferentWordsApart(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"كتب", "كتاب"},
		{"سلام", "سلم"},
		{"news", "new"},
		{"שלום", "שלם"},
	} {
		if String(tc.a) == String(tc.b) {
			t.Errorf("%q and %q fold to the same %q", tc.a, tc.b, String(tc.a))
		}
	}
}
