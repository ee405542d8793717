package ui

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nashra/refresh"
	"nashra/store"
)

// countingRefresher records which sources it was asked to fetch.
type countingRefresher struct {
	mu      sync.Mutex
	fetched []string
	called  chan struct{}
}

func (r *countingRefresher) One(_ context.Context, source string) refresh.Result {
	r.mu.Lock()
	r.fetched = append(r.fetched, source)
	r.mu.Unlock()
	r.called <- struct{}{}
	return refresh.Result{}
}

func (r *countingRefresher) FullText(context.Context, int64) (string, error) { return "", nil }

// runAll runs cmd as bubbletea does, each command of a batch on its own.
func runAll(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if batch, ok := cmd().(tea.BatchMsg); ok {
			for _, c := range batch {
				runAll(c)
			}
		}
	}()
}

// TestFetchingWaitsForTheFirstFrame checks that with Config.FirstFrame the
// start-up refresh begins only once the first frame is out.
func TestFetchingWaitsForTheFirstFrame(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ref := &countingRefresher{called: make(chan struct{}, 8)}
	firstFrame := make(chan struct{})
	sources := []string{"http://127.0.0.1:1/a.xml", "http://127.0.0.1:1/b.xml"}
	m, err := New(Config{Store: st, Refresher: ref, Sources: sources, FirstFrame: firstFrame})
	if err != nil {
		t.Fatal(err)
	}
	runAll(m.Init())
	select {
	case <-ref.called:
		t.Fatal("a feed was fetched before the first frame")
	case <-time.After(200 * time.Millisecond):
	}
	close(firstFrame)
	for range sources {
		select {
		case <-ref.called:
		case <-time.After(5 * time.Second):
			t.Fatalf("after the first frame only %v were fetched", ref.fetched)
		}
	}
}
