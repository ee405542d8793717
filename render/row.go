package render

import (
	"strings"

	"nashra/render/bidi"
)

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
	age := padLeft(t.Line(r.Age, "", ageW).Text, ageW)
	feedW := 0
	if width >= 50 {
		feedW = min(feedColumn, Width(singleLine(r.Feed)))
	}
	feed := t.Line(r.Feed, r.FeedLang, feedW)
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
	title := t.line(t.newParagraphDir(singleLine(r.Title), r.Lang, forcedDir(r.Direction)), titleW)

	gap := func(n int) string { return apply(st.Gap, strings.Repeat(" ", max(n, 0))) }
	var b strings.Builder
	if title.Dir == RTL && t.opts.Bidi == BidiApp {
		b.WriteString(gap(1))
		b.WriteString(apply(st.Age, age))
		if feedW > 0 {
			b.WriteString(gap(1 + feedW - feed.Width))
			b.WriteString(apply(st.Feed, feed.Text))
		}
		b.WriteString(gap(titleW - title.Width + 1))
		b.WriteString(apply(st.Title, title.Text))
		b.WriteString(gap(1))
		b.WriteString(apply(st.Marker, r.Marker))
		b.WriteString(gap(1))
		return b.String()
	}
	b.WriteString(gap(1))
	b.WriteString(apply(st.Marker, r.Marker))
	b.WriteString(gap(1))
	b.WriteString(apply(st.Title, title.Text))
	b.WriteString(gap(titleW - title.Width + 1))
	if feedW > 0 {
		b.WriteString(apply(st.Feed, feed.Text))
		b.WriteString(gap(feedW - feed.Width + 1))
	}
	b.WriteString(apply(st.Age, age))
	b.WriteString(gap(1))
	return b.String()
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

func padLeft(s string, width int) string {
	if w := Width(s); w < width {
		return strings.Repeat(" ", width-w) + s
	}
	return s
}
