package ui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"context"

	"nashra/render"
	"nashra/store"
)

// articleModel shows one item, rendered, in a scrollable viewport.
type articleModel struct {
	item       store.Item
	vp         viewport.Model
	width      int     // the width the content was rendered for
	rendering  bool    // a Cmd is laying out a large article
	pendingPos float64 // where to scroll once it arrives
	fresh      bool    // being opened, not resized
	direction  string  // the feed's configured direction, if any
	err        error
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

// largeArticle is the content size above which an article is laid out in
// a Cmd, off the update loop, with a placeholder meanwhile: glamour and the
// bidi pass take tens of milliseconds per hundred kilobytes.
const largeArticle = 64 << 10

// articleRenderedMsg brings a laid-out article back from its Cmd.
type articleRenderedMsg struct {
	id      int64
	width   int
	content string
	err     error
}

// show lays it out and scrolls to the top.
func (a *articleModel) show(ts *render.Typesetter, it store.Item, width, height int) tea.Cmd {
	a.item = it
	a.width = -1
	a.fresh = true
	cmd := a.resize(ts, width, height)
	a.fresh = false
	a.vp.GotoTop()
	return cmd
}

// resize lays the article out again for a new window size, keeping the
// reader's relative position. A large article is laid out by the Cmd it
// returns.
func (a *articleModel) resize(ts *render.Typesetter, width, height int) tea.Cmd {
	a.vp.SetWidth(width)
	a.vp.SetHeight(height)
	if width == a.width {
		return nil
	}
	a.width = width
	art := render.Article{
		Title:     a.item.Title,
		Feed:      a.item.FeedTitle,
		Author:    a.item.Author,
		Link:      a.item.Link,
		Published: a.item.Published,
		HTML:      a.item.Content,
		Lang:      articleLang(a.item),
		Direction: a.direction,
	}
	if len(art.HTML) > largeArticle {
		// Keep where the reader was (nowhere yet for a new article), not
		// where the placeholder puts the viewport.
		a.pendingPos = 0
		if !a.fresh {
			a.pendingPos = a.vp.ScrollPercent()
		}
		a.rendering = true
		a.vp.SetContent("\n  Laying out a long article…")
		id := a.item.ID
		return func() tea.Msg {
			content, err := ts.Article(art, width)
			return articleRenderedMsg{id: id, width: width, content: content, err: err}
		}
	}
	a.setContent(ts.Article(art, width))
	return nil
}

// rendered takes a laid-out article from its Cmd, unless the reader has
// moved on to another article or size meanwhile.
func (a *articleModel) rendered(msg articleRenderedMsg) {
	if msg.id != a.item.ID || msg.width != a.width {
		return
	}
	a.rendering = false
	a.vp.SetContent(msg.content)
	if msg.err != nil {
		a.vp.SetContent("Cannot show this article: " + msg.err.Error())
	}
	a.err = msg.err
	a.vp.SetYOffset(int(a.pendingPos * float64(a.vp.TotalLineCount()-a.vp.Height())))
}

func (a *articleModel) setContent(content string, err error) {
	pos := a.vp.ScrollPercent()
	a.err = err
	if err != nil {
		content = "Cannot show this article: " + err.Error()
	}
	a.vp.SetContent(content)
	if pos > 0 {
		a.vp.SetYOffset(int(pos * float64(a.vp.TotalLineCount()-a.vp.Height())))
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
	// List pages leave content out; read the whole item now.
	full, err := m.cfg.Store.Item(context.Background(), it.ID)
	if err != nil {
		m.setError(err.Error())
		return m, nil
	}
	full.Read, full.Starred = it.Read, it.Starred
	cmd := m.setRead(it, true)
	full.Read = true
	m.screen = articleScreen
	sub, _ := m.subscription(it.FeedURL)
	m.article.direction = sub.Direction
	return m, tea.Batch(cmd, m.article.show(m.ts, full, m.width, m.bodyHeight()))
}

// step opens the next (+1) or previous (-1) item of the list without going
// back to it.
func (m Model) step(delta int) (tea.Model, tea.Cmd) {
	next := m.list.cursor + delta
	if next < 0 || next >= m.list.total {
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
