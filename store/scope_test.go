package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"nashra/feed"
)

// fiveFeeds stores 40 items in each of five feeds, interleaved in time.
func fiveFeeds(t *testing.T, s *Store) []string {
	t.Helper()
	var urls []string
	for f := range 5 {
		url := fmt.Sprintf("https://feeds.example/%d", f)
		urls = append(urls, url)
		fd := feed.Feed{URL: url, Title: url}
		for i := range 40 {
			fd.Items = append(fd.Items, feed.Item{
				GUID:      fmt.Sprint(i),
				Title:     fmt.Sprintf("feed %d item %d", f, i),
				Published: base.Add(-time.Duration(i*5+f) * time.Minute),
			})
		}
		mustSave(t, s, fd)
	}
	return urls
}

// TestScopedPagesSelectTheSameItems checks that list pages over many of
// the feeds (written as "none of the others") and over few (as "one of
// these") hold exactly the items Items gives for the same feeds.
func TestScopedPagesSelectTheSameItems(t *testing.T) {
	s := newStore(t)
	urls := fiveFeeds(t, s)
	s.SetRead(ctx, mustItems(t, s, Query{Limit: 1})[0].ID, true)
	scopes := map[string][]string{
		"all":             urls,
		"four of five":    urls[:4],
		"three and other": append(slices.Clone(urls[2:]), "https://not.stored/feed"),
		"two of five":     {urls[1], urls[3]},
		"one":             urls[2:3],
	}
	for name, scope := range scopes {
		for _, unread := range []bool{false, true} {
			q := Query{FeedURLs: scope, UnreadOnly: unread}
			want := ids(mustItems(t, s, q))
			got, err := s.After(ctx, q, nil, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), want) {
				t.Errorf("%s (unread only %v): After gives %d items, Items %d", name, unread, len(got), len(want))
				continue
			}
			// From the middle, both ways, and the position of the middle.
			mid := len(got) / 2
			k := KeyOf(got[mid])
			older, err := s.After(ctx, q, &k, 1000)
			if err != nil {
				t.Fatal(err)
			}
			newer, err := s.Before(ctx, q, &k, 1000)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(older), want[mid+1:]) || !slices.Equal(ids(newer), want[:mid]) {
				t.Errorf("%s (unread only %v): pages around item %d differ from Items", name, unread, mid)
			}
			if pos, err := s.Position(ctx, q, k); err != nil || pos != mid {
				t.Errorf("%s (unread only %v): Position = %d, %v; want %d", name, unread, pos, err, mid)
			}
			// Counting a search goes through the same condition.
			sq := q
			sq.Search = "item 1"
			if n, err := s.Count(ctx, sq); err != nil || n != len(mustItems(t, s, sq)) {
				t.Errorf("%s (unread only %v): Count of a search = %d, %v; Items has %d", name, unread, n, err, len(mustItems(t, s, sq)))
			}
		}
	}
}

// TestPageOfAllFeedsWalksTheDateIndex checks the reason for the "none of
// the others" form: the first page of all subscriptions is read along the
// date index, not gathered from every feed and sorted.
func TestPageOfAllFeedsWalksTheDateIndex(t *testing.T) {
	s := newStore(t)
	urls := fiveFeeds(t, s)
	for _, q := range []Query{{FeedURLs: urls}, {FeedURLs: urls, UnreadOnly: true}} {
		sql, args := s.afterQuery(ctx, q, nil, 128)
		plan := queryPlan(t, s, sql, args)
		for _, d := range plan {
			if strings.HasPrefix(d, "USE TEMP B-TREE") {
				t.Errorf("unread only %v: plan %q sorts", q.UnreadOnly, plan)
			}
		}
	}
}

// TestCommonSearchesWalkTheDateIndex: once a search has been counted, a
// page of a common one is read along the date index, testing each item's
// folded text, and a page of a rare one through the trigram index; either
// way the pages hold exactly what Items gives.
func TestCommonSearchesWalkTheDateIndex(t *testing.T) {
	s := newStore(t)
	urls := fiveFeeds(t, s)
	s.SetRead(ctx, mustItems(t, s, Query{Limit: 1})[0].ID, true)
	usesTrigrams := func(q Query, limit int) bool {
		t.Helper()
		sql, args := s.afterQuery(ctx, q, nil, limit)
		return strings.Contains(strings.Join(queryPlan(t, s, sql, args), "; "), "items_fts")
	}
	const limit = 5
	for _, tc := range []struct {
		search string
		common bool // m² ≥ 2 × limit × items in scope
	}{
		{"ITEM", true},     // all 200
		{"item 1", true},   // 55 of 200: 3025 ≥ 2 × 5 × 200
		{"feed 2", false},  // 40 of 200 in all feeds: 1600 < 2000
		{"item 37", false}, // 5
	} {
		for _, scope := range [][]string{urls, urls[1:2]} {
			for _, unread := range []bool{false, true} {
				q := Query{Search: tc.search, FeedURLs: scope, UnreadOnly: unread}
				name := fmt.Sprintf("%q in %d feeds, unread only %v", tc.search, len(scope), unread)
				if !usesTrigrams(q, limit) {
					t.Errorf("%s: walks before it was counted", name)
				}
				want := ids(mustItems(t, s, q))
				n, err := s.Count(ctx, q)
				if err != nil || n != len(want) {
					t.Fatalf("%s: Count = %d, %v; Items has %d", name, n, err, len(want))
				}
				unreadN, total, _ := s.Counts(ctx, scope)
				if unread {
					total = unreadN // the items the walk passes
				}
				common := n*n >= 2*limit*total
				if len(scope) == len(urls) && common != tc.common {
					t.Fatalf("%s: %d matches of %d; the case expects common = %v", name, n, total, tc.common)
				}
				if usesTrigrams(q, limit) == common {
					t.Errorf("%s: %d matches of %d items; walks the date index: %v", name, n, total, !usesTrigrams(q, limit))
				}
				first, err := s.After(ctx, q, nil, limit)
				if err != nil || !slices.Equal(ids(first), want[:min(limit, len(want))]) {
					t.Errorf("%s: first page %v, %v; want %v", name, ids(first), err, want[:min(limit, len(want))])
				}
				if len(want) < 3 {
					continue
				}
				mid := len(want) / 2
				all, _ := s.After(ctx, q, nil, len(want))
				k := KeyOf(all[mid])
				older, err1 := s.After(ctx, q, &k, limit)
				newer, err2 := s.Before(ctx, q, &k, limit)
				if err1 != nil || err2 != nil || !slices.Equal(ids(older), want[mid+1:min(mid+1+limit, len(want))]) ||
					!slices.Equal(ids(newer), want[max(mid-limit, 0):mid]) {
					t.Errorf("%s: pages around match %d differ from Items (%v, %v)", name, mid, err1, err2)
				}
			}
		}
	}
}

// TestGreekSearchesAgreeOnEitherPlan: Greek capitals end a word with Σ,
// which folds like the final ς of a typed query; the trigram index and a
// direct match of the folded text must find the same items.
func TestGreekSearchesAgreeOnEitherPlan(t *testing.T) {
	s := newStore(t)
	fd := feed.Feed{URL: "https://greek.example/", Title: "Καθημερινή"}
	for i := range 50 {
		// Capitals and the typed spelling in turn: a walk that told them
		// apart would fill a page with one of them.
		title := fmt.Sprintf("ΝΈΟΣ ΝΌΜΟΣ %d", i)
		if i%2 == 1 {
			title = fmt.Sprintf("νέος νόμος %d", i)
		}
		fd.Items = append(fd.Items, feed.Item{GUID: fmt.Sprint(i), Title: title, Published: at(i)})
	}
	mustSave(t, s, fd)
	q := Query{Search: "νόμος"}
	before, err := s.After(ctx, q, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Count(ctx, q)
	if err != nil || n != 50 {
		t.Fatalf("Count(νόμος) = %d, %v; want 50", n, err)
	}
	after, err := s.After(ctx, q, nil, 10) // now walking the date index
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 10 || !slices.Equal(ids(before), ids(after)) {
		t.Errorf("first page through the index %v, walking %v", ids(before), ids(after))
	}
}

// TestClusteredMatchesReadWhole: a common word whose matches all lie in
// the newest tenth of the list (news comes in bursts) makes the walk give
// up at the oldest end after its budget; the page is then read through the
// index, whole.
func TestClusteredMatchesReadWhole(t *testing.T) {
	s := newStore(t)
	fd := feed.Feed{URL: "https://burst.example/", Title: "Burst"}
	for i := range 4000 {
		title := fmt.Sprintf("quiet day %d", i)
		if i < 400 {
			title = fmt.Sprintf("storm warning %d", i)
		}
		fd.Items = append(fd.Items, feed.Item{GUID: fmt.Sprint(i), Title: title, Published: base.Add(-time.Duration(i) * time.Minute)})
	}
	mustSave(t, s, fd)
	q := Query{Search: "storm"}
	want := ids(mustItems(t, s, q))
	if n, err := s.Count(ctx, q); err != nil || n != 400 || len(want) != 400 {
		t.Fatalf("Count = %d, %v; Items %d; want 400", n, err, len(want))
	}
	if sql, args := s.afterQuery(ctx, q, nil, 5); strings.Contains(strings.Join(queryPlan(t, s, sql, args), " "), "items_fts") {
		t.Fatal("the case is meant to walk: 400² ≥ 2 × 5 × 4000")
	}
	abandoned := s.walksAbandoned.Load()
	oldest, err := s.Before(ctx, q, nil, 5) // End: from the oldest end
	if err != nil || !slices.Equal(ids(oldest), want[395:]) {
		t.Errorf("the oldest matches: %v, %v; want %v", ids(oldest), err, want[395:])
	}
	all, _ := s.After(ctx, q, nil, 400)
	k := KeyOf(all[397])
	tail, err := s.After(ctx, q, &k, 5) // past the last match
	if err != nil || !slices.Equal(ids(tail), want[398:]) {
		t.Errorf("after the 398th match: %v, %v; want %v", ids(tail), err, want[398:])
	}
	if n := s.walksAbandoned.Load() - abandoned; n != 2 {
		t.Errorf("%d walks left to the index, want 2 (End, and past the last match)", n)
	}
	abandoned = s.walksAbandoned.Load()
	first, err := s.After(ctx, q, nil, 5)
	if err != nil || !slices.Equal(ids(first), want[:5]) {
		t.Errorf("first page %v, %v; want %v", ids(first), err, want[:5])
	}
	// Newer than the 3rd match: a short page because the list ends there.
	k = KeyOf(all[2])
	top, err := s.Before(ctx, q, &k, 5)
	if err != nil || !slices.Equal(ids(top), want[:2]) {
		t.Errorf("before the 3rd match: %v, %v; want %v", ids(top), err, want[:2])
	}
	if n := s.walksAbandoned.Load() - abandoned; n != 0 {
		t.Errorf("%d walks left to the index where the list simply ended", n)
	}
}
