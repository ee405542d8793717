package store

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"nashra/feed"
)

// marked stores a feed and marks some of its items read and starred,
// returning the ids of the marked items.
func marked(t *testing.T, s *Store) (read, starred []int64) {
	t.Helper()
	mustSave(t, s, bigFeed("https://marks.example/feed", 40, 0))
	items := mustItems(t, s, Query{})
	for i, it := range items {
		if i%3 == 0 {
			if err := s.SetRead(ctx, it.ID, true); err != nil {
				t.Fatal(err)
			}
			read = append(read, it.ID)
		}
		if i%5 == 0 {
			if err := s.SetStarred(ctx, it.ID, true); err != nil {
				t.Fatal(err)
			}
			starred = append(starred, it.ID)
		}
	}
	return read, starred
}

// checkMarks fails unless exactly the given items are read and starred,
// and the database passes its integrity check.
func checkMarks(t *testing.T, s *Store, read, starred []int64) {
	t.Helper()
	if err := s.Check(ctx); err != nil {
		t.Errorf("integrity: %v", err)
	}
	isRead, isStarred := map[int64]bool{}, map[int64]bool{}
	for _, id := range read {
		isRead[id] = true
	}
	for _, id := range starred {
		isStarred[id] = true
	}
	items := mustItems(t, s, Query{})
	if len(items) == 0 {
		t.Fatal("no items left")
	}
	for _, it := range items {
		if it.Read != isRead[it.ID] || it.Starred != isStarred[it.ID] {
			t.Errorf("item %d: read %v starred %v, want %v %v", it.ID, it.Read, it.Starred, isRead[it.ID], isStarred[it.ID])
		}
	}
}

// withDSN opens path with extra DSN parameters.
func withDSN(t *testing.T, path string, params ...string) (*Store, error) {
	t.Helper()
	saved := testDSN
	testDSN = params
	defer func() { testDSN = saved }()
	s, err := Open(path)
	if err == nil {
		t.Cleanup(func() { s.Close() })
	}
	return s, err
}

// A read-only database opens and shows what it holds; writes fail with a
// message that says why, and lose nothing.
func TestReadOnlyDatabase(t *testing.T) {
	path := dbPath(t)
	s := openAt(t, path)
	read, starred := marked(t, s)
	s.Close()

	ro, err := withDSN(t, path, "mode=ro")
	if err != nil {
		t.Fatalf("a read-only database does not open: %v", err)
	}
	checkMarks(t, ro, read, starred)
	items := mustItems(t, ro, Query{})
	for name, err := range map[string]error{
		"SetRead":      ro.SetRead(ctx, items[1].ID, true),
		"SaveFeed":     func() error { _, err := ro.SaveFeed(ctx, bigFeed("https://other.example/", 3, 0)); return err }(),
		"SetFeedError": ro.SetFeedError(ctx, "https://marks.example/feed", "", "x"),
	} {
		err = Explain(err)
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "read-only") {
			t.Errorf("%s on a read-only database: %v", name, err)
		}
	}
	ro.Close()
	checkMarks(t, openAt(t, path), read, starred)
}

// A full disk fails the refresh that fills it, rolled back whole, with a
// message that says so; what was stored before stays, marks included.
func TestDiskFull(t *testing.T) {
	path := dbPath(t)
	s := openAt(t, path)
	read, starred := marked(t, s)
	var pages int
	if err := s.w.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	// The single writer connection keeps this limit: the disk is full a
	// few pages from now.
	if _, err := s.w.ExecContext(ctx, fmt.Sprintf("PRAGMA max_page_count = %d", pages+4)); err != nil {
		t.Fatal(err)
	}
	big := bigFeed("https://big.example/feed", 2000, 1)
	for i := range big.Items {
		big.Items[i].Content = strings.Repeat("<p>a long body</p>", 50)
	}
	_, err := s.SaveRefresh(ctx, Refresh{Feed: big, Keep: 10})
	err = Explain(err)
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "https://big.example/feed") || !strings.Contains(err.Error(), "disk is full") {
		t.Errorf("saving onto a full disk: %v", err)
	}
	if items := mustItems(t, s, Query{FeedURLs: []string{"https://big.example/feed"}}); len(items) != 0 {
		t.Errorf("%d items of the failed save were stored", len(items))
	}
	checkMarks(t, s, read, starred)
	s.Close()
	checkMarks(t, openAt(t, path), read, starred)
}

// A second process that cannot get the write lock in time says the
// database is busy; nothing is lost and nothing is corrupted.
func TestBusyDatabase(t *testing.T) {
	saved := busyTimeoutMS
	busyTimeoutMS = 200
	defer func() { busyTimeoutMS = saved }()
	path := dbPath(t)
	s := openAt(t, path)
	read, starred := marked(t, s)

	// Another process holds the write lock.
	other, err := sql.Open("sqlite", dsn(path, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	if _, err := other.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExecContext(ctx, "UPDATE items SET read = 1"); err != nil {
		t.Fatal(err)
	}

	// Opening still works: it writes nothing to an up-to-date database.
	s2, err := Open(path)
	if err != nil {
		t.Fatalf("Open while another process writes: %v", err)
	}
	defer s2.Close()
	start := time.Now()
	_, err = s2.SaveFeed(ctx, feed.Feed{URL: "https://busy.example/", Items: []feed.Item{{GUID: "1", Title: "t"}}})
	err = Explain(err)
	if !errors.Is(err, ErrBusy) || !IsBusy(err) || !strings.Contains(err.Error(), "busy") {
		t.Errorf("write while another process holds the lock: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("gave up after %v", d)
	}
	// The other process gives up its change: everything is as it was.
	if _, err := other.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	checkMarks(t, s2, read, starred)
	if _, err := s2.SaveFeed(ctx, feed.Feed{URL: "https://busy.example/", Items: []feed.Item{{GUID: "1", Title: "t"}}}); err != nil {
		t.Errorf("write after the lock is released: %v", err)
	}
}

// A file that is not a database, or a damaged one, is refused with a
// message that says so.
func TestDamagedDatabase(t *testing.T) {
	path := dbPath(t)
	if err := writeFile(path, strings.Repeat("this is not a database\n", 400)); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "damaged or is not a nashra database") {
		t.Errorf("Open of a text file: %v", err)
	}
}

func TestExplainKeepsContext(t *testing.T) {
	if Explain(nil) != nil {
		t.Error("Explain(nil) != nil")
	}
	plain := errors.New("store: something else")
	if Explain(plain) != plain {
		t.Error("Explain changed an error that is not SQLite's")
	}
}

func writeFile(path, content string) error {
	return os.WriteFile(path, []byte(content), 0o600)
}
