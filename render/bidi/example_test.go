package bidi_test

import (
	"fmt"

	"nashra/render/bidi"
)

// A paragraph is resolved once, then each wrapped line is reordered on its
// own with the paragraph's levels.
func Example() {
	text := []rune("عاجل: الدولار يسجل 3.75 ريال (تحديث)")
	dir, found := bidi.Direction(text)
	if !found {
		dir = bidi.RTL // e.g. from the feed's language
	}
	p := bidi.NewParagraph(text, dir)

	for _, line := range [][2]int{{0, 19}, {19, len(text)}} { // from a line breaker
		levels := p.LineLevels(line[0], line[1])
		var out []rune
		for _, i := range bidi.Reorder(levels) {
			r := text[line[0]+i]
			if bidi.IsRemovedByX9(r) {
				continue
			}
			if levels[i].IsRTL() {
				if m, ok := bidi.Mirror(r); ok {
					r = m
				}
			}
			out = append(out, r)
		}
		fmt.Printf("%q\n", string(out))
	}
	// Output:
	// " لجسي رالودلا :لجاع"
	// "(ثيدحت) لاير 3.75"
}
