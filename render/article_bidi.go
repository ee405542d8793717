package render

import (
	"github.com/charmbracelet/x/ansi"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"nashra/render/bidi"
	"nashra/render/shape"
)

// orderArticle puts every paragraph of glamour's output in display order.
// Glamour has styled and wrapped the text in logical order; the paragraph
// markers say which lines form each paragraph and which way it reads. Each
// paragraph gets its levels once and is shaped once; then each of its lines
// is reordered, and right-to-left lines are right-aligned in the column.
// Lines outside any paragraph (rules, code) pass through untouched.
func (t *Typesetter) orderArticle(out string, column int) string {
	lines := strings.Split(out, "\n")
	result := make([]string, 0, len(lines))
	for i := 0; i < len(lines); {
		if isTableLine(lines[i]) {
			j := i
			for j < len(lines) && isTableLine(lines[j]) {
				j++
			}
			result = append(result, t.orderTable(lines[i:j])...)
			i = j
			continue
		}
		if !strings.ContainsAny(lines[i], lri+rli) {
			result = append(result, lines[i])
			i++
			continue
		}
		block := []lineCells{{cells: parseCells(lines[i]), from: -1}}
		start := indexCellAny(block[0].cells, lri, rli)
		if start < 0 {
			result = append(result, lines[i])
			i++
			continue
		}
		if oneLineIsolates(block[0].cells, start) > 1 {
			// Several paragraphs side by side (a table's cells): each is
			// put in order where it stands.
			result = append(result, t.orderInPlace(block[0].cells))
			i++
			continue
		}
		block[0].from = start
		dir := bidi.LTR
		if strings.Contains(block[0].cells[start].text, rli) {
			dir = bidi.RTL
		}
		// Find the PDI that closes the opening marker, counting the
		// (balanced) isolates of the text in between.
		depth, j, k := 0, i, start
		for {
			cells := block[len(block)-1].cells
			for ; k < len(cells); k++ {
				depth += isolateDelta(cells[k].text)
				if depth == 0 {
					break
				}
			}
			if depth == 0 || j == len(lines)-1 {
				block[len(block)-1].to = min(k, len(cells))
				break
			}
			block[len(block)-1].to = len(cells)
			j++
			block = append(block, lineCells{cells: parseCells(lines[j])})
			k = 0
		}
		result = append(result, t.orderParagraph(block, dir, column)...)
		i = j + 1
	}
	return strings.Join(result, "\n")
}

// lineCells is one output line of a paragraph, with the span of cells
// that holds the paragraph's text when the markers say so: from is the
// opening marker's cell on the first line, to the closing marker's on the
// last.
type lineCells struct {
	cells    []cell
	from, to int
}

// isolateDelta is how an isolate initiator (+1) or PDI (-1) in a cell
// changes the isolate depth.
func isolateDelta(s string) int {
	d := 0
	for _, r := range s {
		switch string(r) {
		case lri, rli, fsi:
			d++
		case pdi:
			d--
		}
	}
	return d
}

func indexCellAny(cells []cell, marks ...string) int {
	for i, c := range cells {
		for _, m := range marks {
			if strings.Contains(c.text, m) {
				return i
			}
		}
	}
	return -1
}

// paraLine is one output line of a paragraph, cut apart.
type paraLine struct {
	indent int    // leading blank cells before the text (margin, indent)
	prefix []cell // everything before the text, as glamour drew it
	marker []cell // the prefix's bullet, number, quote bar or heading #s
	text   []cell // the paragraph's text on this line, logical order
	start  int    // index of the line's first rune in the paragraph
	end    int
	width  int // the line's width as glamour laid it out

	// padBefore and padAfter are the blank cells painted with a
	// background just before and after the text: a heading's padding.
	// padBefore is the end of prefix.
	padBefore, padAfter []cell
}

func (t *Typesetter) orderParagraph(block []lineCells, dir bidi.Dir, column int) []string {
	parsed := make([]paraLine, len(block))
	prefixW := 0
	var markAt map[int]string // the first line's prefix: what stands in each column
	var runes []rune
	var cellStart []int // for every text cell, in order: its first rune
	for i, lc := range block {
		cells := lc.cells
		pl := paraLine{width: max(cellsWidth(cells), column)}
		// The text starts after the opening marker on the first line and,
		// on the following lines, after as many cells as the first line's
		// prefix took (glamour indents continuation lines to match).
		k, from := 0, 0
		if i == 0 {
			k, from = lc.from, lc.from+1
			prefixW = cellsWidth(cells[:k])
			markAt = map[int]string{}
			for w, c := range cellColumns(cells[:k]) {
				markAt[w] = c.text
			}
		} else {
			// Up to the first line's prefix: blanks, and a mark repeated
			// in the column it stood in on the first line (a quote's bar).
			// Glamour repeats no bullet, number or heading padding, so a
			// letter or digit there starts the text.
			for w := 0; k < len(cells) && w < prefixW; k++ {
				c := cells[k]
				if !isBlank(c) && (markAt[w] != c.text || strings.ContainsFunc(c.text, isLetterOrDigit)) {
					break
				}
				w += c.width
			}
			from = k
		}
		pl.prefix = cells[:k]
		// Blank cells painted with a background right before the text
		// (a heading's padding) belong to the text's box: they go to its
		// right in a right-to-left line, not to the margin.
		pb := len(pl.prefix)
		for pb > 0 && isBlank(pl.prefix[pb-1]) && pl.prefix[pb-1].width > 0 && hasBackground(pl.prefix[pb-1].style) {
			pb--
		}
		pl.padBefore = pl.prefix[pb:]
		prefix := pl.prefix[:pb]
		for len(prefix) > 0 && isBlank(prefix[0]) {
			pl.indent += prefix[0].width
			prefix = prefix[1:]
		}
		pl.marker = trimBlank(prefix)
		to := len(cells)
		if i == len(block)-1 {
			to = lc.to
		}
		span := cells[from:max(from, to)]
		text := trimBlank(span)
		// Likewise the painted blanks right after it (past the closing
		// marker on the paragraph's last line).
		after := from + len(span) - len(trimBlankStart(span)) + len(text)
		for q := after; q < len(cells); q++ {
			c := cells[q]
			if c.width == 0 {
				continue // the closing marker
			}
			if !isBlank(c) || !hasBackground(c.style) {
				break
			}
			pl.padAfter = append(pl.padAfter, c)
		}
		if i > 0 {
			runes = append(runes, ' ') // the space glamour broke the line at
		}
		pl.start = len(runes)
		for _, c := range text {
			cellStart = append(cellStart, len(runes))
			runes = append(runes, []rune(c.text)...)
		}
		pl.end = len(runes)
		pl.text = text
		parsed[i] = pl
	}

	para := bidi.NewParagraph(runes, dir)
	shaped := t.shapeCells(parsed, runes, cellStart, para)
	out := make([]string, len(parsed))
	n := 0
	for i, pl := range parsed {
		cells := shaped[n : n+len(pl.text)]
		visual := visualCells(pl, cells, cellStart[n:n+len(pl.text)], para)
		n += len(pl.text)
		if dir == bidi.RTL {
			out[i] = layoutRTLLine(pl, visual)
		} else {
			out[i] = layoutLTRLine(pl, visual)
		}
	}
	return out
}

// shapeCells returns the text cells of all lines with their display text:
// shaped over the whole paragraph in logical order, explicit formatting
// characters removed. A lam-alef ligature lands in the lam's cell and
// leaves the alef's empty.
func (t *Typesetter) shapeCells(lines []paraLine, runes []rune, cellStart []int, para *bidi.Paragraph) []cell {
	var cells []cell
	for _, pl := range lines {
		cells = append(cells, pl.text...)
	}
	// owner maps each rune to its cell; the spaces put where glamour broke
	// lines belong to none.
	owner := make([]int, len(runes))
	for i := range owner {
		owner[i] = -1
	}
	for ci, c := range cells {
		for r := range utf8.RuneCountInString(c.text) {
			owner[cellStart[ci]+r] = ci
		}
	}
	out, src := runes, []int(nil)
	if t.opts.Shape {
		levels := para.Levels()
		lv := make([]uint8, len(levels))
		for i, l := range levels {
			lv[i] = uint8(l)
		}
		out, src = shape.Runes(runes, lv)
	}
	texts := make([]strings.Builder, len(cells))
	for i, r := range out {
		j := i
		if src != nil {
			j = src[i]
		}
		if ci := owner[j]; ci >= 0 && !invisible(r) {
			texts[ci].WriteRune(r)
		}
	}
	for i := range cells {
		cells[i].text = texts[i].String()
		cells[i].width = Width(cells[i].text)
	}
	return cells
}

// visualCells puts one line's text cells in display order with the
// paragraph's levels (rule L1 for this line, L2), mirroring those drawn
// right to left (L4) and dropping cells left empty by shaping or by the
// removal of formatting characters.
func visualCells(pl paraLine, text []cell, starts []int, para *bidi.Paragraph) []cell {
	if len(text) == 0 {
		return nil
	}
	runeLevels := para.LineLevels(pl.start, pl.end)
	levels := make([]bidi.Level, len(text))
	for i, s := range starts {
		levels[i] = runeLevels[s-pl.start]
	}
	visual := make([]cell, 0, len(text))
	for _, i := range bidi.Reorder(levels) {
		c := text[i]
		if c.text == "" {
			continue
		}
		if levels[i].IsRTL() {
			c.text = mirror(c.text)
		}
		visual = append(visual, c)
	}
	return visual
}

// layoutLTRLine writes a line of a left-to-right paragraph: glamour's
// prefix as it was, the text in display order, padding to the width.
func layoutLTRLine(pl paraLine, visual []cell) string {
	var b strings.Builder
	writeCells(&b, pl.prefix)
	writeCells(&b, visual)
	writeCells(&b, pl.padAfter)
	b.WriteString(strings.Repeat(" ", max(pl.width-cellsWidth(pl.prefix)-cellsWidth(visual)-cellsWidth(pl.padAfter), 0)))
	return b.String()
}

// layoutRTLLine writes a line of a right-to-left paragraph: its text in
// display order against the right margin, the bullet or quote bar to the
// right of it, indentation mirrored.
func layoutRTLLine(pl paraLine, visual []cell) string {
	marker := reverseMarker(pl.marker)
	margin := min(pl.indent, 2)
	extra := pl.indent - margin
	used := margin + cellsWidth(pl.padAfter) + cellsWidth(visual) + cellsWidth(pl.padBefore) + extra + margin
	if len(marker) > 0 {
		used += 1 + cellsWidth(marker)
	}
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", margin+max(pl.width-used, 0)))
	writeCells(&b, pl.padAfter)
	writeCells(&b, visual)
	writeCells(&b, pl.padBefore)
	if len(marker) > 0 {
		b.WriteByte(' ')
		writeCells(&b, marker)
	}
	b.WriteString(strings.Repeat(" ", extra+margin))
	return b.String()
}

// reverseMarker puts a list number or bullet in right-to-left order:
// "12." reads ".12" beside Arabic text, as the bidi algorithm would lay it
// out in a right-to-left paragraph.
func reverseMarker(marker []cell) []cell {
	if len(marker) == 0 {
		return nil
	}
	var runes []rune
	for _, c := range marker {
		runes = append(runes, []rune(c.text)...)
	}
	levels := bidi.NewParagraph(runes, bidi.RTL).Levels()
	cellLevels := make([]bidi.Level, len(marker))
	r := 0
	for i, c := range marker {
		cellLevels[i] = levels[r]
		r += len([]rune(c.text))
	}
	out := make([]cell, 0, len(marker))
	for _, i := range bidi.Reorder(cellLevels) {
		c := marker[i]
		if cellLevels[i].IsRTL() {
			c.text = mirror(c.text)
		}
		out = append(out, c)
	}
	return out
}

// isBlank reports whether c is white space (or nothing), which the layout
// may move or drop. The paragraph markers are not blank.
func isBlank(c cell) bool {
	return strings.TrimSpace(c.text) == ""
}

func trimBlank(cells []cell) []cell {
	for len(cells) > 0 && isBlank(cells[0]) {
		cells = cells[1:]
	}
	for len(cells) > 0 && isBlank(cells[len(cells)-1]) {
		cells = cells[:len(cells)-1]
	}
	return cells
}

func trimBlankStart(cells []cell) []cell {
	for len(cells) > 0 && isBlank(cells[0]) {
		cells = cells[1:]
	}
	return cells
}

// hasBackground reports whether SGR sequences, applied in order, leave a
// background colour set.
func hasBackground(style string) bool {
	bg := false
	for _, seq := range strings.SplitAfter(style, "m") {
		params, ok := strings.CutPrefix(seq, "\x1b[")
		if !ok {
			continue
		}
		ps := strings.FieldsFunc(strings.TrimSuffix(params, "m"), func(r rune) bool { return r == ';' || r == ':' })
		if len(ps) == 0 {
			bg = false // ESC[m resets everything
		}
		for i := 0; i < len(ps); i++ {
			p := ps[i]
			switch {
			case p == "0" || p == "49":
				bg = false
			case len(p) == 2 && p[0] == '4' && p[1] <= '7' || len(p) == 3 && p[:2] == "10" && p[2] <= '7':
				bg = true
			case p == "38" || p == "48" || p == "58":
				// A colour with its arguments (5;n or 2;r;g;b).
				bg = bg || p == "48"
				if i+1 < len(ps) && ps[i+1] == "5" {
					i += 2
				} else if i+1 < len(ps) && ps[i+1] == "2" {
					i += 4
				}
			}
		}
	}
	return bg
}

// cellColumns maps the columns where cells start to the cells.
func cellColumns(cells []cell) map[int]cell {
	at := make(map[int]cell, len(cells))
	w := 0
	for _, c := range cells {
		at[w] = c
		w += c.width
	}
	return at
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// oneLineIsolates counts the isolates that open at the top level of a
// line from cell start on and close on it; it stops at one left open.
func oneLineIsolates(cells []cell, start int) int {
	n, depth := 0, 0
	for _, c := range cells[start:] {
		d := isolateDelta(c.text)
		if depth == 0 && d > 0 {
			n++
		}
		depth += d
		if depth < 0 {
			depth = 0
		}
	}
	if depth > 0 {
		n-- // the last one goes on to the next line
	}
	return n
}

// orderInPlace puts each top-level isolate of a line in display order
// within the cells it takes, leaving the rest of the line (a table's
// borders and padding) where it is. Shaping can make a span narrower (a
// lam-alef ligature): it is padded back to its width.
func (t *Typesetter) orderInPlace(cells []cell) string {
	var out []cell
	for i := 0; i < len(cells); {
		d := isolateDelta(cells[i].text)
		if d <= 0 {
			out = append(out, cells[i])
			i++
			continue
		}
		dir := bidi.LTR
		if strings.Contains(cells[i].text, rli) {
			dir = bidi.RTL
		}
		depth, j := 0, i
		for ; j < len(cells); j++ {
			if depth += isolateDelta(cells[j].text); depth <= 0 {
				break
			}
		}
		span := cells[i+1 : min(j, len(cells))]
		core := trimBlankStart(span)
		lead := span[:len(span)-len(core)]
		core = trimBlank(core)
		trail := span[len(lead)+len(core):]
		out = append(out, lead...)
		visual := t.orderSpan(core, dir)
		out = append(out, visual...)
		if pad := cellsWidth(core) - cellsWidth(visual); pad > 0 {
			out = append(out, cell{text: strings.Repeat(" ", pad), width: pad})
		}
		out = append(out, trail...)
		i = j + 1
	}
	var b strings.Builder
	writeCells(&b, out)
	return b.String()
}

// orderSpan shapes and reorders one paragraph's cells on one line.
func (t *Typesetter) orderSpan(text []cell, dir bidi.Dir) []cell {
	if len(text) == 0 {
		return nil
	}
	var runes []rune
	starts := make([]int, len(text))
	for i, c := range text {
		starts[i] = len(runes)
		runes = append(runes, []rune(c.text)...)
	}
	pl := paraLine{text: text, start: 0, end: len(runes)}
	para := bidi.NewParagraph(runes, dir)
	shaped := t.shapeCells([]paraLine{pl}, runes, starts, para)
	return visualCells(pl, shaped, starts, para)
}

// isTableLine reports whether a line of glamour's output is a row of a
// table: its columns are parted by │ (not a quote's bar, which comes
// first on its line), or it is the rule under the header (┼).
func isTableLine(line string) bool {
	plain := ansi.Strip(line)
	if strings.Contains(plain, "┼") {
		return true
	}
	bar := strings.Index(plain, "│")
	return bar > 0 && strings.TrimSpace(plain[:bar]) != ""
}

// orderTable lays out a table's lines: each cell's text in display order
// where it stands and, in a table whose cells are mostly right to left,
// the columns mirrored — the first at the right — with each cell's text
// against its right edge.
func (t *Typesetter) orderTable(lines []string) []string {
	rows := make([][]cell, len(lines))
	margin, rtl, ltr := -1, 0, 0
	for i, l := range lines {
		rows[i] = parseCells(l)
		lead := len(rows[i]) - len(trimBlankStart(rows[i]))
		if margin < 0 || lead < margin {
			margin = lead
		}
		for _, c := range rows[i] {
			switch {
			case strings.Contains(c.text, rli):
				rtl++
			case strings.Contains(c.text, lri):
				ltr++
			}
		}
	}
	out := make([]string, len(lines))
	for i, row := range rows {
		if rtl <= ltr {
			out[i] = t.orderInPlace(row)
			continue
		}
		margin := min(margin, len(row))
		var segs [][]cell
		var seps []cell
		seg := []cell{}
		for _, c := range row[margin:] {
			if c.text == "│" || c.text == "┼" {
				segs, seps, seg = append(segs, seg), append(seps, c), []cell{}
				continue
			}
			seg = append(seg, c)
		}
		segs = append(segs, seg)
		slices.Reverse(segs)
		slices.Reverse(seps)
		line := append([]cell(nil), row[:margin]...)
		for k, sg := range segs {
			if k > 0 {
				line = append(line, seps[k-1])
			}
			line = append(line, t.alignCellRight(sg)...)
		}
		var b strings.Builder
		writeCells(&b, line)
		out[i] = b.String()
	}
	return out
}

// alignCellRight puts one table cell's text in display order against the
// cell's right edge, one blank from its border, keeping its width. A rule
// (───) is left as it is.
func (t *Typesetter) alignCellRight(seg []cell) []cell {
	core := trimBlank(seg)
	if len(core) == 0 || strings.Trim(cellsText(core), "─") == "" {
		return seg
	}
	text := trimBlank(parseCells(t.orderInPlace(core))) // a ligature's pad goes to the left
	pad := max(cellsWidth(seg)-cellsWidth(text)-1, 0)
	out := []cell{{text: strings.Repeat(" ", pad), width: pad}}
	out = append(out, text...)
	return append(out, cell{text: " ", width: 1})
}

func cellsText(cells []cell) string {
	var b strings.Builder
	for _, c := range cells {
		b.WriteString(c.text)
	}
	return b.String()
}
