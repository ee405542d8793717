package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// fetchedMsg reports one source's fetch: saved, or failed with err.
type fetchedMsg struct {
	source  string
	added   int
	err     error
	movedTo string // the feed's new URL after a permanent redirect
}

// savedMsg reports a write to the store that ran in the background.
type savedMsg struct {
	err    error
	reload bool
}

// openedMsg reports an attempt to open a link outside nashra.
type openedMsg struct {
	url string
	err error
}

func keyMatches(msg tea.KeyPressMsg, b key.Binding) bool {
	return key.Matches(msg, b)
}

// refreshTickMsg asks for the periodic refresh.
type refreshTickMsg struct{}

// scheduleRefresh arranges the next automatic refresh, if there is one.
func (m *Model) scheduleRefresh() tea.Cmd {
	if m.cfg.RefreshEvery <= 0 {
		return nil
	}
	return tea.Tick(m.cfg.RefreshEvery, func(time.Time) tea.Msg { return refreshTickMsg{} })
}

// refresh fetches every source, each in its own Cmd, so one slow or broken
// feed holds up nothing else.
func (m *Model) refresh() tea.Cmd {
	if m.pending > 0 {
		m.setStatus(m.lang.AlreadyRefreshing)
		return nil
	}
	if len(m.cfg.Sources) == 0 || m.cfg.Refresher == nil {
		return nil
	}
	m.pending = len(m.cfg.Sources)
	m.refreshing, m.refreshed = m.pending, 0
	m.fetchErrs = nil
	m.added = 0
	m.status, m.statusIsError, m.statusSticky = "", false, false
	cmds := make([]tea.Cmd, 0, len(m.cfg.Sources)+1)
	for _, src := range m.cfg.Sources {
		cmds = append(cmds, fetchCmd(m.cfg.Refresher, src, m.cfg.FirstFrame))
	}
	cmds = append(cmds, m.spinner.Tick)
	return tea.Batch(cmds...)
}

// fetchCmd refreshes one source off the update loop: the engine fetches
// (conditionally), stores what is new keeping read and starred state, and
// records a failure against the feed without touching its items. It
// starts once after is closed (nil: at once).
func fetchCmd(r Refresher, source string, after <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		if after != nil {
			<-after
		}
		res := r.One(context.Background(), source)
		return fetchedMsg{source: source, added: res.New, err: res.Err, movedTo: res.MovedTo}
	}
}

// fetched merges one finished fetch: new items appear without moving the
// selection, and errors stay in the status bar until the next refresh.
func (m Model) fetched(msg fetchedMsg) Model {
	m.pending = max(m.pending-1, 0)
	m.refreshed++
	if msg.movedTo != "" {
		m.follow(msg.source, msg.movedTo)
	}
	if msg.err != nil {
		m.fetchErrs = append(m.fetchErrs, m.lang.fetchError(msg.source, msg.err))
	}
	m.added += msg.added
	if msg.added > 0 || m.pending == 0 {
		// A search's results stay as they are (running it again for every
		// feed that brings items would stall the keys at a million items);
		// the counts follow.
		reload := m.reload
		if m.search != "" {
			reload = m.recount
		}
		if err := reload(); err != nil {
			m.fetchErrs = append(m.fetchErrs, err.Error())
		}
	}
	switch {
	case len(m.fetchErrs) > 0:
		e := m.fetchErrs[len(m.fetchErrs)-1]
		if n := len(m.fetchErrs); n > 1 {
			e = m.lang.FeedsFailed.Format(m.lang.Lang, n, e)
		}
		m.setError(e)
	case m.pending > 0:
		// the status bar shows progress
	case m.added > 0:
		m.setStatus(m.lang.NewItems.Format(m.lang.Lang, m.added))
	default:
		m.setStatus("")
	}
	return m
}

// follow puts a feed's new URL in place of its old one after a permanent
// redirect, so its items (stored under the new URL now) stay in the list.
func (m *Model) follow(oldURL, newURL string) {
	sources := make([]string, len(m.cfg.Sources))
	for i, s := range m.cfg.Sources {
		if s == oldURL {
			s = newURL
		}
		sources[i] = s
	}
	m.cfg.Sources = sources
	if sub, ok := m.subs[oldURL]; ok {
		delete(m.subs, oldURL)
		sub.URL = newURL
		m.subs[newURL] = sub
	}
}

// openLink opens an item's link in the browser, in the background.
func (m *Model) openLink(link string) tea.Cmd {
	if link == "" {
		m.setRefusal(m.lang.NoLink)
		return nil
	}
	if err := checkLink(link, *m.lang); err != nil {
		m.setError(err.Error())
		return nil
	}
	open := m.cfg.OpenURL
	return func() tea.Msg {
		return openedMsg{url: link, err: open(link)}
	}
}

// checkLink lets only web and mail links through: a feed must not be able to
// make nashra open a local file or run a URL handler of its choosing.
func checkLink(link string, c Catalog) error {
	u, err := url.Parse(link)
	if err != nil {
		return fmt.Errorf(c.InvalidLink, link)
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return nil
	}
	return fmt.Errorf(c.Refusing, u.Scheme)
}

// openInBrowser starts the configured browser, else $BROWSER, else the
// desktop's opener, with link as one argument — never through a shell —
// and does not wait for it.
func openInBrowser(configured, link string) error {
	argv := browserCommand(configured)
	if len(argv) == 0 {
		return errors.New("no browser: set $BROWSER")
	}
	cmd := exec.Command(argv[0], append(argv[1:], link)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, nil, nil
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open %s: %w", link, err)
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

func browserCommand(configured string) []string {
	if f := strings.Fields(configured); len(f) > 0 {
		return f
	}
	// $BROWSER may list several commands separated by colons; the first is
	// the preferred one. Its words are split without a shell.
	if b := os.Getenv("BROWSER"); b != "" {
		first, _, _ := strings.Cut(b, ":")
		if f := strings.Fields(first); len(f) > 0 {
			return f
		}
	}
	if runtime.GOOS == "darwin" {
		return []string{"open"}
	}
	if p, err := exec.LookPath("xdg-open"); err == nil {
		return []string{p}
	}
	return nil
}
