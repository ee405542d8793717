package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"nashra/feed"
)

// manyItems stores n items over two feeds, newest first by index, some
// sharing a second so ties are broken by id.
func manyItems(t *testing.T, s *Store, n int) {
	t.Helper()
	var a, b []feed.Item
	for i := range n {
		it := feed.Item{GUID: fmt.Sprint(i), Title: fmt.Sprintf("item %d", i), Published: base.Add(-time.Duration(i/2) * time.Minute)}
		if i%3 == 0 {
			b = append(b, it)
		} else {
			a = append(a, it)
		}
	}
	mustSave(t, s, feed.Feed{URL: "a", Title: "A", Items: a})
	mustSave(t, s, feed.Feed{URL: "b", Title: "B", Items: b})
}

func ids(items []Item) []int64 {
	out := make([]int64, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func TestPagesWalkTheListBothWays(t *testing.T) {
	s := newStore(t)
	manyItems(t, s, 250)
	for _, q := range []Query{{}, {UnreadOnly: true}, {FeedURLs: []string{"b"}}} {
		all := mustItems(t, s, q)
		// Forward, 37 at a time.
		var fwd []Item
		var k *Key
		for {
			page, err := s.After(ctx, q, k, 37)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			fwd = append(fwd, page...)
			last := KeyOf(page[len(page)-1])
			k = &last
		}
		if !slices.Equal(ids(fwd), ids(all)) {
			t.Errorf("%+v: forward pages differ from the whole list", q)
		}
		// Backward from the end.
		var back []Item
		k = nil
		for {
			page, err := s.Before(ctx, q, k, 41)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			back = append(page, back...)
			first := KeyOf(page[0])
			k = &first
		}
		if !slices.Equal(ids(back), ids(all)) {
			t.Errorf("%+v: backward pages differ from the whole list", q)
		}
		if page, _ := s.After(ctx, q, nil, 5); len(page) > 0 && page[0].Content != "" {
			t.Error("list pages carry content")
		}
		n, err := s.Count(ctx, q)
		if err != nil || n != len(all) {
			t.Errorf("%+v: Count = %d, %v; want %d", q, n, err, len(all))
		}
		for _, i := range []int{0, 1, len(all) / 2, len(all) - 1} {
			p, err := s.Position(ctx, q, KeyOf(all[i]))
			if err != nil || p != i {
				t.Errorf("%+v: Position of item %d = %d, %v", q, i, p, err)
			}
		}
	}
}

// The counters behind Counts follow inserts, read marks, mark-all and
// deletions, so they always equal a real count.
func TestCountersFollowChanges(t *testing.T) {
	s := newStore(t)
	manyItems(t, s, 30)
	check := func(when string) {
		t.Helper()
		var realUnread, realTotal int
		s.r.QueryRow(`SELECT SUM(read = 0), COUNT(*) FROM items`).Scan(&realUnread, &realTotal)
		u, n, err := s.Counts(ctx, nil)
		if err != nil || u != realUnread || n != realTotal {
			t.Errorf("%s: counters say %d unread of %d, the items %d of %d", when, u, n, realUnread, realTotal)
		}
	}
	check("after saving")
	items := mustItems(t, s, Query{})
	s.SetRead(ctx, items[0].ID, true)
	s.SetRead(ctx, items[0].ID, true) // no change
	s.SetRead(ctx, items[1].ID, true)
	check("after marking two read")
	s.SetRead(ctx, items[1].ID, false)
	check("after marking one unread again")
	s.MarkAllRead(ctx, []string{"a"})
	check("after marking a feed read")
	mustSave(t, s, feed.Feed{URL: "b", Title: "B", Items: []feed.Item{{GUID: "new", Title: "new", Published: base}}})
	check("after a new item")
	if _, err := s.w.Exec(`DELETE FROM items WHERE feed_id = (SELECT id FROM feeds WHERE url = 'b') AND guid != 'new'`); err != nil {
		t.Fatal(err)
	}
	check("after deleting items")
}

func TestSearchUsesTheTrigramIndex(t *testing.T) {
	s := newStore(t)
	mustSave(t, s, feed.Feed{URL: "ar", Items: []feed.Item{
		{GUID: "1", Title: "وزير الرِّياضة يكرم الأبطال", Published: at(3)},
		{GUID: "2", Title: "الزمالك يعلن", Published: at(2)},
	}})
	where, args := Query{Search: "الرياضة"}.conditions()
	if !strings.Contains(where, "items_fts MATCH") {
		t.Errorf("a long query does not use the index: %s", where)
	}
	var n int
	if err := s.r.QueryRow("SELECT COUNT(*) FROM items i"+where, args...).Scan(&n); err != nil || n != 1 {
		t.Errorf("trigram search: %d, %v", n, err)
	}
	// An edited title is found by its new words only.
	mustSave(t, s, feed.Feed{URL: "ar", Items: []feed.Item{{GUID: "2", Title: "الأهلي يفوز", Published: at(2)}}})
	if got := mustItems(t, s, Query{Search: "الزمالك"}); len(got) != 0 {
		t.Errorf("the old title is still found: %v", got)
	}
	if got := mustItems(t, s, Query{Search: "الاهلي"}); len(got) != 1 {
		t.Errorf("the new title is not found: %v", got)
	}
}

func TestPageQueriesUseIndexes(t *testing.T) {
	s := newStore(t)
	manyItems(t, s, 10)
	k := Key{base, 5}
	for _, sql := range []string{
		"SELECT " + listColumns + " WHERE (i.published, i.id) < (?, ?) ORDER BY i.published DESC, i.id DESC LIMIT 10",
		"SELECT " + listColumns + " WHERE (i.published, i.id) > (?, ?) ORDER BY i.published ASC, i.id ASC LIMIT 10",
		"SELECT " + listColumns + " WHERE (i.published, i.id) < (?, ?) AND i.read = 0 ORDER BY i.published DESC, i.id DESC LIMIT 10",
	} {
		for _, detail := range queryPlan(t, s, sql, []any{k.Published.Unix(), k.ID}) {
			if strings.HasPrefix(detail, "USE TEMP B-TREE") || detail == "SCAN i" {
				t.Errorf("%s: %s", sql, detail)
			}
		}
	}
}
