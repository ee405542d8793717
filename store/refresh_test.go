package store

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"nashra/feed"
)

func mustRefresh(t *testing.T, s *Store, r Refresh) SaveResult {
	t.Helper()
	res, err := s.SaveRefresh(ctx, r)
	if err != nil {
		t.Fatalf("SaveRefresh: %v", err)
	}
	return res
}

func keysOf(t *testing.T, s *Store) []string {
	t.Helper()
	var keys []string
	for _, it := range mustItems(t, s, Query{}) {
		keys = append(keys, it.Key)
	}
	sort.Strings(keys)
	return keys
}

// numbered is a feed listing items n (newest, dated at(n)) down to from.
func numbered(from, n int) feed.Feed {
	f := feed.Feed{URL: "https://r.test/feed", Title: "R"}
	for i := n; i >= from; i-- {
		f.Items = append(f.Items, feed.Item{GUID: fmt.Sprintf("i%02d", i), Title: fmt.Sprint(i), Published: at(i)})
	}
	return f
}

func TestSaveRefreshValidatorsAndFetchState(t *testing.T) {
	s := newStore(t)
	if st, err := s.FetchState(ctx, "https://r.test/feed"); err != nil || st != (FetchState{}) {
		t.Fatalf("unknown feed: %+v, %v", st, err)
	}
	res := mustRefresh(t, s, Refresh{Feed: numbered(1, 3), ETag: `"e1"`, LastModified: "Mon, 02 Feb 2026 10:00:00 GMT"})
	st, err := s.FetchState(ctx, "https://r.test/feed")
	if err != nil || st.ID != res.FeedID || st.Title != "R" || st.ETag != `"e1"` || st.LastModified != "Mon, 02 Feb 2026 10:00:00 GMT" {
		t.Fatalf("state %+v, %v", st, err)
	}
	// A 200 without validators clears them: sending stale ones would be wrong.
	mustRefresh(t, s, Refresh{Feed: numbered(1, 3)})
	if st, _ := s.FetchState(ctx, "https://r.test/feed"); st.ETag != "" || st.LastModified != "" {
		t.Errorf("validators not cleared: %+v", st)
	}
}

func TestMarkNotModified(t *testing.T) {
	s := newStore(t)
	s.now = func() time.Time { return at(1) }
	mustRefresh(t, s, Refresh{Feed: numbered(1, 3), ETag: "x"})
	if err := s.SetFeedError(ctx, "https://r.test/feed", "", "HTTP 500"); err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return at(5) }
	if err := s.MarkNotModified(ctx, "https://r.test/feed"); err != nil {
		t.Fatal(err)
	}
	feeds, _ := s.Feeds(ctx)
	if len(feeds) != 1 || feeds[0].LastError != "" || !feeds[0].LastFetched.Equal(at(5)) || feeds[0].Total != 3 {
		t.Errorf("feed after 304: %+v", feeds)
	}
	if st, _ := s.FetchState(ctx, "https://r.test/feed"); st.ETag != "x" {
		t.Errorf("304 changed the validators: %+v", st)
	}
	if err := s.MarkNotModified(ctx, "https://nowhere.test/"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown feed: %v", err)
	}
}

func TestRetention(t *testing.T) {
	s := newStore(t)
	mustRefresh(t, s, Refresh{Feed: numbered(1, 10), Keep: 3})
	items := byKey(mustItems(t, s, Query{}))
	// Star the oldest and the third newest of what will drop out.
	for _, k := range []string{"guid:i01", "guid:i08"} {
		if err := s.SetStarred(ctx, items[k].ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetRead(ctx, items["guid:i10"].ID, true); err != nil {
		t.Fatal(err)
	}
	// Now the feed lists 11 and 12 only; i01..i10 are no longer listed.
	res := mustRefresh(t, s, Refresh{Feed: numbered(11, 12), Keep: 3})
	// Kept: listed 11, 12; the newest three unlisted 10, 9, 8 (8 starred
	// anyway); and starred 01 beyond the three. Deleted: 02..07.
	if res.Pruned != 6 || res.New != 2 {
		t.Errorf("result %+v, want 2 new, 6 pruned", res)
	}
	want := []string{"guid:i01", "guid:i08", "guid:i09", "guid:i10", "guid:i11", "guid:i12"}
	if got := keysOf(t, s); !slices.Equal(got, want) {
		t.Errorf("kept %v, want %v", got, want)
	}
	if !byKey(mustItems(t, s, Query{}))["guid:i10"].Read {
		t.Error("read state lost")
	}
	// Items the feed lists are kept whatever Keep says.
	res = mustRefresh(t, s, Refresh{Feed: numbered(1, 12), Keep: 1})
	if res.Pruned != 0 || res.New != 6 || len(keysOf(t, s)) != 12 {
		t.Errorf("listing all 12 with Keep 1: %+v, %d items", res, len(keysOf(t, s)))
	}
	// Keep 0 keeps everything.
	res = mustRefresh(t, s, Refresh{Feed: numbered(12, 12)})
	if res.Pruned != 0 || len(keysOf(t, s)) != 12 {
		t.Errorf("Keep 0: %+v", res)
	}
	// Retention touches only the saved feed.
	other := numbered(1, 5)
	other.URL = "https://other.test/feed"
	mustRefresh(t, s, Refresh{Feed: other})
	if res := mustRefresh(t, s, Refresh{Feed: numbered(12, 12), Keep: 1}); res.Pruned != 8 {
		t.Errorf("Keep 1: %+v, want 8 pruned", res)
	}
	// r.test keeps i12 (listed), i11 (newest unlisted), i08 and i01
	// (starred); other.test keeps its 5.
	if n := len(mustItems(t, s, Query{FeedURLs: []string{"https://r.test/feed"}})); n != 4 {
		t.Errorf("r.test has %d items, want 4", n)
	}
	if n := len(mustItems(t, s, Query{FeedURLs: []string{"https://other.test/feed"}})); n != 5 {
		t.Errorf("other.test has %d items, want 5", n)
	}
}

func TestRenameFeed(t *testing.T) {
	s := newStore(t)
	res := mustSave(t, s, feed.Feed{URL: "http://old.test/rss", Items: threeKinds().Items})
	mustSave(t, s, feed.Feed{URL: "http://taken.test/rss", Title: "Taken"})
	if err := s.RenameFeed(ctx, "http://old.test/rss", "https://new.test/rss"); err != nil {
		t.Fatal(err)
	}
	st, _ := s.FetchState(ctx, "https://new.test/rss")
	if st.ID != res.FeedID || st.Title != "https://new.test/rss" {
		t.Errorf("renamed feed %+v, want id %d titled by its new URL", st, res.FeedID)
	}
	if st, _ := s.FetchState(ctx, "http://old.test/rss"); st.ID != 0 {
		t.Error("old URL still stored")
	}
	if n := len(mustItems(t, s, Query{FeedURLs: []string{"https://new.test/rss"}})); n != 3 {
		t.Errorf("%d items under the new URL, want 3", n)
	}
	// Nothing at the old URL: nothing to do.
	if err := s.RenameFeed(ctx, "http://old.test/rss", "https://new.test/rss"); err != nil {
		t.Errorf("second rename: %v", err)
	}
	// The new URL is another feed's: refused, nothing changed.
	err := s.RenameFeed(ctx, "https://new.test/rss", "http://taken.test/rss")
	if !errors.Is(err, ErrFeedExists) {
		t.Fatalf("rename onto another feed: %v", err)
	}
	if st, _ := s.FetchState(ctx, "https://new.test/rss"); st.ID != res.FeedID {
		t.Error("refused rename changed the feed")
	}
}
