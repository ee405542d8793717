package render

import "nashra/render/bidi"

// ChromeRTL lays out a line of nashra's own interface when the interface
// itself reads right to left (the Arabic interface): the line's base
// direction is right to left and it is aligned to the right, whatever
// English it quotes.
func (t *Typesetter) ChromeRTL(s string, width int) string {
	return t.fit(s, "", bidi.RTL, width)
}
