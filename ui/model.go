// Package ui holds nashra's bubbletea models: the headline list, the article
// view and the help overlay. It talks to storage and the network only
// through the small Store and Refresher interfaces, and hands every string to
// render before it reaches the screen.
package ui

import (
	"context"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"

	"charm.land/bubbles/v2/spinner"

	"nashra/feed"
	"nashra/refresh"
	"nashra/render"
	"nashra/store"
)

// Store is what the UI needs from persistent state.
type Store interface {
	pager
	Items(ctx context.Context, q store.Query) ([]store.Item, error)
	Item(ctx context.Context, id int64) (store.Item, error)
	Counts(ctx context.Context, feedURLs []string) (unread, total int, err error)
	Feeds(ctx context.Context) ([]store.Feed, error)
	SetRead(ctx context.Context, id int64, read bool) error
	SetStarred(ctx context.Context, id int64, starred bool) error
	ReadingPosition(ctx context.Context, id int64) (float64, error)
	SetReadingPosition(ctx context.Context, id int64, pos float64) error
	MarkRead(ctx context.Context, q store.Query) (int64, error)
}

// Refresher fetches one feed and stores what it got. It may be called for
// many feeds at once; it bounds its own concurrency (refresh.Engine).
type Refresher interface {
	One(ctx context.Context, source string) refresh.Result
	// FullText fetches an item's web page, extracts the article and
	// stores it; it returns the article's HTML.
	FullText(ctx context.Context, itemID int64) (string, error)
}

// Config is everything the UI is built from.
type Config struct {
	Store     Store
	Refresher Refresher
	Sources   []string // feed URLs, paths or demo: sources shown in this run
	// Subscriptions give the sources' titles, tags and direction overrides
	// from the configuration; sources without one are shown as they are.
	Subscriptions []feed.Subscription
	// RefreshEvery refreshes all sources at this interval; zero: never.
	RefreshEvery time.Duration
	Typesetter   *render.Typesetter
	// Hint is shown in the status bar while nothing else is, e.g. how to add
	// a feed when the demo is showing.
	Hint string
	// Now is the clock for relative ages; nil means time.Now.
	Now func() time.Time
	// OpenURL opens a link outside nashra; nil means the browser: Browser
	// if set, else $BROWSER, else xdg-open/open.
	OpenURL func(url string) error
	Browser string
	Keys    *KeyMap
	// Theme is "auto" (dark or light from the terminal's background),
	// "dark", "light", or the path of a glamour JSON style for articles
	// (the list then follows the background). NoColor (NO_COLOR set)
	// overrides it: no colour, only bold, italic and reverse video.
	Theme   string
	NoColor bool
	// Language chooses the interface's catalogue ("en", "ar"); English
	// when empty or unknown.
	Language string
	Styles   *Styles
	// FirstFrame, when set, holds back fetching until it is closed: the
	// program closes it once the first frame is on the terminal, so that
	// start-up draws from the store before any network work competes
	// with it. nil: fetch at once.
	FirstFrame <-chan struct{}
}

// screen is what the body of the window shows.
type screen int

const (
	listScreen screen = iota
	articleScreen
	feedsScreen
)

// Model is the root model: it routes messages to the screen in front and
// composes the header, body and status bar.
type Model struct {
	cfg Config
	// The key map, catalogue and styles are large (styles alone are about
	// 10 KB) and change rarely, so the model holds them by pointer:
	// bubbletea copies the model with every message.
	keys   *KeyMap
	lang   *Catalog
	styles *Styles
	ts     *render.Typesetter
	now    func() time.Time

	width, height int
	screen        screen
	showHelp      bool

	list    listModel
	article articleModel
	feeds   feedsModel
	subs    map[string]feed.Subscription // by URL

	filter    filter // which items the list shows
	search    string // the search query, as typed
	searching bool   // the search line has the keyboard
	// A search runs in a Cmd (at a million items a common word takes the
	// database a good part of a second), so typing never waits for it:
	// each key cancels the search before it, and only the latest one's
	// results are shown.
	searchSeq    int
	searchCancel context.CancelFunc
	searchBusy   bool
	initCmd      tea.Cmd
	spinner      spinner.Model
	rows         *layoutCache[rowKey]    // shared by the model's copies
	chromes      *layoutCache[chromeKey] // likewise

	unread, total int
	pending       int      // fetches still running
	refreshing    int      // feeds in the current refresh
	refreshed     int      // of which done
	fetchErrs     []string // errors of the current refresh, newest last
	added         int      // new items found by the current refresh
	status        string   // a transient message, replaced by the next one
	statusIsError bool
	statusSticky  bool // an error that outlives the next key: a feed's state
}

// New builds the model and loads what is stored, so the first frame already
// shows headlines; fetching starts from Init.
func New(cfg Config) (Model, error) {
	m := Model{cfg: cfg, ts: cfg.Typesetter, now: cfg.Now}
	if m.ts == nil {
		m.ts = render.New(render.Options{})
	}
	if m.now == nil {
		m.now = time.Now
	}
	if cfg.OpenURL == nil {
		m.cfg.OpenURL = func(link string) error { return openInBrowser(cfg.Browser, link) }
	}
	lang := CatalogFor(cfg.Language)
	m.lang = &lang
	keys := keyMapFor(lang)
	if cfg.Keys != nil {
		keys = *cfg.Keys
	}
	m.keys = &keys
	styles := DarkStyles()
	switch {
	case cfg.Styles != nil:
		styles = *cfg.Styles
	case cfg.NoColor:
		styles = PlainStyles()
	case cfg.Theme == "light":
		styles = LightStyles()
	}
	m.styles = &styles
	m.article = newArticleModel(keys, m.lang)
	m.article.style = m.articleStyle(true)
	m.list.src = cfg.Store
	m.rows = newLayoutCache[rowKey](4096)
	m.chromes = newLayoutCache[chromeKey](256)
	m.subs = make(map[string]feed.Subscription, len(cfg.Subscriptions))
	for _, s := range cfg.Subscriptions {
		m.subs[s.URL] = s
	}
	m.spinner = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	if err := m.reload(); err != nil {
		return Model{}, err
	}
	m.initCmd = tea.Batch(m.refresh(), m.scheduleRefresh())
	if m.followsBackground() {
		m.initCmd = tea.Batch(m.initCmd, tea.RequestBackgroundColor)
	}
	return m, nil
}

// Init starts fetching every source in the background (New has counted
// them as pending, so the first frame already says so).
func (m Model) Init() tea.Cmd {
	return m.initCmd
}

// Update routes a message to the screen in front.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.list.setHeight(m.bodyHeight())
		if m.screen == articleScreen {
			return m, m.article.resize(m.ts, m.width, m.bodyHeight())
		}
		return m, nil
	case searchedMsg:
		return m.searched(msg), nil
	case articleRenderedMsg:
		m.article.rendered(msg)
		return m, nil
	case fullTextMsg:
		return m.fullTextArrived(msg)
	case fetchedMsg:
		return m.fetched(msg), nil
	case refreshTickMsg:
		return m, tea.Batch(m.refresh(), m.scheduleRefresh())
	case spinner.TickMsg:
		if m.pending == 0 {
			return m, nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return m, cmd
	case savedMsg:
		if msg.err != nil {
			// A busy, read-only or full disk says so in plain words.
			m.setError(store.Explain(msg.err).Error())
		}
		if msg.reload {
			return m, m.reloadList()
		}
		return m, nil
	case reloadedMsg:
		return m.reloaded(msg), nil
	case openedMsg:
		if msg.err != nil {
			m.setRefusal(msg.err.Error())
		} else {
			m.setStatus(fmt.Sprintf(m.lang.Opened, msg.url))
		}
		return m, nil
	case tea.BackgroundColorMsg:
		if m.followsBackground() {
			return m, m.setDark(msg.IsDark())
		}
		return m, nil
	case tea.ResumeMsg:
		if m.ts.Mode().Bidi == render.BidiApp {
			return m, tea.Raw(render.BidiExplicit)
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseWheelMsg:
		return m.handleWheel(msg)
	}
	return m, nil
}

func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if keyMatches(msg, m.keys.ForceQuit) {
		if m.screen == articleScreen {
			return m, tea.Sequence(m.savePosition(), tea.Quit)
		}
		return m, tea.Quit
	}
	if keyMatches(msg, m.keys.Suspend) {
		return m, m.suspend()
	}
	// A message has been seen once the reader acts; errors about feeds
	// and the store stay until the next refresh, since they describe
	// their state, but an answer to a key ("no link") does not.
	if !m.statusSticky {
		m.status, m.statusIsError = "", false
	}
	if m.showHelp {
		// Any key closes the overlay; the one that opened it, or Esc/q, is
		// the natural one, but no key should do something unseen behind it.
		m.showHelp = false
		return m, nil
	}
	if m.searching {
		return m.searchKey(msg)
	}
	if keyMatches(msg, m.keys.Help) {
		m.showHelp = true
		return m, nil
	}
	switch m.screen {
	case articleScreen:
		return m.articleKey(msg)
	case feedsScreen:
		return m.feedsKey(msg)
	default:
		return m.listKey(msg)
	}
}

func (m Model) handleWheel(msg tea.MouseWheelMsg) (tea.Model, tea.Cmd) {
	if m.showHelp {
		return m, nil
	}
	if m.screen == articleScreen {
		m.article.wheel(msg)
		return m, nil
	}
	if m.screen == feedsScreen {
		switch msg.Button {
		case tea.MouseWheelUp:
			m.feeds.move(-3)
		case tea.MouseWheelDown:
			m.feeds.move(3)
		}
		return m, nil
	}
	switch msg.Button {
	case tea.MouseWheelUp:
		m.list.move(-3)
	case tea.MouseWheelDown:
		m.list.move(3)
	}
	return m, nil
}

// followsBackground reports whether the theme is chosen from the
// terminal's background colour.
func (m Model) followsBackground() bool {
	if m.cfg.Styles != nil || m.cfg.NoColor {
		return false
	}
	return m.cfg.Theme != "dark" && m.cfg.Theme != "light"
}

// setDark switches the list and chrome to the dark or light theme; rows
// laid out in the old colours are forgotten.
func (m *Model) setDark(dark bool) tea.Cmd {
	styles := LightStyles()
	if dark {
		styles = DarkStyles()
	}
	m.styles = &styles
	m.rows.reset()
	m.chromes.reset()
	m.article.style = m.articleStyle(dark)
	if m.screen == articleScreen {
		m.article.width = -1 // lay it out again in the new colours
		return m.article.resize(m.ts, m.width, m.bodyHeight())
	}
	return nil
}

// articleStyle is glamour's style for articles: none with NO_COLOR, the
// configured one, else the one for the background.
func (m Model) articleStyle(dark bool) string {
	switch {
	case m.cfg.NoColor:
		return "notty"
	case m.cfg.Theme != "" && m.cfg.Theme != "auto":
		return m.cfg.Theme
	case dark:
		return "dark"
	}
	return "light"
}

// suspend hands the terminal back to the shell; a terminal in explicit
// bidi mode would show the shell's right-to-left text unordered, so it goes
// back to implicit mode first (and explicit again on resume).
func (m Model) suspend() tea.Cmd {
	if m.ts.Mode().Bidi == render.BidiApp {
		return tea.Sequence(tea.Raw(render.BidiImplicit), tea.Suspend)
	}
	return tea.Suspend
}

// bodyHeight is what is left for the list or article between the header
// and the status bar.
func (m Model) bodyHeight() int {
	return max(m.height-2, 1)
}

func (m *Model) setStatus(s string) {
	m.status, m.statusIsError, m.statusSticky = s, false, false
}

func (m *Model) setError(s string) {
	m.status, m.statusIsError, m.statusSticky = s, true, true
}

// setRefusal says, as an error, that a key cannot do what it asks; the
// next key clears it.
func (m *Model) setRefusal(s string) {
	m.status, m.statusIsError, m.statusSticky = s, true, false
}

// recount reads the unread and total counts of the feeds in view again,
// leaving the list as it is.
func (m *Model) recount() error {
	unread, total, err := m.cfg.Store.Counts(context.Background(), m.scope())
	if err != nil {
		return fmt.Errorf("count items: %w", err)
	}
	m.unread, m.total = unread, total
	return nil
}

// listQuery is what the list shows: the feeds in view, the unread and
// starred filters, the search.
func (m Model) listQuery() store.Query {
	return store.Query{
		FeedURLs:   m.scope(),
		UnreadOnly: m.list.unreadOnly,
		Starred:    m.filter.kind == filterStarred,
		Search:     m.search,
	}
}

// reload reads the list again from the store, keeping the selected item
// selected and on the same screen row when it is still there.
func (m *Model) reload() error {
	if m.searchBusy {
		// What is read now supersedes the search still running.
		m.searchCancel()
		m.searchSeq++
		m.searchCancel, m.searchBusy = nil, false
	}
	err := m.list.load(m.listQuery())
	if err != nil {
		return fmt.Errorf("load items: %w", err)
	}
	return m.recount()
}
