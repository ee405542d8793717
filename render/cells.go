package render

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"nashra/sanitize"
)

// cell is one grapheme cluster of styled terminal output, with the styling
// and hyperlink in force where it stands. Lines of glamour's output are cut
// into cells so that right-to-left lines can be put in display order
// without losing their styling.
type cell struct {
	text  string
	width int
	style string // the SGR sequences in force, concatenated; "" = default
	link  string // the OSC 8 sequence that opened the current hyperlink
}

// parseCells cuts one line of styled output into cells. Escape sequences
// other than SGR and OSC 8 are dropped: glamour emits no others.
func parseCells(line string) []cell {
	var cells []cell
	style, link := "", ""
	for len(line) > 0 {
		if line[0] == 0x1b {
			seq, rest := cutEscape(line)
			line = rest
			switch {
			case strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m"):
				if seq == "\x1b[m" || seq == "\x1b[0m" {
					style = ""
				} else {
					style += seq
				}
			case strings.HasPrefix(seq, "\x1b]8;"):
				if osc8URL(seq) == "" {
					link = ""
				} else {
					link = seq
				}
			}
			continue
		}
		end := strings.IndexByte(line, 0x1b)
		if end < 0 {
			end = len(line)
		}
		text := line[:end]
		line = line[end:]
		for len(text) > 0 {
			g, w := ansi.FirstGraphemeCluster(text, ansi.GraphemeWidth)
			text = text[len(g):]
			cells = append(cells, cell{text: g, width: w, style: style, link: link})
		}
	}
	return cells
}

// cutEscape splits the escape sequence at the start of s from the rest.
func cutEscape(s string) (seq, rest string) {
	if len(s) < 2 {
		return s, ""
	}
	switch s[1] {
	case '[': // CSI: parameters, then a final byte in 0x40–0x7E
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return s[:i+1], s[i+1:]
			}
		}
		return s, ""
	case ']': // OSC: ends with BEL or ST (ESC \)
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return s[:i+1], s[i+1:]
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return s[:i+2], s[i+2:]
			}
		}
		return s, ""
	}
	return s[:2], s[2:]
}

// osc8URL returns the target of an OSC 8 sequence; "" closes a link.
func osc8URL(seq string) string {
	body := strings.TrimPrefix(seq, "\x1b]8;")
	body = strings.TrimSuffix(strings.TrimSuffix(body, "\x07"), "\x1b\\")
	_, url, _ := strings.Cut(body, ";")
	return url
}

// writeCells renders cells back to styled output, switching style and
// link only where they change, and closing both at the end.
func writeCells(b *strings.Builder, cells []cell) {
	style, link := "", ""
	for _, c := range cells {
		if c.style != style {
			if style != "" {
				b.WriteString("\x1b[m")
			}
			b.WriteString(c.style)
			style = c.style
		}
		if c.link != link {
			if link != "" {
				b.WriteString("\x1b]8;;\x07")
			}
			b.WriteString(c.link)
			link = c.link
		}
		b.WriteString(c.text)
	}
	if link != "" {
		b.WriteString("\x1b]8;;\x07")
	}
	if style != "" {
		b.WriteString("\x1b[m")
	}
}

func cellsWidth(cells []cell) int {
	w := 0
	for _, c := range cells {
		w += c.width
	}
	return w
}

// terminalSafe is the last step of everything an article sends to the
// terminal: of escape sequences it keeps only SGR (styling) and OSC 8
// hyperlinks to http, https and mailto targets (and the OSC 8 that closes
// a link), removing any other sequence whole; it removes control
// characters other than newline, the explicit bidi formatting characters
// (each paragraph has been laid out already), and expands tabs to the next
// multiple of 8 columns. Whatever glamour or the HTML converter let
// through, only nashra's own styling reaches the terminal.
func terminalSafe(s string) string {
	if isTerminalSafe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	col := 0 // cells since the last newline, for tabs
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			seq, n := escapeAt(s[i:])
			if keepSequence(seq) {
				b.WriteString(seq)
			}
			i += n
			continue
		case c == '\n':
			b.WriteByte('\n')
			col = 0
			i++
			continue
		case c == '\t':
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
			i++
			continue
		case c < 0x20 || c == 0x7f:
			i++
			continue
		}
		// A run of text up to the next control or escape.
		end := i
		for end < len(s) && s[end] >= 0x20 && s[end] != 0x7f {
			end++
		}
		text := s[i:end]
		if !utf8.ValidString(text) || strings.ContainsFunc(text, unsafeRune) {
			var t strings.Builder
			for _, r := range text {
				if !unsafeRune(r) {
					t.WriteRune(r) // invalid bytes come out as U+FFFD
				}
			}
			text = t.String()
		}
		b.WriteString(text)
		col += Width(text)
		i = end
	}
	return b.String()
}

// unsafeRune reports whether r must not reach the terminal as text: a C1
// control, or an explicit bidi formatting character.
func unsafeRune(r rune) bool {
	return (r >= 0x80 && r <= 0x9f) || sanitize.IsBidiControl(r) ||
		r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// isTerminalSafe reports quickly whether terminalSafe would leave s as it
// is.
func isTerminalSafe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			seq, n := escapeAt(s[i:])
			if !keepSequence(seq) {
				return false
			}
			i += n
			continue
		case c == '\n':
		case c < 0x20 || c == 0x7f:
			return false
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || unsafeRune(r) {
				return false
			}
			i += size
			continue
		}
		i++
	}
	return true
}

// escapeAt returns the escape sequence at the start of s (which starts
// with ESC) and its length: a CSI up to its final byte, a control string
// (OSC, DCS, SOS, PM, APC) up to its terminator, else ESC and what
// follows it in an nF, Fp, Fe or Fs sequence. A sequence cut short by the
// end of s, or by a byte that cannot be part of it, ends there.
func escapeAt(s string) (string, int) {
	if len(s) < 2 {
		return s, len(s)
	}
	i := 2
	switch c := s[1]; {
	case c == '[':
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
			i++
		}
		if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
			i++
		}
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		for i < len(s) {
			if s[i] == 0x07 || s[i] == 0x18 || s[i] == 0x1a {
				i++
				break
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				i += 2
				break
			}
			i++
		}
	case c >= 0x20 && c <= 0x2f:
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
	case c >= 0x30 && c <= 0x7e:
	default:
		i = 1
	}
	return s[:i], i
}

// keepSequence reports whether seq is one of the two kinds of sequence an
// article may send: SGR, and OSC 8 to a safe target.
func keepSequence(seq string) bool {
	if body, ok := strings.CutPrefix(seq, "\x1b["); ok {
		if !strings.HasSuffix(body, "m") {
			return false
		}
		return strings.Trim(body[:len(body)-1], "0123456789;:") == ""
	}
	if strings.HasPrefix(seq, "\x1b]8;") && (strings.HasSuffix(seq, "\x07") || strings.HasSuffix(seq, "\x1b\\")) {
		// Only absolute web and mail links: a terminal may take a
		// relative one ("/etc/passwd") for a file.
		url := osc8URL(seq)
		return url == "" || WebAddress(url)
	}
	return false
}
