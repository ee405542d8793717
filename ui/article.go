package ui

import (
	"context"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"nashra/render"
	"nashra/store"
)

// articleModel shows one item, rendered, in a scrollable viewport.
type articleModel struct {
	item       store.Item
	vp         viewport.Model
	width      int      // the width the content was rendered for
	rendering  bool     // a Cmd is laying out a large article
	pendingPos float64  // where to scroll once it arrives
	fresh      bool     // being opened, not resized
	links      []string // the article's numbered links: links[n-1] is [n]
	style      string   // glamour's style, from the theme
	linkNum    string   // a link number being typed
	lang       *Catalog
	direction  string // the feed's configured direction, if any
	err        error
}

func newArticleModel(k KeyMap, c *Catalog) articleModel {
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
			key.WithHelp("ctrl+u", c.KeyHalfPageUp)),
		HalfPageDown: key.NewBinding(key.WithKeys("ctrl+d"),
			key.WithHelp("ctrl+d", c.KeyHalfPageDown)),
		Left:  key.NewBinding(key.WithDisabled()),
		Right: key.NewBinding(key.WithDisabled()),
	}
	return articleModel{vp: vp, lang: c}
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

// show lays it out and scrolls to where the reader left it (pos, 0–1).
func (a *articleModel) show(ts *render.Typesetter, it store.Item, width, height int, pos float64) tea.Cmd {
	a.item = it
	a.width = -1
	a.fresh = true
	a.linkNum = ""
	a.links = render.Links(articleHTML(it), articleLang(it), it.Link)
	a.pendingPos = pos
	cmd := a.resize(ts, width, height)
	a.fresh = false
	a.scrollTo(pos)
	return cmd
}

// scrollTo puts the viewport at a fraction of the article's length.
func (a *articleModel) scrollTo(pos float64) {
	a.vp.SetYOffset(int(pos*float64(max(a.vp.TotalLineCount()-a.vp.Height(), 0)) + 0.5))
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
		HTML:      articleHTML(a.item),
		Lang:      articleLang(a.item),
		Direction: a.direction,
		Style:     a.style,
		Words:     render.Words{Links: a.lang.LinksTitle, NoText: a.lang.NoText, Cut: a.lang.ArticleCut, Date: a.lang.DateLayout},
	}
	if len(art.HTML) > largeArticle {
		// Keep where the reader was (for a new article, where show
		// asked), not where the placeholder puts the viewport.
		if !a.fresh {
			a.pendingPos = a.vp.ScrollPercent()
		}
		a.rendering = true
		a.vp.SetContent("\n  " + a.lang.LongArticle)
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
		a.vp.SetContent(fmt.Sprintf(a.lang.CannotShow, msg.err))
	}
	a.err = msg.err
	a.scrollTo(a.pendingPos)
}

func (a *articleModel) setContent(content string, err error) {
	pos := a.vp.ScrollPercent()
	a.err = err
	if err != nil {
		content = fmt.Sprintf(a.lang.CannotShow, err)
	}
	a.vp.SetContent(content)
	if pos > 0 {
		a.vp.SetYOffset(int(pos * float64(a.vp.TotalLineCount()-a.vp.Height())))
	}
}

// articleHTML is what the article view shows: the full article fetched
// from the item's page when there is one, else the feed's content.
func articleHTML(it store.Item) string {
	if it.FullText != "" {
		return it.FullText
	}
	return it.Content
}

// fullTextMsg brings the full article of an item back from its Cmd.
type fullTextMsg struct {
	id   int64
	html string
	err  error
}

// fetchFullText asks for the item's web page in the background; the
// summary stays on screen until the article arrives, and stays if it fails.
func (m Model) fetchFullText() (tea.Model, tea.Cmd) {
	if m.cfg.Refresher == nil || m.article.item.ID == 0 {
		return m, nil
	}
	m.setStatus(m.lang.FetchingFullText)
	r, id := m.cfg.Refresher, m.article.item.ID
	return m, func() tea.Msg {
		html, err := r.FullText(context.Background(), id)
		return fullTextMsg{id: id, html: html, err: err}
	}
}

func (m Model) fullTextArrived(msg fullTextMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.setError(msg.err.Error())
		return m, nil
	}
	m.setStatus(m.lang.FullTextDone)
	if m.screen != articleScreen || m.article.item.ID != msg.id {
		return m, nil
	}
	m.article.item.FullText = msg.html
	// A new text: lay it out again, from its top.
	return m, m.article.show(m.ts, m.article.item, m.width, m.bodyHeight(), 0)
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
	// A number being typed picks a link from the article's list.
	if len(msg.Text) == 1 && msg.Text[0] >= '0' && msg.Text[0] <= '9' && msg.Mod == 0 {
		a.linkNum += msg.Text
		m.setStatus(fmt.Sprintf(m.lang.LinkNumber, a.linkNum))
		return m, nil
	}
	if a.linkNum != "" {
		num := a.linkNum
		a.linkNum = ""
		switch msg.String() {
		case "enter":
			n, _ := strconv.Atoi(num)
			if n < 1 || n > len(a.links) {
				m.setRefusal(fmt.Sprintf(m.lang.NoSuchLink, n))
				return m, nil
			}
			return m, m.openLink(a.links[n-1])
		case "esc":
			m.setStatus("")
			return m, nil
		}
	}
	switch {
	case keyMatches(msg, k.Back):
		save := m.savePosition()
		m.screen = listScreen
		return m, save
	case keyMatches(msg, k.Top):
		a.vp.GotoTop()
	case keyMatches(msg, k.Bottom):
		a.vp.GotoBottom()
	case keyMatches(msg, k.Next):
		return m.nextUnread(true)
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
	case keyMatches(msg, k.FullText):
		return m.fetchFullText()
	case keyMatches(msg, k.CopyLink):
		// OSC 52, only because the reader asked: the link goes to the
		// terminal's clipboard.
		if a.item.Link == "" {
			m.setRefusal(m.lang.NoLink)
			return m, nil
		}
		m.setStatus(fmt.Sprintf(m.lang.Copied, a.item.Link))
		return m, tea.SetClipboard(a.item.Link)
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
	pos, err := m.cfg.Store.ReadingPosition(context.Background(), it.ID)
	if err != nil {
		pos = 0
	}
	save := m.savePosition() // of the article being left, for n and p
	cmd := m.setRead(it, true)
	full.Read = true
	m.screen = articleScreen
	sub, _ := m.subscription(it.FeedURL)
	m.article.direction = sub.Direction
	return m, tea.Batch(save, cmd, m.article.show(m.ts, full, m.width, m.bodyHeight(), pos))
}

// savePosition records how far down the open article the reader got.
func (m Model) savePosition() tea.Cmd {
	if m.screen != articleScreen || m.article.item.ID == 0 || m.article.rendering {
		return nil
	}
	st, id, pos := m.cfg.Store, m.article.item.ID, m.article.vp.ScrollPercent()
	if m.article.vp.TotalLineCount() <= m.article.vp.Height() {
		pos = 0 // it all fits: there is no place to return to
	}
	return func() tea.Msg {
		return savedMsg{err: st.SetReadingPosition(context.Background(), id, pos)}
	}
}

// nextUnread moves the selection to the next unread item after it in the
// list (opening it, from an article). It asks the store for that one item
// and its position, so it costs the same with a million items read.
func (m Model) nextUnread(open bool) (tea.Model, tea.Cmd) {
	l := &m.list
	it, ok := l.selected()
	if !ok {
		return m, nil
	}
	ctx := context.Background()
	q := l.q
	q.UnreadOnly = true
	k := store.KeyOf(*it)
	next, err := l.src.After(ctx, q, &k, 1)
	if err == nil && len(next) == 0 {
		m.setStatus(m.lang.NoMoreUnread)
		return m, nil
	}
	var pos int
	if err == nil {
		pos, err = l.src.Position(ctx, l.q, store.KeyOf(next[0]))
	}
	if err != nil {
		m.setError(err.Error())
		return m, nil
	}
	l.goTo(pos)
	if open {
		return m.openSelected()
	}
	return m, nil
}

// step opens the next (+1) or previous (-1) item of the list without going
// back to it.
func (m Model) step(delta int) (tea.Model, tea.Cmd) {
	next := m.list.cursor + delta
	if next < 0 || next >= m.list.total {
		if delta > 0 {
			m.setStatus(m.lang.LastItem)
		} else {
			m.setStatus(m.lang.FirstItem)
		}
		return m, nil
	}
	m.list.goTo(next)
	return m.openSelected()
}
