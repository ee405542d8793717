package store

import (
	"fmt"
	"sync"
	"testing"

	"nashra/feed"
)

func bigFeed(url string, n, rev int) feed.Feed {
	f := feed.Feed{URL: url, Title: url}
	for i := range n {
		f.Items = append(f.Items, feed.Item{
			GUID:      fmt.Sprint(i),
			Title:     fmt.Sprintf("item %d rev %d", i, rev),
			Content:   fmt.Sprintf("<p>body %d</p>", rev),
			Published: at(i),
		})
	}
	return f
}

// Two Stores on one file (as two nashra processes would be) and several
// goroutines each: SetRead toggles race SaveFeed transactions and readers.
// None of it may fail with "database is locked".
func TestConcurrentWritersDoNotLock(t *testing.T) {
	path := dbPath(t)
	s1 := openAt(t, path)
	s2 := openAt(t, path)
	// Each transaction must end within the other's busy timeout; under
	// the race detector the same saves take several times as long.
	items := 200
	if raceEnabled {
		items = 40
	}
	mustSave(t, s1, bigFeed("one", items, 0))
	ids := mustItems(t, s1, Query{Limit: 50})

	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for g := range 4 {
		s := []*Store{s1, s2}[g%2]
		wg.Go(func() {
			for i := range 100 {
				id := ids[(g*7+i)%len(ids)].ID
				if err := s.SetRead(ctx, id, i%2 == 0); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for g, s := range []*Store{s1, s2} {
		wg.Go(func() {
			for rev := range 10 {
				if _, err := s.SaveFeed(ctx, bigFeed(fmt.Sprint("feed", g), items, rev)); err != nil {
					errs <- err
					return
				}
				if _, err := s.SaveFeed(ctx, bigFeed("one", items, rev+1)); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Go(func() {
		for range 50 {
			if _, _, err := s2.Counts(ctx, nil); err != nil {
				errs <- err
				return
			}
			if _, err := s1.Items(ctx, Query{UnreadOnly: true, Limit: 20}); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	wantCounts(t, s1, mustUnread(t, s2), 3*items) // three feeds
}

func mustUnread(t *testing.T, s *Store) int {
	t.Helper()
	u, _, err := s.Counts(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// Several processes starting at once on a fresh file: exactly one applies
// each migration step, and none fails on the lock or on "table exists".
func TestConcurrentOpenOfFreshDatabase(t *testing.T) {
	for range 5 {
		path := dbPath(t)
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() {
				s, err := Open(path)
				if err != nil {
					errs <- err
					return
				}
				if _, err := s.SaveFeed(ctx, bigFeed("same", 20, 0)); err != nil {
					errs <- err
				}
				s.Close()
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
	}
}
