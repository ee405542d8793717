// Package shape gives Arabic-script letters the contextual forms a terminal
// would not give them.
//
// Terminals draw one glyph per code point and neither join nor ligate
// Arabic letters. So nashra replaces each letter by its isolated, initial,
// medial or final presentation form (Unicode's Arabic Presentation Forms-A
// and -B, which cover Persian and Urdu letters too), and lam followed by
// alef by a lam-alef ligature that fills one cell. Shaping works in logical
// order on one whole UI element (a headline, a paragraph) before it is
// broken into lines and reordered for display, because a join depends on
// neighbours that reordering moves apart.
//
// Which letters join follows Unicode's cursive joining rules, with each
// rune's Joining_Type from ArabicShaping.txt, as GNU FriBidi applies them;
// FriBidi is the oracle the tests compare against. Its choices, kept here:
//
//   - Transparent runes (harakat, shadda, superscript alef, format
//     characters) are passed over: a letter joins across them and they stay
//     in place. Tatweel and ZWJ cause joining; ZWNJ breaks it.
//   - A join never crosses a change of bidi embedding level, not even one
//     made by a transparent rune: LRM between two Arabic letters sits at an
//     even level and separates them. Runes that UAX #9 rule X9 removes (BN
//     such as ZWJ and ZWNJ, and LRE..PDF) have no level of their own for
//     this check, and BN controls (U+0001…) are skipped as if absent.
//   - At an even (left-to-right) level, as inside LRO, the roles of the
//     sides are swapped: forms are chosen by the neighbours a letter has on
//     screen, so the following letter is on its right.
//   - Lam and alef become one ligature only when they are adjacent and
//     share an odd level. A mark between them (لَا) keeps lam (initial or
//     medial), the mark and alef (final) as three runes, so the mark stays on
//     the lam it was written on.
//   - Non-joining letters (hamza) and letters without the needed form keep
//     their code point.
package shape

import "fmt"

// The sides of a letter that connect to a neighbour, as the Unicode
// joining types R and L name them. Their sum indexes forms: 0 isolated,
// right final, left initial, right|left medial.
const (
	right uint8 = 1 << iota
	left
)

// Runes shapes text, one UI element in logical order, and returns the
// shaped runes together with the index of the input rune each came from:
// out[i] stands for text[src[i]].
//
// src is strictly increasing and len(out) == len(text), except that a
// lam-alef ligature takes one rune for two: it stands at the lam's index
// and the alef it absorbed (always text[src[i]+1]) has no output rune.
// Carry any per-rune data along through src, e.g. levels for reordering:
//
//	out, src := shape.Runes(text, levels)
//	outLevels := make([]uint8, len(out))
//	for i, j := range src {
//		outLevels[i] = levels[j]
//	}
//
// levels holds the bidi embedding level of each rune of text; levels
// resolved for the whole paragraph and after rule L1 give the same result.
// nil means every rune is at level 1, one right-to-left run. Runes panics
// if levels is not nil and not as long as text. text is not modified.
func Runes(text []rune, levels []uint8) (out []rune, src []int) {
	if levels != nil && len(levels) != len(text) {
		panic(fmt.Sprintf("shape.Runes: %d levels for %d runes", len(levels), len(text)))
	}
	joined := join(text, levels)
	out = make([]rune, 0, len(text))
	src = make([]int, 0, len(text))
	for i := 0; i < len(text); i++ {
		r, j := text[i], joined[i]
		if j.class.shapes() {
			if lig, ok := ligature(text, levels, joined, i); ok {
				out = append(out, lig)
				src = append(src, i)
				i++ // the alef is part of lig
				continue
			}
			r = form(r, j.sides)
		}
		out = append(out, r)
		src = append(src, i)
	}
	return out, src
}

// String shapes s as a single right-to-left run (see Runes with nil
// levels). Use it for text whose Arabic is not embedded in other
// directions; the result can be shorter than s by the lam-alef ligatures.
func String(s string) string {
	out, _ := Runes([]rune(s), nil)
	return string(out)
}

// joinState is what the joining pass learns about one rune.
type joinState struct {
	class joiningClass
	sides uint8 // the sides that really connect
}

// join decides, for each rune, on which sides it connects to a neighbour.
// It walks the text once, keeping the last rune that takes part in joining
// (transparent and ignored runes do not), and connects two such runes when
// the earlier one can connect towards the later and the later towards the
// earlier.
func join(text []rune, levels []uint8) []joinState {
	js := make([]joinState, len(text))
	var (
		prev      = -1    // index of the last joining participant
		prevLevel uint8   // its level
		prevAny   bool    // its level matches any level (a levelless rune)
		prevNext  uint8   // its side facing the following rune
		joining   = false // prev can connect to what follows
	)
	for i, r := range text {
		c := classOf(r)
		js[i].class = c
		if c == ignored {
			continue
		}
		lv, anyLevel := levelOf(text, levels, i, c)
		if joining && !prevAny && !anyLevel && lv != prevLevel {
			// FriBidi breaks joins where embedding levels differ; a
			// transparent rune at another level breaks them too.
			js[prev].sides &^= prevNext
			joining = false
		}
		if c == transparent {
			continue
		}
		// In a right-to-left run the preceding letter lies to the right.
		back, next := right, left
		if lv%2 == 0 {
			back, next = left, right
		}
		s := c.sides()
		if !joining || s&back == 0 {
			s &^= back
			if joining {
				js[prev].sides &^= prevNext
			}
		}
		js[i].sides = s
		prev, prevLevel, prevAny, prevNext = i, lv, anyLevel, next
		joining = s&next != 0
	}
	if joining {
		js[prev].sides &^= prevNext
	}
	return js
}

// levelOf returns the level rune i, of class c, is joined at, and whether
// it matches any level. nil levels are all 1. A levelless rune counts as
// right-to-left, as FriBidi's odd sentinel level does.
func levelOf(text []rune, levels []uint8, i int, c joiningClass) (lv uint8, anyLevel bool) {
	if levels == nil {
		return 1, false
	}
	// Letters are never levelless; skipping them saves a bidi lookup.
	if !c.shapes() && levelless(text[i]) {
		return 1, true
	}
	return levels[i], false
}

// ligature returns the lam-alef ligature when text[i] is a lam joined to
// an alef right after it. FriBidi forms it only at odd levels (its
// ligature pass skips left-to-right text) and only for adjacent runes at
// the same level; the lam's form picks the ligature's: initial lam makes
// the isolated ligature, medial lam the final one.
func ligature(text []rune, levels []uint8, js []joinState, i int) (rune, bool) {
	if text[i] != lam || i+1 >= len(text) {
		return 0, false
	}
	l, ok := ligatureWith(text[i+1])
	if !ok {
		return 0, false
	}
	if levels != nil && (levels[i]%2 == 0 || levels[i] != levels[i+1]) {
		return 0, false
	}
	if js[i].sides&left == 0 || js[i+1].sides != right {
		return 0, false
	}
	if js[i].sides&right != 0 {
		return l.final, true
	}
	return l.isolated, true
}
