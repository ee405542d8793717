package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nashra/feed"
	"nashra/render"
	"nashra/store"
)

// benchDB returns a database holding n synthetic items (mixed Arabic and
// English titles), built once and kept in the temporary directory: a
// million items take a while to store.
func benchDB(b *testing.B, n int) (path string, sources []string) {
	b.Helper()
	const perFeed = 10000
	feeds := max(n/perFeed, 1)
	for i := range feeds {
		sources = append(sources, fmt.Sprintf("bench:%d", i))
	}
	dir := filepath.Join(os.TempDir(), "nashra-bench")
	path = filepath.Join(dir, fmt.Sprintf("items-%d.db", n))
	if _, err := os.Stat(path); err == nil {
		return path, sources
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp := path + ".tmp"
	os.Remove(tmp)
	st, err := store.Open(tmp)
	if err != nil {
		b.Fatal(err)
	}
	ar := []string{"وزير الرياضة يكرم أبطال المنتخبات القومية الحاصلين على ميداليات عالمية",
		"أحمد كشك مفاجأة مسلسل «أب ولكن » في رمضان 2026", "الزمالك يعلن تعيين أيمن حفني مديرًا فنيا للأكاديمية"}
	en := []string{"Markets close higher as tech shares rally", "New study links sleep and memory in older adults",
		"City council approves the 2027 budget after a long debate"}
	t0 := time.Date(2026, 2, 2, 12, 0, 0, 0, time.UTC)
	k := 0
	for f := range feeds {
		fd := feed.Feed{URL: sources[f], Title: fmt.Sprintf("Feed %d", f), Language: "ar"}
		for i := 0; i < perFeed && k < n; i++ {
			title := en[k%3]
			if k%2 == 0 {
				title = ar[k%3]
			}
			fd.Items = append(fd.Items, feed.Item{
				GUID:      fmt.Sprint(k),
				Title:     fmt.Sprintf("%s %d", title, k),
				Published: t0.Add(-time.Duration(k) * time.Minute),
			})
			k++
		}
		if _, err := st.SaveFeed(b.Context(), fd); err != nil {
			b.Fatal(err)
		}
	}
	st.Close()
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path, sources
}

// benchModel is the reader over st as nashra starts it, ordering and
// shaping text itself.
func benchModel(b *testing.B, st *store.Store, sources []string) Model {
	b.Helper()
	m, err := New(Config{
		Store: st, Sources: sources,
		Typesetter: render.New(render.Options{Bidi: render.BidiApp, Shape: true}),
		Now:        func() time.Time { return clock },
	})
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkKeyPress is one key press as the reader feels it: Update for
// "j" (moving down, reading pages as needed) and View, at the list's width.
// It must stay flat from a thousand to a million stored items.
func BenchmarkKeyPress(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000, 1000000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			path, sources := benchDB(b, n)
			st, err := store.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			var model tea.Model = benchModel(b, st, sources)
			model, _ = model.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
			down := tea.KeyPressMsg{Code: 'j', Text: "j"}
			top := tea.KeyPressMsg{Code: 'g', Text: "g"}
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				key := down
				if i%5000 == 4999 {
					key = top // stay within the first 5000 rows, whatever b.N
				}
				model, _ = model.Update(key)
				_ = model.View()
			}
		})
	}
}

// BenchmarkStartToFirstFrame is nashra's own share of start-up: opening
// the store (schema check), building the model (first page and counts)
// and laying out the first screen, as main does before bubbletea draws it.
// Process start and package initialisation come before it and are not
// included (see BENCHMARKS.md).
func BenchmarkStartToFirstFrame(b *testing.B) {
	for _, n := range []int{10000, 1000000} {
		b.Run(fmt.Sprintf("items=%d", n), func(b *testing.B) {
			path, sources := benchDB(b, n)
			for b.Loop() {
				st, err := store.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				next, _ := benchModel(b, st, sources).Update(tea.WindowSizeMsg{Width: 100, Height: 30})
				if next.View().Content == "" {
					b.Fatal("no first frame")
				}
				st.Close()
			}
		})
	}
}
