package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"
	"unicode"

	"golang.org/x/image/math/fixed"
)

// Painter turns a cell grid into pixels the way a cell terminal does:
// every cell's glyphs are drawn at that cell's position, one glyph at a
// time. There is no text layout here — no bidi, no shaping, no kerning —
// so the picture shows the characters in exactly the order and form the
// app sent, which is the whole point for right-to-left text.
type Painter struct {
	Fonts *Fonts
	Theme Theme
	// Missing counts the characters no font had; they are drawn as boxes.
	Missing map[rune]int
}

// NewPainter paints with fonts in theme t.
func NewPainter(f *Fonts, t Theme) *Painter {
	return &Painter{Fonts: f, Theme: t, Missing: map[rune]int{}}
}

// Screen paints g at one pixel per pixel: CellW×CellH per cell.
func (p *Painter) Screen(g Grid) *image.RGBA {
	cw, ch := p.Fonts.CellW, p.Fonts.CellH
	img := image.NewRGBA(image.Rect(0, 0, g.W*cw, g.H*ch))

	// Backgrounds first, all of them, so a glyph that reaches past its
	// cell (an accent, a wide fallback glyph) is not cut by the paper of
	// the next cell.
	for y, row := range g.Cells {
		for x, c := range row {
			_, bg := p.Theme.Colors(c)
			fill(img, image.Rect(x*cw, y*ch, (x+1)*cw, (y+1)*ch), bg)
		}
	}
	for y, row := range g.Cells {
		for x, c := range row {
			if c.Width > 0 {
				p.cell(img, c, x*cw, y*ch)
			}
		}
	}
	return img
}

// cell draws one cell's cluster and decorations with its top-left corner at
// (px, py). A wide cell spans two columns.
func (p *Painter) cell(img *image.RGBA, c Cell, px, py int) {
	fg, _ := p.Theme.Colors(c)
	span := c.Width * p.Fonts.CellW
	base := py + p.Fonts.Baseline
	style := Regular
	switch {
	case c.Bold && c.Italic:
		style = BoldItalic
	case c.Bold:
		style = Bold
	case c.Italic:
		style = Italic
	}

	for i, r := range []rune(c.Text) {
		switch {
		case r == ' ':
			continue
		case unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Variation_Selector, r):
			continue // joiners and selectors have no ink of their own
		}
		f, faux, ok := p.Fonts.Lookup(r, style)
		if !ok {
			p.Missing[r]++
			if i == 0 {
				p.tofu(img, image.Rect(px+1, py+2, px+span-1, py+p.Fonts.CellH-2), fg)
			}
			continue
		}
		var x fixed.Int26_6
		if i == 0 {
			// The base character: centred in its cell(s). For the
			// monospaced primary font the advance is the cell and this
			// is the cell's left edge; a fallback font's glyph of
			// another width is centred instead of hanging off one side.
			adv, _ := f.face.GlyphAdvance(r)
			x = fixed.I(px) + (fixed.I(span)-adv)/2
		} else {
			// A combining mark (harakat on Arabic letters): drawn over
			// the base, in the same cell, with its ink centred on the
			// cell — fonts place a mark either after a zero advance or
			// within an advance of its own, and centring suits both.
			b, _, _ := f.face.GlyphBounds(r)
			x = fixed.I(px) + fixed.I(span)/2 - (b.Min.X+b.Max.X)/2
		}
		p.glyph(img, f, r, fixed.Point26_6{X: x, Y: fixed.I(base)}, fg, faux)
	}

	if c.Underline {
		y := base + max(1, (p.Fonts.CellH-p.Fonts.Baseline)/2)
		fill(img, image.Rect(px, y, px+span, y+1), fg)
	}
	if c.Strike {
		y := base - p.Fonts.CellH*3/10
		fill(img, image.Rect(px, y, px+span, y+1), fg)
	}
}

// glyph draws r from f with its origin at dot; faux bold draws it twice,
// one pixel apart.
func (p *Painter) glyph(img *image.RGBA, f *face, r rune, dot fixed.Point26_6, ink color.RGBA, faux bool) {
	dr, mask, mp, _, ok := f.face.Glyph(dot, r)
	if !ok {
		return
	}
	src := image.NewUniform(ink)
	draw.DrawMask(img, dr, src, image.Point{}, mask, mp, draw.Over)
	if faux {
		draw.DrawMask(img, dr.Add(image.Pt(1, 0)), src, image.Point{}, mask, mp, draw.Over)
	}
}

// tofu is the box terminals draw for a character no font has.
func (p *Painter) tofu(img *image.RGBA, r image.Rectangle, ink color.RGBA) {
	fill(img, image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+1), ink)
	fill(img, image.Rect(r.Min.X, r.Max.Y-1, r.Max.X, r.Max.Y), ink)
	fill(img, image.Rect(r.Min.X, r.Min.Y, r.Min.X+1, r.Max.Y), ink)
	fill(img, image.Rect(r.Max.X-1, r.Min.Y, r.Max.X, r.Max.Y), ink)
}

// Framed paints g inside a terminal window: a title bar with the three
// dots and the window title, a margin of terminal background, rounded
// corners.
func (p *Painter) Framed(g Grid, title string) *image.RGBA {
	screen := p.Screen(g)
	t := p.Theme
	pad := p.Fonts.CellW * 3 / 2
	bar := p.Fonts.CellH * 3 / 2
	w := screen.Bounds().Dx() + 2*pad
	h := bar + screen.Bounds().Dy() + 2*pad

	win := image.NewRGBA(image.Rect(0, 0, w, h))
	fill(win, win.Bounds(), t.Bg)
	fill(win, image.Rect(0, 0, w, bar), t.Frame)
	draw.Draw(win, screen.Bounds().Add(image.Pt(pad, bar+pad)), screen, image.Point{}, draw.Src)

	r := float64(bar) / 5
	for i, c := range t.Dots {
		disc(win, float64(pad)+r+float64(i)*3*r, float64(bar)/2, r, c)
	}
	// The title in the regular font, centred; it is ASCII.
	tw := len(title) * p.Fonts.CellW
	tx, ty := (w-tw)/2, (bar-p.Fonts.CellH)/2+p.Fonts.Baseline
	for i, ch := range title {
		if f, _, ok := p.Fonts.Lookup(ch, Regular); ok {
			p.glyph(win, f, ch, fixed.P(tx+i*p.Fonts.CellW, ty), t.Title, false)
		}
	}

	// Round the corners: everything outside them becomes the backdrop.
	out := image.NewRGBA(win.Bounds())
	fill(out, out.Bounds(), t.Backdrop)
	draw.DrawMask(out, out.Bounds(), win, image.Point{}, roundedMask(w, h, float64(pad)*0.8), image.Point{}, draw.Over)
	return out
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
}

// disc draws an anti-aliased filled circle.
func disc(img *image.RGBA, cx, cy, r float64, c color.RGBA) {
	for y := int(cy - r - 1); y <= int(cy+r+1); y++ {
		for x := int(cx - r - 1); x <= int(cx+r+1); x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			if a := math.Min(1, math.Max(0, r+0.5-d)); a > 0 {
				img.SetRGBA(x, y, mix(img.RGBAAt(x, y), c, a))
			}
		}
	}
}

// roundedMask is opaque inside a w×h rectangle with corners of radius r,
// anti-aliased at the corners.
func roundedMask(w, h int, r float64) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			// Distance into the nearest corner's square, 0 outside them.
			fx, fy := float64(x)+0.5, float64(y)+0.5
			dx := math.Max(0, math.Max(r-fx, fx-(float64(w)-r)))
			dy := math.Max(0, math.Max(r-fy, fy-(float64(h)-r)))
			a := 1.0
			if dx > 0 && dy > 0 {
				a = math.Min(1, math.Max(0, r+0.5-math.Hypot(dx, dy)))
			}
			m.SetAlpha(x, y, color.Alpha{A: uint8(a*255 + 0.5)})
		}
	}
	return m
}
