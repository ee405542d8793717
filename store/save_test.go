package store

import (
	"slices"
	"testing"
	"time"

	"nashra/feed"
)

// threeKinds has one item keyed by each rule of feed.Item.Key.
func threeKinds() feed.Feed {
	return feed.Feed{URL: "https://example.org/rss", Title: "Example", Items: []feed.Item{
		{GUID: "g-1", Link: "https://example.org/a", Title: "by guid", Content: "<p>a</p>", Published: at(3)},
		{Link: "https://example.org/b", Title: "by link", Content: "<p>b</p>", Published: at(2)},
		{Title: "by hash", Content: "<p>c</p>", Published: at(1)},
	}}
}

func TestRefetchKeepsStateAndUpdatesChanges(t *testing.T) {
	s := newStore(t)
	f := threeKinds()
	res := mustSave(t, s, f)
	if res.New != 3 || res.Updated != 0 || res.FeedID == 0 {
		t.Fatalf("first save = %+v, want 3 new and a feed id", res)
	}
	first := byKey(mustItems(t, s, Query{}))
	for _, want := range []string{"guid:g-1", "link:https://example.org/b", f.Items[2].Key()} {
		if _, ok := first[want]; !ok {
			t.Fatalf("no item with key %q; have %v", want, first)
		}
	}
	if n, err := s.MarkAllRead(ctx, nil); err != nil || n != 3 {
		t.Fatalf("MarkAllRead = %d, %v", n, err)
	}
	if err := s.SetStarred(ctx, first["guid:g-1"].ID, true); err != nil {
		t.Fatal(err)
	}

	// The feed again: the GUID item retitled, the link item's content
	// edited, the hash item as it was, and one new item on top.
	f2 := threeKinds()
	f2.Items[0].Title = "by guid, corrected"
	f2.Items[1].Content = "<p>b, edited</p>"
	f2.Items = append([]feed.Item{{GUID: "g-2", Title: "fresh", Published: at(4)}}, f2.Items...)
	res = mustSave(t, s, f2)
	if res.New != 1 || res.Updated != 2 || res.Unchanged != 1 {
		t.Fatalf("re-save = %+v, want 1 new, 2 updated, 1 unchanged", res)
	}
	wantCounts(t, s, 1, 4)

	items := mustItems(t, s, Query{})
	if len(items) != 4 {
		t.Fatalf("%d items after re-fetch, want 4 (no duplicates): %v", len(items), titles(items))
	}
	k := byKey(items)
	for key, it := range k {
		wantRead := key != "guid:g-2"
		if it.Read != wantRead {
			t.Errorf("%s: read = %v, want %v", key, it.Read, wantRead)
		}
		if old, ok := first[key]; ok && old.ID != it.ID {
			t.Errorf("%s: id changed from %d to %d", key, old.ID, it.ID)
		}
	}
	if got := k["guid:g-1"]; got.Title != "by guid, corrected" || !got.Starred {
		t.Errorf("guid item = %q starred=%v, want new title and still starred", got.Title, got.Starred)
	}
	if got := k["link:https://example.org/b"].Content; got != "<p>b, edited</p>" {
		t.Errorf("link item content = %q", got)
	}
	if got := titles(items); !slices.Equal(got, []string{"fresh", "by guid, corrected", "by link", "by hash"}) {
		t.Errorf("order = %v", got)
	}
}

func TestUnchangedRefetchWritesNothing(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, threeKinds())
	res := mustSave(t, s, threeKinds())
	if res.New != 0 || res.Updated != 0 || res.Unchanged != 3 {
		t.Fatalf("identical re-save = %+v, want 3 unchanged", res)
	}
}

func TestUndatedItemsUseFirstSeenAndStayPut(t *testing.T) {
	s := newStore(t)
	s.now = func() time.Time { return at(10) }
	f := feed.Feed{URL: "file:///tmp/undated.xml", Items: []feed.Item{
		{GUID: "top", Title: "top"},
		{GUID: "middle", Title: "middle"},
		{GUID: "bottom", Title: "bottom"},
		{GUID: "dated", Title: "dated", Published: at(5)},
	}}
	mustSave(t, s, f)
	items := mustItems(t, s, Query{})
	// Same first-seen second for all three: the feed's own order decides.
	if got := titles(items); !slices.Equal(got, []string{"top", "middle", "bottom", "dated"}) {
		t.Fatalf("order = %v", got)
	}
	if !items[0].Published.Equal(at(10)) || !items[0].Updated.IsZero() {
		t.Errorf("undated item published=%v updated=%v, want first-seen and zero", items[0].Published, items[0].Updated)
	}

	// Hours later the feed has one more undated item. The old ones keep
	// their first-seen time; the new one goes above them.
	s.now = func() time.Time { return at(20) }
	f.Items = append([]feed.Item{{GUID: "newer", Title: "newer"}}, f.Items...)
	if res := mustSave(t, s, f); res.New != 1 || res.Updated != 0 {
		t.Fatalf("re-save = %+v, want 1 new 0 updated", res)
	}
	items = mustItems(t, s, Query{})
	if got := titles(items); !slices.Equal(got, []string{"newer", "top", "middle", "bottom", "dated"}) {
		t.Fatalf("order after re-fetch = %v", got)
	}
	if !items[1].Published.Equal(at(10)) {
		t.Errorf("undated item moved: published %v, want %v", items[1].Published, at(10))
	}

	// If the feed later supplies a real date, it replaces first-seen.
	f.Items[1].Published = at(30)
	if res := mustSave(t, s, f); res.Updated != 1 {
		t.Fatalf("re-save with a date = %+v, want 1 updated", res)
	}
	if got := mustItems(t, s, Query{})[0]; got.Title != "top" || !got.Published.Equal(at(30)) {
		t.Errorf("first item = %q at %v, want top at %v", got.Title, got.Published, at(30))
	}
}

func TestDuplicateKeysInOneFetchKeepFirst(t *testing.T) {
	s := newStore(t)
	res := mustSave(t, s, feed.Feed{URL: "u", Items: []feed.Item{
		{GUID: "x", Title: "current", Published: at(2)},
		{GUID: "x", Title: "stale", Published: at(1)},
	}})
	if res.New != 1 || res.Updated != 0 {
		t.Fatalf("result = %+v, want 1 new 0 updated", res)
	}
	items := mustItems(t, s, Query{})
	if len(items) != 1 || items[0].Title != "current" {
		t.Fatalf("items = %v, want just \"current\"", titles(items))
	}
}

func TestSaveFeedRowFields(t *testing.T) {
	s := newStore(t)
	s.now = func() time.Time { return at(7) }
	mustSave(t, s, feed.Feed{URL: "https://x.test/feed", Title: "X", Link: "https://x.test/", Language: "en"})
	// A fetch without a title keeps the title we had.
	mustSave(t, s, feed.Feed{URL: "https://x.test/feed", Link: "https://x.test/home", Language: "fr"})
	// A feed that never had a title is shown by its URL.
	mustSave(t, s, feed.Feed{URL: "https://untitled.test/feed"})
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 {
		t.Fatalf("%d feeds, want 2", len(feeds))
	}
	var x, u Feed
	for _, f := range feeds {
		switch f.URL {
		case "https://x.test/feed":
			x = f
		case "https://untitled.test/feed":
			u = f
		}
	}
	if x.Title != "X" || x.Link != "https://x.test/home" || x.Language != "fr" || !x.LastFetched.Equal(at(7)) {
		t.Errorf("feed = %+v", x)
	}
	if u.Title != "https://untitled.test/feed" {
		t.Errorf("untitled feed title = %q, want its URL", u.Title)
	}
	if _, err := s.SaveFeed(ctx, feed.Feed{}); err == nil {
		t.Error("SaveFeed accepted a feed without URL")
	}
}
