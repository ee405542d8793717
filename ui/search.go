package ui

import (
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
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
	matches := "matches"
	if m.list.total == 1 {
		matches = "match"
	}
	right := strings.Join([]string{itoa(m.list.total), matches, "· enter keep · esc clear "}, " ")
	leftW := max(m.width-len(right)-1, 0)
	return m.styles.Status.Render(" "+m.ts.Chrome("/"+m.search+"▏", leftW)) + m.styles.StatusHint.Render(right)
}
