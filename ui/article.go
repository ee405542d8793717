package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"nashra/render"
	"nashra/store"
)

// articleModel shows one item, rendered, in a scrollable viewport.
type articleModel struct {
	item      store.Item
	vp        viewport.Model
	width     int    // the width the content was rendered for
	direction string // the feed's configured direction, if any
	err       error
}

func newArticleModel(k KeyMap) articleModel {
	vp := viewport.New()
	vp.MouseWheelEnabled = true
	vp.MouseWheelDelta = 3
	// The viewport scrolls; every other key is ours. Horizontal scrolling
	// is off: article lines are wrapped to the width, never wider.
	vp.KeyMap = viewport.KeyMap{
		Up:       k.ScrollUp,
		Down:     k.ScrollDn,
		PageUp:   k.PageUp,
		PageDown: k.PageDown,
		HalfPageUp: key.NewBinding(key.WithKeys("ctrl+u"),
			key.WithHelp("ctrl+u", "half page up")),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d"),
			key.WithHelp("ctrl+d", "half page down")),
		Left:  key.NewBinding(key.WithDisabled()),
		Right: key.NewBinding(key.WithDisabled()),
	}
	return articleModel{vp: vp}
}

// show renders it and scrolls to the top.
func (a *articleModel) show(ts *render.Typesetter, it store.Item, width, height int) {
	a.item = it
	a.width = -1
	a.resize(ts, width, height)
	a.vp.GotoTop()
}

// resize renders the article again for a new window size, keeping the
// reader's relative position.
func (a *articleModel) resize(ts *render.Typesetter, width, height int) {
	a.vp.SetWidth(width)
	a.vp.SetHeight(height)
	if width == a.width {
		return
	}
	pos := a.vp.ScrollPercent()
	a.width = width
	content, err := ts.Article(render.Article{
		Title:     a.item.Title,
		Feed:      a.item.FeedTitle,
		Author:    a.item.Author,
		Link:      a.item.Link,
		Published: a.item.Published,
		HTML:      a.item.Content,
		Lang:      articleLang(a.item),
		Direction: a.direction,
	}, width)
	a.err = err
	if err != nil {
		content = "Cannot show this article: " + err.Error()
	}
	a.vp.SetContent(content)
	if pos > 0 {
		a.vp.SetYOffset(int(pos * float64(a.vp.TotalLineCount()-height)))
	}
}

func articleLang(it store.Item) string {
	if it.Language != "" {
		return it.Language
	}
	return it.FeedLanguage
}

func (a *articleModel) wheel(msg tea.MouseWheelMsg) {
	a.vp, _ = a.vp.Update(msg)
}

func (m Model) articleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	a := &m.article
	switch {
	case keyMatches(msg, k.Back):
		m.screen = listScreen
		return m, nil
	case keyMatches(msg, k.Top):
		a.vp.GotoTop()
	case keyMatches(msg, k.Bottom):
		a.vp.GotoBottom()
	case keyMatches(msg, k.Next):
		return m.step(1)
	case keyMatches(msg, k.Prev):
		return m.step(-1)
	case keyMatches(msg, k.ToggleRead):
		if it, ok := m.list.selected(); ok && it.ID == a.item.ID {
			cmd := m.setRead(it, !it.Read)
			a.item.Read = it.Read
			return m, cmd
		}
	case keyMatches(msg, k.Star):
		if it, ok := m.list.selected(); ok && it.ID == a.item.ID {
			cmd := m.setStarred(it, !it.Starred)
			a.item.Starred = it.Starred
			return m, cmd
		}
	case keyMatches(msg, k.OpenLink):
		return m, m.openLink(a.item.Link)
	case keyMatches(msg, k.Refresh):
		return m, m.refresh()
	default:
		a.vp, _ = a.vp.Update(msg)
	}
	return m, nil
}

// openSelected shows the selected item and marks it read.
func (m Model) openSelected() (tea.Model, tea.Cmd) {
	it, ok := m.list.selected()
	if !ok {
		return m, nil
	}
	cmd := m.setRead(it, true)
	m.screen = articleScreen
	sub, _ := m.subscription(it.FeedURL)
	m.article.direction = sub.Direction
	m.article.show(m.ts, *it, m.width, m.bodyHeight())
	return m, cmd
}

// step opens the next (+1) or previous (-1) item of the list without going
// back to it.
func (m Model) step(delta int) (tea.Model, tea.Cmd) {
	next := m.list.cursor + delta
	if next < 0 || next >= len(m.list.items) {
		if delta > 0 {
			m.setStatus("this is the last item")
		} else {
			m.setStatus("this is the first item")
		}
		return m, nil
	}
	m.list.goTo(next)
	return m.openSelected()
}
