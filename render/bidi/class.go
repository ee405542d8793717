package bidi

// Class is a Bidi_Class property value (UAX #9, Table 4).
type Class uint8

// The Bidi_Class values. The short names are the ones used by the Unicode
// Character Database and by UAX #9 itself, so the rules read the same in the
// code as in the standard.
const (
	L   Class = iota // Left_To_Right
	R                // Right_To_Left
	AL               // Arabic_Letter
	EN               // European_Number
	ES               // European_Separator
	ET               // European_Terminator
	AN               // Arabic_Number
	CS               // Common_Separator
	NSM              // Nonspacing_Mark
	BN               // Boundary_Neutral
	B                // Paragraph_Separator
	S                // Segment_Separator
	WS               // White_Space
	ON               // Other_Neutral
	LRE              // Left_To_Right_Embedding
	LRO              // Left_To_Right_Override
	RLE              // Right_To_Left_Embedding
	RLO              // Right_To_Left_Override
	PDF              // Pop_Directional_Format
	LRI              // Left_To_Right_Isolate
	RLI              // Right_To_Left_Isolate
	FSI              // First_Strong_Isolate
	PDI              // Pop_Directional_Isolate

	numClasses
)

var classNames = [numClasses]string{
	L: "L", R: "R", AL: "AL", EN: "EN", ES: "ES", ET: "ET", AN: "AN",
	CS: "CS", NSM: "NSM", BN: "BN", B: "B", S: "S", WS: "WS", ON: "ON",
	LRE: "LRE", LRO: "LRO", RLE: "RLE", RLO: "RLO", PDF: "PDF",
	LRI: "LRI", RLI: "RLI", FSI: "FSI", PDI: "PDI",
}

// String returns the short property value alias, e.g. "AL".
func (c Class) String() string {
	if c < numClasses {
		return classNames[c]
	}
	return "Class(?)"
}

// classSet is a bit set of classes, so that the many "is one of" tests of
// the rules stay a single AND.
type classSet uint32

func setOf(cs ...Class) classSet {
	var s classSet
	for _, c := range cs {
		s |= c.set()
	}
	return s
}

func (s classSet) has(c Class) bool { return s&c.set() != 0 }

// set returns the set of c alone. (Classes are below 32: the mask spares
// the shift its check for larger counts.)
func (c Class) set() classSet { return 1 << (c & 31) }

var (
	// X9 removes these from the algorithm's view; they still get a level
	// here (see Paragraph.Levels) but never take part in W1–I2.
	removedByX9 = setOf(RLE, LRE, RLO, LRO, PDF, BN)
	// isolateInitiators is BD8.
	isolateInitiators = setOf(LRI, RLI, FSI)
	// isolateControls are the "isolate formatting characters" of N1 and L1.
	isolateControls = setOf(LRI, RLI, FSI, PDI)
	// neutralOrIsolate is the NI of N1/N2.
	neutralOrIsolate = setOf(B, S, WS, ON, LRI, RLI, FSI, PDI)
	// explicitOrSeparator are the classes that make X1–X10 more than
	// "every character at the paragraph level, all in one isolating run
	// sequence": explicit formatting, paragraph separators, and the
	// characters X9 removes.
	explicitOrSeparator = setOf(LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI, PDI, B, BN)
	// trailingL1 are the characters L1 resets when they run up to a
	// separator or the end of the line: whitespace and isolate formatting
	// characters, plus whatever X9 removed (UAX #9 §5.2 keeps those in the
	// sequence so that retained controls do not break it up).
	trailingL1 = setOf(WS, LRI, RLI, FSI, PDI) | removedByX9
)

// ClassOf returns the Bidi_Class of r, following the tables of the Unicode
// version in UnicodeVersion, including the block defaults that
// DerivedBidiClass.txt states for unassigned code points. Runes outside the
// code space (negative or above U+10FFFF) are L; U+FFFD, which a []rune
// conversion makes of invalid UTF-8, is an ordinary ON.
func ClassOf(r rune) Class {
	if r < 0 || r > 0x10FFFF {
		return L
	}
	switch {
	case r < 0x80:
		return asciiClasses[r]
	case r < commonLast:
		return commonClasses[r-0x80]
	case 0xfb00 <= r && r <= 0xfeff:
		return formClasses[r-0xfb00]
	}
	return searchClass(r)
}

// commonClasses caches ClassOf for U+0080..U+08FF, the blocks from Latin-1
// to Arabic Extended-A, where nearly all right-to-left text (Hebrew,
// Arabic, Syriac, Thaana, N'Ko) lies; formClasses for U+FB00..U+FEFF, the
// Hebrew and Arabic presentation forms.
var (
	commonClasses [commonLast - 0x80]Class
	formClasses   [0xff00 - 0xfb00]Class
)

const commonLast = 0x0900

func init() {
	// Everything not in classRanges is L, which is 0.
	fill := func(cache []Class, first rune) {
		last := first + rune(len(cache)) - 1
		for _, e := range classRanges {
			for r := max(e.lo, first); r <= min(e.hi, last); r++ {
				cache[r-first] = e.class
			}
		}
	}
	fill(commonClasses[:], 0x80)
	fill(formClasses[:], 0xfb00)
}

// searchClass is ClassOf from the tables alone, for r in the code space.
func searchClass(r rune) Class {
	if r < 0x80 {
		return asciiClasses[r]
	}
	// Binary search over the non-L ranges; everything else is L, the
	// global @missing default.
	lo, hi := 0, len(classRanges)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch e := &classRanges[m]; {
		case r < e.lo:
			hi = m
		case r > e.hi:
			lo = m + 1
		default:
			return e.class
		}
	}
	return L
}

// IsRemovedByX9 reports whether rule X9 removes r from the algorithm: the
// embedding and override controls, PDF, and every Boundary_Neutral
// character (ZWJ, ZWNJ, soft hyphen, most C0 controls...). Such runes still
// get a level from Paragraph, but a renderer normally does not draw them.
func IsRemovedByX9(r rune) bool { return removedByX9.has(ClassOf(r)) }

// bracketOf returns, for a character with Bidi_Paired_Bracket_Type Open or
// Close, the key shared by both brackets of its pair and whether it opens.
// The key is the opening bracket after canonical decomposition, which makes
// U+2329/U+232A pair with U+3008/U+3009 as BD16 requires.
func bracketOf(r rune) (key rune, open, ok bool) {
	lo, hi := 0, len(brackets)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch e := &brackets[m]; {
		case r < e.r:
			hi = m
		case r > e.r:
			lo = m + 1
		default:
			return e.key, e.open, true
		}
	}
	return 0, false, false
}

type classRange struct {
	lo, hi rune
	class  Class
}

type bracket struct {
	r, key rune
	open   bool
}

type mirrorPair struct {
	r, m rune
}
