package bidi

import "slices"

// maxBracketDepth is the size of the BD16 stack.
const maxBracketDepth = 63

// resolveSequence applies the weak (W1–W7) and neutral (N0–N2) rules to one
// isolating run sequence: seq holds the indices of its characters, level is
// its embedding level, sos and eos its boundary types. The resolved types
// are written back to p.types for I1–I2.
//
// A nil seq stands for the whole paragraph in order, with no override (see
// resolvePlain): the rules then work on p.types in place.
func (p *Paragraph) resolveSequence(seq []int32, level Level, sos, eos Class, text []rune) {
	var t, t0 []Class
	present := p.present // the classes of t, if it is the whole paragraph
	if seq == nil {
		t, t0 = p.types, p.classes
	} else {
		present = 0
		t = resize(p.t, len(seq))
		for k, i := range seq {
			c := p.types[i]
			t[k] = c
			present |= c.set()
		}
		t0 = append(p.t0[:0], t...)
		p.t, p.t0 = t, t0
	}

	resolveWeak(t, sos, present)
	// Paired brackets are all of class ON, which W1–W7 leave alone.
	if text != nil && present.has(ON) {
		p.resolveBrackets(seq, t, t0, level, sos, text)
	}
	resolveNeutral(t, level.strong(), sos, eos)

	for k, i := range seq {
		p.types[i] = t[k]
	}
}

// resolveWeak applies W1–W7 in order, each over the whole sequence, since
// each rule reads the output of the previous ones. A rule that rewrites
// types none of which occurs is skipped: most text has no marks, no
// terminators, often no digits. present is the set of the types in t.
func resolveWeak(t []Class, sos Class, present classSet) {

	// W1: a mark takes the type of what it is attached to; after an
	// isolate initiator or a PDI it is attached to nothing visible from
	// this sequence, so it becomes a neutral. The types it gives marks
	// occur already, or are sos or ON, which no later rule looks for.
	if present.has(NSM) {
		prev := sos
		for k, c := range t {
			switch {
			case c == NSM:
				t[k] = prev
			case isolateControls.has(c):
				prev = ON
			default:
				prev = c
			}
		}
	}

	if present&numbers == 0 {
		// Without numbers, W2 and W4–W7 only turn AL into R (W3) and
		// separators and terminators into ON (W6): one pass, no branch.
		if present&(AL.set()|separatorsOrTerminators) != 0 {
			for k, c := range t {
				t[k] = withoutNumbers[c&31]
			}
		}
		return
	}

	// W2: digits after Arabic letters are Arabic numbers. W3 follows in
	// the same pass: AL only matters to W2, so it becomes R once read.
	if present.has(AL) {
		strong := sos
		for k, c := range t {
			switch c {
			case L, R:
				strong = c
			case AL:
				strong = AL
				t[k] = R
			case EN:
				if strong == AL {
					t[k] = AN
				}
			}
		}
	}

	// W4: one separator between two numbers of the same kind joins them.
	// (AN occurs only where EN or AN did.)
	if present&separators != 0 && present&numbers != 0 {
		for k := 1; k+1 < len(t); k++ {
			switch t[k] {
			case ES:
				if t[k-1] == EN && t[k+1] == EN {
					t[k] = EN
				}
			case CS:
				if t[k-1] == EN && t[k+1] == EN {
					t[k] = EN
				} else if t[k-1] == AN && t[k+1] == AN {
					t[k] = AN
				}
			}
		}
	}

	// W5: terminators (currency, percent...) stick to an adjacent
	// European number.
	if present.has(ET) && present.has(EN) {
		for k := 0; k < len(t); {
			if t[k] != ET {
				k++
				continue
			}
			j := k
			for j < len(t) && t[j] == ET {
				j++
			}
			if (k > 0 && t[k-1] == EN) || (j < len(t) && t[j] == EN) {
				for ; k < j; k++ {
					t[k] = EN
				}
			}
			k = j
		}
	}

	// W6: separators and terminators left over are plain neutrals.
	if present&separatorsOrTerminators != 0 {
		for k, c := range t {
			if c == ES || c == ET || c == CS {
				t[k] = ON
			}
		}
	}

	// W7: European numbers in left-to-right context are left to right.
	if present.has(EN) {
		strong := sos
		for k, c := range t {
			switch c {
			case L, R:
				strong = c
			case EN:
				if strong == L {
					t[k] = L
				}
			}
		}
	}
}

// withoutNumbers maps each type to what W1–W7 make of it in a sequence
// without numbers, after W1.
var withoutNumbers = func() (m [32]Class) {
	for c := range m {
		m[c] = Class(c)
	}
	m[AL] = R
	m[ES], m[ET], m[CS] = ON, ON, ON
	return m
}()

var (
	separators              = setOf(ES, CS)
	numbers                 = setOf(EN, AN)
	separatorsOrTerminators = setOf(ES, ET, CS)
)

// strongN returns the direction a type counts as in N0 and N1, where
// numbers count as R; ON for neutrals.
func strongN(c Class) Class {
	switch c {
	case L:
		return L
	case R, AL, EN, AN:
		return R
	}
	return ON
}

// resolveBrackets applies N0: a bracket pair takes the direction of what
// it encloses, so that "(" and ")" end up on the sides of the same text.
func (p *Paragraph) resolveBrackets(seq []int32, t, t0 []Class, level Level, sos Class, text []rune) {
	// BD16: pair brackets with a stack. Only brackets that are still ON
	// count, so an override disables them.
	openers, pairs := p.openers[:0], p.pairs[:0]
scan:
	for k, c := range t {
		if c != ON {
			continue
		}
		i := k
		if seq != nil {
			i = int(seq[k])
		}
		key, open, ok := bracketOf(text[i])
		switch {
		case !ok:
		case open:
			if len(openers) == maxBracketDepth {
				break scan // BD16: stop pairing for the rest of the sequence
			}
			openers = append(openers, opener{key, k})
		default:
			// A closer matches the nearest open bracket of its kind
			// and discards the unmatched openers above it.
			for j := len(openers) - 1; j >= 0; j-- {
				if openers[j].key == key {
					pairs = append(pairs, span{openers[j].pos, k})
					openers = openers[:j]
					break
				}
			}
		}
	}
	p.openers, p.pairs = openers, pairs
	if len(pairs) == 0 {
		return
	}
	// Pairs are found in order of their closers; N0 takes them in order
	// of their openers, since resolving one becomes context for the next.
	slices.SortFunc(pairs, func(x, y span) int { return x.a - y.a })

	e := level.strong()
	for _, pr := range pairs {
		inside := ON
		for k := pr.a + 1; k < pr.b; k++ {
			if s := strongN(t[k]); s != ON {
				inside = s
				if s == e {
					break
				}
			}
		}
		if inside == ON {
			continue // N0 d: nothing strong inside, leave it to N1/N2.
		}
		d := inside // N0 b: the embedding direction is inside.
		if inside != e {
			// N0 c: only the opposite direction is inside; it is kept
			// only if the text before the pair establishes it too.
			context := sos
			for k := pr.a - 1; k >= 0; k-- {
				if s := strongN(t[k]); s != ON {
					context = s
					break
				}
			}
			if context != inside {
				d = e
			}
		}
		for _, k := range [2]int{pr.a, pr.b} {
			t[k] = d
			// Marks on a bracket follow it: W1 made them ON from the
			// bracket's type before N0 resolved it.
			for k++; k < len(t) && t0[k] == NSM; k++ {
				t[k] = d
			}
		}
	}
}

// resolveNeutral applies N1 and N2: a run of neutrals between two strong
// types of the same direction takes it, any other takes the embedding
// direction e.
func resolveNeutral(t []Class, e, sos, eos Class) {
	for k := 0; k < len(t); {
		if !neutralOrIsolate.has(t[k]) {
			k++
			continue
		}
		j := k
		for j < len(t) && neutralOrIsolate.has(t[j]) {
			j++
		}
		before, after := sos, eos
		if k > 0 {
			before = strongN(t[k-1])
		}
		if j < len(t) {
			after = strongN(t[j])
		}
		d := e
		if before == after {
			d = before
		}
		for ; k < j; k++ {
			t[k] = d
		}
	}
}
