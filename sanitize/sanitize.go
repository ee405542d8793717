// Package sanitize makes text that comes from outside — feeds, servers,
// imported files — safe to send to a terminal.
//
// A terminal acts on what it is sent: ESC ] 52 writes the clipboard, ESC ]
// 0 renames the window, ESC [ 2 J clears the screen, and the 8-bit C1
// controls (U+0080–U+009F, among them CSI U+009B) do the same in one code
// point. Text cleaned here holds none of that: escape sequences — CSI, OSC,
// DCS, SOS, PM, APC, and the short ESC sequences — are removed whole,
// parameters and payload included, so nothing of them shows as garbage;
// every other C0 control, DEL and every C1 control is removed; invalid
// UTF-8 becomes U+FFFD. Printable text, including bidi formatting
// characters (see CloseBidi), is left as it is.
//
// Text that is already clean is returned as it is, without copying.
package sanitize

import (
	"strings"
	"unicode/utf8"
)

// mode says which characters a cleaning keeps and where an unterminated
// control string ends.
type mode uint8

const (
	modeLine     mode = iota // one line: tab and line breaks become a space
	modeText                 // several lines: tab and newline kept, CR and CR LF become a newline
	modeDocument             // markup (XML, HTML, JSON): as modeText, and '<' ends a control string
)

// Line cleans a field shown on one line — a title, an author, a link, a
// feed name, an error message: escape sequences and controls are removed,
// tabs, line breaks (also U+2028, U+2029) become one space each, and
// white space around the text is trimmed.
func Line(s string) string {
	if isClean(s, modeLine) {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(clean(s, modeLine))
}

// Text cleans text of several lines — an article body, HTML text: escape
// sequences and controls are removed except tab and newline, and CR LF or
// a lone CR becomes a newline. An unterminated control string (ESC ] with
// no BEL or ST after it) ends at the end of its line.
func Text(s string) string {
	if isClean(s, modeText) {
		return s
	}
	return clean(s, modeText)
}

// Document cleans a whole markup document (a feed's XML or JSON, an HTML
// fragment) before it is parsed. It is Text, except that an escape
// sequence also ends where markup starts ('<'), so that a broken sequence
// in one element cannot swallow the elements after it.
func Document(s string) string {
	if isClean(s, modeDocument) {
		return s
	}
	return clean(s, modeDocument)
}

// Has reports whether s holds anything Line would remove or replace:
// an escape sequence, a control character (tab and newline included) or
// invalid UTF-8.
func Has(s string) bool {
	return !isClean(s, modeLine)
}

// isClean reports whether clean(s, m) would return s unchanged, quickly:
// nearly all text is.
func isClean(s string, m mode) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				if m == modeLine || (c != '\t' && c != '\n') {
					return false
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			return false
		case r >= 0x80 && r <= 0x9f:
			return false
		case m == modeLine && (r == '\u2028' || r == '\u2029'):
			return false
		}
		i += size
	}
	return true
}

// C1 controls that introduce a sequence.
const (
	c1DCS = 0x90
	c1SOS = 0x98
	c1CSI = 0x9b
	c1ST  = 0x9c
	c1OSC = 0x9d
	c1PM  = 0x9e
	c1APC = 0x9f
)

func clean(s string, m mode) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune(utf8.RuneError)
		case r == 0x1b:
			i = skipEscape(s, i+1, m)
			continue
		case r == c1CSI:
			i = skipCSI(s, i+size, m)
			continue
		case r == c1DCS || r == c1SOS || r == c1OSC || r == c1PM || r == c1APC:
			i = skipString(s, i+size, m)
			continue
		case r == '\r':
			if m == modeLine {
				b.WriteByte(' ')
			} else if i+1 >= len(s) || s[i+1] != '\n' {
				b.WriteByte('\n')
			}
		case r == '\t' || r == '\n':
			if m == modeLine {
				b.WriteByte(' ')
			} else {
				b.WriteByte(byte(r))
			}
		case r == '\u2028' || r == '\u2029':
			if m == modeLine {
				b.WriteByte(' ')
			} else {
				b.WriteString(s[i : i+size])
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// skipEscape returns the end of the escape sequence whose ESC ends just
// before i. ESC followed by something that starts no sequence is dropped
// alone.
func skipEscape(s string, i int, m mode) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipCSI(s, i+1, m)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_': // OSC, DCS, SOS, PM, APC
		return skipString(s, i+1, m)
	case c >= 0x20 && c <= 0x2f: // nF: intermediates, then a final byte
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e: // Fp, Fe, Fs: ESC 7, ESC c, ESC =, …
		return i + 1
	}
	return i
}

// skipCSI returns the end of a control sequence whose introducer ends just
// before i: parameter bytes (0x30–0x3F), intermediate bytes (0x20–0x2F),
// then a final byte (0x40–0x7E). Anything else ends it early, as it would
// in a terminal; in a document, '<' does too.
func skipCSI(s string, i int, m mode) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		if m == modeDocument && s[i] == '<' {
			return i
		}
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString returns the end of a control string (OSC, DCS, SOS, PM, APC)
// whose introducer ends just before i: just past its terminator — BEL,
// ESC \ or ST (U+009C) — or at CAN or SUB, which abort it. An unterminated
// string runs to the end of s; in text, to the end of its line, and in a
// document also to the next '<'.
func skipString(s string, i int, m mode) int {
	for i < len(s) {
		switch c := s[i]; {
		case c == 0x07:
			return i + 1
		case c == 0x18 || c == 0x1a:
			return i + 1
		case c == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case c == 0xc2 && i+1 < len(s) && s[i+1] == c1ST:
			return i + 2
		case m != modeLine && (c == '\n' || c == '\r'):
			return i
		case m == modeDocument && c == '<':
			return i
		}
		i++
	}
	return i
}
