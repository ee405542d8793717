package ui

import (
	"context"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"nashra/render"
	"nashra/store"
)

// pager reads the list from the store a page at a time.
type pager interface {
	After(ctx context.Context, q store.Query, k *store.Key, limit int) ([]store.Item, error)
	Before(ctx context.Context, q store.Query, k *store.Key, limit int) ([]store.Item, error)
	Count(ctx context.Context, q store.Query) (int, error)
	Position(ctx context.Context, q store.Query, k store.Key) (int, error)
}

// listModel is the headline list. It never holds more than a window of
// items around what is on screen: positions are absolute (0 is the newest
// item of the query), the window is items[0] at position start, and pages
// are read by key as the reader moves, so the work per key press does not
// depend on how many items are stored.
type listModel struct {
	src   pager
	q     store.Query
	items []store.Item // the window
	start int          // position of items[0]
	total int          // items the query selects

	cursor     int // position of the selected item
	offset     int // position of the first row on screen
	height     int
	unreadOnly bool
	// moved is set once the reader moves the selection. Until then the
	// selection stays on the newest item as feeds arrive, so the first
	// screen starts at the top.
	moved bool
	err   error // the last failure to read a page
}

// Window sizes: a page read when moving past the window, and the most the
// window keeps. A search's page costs the database in proportion to the
// number of matches, whatever its length (a common word at a million
// items: most of a second), so searches read pages eight times longer and
// pause eight times less often while scrolling.
const (
	pageSize        = 128
	maxWindow       = 512
	searchPageSize  = 1024
	searchMaxWindow = 4096
)

func (l *listModel) setHeight(h int) {
	l.height = max(h, 1)
	l.clamp()
}

// selected returns the selected item, if the list has any.
func (l *listModel) selected() (*store.Item, bool) {
	i := l.cursor - l.start
	if l.total == 0 || i < 0 || i >= len(l.items) {
		return nil, false
	}
	return &l.items[i], true
}

// at returns the item at a position, if it is in the window.
func (l *listModel) at(pos int) (*store.Item, bool) {
	i := pos - l.start
	if i < 0 || i >= len(l.items) {
		return nil, false
	}
	return &l.items[i], true
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

// clamp keeps cursor inside the list and the cursor's row on screen, and
// the window over what the screen shows.
func (l *listModel) clamp() {
	if l.total == 0 {
		l.cursor, l.offset = 0, 0
		return
	}
	l.cursor = min(max(l.cursor, 0), l.total-1)
	h := max(l.height, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+h {
		l.offset = l.cursor - h + 1
	}
	// Don't leave blank rows at the bottom while there are items above.
	l.offset = max(min(l.offset, l.total-h), 0)
	l.fill()
}

// fill reads pages so that the window covers the screen and a screen's
// worth either side. Moving row by row or page by page extends the window
// from its edge item's key; only a jump far from it (End, Home) reads a
// page from the list's ends.
func (l *listModel) fill() {
	if l.src == nil || l.total == 0 {
		return
	}
	h := max(l.height, 1)
	lo := max(l.offset-h, 0)
	hi := min(l.offset+2*h, l.total)
	end := l.start + len(l.items)
	if len(l.items) > 0 && lo >= l.start && hi <= end {
		return
	}
	ctx := context.Background()
	var err error
	switch {
	case len(l.items) > 0 && hi > end && lo <= end:
		last := store.KeyOf(l.items[len(l.items)-1])
		var more []store.Item
		more, err = l.src.After(ctx, l.q, &last, hi-end+l.page())
		l.items = append(l.items, more...)
		if drop := len(l.items) - l.window(); drop > 0 {
			drop = min(drop, lo-l.start)
			if drop > 0 {
				l.items = append([]store.Item(nil), l.items[drop:]...)
				l.start += drop
			}
		}
	case len(l.items) > 0 && lo < l.start && hi >= l.start:
		first := store.KeyOf(l.items[0])
		var more []store.Item
		more, err = l.src.Before(ctx, l.q, &first, l.start-lo+l.page())
		l.items = append(more, l.items...)
		l.start -= len(more)
		if len(l.items) > l.window() {
			keep := max(l.window(), hi-l.start)
			l.items = l.items[:min(keep, len(l.items))]
		}
	case hi > l.total-l.page():
		l.items, err = l.src.Before(ctx, l.q, nil, max(l.total-lo, 0)+h)
		l.start = l.total - len(l.items)
	default:
		l.items, err = l.src.After(ctx, l.q, nil, hi+l.page())
		l.start = 0
		if drop := len(l.items) - l.window(); drop > 0 {
			drop = min(drop, lo)
			l.items = append([]store.Item(nil), l.items[drop:]...)
			l.start = drop
		}
	}
	l.err = err
}

// load reads the list for query q afresh. The selected item stays
// selected, on the same screen row, so items arriving from a fetch don't
// move what the reader is looking at; if it is gone, the selection stays at
// the same position.
func (l *listModel) load(q store.Query) error {
	r, err := readList(context.Background(), l.src, q, l.anchor(q))
	if err != nil {
		return err
	}
	return l.apply(r)
}

// listAnchor is what a reload keeps in place: the selected item, on the
// screen row it is on. No item (sel nil) when the reader has not moved
// yet or the list changes scope.
type listAnchor struct {
	sel *store.Key
	row int
	// The cursor and whether the reader had moved it, when the list was
	// read: keys pressed before it is shown move on from there.
	cursor int
	moved  bool
	top    int  // without sel: how many items to read from the top
	reset  bool // without sel: the cursor was too far down to keep; show the top
}

func (l *listModel) anchor(q store.Query) listAnchor {
	a := listAnchor{row: l.cursor - l.offset, cursor: l.cursor, moved: l.moved}
	if it, ok := l.selected(); ok && l.moved && widens(l.q, q) {
		k := store.KeyOf(*it)
		a.sel = &k
		return a
	}
	// The screen and a screen's worth below it, as fill would keep, and
	// a page more; from the top, or down to where the cursor stays. A
	// cursor further down than a window's worth goes to the top: the
	// list is another one (unread only, another feed), and reading down
	// to it would be the slow read this spares the update loop.
	a.top = l.firstPage(q)
	if l.moved {
		if need := l.offset + 2*max(l.height, 1) + pageFor(q); need <= windowFor(q) {
			a.top = max(a.top, need)
		} else {
			a.reset = true
		}
	}
	return a
}

// listRead is a list read afresh from the store: its total and, when an
// item is anchored, the window around it and its position.
type listRead struct {
	q      store.Query
	total  int
	anchor listAnchor
	pos    int          // the anchored item's position
	items  []store.Item // the window, from pos-before
	before int          // how many of items come before the anchored one
}

// readList reads what apply needs to show q. It touches no model state,
// so a search's reload can run it off the update loop.
func readList(ctx context.Context, src pager, q store.Query, a listAnchor) (listRead, error) {
	r := listRead{q: q, anchor: a}
	var err error
	if r.total, err = src.Count(ctx, q); err != nil || r.total == 0 {
		return r, err
	}
	if a.sel == nil {
		if a.top > 0 {
			r.items, err = src.After(ctx, q, nil, min(a.top, r.total))
		}
		return r, err
	}
	if r.pos, err = src.Position(ctx, q, *a.sel); err != nil {
		return r, err
	}
	// Read the window around the selected item: the items before it, and
	// it with those after (a key just past it includes it).
	before, err := src.Before(ctx, q, a.sel, pageSize)
	if err != nil {
		return r, err
	}
	from := store.Key{Published: a.sel.Published, ID: a.sel.ID + 1}
	after, err := src.After(ctx, q, &from, pageSize)
	if err != nil {
		return r, err
	}
	r.items, r.before = append(before, after...), len(before)
	return r, nil
}

// apply shows a list read by readList.
func (l *listModel) apply(r listRead) error {
	l.q, l.total, l.items, l.start = r.q, r.total, nil, 0
	if r.anchor.sel == nil {
		l.items = r.items // from the top
		if !l.moved || r.anchor.reset {
			l.cursor, l.offset, l.moved = 0, 0, false
		}
		l.clamp()
		return l.err
	}
	l.items = r.items
	l.start = r.pos - r.before
	l.cursor, l.offset = r.pos, r.pos-r.anchor.row
	l.clamp()
	return l.err
}

// page is how many items to read past the window's edge.
func (l *listModel) page() int { return pageFor(l.q) }

func pageFor(q store.Query) int {
	if q.Search != "" {
		return searchPageSize
	}
	return pageSize
}

// window is the most items the list keeps.
func (l *listModel) window() int { return windowFor(l.q) }

func windowFor(q store.Query) int {
	if q.Search != "" {
		return searchMaxWindow
	}
	return maxWindow
}

// firstPage is how many items to read for the list of q shown from its
// top: the screen and a screen's worth below it (what fill keeps), and a
// page more.
func (l *listModel) firstPage(q store.Query) int {
	return 2*max(l.height, 1) + pageFor(q)
}

// show puts the list of q, read elsewhere, on screen from its top: its
// total and its first items.
func (l *listModel) show(q store.Query, total int, first []store.Item) {
	l.q, l.total, l.items, l.start = q, total, first, 0
	l.cursor, l.offset, l.moved = 0, 0, false
	l.clamp()
}

// sameScope reports whether two queries list the same kind of items, so
// a selection carries over from one to the other.
func sameScope(a, b store.Query) bool {
	return a.Search == b.Search && a.Starred == b.Starred && a.UnreadOnly == b.UnreadOnly &&
		slices.Equal(a.FeedURLs, b.FeedURLs)
}

// widens reports whether the list of b holds every item of the list of a:
// b is a without its search, or without the starred or unread-only filter.
func widens(a, b store.Query) bool {
	return (b.Search == "" || b.Search == a.Search) && (!b.Starred || a.Starred) &&
		(!b.UnreadOnly || a.UnreadOnly) && slices.Equal(a.FeedURLs, b.FeedURLs)
}

func (m Model) listKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	l := &m.list
	switch {
	case keyMatches(msg, k.Quit):
		return m, tea.Quit
	case msg.String() == "esc" && (m.search != "" || m.filter.kind != filterAll):
		// Esc steps back out of a search, then out of a filter, with
		// the selected item still selected: the wider list holds it.
		if m.search != "" {
			m.search = ""
		} else {
			m.filter = filter{}
		}
		if _, ok := l.selected(); ok {
			l.moved = true
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
		l.goTo(l.total - 1)
	case keyMatches(msg, k.Open):
		return m.openSelected()
	case keyMatches(msg, k.Next):
		return m.nextUnread(false)
	case keyMatches(msg, k.ToggleRead):
		if it, ok := l.selected(); ok {
			return m, m.setRead(it, !it.Read)
		}
	case keyMatches(msg, k.MarkAllRead):
		return m, m.markAllRead()
	case keyMatches(msg, k.UnreadOnly):
		l.unreadOnly = !l.unreadOnly
		if l.unreadOnly {
			m.setStatus(m.lang.ShowingUnread)
		} else {
			m.setStatus(m.lang.ShowingAll)
		}
		return m, m.reloadList()
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
		m.setStatus(m.lang.StarredMsg)
	} else {
		m.setStatus(m.lang.UnstarredMsg)
	}
	st, id := m.cfg.Store, it.ID
	return func() tea.Msg {
		return savedMsg{err: st.SetStarred(context.Background(), id, starred)}
	}
}

// markAllRead marks read what the list shows: all its feeds' items, or
// only a search's matches or the starred items when it shows those.
func (m *Model) markAllRead() tea.Cmd {
	for i := range m.list.items {
		m.list.items[i].Read = true
	}
	q := m.listQuery()
	if q.Search == "" && !q.Starred {
		m.unread = 0 // the counts are the list's; otherwise they follow the save
		m.setStatus(m.lang.MarkedAllRead)
	} else {
		m.setStatus(m.lang.MarkedShownRead)
	}
	st := m.cfg.Store
	return func() tea.Msg {
		_, err := st.MarkRead(context.Background(), q)
		return savedMsg{err: err, reload: true}
	}
}

// listView draws the visible rows of the list, and nothing more: the work
// per frame depends on the window, not on how many items are stored.
func (m Model) listView(height int) string {
	l := m.list
	if l.total == 0 {
		msg := m.lang.NoItems
		if m.search != "" {
			msg = m.lang.NothingMatches
		} else if m.filter.kind == filterStarred {
			msg = m.lang.NoStarred
		} else if l.unreadOnly {
			msg = m.lang.NoUnread
		} else if m.pending > 0 {
			msg = m.lang.Fetching
		}
		return padLines(m.styles.Empty.Render(" "+m.chrome(msg, m.width-2)+" "), height)
	}
	// One line per row of the body, joined once: the rows are mostly
	// cached strings, and the join allocates the screen exactly once.
	lines := make([]string, max(height, 1))
	end := min(l.offset+height, l.total)
	for i := l.offset; i < end; i++ {
		if it, ok := l.at(i); ok {
			lines[i-l.offset] = m.rowView(it, i == l.cursor)
		}
	}
	return strings.Join(lines, "\n")
}

func (m Model) rowView(it *store.Item, selected bool) string {
	age := m.lang.age(it.Published, m.now())
	feedTitle := m.feedTitle(it.FeedURL, it.FeedTitle)
	k := rowKey{it.ID, m.width, selected, it.Read, it.Starred, it.Title, feedTitle, age}
	return m.rows.get(k, func() string { return m.layoutRow(it, selected, feedTitle, age) })
}

func (m Model) layoutRow(it *store.Item, selected bool, feedTitle, age string) string {
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
		title = title.Inherit(s.Selected)
		marker = marker.Inherit(s.Selected)
		meta = meta.Inherit(s.Selected)
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
		Feed:      feedTitle,
		FeedLang:  it.FeedLanguage,
		Age:       age,
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
