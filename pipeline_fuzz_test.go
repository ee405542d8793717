package main

// FuzzFeedPipeline follows any document the way nashra follows a feed:
// parsed, cleaned, stored, read back, laid out as list rows and rendered as
// an article. Whatever the bytes, nothing may panic, every stored field
// must be clean, and what reaches the terminal must hold nothing but
// nashra's own styling. (What the text says is not checked: a mutation
// can turn a sequence's payload into plain text, which is then rightly
// shown.) Run it with
//
//	go test -run='^$' -fuzz=FuzzFeedPipeline -fuzztime=30s .
//
// Without -fuzz, go test runs it on the seeds: the hostile corpus and
// whatever is saved in testdata/fuzz/FuzzFeedPipeline.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"nashra/feed"
	"nashra/render"
	"nashra/store"
)

func FuzzFeedPipeline(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "hostile", "*"))
	for _, name := range files {
		if filepath.Ext(name) == ".go" {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "")
	}
	f.Add([]byte(`<rss version="2.0"><channel><title>t</title><item><title>a`+"\x1b]0;x\x07"+`</title></item></channel></rss>`), "text/xml; charset=windows-1256")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"\u001b[2J","items":[{"id":"1","title":"\u009b31m","content_html":"<p>&#27;]52;c;x&#7;</p>"}]}`), "application/feed+json")
	f.Add([]byte("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>\u202e</title><entry><title>\u2067</title><content type=\"html\">&lt;div&gt;&lt;div&gt;x</content></entry></feed>"), "")

	st, err := store.Open(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { st.Close() })
	var n atomic.Int64
	ctx := context.Background()
	app := render.New(render.Options{Bidi: render.BidiApp, Shape: true})
	term := render.New(render.Options{Bidi: render.BidiTerminal})

	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		url := fmt.Sprintf("https://fuzz.example/%d", n.Add(1))
		fd, err := feed.ParseContent(bytes.NewReader(data), url, contentType)
		if err != nil {
			if msg := err.Error(); controlIn(msg, "") >= 0 {
				t.Fatalf("error %+q holds a control", msg)
			}
			return
		}
		if len(fd.Items) > feed.MaxItems {
			t.Fatalf("%d items", len(fd.Items))
		}
		if _, err := st.SaveFeed(ctx, fd); err != nil {
			t.Fatalf("save: %v", err)
		}
		items, err := st.Items(ctx, store.Query{FeedURLs: []string{url}, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			for what, s := range map[string]string{"title": it.Title, "author": it.Author, "link": it.Link, "guid": it.GUID, "feed": it.FeedTitle} {
				if r := controlIn(s, ""); r >= 0 {
					t.Fatalf("stored %s %+q holds %U", what, s, r)
				}
			}
			if r := controlIn(it.Content, "\t\n"); r >= 0 {
				t.Fatalf("stored content %+q holds %U", it.Content, r)
			}
			for _, ts := range []*render.Typesetter{app, term} {
				row := ts.Row(render.Row{Marker: "●", Title: it.Title, Lang: it.Language, Feed: it.FeedTitle, FeedLang: it.FeedLanguage, Age: "1h"}, 80, render.RowStyle{})
				checkTerminalSafe(t, "row", row)
				out, err := ts.Article(render.Article{Title: it.Title, Feed: it.FeedTitle, Author: it.Author, Link: it.Link, HTML: it.Content, Lang: it.Language}, 80)
				if err != nil {
					t.Fatalf("article: %v", err)
				}
				checkTerminalSafe(t, "article", out)
			}
		}
	})
}
