package render

// Wrap lays out the paragraph s in display lines of at most width cells.
// Lines are broken in logical order, at spaces where possible, then each
// line is put in display order with the levels of the whole paragraph — a
// line is never re-analysed on its own, which would misplace e.g. a number
// that wraps after an Arabic word. Lines are not padded; Pad aligns them.
func (t *Typesetter) Wrap(s, lang string, width int) []Line {
	p := t.newParagraph(s, lang)
	sc := p.sc
	sc.spans = p.appendBreakLines(sc.spans[:0], width)
	// The lines are assembled in one buffer that becomes one string, and
	// each line's Text is a piece of it.
	out, ends := sc.out[:0], sc.ends[:0]
	for _, sp := range sc.spans {
		out = p.appendVisual(out, sp.from, sp.to, "")
		ends = append(ends, len(out))
	}
	text := string(out)
	lines := make([]Line, len(sc.spans))
	start := 0
	for i, sp := range sc.spans {
		lines[i] = Line{Text: text[start:ends[i]], Width: sp.width, Dir: p.dir}
		start = ends[i]
	}
	sc.out, sc.ends = out, ends
	p.release()
	return lines
}

// span is one display line of a paragraph: clusters [from, to).
type span struct{ from, to, width int }

// breakLines fills lines greedily. A line ends before the space that
// would overflow it; that space and any after it are dropped, since they
// would stand at the line's edge. A word wider than a line is cut between
// clusters.
func (p *paragraph) breakLines(width int) []span {
	return p.appendBreakLines(nil, width)
}

// appendBreakLines is breakLines appending to spans, to reuse its storage.
func (p *paragraph) appendBreakLines(spans []span, width int) []span {
	width = max(width, 1)
	first := len(spans)
	cs := p.clusters
	i := 0
	for i < len(cs) {
		for i < len(cs) && cs[i].blank() { // no line starts with a space
			i++
		}
		if i == len(cs) {
			break
		}
		from, w := i, 0
		lastBreak, breakWidth := -1, 0
		for i < len(cs) && w+cs[i].width <= width {
			if cs[i].space && i > from && !cs[i-1].space {
				lastBreak, breakWidth = i, w
			}
			w += cs[i].width
			i++
		}
		switch {
		case i == len(cs):
			// the rest fits
		case cs[i].space:
			// the line ends exactly at a word's end
		case lastBreak > 0:
			i, w = lastBreak, breakWidth
		case i == from:
			i, w = from+1, cs[from].width // a cluster wider than the line
		}
		to := i
		for to > from && cs[to-1].blank() {
			to--
			w -= cs[to].width
		}
		spans = append(spans, span{from: from, to: to, width: w})
	}
	if len(spans) == first {
		spans = append(spans, span{})
	}
	return spans
}
