package render

import "nashra/render/bidi"

// Row is one headline of the list, as logical strings.
type Row struct {
	Marker string // the unread marker, one cell ("●" or " ")
	Title  string
	Lang   string // the item's or feed's language, a direction hint
	// Direction overrides the title's detected direction: "rtl" or "ltr"
	// for feeds whose text or language tag misleads; "" or "auto" detects.
	Direction string
	Feed      string // the feed's name
	FeedLang  string
	Age       string // e.g. "5m", "3h"
}

// RowStyle styles the parts of a row after layout. Each function gets a
// piece already in display order and returns it styled; nil leaves it plain.
// Gap styles the spaces between and around parts, so a highlight can span
// the whole row.
type RowStyle struct {
	Marker, Title, Feed, Age, Gap func(string) string
}

// Widths of the row's fixed columns. The feed column is capped so titles get
// most of the row; the age column fits "59m", "23h", "12mo".
const (
	feedColumn = 18
	ageColumn  = 4
)

// Row lays out a headline row in exactly width cells, in the title's
// direction: a left-to-right row reads marker, title, then feed name and
// age at the far right; a right-to-left row is its mirror image, marker at
// the right edge where reading starts, feed name and age at the left.
func (t *Typesetter) Row(r Row, width int, st RowStyle) string {
	if width <= 0 {
		return ""
	}
	ageW := min(ageColumn, width)
	feedW := 0
	if width >= 50 {
		feedW = min(feedColumn, Width(singleLine(r.Feed)))
	}
	// cells: " " marker " " title " " feed " " age " "
	fixed := 1 + 1 + 1 + 1 + feedW + 1 + ageW + 1
	if feedW == 0 {
		fixed--
	}
	titleW := width - fixed
	if titleW < 1 {
		// Too narrow for columns: the title alone, cut to fit.
		return apply(st.Title, t.Fit(r.Title, r.Lang, width))
	}

	// The three parts are laid out into one buffer, which becomes one
	// string for the style functions to take pieces of; then the row is
	// assembled in the same buffer.
	sc := scratchPool.Get().(*scratch)
	buf, ageCells, _ := t.layOut(sc.out[:0], r.Age, "", bidi.Auto, ageW)
	buf = padFront(buf, ageW-ageCells) // right-aligned in its column
	ageEnd := len(buf)
	buf, feedCells, _ := t.layOut(buf, r.Feed, r.FeedLang, bidi.Auto, feedW)
	feedEnd := len(buf)
	buf, titleCells, titleDir := t.layOut(buf, r.Title, r.Lang, forcedDir(r.Direction), titleW)
	parts := string(buf)
	age, feed, title := parts[:ageEnd], parts[ageEnd:feedEnd], parts[feedEnd:]

	b := buf[:0]
	if titleDir == RTL && t.opts.Bidi == BidiApp {
		b = appendGap(b, st.Gap, 1)
		b = appendStyled(b, st.Age, age)
		if feedW > 0 {
			b = appendGap(b, st.Gap, 1+feedW-feedCells)
			b = appendStyled(b, st.Feed, feed)
		}
		b = appendGap(b, st.Gap, titleW-titleCells+1)
		b = appendStyled(b, st.Title, title)
		b = appendGap(b, st.Gap, 1)
		b = appendStyled(b, st.Marker, r.Marker)
		b = appendGap(b, st.Gap, 1)
	} else {
		b = appendGap(b, st.Gap, 1)
		b = appendStyled(b, st.Marker, r.Marker)
		b = appendGap(b, st.Gap, 1)
		b = appendStyled(b, st.Title, title)
		b = appendGap(b, st.Gap, titleW-titleCells+1)
		if feedW > 0 {
			b = appendStyled(b, st.Feed, feed)
			b = appendGap(b, st.Gap, feedW-feedCells+1)
		}
		b = appendStyled(b, st.Age, age)
		b = appendGap(b, st.Gap, 1)
	}
	row := string(b)
	sc.out = b
	if cap(sc.out) <= 8*maxPooledRunes {
		scratchPool.Put(sc)
	}
	return row
}

// appendGap appends n spaces (none if n <= 0), styled.
func appendGap(b []byte, style func(string) string, n int) []byte {
	if style == nil {
		return appendSpaces(b, n)
	}
	return appendStyled(b, style, spaces(n))
}

// appendStyled appends s styled, as apply styles it.
func appendStyled(b []byte, style func(string) string, s string) []byte {
	return append(b, apply(style, s)...)
}

// forcedDir turns a configured direction into a paragraph direction.
func forcedDir(d string) bidi.Dir {
	switch d {
	case "rtl":
		return bidi.RTL
	case "ltr":
		return bidi.LTR
	}
	return bidi.Auto
}

func apply(style func(string) string, s string) string {
	if style == nil || s == "" {
		return s
	}
	return style(s)
}
