package refresh

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nashra/feed"
)

// The benchmark set: one feed of 20,000 items and 50 feeds of 59 items
// (23,950 items), each feed on a host of its own, all served from loopback.
// The items are the demo's Arabic news, with GUIDs and links made distinct.
const (
	benchSmallFeeds = 50
	benchBigItems   = 20000
)

// benchFeeds returns the documents by host name: big.test and s0.test …
// s49.test.
func benchFeeds(tb testing.TB) map[string][]byte {
	tb.Helper()
	demo, err := os.ReadFile(filepath.Join("..", "feed", "demo", "arabic.xml"))
	if err != nil {
		tb.Fatal(err)
	}
	text := string(demo)
	first := strings.Index(text, "<item>")
	last := strings.LastIndex(text, "</item>") + len("</item>")
	head, tail := text[:first], text[last:]
	var its []string
	for _, part := range strings.Split(text[first:last], "<item>")[1:] {
		its = append(its, "<item>"+strings.TrimSpace(part))
	}

	docs := map[string][]byte{}
	for n := range benchSmallFeeds {
		host := fmt.Sprintf("s%d.test", n)
		r := strings.NewReplacer("demo-ar-", host+"-", "https://demo.nashra.invalid/", "https://"+host+"/")
		docs[host] = []byte(r.Replace(text))
	}
	var b bytes.Buffer
	b.WriteString(strings.Replace(head, "<title>", "<title>20k · ", 1))
	start := time.Date(2026, 2, 2, 12, 0, 0, 0, time.UTC)
	for i := range benchBigItems {
		it := its[i%len(its)]
		r := strings.NewReplacer(
			"demo-ar-", fmt.Sprintf("big-%05d-", i),
			"https://demo.nashra.invalid/", fmt.Sprintf("https://big.test/%05d/", i))
		it = r.Replace(it)
		// Dates a minute apart, newest first.
		if a, z := strings.Index(it, "<pubDate>"), strings.Index(it, "</pubDate>"); a >= 0 && z > a {
			it = it[:a+len("<pubDate>")] + start.Add(-time.Duration(i)*time.Minute).Format(time.RFC1123Z) + it[z:]
		}
		b.WriteString(it)
		b.WriteString("\n")
	}
	b.WriteString(tail)
	docs["big.test"] = b.Bytes()
	return docs
}

func benchURLs(docs map[string][]byte) []string {
	urls := []string{"http://big.test/feed.xml"}
	for n := range benchSmallFeeds {
		urls = append(urls, fmt.Sprintf("http://s%d.test/feed.xml", n))
	}
	return urls
}

// benchServer serves docs by Host with a strong ETag; validators decides
// whether it answers If-None-Match with 304 or ignores it.
func benchServer(tb testing.TB, docs map[string][]byte, validators bool) string {
	etags := map[string]string{}
	for h, d := range docs {
		sum := sha256.Sum256(d)
		etags[h] = `"` + hex.EncodeToString(sum[:8]) + `"`
	}
	srv := server(tb, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		doc, ok := docs[r.Host]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if validators {
			w.Header().Set("ETag", etags[r.Host])
			if r.Header.Get("If-None-Match") == etags[r.Host] {
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(doc)
	}))
	return srv.Listener.Addr().String()
}

func benchEngine(tb testing.TB, addr string) *Engine {
	return &Engine{
		Store:   openStore(tb),
		Fetcher: &feed.Fetcher{Client: loopbackClient(addr)},
	}
}

func checkSummary(b *testing.B, sum Summary, ok, notModified, newItems int) {
	b.Helper()
	if sum.Feeds != benchSmallFeeds+1 || sum.OK != ok || sum.NotModified != notModified || sum.New != newItems || sum.Failed != 0 {
		b.Fatalf("summary %s, %d new; want %d ok, %d not modified, %d new", sum, sum.New, ok, notModified, newItems)
	}
}

const benchItems = benchBigItems + benchSmallFeeds*59

// BenchmarkRefreshCold refreshes the set into an empty database.
// The benchmark's set has a 20,000-item feed, above the default cap of
// items kept per fetch.
func init() { feed.MaxItems = 20_000 }

func BenchmarkRefreshCold(b *testing.B) {
	docs := benchFeeds(b)
	addr := benchServer(b, docs, true)
	urls := benchURLs(docs)
	for b.Loop() {
		b.StopTimer()
		e := benchEngine(b, addr)
		b.StartTimer()
		checkSummary(b, e.All(ctx, urls, nil), len(urls), 0, benchItems)
	}
}

// BenchmarkRefreshWarm304 refreshes the set again: every server answers
// the stored ETag with 304.
func BenchmarkRefreshWarm304(b *testing.B) {
	docs := benchFeeds(b)
	addr := benchServer(b, docs, true)
	urls := benchURLs(docs)
	e := benchEngine(b, addr)
	checkSummary(b, e.All(ctx, urls, nil), len(urls), 0, benchItems)
	for b.Loop() {
		checkSummary(b, e.All(ctx, urls, nil), 0, len(urls), 0)
	}
}

// BenchmarkRefreshWarm200 refreshes the set again from servers that ignore
// validators: every feed is downloaded, parsed and compared item by item,
// and nothing is written.
func BenchmarkRefreshWarm200(b *testing.B) {
	docs := benchFeeds(b)
	addr := benchServer(b, docs, false)
	urls := benchURLs(docs)
	e := benchEngine(b, addr)
	checkSummary(b, e.All(ctx, urls, nil), len(urls), 0, benchItems)
	for b.Loop() {
		checkSummary(b, e.All(ctx, urls, nil), len(urls), 0, 0)
	}
}

// TestWriteBenchFeeds writes the benchmark set to $NASHRA_BENCH_FEEDS (one
// file per host, host.xml), for timing the whole `nashra refresh` process
// against a static file server; see BENCHMARKS.md.
func TestWriteBenchFeeds(t *testing.T) {
	dir := os.Getenv("NASHRA_BENCH_FEEDS")
	if dir == "" {
		t.Skip("set NASHRA_BENCH_FEEDS=DIR to write the benchmark feeds")
	}
	for host, doc := range benchFeeds(t) {
		if err := os.WriteFile(filepath.Join(dir, host+".xml"), doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
