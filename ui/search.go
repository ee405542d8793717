package ui

import (
	"context"
	"slices"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"nashra/render"
	"nashra/render/bidi"
	"nashra/store"
)

// The search line: "/" gives it the keyboard, every key narrows the list
// at once (the store matches folded text, so harakat, case and digit
// shapes don't matter), Enter hands the keyboard back keeping the search,
// Esc clears it.

func (m Model) startSearch() (tea.Model, tea.Cmd) {
	m.searching = true
	m.screen = listScreen
	return m, nil
}

func (m Model) searchKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "esc":
		m.searching = false
		m.search = ""
	case "enter":
		m.searching = false
		return m, nil
	case "backspace":
		if m.search == "" {
			m.searching = false
			return m, nil
		}
		_, size := utf8.DecodeLastRuneInString(m.search)
		m.search = m.search[:len(m.search)-size]
	case "ctrl+u":
		m.search = ""
	default:
		if msg.Text == "" {
			return m, nil
		}
		m.search += msg.Text
	}
	return m, m.searchAsync()
}

// searchedMsg is the first page of a search, read off the update loop.
type searchedMsg struct {
	seq   int
	q     store.Query
	total int
	items []store.Item
	err   error
}

// searchAsync starts reading the list for the current search, cancelling
// the search before it.
func (m *Model) searchAsync() tea.Cmd {
	if m.searchCancel != nil {
		m.searchCancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.searchSeq++
	m.searchCancel, m.searchBusy = cancel, true
	// The results will be shown from their top; keys pressed meanwhile
	// (Enter, then j j) move from there.
	m.list.cursor, m.list.offset, m.list.moved = 0, 0, false
	q := m.listQuery()
	src, seq, first := m.list.src, m.searchSeq, m.list.firstPage(q)
	return func() tea.Msg {
		total, err := src.Count(ctx, q)
		var items []store.Item
		if err == nil && total > 0 {
			items, err = src.After(ctx, q, nil, first)
		}
		return searchedMsg{seq: seq, q: q, total: total, items: items, err: err}
	}
}

// searched shows a search's results, if it is still the latest.
func (m Model) searched(msg searchedMsg) Model {
	if msg.seq != m.searchSeq {
		return m // a later key has started another search
	}
	if m.searchCancel != nil {
		m.searchCancel()
	}
	m.searchBusy = false
	m.searchCancel = nil
	if msg.err != nil {
		// The list says what it holds: nothing for this query.
		m.list.show(msg.q, 0, nil)
		m.setError(store.Explain(msg.err).Error())
		return m
	}
	moved := m.list.cursor // keys pressed while the search ran
	m.list.show(msg.q, msg.total, msg.items)
	if moved > 0 {
		m.list.cursor, m.list.moved = moved, true
		m.list.clamp()
	}
	return m
}

// reloadedMsg is the list of an active search read afresh, off the
// update loop.
type reloadedMsg struct {
	seq  int
	read listRead
	err  error
}

// reloadList reads the list again after a change in the store or in what
// it shows, keeping the selected item where it is. A search's list is read
// off the update loop, like the search itself: at a million items a common
// word's matches take most of a second to count and page through, and the
// list on screen answers keys meanwhile. Anything else is read at once.
func (m *Model) reloadList() tea.Cmd {
	if m.search == "" {
		if err := m.reload(); err != nil {
			m.setError(store.Explain(err).Error())
		}
		return nil
	}
	if err := m.recount(); err != nil {
		m.setError(store.Explain(err).Error())
	}
	if m.searchCancel != nil {
		m.searchCancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	m.searchSeq++
	m.searchCancel, m.searchBusy = cancel, true
	q, src, seq := m.listQuery(), m.list.src, m.searchSeq
	a := m.list.anchor(q)
	return func() tea.Msg {
		r, err := readList(ctx, src, q, a)
		return reloadedMsg{seq: seq, read: r, err: err}
	}
}

// reloaded shows a search's list read by reloadList, if nothing has
// superseded it.
func (m Model) reloaded(msg reloadedMsg) Model {
	if msg.seq != m.searchSeq {
		return m
	}
	if m.searchCancel != nil {
		m.searchCancel()
	}
	m.searchBusy, m.searchCancel = false, nil
	if msg.err != nil {
		// As after a failed search: nothing listed under the query
		// rather than what an earlier one found.
		m.list.show(msg.read.q, 0, nil)
		m.setError(store.Explain(msg.err).Error())
		return m
	}
	// Keys pressed meanwhile moved the list on screen; they move the new
	// one from where it puts the cursor.
	moved := m.list.cursor - msg.read.anchor.cursor
	m.list.cursor, m.list.moved = msg.read.anchor.cursor, msg.read.anchor.moved
	if err := m.list.apply(msg.read); err != nil {
		m.setError(store.Explain(err).Error())
	}
	if moved != 0 {
		m.list.move(moved)
	}
	return m
}

// searchCursor is the cursor that ends the search line, set where the
// next letter will appear: after an Arabic word, on its left; after a
// Latin one, on its right, whichever way the line itself reads. Marks of
// the text's direction on both sides (zero-width) make the bidi algorithm
// place it within the last word's run rather than at the line's end.
func searchCursor(query string) string {
	for _, r := range slices.Backward([]rune(query)) {
		switch bidi.ClassOf(r) {
		case bidi.R, bidi.AL:
			return "\u200f▏\u200f"
		case bidi.L:
			return "\u200e▏\u200e"
		}
	}
	return "▏"
}

// searchLine is the status bar while searching: the query as typed, laid
// out like any text (Arabic reads right to left inside it), and the number
// of matches.
func (m Model) searchLine() string {
	count := m.lang.matches(m.list.total)
	if m.searchBusy {
		count = m.lang.Searching
	}
	info := count + " · " + m.lang.SearchHints
	infoW := min(render.Width(info), max(m.width/2, 0))
	queryW := max(m.width-infoW-3, 0)
	query := m.styles.Status.Render(m.chrome("/"+m.search+searchCursor(m.search), queryW))
	hint := m.styles.StatusHint.Render(m.chrome(info, infoW))
	if m.lang.RTL {
		return m.styles.StatusHint.Render(" ") + hint + m.styles.Status.Render(" ") + query + m.styles.Status.Render(" ")
	}
	return m.styles.Status.Render(" ") + query + m.styles.Status.Render(" ") + hint + m.styles.StatusHint.Render(" ")
}
