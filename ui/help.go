package ui

import (
	"slices"
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
	// As many columns as fit the window: the groups are merged into
	// fewer, longer columns in a narrow one, so that no key is cut off.
	var table string
	room := m.width - m.styles.HelpBox.GetHorizontalFrameSize()
	for n := len(groups); n >= 1; n-- {
		table = m.helpTable(mergeGroups(groups, n))
		if lipgloss.Width(table) <= room {
			break
		}
	}
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

// helpTable lays the columns side by side, mirrored in a right-to-left
// interface.
func (m Model) helpTable(groups [][]key.Binding) string {
	var columns []string
	for _, g := range groups {
		columns = append(columns, m.helpColumn(g))
	}
	if m.lang.RTL {
		slices.Reverse(columns)
	}
	var grid []string
	for i, c := range columns {
		if i > 0 {
			grid = append(grid, "    ")
		}
		grid = append(grid, c)
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, grid...)
}

// mergeGroups joins consecutive groups of bindings into n columns of
// about the same length, keeping their order.
func mergeGroups(groups [][]key.Binding, n int) [][]key.Binding {
	if n >= len(groups) {
		return groups
	}
	total := 0
	for _, g := range groups {
		total += len(g)
	}
	per := (total + n - 1) / n
	out := make([][]key.Binding, 0, n)
	var col []key.Binding
	for i, g := range groups {
		col = append(col, g...)
		// Close the column once it is long enough, leaving a group for
		// each column still to fill.
		if len(col) >= per && len(groups)-i-1 >= n-len(out)-1 && len(out) < n-1 {
			out = append(out, col)
			col = nil
		}
	}
	if len(col) > 0 {
		out = append(out, col)
	}
	return out
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
