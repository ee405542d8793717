package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const atomDoc = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="he">
<title>חדשות</title><id>urn:x</id><updated>2026-02-02T10:00:00Z</updated>
<entry><id>urn:e1</id><title>כותרת ראשונה</title><updated>2026-02-02T10:00:00Z</updated>
<author><name>דנה</name></author><content type="html">&lt;p&gt;גוף&lt;/p&gt;</content><link href="https://example.invalid/1"/></entry>
</feed>`

const jsonDoc = `{"version":"https://jsonfeed.org/version/1.1","title":"JSON News","language":"fa",
"items":[{"id":"j1","title":"خبر","content_html":"<p>متن</p>","date_published":"2026-02-02T09:00:00Z","url":"https://example.invalid/j1"}]}`

const rssNoIDs = `<rss version="2.0"><channel><title>T</title>
<item><title>No guid, no link</title><pubDate>Mon, 02 Feb 2026 08:00:00 +0000</pubDate><description>only text</description></item>
<item><link>https://example.invalid/x</link></item>
</channel></rss>`

func TestParseFormats(t *testing.T) {
	for _, tc := range []struct {
		name, doc, title, lang, itemTitle, author, content string
	}{
		{"atom", atomDoc, "חדשות", "he", "כותרת ראשונה", "דנה", "<p>גוף</p>"},
		{"json", jsonDoc, "JSON News", "fa", "خبر", "", "<p>متن</p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := Parse(strings.NewReader(tc.doc), "src")
			if err != nil {
				t.Fatal(err)
			}
			if f.Title != tc.title || f.Language != tc.lang {
				t.Errorf("feed %q/%q, want %q/%q", f.Title, f.Language, tc.title, tc.lang)
			}
			if len(f.Items) != 1 {
				t.Fatalf("%d items", len(f.Items))
			}
			it := f.Items[0]
			if it.Title != tc.itemTitle || it.Author != tc.author || it.Content != tc.content || it.Published.IsZero() {
				t.Errorf("item %+v", it)
			}
		})
	}
}

func TestItemKeys(t *testing.T) {
	f, err := Parse(strings.NewReader(rssNoIDs), "src")
	if err != nil {
		t.Fatal(err)
	}
	if k := f.Items[0].Key(); !strings.HasPrefix(k, "hash:") {
		t.Errorf("item without guid or link: key %q, want a hash", k)
	}
	if k := f.Items[1].Key(); k != "link:https://example.invalid/x" {
		t.Errorf("item with only a link: key %q", k)
	}
	if f.Items[1].Title != "https://example.invalid/x" {
		t.Errorf("untitled item shows %q, want its link", f.Items[1].Title)
	}
	again, _ := Parse(strings.NewReader(rssNoIDs), "src")
	if again.Items[0].Key() != f.Items[0].Key() {
		t.Error("hash key is not stable across parses")
	}
	if (Item{GUID: "g", Link: "l"}).Key() != "guid:g" {
		t.Error("GUID must win over link")
	}
}

func TestParseRejectsNonFeeds(t *testing.T) {
	_, err := Parse(strings.NewReader("<!doctype html><html><body>hi</body></html>"), "src")
	if !errors.Is(err, ErrNotAFeed) {
		t.Errorf("HTML page: err = %v, want ErrNotAFeed", err)
	}
	_, err = Parse(strings.NewReader(`<rss version="2.0"><channel><title>x`), "src")
	if err == nil || !strings.Contains(err.Error(), "malformed") {
		t.Errorf("truncated RSS: err = %v", err)
	}
}

func TestFetchHTTP(t *testing.T) {
	var gotUA string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/atom":
			gotUA = r.Header.Get("User-Agent")
			fmt.Fprint(w, atomDoc)
		case "/404":
			http.NotFound(w, r)
		case "/empty":
		case "/huge":
			fmt.Fprint(w, strings.Repeat("x", 2048))
		case "/slow":
			<-r.Context().Done()
		}
	}))
	defer srv.Close()
	f := &Fetcher{MaxBytes: 1024}

	got, err := f.Fetch(context.Background(), srv.URL+"/atom")
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != srv.URL+"/atom" || len(got.Items) != 1 {
		t.Errorf("fetched %+v", got)
	}
	if gotUA != "nashra/"+Version {
		t.Errorf("User-Agent %q", gotUA)
	}

	for path, want := range map[string]string{
		"/404":   "HTTP 404",
		"/empty": "empty document",
		"/huge":  "larger than",
	} {
		_, err := f.Fetch(context.Background(), srv.URL+path)
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), srv.URL) {
			t.Errorf("%s: err = %v, want it to name the URL and say %q", path, err, want)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := f.Fetch(ctx, srv.URL+"/slow"); err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("slow server: err = %v", err)
	}
}

func TestFetchFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "feed.json")
	if err := os.WriteFile(path, []byte(jsonDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := (&Fetcher{}).Fetch(context.Background(), path)
	if err != nil || got.Title != "JSON News" {
		t.Fatalf("got %+v, %v", got, err)
	}
	_, err = (&Fetcher{}).Fetch(context.Background(), filepath.Join(dir, "missing.xml"))
	if err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	c, err := LoadConfig(write(`feeds = ["https://a.invalid/feed", "  ", "https://b.invalid/atom"]`))
	if err != nil || len(c.Feeds) != 2 || c.Feeds[1].URL != "https://b.invalid/atom" {
		t.Errorf("got %+v, %v", c, err)
	}
	c, err = LoadConfig(write(`refresh = "15m"
concurrency = 4

[[feed]]
url = "https://a.invalid/feed"
title = "A"
tags = ["news", "ar"]
direction = "RTL"

[[feed]]
url = "https://b.invalid/atom"
`))
	if err != nil || len(c.Feeds) != 2 || c.Feeds[0].Title != "A" || c.Feeds[0].Direction != "rtl" ||
		len(c.Feeds[0].Tags) != 2 || c.Refresh.Duration != 15*time.Minute || c.Concurrency != 4 || c.Retention != DefaultRetention {
		t.Errorf("[[feed]] form: got %+v, %v", c, err)
	}
	if _, err := LoadConfig(write("[[feed]]\nurl = \"x\"\ndirection = \"up\"\n")); err == nil {
		t.Error("direction = up accepted")
	}
	if _, err := LoadConfig(write(`refresh = "soon"`)); err == nil {
		t.Error("refresh = soon accepted")
	}
	if _, err := LoadConfig(filepath.Join(dir, "none.toml")); !errors.Is(err, ErrNoConfig) {
		t.Errorf("missing file: err = %v", err)
	}
	if _, err := LoadConfig(write(`feeds = [`)); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("broken TOML: err = %v", err)
	}
	if _, err := LoadConfig(write(`feedz = []`)); err == nil || !strings.Contains(err.Error(), "unknown setting feedz") {
		t.Errorf("typo: err = %v", err)
	}
}
