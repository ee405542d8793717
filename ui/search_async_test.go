package ui

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nashra/feed"
	"nashra/store"
)

// gatedStore holds every search's count until the test lets it through,
// as a slow search over a million items would; it hands the test each
// search's context.
type gatedStore struct {
	Store
	started chan context.Context
	gate    chan struct{}
	pages   atomic.Int32 // pages of searches read
}

func (g *gatedStore) After(ctx context.Context, q store.Query, k *store.Key, limit int) ([]store.Item, error) {
	if q.Search != "" {
		g.pages.Add(1)
	}
	return g.Store.After(ctx, q, k, limit)
}

func (g *gatedStore) Before(ctx context.Context, q store.Query, k *store.Key, limit int) ([]store.Item, error) {
	if q.Search != "" {
		g.pages.Add(1)
	}
	return g.Store.Before(ctx, q, k, limit)
}

func (g *gatedStore) Count(ctx context.Context, q store.Query) (int, error) {
	if q.Search != "" {
		g.started <- ctx
		select {
		case <-g.gate:
		case <-ctx.Done():
			return 0, ctx.Err()
		}
	}
	return g.Store.Count(ctx, q)
}

// updateWithin sends msg to the model and fails the test if Update does
// not return within 5 s: it must not wait on the (gated) database.
func (h *harness) updateWithin(msg tea.Msg) tea.Cmd {
	h.t.Helper()
	type result struct {
		m   Model
		cmd tea.Cmd
	}
	done := make(chan result, 1)
	go func() {
		next, cmd := h.m.Update(msg)
		done <- result{next.(Model), cmd}
	}()
	select {
	case r := <-done:
		h.m = r.m
		return r.cmd
	case <-time.After(5 * time.Second):
		h.t.Fatalf("%#v waited for the database", msg)
		return nil
	}
}

// gatedHarness is the demo in a harness whose store holds searches'
// counts until the test opens the gate.
func gatedHarness(t *testing.T) (*harness, *gatedStore) {
	t.Helper()
	gated := &gatedStore{started: make(chan context.Context, 8), gate: make(chan struct{})}
	h := newHarness(t, feed.DemoSources, func(c *Config) {
		gated.Store = c.Store
		c.Store = gated
	})
	return h, gated
}

// TestTypingDoesNotWaitForTheSearch checks that a key in the search line
// returns at once while the database works, that the next key cancels the
// search before it, and that only the latest search's results are shown.
func TestTypingDoesNotWaitForTheSearch(t *testing.T) {
	h, gated := gatedHarness(t)
	before := h.m.list.total
	h.press("/")

	// Update must return without waiting for the gated count.
	type result struct {
		m   Model
		cmd tea.Cmd
	}
	press := func(key string) result {
		t.Helper()
		done := make(chan result, 1)
		go func() {
			next, cmd := h.m.Update(keyPress(key))
			done <- result{next.(Model), cmd}
		}()
		select {
		case r := <-done:
			h.m = r.m
			return r
		case <-time.After(5 * time.Second):
			t.Fatalf("the key %q waited for the search", key)
			return result{}
		}
	}
	first := press("ا")
	if h.m.search != "ا" || !strings.Contains(h.status(), "searching…") {
		t.Errorf("while the search for %q runs the status shows %q", h.m.search, h.status())
	}
	if h.m.list.total != before {
		t.Errorf("the list changed before the search answered: %d items", h.m.list.total)
	}
	firstMsg := make(chan tea.Msg, 1)
	go func() { firstMsg <- first.cmd() }()
	firstCtx := <-gated.started

	second := press("ل")
	select {
	case <-firstCtx.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the second key did not cancel the first search")
	}
	stale := <-firstMsg
	if sm, ok := stale.(searchedMsg); !ok || !errors.Is(sm.err, context.Canceled) {
		t.Fatalf("the cancelled search ended with %#v", stale)
	}

	close(gated.gate) // the second search may now finish
	latest := second.cmd()
	<-gated.started
	h.send(latest)
	h.send(stale) // arriving late changes nothing
	want, err := h.store.Count(context.Background(), h.m.listQuery())
	if err != nil {
		t.Fatal(err)
	}
	if h.m.list.total != want || want == before || want == 0 {
		t.Errorf("after the search the list holds %d items; %q matches %d of %d", h.m.list.total, h.m.search, want, before)
	}
	if st := h.status(); strings.Contains(st, "searching…") || h.m.statusIsError {
		t.Errorf("after the search the status says %q (error: %q)", st, h.m.status)
	}
}

// TestSearchCursorFollowsTheText: the cursor at the end of the query sits
// where the next letter will appear — left of an Arabic word, right of a
// Latin one — in either direction of the interface.
func TestSearchCursorFollowsTheText(t *testing.T) {
	for _, tc := range []struct {
		lang, query, want string
	}{
		{"en", "abc", "/abc▏"},
		{"en", "نشرة", "/▏ﺓﺮﺸﻧ"}, // shaped and in display order
		{"ar", "abc", "abc▏/"},
		{"ar", "نشرة", "▏ﺓﺮﺸﻧ/"},
	} {
		h := newHarness(t, feed.DemoSources, func(c *Config) { c.Language = tc.lang })
		h.press("/")
		for _, r := range tc.query {
			h.press(string(r))
		}
		line := strings.TrimSpace(h.status())
		if !strings.Contains(line, tc.want) {
			t.Errorf("%s interface, query %q: search line %q lacks %q", tc.lang, tc.query, line, tc.want)
		}
	}
}

// TestKeysWhileSearching: Enter and j j typed before the results arrive
// select the third result once they do; a feed that brings items during
// a search leaves its results as they are rather than running it again;
// a search that fails leaves an empty list, not the previous one.
func TestKeysWhileSearching(t *testing.T) {
	h, gated := gatedHarness(t)
	// Update must not wait on the gated count; each call gets 5 s.
	update := func(msg tea.Msg) tea.Cmd { t.Helper(); return h.updateWithin(msg) }
	h.press("/")
	search := update(keyPress("ا"))
	for _, k := range []string{"enter", "j", "j"} {
		update(keyPress(k))
	}
	close(gated.gate)
	h.send(search())
	want, err := h.store.Items(context.Background(), h.m.listQuery())
	if err != nil || len(want) < 3 {
		t.Fatalf("the search should match at least 3 items: %d, %v", len(want), err)
	}
	if got := h.selected(); h.m.list.cursor != 2 || got.ID != want[2].ID {
		t.Errorf("after Enter j j during the search: at %d, %q; want the third result %q", h.m.list.cursor, got.Title, want[2].Title)
	}

	// Items arriving: counts follow, the results and the selection stay.
	gated.gate = make(chan struct{}) // a search now would block
	before := h.m.list.total
	update(fetchedMsg{source: feed.DemoSources[0], added: 3})
	if h.m.list.total != before || h.m.list.cursor != 2 || h.m.searchBusy {
		t.Errorf("a fetch during a search changed its results: %d items, at %d", h.m.list.total, h.m.list.cursor)
	}

	// A failing search: no stale results under the new query.
	h.send(searchedMsg{seq: h.m.searchSeq, q: h.m.listQuery(), err: errors.New("disk I/O error")})
	if h.m.list.total != 0 || !h.m.statusIsError {
		t.Errorf("after a failed search the list holds %d items (error shown: %v)", h.m.list.total, h.m.statusIsError)
	}
}

// TestChangesDuringASearchDoNotWaitForIt: with a search on, the changes
// that read the list again — u (unread only), A (mark all read, reloaded
// once it is saved) and choosing a feed — return at once and read the
// search's list off the update loop, keeping the selected item selected;
// a key that starts a new search supersedes such a read.
func TestChangesDuringASearchDoNotWaitForIt(t *testing.T) {
	h, gated := gatedHarness(t)
	update := func(msg tea.Msg) tea.Cmd { t.Helper(); return h.updateWithin(msg) }
	// A search for ا, its results shown, the third selected and marked read.
	h.press("/")
	search := update(keyPress("ا"))
	close(gated.gate)
	h.send(search())
	<-gated.started
	h.press("enter", "j", "j")
	picked := h.selected()
	h.press("m") // read: it stays in the list while it is not unread-only
	if !h.storedItem(picked.ID).Read {
		t.Fatal("m did not mark the item read")
	}

	// u: the search's list without read items, read in the background.
	gated.gate = make(chan struct{})
	shown := h.m.list.total
	reload := update(keyPress("u"))
	if reload == nil || !h.m.searchBusy || h.m.list.total != shown {
		t.Fatalf("u during a search: cmd %v, busy %v, %d items shown (was %d)", reload != nil, h.m.searchBusy, h.m.list.total, shown)
	}
	if st := h.status(); !strings.Contains(st, "searching…") {
		t.Errorf("while the list is read again the status says %q", st)
	}
	msg := make(chan tea.Msg, 1)
	go func() { msg <- reload() }()
	<-gated.started
	close(gated.gate)
	h.send(<-msg)
	want, err := h.store.Count(context.Background(), h.m.listQuery())
	if err != nil {
		t.Fatal(err)
	}
	if h.m.searchBusy || h.m.list.total != want || want >= shown {
		t.Errorf("after u: busy %v, %d items; the store has %d unread matches of %d", h.m.searchBusy, h.m.list.total, want, shown)
	}

	// Back to all matches: the item selected among the unread ones stays
	// selected (the wider list holds it), and the read one is listed again.
	seen := h.selected()
	h.press("u")
	<-gated.started
	if got := h.selected(); got.ID != seen.ID {
		t.Errorf("after u u the selection moved from %q to %q", seen.Title, got.Title)
	}
	if h.m.list.total != shown {
		t.Errorf("after u u %d matches listed, want %d", h.m.list.total, shown)
	}

	// A: saved, then the list is read again in the background.
	gated.gate = make(chan struct{})
	saved := update(keyPress("A"))()
	reload = update(saved)
	if reload == nil || !h.m.searchBusy {
		t.Fatalf("the reload after A ran on the update loop")
	}
	// A key in the search line meanwhile supersedes that reload.
	h.m.searching = true
	search = update(keyPress("ل"))
	stale := reload()
	close(gated.gate)
	if rm, ok := stale.(reloadedMsg); !ok || !errors.Is(rm.err, context.Canceled) {
		t.Errorf("the superseded reload ended with %#v", stale)
	}
	h.send(search())
	h.send(stale)
	want, err = h.store.Count(context.Background(), h.m.listQuery())
	if err != nil {
		t.Fatal(err)
	}
	// A marked the matches of ا read; the counts are the store's.
	unread, _, err := h.store.Counts(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if h.m.search != "ال" || h.m.list.total != want || h.m.unread != unread || h.m.statusIsError {
		t.Errorf("after A and a key: search %q, %d items (store: %d), %d unread (store: %d), error %v %q", h.m.search, h.m.list.total, want, h.m.unread, unread, h.m.statusIsError, h.m.status)
	}
}

// TestReloadDuringASearchKeepsKeys: keys pressed while a search's list is
// read again move on from where they were once it is shown, and showing
// it reads nothing more on the update loop (u: the first page comes with
// the count).
func TestReloadDuringASearchKeepsKeys(t *testing.T) {
	h, gated := gatedHarness(t)
	h.press("/")
	close(gated.gate)
	h.press("ا", "enter")
	<-gated.started
	h.press("j", "j")
	results, err := h.store.Items(context.Background(), h.m.listQuery())
	if err != nil || len(results) < 8 {
		t.Fatalf("the search should match at least 8 items: %d, %v", len(results), err)
	}

	// A reload after a save, and three keys before it is shown.
	next, reload := h.m.Update(savedMsg{reload: true})
	h.m = next.(Model)
	if reload == nil || !h.m.searchBusy {
		t.Fatal("no reload")
	}
	h.press("j", "j", "j")
	msg := reload()
	<-gated.started
	pages := gated.pages.Load()
	h.send(msg)
	if got := h.selected(); h.m.list.cursor != 5 || got.ID != results[5].ID {
		t.Errorf("after j j, a reload and j j j: at %d (%q); want the sixth result %q", h.m.list.cursor, got.Title, results[5].Title)
	}
	if n := gated.pages.Load() - pages; n != 0 {
		t.Errorf("showing the reloaded list read %d pages on the update loop", n)
	}

	// u: the unread results from the top, their first page read with the
	// count, off the update loop.
	h.m.list.moved = false
	next, reload = h.m.Update(keyPress("u"))
	h.m = next.(Model)
	msg = reload()
	<-gated.started
	pages = gated.pages.Load()
	h.send(msg)
	if n := gated.pages.Load() - pages; n != 0 {
		t.Errorf("showing the unread results read %d pages on the update loop", n)
	}
	want, _ := h.store.Items(context.Background(), h.m.listQuery())
	if len(want) == 0 || h.selected().ID != want[0].ID || h.m.list.total != len(want) {
		t.Errorf("unread results: %d shown, first %q; want %d", h.m.list.total, h.selected().Title, len(want))
	}
}

// TestReloadKeepsKeysWithoutASelection: with nothing to keep selected (the
// reader had not moved yet, or u changed the list), keys pressed while the
// list is read again count once, from where the cursor was.
func TestReloadKeepsKeysWithoutASelection(t *testing.T) {
	for _, tc := range []struct {
		name         string
		before       []string // keys before the reload
		reloadKey    string   // "" for a reload after a save
		during, want int      // j presses while it runs; the cursor after
	}{
		{"a save's reload at the top", nil, "", 3, 3},
		{"u after moving", []string{"j", "j", "j", "j"}, "u", 2, 6},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, gated := gatedHarness(t)
			h.press("/")
			close(gated.gate)
			h.press("ا", "enter")
			<-gated.started
			h.press(tc.before...)
			var msg tea.Msg = savedMsg{reload: true}
			if tc.reloadKey != "" {
				msg = keyPress(tc.reloadKey)
			}
			next, reload := h.m.Update(msg)
			h.m = next.(Model)
			if reload == nil {
				t.Fatal("no reload")
			}
			for range tc.during {
				h.press("j")
			}
			done := reload()
			<-gated.started
			h.send(done)
			if want := min(tc.want, h.m.list.total-1); h.m.list.cursor != want {
				t.Errorf("cursor at %d of %d, want %d", h.m.list.cursor, h.m.list.total, want)
			}
		})
	}
}

// TestMarkAllReadMarksWhatTheListShows: A in a search marks its matches
// read and no other item; in the starred view, the starred items.
func TestMarkAllReadMarksWhatTheListShows(t *testing.T) {
	unread := func(h *harness, q store.Query) int {
		t.Helper()
		q.UnreadOnly = true
		n, err := h.store.Count(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	h := newHarness(t, feed.DemoSources)
	all := unread(h, store.Query{})
	h.press("/", "ا", "ل", "ر", "ي", "ا", "ض", "ة", "enter")
	matches := unread(h, h.m.listQuery())
	if matches == 0 || matches == all {
		t.Fatalf("the search should match some unread items, not all: %d of %d", matches, all)
	}
	h.press("A")
	if got := unread(h, store.Query{}); got != all-matches {
		t.Errorf("A in a search of %d unread matches left %d of %d unread; want %d", matches, got, all, all-matches)
	}
	if h.m.unread != all-matches {
		t.Errorf("the status bar counts %d unread, want %d", h.m.unread, all-matches)
	}

	h.press("esc", "j", "s", "tab", "j", "enter") // star the second item, open Starred
	if h.m.filter.kind != filterStarred || h.m.list.total != 1 {
		t.Fatalf("not in the starred view of one item: %v, %d", h.m.filter.kind, h.m.list.total)
	}
	before := unread(h, store.Query{})
	h.press("A")
	if got := unread(h, store.Query{}); got < before-1 || got == 0 {
		t.Errorf("A in the starred view left %d unread of %d", got, before)
	}
}

// TestLeavingASearchKeepsTheSelection: Esc out of a search, moved in or
// not, leaves its selected item selected in the whole list.
func TestLeavingASearchKeepsTheSelection(t *testing.T) {
	for _, moves := range [][]string{nil, {"j"}} { // two results
		h := newHarness(t, feed.DemoSources)
		h.press("/", "ا", "ل", "ر", "ي", "ا", "ض", "ة", "enter")
		h.press(moves...)
		picked := h.selected()
		if h.m.list.cursor != len(moves) {
			t.Fatalf("at %d of the results", h.m.list.cursor)
		}
		h.press("esc")
		if got := h.selected(); h.m.search != "" || got.ID != picked.ID || h.m.list.total != 66 {
			t.Errorf("after %d moves and Esc: search %q, %d items, selected %q; want %q", len(moves), h.m.search, h.m.list.total, got.Title, picked.Title)
		}
	}
}
