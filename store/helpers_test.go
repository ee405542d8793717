package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"nashra/feed"
)

var ctx = context.Background()

// base is a fixed reference time; tests add hours to it to order items.
var base = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

func at(h int) time.Time { return base.Add(time.Duration(h) * time.Hour) }

func dbPath(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "nashra.db")
}

func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newStore(t *testing.T) *Store {
	t.Helper()
	return openAt(t, dbPath(t))
}

func mustSave(t *testing.T, s *Store, f feed.Feed) SaveResult {
	t.Helper()
	res, err := s.SaveFeed(ctx, f)
	if err != nil {
		t.Fatalf("SaveFeed: %v", err)
	}
	return res
}

func mustItems(t *testing.T, s *Store, q Query) []Item {
	t.Helper()
	items, err := s.Items(ctx, q)
	if err != nil {
		t.Fatalf("Items(%+v): %v", q, err)
	}
	return items
}

func wantCounts(t *testing.T, s *Store, unread, total int) {
	t.Helper()
	u, n, err := s.Counts(ctx, nil)
	if err != nil {
		t.Fatalf("Counts: %v", err)
	}
	if u != unread || n != total {
		t.Fatalf("Counts = %d unread / %d total, want %d / %d", u, n, unread, total)
	}
}

// byKey indexes items by their feed key.
func byKey(items []Item) map[string]Item {
	m := make(map[string]Item, len(items))
	for _, it := range items {
		m[it.Key] = it
	}
	return m
}

func titles(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Title)
	}
	return out
}

// queryPlan is SQLite's plan for sql: the detail column of EXPLAIN QUERY
// PLAN, a line per step.
func queryPlan(t *testing.T, s *Store, sql string, args []any) []string {
	t.Helper()
	rows, err := s.r.Query("EXPLAIN QUERY PLAN "+sql, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, notused int
		var detail string
		if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	return plan
}
