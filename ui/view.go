package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"nashra/render"
)

// View composes the header, the screen in front (or the help over it) and
// the status bar, exactly filling the window.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "nashra"
	return v
}

// Render is the window's content as a string; View wraps it for bubbletea.
func (m Model) Render() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	body := m.bodyHeight()
	var content string
	switch {
	case m.showHelp:
		content = m.helpView(body)
	case m.screen == articleScreen:
		content = padLines(m.article.vp.View(), body)
	case m.screen == feedsScreen:
		content = m.feedsView(body)
	default:
		content = m.listView(body)
	}
	if m.height < 3 {
		return content
	}
	return m.headerView() + "\n" + content + "\n" + m.statusView()
}

func (m Model) headerView() string {
	view := "All items"
	if m.filter.kind != filterAll {
		view = m.filter.label
	}
	if m.list.unreadOnly {
		view += " · unread"
	}
	if m.search != "" {
		view += " · search: " + m.search
	}
	switch m.screen {
	case articleScreen:
		view = m.feedTitle(m.article.item.FeedURL, m.article.item.FeedTitle)
	case feedsScreen:
		view = "Feeds"
	}
	if m.showHelp {
		view = "Help"
	}
	name := m.styles.Header.Render(" nashra ")
	rest := m.width - lipgloss.Width(name)
	if rest <= 0 {
		return m.ts.Chrome("nashra", m.width)
	}
	return name + m.styles.HeaderView.Render(m.ts.Chrome(" · "+view, rest))
}

func (m Model) statusView() string {
	if m.searching {
		return m.searchLine()
	}
	s := m.styles
	left := fmt.Sprintf("%d unread · %d items", m.unread, m.total)
	if pos := m.position(); pos != "" {
		left += " · " + pos
	}
	msg, msgStyle := m.status, s.Status
	if m.statusIsError {
		msgStyle = s.StatusError
	}
	if m.pending > 0 && !m.statusIsError {
		msg = fmt.Sprintf("%s %d/%d feeds", m.spinner.View(), m.refreshed, m.refreshing)
	}
	if msg == "" {
		msg = m.cfg.Hint
	}
	hints := hintText(m.keys.listHints())
	switch m.screen {
	case articleScreen:
		hints = hintText(m.keys.articleHints())
	case feedsScreen:
		hints = hintText(m.keys.feedsHints())
	}

	width := m.width - 1 // one cell of margin at the left
	leftText := m.ts.Chrome(left, min(render.Width(left), width))
	room := width - render.Width(leftText)
	hintW := render.Width(hints) + 1
	if msg != "" && room-hintW < render.Width(msg)+3 {
		hints, hintW = "", 0 // a message matters more than the reminders
	}
	if room-hintW < 3 {
		hints, hintW = "", 0
	}
	var b strings.Builder
	b.WriteString(s.Status.Render(" " + leftText))
	msgW := max(room-hintW, 0)
	if msg != "" && msgW > 3 {
		b.WriteString(s.Status.Render("   "))
		b.WriteString(msgStyle.Render(m.ts.Chrome(msg, msgW-3)))
	} else {
		b.WriteString(s.Status.Render(strings.Repeat(" ", msgW)))
	}
	if hintW > 0 {
		b.WriteString(s.StatusHint.Render(hints + " "))
	}
	return b.String()
}

// position says where the reader is: the selected row in the list, how far
// down in an article.
func (m Model) position() string {
	switch m.screen {
	case articleScreen:
		return fmt.Sprintf("%d%%", int(m.article.vp.ScrollPercent()*100+0.5))
	case feedsScreen:
		return ""
	}
	if m.list.total == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", m.list.cursor+1, m.list.total)
}

func hintText(bindings []key.Binding) string {
	parts := make([]string, 0, len(bindings))
	for _, b := range bindings {
		h := b.Help()
		parts = append(parts, h.Key+" "+h.Desc)
	}
	return strings.Join(parts, " · ")
}
