package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
)

// fontDirs are searched, recursively, for the files named below. Debian's
// font packages install under /usr/share/fonts.
var fontDirs = []string{"/usr/share/fonts", "/usr/local/share/fonts"}

// The fallback chains, first match wins, per style. DejaVu Sans Mono is
// the terminal font: Latin, box drawing, Arabic and all of Arabic
// Presentation Forms-B. DejaVu Sans adds Hebrew, FreeMono the rest of
// Presentation Forms-A, Unifont nearly everything else (wide CJK
// included). The oblique faces (fonts-dejavu-extra) are the italic. A bold
// or italic chain ends in the regular one, so a glyph missing in bold is
// still drawn (bold then faked by overstriking).
var (
	regularFiles = []string{"DejaVuSansMono.ttf", "DejaVuSans.ttf", "FreeMono.ttf", "unifont.otf", "unifont_upper.otf"}
	boldFiles    = []string{"DejaVuSansMono-Bold.ttf", "DejaVuSans-Bold.ttf", "FreeMonoBold.ttf"}
	italicFiles  = []string{"DejaVuSansMono-Oblique.ttf", "DejaVuSans-Oblique.ttf", "FreeMonoOblique.ttf"}
	boldItFiles  = []string{"DejaVuSansMono-BoldOblique.ttf", "DejaVuSans-BoldOblique.ttf", "FreeMonoBoldOblique.ttf"}
)

// ErrNoFonts means the primary font is not installed.
var ErrNoFonts = errors.New("DejaVuSansMono.ttf not found under " + strings.Join(fontDirs, ", ") +
	" (apt-get install -y fonts-dejavu-core fonts-dejavu-extra fonts-freefont-ttf fonts-unifont)")

// face is one font file at the screenshot's size.
type face struct {
	name string
	font *sfnt.Font
	face font.Face
	buf  sfnt.Buffer
}

// has reports whether the font has a real glyph (not .notdef) for r.
func (f *face) has(r rune) bool {
	i, err := f.font.GlyphIndex(&f.buf, r)
	return err == nil && i != 0
}

// Style picks a fallback chain.
type Style int

const (
	Regular Style = iota
	Bold
	Italic
	BoldItalic
)

// Fonts are the fallback chains and the cell size they imply.
type Fonts struct {
	chains [4][]*face
	// boldUpTo[s] is how many fonts at the head of chain s are bold
	// faces; a bold glyph found past them is faked by overstriking.
	boldUpTo [4]int
	Used     []string // files loaded, for the report

	CellW, CellH int // pixels
	Baseline     int // pixels from the top of a cell
}

// LoadFonts finds and opens the fonts at size pixels per em.
func LoadFonts(size float64) (*Fonts, error) {
	paths := findFonts(fontDirs)
	open := func(names []string) []*face {
		var out []*face
		for _, n := range names {
			p, ok := paths[n]
			if !ok {
				continue
			}
			f, err := openFace(p, size)
			if err != nil {
				// A file opentype cannot read (e.g. a bitmap-only font)
				// is skipped like a missing one.
				fmt.Fprintf(os.Stderr, "screenshots: skipping %s: %v\n", p, err)
				continue
			}
			out = append(out, f)
		}
		return out
	}
	regular := open(regularFiles)
	if len(regular) == 0 || regular[0].name != regularFiles[0] {
		return nil, ErrNoFonts
	}
	bold := open(boldFiles)
	italic := open(italicFiles)
	boldIt := open(boldItFiles)

	fo := &Fonts{}
	fo.chains[Regular] = regular
	fo.chains[Italic] = slices.Concat(italic, regular)
	fo.chains[Bold] = slices.Concat(bold, regular)
	fo.boldUpTo[Bold] = len(bold)
	fo.chains[BoldItalic] = slices.Concat(boldIt, bold, italic, regular)
	fo.boldUpTo[BoldItalic] = len(boldIt) + len(bold)
	for _, chain := range [][]*face{regular, bold, italic, boldIt} {
		for _, f := range chain {
			fo.Used = append(fo.Used, paths[f.name])
		}
	}

	// The cell is the primary font's advance by its line height, so
	// box-drawing characters join up across cells and rows.
	m := regular[0].face.Metrics()
	adv, _ := regular[0].face.GlyphAdvance('M')
	fo.CellW = adv.Round()
	fo.Baseline = m.Ascent.Ceil()
	fo.CellH = fo.Baseline + m.Descent.Ceil()
	return fo, nil
}

// Lookup finds the first font in style's chain with a glyph for r, and
// whether it must be emboldened by overstriking. ok is false when no font
// has the glyph.
func (fo *Fonts) Lookup(r rune, s Style) (f *face, faux bool, ok bool) {
	for i, f := range fo.chains[s] {
		if f.has(r) {
			return f, (s == Bold || s == BoldItalic) && i >= fo.boldUpTo[s], true
		}
	}
	return nil, false, false
}

func openFace(path string, size float64) (*face, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, err := opentype.Parse(data)
	if err != nil {
		return nil, err
	}
	ff, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, err
	}
	return &face{name: filepath.Base(path), font: f, face: ff}, nil
}

// findFonts maps file names to paths under dirs; the first found wins.
func findFonts(dirs []string) map[string]string {
	paths := map[string]string{}
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil // a missing or unreadable directory is no error
			}
			if _, seen := paths[d.Name()]; !seen && !d.IsDir() {
				paths[d.Name()] = p
			}
			return nil
		})
	}
	return paths
}
