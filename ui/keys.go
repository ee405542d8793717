package ui

import "charm.land/bubbles/v2/key"

// KeyMap holds every binding nashra answers to. The help overlay and the
// status bar hints are derived from it, so they cannot drift from what the
// keys really do.
type KeyMap struct {
	Up, Down           key.Binding
	PageUp, PageDown   key.Binding
	Top, Bottom        key.Binding
	Open, Back         key.Binding
	Next, Prev         key.Binding
	ToggleRead         key.Binding
	MarkAllRead        key.Binding
	UnreadOnly         key.Binding
	OpenLink           key.Binding
	Refresh            key.Binding
	Help               key.Binding
	Quit, ForceQuit    key.Binding
	Suspend            key.Binding
	Star               key.Binding
	Feeds              key.Binding
	Search             key.Binding
	FullText           key.Binding
	CopyLink           key.Binding
	FollowLink         key.Binding // help only: digits then enter
	ScrollUp, ScrollDn key.Binding // article only: line by line
}

// DefaultKeyMap returns nashra's bindings: vi-style letters with arrow and
// page keys as equivalents, described in English.
func DefaultKeyMap() KeyMap { return keyMapFor(english) }

// keyMapFor returns the bindings described in a catalogue's language; the
// keys themselves are the same in every language.
func keyMapFor(c Catalog) KeyMap {
	return KeyMap{
		Up:          key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", c.KeyUp)),
		Down:        key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", c.KeyDown)),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", c.KeyPageUp)),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "space", "f"), key.WithHelp("pgdn/space", c.KeyPageDown)),
		Top:         key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", c.KeyFirst)),
		Bottom:      key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", c.KeyLast)),
		Open:        key.NewBinding(key.WithKeys("enter", "l", "right"), key.WithHelp("enter/l", c.KeyOpen)),
		Back:        key.NewBinding(key.WithKeys("esc", "q", "h", "left"), key.WithHelp("esc/q", c.KeyBack)),
		Next:        key.NewBinding(key.WithKeys("n"), key.WithHelp("n", c.KeyNext)),
		Prev:        key.NewBinding(key.WithKeys("p"), key.WithHelp("p", c.KeyPrev)),
		ToggleRead:  key.NewBinding(key.WithKeys("m"), key.WithHelp("m", c.KeyToggleRead)),
		MarkAllRead: key.NewBinding(key.WithKeys("A"), key.WithHelp("A", c.KeyMarkAll)),
		UnreadOnly:  key.NewBinding(key.WithKeys("u"), key.WithHelp("u", c.KeyUnreadOnly)),
		OpenLink:    key.NewBinding(key.WithKeys("o"), key.WithHelp("o", c.KeyOpenLink)),
		Refresh:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", c.KeyRefresh)),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", c.KeyHelp)),
		Quit:        key.NewBinding(key.WithKeys("q"), key.WithHelp("q", c.KeyQuit)),
		ForceQuit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", c.KeyQuitAnywhere)),
		Suspend:     key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", c.KeySuspend)),
		Star:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", c.KeyStar)),
		Feeds:       key.NewBinding(key.WithKeys("tab", "F"), key.WithHelp("tab/F", c.KeyFeeds)),
		Search:      key.NewBinding(key.WithKeys("/"), key.WithHelp("/", c.KeySearch)),
		FullText:    key.NewBinding(key.WithKeys("f"), key.WithHelp("f", c.KeyFullText)),
		CopyLink:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", c.KeyCopyLink)),
		FollowLink:  key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1…9 enter", c.KeyFollowLink)),
		ScrollUp:    key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", c.KeyScrollUp)),
		ScrollDn:    key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", c.KeyScrollDown)),
	}
}

// listHelp groups the list's bindings for the help overlay.
func (k KeyMap) listHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Next, k.ToggleRead, k.MarkAllRead, k.UnreadOnly, k.Star, k.Search},
		{k.Feeds, k.OpenLink, k.Refresh, k.Help, k.Quit, k.ForceQuit, k.Suspend},
	}
}

// articleHelp groups the article's bindings for the help overlay.
func (k KeyMap) articleHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.ScrollUp, k.ScrollDn, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Next, k.Prev, k.ToggleRead, k.Star, k.OpenLink, k.FullText},
		{k.CopyLink, k.FollowLink},
		{k.Back, k.Help, k.ForceQuit},
	}
}

// listHints are the few bindings the status bar names in the list.
func (k KeyMap) listHints() []key.Binding {
	return []key.Binding{k.Open, k.Feeds, k.Search, k.Help, k.Quit}
}

// feedsHelp groups the feeds view's bindings for the help overlay.
func (k KeyMap) feedsHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Refresh, k.Back, k.Help, k.ForceQuit},
	}
}

// feedsHints are the few bindings the status bar names in the feeds view.
func (k KeyMap) feedsHints() []key.Binding {
	return []key.Binding{k.Open, k.Back, k.Help}
}

// articleHints are the few bindings the status bar names in an article.
func (k KeyMap) articleHints() []key.Binding {
	return []key.Binding{k.Next, k.OpenLink, k.Back, k.Help}
}
