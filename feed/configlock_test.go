//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package feed

import (
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

// TestConcurrentEditsAreAllKept: editors that read, change and write the
// configuration at the same moment (separate nashra processes, here
// goroutines with their own lock descriptors) must not lose each other's
// changes.
func TestConcurrentEditsAreAllKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	if _, err := AddSubscriptions(path, []Subscription{{URL: "https://first.example/rss"}}); err != nil {
		t.Fatal(err)
	}
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Add(2)
		go func() {
			defer wg.Done()
			_, err := AddSubscriptions(path, []Subscription{{URL: fmt.Sprintf("https://%d.example/rss", i)}})
			errs <- err
		}()
		go func() {
			defer wg.Done()
			errs <- RenameSubscription(path, "https://first.example/rss", "https://moved.example/rss")
		}()
	}
	wg.Wait()
	close(errs)
	renamed := 0
	for err := range errs {
		switch {
		case err == nil:
		case errorsIsNotSubscribed(err):
			renamed++ // a later rename found the feed moved already
		default:
			t.Error(err)
		}
	}
	c := mustLoad(t, path)
	if len(c.Feeds) != n+1 {
		t.Errorf("%d subscriptions after %d concurrent adds and a rename; want %d", len(c.Feeds), n, n+1)
	}
	if _, err := FindSubscription(c, "https://moved.example/rss"); err != nil {
		t.Errorf("the rename was lost: %v", err)
	}
	if renamed != n-1 {
		t.Errorf("%d renames found nothing to rename; want %d", renamed, n-1)
	}
}

func errorsIsNotSubscribed(err error) bool { return errors.Is(err, ErrNotSubscribed) }
