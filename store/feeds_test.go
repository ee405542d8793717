package store

import (
	"strings"
	"testing"
	"time"

	"nashra/feed"
)

func feedByURL(t *testing.T, s *Store, url string) Feed {
	t.Helper()
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.URL == url {
			return f
		}
	}
	t.Fatalf("no feed %q in %+v", url, feeds)
	return Feed{}
}

func TestSetFeedErrorKeepsItemsAndSaveClearsIt(t *testing.T) {
	s := newStore(t)
	s.now = func() time.Time { return at(1) }
	f := threeKinds()
	mustSave(t, s, f)
	if _, err := s.MarkAllRead(ctx, nil); err != nil {
		t.Fatal(err)
	}

	if err := s.SetFeedError(ctx, f.URL, "ignored: the feed has a title", "404 Not Found"); err != nil {
		t.Fatal(err)
	}
	got := feedByURL(t, s, f.URL)
	if got.LastError != "404 Not Found" || got.Title != "Example" {
		t.Errorf("after error: %+v", got)
	}
	if got.Total != 3 || got.Unread != 0 || !got.LastFetched.Equal(at(1)) {
		t.Errorf("error touched items or last fetch: %+v", got)
	}
	wantCounts(t, s, 0, 3)

	s.now = func() time.Time { return at(2) }
	mustSave(t, s, f)
	got = feedByURL(t, s, f.URL)
	if got.LastError != "" || !got.LastFetched.Equal(at(2)) {
		t.Errorf("successful save did not clear the error: %+v", got)
	}
}

func TestSetFeedErrorOnUnknownFeed(t *testing.T) {
	s := newStore(t)
	const url = "https://down.test/feed"
	if err := s.SetFeedError(ctx, url, "", "dial tcp: connection refused"); err != nil {
		t.Fatal(err)
	}
	got := feedByURL(t, s, url)
	if got.Title != url || got.LastError == "" || !got.LastFetched.IsZero() || got.Total != 0 {
		t.Errorf("new failing feed = %+v", got)
	}
	// A later call that knows a name replaces the URL placeholder.
	if err := s.SetFeedError(ctx, url, "Down Site", "timeout"); err != nil {
		t.Fatal(err)
	}
	if got := feedByURL(t, s, url); got.Title != "Down Site" || got.LastError != "timeout" {
		t.Errorf("after second error = %+v", got)
	}
	// An empty message must not read as success.
	if err := s.SetFeedError(ctx, url, "", ""); err != nil {
		t.Fatal(err)
	}
	if got := feedByURL(t, s, url); got.LastError == "" {
		t.Error("empty error message recorded as success")
	}
	// Then the feed comes up; its real title wins.
	mustSave(t, s, feed.Feed{URL: url, Title: "Real Title", Items: []feed.Item{{GUID: "1"}}})
	if got := feedByURL(t, s, url); got.Title != "Real Title" || got.LastError != "" || got.Total != 1 {
		t.Errorf("after recovery = %+v", got)
	}
}

func TestFeedsCounts(t *testing.T) {
	s := newStore(t)
	a, _ := twoFeeds(t, s)
	if _, err := s.MarkFeedRead(ctx, a); err != nil {
		t.Fatal(err)
	}
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != 2 || feeds[0].Title != "A" || feeds[1].Title != "B" {
		t.Fatalf("feeds = %+v, want A then B", feeds)
	}
	if feeds[0].Unread != 0 || feeds[0].Total != 4 || feeds[1].Unread != 2 || feeds[1].Total != 2 {
		t.Errorf("counts: A %d/%d, B %d/%d; want 0/4 and 2/2",
			feeds[0].Unread, feeds[0].Total, feeds[1].Unread, feeds[1].Total)
	}
}

// TestFeedsDoesNotReadItems: the feeds view's counts come from the
// counters, so listing the feeds costs the same at a million items.
func TestFeedsDoesNotReadItems(t *testing.T) {
	s := newStore(t)
	twoFeeds(t, s)
	for _, step := range queryPlan(t, s, feedsQuery, nil) {
		if strings.Contains(step, "items") || step == "SCAN i" || strings.HasPrefix(step, "SCAN i ") || strings.HasPrefix(step, "SEARCH i ") {
			t.Errorf("listing the feeds reads the items: %q", step)
		}
	}
}
