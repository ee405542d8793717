package ui

import (
	"context"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nashra/render"
	"nashra/store"
)

// feedsModel is the feeds view: "All", "Starred", the tags and every feed,
// each with its unread count; choosing one filters the headline list.
type feedsModel struct {
	entries []feedEntry
	cursor  int
	offset  int
}

type feedEntry struct {
	filter
	unread, total int
	err           string // the feed's last fetch error
	indent        bool   // a feed under the tags
}

// openFeeds builds the feeds view from the store's counts.
func (m Model) openFeeds() (tea.Model, tea.Cmd) {
	stored, err := m.cfg.Store.Feeds(context.Background())
	if err != nil {
		m.setError(err.Error())
		return m, nil
	}
	byURL := make(map[string]store.Feed, len(stored))
	for _, f := range stored {
		byURL[f.URL] = f
	}
	var entries []feedEntry
	all := feedEntry{filter: filter{kind: filterAll, label: m.lang.All}}
	for _, src := range m.cfg.Sources {
		all.unread += byURL[src].Unread
		all.total += byURL[src].Total
	}
	entries = append(entries, all)
	// Counted along the index of starred items, not read.
	starred, _ := m.cfg.Store.Count(context.Background(), store.Query{FeedURLs: m.cfg.Sources, Starred: true})
	entries = append(entries, feedEntry{filter: filter{kind: filterStarred, label: m.lang.Starred}, total: starred})
	for _, tag := range m.tags() {
		e := feedEntry{filter: filter{kind: filterTag, label: "#" + tag, urls: m.tagged(tag)}}
		for _, u := range e.urls {
			e.unread += byURL[u].Unread
			e.total += byURL[u].Total
		}
		entries = append(entries, e)
	}
	for _, src := range m.cfg.Sources {
		f := byURL[src]
		title := m.feedTitle(src, f.Title)
		if title == "" {
			title = src
		}
		entries = append(entries, feedEntry{
			filter: filter{kind: filterFeed, label: title, lang: f.Language, urls: []string{src}},
			unread: f.Unread, total: f.Total, err: f.LastError, indent: true,
		})
	}
	m.feeds = feedsModel{entries: entries}
	// Start on the entry the list shows now.
	for i, e := range entries {
		if e.kind == m.filter.kind && e.label == m.filter.label {
			m.feeds.cursor = i
		}
	}
	m.feeds.clamp(m.bodyHeight())
	m.screen = feedsScreen
	return m, nil
}

func (f *feedsModel) move(delta int) {
	f.cursor += delta
}

func (f *feedsModel) clamp(height int) {
	f.cursor = min(max(f.cursor, 0), max(len(f.entries)-1, 0))
	if f.cursor < f.offset {
		f.offset = f.cursor
	}
	if f.cursor >= f.offset+height {
		f.offset = f.cursor - height + 1
	}
}

func (m Model) feedsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	f := &m.feeds
	h := m.bodyHeight()
	switch {
	case keyMatches(msg, k.Back), keyMatches(msg, k.Feeds):
		m.screen = listScreen
		return m, nil
	case keyMatches(msg, k.Down):
		f.move(1)
	case keyMatches(msg, k.Up):
		f.move(-1)
	case keyMatches(msg, k.PageDown):
		f.move(h)
	case keyMatches(msg, k.PageUp):
		f.move(-h)
	case keyMatches(msg, k.Top):
		f.cursor = 0
	case keyMatches(msg, k.Bottom):
		f.cursor = len(f.entries) - 1
	case keyMatches(msg, k.Open):
		if f.cursor < len(f.entries) {
			m.filter = f.entries[f.cursor].filter
			m.screen = listScreen
			m.list.cursor, m.list.offset, m.list.moved = 0, 0, false
			return m, m.reloadList()
		}
		return m, nil
	case keyMatches(msg, k.Refresh):
		return m, m.refresh()
	}
	f.clamp(h)
	return m, nil
}

// feedsView draws the visible entries — name, unread and total counts —
// and, on the last line, the selected feed's URL or its last error.
func (m Model) feedsView(height int) string {
	f := m.feeds
	rows := max(height-1, 1)
	var b strings.Builder
	end := min(f.offset+rows, len(f.entries))
	for i := f.offset; i < end; i++ {
		if i > f.offset {
			b.WriteByte('\n')
		}
		b.WriteString(m.feedRow(f.entries[i], i == f.cursor))
	}
	out := padLines(b.String(), rows)
	if height < 2 || f.cursor >= len(f.entries) {
		return out
	}
	e := f.entries[f.cursor]
	detail, style := "", m.styles.Meta
	switch {
	case e.err != "":
		detail, style = e.err, m.styles.StatusError.UnsetBackground()
	case e.kind == filterFeed:
		detail = e.urls[0]
	}
	return out + "\n" + style.Render(" "+m.chrome(detail, m.width-2)+" ")
}

func (m Model) feedRow(e feedEntry, selected bool) string {
	counts := fmt.Sprintf(m.lang.FeedCounts, e.unread, e.total)
	if e.kind == filterStarred {
		counts = fmt.Sprintf("%d", e.total)
	}
	if e.err != "" {
		counts = m.lang.Failed + " · " + counts
	}
	marker := "  "
	if e.unread > 0 {
		marker = "● "
	}
	indent := ""
	if e.indent {
		indent = "  "
	}
	countW := render.Width(counts)
	nameW := max(m.width-3-len(indent)-2-countW-1, 0)
	name := render.Pad(m.ts.Line(e.label, e.lang, nameW), nameW)
	line := " " + marker + indent + name + "  " + m.chrome(counts, countW) + " "
	if m.lang.RTL {
		// Mirrored: marker at the right edge, counts at the left.
		line = " " + m.chrome(counts, countW) + "  " + name + indent + " " + strings.TrimSpace(marker) + strings.Repeat(" ", 2-render.Width(strings.TrimSpace(marker)))
	}
	style := m.styles.ReadTitle
	if e.unread > 0 {
		style = m.styles.UnreadTitle
	}
	if e.err != "" {
		style = m.styles.StatusError.UnsetBackground()
	}
	if selected {
		style = style.Inherit(m.styles.Selected)
	}
	// line is already in display order and exactly the window's width.
	return style.Render(line)
}
