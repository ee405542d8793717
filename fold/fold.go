// Package fold reduces text to the form search compares: what a reader of
// the language considers the same word becomes the same string.
package fold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// String folds s for matching:
//   - compatibility forms are decomposed (NFKC), so Arabic presentation
//     forms and ligatures match the letters they stand for;
//   - Latin and other cased scripts are compared without case, and Greek
//     final sigma is sigma;
//   - Arabic harakat, Quranic marks and tatweel, and Hebrew niqqud and
//     cantillation, are ignored: writers use them inconsistently;
//   - hamza-carrying and wasla alefs (أ إ آ ٱ) fold to bare alef (ا),
//     alef maqsura (ى) and Persian yeh (ی) to yeh (ي), teh marbuta (ة) to
//     heh (ه), keheh (ک) to kaf (ك): the spellings people type
//     interchangeably;
//   - Arabic-Indic (٠–٩) and Persian (۰–۹) digits become ASCII digits;
//   - joiners (ZWNJ, ZWJ) and bidi formatting characters are dropped, so
//     "می‌خواهم" matches "میخواهم".
func String(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r, ok := foldRune(r); ok {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func foldRune(r rune) (rune, bool) {
	switch {
	case r >= 0x064b && r <= 0x065f, r == 0x0670, r >= 0x06d6 && r <= 0x06ed, r == 0x0640:
		return 0, false // harakat, superscript alef, Quranic marks, tatweel
	case r >= 0x0591 && r <= 0x05c7 && r != 0x05be && r != 0x05c0 && r != 0x05c3 && r != 0x05c6:
		return 0, false // niqqud and cantillation (not maqaf, paseq, sof pasuq, nun hafukha)
	case r == 0x200c, r == 0x200d, r == 0x200e, r == 0x200f, r == 0x061c,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return 0, false
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا', true
	case 'ى', 'ی':
		return 'ي', true
	case 'ة':
		return 'ه', true
	case 'ک':
		return 'ك', true
	case 'ς':
		// Final sigma is sigma (ΝΌΜΟΣ, νόμος), as SQLite's trigram index
		// folds it: the store matches folded text through that index and
		// directly, and both must agree.
		return 'σ', true
	case 0x0345: // combining ypogegrammeni: iota, as the index folds it
		return 'ι', true
	}
	switch {
	case r >= '٠' && r <= '٩':
		return '0' + (r - '٠'), true
	case r >= '۰' && r <= '۹':
		return '0' + (r - '۰'), true
	}
	return unicode.ToLower(r), true
}
