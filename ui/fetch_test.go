package ui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nashra/feed"
	"nashra/refresh"
	"nashra/render"
	"nashra/store"
)

const goodFeed = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Loopback News</title><link>http://example.invalid/</link>
<item><guid>a</guid><title>First loopback story</title><link>http://example.invalid/a</link><pubDate>Mon, 02 Feb 2026 12:00:00 +0000</pubDate><description>&lt;p&gt;Body A&lt;/p&gt;</description></item>
<item><guid>b</guid><title>Second loopback story</title><link>http://example.invalid/b</link><pubDate>Mon, 02 Feb 2026 11:00:00 +0000</pubDate></item>
</channel></rss>`

// feedServer serves a good feed, a server error, a feed that never
// finishes, and a malformed one, on loopback.
func feedServer(t *testing.T) *httptest.Server {
	t.Helper()
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) {
		if ua := r.Header.Get("User-Agent"); !strings.HasPrefix(ua, "nashra/") {
			http.Error(w, "bad user agent "+ua, http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, goodFeed)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Half`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(func() { close(release); srv.Close() })
	return srv
}

// goodAndBrokenFeed reads the server's good feed and the one at path, with
// a short fetch timeout, in the interface language lang.
func goodAndBrokenFeed(t *testing.T, srv *httptest.Server, path, lang string) *harness {
	t.Helper()
	return newHarness(t, []string{srv.URL + "/good", srv.URL + path}, func(c *Config) {
		c.Language = lang
		c.Refresher = &refresh.Engine{Store: c.Store.(*store.Store), Fetcher: &feed.Fetcher{Timeout: 300 * time.Millisecond}}
	})
}

func TestFetchGoodAndBrokenFeeds(t *testing.T) {
	srv := feedServer(t)
	for _, tc := range []struct {
		path, wantErr string
	}{
		{"/broken", "HTTP 500"},
		{"/slow", "timed out"},
		{"/malformed", "malformed feed"},
	} {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			h := goodAndBrokenFeed(t, srv, tc.path, "en")
			if n := h.m.list.total; n != 2 {
				t.Fatalf("%d items listed, want the good feed's 2", n)
			}
			if !strings.Contains(h.screen(), "First loopback story") {
				t.Error("good feed's item not on screen")
			}
			if !strings.Contains(h.status(), tc.wantErr) {
				t.Errorf("status %q should report %q", h.status(), tc.wantErr)
			}
			// The app keeps working: the item opens and reads.
			h.press("enter")
			if !strings.Contains(h.screen(), "Body A") {
				t.Error("cannot read the good feed's item after another feed failed")
			}
		})
	}
}

// TestFetchErrorsInArabic: in the Arabic interface a feed that fails in a
// common way says so in Arabic, laid out right to left with its URL; a
// failure of another kind keeps the error's own (English) message.
func TestFetchErrorsInArabic(t *testing.T) {
	srv := feedServer(t)
	for _, tc := range []struct {
		path, want string
	}{
		{"/broken", "خطأ في الخادم (HTTP 500)"},
		{"/slow", "لم يردّ الخادم في الوقت المحدد"},
		{"/malformed", "malformed feed"},
	} {
		t.Run(strings.TrimPrefix(tc.path, "/"), func(t *testing.T) {
			h := goodAndBrokenFeed(t, srv, tc.path, "ar")
			want := h.m.ts.ChromeRTL(tc.want, render.Width(tc.want))
			if !strings.Contains(h.status(), strings.TrimSpace(want)) || !strings.Contains(h.status(), srv.URL+tc.path) {
				t.Errorf("status %q should report %q (%q) and the URL", h.status(), tc.want, want)
			}
			if rest := strings.ReplaceAll(h.status(), srv.URL+tc.path, ""); tc.path != "/malformed" && strings.ContainsAny(rest, "abcdefgijklmnoqrsuvwxyz") {
				t.Errorf("English words in the Arabic status %q", h.status())
			}
		})
	}
}

func TestRefreshKeepsSelectionAndReadState(t *testing.T) {
	srv := feedServer(t)
	h := newHarness(t, []string{srv.URL + "/good"})
	h.press("j", "enter", "q")
	sel := h.selected()
	h.press("r")
	if h.selected().ID != sel.ID {
		t.Error("refresh moved the selection")
	}
	if !h.selected().Read {
		t.Error("refresh lost the read state")
	}
	if n := h.m.list.total; n != 2 {
		t.Errorf("%d items after refresh, want 2 (no duplicates)", n)
	}
}

// After a permanent redirect the feed's items are stored under its new URL;
// the list follows it instead of losing them.
func TestPermanentRedirectKeepsItemsListed(t *testing.T) {
	srv := feedServer(t)
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/good", http.StatusMovedPermanently)
	})
	old := httptest.NewServer(mux)
	defer old.Close()
	h := newHarness(t, []string{old.URL + "/old"})
	if n := h.m.list.total; n != 2 {
		t.Fatalf("%d items after the first fetch, want 2", n)
	}
	if got := h.m.cfg.Sources[0]; got != srv.URL+"/good" {
		t.Errorf("source %q, want the new URL", got)
	}
	h.press("r")
	if n := h.m.list.total; n != 2 {
		t.Errorf("%d items after refreshing the moved feed, want 2", n)
	}
}

func TestBrowserCommand(t *testing.T) {
	t.Setenv("BROWSER", "lynx -dump:w3m")
	if got := browserCommand("firefox --new-tab"); strings.Join(got, "|") != "firefox|--new-tab" {
		t.Errorf("configured browser: %q", got)
	}
	if got := browserCommand(""); strings.Join(got, "|") != "lynx|-dump" {
		t.Errorf("$BROWSER: %q", got)
	}
}

// A very large article is laid out off the update loop: the key press
// answers at once with a placeholder, and the article follows.
func TestLargeArticleLaidOutInBackground(t *testing.T) {
	var body strings.Builder
	for i := 0; body.Len() < largeArticle*3/2; i++ {
		fmt.Fprintf(&body, "&lt;p&gt;فقرة رقم %d من مقال طويل جدا عن الأخبار.&lt;/p&gt;", i)
	}
	path := filepath.Join(t.TempDir(), "long.xml")
	doc := `<rss version="2.0"><channel><title>Long</title><item><guid>1</guid><title>مقال طويل</title><description>` + body.String() + `</description></item></channel></rss>`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, []string{path})
	next, cmd := h.m.Update(keyPress("enter"))
	h.m = next.(Model)
	if !strings.Contains(h.screen(), "Laying out a long article") {
		t.Fatalf("no placeholder while a long article is laid out:\n%s", h.screen())
	}
	h.run(cmd)
	if !strings.Contains(h.screen(), h.m.ts.Line("فقرة رقم 0 من مقال", "ar", 100).Text) {
		t.Errorf("the article did not arrive:\n%s", h.screen())
	}
}

// f fetches the item's page, extracts the article and shows it in place of
// the summary; it is stored, so it is there after a restart.
func TestFullTextReplacesTheSummary(t *testing.T) {
	page, err := os.ReadFile("testdata/fulltext-page.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	var srvURL string
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<rss version="2.0"><channel><title>Summaries</title><language>ar</language>
<item><guid>1</guid><pubDate>Mon, 02 Feb 2026 12:00:00 +0000</pubDate><title>باسم دياب يكتب</title><link>%s/article</link><description>ملخص قصير فقط</description></item>
<item><guid>2</guid><pubDate>Mon, 02 Feb 2026 11:00:00 +0000</pubDate><title>بلا صفحة</title><link>%s/missing</link><description>ملخص</description></item></channel></rss>`, srvURL, srvURL)
	})
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	srvURL = srv.URL

	h := newHarness(t, []string{srv.URL + "/feed"})
	h.press("enter")
	if !strings.Contains(h.screen(), h.m.ts.Line("ملخص قصير فقط", "ar", 100).Text) {
		t.Fatal("the summary is not shown first")
	}
	h.press("f")
	// The server's port changes from run to run; the golden screen names
	// it SERVER.
	golden(t, "fulltext.golden", strings.ReplaceAll(h.screen(), strings.TrimPrefix(srv.URL, "http://"), "SERVER"))
	first := h.m.ts.Line("لا شك أن النهج الحديث", "ar", 100).Text
	if !strings.Contains(h.screen(), first) {
		t.Fatalf("the full article is not shown:\n%s", h.screen())
	}
	if strings.Contains(h.screen(), h.m.ts.Line("ملخص قصير فقط", "ar", 100).Text) {
		t.Error("the summary is still shown")
	}
	// The second item's page is missing: a clear message, the summary stays.
	h.press("p") // no previous: first item
	h.press("q", "j", "enter", "f")
	if !strings.Contains(h.status(), "404") {
		t.Errorf("status after a failed full text: %q", h.status())
	}
	if !strings.Contains(h.screen(), h.m.ts.Line("ملخص", "ar", 100).Text) {
		t.Error("the summary went away after a failure")
	}
	h.press("q")
	h.close()
	h2 := openHarness(t, h.dbPath, []string{srv.URL + "/feed"})
	h2.press("enter")
	if !strings.Contains(h2.screen(), first) {
		t.Error("the full article was not kept")
	}
}

// A number then Enter opens that link of the article's list; y copies the
// item's link (OSC 52) only when pressed.
func TestFollowLinkByNumberAndCopy(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "links.xml")
	doc := `<rss version="2.0"><channel><title>L</title><item><guid>1</guid><title>Links</title><link>https://example.invalid/item</link>
<description>&lt;p&gt;&lt;a href="https://example.invalid/one"&gt;one&lt;/a&gt; and &lt;a href="https://example.invalid/two"&gt;two&lt;/a&gt;&lt;/p&gt;</description></item></channel></rss>`
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, []string{path})
	h.press("enter", "2", "enter")
	if len(h.opened) != 1 || h.opened[0] != "https://example.invalid/two" {
		t.Fatalf("2 enter opened %v", h.opened)
	}
	h.press("7", "enter")
	if !strings.Contains(h.status(), "no link 7") || !h.m.statusIsError {
		t.Errorf("a missing number: status %q", h.status())
	}
	// The answer to a key goes with the next key, unlike a feed's error.
	h.press("j")
	if strings.Contains(h.status(), "no link 7") {
		t.Errorf("after the next key the status still says %q", h.status())
	}
	_, cmd := h.m.Update(keyPress("y"))
	if cmd == nil {
		t.Fatal("y did nothing")
	}
	if msg := fmt.Sprintf("%T", cmd()); !strings.Contains(msg, "Clipboard") {
		t.Errorf("y sends %s, want a clipboard message", msg)
	}
}
