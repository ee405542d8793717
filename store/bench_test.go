package store

import (
	"os"
	"testing"
)

// BenchmarkSearch is what one search costs the database: counting the
// matches and reading the first page, as the list does when the query
// changes, on the database named by NASHRA_BENCH_DB (a bench/gendb one,
// e.g. of a million items; skipped without it). Typing does not wait for
// it (the UI searches in a Cmd and cancels a search when the next key
// comes), but the results do.
func BenchmarkSearch(b *testing.B) {
	s, urls := benchStore(b)
	for _, query := range []string{
		"ma",      // two letters: a scan of the folded text
		"market",  // a common English word in gendb's titles
		"وزير",    // a common Arabic word
		"qzx",     // no match
		"nairobi", // a word in one title in ten
	} {
		b.Run(query, func(b *testing.B) {
			q := Query{Search: query, FeedURLs: urls}
			var n int
			var err error
			for b.Loop() {
				if n, err = s.Count(b.Context(), q); err != nil {
					b.Fatal(err)
				}
				if _, err := s.After(b.Context(), q, nil, 188); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}

// BenchmarkSearchPage is the pause while scrolling a search's results:
// reading the next page of 1,024 matches (as the list does every 1,024
// rows) from the 1,000th match on, after the search has been counted, on
// the database named by NASHRA_BENCH_DB.
func BenchmarkSearchPage(b *testing.B) {
	s, urls := benchStore(b)
	for _, query := range []string{"ma", "market", "وزير", "nairobi", "qzx"} {
		b.Run(query, func(b *testing.B) {
			q := Query{Search: query, FeedURLs: urls}
			n, err := s.Count(b.Context(), q)
			if err != nil {
				b.Fatal(err)
			}
			first, err := s.After(b.Context(), q, nil, 1000)
			if err != nil {
				b.Fatal(err)
			}
			var from *Key
			if len(first) > 0 {
				k := KeyOf(first[len(first)-1])
				from = &k
			}
			for b.Loop() {
				if _, err := s.After(b.Context(), q, from, 1024); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}

// benchStore opens the database named by NASHRA_BENCH_DB, skipping the
// benchmark without one, and lists its feeds' URLs: the list's query
// names every feed subscribed, as nashra asks.
func benchStore(b *testing.B) (*Store, []string) {
	b.Helper()
	path := os.Getenv("NASHRA_BENCH_DB")
	if path == "" {
		b.Skip("set NASHRA_BENCH_DB to a database made by bench/gendb")
	}
	s, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	feeds, err := s.Feeds(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	var urls []string
	for _, f := range feeds {
		urls = append(urls, f.URL)
	}
	return s, urls
}
