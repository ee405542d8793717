package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"nashra/feed"
	"nashra/render"
	"nashra/store"
)

// cmdPaths are a test's configuration file and database, both in a
// temporary directory.
type cmdPaths struct{ cfg, db string }

func newPaths(t *testing.T) cmdPaths {
	dir := t.TempDir()
	return cmdPaths{cfg: filepath.Join(dir, "config", "config.toml"), db: filepath.Join(dir, "nashra.db")}
}

// cmd runs one subcommand with these paths, and stdin.
func (p cmdPaths) cmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	args = append(args, "--config", p.cfg, "--db", p.db)
	var out, errb bytes.Buffer
	code = runWith(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func (p cmdPaths) writeConfig(t *testing.T, text string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(p.cfg), 0o700)
	if err := os.WriteFile(p.cfg, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func (p cmdPaths) load(t *testing.T) feed.Config {
	t.Helper()
	c, err := feed.LoadConfig(p.cfg)
	if err != nil {
		t.Fatalf("LoadConfig: %v", err)
	}
	return c
}

const cmdRSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Served RSS</title>
<item><title>first item</title><guid>1</guid><pubDate>Fri, 01 Mar 2024 12:00:00 GMT</pubDate></item>
<item><title>second item</title><guid>2</guid><pubDate>Fri, 01 Mar 2024 13:00:00 GMT</pubDate></item>
</channel></rss>`

const cmdAtom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>الأخبار</title><id>urn:x</id><updated>2024-03-01T00:00:00Z</updated>
<entry><title>خبر</title><id>urn:a</id><updated>2024-03-01T00:00:00Z</updated></entry></feed>`

func siteServer(t *testing.T) *httptest.Server {
	t.Helper()
	pages := map[string]string{
		"/rss.xml":   cmdRSS,
		"/feed.atom": cmdAtom,
		"/":          `<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/feed.atom"></head><body>home</body></html>`,
		"/nofeed":    `<!doctype html><html><head><title>plain</title></head><body>no feed here</body></html>`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved.xml" {
			http.Redirect(w, r, "/rss.xml", http.StatusMovedPermanently)
			return
		}
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestAddFeedURL(t *testing.T) {
	srv := siteServer(t)
	p := newPaths(t)
	u := srv.URL + "/rss.xml"
	code, out, errs := p.cmd(t, "", "add", u, "--tag", "news", "--tag", "en", "--title", "My RSS")
	if code != 0 || out != "added My RSS "+u+"\n" {
		t.Fatalf("add: code %d, stdout %q, stderr %q", code, out, errs)
	}
	want := []feed.Subscription{{URL: u, Title: "My RSS", Tags: []string{"news", "en"}}}
	if got := p.load(t).Feeds; !reflect.DeepEqual(got, want) {
		t.Errorf("config %+v, want %+v", got, want)
	}
	// The items read while subscribing are stored.
	if code, out, _ := p.cmd(t, "", "items"); code != 0 || strings.Count(out, "\n") != 2 {
		t.Errorf("items after add: %d %q", code, out)
	}

	// Without --title the feed's own title is printed, and not written.
	code, out, _ = p.cmd(t, "", "add", srv.URL+"/feed.atom")
	if code != 0 || out != "added الأخبار "+srv.URL+"/feed.atom\n" {
		t.Errorf("add without title: %d %q", code, out)
	}
	if got := p.load(t).Feeds[1]; got.Title != "" {
		t.Errorf("the feed's own title was pinned in the config: %+v", got)
	}

	// A duplicate is refused and changes nothing.
	before, _ := os.ReadFile(p.cfg)
	code, out, errs = p.cmd(t, "", "add", u, "--tag", "x")
	if code != 1 || out != "" || !strings.Contains(errs, "already subscribed") {
		t.Errorf("duplicate: code %d, stdout %q, stderr %q", code, out, errs)
	}
	if after, _ := os.ReadFile(p.cfg); !bytes.Equal(before, after) {
		t.Error("a refused add changed the config")
	}
}

func TestAddDiscoversTheFeedOfAPage(t *testing.T) {
	srv := siteServer(t)
	p := newPaths(t)
	code, out, errs := p.cmd(t, "", "add", srv.URL+"/")
	if code != 0 || out != "added الأخبار "+srv.URL+"/feed.atom\n" {
		t.Fatalf("add page: code %d, stdout %q, stderr %q", code, out, errs)
	}
	if urls := p.load(t).SubscribedURLs(); !reflect.DeepEqual(urls, []string{srv.URL + "/feed.atom"}) {
		t.Errorf("subscribed to %v, want the page's feed", urls)
	}
	// The page again, or its feed directly: both are duplicates now.
	for _, u := range []string{srv.URL + "/", srv.URL + "/feed.atom"} {
		if code, _, errs := p.cmd(t, "", "add", u); code != 1 || !strings.Contains(errs, "already subscribed") {
			t.Errorf("add %s again: code %d, stderr %q", u, code, errs)
		}
	}
}

// TestAddFollowsAPermanentMove: a feed that has moved for good is
// subscribed at its new address, and refused if that one is subscribed
// already (it was subscribed twice, every item listed twice).
func TestAddFollowsAPermanentMove(t *testing.T) {
	srv := siteServer(t)
	p := newPaths(t)
	code, out, errs := p.cmd(t, "", "add", srv.URL+"/moved.xml")
	if code != 0 || out != "added Served RSS "+srv.URL+"/rss.xml\n" {
		t.Fatalf("add a moved feed: code %d, stdout %q, stderr %q", code, out, errs)
	}
	code, _, errs = p.cmd(t, "", "add", srv.URL+"/moved.xml")
	if code != 1 || !strings.Contains(errs, "already subscribed") {
		t.Errorf("add the old address again: code %d, stderr %q", code, errs)
	}
	if urls := p.load(t).SubscribedURLs(); !reflect.DeepEqual(urls, []string{srv.URL + "/rss.xml"}) {
		t.Errorf("subscribed to %v", urls)
	}
}

func TestAddRefusesAPageWithoutFeed(t *testing.T) {
	srv := siteServer(t)
	p := newPaths(t)
	for _, u := range []string{srv.URL + "/nofeed", srv.URL + "/missing"} {
		code, out, errs := p.cmd(t, "", "add", u)
		if code != 1 || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "nashra: add: ") {
			t.Errorf("add %s: code %d, stdout %q, stderr %q", u, code, out, errs)
		}
	}
	if _, err := os.Stat(p.cfg); !os.IsNotExist(err) {
		t.Error("a failed add created the config")
	}
	if code, _, errs := p.cmd(t, "", "add", srv.URL+"/nofeed"); !strings.Contains(errs, "not a feed") {
		t.Errorf("the message should say there is no feed: %d %q", code, errs)
	}
	if code, _, errs := p.cmd(t, "", "add"); code != 2 || !strings.Contains(errs, "give one URL") {
		t.Errorf("add without URL: %d %q", code, errs)
	}
}

func TestAddLocalFileIsStoredAbsolute(t *testing.T) {
	p := newPaths(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "f.xml"), []byte(cmdRSS), 0o644)
	t.Chdir(dir)
	code, out, errs := p.cmd(t, "", "add", "f.xml")
	abs := filepath.Join(dir, "f.xml")
	if code != 0 || out != "added Served RSS "+abs+"\n" {
		t.Fatalf("add file: %d %q %q", code, out, errs)
	}
	if urls := p.load(t).SubscribedURLs(); !reflect.DeepEqual(urls, []string{abs}) {
		t.Errorf("subscribed %v", urls)
	}
	if code, _, errs := p.cmd(t, "", "add", "missing.xml"); code != 1 || !strings.Contains(errs, "cannot read") {
		t.Errorf("missing file: %d %q", code, errs)
	}
}

func TestRemoveCommand(t *testing.T) {
	p := newPaths(t)
	p.writeConfig(t, `# mine
feeds = ["https://a.example/rss"]

[[feed]]
url = "https://b.example/rss"
title = "Bee"

[[feed]]
url = "https://c.example/rss"
`)
	// C's title is known only from the store.
	st := openTestStore(t, p.db)
	st.SaveFeed(context.Background(), feed.Feed{URL: "https://c.example/rss", Title: "Sea News"})
	st.Close()

	for _, tc := range []struct{ arg, want string }{
		{"bee", "removed Bee https://b.example/rss\n"},
		{"https://a.example/rss", "removed https://a.example/rss\n"},
		{"SEA NEWS", "removed Sea News https://c.example/rss\n"},
	} {
		code, out, errs := p.cmd(t, "", "remove", tc.arg)
		if code != 0 || out != tc.want {
			t.Errorf("remove %s: code %d, stdout %q, stderr %q", tc.arg, code, out, errs)
		}
	}
	if feeds := p.load(t).Feeds; len(feeds) != 0 {
		t.Errorf("left %+v", feeds)
	}
	code, out, errs := p.cmd(t, "", "remove", "https://nowhere.example/")
	if code != 1 || out != "" || !strings.Contains(errs, "not subscribed") {
		t.Errorf("unknown: %d %q %q", code, out, errs)
	}
}

func TestImportFixtures(t *testing.T) {
	p := newPaths(t)
	opml := filepath.Join("feed", "testdata", "subscriptions", "nested.opml")
	code, out, errs := p.cmd(t, "", "import", opml)
	if code != 0 || out != "imported 6 feeds, 1 skipped (no xmlUrl), 1 unsupported (exec:…)\n" {
		t.Fatalf("import OPML: %d %q %q", code, out, errs)
	}
	if !strings.Contains(errs, "exec:~/bin/news.sh") {
		t.Errorf("the unsupported entry is not named: %q", errs)
	}
	first := p.load(t).Feeds

	// Twice: nothing twice.
	code, out, _ = p.cmd(t, "", "import", opml)
	if code != 0 || !strings.HasPrefix(out, "imported 0 feeds, 6 already subscribed,") {
		t.Errorf("import again: %d %q", code, out)
	}
	if again := p.load(t).Feeds; !reflect.DeepEqual(again, first) {
		t.Errorf("a second import changed the subscriptions")
	}

	// newsboat, from standard input; one feed overlaps with the OPML.
	urls, _ := os.ReadFile(filepath.Join("feed", "testdata", "subscriptions", "urls"))
	code, out, errs = p.cmd(t, string(urls), "import", "-")
	want := "imported 3 feeds, 2 already subscribed, 1 skipped (query:…), 3 unsupported (exec:…, filter:…)\n"
	if code != 0 || out != want {
		t.Errorf("import urls: %d\n got %q\nwant %q\n%s", code, out, want, errs)
	}
	if n := len(p.load(t).Feeds); n != 9 {
		t.Errorf("%d subscriptions, want 9", n)
	}

	if code, _, errs := p.cmd(t, "", "import", "nope.opml"); code != 1 || !strings.Contains(errs, "cannot read nope.opml") {
		t.Errorf("missing file: %d %q", code, errs)
	}
	if code, _, errs := p.cmd(t, `<rss version="2.0"/>`, "import", "-"); code != 1 || !strings.Contains(errs, "not OPML") {
		t.Errorf("an RSS file: %d %q", code, errs)
	}
}

func TestImportNeverExecutes(t *testing.T) {
	p := newPaths(t)
	marker := filepath.Join(t.TempDir(), "ran")
	list := "exec:touch " + marker + "\n\"exec:touch " + marker + "\"\n\"filter:touch " + marker + ":https://x.example/\"\n"
	code, out, _ := p.cmd(t, list, "import", "-")
	if code != 0 || out != "imported 0 feeds, 3 unsupported (exec:…, filter:…)\n" {
		t.Errorf("%d %q", code, out)
	}
	if _, err := os.Stat(marker); !os.IsNotExist(err) {
		t.Fatal("an exec: entry was executed")
	}
}

func TestExportImportRoundTrip(t *testing.T) {
	p := newPaths(t)
	p.writeConfig(t, `bidi = "app"
feeds = ["https://short.example/rss"]

[[feed]]
url = "https://feeds.bbci.co.uk/arabic/rss.xml"
title = "BBC عربي & co"
tags = ["news", "ar"]

[[feed]]
url = "https://example.com/x?a=1&b=<2>"
tags = ["tech/go", "news"]
direction = "rtl"

[[feed]]
url = "https://example.com/quotes"
title = 'He said "hi"'
tags = ["news"]

[[feed]]
url = "https://www.youm7.com/rss"
fulltext = true
strip = ["<p>اقرأ أيضا</p>", "Follow \"us\""]
`)
	code, exported, errs := p.cmd(t, "", "export")
	if code != 0 || !strings.Contains(exported, `<opml version="2.0"`) {
		t.Fatalf("export: %d %q", code, errs)
	}
	fresh := newPaths(t)
	code, out, errs := fresh.cmd(t, exported, "import", "-")
	if code != 0 || out != "imported 5 feeds\n" {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	if got, want := fresh.load(t).Feeds, p.load(t).Feeds; !reflect.DeepEqual(got, want) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
	// With the feeds read into the database, a feed the configuration
	// names by URL only is exported under its own title for other
	// readers, and still imports without a title of its own.
	st, err := store.Open(p.db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.SaveFeed(context.Background(), feed.Feed{URL: "https://short.example/rss", Title: "Short News"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, named, _ := p.cmd(t, "", "export")
	if code != 0 || !strings.Contains(named, `text="Short News"`) {
		t.Errorf("export does not name the feed by its title:\n%s", named)
	}
	again := newPaths(t)
	if code, _, errs := again.cmd(t, named, "import", "-"); code != 0 {
		t.Fatalf("import: %d %q", code, errs)
	}
	if got, want := again.load(t).Feeds, p.load(t).Feeds; !reflect.DeepEqual(got, want) {
		t.Errorf("round trip with titles from the database:\n got %+v\nwant %+v", got, want)
	}
	// No configuration at all: an empty, valid document.
	if code, out, _ := newPaths(t).cmd(t, "", "export"); code != 0 || !strings.Contains(out, "<body></body>") {
		t.Errorf("export without config: %d %q", code, out)
	}
	// And the fresh configuration exports to the very same document.
	if _, again, _ := fresh.cmd(t, "", "export"); again != exported {
		t.Errorf("export of the import differs:\n%s\n%s", exported, again)
	}
}

// openTestStore opens the database at path for a test to fill.
func openTestStore(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

var t0 = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// fillStore stores three feeds: an Arabic one (two items, one read and
// starred), an English one (one item), one that failed, and one that is
// stored but not subscribed.
func fillStore(t *testing.T, p cmdPaths) {
	t.Helper()
	ctx := context.Background()
	st := openTestStore(t, p.db)
	defer st.Close()
	for _, f := range []feed.Feed{
		{URL: "https://ar.example/rss", Title: "أخبار اليوم", Language: "ar", Items: []feed.Item{
			{GUID: "a1", Title: "عنوان الخبر الأول", Link: "https://ar.example/1", Published: t0},
			{GUID: "a2", Title: "الخبر الثاني", Link: "https://ar.example/2", Published: t0.Add(2 * time.Hour)},
		}},
		{URL: "https://en.example/atom", Title: "English Daily", Items: []feed.Item{
			{GUID: "e1", Title: "An English headline", Link: "https://en.example/1", Published: t0.Add(time.Hour)},
		}},
		{URL: "https://gone.example/rss", Title: "Not subscribed", Items: []feed.Item{
			{GUID: "g1", Title: "from an old subscription", Published: t0.Add(3 * time.Hour)},
		}},
	} {
		if _, err := st.SaveFeed(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetFeedError(ctx, "https://broken.example/rss", "", "HTTP 404 Not Found"); err != nil {
		t.Fatal(err)
	}
	items, _ := st.Items(ctx, store.Query{})
	for _, it := range items {
		if it.Title == "الخبر الثاني" {
			st.SetRead(ctx, it.ID, true)
			st.SetStarred(ctx, it.ID, true)
		}
	}
	p.writeConfig(t, `[[feed]]
url = "https://ar.example/rss"
tags = ["news", "ar"]

[[feed]]
url = "https://en.example/atom"
title = "EN"
tags = ["news"]

[[feed]]
url = "https://broken.example/rss"

[[feed]]
url = "https://never.example/rss"
title = "Never fetched, with a title long enough that the table has to cut it somewhere near here"
tags = ["misc"]
`)
}

func TestFeedsTable(t *testing.T) {
	p := newPaths(t)
	fillStore(t, p)
	t.Setenv("COLUMNS", "")
	code, out, errs := p.cmd(t, "", "feeds")
	if code != 0 {
		t.Fatalf("feeds: %d %q", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d lines, want a header and 4 rows:\n%s", len(lines), out)
	}
	for i, want := range [][]string{
		{"TITLE", "URL", "TAGS", "ITEMS", "UNREAD", "LAST FETCH"},
		{"أخبار اليوم", "https://ar.example/rss", "news,ar", "2", "1", "ok "},
		{"EN", "https://en.example/atom", "news", "1", "1", "ok "},
		{"-", "https://broken.example/rss", "-", "0", "0", "failed: HTTP 404 Not Found"},
		{"Never fetched, with", "https://never.example/rss", "misc", "0", "0", "never"},
	} {
		for _, cell := range want {
			if !strings.Contains(lines[i], cell) {
				t.Errorf("line %d %q lacks %q", i, lines[i], cell)
			}
		}
	}
	// Columns line up by display width: the URL column starts at the same
	// cell on every line, Arabic title or not.
	col := -1
	for _, l := range lines {
		i := strings.Index(l, "https://")
		if i < 0 {
			i = strings.Index(l, "URL")
		}
		if w := render.Width(l[:i]); col < 0 {
			col = w
		} else if w != col {
			t.Errorf("URL column at cell %d, want %d:\n%s", w, col, out)
		}
		if w := render.Width(l); w > defaultTableWidth {
			t.Errorf("line of %d cells, more than %d: %q", w, defaultTableWidth, l)
		}
	}
	if !strings.Contains(out, "…") {
		t.Errorf("the long title was not cut:\n%s", out)
	}
	if strings.Contains(out, "gone.example") {
		t.Errorf("a stored but unsubscribed feed is listed:\n%s", out)
	}

	t.Setenv("COLUMNS", "70")
	_, out, _ = p.cmd(t, "", "feeds")
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if w := render.Width(l); w > 70 {
			t.Errorf("COLUMNS=70: line of %d cells: %q", w, l)
		}
	}
}

func TestItemsPlainAndJSON(t *testing.T) {
	p := newPaths(t)
	fillStore(t, p)
	date := func(h int) string { return t0.Add(time.Duration(h) * time.Hour).Local().Format("2006-01-02 15:04") }

	code, out, errs := p.cmd(t, "", "items")
	want := date(2) + "\tأخبار اليوم\tالخبر الثاني\n" +
		date(1) + "\tEN\tAn English headline\n" +
		date(0) + "\tأخبار اليوم\tعنوان الخبر الأول\n"
	if code != 0 || out != want {
		t.Errorf("items: %d %q\n got %q\nwant %q", code, errs, out, want)
	}

	for _, tc := range []struct {
		args []string
		want []string // titles
	}{
		{[]string{"--unread"}, []string{"An English headline", "عنوان الخبر الأول"}},
		{[]string{"--starred"}, []string{"الخبر الثاني"}},
		{[]string{"--tag", "ar"}, []string{"الخبر الثاني", "عنوان الخبر الأول"}},
		{[]string{"--tag", "NEWS", "--unread"}, []string{"An English headline", "عنوان الخبر الأول"}},
		{[]string{"--feed", "https://en.example/atom"}, []string{"An English headline"}},
		{[]string{"--feed", "أخبار اليوم", "--limit", "1"}, []string{"الخبر الثاني"}},
		{[]string{"--feed", "en", "--feed", "https://ar.example/rss", "--limit", "2"}, []string{"الخبر الثاني", "An English headline"}},
		{[]string{"--feed", "EN", "--tag", "ar"}, nil},
	} {
		code, out, errs := p.cmd(t, "", append([]string{"items", "--json"}, tc.args...)...)
		if code != 0 {
			t.Errorf("items %v: %d %q", tc.args, code, errs)
			continue
		}
		var titles []string
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			if line == "" {
				continue
			}
			var it itemJSON
			if err := json.Unmarshal([]byte(line), &it); err != nil {
				t.Fatalf("items %v: line %q: %v", tc.args, line, err)
			}
			titles = append(titles, it.Title)
		}
		if !reflect.DeepEqual(titles, tc.want) {
			t.Errorf("items --json %v: %q, want %q", tc.args, titles, tc.want)
		}
	}

	_, out, _ = p.cmd(t, "", "items", "--json", "--starred")
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{
		"feed": "أخبار اليوم", "feed_url": "https://ar.example/rss", "title": "الخبر الثاني",
		"link": "https://ar.example/2", "published": "2024-03-01T14:00:00Z", "read": true, "starred": true,
	} {
		if got[k] != v {
			t.Errorf("json %s = %#v, want %#v", k, got[k], v)
		}
	}
	if _, ok := got["id"].(float64); !ok {
		t.Errorf("json id = %#v", got["id"])
	}

	for _, args := range [][]string{{"--feed", "nowhere"}, {"--tag", "nope"}} {
		if code, _, errs := p.cmd(t, "", append([]string{"items"}, args...)...); code != 1 || !strings.HasPrefix(errs, "nashra: items: ") {
			t.Errorf("items %v: %d %q", args, code, errs)
		}
	}
	if code, _, _ := p.cmd(t, "", "items", "--limit", "-1"); code != 2 {
		t.Errorf("--limit -1: exit %d, want 2", code)
	}

	// Without a configuration, every stored feed counts.
	os.Remove(p.cfg)
	_, out, _ = p.cmd(t, "", "items")
	if !strings.Contains(out, "from an old subscription") || strings.Count(out, "\n") != 4 {
		t.Errorf("items without config:\n%s", out)
	}
}

// TestNoEscapesReachStdout fills every place feed text shows with escape
// sequences and controls, and checks what the commands print.
func TestNoEscapesReachStdout(t *testing.T) {
	p := newPaths(t)
	nasty := "A\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u009b2J\u009dtitle\u009c bell\a del\x7f nul\x00 nel\u0085 \x1bPdcs\x1b\\ end"
	ctx := context.Background()
	st := openTestStore(t, p.db)
	st.SaveFeed(ctx, feed.Feed{URL: "https://x.example/rss", Title: nasty, Items: []feed.Item{
		{GUID: "1", Title: nasty, Link: "https://x.example/\x1b[2J", Published: t0},
	}})
	st.SetFeedError(ctx, "https://y.example/rss", "", "failed \x1b[5m"+nasty)
	st.Close()
	p.writeConfig(t, "[[feed]]\nurl = \"https://x.example/rss\"\ntags = [\"t\\u001b[1m\"]\n\n[[feed]]\nurl = \"https://y.example/rss\"\ntitle = \"\\u009b31m\"\n")

	check := func(name, out string) {
		t.Helper()
		if !utf8.ValidString(out) {
			t.Errorf("%s: invalid UTF-8: %q", name, out)
		}
		for _, r := range out {
			if r == 0x1b || r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r < 0xa0 {
				t.Errorf("%s: control %U in output: %q", name, r, out)
				return
			}
		}
		if strings.Contains(out, "evil.example") {
			t.Errorf("%s: the content of an OSC sequence leaked: %q", name, out)
		}
	}
	for _, args := range [][]string{{"feeds"}, {"items"}, {"items", "--json"}, {"export"}} {
		code, out, errs := p.cmd(t, "", args...)
		if code != 0 {
			t.Errorf("%v: %d %q", args, code, errs)
		}
		check(strings.Join(args, " "), out)
	}
	if _, out, _ := p.cmd(t, "", "items"); !strings.Contains(out, "Ared link") {
		t.Errorf("the text around the escapes should survive: %q", out)
	}
	_, out, _ := p.cmd(t, "", "remove", "https://y.example/rss")
	check("remove", out)

	// add, with a feed whose title is full of escapes.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// JSON Feed, since XML cannot carry these characters at all.
		w.Header().Set("Content-Type", "application/feed+json")
		io.WriteString(w, `{"version": "https://jsonfeed.org/version/1.1", "title": "Evil \u001b[31m\u001b]0;x\u0007\u009b1m title",
			"items": [{"id": "1", "title": "x"}]}`)
	}))
	defer srv.Close()
	code, out, errs := p.cmd(t, "", "add", srv.URL)
	if code != 0 {
		t.Fatalf("add: %d %q", code, errs)
	}
	check("add", out)
	if !strings.HasPrefix(out, "added Evil") {
		t.Errorf("add: %q", out)
	}
}

func TestPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"plain عربي":                 "plain عربي",
		"a\x1b[1;31mb\x1b[m":         "ab",
		"a\x1b]0;title\x07b":         "ab",
		"a\x1b]0;title\x1b\\b":       "ab",
		"a\x1b(Bb\x1b=c":             "abc",
		"a\u009b1mb\u009d0;x\u009cc": "abc",
		"tab\tnl\ncr\r":              "tab nl cr",
		"bad \xff byte":              "bad \uFFFD byte",
		"nul\x00del\x7fnel\u0085":    "nuldelnel",
		"rlm\u200fkept":              "rlm\u200fkept",
		"trailing esc\x1b":           "trailing esc",
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseCommandInterleaves(t *testing.T) {
	fs, _, _ := commandFlags("x")
	var tags repeated
	fs.Var(&tags, "tag", "")
	e := &env{stdout: io.Discard, stderr: io.Discard}
	pos, code, done := parseCommand(e, fs, "", []string{"URL", "--tag", "a", "-", "--tag=b", "--", "--tag"})
	if done || code != 0 || !reflect.DeepEqual(pos, []string{"URL", "-", "--tag"}) || !reflect.DeepEqual([]string(tags), []string{"a", "b"}) {
		t.Errorf("pos %q, tags %q, code %d, done %v", pos, tags, code, done)
	}
	var errb bytes.Buffer
	e.stderr = &errb
	if _, code, done := parseCommand(e, fs, "", []string{"--bogus"}); !done || code != 2 || strings.Count(errb.String(), "\n") != 1 {
		t.Errorf("bad flag: %d %v %q", code, done, errb.String())
	}
}
