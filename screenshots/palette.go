package main

import (
	"image/color"

	"github.com/charmbracelet/x/ansi"
)

// Theme is the terminal's own colours: what "default" means for a cell
// and for the frame around the screen.
type Theme struct {
	Fg, Bg   color.RGBA
	Frame    color.RGBA // title bar
	Title    color.RGBA // title text
	Dots     [3]color.RGBA
	Palette  [256]color.RGBA
	Backdrop color.RGBA // outside the rounded corners
}

// DarkTheme is a dark terminal: the background close to what most dark
// terminal themes use, and the xterm palette for the 256 indexed colours —
// the app's styles are 256-colour SGR codes, which mean those colours.
func DarkTheme() Theme {
	return Theme{
		Fg:       rgb(0xcd, 0xd6, 0xf4),
		Bg:       rgb(0x1e, 0x1e, 0x2e),
		Frame:    rgb(0x31, 0x32, 0x44),
		Title:    rgb(0xa6, 0xad, 0xc8),
		Dots:     [3]color.RGBA{rgb(0xff, 0x5f, 0x57), rgb(0xfe, 0xbc, 0x2e), rgb(0x28, 0xc8, 0x40)},
		Palette:  xterm256(),
		Backdrop: color.RGBA{}, // transparent
	}
}

func rgb(r, g, b uint8) color.RGBA { return color.RGBA{r, g, b, 0xff} }

// xterm256 is xterm's default palette: 16 system colours, the 6×6×6 cube
// and the 24-step grey ramp.
func xterm256() [256]color.RGBA {
	var p [256]color.RGBA
	system := [16]uint32{
		0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
		0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
	}
	for i, v := range system {
		p[i] = rgb(uint8(v>>16), uint8(v>>8), uint8(v))
	}
	levels := [6]uint8{0, 0x5f, 0x87, 0xaf, 0xd7, 0xff}
	for i := range 216 {
		p[16+i] = rgb(levels[i/36], levels[i/6%6], levels[i%6])
	}
	for i := range 24 {
		v := uint8(8 + 10*i)
		p[232+i] = rgb(v, v, v)
	}
	return p
}

// Resolve turns a cell colour into RGB: nil is the default given, indexed
// colours come from the theme's palette, anything else is already RGB.
func (t Theme) Resolve(c color.Color, def color.RGBA) color.RGBA {
	switch c := c.(type) {
	case nil:
		return def
	case ansi.BasicColor:
		return t.Palette[c&15]
	case ansi.IndexedColor:
		return t.Palette[c]
	}
	r, g, b, _ := c.RGBA()
	return rgb(uint8(r>>8), uint8(g>>8), uint8(b>>8))
}

// Colors gives a cell's ink and paper after faint and reverse video.
func (t Theme) Colors(c Cell) (fg, bg color.RGBA) {
	fg = t.Resolve(c.Fg, t.Fg)
	bg = t.Resolve(c.Bg, t.Bg)
	if c.Faint {
		fg = mix(fg, bg, 0.5)
	}
	if c.Reverse {
		fg, bg = bg, fg
	}
	return fg, bg
}

// mix is a·(1-t) + b·t per channel.
func mix(a, b color.RGBA, t float64) color.RGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return rgb(f(a.R, b.R), f(a.G, b.G), f(a.B, b.B))
}
