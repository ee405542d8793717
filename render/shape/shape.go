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

import (
	"fmt"
	"slices"

	"nashra/render/bidi"
)

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
	checkLevels(text, levels)
	return shapeRunes(text, levels, nil, nil, false)
}

// Shaper shapes like Runes, reusing its buffers from one call to the next,
// so that shaping paragraph after paragraph allocates only while the
// longest one grows. The zero value is ready to use. A Shaper holds state:
// use it from one goroutine at a time.
type Shaper struct {
	out []rune
	src []int
}

// Runes is the package's Runes, except that out and src belong to s (they
// stay valid only until the next call) and that src is nil when no
// ligature formed: out[i] then stands for text[i].
func (s *Shaper) Runes(text []rune, levels []uint8) (out []rune, src []int) {
	return shaperRunes(s, text, levels)
}

// RunesAt is Runes with the levels as package bidi resolves them
// (Paragraph.Levels), which saves converting them.
func (s *Shaper) RunesAt(text []rune, levels []bidi.Level) (out []rune, src []int) {
	return shaperRunes(s, text, levels)
}

func shaperRunes[L ~uint8](s *Shaper, text []rune, levels []L) (out []rune, src []int) {
	checkLevels(text, levels)
	out, src = shapeRunes(text, levels, s.out[:0], s.src[:0], true)
	s.out = out
	if src != nil {
		s.src = src
	}
	return out, src
}

func checkLevels[L ~uint8](text []rune, levels []L) {
	if levels != nil && len(levels) != len(text) {
		panic(fmt.Sprintf("shape.Runes: %d levels for %d runes", len(levels), len(text)))
	}
}

// String shapes s as a single right-to-left run (see Runes with nil
// levels). Use it for text whose Arabic is not embedded in other
// directions; the result can be shorter than s by the lam-alef ligatures.
func String(s string) string {
	out, _ := Runes([]rune(s), nil)
	return string(out)
}

// shapeRunes is Runes, appending the shaped runes and their sources to out
// and src, which are empty. With lazySrc, src is only written from the
// first ligature on, and is nil if there is none.
//
// It walks the text once. Each rune is copied to out as it comes; a letter
// that takes forms is rewritten in place once its sides are known, which is
// when the next rune that takes part in joining (transparent and ignored
// runes do not) has been seen. Two such runes connect when the earlier one
// can connect towards the later and the later towards the earlier.
func shapeRunes[L ~uint8](text []rune, levels []L, out []rune, src []int, lazySrc bool) ([]rune, []int) {
	out = slices.Grow(out, len(text))
	oneToOne := lazySrc // out[k] stands for text[k], and src is not written
	if !lazySrc {
		src = slices.Grow(src, len(text))
	}
	var (
		prev       = -1  // index of the last joining participant
		prevRune   rune  // the participant
		prevOut    int   // its index in out
		prevSides  uint8 // the sides it connects on, as far as known
		prevShapes bool  // it takes forms, and is still to be given one
		prevLevel  uint8 // its level
		prevAny    bool  // its level matches any level (a levelless rune)
		prevNext   uint8 // its side facing the following rune
	)
	for i, r := range text {
		info := runeInfo(r)
		c, ll := info&^levellessBit, info&levellessBit != 0
		if c == ignored || c == transparent {
			if c == transparent && levels != nil && !prevAny && !ll && uint8(levels[i]) != prevLevel {
				// FriBidi breaks joins where embedding levels differ; a
				// transparent rune at another level breaks them too.
				prevSides &^= prevNext
			}
			out = append(out, r)
			if !oneToOne {
				src = append(src, i)
			}
			continue
		}
		// The level r is joined at, and whether it matches any level: nil
		// levels are all 1, and a levelless rune counts as right to left,
		// as FriBidi's odd sentinel level does.
		lv, anyLevel := uint8(1), false
		if levels != nil {
			if ll {
				anyLevel = true
			} else {
				lv = uint8(levels[i])
			}
		}
		if lv != prevLevel && !anyLevel && !prevAny && prevSides&prevNext != 0 {
			prevSides &^= prevNext
		}
		// In a right-to-left run the preceding letter lies to the right:
		// back is right at an odd level, left at an even one.
		odd := lv & 1
		back, next := left-odd, right+odd
		// prev and r connect if both can, towards each other. (prev can
		// connect to what follows while prevSides has prevNext.) The
		// sides are single bits: this is arithmetic rather than branches,
		// which the mix of letters that do and do not join would make
		// hard to predict.
		s := c.sides()
		both := bit(prevSides&prevNext) & bit(s&back)
		keep := 0 - both // all ones if they connect
		s &^= back &^ keep
		prevSides &^= prevNext &^ keep
		// prev's sides are final now.
		if prevShapes {
			if prevRune == lam && i == prev+1 {
				if lig, ok := ligature(text, levels, prev, prevSides, i, s); ok {
					// The alef joins the lam's cell; it connects on no
					// other side, so nothing after it can change that.
					out[prevOut] = lig
					if oneToOne {
						src = slices.Grow(src, len(text))
						for k := range out {
							src = append(src, k)
						}
						oneToOne = false
					}
					prev, prevRune, prevShapes = i, r, false
					prevSides, prevLevel, prevAny, prevNext = s, lv, anyLevel, next
					continue
				}
			}
			out[prevOut] = form(prevRune, prevSides)
		}
		out = append(out, r)
		if !oneToOne {
			src = append(src, i)
		}
		prev, prevRune, prevOut, prevShapes = i, r, len(out)-1, c.shapes()
		prevSides, prevLevel, prevAny, prevNext = s, lv, anyLevel, next
	}
	prevSides &^= prevNext // the end connects to nothing
	if prevShapes {
		out[prevOut] = form(prevRune, prevSides)
	}
	if oneToOne {
		return out, nil
	}
	return out, src
}

// bit returns 1 if x, which has at most its two low bits set, is not 0.
func bit(x uint8) uint8 { return (x | x>>1) & 1 }

// ligature returns the lam-alef ligature when text[i] is a lam, connecting
// on the sides lamSides, joined to an alef, connecting on alefSides, right
// after it. FriBidi forms it only at odd levels (its ligature pass skips
// left-to-right text) and only for adjacent runes at the same level; the
// lam's form picks the ligature's: initial lam makes the isolated
// ligature, medial lam the final one.
func ligature[L ~uint8](text []rune, levels []L, i int, lamSides uint8, alef int, alefSides uint8) (rune, bool) {
	if text[i] != lam || alef != i+1 || lamSides&left == 0 || alefSides != right {
		return 0, false
	}
	l, ok := ligatureWith(text[alef])
	if !ok {
		return 0, false
	}
	if levels != nil && (levels[i]%2 == 0 || levels[i] != levels[alef]) {
		return 0, false
	}
	if lamSides&right != 0 {
		return l.final, true
	}
	return l.isolated, true
}
