package feed

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const testRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Test RSS</title>
<item><title>one</title><guid>1</guid></item></channel></rss>`

const testAtom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Test Atom</title><id>urn:x</id><updated>2024-03-01T00:00:00Z</updated>
<entry><title>a</title><id>urn:a</id><updated>2024-03-01T00:00:00Z</updated></entry></feed>`

func TestFeedLinks(t *testing.T) {
	base, _ := url.Parse("https://news.example/section/page.html")
	page := `<!doctype html><html><head>
	<link rel="stylesheet" href="/style.css" type="text/css">
	<link rel="alternate" type="application/json" href="/feed.json">
	<link rel="alternate" type="application/atom+xml" href="atom.xml">
	<link rel="Alternate Feed" type="application/RSS+XML; charset=utf-8" href="//cdn.example/rss">
	<link rel="alternate" type="application/rss+xml" href="/second.rss#top">
	<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
	<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">
	<link rel="alternate" type="text/html" hreflang="ar" href="/ar/">
	<link rel="alternate" type="application/feed+json" href="/feed.json?v=1">
	</head><body><a rel="alternate" type="application/rss+xml" href="/not-a-link-element">x</a></body></html>`
	got := FeedLinks(strings.NewReader(page), base)
	want := []string{
		"https://cdn.example/rss",
		"https://news.example/second.rss",
		"https://news.example/section/atom.xml",
		"https://news.example/feed.json?v=1",
		"https://news.example/feed.json",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FeedLinks:\n got %q\nwant %q", got, want)
	}

	withBase := `<html><head><base href="https://other.example/dir/"><link rel=alternate type=application/atom+xml href=feed></head></html>`
	if got := FeedLinks(strings.NewReader(withBase), base); !reflect.DeepEqual(got, []string{"https://other.example/dir/feed"}) {
		t.Errorf("with <base>: %q", got)
	}
	if got := FeedLinks(strings.NewReader("<html><body>nothing</body></html>"), base); len(got) != 0 {
		t.Errorf("no links: %q", got)
	}
}

func feedServer(t *testing.T, pages map[string]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.Contains(body, "<rss"):
			w.Header().Set("Content-Type", "application/rss+xml")
		case strings.Contains(body, "<feed"):
			w.Header().Set("Content-Type", "application/atom+xml")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Write([]byte(body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestResolve(t *testing.T) {
	srv := feedServer(t, map[string]string{
		"/rss.xml":   testRSS,
		"/feed.atom": testAtom,
		"/":          `<html><head><title>Home</title><link rel="alternate" type="application/atom+xml" href="/feed.atom"></head><body></body></html>`,
		"/bare":      `<html><head><title>No feed</title></head><body>hello</body></html>`,
		"/broken":    `<html><head><link rel="alternate" type="application/rss+xml" href="/missing.xml"></head></html>`,
		"/local":     `<html><head><link rel="alternate" type="application/rss+xml" href="file:///etc/passwd"></head></html>`,
		"/text":      "just some text",
	})
	ctx := context.Background()
	f := &Fetcher{}

	fd, err := f.Resolve(ctx, srv.URL+"/rss.xml")
	if err != nil || fd.URL != srv.URL+"/rss.xml" || fd.Title != "Test RSS" {
		t.Errorf("a feed: %q %q %v", fd.URL, fd.Title, err)
	}
	fd, err = f.Resolve(ctx, srv.URL+"/")
	if err != nil || fd.URL != srv.URL+"/feed.atom" || fd.Title != "Test Atom" || len(fd.Items) != 1 {
		t.Errorf("a page: %q %q %v", fd.URL, fd.Title, err)
	}
	for _, path := range []string{"/bare", "/local", "/text"} {
		if _, err := f.Resolve(ctx, srv.URL+path); !errors.Is(err, ErrNoFeedFound) {
			t.Errorf("%s: err = %v, want ErrNoFeedFound", path, err)
		}
	}
	if _, err := f.Resolve(ctx, srv.URL+"/broken"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("a page whose feed is gone: %v", err)
	}
	if _, err := f.Resolve(ctx, srv.URL+"/nowhere"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("a missing page: %v", err)
	}
}

func TestResolveLocalPage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "feed.xml"), []byte(testRSS), 0o644)
	page := filepath.Join(dir, "index.html")
	os.WriteFile(page, []byte(`<html><head><link rel="alternate" type="application/rss+xml" href="feed.xml"></head></html>`), 0o644)
	fd, err := (&Fetcher{}).Resolve(context.Background(), page)
	if err != nil || fd.URL != filepath.Join(dir, "feed.xml") {
		t.Errorf("local page: %q %v", fd.URL, err)
	}
}
