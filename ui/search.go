package ui

import (
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"nashra/render"
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
	m.list.cursor, m.list.offset, m.list.moved = 0, 0, false
	if err := m.reload(); err != nil {
		m.setError(err.Error())
	}
	return m, nil
}

// searchLine is the status bar while searching: the query as typed, laid
// out like any text (Arabic reads right to left inside it), and the number
// of matches.
func (m Model) searchLine() string {
	info := m.lang.matches(m.list.total) + " · " + m.lang.SearchHints
	infoW := min(render.Width(info), max(m.width/2, 0))
	queryW := max(m.width-infoW-3, 0)
	query := m.styles.Status.Render(m.chrome("/"+m.search+"▏", queryW))
	hint := m.styles.StatusHint.Render(m.chrome(info, infoW))
	if m.lang.RTL {
		return m.styles.StatusHint.Render(" ") + hint + m.styles.Status.Render(" ") + query + m.styles.Status.Render(" ")
	}
	return m.styles.Status.Render(" ") + query + m.styles.Status.Render(" ") + hint + m.styles.StatusHint.Render(" ")
}
