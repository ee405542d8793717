package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"nashra/feed"
	"nashra/refresh"
	"nashra/render"
	"nashra/store"
	"nashra/ui"
)

// The screen size and clock of every screenshot. The clock is shortly after
// the demo's newest item, so ages read like a live feed and never change.
const (
	screenW = 100
	screenH = 30
)

var clock = time.Date(2026, 2, 2, 12, 30, 0, 0, time.UTC)

// hint is what the status bar says in --demo mode, with the configuration
// path a typical user has rather than this machine's.
const hint = "demo · your own feeds: ~/.config/nashra/config.toml"

// hintFor is the demo hint in the interface's language.
func hintFor(lang string) string {
	if lang == "" {
		return hint
	}
	return fmt.Sprintf(ui.CatalogFor(lang).DemoOwnFeeds, "\u2066~/.config/nashra/config.toml\u2069")
}

// A shot is one screenshot: the keys pressed after the demo has loaded.
type shot struct {
	name string
	keys []tea.KeyPressMsg
	lang string // the interface's language; "" is English
}

var shots = []shot{
	{"list", nil, ""},
	{"article-arabic", []tea.KeyPressMsg{{Code: 'j', Text: "j"}, {Code: tea.KeyEnter}}, ""},
	{"article-english", []tea.KeyPressMsg{{Code: tea.KeyEnter}}, ""},
	{"help", []tea.KeyPressMsg{{Code: '?', Text: "?"}}, ""},
	{"feeds", []tea.KeyPressMsg{{Code: tea.KeyTab}}, ""},
	{"search-arabic", append([]tea.KeyPressMsg{{Code: '/', Text: "/"}}, typed("الرياضة")...), ""},
	{"list-arabic-ui", nil, "ar"},
	{"help-arabic-ui", []tea.KeyPressMsg{{Code: '?', Text: "?"}}, "ar"},
}

// typed is the key presses that type s.
func typed(s string) []tea.KeyPressMsg {
	var keys []tea.KeyPressMsg
	for _, r := range s {
		keys = append(keys, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return keys
}

// subscriptions tag the demo feeds, so the feeds view has tags to show.
var subscriptions = []feed.Subscription{
	{URL: "demo:arabic", Tags: []string{"news", "arabic"}},
	{URL: "demo:english", Tags: []string{"guide"}},
}

// capture runs the real UI model over the embedded demo, in a fresh
// database, through the same messages bubbletea would deliver, and returns
// the screen it renders after the keys of s.
func capture(s shot) (string, error) {
	// Article dates are shown in local time; the pictures must not depend
	// on the machine's zone.
	time.Local = time.UTC

	dir, err := os.MkdirTemp("", "nashra-shot-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	st, err := store.Open(filepath.Join(dir, "nashra.db"))
	if err != nil {
		return "", err
	}
	defer st.Close()

	m, err := ui.New(ui.Config{
		Store:         st,
		Refresher:     &refresh.Engine{Store: st, Fetcher: &feed.Fetcher{}},
		Sources:       feed.DemoSources,
		Subscriptions: subscriptions,
		Typesetter:    render.New(render.Options{Bidi: render.BidiApp, Shape: true}),
		Hint:          hintFor(s.lang),
		Language:      s.lang,
		Now:           func() time.Time { return clock },
		OpenURL:       func(string) error { return nil },
	})
	if err != nil {
		return "", err
	}
	var model tea.Model = m
	var send func(tea.Msg)
	// run executes a command and feeds its messages back, depth first,
	// as the bubbletea runtime eventually would.
	var run func(tea.Cmd)
	run = func(cmd tea.Cmd) {
		if cmd == nil {
			return
		}
		switch msg := cmd().(type) {
		case nil, tea.QuitMsg:
		case tea.BatchMsg:
			for _, c := range msg {
				run(c)
			}
		default:
			send(msg)
		}
	}
	send = func(msg tea.Msg) {
		var cmd tea.Cmd
		model, cmd = model.Update(msg)
		run(cmd)
	}

	send(tea.WindowSizeMsg{Width: screenW, Height: screenH})
	run(m.Init())
	for _, k := range s.keys {
		send(k)
	}
	final, ok := model.(ui.Model)
	if !ok {
		return "", fmt.Errorf("model is a %T", model)
	}
	return final.Render(), nil
}
