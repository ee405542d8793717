// Command screenshots regenerates the PNG screenshots of nashra in this
// directory. From the repository root:
//
//	apt-get install -y fonts-dejavu-core fonts-dejavu-extra fonts-freefont-ttf fonts-unifont && go run ./screenshots
//
// It drives the real UI model over the embedded demo at 100×30 with a fixed
// clock, runs its output through a terminal emulator, and paints the cells
// glyph by glyph — no text layout engine, so no bidi or shaping is added:
// the pictures show what a cell terminal shows. Next to each NAME.png it
// writes NAME.txt, the screen as text, which the tests compare with the
// current UI to tell when the pictures are stale.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// fontSize is the em size in pixels; DejaVu Sans Mono gives 10×19 cells at 16.
const fontSize = 16

func main() {
	out := flag.String("out", "screenshots", "directory to write NAME.png and NAME.txt to")
	flag.Parse()
	if err := generate(*out); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func generate(out string) error {
	if _, err := os.Stat(out); err != nil {
		return fmt.Errorf("%w (run from the repository root, or pass -out)", err)
	}
	fonts, err := LoadFonts(fontSize)
	if err != nil {
		return err
	}
	fmt.Println("fonts:", strings.Join(fonts.Used, ", "))
	p := NewPainter(fonts, DarkTheme())
	for _, s := range shots {
		screen, err := capture(s)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		g := Emulate(screen, screenW, screenH)
		img := p.Framed(g, "nashra")
		if err := writePNG(filepath.Join(out, s.name+".png"), img); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, s.name+".txt"), []byte(g.Text()), 0o644); err != nil {
			return err
		}
		fmt.Printf("%s.png %dx%d\n", s.name, img.Bounds().Dx(), img.Bounds().Dy())
	}
	if len(p.Missing) > 0 {
		var rs []string
		for r := range p.Missing {
			rs = append(rs, fmt.Sprintf("U+%04X", r))
		}
		slices.Sort(rs)
		fmt.Println("no font has:", strings.Join(rs, " "))
	}
	return nil
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
