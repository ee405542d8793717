package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"nashra/render"
)

// helpView draws the overlay listing every binding of the screen in front,
// centred in the body. It is derived from the key map, so it cannot drift
// from the keys; descriptions are laid out like any text (Arabic reads
// right to left), and in a right-to-left interface the columns and each
// key–description pair are mirrored.
func (m Model) helpView(height int) string {
	groups := m.keys.listHelp()
	title := m.lang.HelpList
	switch m.screen {
	case articleScreen:
		groups = m.keys.articleHelp()
		title = m.lang.HelpArticle
	case feedsScreen:
		groups = m.keys.feedsHelp()
		title = m.lang.HelpFeeds
	}
	var columns []string
	for _, g := range groups {
		columns = append(columns, m.helpColumn(g))
	}
	if m.lang.RTL {
		for i, j := 0, len(columns)-1; i < j; i, j = i+1, j-1 {
			columns[i], columns[j] = columns[j], columns[i]
		}
	}
	var grid []string
	for i, c := range columns {
		if i > 0 {
			grid = append(grid, "    ")
		}
		grid = append(grid, c)
	}
	table := lipgloss.JoinHorizontal(lipgloss.Top, grid...)
	w := lipgloss.Width(table)
	align := lipgloss.Left
	if m.lang.RTL {
		align = lipgloss.Right
	}
	body := lipgloss.JoinVertical(align,
		m.styles.HelpTitle.Render(m.chrome(title, min(render.Width(title), w))),
		"",
		table,
		"",
		m.styles.Empty.Render(m.chrome(m.lang.PressAnyKey, min(render.Width(m.lang.PressAnyKey), w))),
	)
	box := m.styles.HelpBox.Render(body)
	return lipgloss.Place(m.width, height, lipgloss.Center, lipgloss.Center, box)
}

// helpColumn lays out one group of bindings: keys in one column,
// descriptions in the next (mirrored in a right-to-left interface).
func (m Model) helpColumn(bindings []key.Binding) string {
	keyW, descW := 0, 0
	for _, b := range bindings {
		h := b.Help()
		keyW = max(keyW, render.Width(h.Key))
		descW = max(descW, render.Width(h.Desc))
	}
	rows := make([]string, 0, len(bindings))
	for _, b := range bindings {
		h := b.Help()
		k := m.styles.HelpKey.Render(render.Pad(render.Line{Text: h.Key, Width: render.Width(h.Key)}, keyW))
		d := m.styles.HelpDesc.Render(m.chrome(h.Desc, descW))
		if m.lang.RTL {
			k = m.styles.HelpKey.Render(strings.Repeat(" ", keyW-render.Width(h.Key)) + h.Key)
			rows = append(rows, d+" "+k)
		} else {
			rows = append(rows, k+" "+d)
		}
	}
	return strings.Join(rows, "\n")
}
