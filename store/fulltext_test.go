package store

import (
	"errors"
	"fmt"
	"testing"

	"nashra/feed"
)

func TestSetFullText(t *testing.T) {
	s := newStore(t)
	const summary = "<p>ملخص قصير للخبر.</p>"
	const article = "<p>النص الكامل للمقال عن صفحة وزارة الداخلية الرَّسمية.</p>"
	res := mustSave(t, s, feed.Feed{URL: "f", Title: "F", Items: []feed.Item{
		{GUID: "1", Title: "خبر", Content: summary, Link: "https://example.com/1", Published: at(1)},
		{GUID: "2", Title: "آخر", Content: "<p>other</p>", Published: at(2)},
	}})
	id := byKey(mustItems(t, s, Query{}))["guid:1"].ID

	it, err := s.Item(ctx, id)
	if err != nil || it.FullText != "" {
		t.Fatalf("before: FullText = %q, %v; want none", it.FullText, err)
	}
	if got := mustItems(t, s, Query{Search: "الرسمية"}); len(got) != 0 {
		t.Fatalf("search found %v before the full text was stored", titles(got))
	}

	if err := s.SetFullText(ctx, id, article); err != nil {
		t.Fatal(err)
	}
	it, err = s.Item(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if it.FullText != article || it.Content != summary {
		t.Errorf("after: FullText %q, Content %q; want the article beside the summary", it.FullText, it.Content)
	}
	// Items reads whole items too; list pages leave the HTML out.
	if got := byKey(mustItems(t, s, Query{}))["guid:1"]; got.FullText != article {
		t.Errorf("Items: FullText = %q", got.FullText)
	}
	page, err := s.After(ctx, Query{}, nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range page {
		if p.FullText != "" || p.Content != "" {
			t.Errorf("list page item %q carries HTML", p.Title)
		}
	}
	// Search finds the item by the full text (harakat folded) and still by
	// the summary; three-letter and shorter queries take the other path.
	for _, q := range []string{"الرسمية", "وزارة الداخلية", "ملخص", "نص"} {
		if got := titles(mustItems(t, s, Query{Search: q})); len(got) != 1 || got[0] != "خبر" {
			t.Errorf("search %q = %v, want [خبر]", q, got)
		}
	}

	// Forgetting it takes it out of search again.
	if err := s.SetFullText(ctx, id, ""); err != nil {
		t.Fatal(err)
	}
	if got := mustItems(t, s, Query{Search: "الرسمية"}); len(got) != 0 {
		t.Errorf("search still finds the forgotten full text: %v", titles(got))
	}
	if it, _ := s.Item(ctx, id); it.FullText != "" || it.Content != summary {
		t.Errorf("forgotten: %+v", it)
	}

	if err := s.SetFullText(ctx, res.FeedID+1000, article); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown item: err = %v, want ErrNotFound", err)
	}
}

func TestItemIDs(t *testing.T) {
	s := newStore(t)
	var items []feed.Item
	for i := range 1200 { // more than one batch
		items = append(items, feed.Item{GUID: fmt.Sprint(i), Title: fmt.Sprint(i), Published: at(i)})
	}
	a := mustSave(t, s, feed.Feed{URL: "a", Items: items}).FeedID
	b := mustSave(t, s, feed.Feed{URL: "b", Items: []feed.Item{{GUID: "1", Title: "b1"}}}).FeedID

	keys := []string{"guid:no-such"}
	for _, it := range items {
		keys = append(keys, it.Key())
	}
	ids, err := s.ItemIDs(ctx, a, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(items) {
		t.Fatalf("%d ids, want %d", len(ids), len(items))
	}
	stored := byKey(mustItems(t, s, Query{FeedID: a}))
	for k, id := range ids {
		if stored[k].ID != id {
			t.Fatalf("id of %s = %d, want %d", k, id, stored[k].ID)
		}
	}
	ids, err = s.ItemIDs(ctx, b, []string{"guid:1", "guid:2"})
	if err != nil || len(ids) != 1 || ids["guid:1"] == stored["guid:1"].ID {
		t.Errorf("feed b: %v, %v; want its own guid:1 only", ids, err)
	}
	if ids, err := s.ItemIDs(ctx, a, nil); err != nil || len(ids) != 0 {
		t.Errorf("no keys: %v, %v", ids, err)
	}
}

// TestFullTextStaysSearchableWhenTheFeedEditsTheItem: a feed that changes
// an item's title or summary must not take the stored full text out of
// search.
func TestFullTextStaysSearchableWhenTheFeedEditsTheItem(t *testing.T) {
	s := newStore(t)
	item := feed.Item{GUID: "1", Title: "خبر", Content: "<p>ملخص</p>", Link: "https://example.com/1", Published: at(1)}
	mustSave(t, s, feed.Feed{URL: "f", Title: "F", Items: []feed.Item{item}})
	id := byKey(mustItems(t, s, Query{}))["guid:1"].ID
	if err := s.SetFullText(ctx, id, "<p>النص الكامل عن وزارة الداخلية</p>"); err != nil {
		t.Fatal(err)
	}
	item.Title, item.Content = "خبر معدّل", "<p>ملخص جديد</p>"
	if res := mustSave(t, s, feed.Feed{URL: "f", Title: "F", Items: []feed.Item{item}}); res.Updated != 1 {
		t.Fatalf("the edit was not stored: %+v", res)
	}
	for _, q := range []string{"وزارة الداخلية", "معدل", "جديد"} {
		if got := titles(mustItems(t, s, Query{Search: q})); len(got) != 1 {
			t.Errorf("after the feed's edit, search %q = %v; want the item", q, got)
		}
	}
}
