package main

import (
	"errors"
	"image"
	"image/color"
	"os"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// loadFonts gives the fonts, or skips the test on a machine without them —
// unless NASHRA_REQUIRE_FONTS=1, where their absence is a failure.
func loadFonts(t *testing.T) *Fonts {
	t.Helper()
	f, err := LoadFonts(fontSize)
	if errors.Is(err, ErrNoFonts) && os.Getenv("NASHRA_REQUIRE_FONTS") != "1" {
		t.Skipf("skipping the painter test: %v; set NASHRA_REQUIRE_FONTS=1 to make this a failure", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The emulator decides cells: a reversed letter, an Arabic letter in a
// colour, a wide character over two cells, a combining mark riding on its
// base, and a hyperlink that leaves no trace in the cells.
func TestEmulateCells(t *testing.T) {
	screen := "\x1b[7mA\x1b[m \x1b[38;5;196;48;5;21m\ufe8f\x1b[m 世\ufe91\u064e\x1b]8;;https://example.com\x07L\x1b]8;;\x07"
	g := Emulate(screen, 10, 2)

	want := []struct {
		x     int
		text  string
		width int
	}{{0, "A", 1}, {1, " ", 1}, {2, "\ufe8f", 1}, {3, " ", 1}, {4, "世", 2}, {5, "", 0}, {6, "\ufe91\u064e", 1}, {7, "L", 1}, {8, " ", 1}}
	for _, w := range want {
		c := g.Cells[0][w.x]
		if c.Text != w.text || c.Width != w.width {
			t.Errorf("cell %d = %q width %d, want %q width %d", w.x, c.Text, c.Width, w.text, w.width)
		}
	}
	if c := g.Cells[0][0]; !c.Reverse || c.Fg != nil || c.Bg != nil {
		t.Errorf("cell 0 = %+v, want reversed default colours", c)
	}
	if c := g.Cells[0][2]; c.Fg != ansi.IndexedColor(196) || c.Bg != ansi.IndexedColor(21) {
		t.Errorf("cell 2 colours = %v on %v, want 196 on 21", c.Fg, c.Bg)
	}
	if c := g.Cells[0][3]; c.Fg != nil || c.Bg != nil || c.Reverse {
		t.Errorf("cell 3 = %+v, want the pen reset", c)
	}
	if got, want := g.Text(), "A \ufe8f 世\ufe91\u064eL\n\n"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
}

// A line that fills the last column must not wrap into the next row.
func TestEmulateFullLines(t *testing.T) {
	g := Emulate("abcd\nefgh\nij", 4, 3)
	if got, want := g.Text(), "abcd\nefgh\nij\n"; got != want {
		t.Errorf("Text() = %q, want %q", got, want)
	}
}

func TestPalette(t *testing.T) {
	th := DarkTheme()
	for _, c := range []struct {
		in   color.Color
		want color.RGBA
	}{
		{nil, th.Fg},
		{ansi.BasicColor(1), rgb(0xcd, 0, 0)},
		{ansi.IndexedColor(62), rgb(0x5f, 0x5f, 0xd7)},
		{ansi.IndexedColor(196), rgb(0xff, 0, 0)},
		{ansi.IndexedColor(238), rgb(0x44, 0x44, 0x44)},
		{ansi.IndexedColor(255), rgb(0xee, 0xee, 0xee)},
		{color.RGBA{1, 2, 3, 255}, rgb(1, 2, 3)},
	} {
		if got := th.Resolve(c.in, th.Fg); got != c.want {
			t.Errorf("Resolve(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

// The painter, pixel by pixel, on a tiny screen: each cell's paper is its
// own colour, its ink lands in its own cell and nowhere else.
func TestPaintCells(t *testing.T) {
	fonts := loadFonts(t)
	th := DarkTheme()
	p := NewPainter(fonts, th)
	screen := "\x1b[7mA\x1b[m \x1b[38;5;196;48;5;21m\ufe8f\x1b[m 世 \ufe8f\u064e"
	g := Emulate(screen, 9, 1)
	img := p.Screen(g)

	cw, ch := fonts.CellW, fonts.CellH
	if got, want := img.Bounds().Size(), image.Pt(9*cw, ch); got != want {
		t.Fatalf("image is %v, want %v", got, want)
	}
	cell := func(x, w int) image.Rectangle { return image.Rect(x*cw, 0, (x+w)*cw, ch) }
	red, blue := th.Palette[196], th.Palette[21]

	// Reverse video: the paper is the default foreground, the letter is
	// drawn in the default background.
	if got := img.RGBAAt(0, 0); got != th.Fg {
		t.Errorf("reversed cell paper = %v, want %v", got, th.Fg)
	}
	if n := count(img, cell(0, 1), th.Bg); n == 0 {
		t.Error("reversed cell: no ink in the default background colour")
	}
	// The Arabic letter: red on blue, in cell 2 only.
	if got := img.RGBAAt(2*cw, 0); got != blue {
		t.Errorf("Arabic cell paper = %v, want %v", got, blue)
	}
	if n := count(img, cell(2, 1), red); n < 5 {
		t.Errorf("Arabic cell: %d red pixels, want its letter", n)
	}
	for _, x := range []int{1, 3} {
		if n := other(img, cell(x, 1), th.Bg); n != 0 {
			t.Errorf("blank cell %d has %d pixels that are not the background", x, n)
		}
	}
	// The wide character covers both its cells.
	for _, half := range []image.Rectangle{image.Rect(4*cw, 0, 5*cw, ch), image.Rect(5*cw, 0, 6*cw, ch)} {
		if n := other(img, half, th.Bg); n == 0 {
			t.Errorf("wide character: no ink in %v", half)
		}
	}
	// The fatha is painted over its letter, in the same cell, above the
	// letter's own ink: there is ink in the top third of cell 7 that the
	// bare letter of cell 2 does not have, and none in cell 8.
	top := func(x int) image.Rectangle { return image.Rect(x*cw, 0, (x+1)*cw, ch/3) }
	if other(img, top(7), th.Bg) == 0 {
		t.Error("combining fatha: no ink above the letter")
	}
	if n := other(img, cell(8, 1), th.Bg); n != 0 {
		t.Errorf("the cell after the fatha's has %d pixels of ink", n)
	}
	if other(img, top(2), blue) != 0 {
		t.Error("bare letter has ink in its top third; the fatha check proves nothing")
	}
	for r := range p.Missing {
		if r != '世' { // a box for it still passes the check above
			t.Errorf("no font has %U", r)
		}
	}
}

// Missing glyphs are drawn as a box and counted, never silently dropped.
func TestPaintMissingGlyph(t *testing.T) {
	fonts := loadFonts(t)
	p := NewPainter(fonts, DarkTheme())
	img := p.Screen(Emulate("\U000F0000", 1, 1)) // a private-use plane character no font has
	if p.Missing['\U000F0000'] != 1 {
		t.Errorf("Missing = %v", p.Missing)
	}
	if other(img, img.Bounds(), p.Theme.Bg) == 0 {
		t.Error("no box drawn for the missing glyph")
	}
}

func TestFramed(t *testing.T) {
	fonts := loadFonts(t)
	p := NewPainter(fonts, DarkTheme())
	g := Emulate(strings.Repeat("x", 4), 4, 2)
	img := p.Framed(g, "nashra")
	screen := p.Screen(g).Bounds().Size()
	if b := img.Bounds().Size(); b.X <= screen.X || b.Y <= screen.Y {
		t.Errorf("framed %v is not bigger than the screen %v", b, screen)
	}
	if a := img.RGBAAt(0, 0).A; a != 0 {
		t.Errorf("corner pixel alpha %d, want a rounded, transparent corner", a)
	}
	if got := img.RGBAAt(img.Bounds().Dx()/2, img.Bounds().Dy()-2); got != p.Theme.Bg {
		t.Errorf("bottom margin = %v, want the terminal background", got)
	}
}

// The committed NAME.txt files are the screens the PNGs were painted
// from. When the UI changes what these screens show, this fails: the
// pictures are stale.
func TestScreenshotsUpToDate(t *testing.T) {
	for _, s := range shots {
		screen, err := capture(s)
		if err != nil {
			t.Fatal(err)
		}
		got := Emulate(screen, screenW, screenH).Text()
		want, err := os.ReadFile(s.name + ".txt")
		if err != nil {
			t.Fatalf("%v (run `go run ./screenshots` from the repository root)", err)
		}
		if got != string(want) {
			t.Errorf("%s.png is stale: the screen now reads\n%s\nrun `go run ./screenshots` from the repository root and look at the pictures", s.name, got)
		}
	}
}

// count is how many pixels of r are exactly c.
func count(img *image.RGBA, r image.Rectangle, c color.RGBA) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if img.RGBAAt(x, y) == c {
				n++
			}
		}
	}
	return n
}

// other is how many pixels of r are not c.
func other(img *image.RGBA, r image.Rectangle, c color.RGBA) int {
	return r.Dx()*r.Dy() - count(img, r, c)
}
