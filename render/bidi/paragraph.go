package bidi

// Dir is a paragraph direction.
type Dir uint8

const (
	LTR  Dir = iota // left to right, paragraph level 0
	RTL             // right to left, paragraph level 1
	Auto            // from the first strong character (P2–P3), LTR if none
)

func (d Dir) String() string {
	switch d {
	case LTR:
		return "LTR"
	case RTL:
		return "RTL"
	case Auto:
		return "Auto"
	}
	return "Dir(?)"
}

// Level is an embedding level. Odd levels are right to left. Explicit
// embeddings stop at 125 (max_depth); implicit rules can add one more.
type Level uint8

// maxDepth is max_depth of BD2.
const maxDepth = 125

// IsRTL reports whether text at level l runs right to left.
func (l Level) IsRTL() bool { return l&1 == 1 }

// Dir returns the direction of text at level l.
func (l Level) Dir() Dir {
	if l.IsRTL() {
		return RTL
	}
	return LTR
}

// Direction applies rules P2 and P3 to text: the direction of its first
// character of class L, R or AL, ignoring characters between an isolate
// initiator and its matching PDI (or the end of the text when it has none).
// found is false when there is no such character; d is then LTR, as P3
// prescribes, but a caller can prefer a language hint instead.
//
// Only the first paragraph counts: the search stops at a paragraph
// separator.
func Direction(text []rune) (d Dir, found bool) {
	depth := 0
	for _, r := range text {
		switch ClassOf(r) {
		case L:
			if depth == 0 {
				return LTR, true
			}
		case R, AL:
			if depth == 0 {
				return RTL, true
			}
		case LRI, RLI, FSI:
			depth++
		case PDI:
			// A PDI outside any isolate matches nothing (BD9) and is
			// just skipped.
			if depth > 0 {
				depth--
			}
		case B:
			return LTR, false
		}
	}
	return LTR, false
}

// Paragraph holds the resolved embedding levels of one paragraph.
//
// The text is a single paragraph: a caller splits text at paragraph
// separators first (rule P1). A paragraph separator inside the text is
// tolerated: as in rule X8 it gets the paragraph level and ends all
// embeddings, overrides and isolates, but the paragraph keeps one level.
type Paragraph struct {
	classes []Class  // original Bidi_Class of each rune
	levels  []Level  // resolved levels, before L1
	level   Level    // paragraph embedding level
	present classSet // the classes in classes

	resolver // scratch space, kept to be reused by init
}

// NewParagraph resolves the levels of text (rules P2–P3 when base is Auto,
// then X1–X10, W1–W7, N0–N2 and I1–I2). The text is not retained.
func NewParagraph(text []rune, base Dir) *Paragraph {
	p := new(Paragraph)
	p.init(text, nil, base)
	return p
}

// Reset resolves the levels of text as NewParagraph does, into p: p then
// holds text's paragraph instead of the one it held, and resolving
// paragraph after paragraph into one Paragraph allocates only while the
// longest one grows. The zero Paragraph is ready to be Reset. Slices that
// Levels and LineLevels returned before are copies, and stay as they were.
func (p *Paragraph) Reset(text []rune, base Dir) {
	p.init(text, nil, base)
}

// Len returns the number of runes in the paragraph.
func (p *Paragraph) Len() int { return len(p.levels) }

// Level returns the paragraph embedding level: 0 or 1.
func (p *Paragraph) Level() Level { return p.level }

// Dir returns the resolved paragraph direction: LTR or RTL.
func (p *Paragraph) Dir() Dir { return p.level.Dir() }

// Levels returns one resolved level per rune, before the line rules: a
// character removed by X9 gets the level of the nearest preceding character
// that is not removed, or of the nearest following one at the start, or the
// paragraph level when there is none.
func (p *Paragraph) Levels() []Level {
	return append([]Level(nil), p.levels...)
}

// AppendLevels is Levels appending to dst, to reuse its storage.
func (p *Paragraph) AppendLevels(dst []Level) []Level {
	return append(dst, p.levels...)
}

// Class returns the Bidi_Class of the rune at index i.
func (p *Paragraph) Class(i int) Class { return p.classes[i] }

// init resolves a paragraph given either its text or, when text is nil,
// its classes (then no character is a bracket: the BidiTest.txt case).
// Buffers of a previous use are reused.
func (p *Paragraph) init(text []rune, classes []Class, base Dir) {
	n := len(classes)
	if text != nil {
		n = len(text)
	}
	p.classes = resize(p.classes, n)
	var present classSet
	if text != nil {
		for i, r := range text {
			c := ClassOf(r)
			p.classes[i] = c
			present |= c.set()
		}
	} else {
		copy(p.classes, classes)
		for _, c := range classes {
			present |= c.set()
		}
	}
	p.present = present
	p.levels = resize(p.levels, n)
	p.resolve(text, base)
}

// reserve returns s emptied, with room for n items.
func reserve[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, 0, n)
	}
	return s[:0]
}

// resize returns a slice of n items, reusing the storage of s if it can.
// The items are not cleared.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
