package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// helpView draws the overlay listing every binding of the screen in front,
// centred in the body.
func (m Model) helpView(height int) string {
	h := help.New()
	h.ShowAll = true
	// bubbles' default greys are too faint on a dark background.
	h.Styles.FullKey = m.styles.HelpKey
	h.Styles.FullDesc = m.styles.HelpDesc
	h.Styles.FullSeparator = m.styles.HelpDesc
	groups := m.keys.listHelp()
	title := "Keys in the headline list"
	switch m.screen {
	case articleScreen:
		groups = m.keys.articleHelp()
		title = "Keys in an article"
	case feedsScreen:
		groups = m.keys.feedsHelp()
		title = "Keys in the feeds view"
	}
	body := lipgloss.JoinVertical(lipgloss.Left,
		m.styles.HelpTitle.Render(title),
		"",
		h.FullHelpView(groups),
		"",
		m.styles.Empty.Render("press any key to close"),
	)
	box := m.styles.HelpBox.Render(body)
	return lipgloss.Place(m.width, height, lipgloss.Center, lipgloss.Center, box)
}
