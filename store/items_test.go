package store

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"nashra/feed"
)

// twoFeeds stores A (items a1..a4) and B (b1, b2). a2 and b1 share a
// timestamp so the id tie-break is exercised; B is saved second, so b1 has
// the higher id and must come first.
func twoFeeds(t *testing.T, s *Store) (a, b int64) {
	t.Helper()
	a = mustSave(t, s, feed.Feed{URL: "a", Title: "A", Items: []feed.Item{
		{GUID: "a4", Title: "a4", Published: at(9)},
		{GUID: "a3", Title: "a3", Published: at(7)},
		{GUID: "a2", Title: "a2", Published: at(5)},
		{GUID: "a1", Title: "a1", Published: at(1)},
	}}).FeedID
	b = mustSave(t, s, feed.Feed{URL: "b", Title: "B", Items: []feed.Item{
		{GUID: "b2", Title: "b2", Published: at(8)},
		{GUID: "b1", Title: "b1", Published: at(5)},
	}}).FeedID
	return a, b
}

func TestItemsOrderFilterAndPaging(t *testing.T) {
	s := newStore(t)
	a, b := twoFeeds(t, s)
	all := mustItems(t, s, Query{})
	want := []string{"a4", "b2", "a3", "b1", "a2", "a1"}
	if got := titles(all); !slices.Equal(got, want) {
		t.Fatalf("order = %v, want %v", got, want)
	}

	// A full page and a short last page reassemble the full list.
	var paged []string
	for off := 0; off < 8; off += 4 {
		paged = append(paged, titles(mustItems(t, s, Query{Limit: 4, Offset: off}))...)
	}
	if !slices.Equal(paged, want) {
		t.Errorf("pages of 4 = %v, want %v", paged, want)
	}
	if got := titles(mustItems(t, s, Query{Limit: 2, Offset: 2})); !slices.Equal(got, []string{"a3", "b1"}) {
		t.Errorf("Limit 2 Offset 2 = %v", got)
	}
	if got := titles(mustItems(t, s, Query{Offset: 5})); !slices.Equal(got, []string{"a1"}) {
		t.Errorf("Offset 5 without limit = %v", got)
	}

	if got := titles(mustItems(t, s, Query{FeedID: b})); !slices.Equal(got, []string{"b2", "b1"}) {
		t.Errorf("feed B = %v", got)
	}

	k := byKey(all)
	for _, key := range []string{"guid:a4", "guid:b1", "guid:a1"} {
		if err := s.SetRead(ctx, k[key].ID, true); err != nil {
			t.Fatal(err)
		}
	}
	if got := titles(mustItems(t, s, Query{UnreadOnly: true})); !slices.Equal(got, []string{"b2", "a3", "a2"}) {
		t.Errorf("unread = %v", got)
	}
	if got := titles(mustItems(t, s, Query{UnreadOnly: true, FeedID: a, Limit: 1, Offset: 1})); !slices.Equal(got, []string{"a2"}) {
		t.Errorf("unread in A, second page of 1 = %v", got)
	}
	if _, err := s.Items(ctx, Query{Limit: -1}); err == nil {
		t.Error("negative limit accepted")
	}
}

// The list and count queries must walk an index in list order, never scan
// the table or sort in a temporary b-tree: this is what keeps a large
// database fast.
func TestListQueriesUseIndexes(t *testing.T) {
	s := newStore(t)
	twoFeeds(t, s)
	type stmt struct {
		sql  string
		args []any
	}
	var stmts []stmt
	for _, q := range []Query{{}, {UnreadOnly: true, Limit: 50}, {FeedID: 1}} {
		sql, args := itemsQuery(q)
		stmts = append(stmts, stmt{sql, args})
	}
	stmts = append(stmts, stmt{"SELECT COUNT(*) FROM items WHERE read = 0", nil})
	for _, st := range stmts {
		plan := queryPlan(t, s, st.sql, st.args)
		for _, d := range plan {
			if strings.HasPrefix(d, "USE TEMP B-TREE") || d == "SCAN i" || d == "SCAN items" {
				t.Errorf("%s\nplan %q: table scan or sort", st.sql, plan)
			}
		}
	}
}

func TestItemByID(t *testing.T) {
	s := newStore(t)
	twoFeeds(t, s)
	first := mustItems(t, s, Query{Limit: 1})[0]
	got, err := s.Item(ctx, first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got != first {
		t.Errorf("Item(%d) = %+v, want %+v", first.ID, got, first)
	}
	if _, err := s.Item(ctx, 999999); !errors.Is(err, ErrNotFound) {
		t.Errorf("Item(missing) error = %v, want ErrNotFound", err)
	}
}

func TestMarkAllReadAndSetReadBack(t *testing.T) {
	s := newStore(t)
	a, b := twoFeeds(t, s)
	wantCounts(t, s, 6, 6)

	if n, err := s.MarkFeedRead(ctx, b); err != nil || n != 2 {
		t.Fatalf("MarkFeedRead(B) = %d, %v; want 2", n, err)
	}
	wantCounts(t, s, 4, 6)
	if n, err := s.MarkAllRead(ctx, nil); err != nil || n != 4 {
		t.Fatalf("MarkAllRead = %d, %v; want 4 (only those that changed)", n, err)
	}
	wantCounts(t, s, 0, 6)
	if n, err := s.MarkAllRead(ctx, nil); err != nil || n != 0 {
		t.Fatalf("second MarkAllRead = %d, %v; want 0", n, err)
	}

	it := mustItems(t, s, Query{FeedID: a, Limit: 1})[0]
	if err := s.SetRead(ctx, it.ID, false); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s, 1, 6)
	if got, _ := s.Item(ctx, it.ID); got.Read {
		t.Error("item still read after SetRead(false)")
	}
	// Setting the state it already has is fine and changes nothing.
	if err := s.SetRead(ctx, it.ID, false); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s, 1, 6)
	if err := s.SetRead(ctx, it.ID, true); err != nil {
		t.Fatal(err)
	}
	wantCounts(t, s, 0, 6)

	if err := s.SetRead(ctx, 999999, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("SetRead(missing) error = %v, want ErrNotFound", err)
	}
}

// One run of nashra shows only its own sources (the demo, or the feeds named
// on the command line), though the database may hold others.
func TestScopeByFeedURLs(t *testing.T) {
	s := newStore(t)
	twoFeeds(t, s)
	if got := titles(mustItems(t, s, Query{FeedURLs: []string{"b"}})); !slices.Equal(got, []string{"b2", "b1"}) {
		t.Errorf("items of b = %v", got)
	}
	if got := mustItems(t, s, Query{FeedURLs: []string{}}); len(got) != 0 {
		t.Errorf("empty scope listed %d items", len(got))
	}
	if u, n, err := s.Counts(ctx, []string{"a", "nope"}); err != nil || u != 4 || n != 4 {
		t.Errorf("Counts(a) = %d, %d, %v; want 4, 4", u, n, err)
	}
	if n, err := s.MarkAllRead(ctx, []string{"b"}); err != nil || n != 2 {
		t.Fatalf("MarkAllRead(b) = %d, %v; want 2", n, err)
	}
	wantCounts(t, s, 4, 6)
	if got := titles(mustItems(t, s, Query{FeedURLs: []string{"a", "b"}, UnreadOnly: true})); !slices.Equal(got, []string{"a4", "a3", "a2", "a1"}) {
		t.Errorf("unread of a and b = %v", got)
	}
}

func TestSearchFoldsLikeAReader(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, feed.Feed{URL: "ar", Title: "AR", Items: []feed.Item{
		{GUID: "1", Title: "وزير الرِّياضة يكرم الأبطال", Published: at(3)},
		{GUID: "2", Title: "طقس اليوم", Content: "<p>أمطار على <b>الإسكندرية</b></p>", Published: at(2)},
		{GUID: "3", Title: "Benzema joins Al-Hilal 100%_done", Published: at(1)},
	}})
	for q, want := range map[string][]string{
		"الرياضة":    {"1"},
		"الاسكندرية": {"2"},
		"BENZEMA":    {"3"},
		"100%_":      {"3"},
		"%":          {"3"},
		"غير موجود":  nil,
		"  ":         {"1", "2", "3"},
	} {
		items := mustItems(t, s, Query{Search: q})
		var got []string
		for _, it := range items {
			got = append(got, it.GUID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("search %q: %v, want %v", q, got, want)
		}
	}
}

func TestStarredFilter(t *testing.T) {
	s := newStore(t)
	twoFeeds(t, s)
	it := mustItems(t, s, Query{Limit: 1})[0]
	if err := s.SetStarred(ctx, it.ID, true); err != nil {
		t.Fatal(err)
	}
	got := mustItems(t, s, Query{Starred: true})
	if len(got) != 1 || got[0].ID != it.ID || !got[0].Starred {
		t.Errorf("starred: %+v", got)
	}
}
