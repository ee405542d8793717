package ui

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nashra/feed"
	"nashra/refresh"
	"nashra/render"
	"nashra/store"
)

var update = flag.Bool("update", false, "rewrite the golden screens in testdata/")

// clock is the fixed "now" of every UI test: shortly after the demo's
// newest item, so ages read like a live feed.
var clock = time.Date(2026, 2, 2, 12, 30, 0, 0, time.UTC)

const (
	screenW = 100
	screenH = 30
)

// harness drives a real Model — real SQLite file, real fetcher — through
// the same messages bubbletea would send, running every Cmd it returns to
// completion so a test sees the state a user would after a moment.
type harness struct {
	t      *testing.T
	m      Model
	dbPath string
	store  *store.Store
	opened []string
	quit   bool
}

func newHarness(t *testing.T, sources []string, opts ...func(*Config)) *harness {
	t.Helper()
	dbPath := filepath.Join(t.TempDir(), "nashra.db")
	return openHarness(t, dbPath, sources, opts...)
}

// openHarness starts the app over an existing database, as a second run
// of nashra would.
func openHarness(t *testing.T, dbPath string, sources []string, opts ...func(*Config)) *harness {
	t.Helper()
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h := &harness{t: t, dbPath: dbPath, store: st}
	cfg := Config{
		Store:      st,
		Refresher:  &refresh.Engine{Store: st, Fetcher: &feed.Fetcher{}},
		Sources:    sources,
		Now:        func() time.Time { return clock },
		OpenURL:    func(u string) error { h.opened = append(h.opened, u); return nil },
		Typesetter: render.New(render.Options{Bidi: render.BidiApp, Shape: true}),
	}
	for _, o := range opts {
		o(&cfg)
	}
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.m = m
	h.send(tea.WindowSizeMsg{Width: screenW, Height: screenH})
	h.run(m.Init())
	return h
}

// close ends the run: the database is closed as on quitting nashra.
func (h *harness) close() {
	h.t.Helper()
	if err := h.store.Close(); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	h.run(cmd)
}

// run executes cmd and feeds its messages back, depth first, the way the
// bubbletea runtime eventually would.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd == nil {
		return
	}
	switch msg := cmd().(type) {
	case nil:
	case tea.QuitMsg:
		h.quit = true
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	default:
		// tea.Sequence's message is an unexported slice of commands.
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				h.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		h.send(msg)
	}
}

// press sends key presses by name: "j", "enter", "G", "pgdown", "ctrl+c"…
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyPress(k))
	}
}

func keyPress(name string) tea.KeyPressMsg {
	special := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"left": tea.KeyLeft, "right": tea.KeyRight, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown,
		"home": tea.KeyHome, "end": tea.KeyEnd, "space": tea.KeySpace,
	}
	if code, ok := special[name]; ok {
		k := tea.KeyPressMsg{Code: code}
		if name == "space" {
			k.Text = " "
		}
		return k
	}
	if rest, ok := strings.CutPrefix(name, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(rest[0]), Mod: tea.ModCtrl}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// screen is the window as text, styling stripped, trailing blanks kept.
func (h *harness) screen() string {
	return ansi.Strip(h.m.Render())
}

func (h *harness) lines() []string {
	return strings.Split(h.screen(), "\n")
}

func (h *harness) status() string {
	l := h.lines()
	return l[len(l)-1]
}

func (h *harness) selected() store.Item {
	h.t.Helper()
	it, ok := h.m.list.selected()
	if !ok {
		h.t.Fatal("no item selected")
	}
	return *it
}

// storedItem reads an item back from the database, not from the model.
func (h *harness) storedItem(id int64) store.Item {
	h.t.Helper()
	it, err := h.store.Item(context.Background(), id)
	if err != nil {
		h.t.Fatal(err)
	}
	return it
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("screen differs from %s (run go test ./ui -update after checking):\n--- got ---\n%s\n--- want ---\n%s", path, got, want)
	}
}
