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
	v.WindowTitle = m.lang.AppName
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

// chrome lays out a line of the interface in its direction: left-aligned
// for English, right-aligned and right to left for Arabic.
func (m Model) chrome(s string, width int) string {
	if m.lang.RTL {
		return m.ts.ChromeRTL(s, width)
	}
	return m.ts.Chrome(s, width)
}

func (m Model) headerView() string {
	c := m.lang
	view := c.AllItems
	if m.filter.kind != filterAll {
		view = m.filter.label
	}
	if m.list.unreadOnly {
		view += " · " + c.UnreadView
	}
	if m.search != "" {
		view += " · " + c.SearchView + ": " + m.search
	}
	switch m.screen {
	case articleScreen:
		view = m.feedTitle(m.article.item.FeedURL, m.article.item.FeedTitle)
	case feedsScreen:
		view = c.FeedsView
	}
	if m.showHelp {
		view = c.HelpView
	}
	return m.chromes.get(chromeKey{headerLine, m.width, view}, func() string { return m.layoutHeader(view) })
}

func (m Model) layoutHeader(view string) string {
	c := m.lang
	name := m.styles.Header.Render(" " + m.chrome(c.AppName, render.Width(c.AppName)) + " ")
	rest := m.width - lipgloss.Width(name)
	if rest <= 2 {
		return m.chrome(c.AppName, m.width)
	}
	if c.RTL {
		// Mirrored: the app's name at the right edge, where reading starts.
		return m.styles.HeaderView.Render(m.chrome("· "+view, rest)) + name
	}
	return name + m.styles.HeaderView.Render(m.chrome("· "+view, rest))
}

func (m Model) statusView() string {
	if m.searching {
		return m.searchLine()
	}
	s, c := m.styles, m.lang
	counts := c.counts(m.unread, m.total)
	if m.searchBusy {
		// The search's list is being read: the position would be stale.
		counts += " · " + c.Searching
	} else if pos := m.position(); pos != "" {
		counts += " · " + pos
	}
	msg, msgStyle := m.status, s.Status
	if m.statusIsError {
		msgStyle = s.StatusError
	}
	if m.pending > 0 && !m.statusIsError {
		msg = m.spinner.View() + " " + c.Progress.Format(c.Lang, m.refreshing, m.refreshed)
	}
	if msg == "" {
		msg = m.cfg.Hint
	}
	hints := m.chromes.get(chromeKey{hintsText, int(m.screen), ""}, func() string {
		switch m.screen {
		case articleScreen:
			return hintText(m.keys.articleHints())
		case feedsScreen:
			return hintText(m.keys.feedsHints())
		}
		return hintText(m.keys.listHints())
	})

	width := m.width - 1 // one cell of margin where the bar starts
	countsW := min(render.Width(counts), width)
	countsText := m.chrome(counts, countsW)
	room := width - countsW
	hintW := render.Width(hints) + 1
	if msg != "" && room-hintW < render.Width(msg)+3 {
		hints, hintW = "", 0 // a message matters more than the reminders
	}
	if room-hintW < 3 {
		hints, hintW = "", 0
	}
	msgW := max(room-hintW, 0)
	var middle string
	if msg != "" && msgW > 3 {
		part := statusMessage
		if m.statusIsError {
			part = statusError
		}
		middle = m.chromes.get(chromeKey{part, msgW, msg}, func() string {
			if c.RTL {
				return msgStyle.Render(m.chrome(msg, msgW-3)) + s.Status.Render("   ")
			}
			return s.Status.Render("   ") + msgStyle.Render(m.chrome(msg, msgW-3))
		})
	} else {
		middle = m.chromes.get(chromeKey{statusFill, msgW, ""}, func() string {
			return s.Status.Render(strings.Repeat(" ", msgW))
		})
	}
	var hintPart string
	if hintW > 0 {
		hintPart = m.chromes.get(chromeKey{statusHints, hintW, hints}, func() string {
			if c.RTL {
				return s.StatusHint.Render(" " + m.chrome(hints, hintW-1))
			}
			return s.StatusHint.Render(m.chrome(hints, hintW-1) + " ")
		})
	}
	if c.RTL {
		// Mirrored: counts and position at the right edge, reminders at
		// the left.
		return hintPart + middle + s.Status.Render(countsText+" ")
	}
	return s.Status.Render(" "+countsText) + middle + hintPart
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
