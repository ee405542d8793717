package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"nashra/render"
	"nashra/store"
)

// listModel is the headline list: the loaded items, the selection and the
// first visible row.
type listModel struct {
	items      []store.Item
	cursor     int
	offset     int
	height     int
	unreadOnly bool
	// moved is set once the reader moves the selection. Until then the
	// selection stays on the newest item as feeds arrive, so the first
	// screen starts at the top.
	moved bool
}

func (l *listModel) setHeight(h int) {
	l.height = max(h, 1)
	l.clamp()
}

// selected returns the selected item, if the list has any.
func (l *listModel) selected() (*store.Item, bool) {
	if l.cursor < 0 || l.cursor >= len(l.items) {
		return nil, false
	}
	return &l.items[l.cursor], true
}

// move shifts the selection by delta rows, scrolling as little as needed.
func (l *listModel) move(delta int) {
	l.goTo(l.cursor + delta)
}

func (l *listModel) goTo(i int) {
	l.cursor = i
	l.moved = true
	l.clamp()
}

// clamp keeps cursor inside the items and the cursor's row on screen.
func (l *listModel) clamp() {
	if len(l.items) == 0 {
		l.cursor, l.offset = 0, 0
		return
	}
	l.cursor = min(max(l.cursor, 0), len(l.items)-1)
	h := max(l.height, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
	// Don't leave blank rows at the bottom while there are items above.
	l.offset = max(min(l.offset, len(l.items)-h), 0)
}

// replace swaps in a freshly loaded list. The selected item stays selected,
// on the same screen row, so items arriving from a fetch don't move what
// the reader is looking at; if it is gone, the selection stays at the same
// position.
func (l *listModel) replace(items []store.Item) {
	var selID int64
	row := l.cursor - l.offset
	if it, ok := l.selected(); ok && l.moved {
		selID = it.ID
	}
	l.items = items
	if selID != 0 {
		for i := range items {
			if items[i].ID == selID {
				l.cursor = i
				l.offset = i - row
				break
			}
		}
	}
	l.clamp()
}

func (m Model) listKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	l := &m.list
	switch {
	case keyMatches(msg, k.Quit):
		return m, tea.Quit
	case msg.String() == "esc" && (m.search != "" || m.filter.kind != filterAll):
		// Esc steps back out of a search, then out of a filter.
		if m.search != "" {
			m.search = ""
		} else {
			m.filter = filter{}
		}
		if err := m.reload(); err != nil {
			m.setError(err.Error())
		}
	case keyMatches(msg, k.Feeds):
		return m.openFeeds()
	case keyMatches(msg, k.Search):
		return m.startSearch()
	case keyMatches(msg, k.Star):
		if it, ok := l.selected(); ok {
			return m, m.setStarred(it, !it.Starred)
		}
	case keyMatches(msg, k.Down):
		l.move(1)
	case keyMatches(msg, k.Up):
		l.move(-1)
	case keyMatches(msg, k.PageDown):
		l.move(l.height)
	case keyMatches(msg, k.PageUp):
		l.move(-l.height)
	case keyMatches(msg, k.Top):
		l.goTo(0)
	case keyMatches(msg, k.Bottom):
		l.goTo(len(l.items) - 1)
	case keyMatches(msg, k.Open):
		return m.openSelected()
	case keyMatches(msg, k.ToggleRead):
		if it, ok := l.selected(); ok {
			return m, m.setRead(it, !it.Read)
		}
	case keyMatches(msg, k.MarkAllRead):
		return m, m.markAllRead()
	case keyMatches(msg, k.UnreadOnly):
		l.unreadOnly = !l.unreadOnly
		if err := m.reload(); err != nil {
			m.setError(err.Error())
		} else if l.unreadOnly {
			m.setStatus("showing unread items only (u shows all)")
		} else {
			m.setStatus("showing all items")
		}
	case keyMatches(msg, k.OpenLink):
		if it, ok := l.selected(); ok {
			return m, m.openLink(it.Link)
		}
	case keyMatches(msg, k.Refresh):
		return m, m.refresh()
	}
	return m, nil
}

// setRead changes an item's read state on screen at once and in the store
// in the background.
func (m *Model) setRead(it *store.Item, read bool) tea.Cmd {
	if it.Read == read {
		return nil
	}
	it.Read = read
	if read {
		m.unread--
	} else {
		m.unread++
	}
	st, id := m.cfg.Store, it.ID
	return func() tea.Msg {
		return savedMsg{err: st.SetRead(context.Background(), id, read)}
	}
}

// setStarred stars or unstars an item, on screen at once and in the
// store in the background. Starred items are never deleted by retention.
func (m *Model) setStarred(it *store.Item, starred bool) tea.Cmd {
	it.Starred = starred
	if starred {
		m.setStatus("starred")
	} else {
		m.setStatus("unstarred")
	}
	st, id := m.cfg.Store, it.ID
	return func() tea.Msg {
		return savedMsg{err: st.SetStarred(context.Background(), id, starred)}
	}
}

func (m *Model) markAllRead() tea.Cmd {
	for i := range m.list.items {
		m.list.items[i].Read = true
	}
	m.unread = 0
	m.setStatus("marked all items read")
	st, scope := m.cfg.Store, m.scope()
	return func() tea.Msg {
		_, err := st.MarkAllRead(context.Background(), scope)
		return savedMsg{err: err, reload: true}
	}
}

// listView draws the visible rows of the list, and nothing more: the work
// per frame depends on the window, not on how many items are stored.
func (m Model) listView(height int) string {
	l := m.list
	if len(l.items) == 0 {
		msg := "No items yet."
		if m.search != "" {
			msg = "Nothing matches. Esc clears the search."
		} else if m.filter.kind == filterStarred {
			msg = "No starred items. Press s on an item to star it."
		} else if l.unreadOnly {
			msg = "No unread items. Press u to show all."
		} else if m.pending > 0 {
			msg = "Fetching feeds…"
		}
		return padLines(m.styles.Empty.Render("  "+msg), height)
	}
	var b strings.Builder
	end := min(l.offset+height, len(l.items))
	for i := l.offset; i < end; i++ {
		if i > l.offset {
			b.WriteByte('\n')
		}
		b.WriteString(m.rowView(&l.items[i], i == l.cursor))
	}
	return padLines(b.String(), height)
}

func (m Model) rowView(it *store.Item, selected bool) string {
	s := m.styles
	title, marker := s.ReadTitle, s.Marker
	markerText := " "
	if !it.Read {
		title = s.UnreadTitle
		markerText = "●"
	}
	if it.Starred {
		markerText = "★"
	}
	meta, gap := s.Meta, lipgloss.NewStyle()
	if selected {
		title = title.Inherit(s.Selected).Background(s.Selected.GetBackground())
		marker = marker.Background(s.Selected.GetBackground())
		meta = meta.Background(s.Selected.GetBackground())
		gap = s.Selected
	}
	lang := it.Language
	if lang == "" {
		lang = it.FeedLanguage
	}
	sub, _ := m.subscription(it.FeedURL)
	return m.ts.Row(render.Row{
		Marker:    markerText,
		Title:     it.Title,
		Lang:      lang,
		Direction: sub.Direction,
		Feed:      m.feedTitle(it.FeedURL, it.FeedTitle),
		FeedLang:  it.FeedLanguage,
		Age:       render.Age(it.Published, m.now()),
	}, m.width, render.RowStyle{
		Marker: renderer(marker),
		Title:  renderer(title),
		Feed:   renderer(meta),
		Age:    renderer(meta),
		Gap:    renderer(gap),
	})
}

// padLines makes s exactly height lines tall.
func padLines(s string, height int) string {
	n := strings.Count(s, "\n") + 1
	if n < height {
		s += strings.Repeat("\n", height-n)
	}
	return s
}

// renderer adapts a lipgloss style to the plain function render expects.
func renderer(st lipgloss.Style) func(string) string {
	return func(s string) string { return st.Render(s) }
}
