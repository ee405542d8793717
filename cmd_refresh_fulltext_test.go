package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"nashra/store"
)

// nashra refresh passes each subscription's strip and fulltext settings to
// the engine.
func TestRefreshCommandFullTextAndStrip(t *testing.T) {
	page, err := os.ReadFile("feed/testdata/fulltext/arabic-article.html")
	if err != nil {
		t.Fatal(err)
	}
	var pages atomic.Int64
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/full", "/plain":
			fmt.Fprintf(w, `<rss version="2.0"><channel><title>t</title><item><guid>%[1]s</guid><title>x</title><link>%[2]s/page%[1]s</link>`+
				`<description>&lt;p&gt;ملخص&lt;/p&gt;&lt;p&gt;انقر هنا لقراءة الخبر من مصدره.&lt;/p&gt;</description></item></channel></rss>`, r.URL.Path, srv.URL)
		default:
			pages.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		}
	}))
	defer srv.Close()
	cfg := writeConfig(t, fmt.Sprintf("[[feed]]\nurl = %q\nfulltext = true\nstrip = [\"انقر هنا لقراءة الخبر\"]\n\n[[feed]]\nurl = %q\n", srv.URL+"/full", srv.URL+"/plain"))
	db := filepath.Join(t.TempDir(), "nashra.db")
	if code, out, errOut := runCLI(t, "refresh", "--db", db, "--config", cfg); code != 0 || out != "2 feeds, 2 ok\n" || errOut != "" {
		t.Fatalf("refresh: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if n := pages.Load(); n != 1 {
		t.Errorf("%d pages fetched, want the fulltext feed's one", n)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	items, err := st.Items(context.Background(), store.Query{})
	if err != nil || len(items) != 2 {
		t.Fatalf("items: %d, %v", len(items), err)
	}
	for _, it := range items {
		full := it.GUID == "/full"
		if stripped := !strings.Contains(it.Content, "انقر هنا"); stripped != full {
			t.Errorf("%s: content %q, stripped = %v", it.GUID, it.Content, stripped)
		}
		if fetched := strings.Contains(it.FullText, "وزارة الداخلية"); fetched != full {
			t.Errorf("%s: full text fetched = %v", it.GUID, fetched)
		}
	}
}

// A note (here: an article page that is gone) is printed by a plain
// refresh, but not by a quiet one that has nothing failed to report.
func TestRefreshQuietHoldsBackNotes(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed" {
			http.NotFound(w, r)
			return
		}
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>x</title><link>%s/gone</link></item></channel></rss>`, srv.URL)
	}))
	defer srv.Close()
	cfg := writeConfig(t, fmt.Sprintf("[[feed]]\nurl = %q\nfulltext = true\n", srv.URL+"/feed"))
	db := filepath.Join(t.TempDir(), "nashra.db")
	code, out, errOut := runCLI(t, "refresh", "-q", "--db", db, "--config", cfg)
	if code != 0 || out != "" || errOut != "" {
		t.Errorf("quiet refresh with a note: exit %d, stdout %q, stderr %q; want 0 and nothing", code, out, errOut)
	}
	// The item is stored now; a plain refresh of a new one shows the note.
	cfg2 := writeConfig(t, fmt.Sprintf("[[feed]]\nurl = %q\nfulltext = true\n", srv.URL+"/feed"))
	code, out, errOut = runCLI(t, "refresh", "--db", filepath.Join(t.TempDir(), "other.db"), "--config", cfg2)
	if code != 0 || out != "1 feed, 1 ok\n" || !strings.Contains(errOut, "404") {
		t.Errorf("plain refresh with a note: exit %d, stdout %q, stderr %q; want the note on stderr", code, out, errOut)
	}
}
