package sanitize

import "strings"

// Explicit bidi formatting characters (UAX #9, section 2).
const (
	lre = '\u202a'
	rle = '\u202b'
	pdf = '\u202c'
	lro = '\u202d'
	rlo = '\u202e'
	lri = '\u2066'
	rli = '\u2067'
	fsi = '\u2068'
	pdi = '\u2069'
)

// IsBidiControl reports whether r is one of the explicit bidi formatting
// characters: the embeddings, overrides and isolates and their
// terminators (LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI, PDI).
func IsBidiControl(r rune) bool {
	return (r >= lre && r <= rlo) || (r >= lri && r <= pdi)
}

// CloseBidi makes the explicit bidi formatting of s end within s, for a
// field printed beside others on one line: a terminator with nothing to
// close (which would close an embedding of the text before s) is
// dropped, and every embedding, override or isolate left open is closed
// at the end, as UAX #9 pairs them, so that an RLO in a title cannot
// reverse what is printed after it.
func CloseBidi(s string) string {
	if !strings.ContainsFunc(s, IsBidiControl) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	var open []rune // 'e' for an embedding or override, 'i' for an isolate
	for _, r := range s {
		switch r {
		case lre, rle, lro, rlo:
			open = append(open, 'e')
		case lri, rli, fsi:
			open = append(open, 'i')
		case pdf:
			// A PDF closes an embedding opened after the last open
			// isolate; otherwise it does nothing (rule X7) and goes.
			if len(open) == 0 || open[len(open)-1] != 'e' {
				continue
			}
			open = open[:len(open)-1]
		case pdi:
			// A PDI closes the last open isolate and every embedding
			// opened inside it (rule X6a); without one it goes.
			k := len(open) - 1
			for k >= 0 && open[k] != 'i' {
				k--
			}
			if k < 0 {
				continue
			}
			open = open[:k]
		}
		b.WriteRune(r)
	}
	for k := len(open) - 1; k >= 0; k-- {
		if open[k] == 'i' {
			b.WriteRune(pdi)
		} else {
			b.WriteRune(pdf)
		}
	}
	return b.String()
}
