package bidi

import "slices"

// LineLevels returns the levels of the display line made of the runes
// [start, end) of the paragraph, after rule L1: separators, and whitespace
// and isolate formatting characters that run up to a separator or to the
// end of the line, go back to the paragraph level, so that trailing spaces
// stay at the line's end whatever the text around them. Everything else
// keeps the level the whole paragraph resolved: a line is never resolved on
// its own, which would lose context (a line of digits in a right-to-left
// paragraph would come out left to right).
//
// Characters removed by X9 get the level of the preceding character of the
// line, or of the following one at the start of the line, as in Levels.
//
// LineLevels panics if [start, end) is not within [0, p.Len()].
func (p *Paragraph) LineLevels(start, end int) []Level {
	return p.appendLineLevels(nil, start, end)
}

// AppendLineLevels is LineLevels appending to dst, to reuse its storage.
func (p *Paragraph) AppendLineLevels(dst []Level, start, end int) []Level {
	return p.appendLineLevels(dst, start, end)
}

func (p *Paragraph) appendLineLevels(dst []Level, start, end int) []Level {
	dst = append(dst, p.levels[start:end]...)
	levels := dst[len(dst)-(end-start):]
	classes := p.classes[start:end]

	// L1, scanning backwards so that a sequence is known to end at a
	// separator or at the end of the line when it is met.
	reset := true // the end of the line counts as a separator
	for i := len(levels) - 1; i >= 0; i-- {
		switch c := classes[i]; {
		case c == S || c == B:
			levels[i] = p.level
			reset = true
		case trailingL1.has(c):
			if reset {
				levels[i] = p.level
			}
		default:
			reset = false
		}
	}

	// Removed characters take a neighbour's level again, now that L1
	// may have changed their neighbours.
	if p.present&removedByX9 == 0 {
		return dst
	}
	lead := p.level
	for i, c := range classes {
		if !removedByX9.has(c) {
			lead = levels[i]
			break
		}
	}
	fillRemoved(classes, levels, lead)
	return dst
}

// Reorder applies rule L2 to a line: it returns the indices of levels in
// visual order, from left to right. From the highest level down to the
// lowest odd one, every maximal run of items at that level or higher is
// reversed.
//
// The items can be anything that moves as a unit: runes, or grapheme
// clusters so that a base letter keeps its combining marks (give each
// cluster the level of its first rune; all runes of a cluster normally
// share one level).
func Reorder(levels []Level) []int {
	return reorder(make([]int, len(levels)), levels)
}

// AppendReorder is Reorder appending the indices to dst, to reuse its
// storage.
func AppendReorder(dst []int, levels []Level) []int {
	n := len(dst)
	dst = slices.Grow(dst, len(levels))[:n+len(levels)]
	order := dst[n:]
	reorder(order, levels)
	return dst
}

// reorder is Reorder writing into order, which has len(levels) elements.
func reorder(order []int, levels []Level) []int {
	for i := range order {
		order[i] = i
	}
	if len(levels) == 0 {
		return order
	}
	// Levels come from the caller and may exceed what the algorithm
	// produces: start above any of them.
	highest, lowestOdd := Level(0), Level(255)
	for _, l := range levels {
		highest = max(highest, l)
		if l.IsRTL() {
			lowestOdd = min(lowestOdd, l)
		}
	}
	for l := highest; l >= lowestOdd && l > 0; l-- {
		for i := 0; i < len(order); {
			if levels[order[i]] < l {
				i++
				continue
			}
			j := i + 1
			for j < len(order) && levels[order[j]] >= l {
				j++
			}
			for a, b := i, j-1; a < b; a, b = a+1, b-1 {
				order[a], order[b] = order[b], order[a]
			}
			i = j
		}
	}
	return order
}
