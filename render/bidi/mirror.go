package bidi

// Mirror returns the Bidi_Mirroring_Glyph of r: the character whose glyph
// is the mirror image of r's, such as ')' for '(' or '»' for '«'. Rule L4
// draws it instead of r when r is at a right-to-left (odd) level, which a
// terminal that lays runes out left to right cannot do itself. ok is false
// when r has no mirrored counterpart in the table (some mirrored characters
// have none and would need a mirrored glyph instead).
func Mirror(r rune) (m rune, ok bool) {
	if 0 <= r && r < 0x10000 && mirrorBlocks[r>>6>>6]&(1<<(r>>6&63)) == 0 {
		return r, false
	}
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

// mirrorBlocks has a bit for every block of 64 code points of the BMP,
// set when the block holds a character of the mirrors table: most text
// (letters of any script) has nothing to look up.
var mirrorBlocks = func() (b [0x10000 >> 6 >> 6]uint64) {
	for _, e := range mirrors {
		if e.r < 0x10000 {
			b[e.r>>6>>6] |= 1 << (e.r >> 6 & 63)
		}
	}
	return b
}()
