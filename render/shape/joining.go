package shape

import (
	"sort"
	"unicode"

	"nashra/render/bidi"
)

//go:generate go run gen.go

// joiningClass is a rune's Unicode Joining_Type, plus the class FriBidi
// gives boundary-neutral controls.
type joiningClass uint8

const (
	nonJoining   joiningClass = iota // U: space, digits, Latin, hamza
	rightJoining                     // R: connects on its right only: alef, dal, reh, waw
	leftJoining                      // L: connects on its left only (no Arabic letter)
	dualJoining                      // D: connects on both sides: beh, seen, lam, Farsi yeh
	joinCausing                      // C: connects both sides, has no forms: tatweel, ZWJ
	transparent                      // T: skipped by joining: harakat, shadda, format characters
	ignored                          // controls of bidi class BN: treated as absent
)

// joiningRange gives the class of the code points lo..hi.
type joiningRange struct {
	lo, hi rune
	class  joiningClass
}

// lamAlef is one mandatory ligature of lam with a following alef.
type lamAlef struct{ alef, isolated, final rune }

const lam = 0x0644

// sides returns the sides a letter of class c can connect on, in the
// visual terms of the R and L joining types (see right and left in
// shape.go): the side facing the preceding letter depends on the
// direction the letters are laid out in.
func (c joiningClass) sides() uint8 {
	switch c {
	case rightJoining:
		return right
	case leftJoining:
		return left
	case dualJoining, joinCausing:
		return right | left
	}
	return 0
}

// shapes reports whether runes of class c take presentation forms. Only
// R, L and D letters do: FriBidi leaves non-joining letters as they are,
// so hamza stays U+0621 although U+FE80 is its "isolated form".
func (c joiningClass) shapes() bool {
	return c == rightJoining || c == leftJoining || c == dualJoining
}

// classOf returns the joining class of r: the Joining_Type listed in
// ArabicShaping.txt; else T for general categories Mn, Me and Cf, as that
// file's header prescribes; else U. FriBidi adds one exception, followed
// here: C0/C1 controls of bidi class BN are skipped altogether, like
// UAX #9 X9 removes them, so a stray control does not split a word.
func classOf(r rune) joiningClass {
	return runeInfo(r) &^ levellessBit
}

// runeInfo returns classOf(r), with levellessBit added if r is levelless:
// a character UAX #9 rule X9 removes (bidi class BN, or an embedding or
// override LRE, RLE, LRO, RLO, PDF). FriBidi gives such characters no
// level of their own when it checks that joined letters share a level:
// ZWJ, ZWNJ or an RLE between two letters does not separate them by the
// level a bidi implementation happened to assign it.
func runeInfo(r rune) joiningClass {
	if uint32(r) < uint32(len(lowRunes)) {
		return lowRunes[r]
	}
	return lookupRuneInfo(r)
}

// lookupRuneInfo computes runeInfo(r) from the tables.
func lookupRuneInfo(r rune) joiningClass {
	c := lookupClass(r)
	if bidi.IsRemovedByX9(r) {
		c |= levellessBit
	}
	return c
}

// lowRunes caches classOf for U+0000..U+08FF, from ASCII to Arabic
// Extended-A, where nearly every rune of Arabic, Persian or Urdu text (and
// the spaces, digits and punctuation around it) lies, with levellessBit
// added for levelless runes.
var lowRunes = func() (t [0x0900]joiningClass) {
	for i := range t {
		t[i] = lookupRuneInfo(rune(i))
	}
	return t
}()

// levellessBit marks a levelless rune in runeInfo; classes are below it.
const levellessBit joiningClass = 0x80

// lookupClass computes classOf(r) from the tables.
func lookupClass(r rune) joiningClass {
	if r < 0x80 {
		// ASCII has no letter that joins and no mark; only controls matter.
		if bidi.IsRemovedByX9(r) {
			return ignored
		}
		return nonJoining
	}
	t := joiningTable[:]
	if i := sort.Search(len(t), func(i int) bool { return t[i].hi >= r }); i < len(t) && t[i].lo <= r {
		return t[i].class
	}
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return transparent
	}
	if unicode.Is(unicode.Cc, r) && bidi.IsRemovedByX9(r) {
		return ignored
	}
	return nonJoining
}

// form returns the presentation form of r connected on the given sides, or
// r itself when Unicode has no such form (many letters have no medial or
// initial form; a terminal then shows the plain letter).
func form(r rune, sides uint8) rune {
	if r < formsFirst || r > formsLast {
		return r
	}
	if f := forms[r-formsFirst][sides]; f != 0 {
		return f
	}
	return r
}

// ligatureWith returns the lam-alef ligatures for an alef, if r is one.
func ligatureWith(r rune) (lamAlef, bool) {
	for _, l := range lamAlefLigatures {
		if l.alef == r {
			return l, true
		}
	}
	return lamAlef{}, false
}
