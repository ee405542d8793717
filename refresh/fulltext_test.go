package refresh

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"nashra/feed"
	"nashra/store"
)

// The seed page's boilerplate (feed/testdata/arabic-news-page.txt) and the
// rules that remove it, as the README shows them.
const (
	reportNotice = "شكرا على الإبلاغ!"
	sourceLink   = "انقر هنا لقراءة الخبر من مصدره."
	articleText  = "لا شك أن النهج الحديث الذى اتبعته وزارة الداخلية" // the article page's first paragraph
	navHeadline  = "طبيب الأهلي يكشف تفاصيل إصابة زيزو"               // one of its navigation links
)

var seedRules = []string{"شكرا على الإبلاغ!", "انقر هنا لقراءة الخبر من مصدره"}

// linked is an item with a link, for feeds whose pages are fetched.
type linked struct{ guid, link, content string }

// site serves feeds and article pages and counts the requests for each
// path.
type site struct {
	base string // the server's URL
	page []byte

	mu     sync.Mutex
	feeds  map[string][]linked // path → items
	hits   map[string]int
	flight inflight
	delay  time.Duration
}

// reset forgets the counts so far.
func (c *inflight) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now, c.max, c.total = 0, 0, 0
	c.perHost, c.hostMax = nil, nil
}

// counts returns the requests so far and the most at once.
func (c *inflight) counts() (total, most int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.total, c.max
}

func newSite(t testing.TB) *site {
	page, err := os.ReadFile("../feed/testdata/fulltext/arabic-article.html")
	if err != nil {
		t.Fatal(err)
	}
	s := &site{page: page, feeds: map[string][]linked{}, hits: map[string]int{}}
	s.base = server(t, http.HandlerFunc(s.serve)).URL
	return s
}

func (s *site) url(path string) string { return s.base + path }

func (s *site) setFeed(path string, items ...linked) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.feeds[path] = items
}

func (s *site) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// pageHits counts requests for anything but feeds.
func (s *site) pageHits() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for p, c := range s.hits {
		if !strings.HasSuffix(p, ".xml") {
			n += c
		}
	}
	return n
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	its, isFeed := s.feeds[r.URL.Path]
	delay := s.delay
	s.mu.Unlock()
	s.flight.enter(r.Host)
	defer s.flight.leave(r.Host)
	time.Sleep(delay)

	switch p := r.URL.Path; {
	case isFeed:
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار</title>`)
		for i, it := range its {
			fmt.Fprintf(&b, "<item><guid>%s</guid><title>خبر %s</title><link>%s</link><description>%s</description><pubDate>%s</pubDate></item>",
				it.guid, it.guid, html.EscapeString(it.link), html.EscapeString(it.content),
				base.Add(time.Duration(len(its)-i)*time.Minute).Format(time.RFC1123Z))
		}
		b.WriteString("</channel></rss>")
		w.Write(b.Bytes())
	case strings.HasPrefix(p, "/article/"):
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(s.page)
	case strings.HasPrefix(p, "/go/"): // a link shortener
		http.Redirect(w, r, "/news/2026/story.html", http.StatusFound)
	case p == "/news/2026/story.html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(bytes.Replace(s.page, []byte(articleText), []byte(articleText+` <a href="more.html">المزيد</a>`), 1))
	case p == "/binary":
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(bytes.Repeat([]byte{0x89, 0, 1, 0xfe}, 500))
	case p == "/blob-as-html":
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.Repeat([]byte{0x89, 0, 1, 0xfe}, 500))
	case p == "/empty":
		w.Header().Set("Content-Type", "text/html")
	case p == "/nav":
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<html><body><nav><a href="/a">الرياضة</a> <a href="/b">سياسة</a></nav></body></html>`))
	default:
		http.NotFound(w, r)
	}
}

func (s *site) engine(st *store.Store, subs ...feed.Subscription) *Engine {
	return &Engine{Store: st, Settings: SettingsFrom(subs)}
}

func itemByGUID(t testing.TB, st *store.Store, guid string) store.Item {
	t.Helper()
	for _, it := range storedItems(t, st) {
		if it.GUID == guid {
			return it
		}
	}
	t.Fatalf("no stored item %s", guid)
	return store.Item{}
}

func TestFullText(t *testing.T) {
	s := newSite(t)
	const summary = "<p>ملخص الخبر.</p>"
	s.setFeed("/feed.xml", linked{"1", s.url("/article/1"), summary})
	st := openStore(t)
	e := s.engine(st, feed.Subscription{URL: s.url("/feed.xml"), Strip: seedRules})
	if r := e.One(ctx, s.url("/feed.xml")); r.Status != OK || r.New != 1 || r.FullText != 0 {
		t.Fatalf("refresh: %+v", r)
	}
	if n := s.pageHits(); n != 0 {
		t.Fatalf("%d pages fetched by a refresh without fulltext", n)
	}
	it := itemByGUID(t, st, "1")

	got, err := e.FullText(ctx, it.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, articleText) || strings.Contains(got, navHeadline) {
		t.Errorf("full text is not the article:\n%s", got)
	}
	if strings.Contains(got, reportNotice) || strings.Contains(got, "انقر هنا") {
		t.Errorf("the feed's strip rules were not applied to the full text:\n%s", got)
	}
	stored := itemByGUID(t, st, "1")
	if stored.FullText != got || stored.Content != summary {
		t.Errorf("stored: FullText %d bytes (returned %d), Content %q", len(stored.FullText), len(got), stored.Content)
	}
	if found, err := st.Items(ctx, store.Query{Search: "النهج الحديث"}); err != nil || len(found) != 1 {
		t.Errorf("search by the full text: %d items, %v", len(found), err)
	}
}

// Relative links in a page reached through a temporary redirect (a link
// shortener, a tracking hop) resolve against where the page is, not
// against the link the feed gave.
func TestFullTextAfterARedirect(t *testing.T) {
	s := newSite(t)
	s.setFeed("/feed.xml", linked{"1", s.url("/go/1"), "<p>ملخص</p>"})
	st := openStore(t)
	e := s.engine(st)
	if r := e.One(ctx, s.url("/feed.xml")); r.Status != OK {
		t.Fatalf("refresh: %+v", r)
	}
	got, err := e.FullText(ctx, itemByGUID(t, st, "1").ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := `href="` + s.url("/news/2026/more.html") + `"`; !strings.Contains(got, want) {
		t.Errorf("the relative link is not made absolute against the page's address; want %s in:\n%s", want, got)
	}
}

func TestFullTextErrors(t *testing.T) {
	s := newSite(t)
	s.setFeed("/feed.xml",
		linked{"missing", s.url("/missing"), "<p>s1</p>"},
		linked{"binary", s.url("/binary"), "<p>s2</p>"},
		linked{"blob", s.url("/blob-as-html"), "<p>s3</p>"},
		linked{"empty", s.url("/empty"), "<p>s4</p>"},
		linked{"nav", s.url("/nav"), "<p>s5</p>"},
		linked{"nolink", "", "<p>s6</p>"},
		linked{"gone", "http://127.0.0.1:1/closed", "<p>s7</p>"},
	)
	st := openStore(t)
	e := s.engine(st)
	if r := e.One(ctx, s.url("/feed.xml")); r.Status != OK || r.New != 7 {
		t.Fatalf("refresh: %+v", r)
	}
	for guid, want := range map[string]string{
		"missing": "full text of " + s.url("/missing") + ": HTTP 404 Not Found",
		"binary":  "full text of " + s.url("/binary") + ": not a web page but application/octet-stream",
		"blob":    "full text of " + s.url("/blob-as-html") + ": no article found on the page (the page is application/octet-stream, not a web page)",
		"empty":   "full text of " + s.url("/empty") + ": empty document",
		"nav":     "full text of " + s.url("/nav") + ": no article found on the page",
		"nolink":  "full text: the item has no link",
		"gone":    "full text of http://127.0.0.1:1/closed: connection refused",
	} {
		t.Run(guid, func(t *testing.T) {
			before := itemByGUID(t, st, guid)
			if guid == "missing" {
				// A full text fetched before survives a failed refetch.
				if err := st.SetFullText(ctx, before.ID, "<p>earlier</p>"); err != nil {
					t.Fatal(err)
				}
				before = itemByGUID(t, st, guid)
			}
			got, err := e.FullText(ctx, before.ID)
			if err == nil || got != "" {
				t.Fatalf("FullText = %q, %v; want an error", got, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want %q", msg, want)
			}
			if after := itemByGUID(t, st, guid); after != before {
				t.Errorf("the item changed:\n%+v\n%+v", before, after)
			}
		})
	}
	if _, err := e.FullText(ctx, 12345); err == nil {
		t.Error("FullText of an unknown item: no error")
	}
}

// fulltext = true fetches the pages of new items during refresh, once: a
// later refresh fetches only the items new to it, and a page that fails
// leaves its item with its summary without failing the feed.
func TestFullTextDuringRefresh(t *testing.T) {
	s := newSite(t)
	boiler := func(text string) string {
		return "<p>" + text + "</p><div>" + reportNotice + "<br>سيتم حجب هذه الصورة تلقائيا.</div>\n" + sourceLink
	}
	s.setFeed("/full.xml",
		linked{"a1", s.url("/article/1"), boiler("ملخص أول")},
		linked{"a2", s.url("/article/2"), boiler("ملخص ثان")},
		linked{"a3", s.url("/missing"), boiler("ملخص ثالث")},
	)
	s.setFeed("/plain.xml", linked{"p1", s.url("/article/p1"), boiler("ملخص")})
	st := openStore(t)
	e := s.engine(st, feed.Subscription{URL: s.url("/full.xml"), FullText: true, Strip: seedRules})
	e.Concurrency = 1 // a feed's pages wait for the slot it held, which it must give back first

	sum := e.All(ctx, []string{s.url("/full.xml"), s.url("/plain.xml")}, nil)
	full, plain := sum.Results[0], sum.Results[1]
	if full.Status != OK || full.New != 3 || full.FullText != 2 {
		t.Fatalf("first refresh: %+v", full)
	}
	wantNote := s.url("/full.xml") + ": full text of 1 of 3 new items failed: full text of " + s.url("/missing") + ": HTTP 404 Not Found"
	if full.Note != wantNote {
		t.Errorf("note %q\nwant %q", full.Note, wantNote)
	}
	if plain.Status != OK || plain.FullText != 0 || plain.Note != "" {
		t.Errorf("feed without settings: %+v", plain)
	}
	for _, p := range []string{"/article/1", "/article/2", "/missing"} {
		if n := s.count(p); n != 1 {
			t.Errorf("%s fetched %d times, want once", p, n)
		}
	}
	if n := s.count("/article/p1"); n != 0 {
		t.Errorf("a page of the feed without fulltext was fetched %d times", n)
	}
	for _, guid := range []string{"a1", "a2"} {
		it := itemByGUID(t, st, guid)
		if !strings.Contains(it.FullText, articleText) || strings.Contains(it.FullText, "انقر هنا") {
			t.Errorf("%s: full text %.200q", guid, it.FullText)
		}
	}
	for _, guid := range []string{"a1", "a2", "a3"} {
		if it := itemByGUID(t, st, guid); strings.Contains(it.Content, "شكرا") || strings.Contains(it.Content, "انقر") || !strings.Contains(it.Content, "ملخص") {
			t.Errorf("%s: summary not stripped at ingest: %q", guid, it.Content)
		}
	}
	if it := itemByGUID(t, st, "a3"); it.FullText != "" {
		t.Errorf("a3: full text %q stored despite the 404", it.FullText)
	}
	if it := itemByGUID(t, st, "p1"); !strings.Contains(it.Content, sourceLink) {
		t.Errorf("p1: a feed without strip rules was stripped: %q", it.Content)
	}

	// One new item: only its page is fetched.
	s.setFeed("/full.xml",
		linked{"a4", s.url("/article/4"), boiler("ملخص رابع")},
		linked{"a1", s.url("/article/1"), boiler("ملخص أول")},
		linked{"a2", s.url("/article/2"), boiler("ملخص ثان")},
		linked{"a3", s.url("/missing"), boiler("ملخص ثالث")},
	)
	before := s.pageHits()
	if r := e.One(ctx, s.url("/full.xml")); r.Status != OK || r.New != 1 || r.Updated != 0 || r.FullText != 1 || r.Note != "" {
		t.Fatalf("second refresh: %+v", r)
	}
	if n := s.pageHits() - before; n != 1 || s.count("/article/4") != 1 {
		t.Errorf("second refresh fetched %d pages, want /article/4 only", n)
	}
	// Nothing new: no page at all.
	before = s.pageHits()
	if r := e.One(ctx, s.url("/full.xml")); r.Status != OK || r.New != 0 || r.FullText != 0 {
		t.Fatalf("third refresh: %+v", r)
	}
	if n := s.pageHits() - before; n != 0 {
		t.Errorf("third refresh fetched %d pages, want none", n)
	}
}

// Pages are fetched within the engine's per-host bound, whether one by one
// through FullText or during a refresh.
func TestFullTextPerHost(t *testing.T) {
	s := newSite(t)
	var its []linked
	for i := range 6 {
		its = append(its, linked{fmt.Sprint(i), s.url(fmt.Sprintf("/article/%d", i)), "<p>ملخص</p>"})
	}
	s.setFeed("/feed.xml", its...)
	st := openStore(t)
	e := s.engine(st)
	e.PerHost = 1
	if r := e.One(ctx, s.url("/feed.xml")); r.Status != OK {
		t.Fatalf("refresh: %+v", r)
	}
	s.mu.Lock()
	s.delay = 15 * time.Millisecond
	s.mu.Unlock()
	s.flight.reset()

	var wg sync.WaitGroup
	for _, it := range storedItems(t, st) {
		wg.Go(func() {
			if _, err := e.FullText(ctx, it.ID); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if total, most := s.flight.counts(); total != 6 || most != 1 {
		t.Errorf("FullText: %d requests, at most %d at once; want 6, at most 1", total, most)
	}

	// The same during a refresh, with two feeds on the host.
	s.setFeed("/other.xml", linked{"o1", s.url("/article/o1"), "<p>x</p>"}, linked{"o2", s.url("/article/o2"), "<p>y</p>"})
	s.flight.reset()
	e2 := s.engine(openStore(t),
		feed.Subscription{URL: s.url("/feed.xml"), FullText: true},
		feed.Subscription{URL: s.url("/other.xml"), FullText: true})
	e2.PerHost = 1
	sum := e2.All(ctx, []string{s.url("/feed.xml"), s.url("/other.xml")}, nil)
	if sum.OK != 2 || sum.Results[0].FullText != 6 || sum.Results[1].FullText != 2 {
		t.Fatalf("refresh: %+v", sum)
	}
	if total, most := s.flight.counts(); total != 10 || most != 1 {
		t.Errorf("refresh: %d requests, at most %d at once; want 10, at most 1", total, most)
	}
}
