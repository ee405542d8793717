package bidi

// Mirror returns the Bidi_Mirroring_Glyph of r: the character whose glyph
// is the mirror image of r's, such as ')' for '(' or '»' for '«'. Rule L4
// draws it instead of r when r is at a right-to-left (odd) level, which a
// terminal that lays runes out left to right cannot do itself. ok is false
// when r has no mirrored counterpart in the table (some mirrored characters
// have none and would need a mirrored glyph instead).
func Mirror(r rune) (m rune, ok bool) {
	lo, hi := 0, len(mirrors)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		switch e := &mirrors[h]; {
		case r < e.r:
			hi = h
		case r > e.r:
			lo = h + 1
		default:
			return e.m, true
		}
	}
	return r, false
}
