package bidi

// resolver is the scratch space of one resolution, kept in the Paragraph so
// that resolving many paragraphs in a row (the conformance tests) does not
// allocate for each.
type resolver struct {
	types       []Class  // classes as the rules rewrite them
	matchingPDI []int32  // BD9, for isolate initiators; -1 when none
	kept        []int32  // indices of the characters X9 keeps
	runs        []span   // level runs (BD7), as ranges of kept
	runAt       []int32  // run index of each kept character
	consumed    []bool   // runs already placed in a sequence
	seq         []int32  // current isolating run sequence (BD13)
	t, t0       []Class  // its types, and their values before W1
	openers     []opener // BD16 stack
	pairs       []span   // BD16 bracket pairs, as sequence positions
	stack       [maxDepth + 2]status
}

type span struct{ a, b int }

type opener struct {
	key rune
	pos int
}

// status is an entry of the directional status stack of X1.
type status struct {
	level    Level
	override Class // ON for "neutral", else L or R
	isolate  bool
}

func (p *Paragraph) resolve(text []rune, base Dir) {
	n := len(p.classes)
	p.types = resize(p.types, n)
	copy(p.types, p.classes)
	if p.present&explicitOrSeparator == 0 {
		p.resolvePlain(text, base)
		return
	}
	// Every per-sequence buffer holds at most n items: size them once.
	p.kept = reserve(p.kept, n)
	p.seq = reserve(p.seq, n)
	p.t = reserve(p.t, n)
	p.t0 = reserve(p.t0, n)
	p.matchIsolates()

	switch base {
	case RTL:
		p.level = 1
	case LTR:
		p.level = 0
	default:
		// P2, P3.
		if d, _ := p.firstStrong(0, n); d == RTL {
			p.level = 1
		} else {
			p.level = 0
		}
	}

	p.explicitLevels()
	p.isolatingRunSequences(text)
	p.implicitLevels()
	p.levelRemoved()
}

// resolvePlain is resolve for text with no explicit formatting character,
// paragraph separator or character that X9 removes, the common case: X1–X8
// put every character at the paragraph level, with no override, so the
// whole paragraph is one level run and one isolating run sequence, whose
// sos and eos are the paragraph's direction.
func (p *Paragraph) resolvePlain(text []rune, base Dir) {
	switch base {
	case RTL:
		p.level = 1
	case LTR:
		p.level = 0
	default:
		// P2, P3, with no isolate to skip.
		p.level = 0
		for _, c := range p.classes {
			if c == L {
				break
			}
			if c == R || c == AL {
				p.level = 1
				break
			}
		}
	}
	p.kept = p.kept[:0]
	s := p.level.strong()
	p.resolveSequence(nil, p.level, s, s, text)
	for i, t := range p.types {
		p.levels[i] = implicitLevel(p.level, t)
	}
}

// matchIsolates finds the matching PDI of every isolate initiator (BD9). A
// paragraph separator ends all isolates, as the paragraph would end there.
func (p *Paragraph) matchIsolates() {
	p.matchingPDI = resize(p.matchingPDI, len(p.classes))
	open := p.kept[:0] // borrowed as a stack of initiators
	for i, c := range p.classes {
		p.matchingPDI[i] = -1
		switch c {
		case LRI, RLI, FSI:
			open = append(open, int32(i))
		case PDI:
			if len(open) > 0 {
				p.matchingPDI[open[len(open)-1]] = int32(i)
				open = open[:len(open)-1]
			}
		case B:
			open = open[:0]
		}
	}
	p.kept = open[:0]
}

// firstStrong is P2 over the original classes of [from, to): the direction
// of the first L, R or AL, skipping isolates. An isolate without a matching
// PDI runs to the end of the paragraph, so nothing after it counts.
func (p *Paragraph) firstStrong(from, to int) (Dir, bool) {
	for i := from; i < to; i++ {
		switch p.classes[i] {
		case L:
			return LTR, true
		case R, AL:
			return RTL, true
		case LRI, RLI, FSI:
			m := p.matchingPDI[i]
			if m < 0 {
				return LTR, false
			}
			i = int(m)
		case B:
			return LTR, false
		}
	}
	return LTR, false
}

// explicitLevels applies X1–X8: the level of every character from the
// embedding, override and isolate controls around it, with overrides
// applied to p.types.
func (p *Paragraph) explicitLevels() {
	st := &p.stack
	top := 0
	st[0] = status{level: p.level, override: ON}
	// X1: the counters that keep PDF and PDI paired with what they close
	// even past max_depth, where pushes are refused.
	overflowIsolates, overflowEmbeddings, validIsolates := 0, 0, 0

	for i, c := range p.classes {
		cur := st[top]
		switch c {
		case RLE, LRE, RLO, LRO:
			// X2–X5. The control itself is removed by X9 and takes the
			// level it appears at, for now.
			p.levels[i] = cur.level
			l := nextLevel(cur.level, c == RLE || c == RLO)
			if l <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				override := ON
				switch c {
				case RLO:
					override = R
				case LRO:
					override = L
				}
				top++
				st[top] = status{level: l, override: override}
			} else if overflowIsolates == 0 {
				overflowEmbeddings++
			}

		case RLI, LRI, FSI:
			// X5a–X5c. The initiator belongs to the outside of its
			// isolate: level and override of the enclosing entry.
			p.levels[i] = cur.level
			if cur.override != ON {
				p.types[i] = cur.override
			}
			rtl := c == RLI
			if c == FSI {
				end := len(p.classes)
				if m := p.matchingPDI[i]; m >= 0 {
					end = int(m)
				}
				d, _ := p.firstStrong(i+1, end)
				rtl = d == RTL
			}
			l := nextLevel(cur.level, rtl)
			if l <= maxDepth && overflowIsolates == 0 && overflowEmbeddings == 0 {
				validIsolates++
				top++
				st[top] = status{level: l, override: ON, isolate: true}
			} else {
				overflowIsolates++
			}

		case PDI:
			// X6a. Closing an isolate also closes every embedding opened
			// inside it and not closed, overflowed ones included.
			if overflowIsolates > 0 {
				overflowIsolates--
			} else if validIsolates > 0 {
				overflowEmbeddings = 0
				for !st[top].isolate {
					top--
				}
				top--
				validIsolates--
			}
			cur = st[top]
			p.levels[i] = cur.level
			if cur.override != ON {
				p.types[i] = cur.override
			}

		case PDF:
			// X7. A PDF never closes an isolate, nor the paragraph's entry.
			p.levels[i] = cur.level
			if overflowIsolates > 0 {
				// Inside an overflowed isolate: it matches nothing.
			} else if overflowEmbeddings > 0 {
				overflowEmbeddings--
			} else if !cur.isolate && top > 0 {
				top--
			}

		case B:
			// X8: a paragraph separator ends everything.
			p.levels[i] = p.level
			top = 0
			overflowIsolates, overflowEmbeddings, validIsolates = 0, 0, 0

		case BN:
			// Removed by X9; no override applies to it.
			p.levels[i] = cur.level

		default:
			// X6.
			p.levels[i] = cur.level
			if cur.override != ON {
				p.types[i] = cur.override
			}
		}
	}
}

// nextLevel returns the least odd (rtl) or even level greater than l.
func nextLevel(l Level, rtl bool) Level {
	if rtl {
		return (l + 1) | 1
	}
	return (l + 2) &^ 1
}

// isolatingRunSequences applies X9 and X10: it splits the characters that
// X9 keeps into level runs, chains the runs an isolate separates into
// isolating run sequences (BD13), and resolves each sequence on its own.
func (p *Paragraph) isolatingRunSequences(text []rune) {
	n := len(p.classes)
	kept := p.kept[:0]
	for i, c := range p.classes {
		if !removedByX9.has(c) {
			kept = append(kept, int32(i))
		}
	}
	p.kept = kept

	runs := p.runs[:0]
	p.runAt = resize(p.runAt, n)
	for a := 0; a < len(kept); {
		b := a + 1
		for b < len(kept) && p.levels[kept[b]] == p.levels[kept[a]] {
			b++
		}
		for k := a; k < b; k++ {
			p.runAt[kept[k]] = int32(len(runs))
		}
		runs = append(runs, span{a, b})
		a = b
	}
	p.runs = runs

	p.consumed = resize(p.consumed, len(runs))
	clear(p.consumed)
	for first := range runs {
		if p.consumed[first] {
			continue // already chained after an isolate initiator
		}
		seq := p.seq[:0]
		r := first
		for {
			p.consumed[r] = true
			seq = append(seq, kept[runs[r].a:runs[r].b]...)
			last := seq[len(seq)-1]
			if !isolateInitiators.has(p.classes[last]) {
				break
			}
			m := p.matchingPDI[last]
			if m < 0 {
				break
			}
			next := int(p.runAt[m])
			if kept[runs[next].a] != m || p.consumed[next] {
				// The PDI does not start a run: only possible when
				// the isolate overflowed and everything stayed at one
				// level, in which case the runs were not split.
				break
			}
			r = next
		}
		p.seq = seq

		// X10: sos and eos compare the sequence's level with the
		// levels on either side, as the explicit rules left them.
		level := p.levels[seq[0]]
		before := p.level
		if a := runs[first].a; a > 0 {
			before = p.levels[kept[a-1]]
		}
		after := p.level
		if b := runs[r].b; b < len(kept) && !isolateInitiators.has(p.classes[seq[len(seq)-1]]) {
			after = p.levels[kept[b]]
		}
		p.resolveSequence(seq, level, max(level, before).strong(), max(level, after).strong(), text)
	}
}

// strong returns the strong type of the direction of l: L or R.
func (l Level) strong() Class {
	if l.IsRTL() {
		return R
	}
	return L
}

// implicitLevels applies I1 and I2 to the levels of the kept characters,
// once every sequence has resolved its types: done at the end because X10
// needs the explicit levels of neighbouring sequences.
func (p *Paragraph) implicitLevels() {
	for _, i := range p.kept {
		p.levels[i] = implicitLevel(p.levels[i], p.types[i])
	}
}

// implicitLevel applies I1 and I2 to a character at level l resolved to
// type t.
func implicitLevel(l Level, t Class) Level {
	return l + implicitRaise[l&1][t&31]
}

// implicitRaise is what I1 (even levels) and I2 (odd levels) add to a level,
// by the type resolved there.
var implicitRaise = [2][32]Level{
	{R: 1, EN: 2, AN: 2},
	{L: 1, EN: 1, AN: 1},
}

// levelRemoved gives each character removed by X9 the level of a neighbour,
// so that it sits inside its neighbour's runs in L2 and cannot change the
// order of the others.
func (p *Paragraph) levelRemoved() {
	if len(p.kept) == len(p.classes) {
		return
	}
	lead := p.level // for removed characters before the first kept one
	if len(p.kept) > 0 {
		lead = p.levels[p.kept[0]]
	}
	fillRemoved(p.classes, p.levels, lead)
}

// fillRemoved sets the level of every removed character in levels to that
// of the preceding character, or to lead before the first kept one.
func fillRemoved(classes []Class, levels []Level, lead Level) {
	prev := lead
	for i, c := range classes {
		if removedByX9.has(c) {
			levels[i] = prev
		} else {
			prev = levels[i]
		}
	}
}
