package ui

import (
	"strings"
	"testing"

	"nashra/feed"
)

func subscribedHarness(t *testing.T) *harness {
	return newHarness(t, feed.DemoSources, func(c *Config) {
		c.Subscriptions = []feed.Subscription{
			{URL: "demo:arabic", Title: "أخبار مصر", Tags: []string{"news", "arabic"}},
			{URL: "demo:english", Tags: []string{"news", "guide"}},
		}
	})
}

func TestFeedsViewFiltersTheList(t *testing.T) {
	h := subscribedHarness(t)
	h.press("tab")
	if h.m.screen != feedsScreen {
		t.Fatal("tab did not open the feeds view")
	}
	golden(t, "feeds.golden", h.screen())
	screen := h.screen()
	for _, want := range []string{"All", "Starred", "#news", "#arabic", "#guide", "66 unread · 66", "59 unread · 59", "7 unread · 7"} {
		if !strings.Contains(screen, want) {
			t.Errorf("feeds view lacks %q", want)
		}
	}
	// The configured Arabic title is laid out like any Arabic text.
	if !strings.Contains(screen, h.m.ts.Line("أخبار مصر", "ar", 100).Text) {
		t.Error("the Arabic feed title is not in display order")
	}
	// Choose #guide: only the English feed's items remain.
	for h.m.feeds.entries[h.m.feeds.cursor].label != "#guide" {
		h.press("j")
	}
	h.press("enter")
	if h.m.screen != listScreen || h.m.list.total != 7 {
		t.Fatalf("after choosing #guide: screen %v, %d items, want the list with 7", h.m.screen, h.m.list.total)
	}
	if !strings.Contains(h.lines()[0], "#guide") {
		t.Errorf("header %q does not name the filter", h.lines()[0])
	}
	h.press("esc")
	if h.m.list.total != 66 {
		t.Errorf("esc did not clear the filter: %d items", h.m.list.total)
	}
	// The feed titled in the configuration shows that title in the list.
	if !strings.Contains(h.screen(), h.m.ts.Line("أخبار مصر", "ar", 100).Text) {
		t.Error("the configured feed title is not used in the list")
	}
}

func TestStarAndStarredView(t *testing.T) {
	h := subscribedHarness(t)
	h.press("j", "s")
	it := h.selected()
	if !it.Starred || !h.storedItem(it.ID).Starred {
		t.Fatal("s did not star the item")
	}
	if !strings.Contains(h.lines()[2], "★") {
		t.Errorf("starred row has no star: %q", h.lines()[2])
	}
	h.press("F", "j", "enter") // Starred is the second entry
	if h.m.list.total != 1 || h.m.list.items[0].ID != it.ID {
		t.Fatalf("starred view lists %d items", h.m.list.total)
	}
	h.press("s")
	if h.storedItem(it.ID).Starred {
		t.Error("second s did not unstar")
	}
}

func TestSearchFindsArabicWithoutHarakat(t *testing.T) {
	h := subscribedHarness(t)
	h.press("/")
	if !h.m.searching {
		t.Fatal("/ did not start a search")
	}
	// Typed with a shadda and kasra; the seed writes الرياضة without them.
	for _, r := range "الرِّياضة" {
		h.press(string(r))
	}
	if n := h.m.list.total; n != 2 {
		for _, it := range h.m.list.items {
			t.Log(it.Title)
		}
		t.Fatalf("search found %d items, want 2", n)
	}
	for _, it := range h.m.list.items {
		if !strings.Contains(it.Title, "الرياضة") {
			t.Errorf("unexpected match %q", it.Title)
		}
	}
	if !strings.Contains(h.status(), "2 matches") {
		t.Errorf("status %q should count the matches", h.status())
	}
	golden(t, "search_arabic.golden", h.screen())
	h.press("enter")
	if h.m.searching || h.m.list.total != 2 {
		t.Error("enter should keep the search and give the keys back")
	}
	h.press("j", "enter", "q")
	if h.m.list.total != 2 {
		t.Error("reading an item lost the search")
	}
	h.press("esc")
	if h.m.list.total != 66 || h.m.search != "" {
		t.Error("esc did not clear the search")
	}
}

func TestDirectionOverride(t *testing.T) {
	h := newHarness(t, feed.DemoSources, func(c *Config) {
		c.Subscriptions = []feed.Subscription{{URL: "demo:english", Direction: "rtl"}}
	})
	row := h.lines()[1] // the newest English item, forced right to left
	if !strings.HasSuffix(row, " ● ") {
		t.Errorf("direction = rtl did not right-align the row: %q", row)
	}
}

func TestRefreshProgressInStatusBar(t *testing.T) {
	h := subscribedHarness(t)
	next, _ := h.m.Update(keyPress("r")) // start, but don't run the fetches
	m := next.(Model)
	if st := m.Render(); !strings.Contains(st, "0/2 feeds") {
		t.Errorf("status while refreshing: %q", lastLine(st))
	}
	m = m.fetched(fetchedMsg{source: "demo:arabic"})
	if st := m.Render(); !strings.Contains(st, "1/2 feeds") {
		t.Errorf("status after one feed: %q", lastLine(st))
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

func TestStarInArticle(t *testing.T) {
	h := subscribedHarness(t)
	h.press("enter", "s")
	id := h.m.article.item.ID
	if !h.storedItem(id).Starred {
		t.Fatal("s in an article did not star it")
	}
	h.press("q")
	if !h.selected().Starred {
		t.Error("the list does not show the star")
	}
}
