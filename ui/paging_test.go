package ui

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"nashra/feed"
	"nashra/store"
)

// TestMovingThroughALongList walks a list and a search longer than many
// pages and windows, both ways and by jumps, and checks at each stop that
// the selected item is the one the store lists at that position.
func TestMovingThroughALongList(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "nashra.db")
	st, err := store.Open(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	const n = 15000 // the search's 10,000 matches outgrow its window too
	f := feed.Feed{URL: "https://long.example/feed", Title: "Long"}
	for i := range n {
		title := fmt.Sprintf("story %d", i)
		if i%3 != 0 {
			title += " with a needle"
		}
		f.Items = append(f.Items, feed.Item{GUID: fmt.Sprint(i), Title: title, Published: clock.Add(-time.Duration(i) * time.Minute)})
	}
	if _, err := st.SaveFeed(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	st.Close()
	h := openHarness(t, dbPath, []string{f.URL}, func(c *Config) { c.Refresher = nil })

	check := func(what string) {
		t.Helper()
		want, err := h.store.Items(t.Context(), h.m.listQuery())
		if err != nil {
			t.Fatal(err)
		}
		l := h.m.list
		if l.total != len(want) {
			t.Fatalf("%s: the list counts %d items, the store %d", what, l.total, len(want))
		}
		if got := h.selected(); got.ID != want[l.cursor].ID {
			t.Fatalf("%s: at %d the list selects %q, the store lists %q there", what, l.cursor, got.Title, want[l.cursor].Title)
		}
		// The whole window, not only the selection, is where it should be.
		for i, it := range l.items {
			if it.ID != want[l.start+i].ID {
				t.Fatalf("%s: the window's item %d (position %d) is %q, the store lists %q there", what, i, l.start+i, it.Title, want[l.start+i].Title)
			}
		}
		if len(l.items) > l.window() {
			t.Fatalf("%s: the window holds %d items, more than %d", what, len(l.items), l.window())
		}
	}
	walk := func(what string) {
		t.Helper()
		check(what + ", top")
		for i := 1; i <= 1500; i++ {
			h.press("j")
			if i%250 == 0 {
				check(fmt.Sprintf("%s, %d down", what, i))
			}
		}
		for i := 1; i <= 400; i++ {
			h.press("pgdown")
			if i%100 == 0 {
				check(fmt.Sprintf("%s, %d pages down", what, i))
			}
		}
		h.press("G")
		check(what + ", end")
		for i := 1; i <= 1300; i++ {
			h.press("k")
			if i%250 == 0 {
				check(fmt.Sprintf("%s, %d up from the end", what, i))
			}
		}
		h.press("g")
		check(what + ", back at the top")
	}
	walk("all items")
	h.press("/")
	for _, r := range "needle" {
		h.press(string(r))
	}
	h.press("enter")
	if h.m.list.total != n-n/3 {
		t.Fatalf("the search lists %d items, want %d", h.m.list.total, n-n/3)
	}
	walk("search")
}
