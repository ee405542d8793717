package render

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
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
