package main

import (
	"fmt"
	"image/color"
	"strings"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/vt"
)

// Cell is one terminal cell as a terminal holds it after the app's output:
// a grapheme cluster (a base character and any combining marks riding on
// it) and the attributes it was written with. The painter works from these
// and nothing else, so a picture can only show what a terminal would.
type Cell struct {
	Text  string // the cluster; "" for the right half of a wide cell
	Width int    // columns taken: 1, 2 for wide, 0 for the right half
	Fg    color.Color
	Bg    color.Color // nil is the terminal's default colour

	Bold, Faint, Italic, Underline, Reverse, Strike bool
}

// Grid is a whole screen, row by row.
type Grid struct {
	W, H  int
	Cells [][]Cell
}

// NewGrid is a blank w×h screen in default colours.
func NewGrid(w, h int) Grid {
	g := Grid{W: w, H: h, Cells: make([][]Cell, h)}
	for y := range g.Cells {
		g.Cells[y] = make([]Cell, w)
		for x := range g.Cells[y] {
			g.Cells[y][x] = Cell{Text: " ", Width: 1}
		}
	}
	return g
}

// Emulate runs screen — lines of text with SGR and OSC 8 sequences, as the
// UI model renders them — through a terminal emulator of size w×h and reads
// back what the terminal holds. The emulator, not this program, decides
// where every cluster lands, how wide it is and which marks join it, the
// way a real terminal would.
func Emulate(screen string, w, h int) Grid {
	term := vt.NewEmulator(w, h)
	defer term.Close()

	// Each line goes to its own row by absolute cursor position, with the
	// pen reset, so a line that fills the last column cannot wrap into the
	// next and no style leaks from one line to another. One Write keeps
	// every cluster whole (the emulator holds a cluster back until it sees
	// what follows it).
	var b strings.Builder
	for y, line := range strings.Split(screen, "\n") {
		if y >= h {
			break
		}
		fmt.Fprintf(&b, "\x1b[%d;1H\x1b[m%s", y+1, strings.TrimSuffix(line, "\r"))
	}
	b.WriteString("\x1b[m")
	term.WriteString(b.String())

	g := NewGrid(w, h)
	for y := range h {
		for x := range w {
			if c := term.CellAt(x, y); c != nil {
				g.Cells[y][x] = fromUV(c)
			}
		}
	}
	return g
}

func fromUV(c *uv.Cell) Cell {
	a := c.Style.Attrs
	return Cell{
		Text:      c.Content,
		Width:     c.Width,
		Fg:        c.Style.Fg,
		Bg:        c.Style.Bg,
		Bold:      a&uv.AttrBold != 0,
		Faint:     a&uv.AttrFaint != 0,
		Italic:    a&uv.AttrItalic != 0,
		Reverse:   a&uv.AttrReverse != 0,
		Strike:    a&uv.AttrStrikethrough != 0,
		Underline: c.Style.Underline != uv.UnderlineNone,
	}
}

// Text is the screen as plain text, one line per row with trailing blanks
// dropped — the same as `tmux capture-pane -p` prints for that screen.
func (g Grid) Text() string {
	var b strings.Builder
	for _, row := range g.Cells {
		var line strings.Builder
		for _, c := range row {
			line.WriteString(c.Text) // "" for a wide cell's right half
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}
