package refresh

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"nashra/feed"
)

func logDiscard() *log.Logger { return log.New(discard{}, "", 0) }

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func TestNotModified(t *testing.T) {
	const etag, lastMod = `"v1"`, "Sun, 01 Feb 2026 10:00:00 GMT"
	var (
		mu       sync.Mutex
		inm, ims []string
		fail     atomic.Bool
	)
	srv := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inm = append(inm, r.Header.Get("If-None-Match"))
		ims = append(ims, r.Header.Get("If-Modified-Since"))
		mu.Unlock()
		if fail.Load() {
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Write(rss("News", items("n", 3)))
	}))
	parses := countParses(t)
	st := openStore(t)
	e := &Engine{Store: st}
	url := srv.URL + "/feed.xml"

	if r := e.One(ctx, url); r.Status != OK || r.New != 3 || r.Title != "News" || r.Err != nil {
		t.Fatalf("first refresh: %+v", r)
	}
	if s, _ := st.FetchState(ctx, url); s.ETag != etag || s.LastModified != lastMod {
		t.Fatalf("validators not stored: %+v", s)
	}
	before := storedItems(t, st)

	// A failure in between is recorded, and cleared by the 304.
	fail.Store(true)
	if r := e.One(ctx, url); r.Status != Failed || r.Err.Error() != url+": HTTP 500 Internal Server Error" {
		t.Fatalf("failing refresh: %+v", r)
	}
	if f := feedRow(t, st, url); f.LastError != url+": HTTP 500 Internal Server Error" {
		t.Fatalf("error not recorded: %q", f.LastError)
	}
	fail.Store(false)

	r := e.One(ctx, url)
	if r.Status != NotModified || r.New != 0 || r.Title != "News" || r.Err != nil {
		t.Fatalf("third refresh: %+v, want not modified", r)
	}
	mu.Lock()
	last := len(inm) - 1
	if inm[0] != "" || ims[0] != "" || inm[last] != etag || ims[last] != lastMod {
		t.Errorf("If-None-Match %q, If-Modified-Since %q: want none, then the stored validators", inm, ims)
	}
	mu.Unlock()
	if n := parses.Load(); n != 1 {
		t.Errorf("%d parses, want 1: a 304 costs no parse", n)
	}
	if f := feedRow(t, st, url); f.LastError != "" || f.Total != 3 {
		t.Errorf("after 304: %+v, want error cleared and 3 items", f)
	}
	after := storedItems(t, st)
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("items changed on 304:\n%v\n%v", before, after)
	}
}

func TestGzipAndCaps(t *testing.T) {
	doc := rss("Zipped", items("z", 5))
	var zdoc, bomb bytes.Buffer
	zw := gzip.NewWriter(&zdoc)
	zw.Write(doc)
	zw.Close()
	// 100 MiB of zeros, about 125 KiB compressed.
	bw, _ := gzip.NewWriterLevel(&bomb, gzip.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range 100 {
		bw.Write(zeros)
	}
	bw.Close()

	var mode atomic.Value
	mode.Store("gzip")
	var served atomic.Int64
	srv := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Accept-Encoding") != "gzip" {
			http.Error(w, "no gzip asked", http.StatusBadRequest)
			return
		}
		switch mode.Load() {
		case "gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(zdoc.Bytes())
		case "bomb":
			w.Header().Set("Content-Encoding", "gzip")
			n, _ := w.Write(bomb.Bytes())
			served.Add(int64(n))
		case "big":
			w.Write(bytes.Repeat([]byte("<!-- padding -->"), 1<<17)) // 2 MiB
		}
	}))
	st := openStore(t)
	e := &Engine{Store: st, Fetcher: &feed.Fetcher{MaxBytes: 1 << 20}}
	url := srv.URL + "/z"
	if r := e.One(ctx, url); r.Status != OK || r.New != 5 {
		t.Fatalf("gzip feed: %+v", r)
	}

	for m, want := range map[string]string{
		"bomb": url + ": larger than 1 MiB once decompressed",
		"big":  url + ": larger than 1 MiB",
	} {
		mode.Store(m)
		start := time.Now()
		r := e.One(ctx, url)
		if r.Status != Failed || r.Err == nil || r.Err.Error() != want {
			t.Errorf("%s: %+v, want the error %q", m, r, want)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: took %v", m, d)
		}
		if f := feedRow(t, st, url); f.Total != 5 || f.LastError != want {
			t.Errorf("%s: stored feed %+v, want its 5 items kept and the error recorded", m, f)
		}
	}
}

func TestRedirects(t *testing.T) {
	var moved atomic.Bool
	mux := http.NewServeMux()
	feedAt := func(path, title string) {
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Write(rss(title, items(title, 3)))
		})
	}
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		if moved.Load() {
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
			return
		}
		w.Write(rss("moving", items("moving", 3)))
	})
	feedAt("/new", "moving")
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	})
	feedAt("/elsewhere", "Temp")
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop-a", http.StatusMovedPermanently)
	})
	for i := range 7 {
		mux.HandleFunc(fmt.Sprintf("/hop%d", i), func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, fmt.Sprintf("/hop%d", i+1), http.StatusTemporaryRedirect)
		})
	}
	feedAt("/hop7", "Far")
	mux.HandleFunc("/dup", func(w http.ResponseWriter, r *http.Request) {
		if moved.Load() {
			http.Redirect(w, r, "/taken", http.StatusPermanentRedirect)
			return
		}
		w.Write(rss("Dup", items("dup", 3)))
	})
	mux.HandleFunc("/to-html", func(w http.ResponseWriter, r *http.Request) {
		if moved.Load() {
			http.Redirect(w, r, "/html", http.StatusMovedPermanently)
			return
		}
		w.Write(rss("h", items("h", 1)))
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!doctype html><html><body>moved</body></html>"))
	})
	mux.HandleFunc("/fresh", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/taken", http.StatusMovedPermanently)
	})
	feedAt("/taken", "Taken")
	srv := server(t, mux)

	st := openStore(t)
	var calls []string
	e := &Engine{Store: st, OnMoved: func(o, n string) { calls = append(calls, o+" → "+n) }}
	u := func(p string) string { return srv.URL + p }

	// 301: the stored feed follows, keeping its items and read state.
	if r := e.One(ctx, u("/old")); r.Status != OK || r.New != 3 {
		t.Fatalf("before the move: %+v", r)
	}
	id := feedRow(t, st, u("/old")).ID
	if _, err := st.MarkAllRead(ctx, nil); err != nil {
		t.Fatal(err)
	}
	moved.Store(true)
	r := e.One(ctx, u("/old"))
	if r.Status != OK || r.MovedTo != u("/new") || r.New != 0 || r.Source != u("/old") {
		t.Fatalf("after the move: %+v", r)
	}
	if f := feedRow(t, st, u("/new")); f.ID != id || f.Unread != 0 || f.Total != 3 {
		t.Errorf("moved feed %+v, want id %d with its 3 read items", f, id)
	}
	if s, _ := st.FetchState(ctx, u("/old")); s.ID != 0 {
		t.Error("the old URL is still stored")
	}
	if want := []string{u("/old") + " → " + u("/new")}; fmt.Sprint(calls) != fmt.Sprint(want) {
		t.Errorf("OnMoved calls %v, want %v", calls, want)
	}

	// 302 (and 307, five times): followed, nothing renamed.
	for _, p := range []string{"/temp", "/hop2"} {
		calls = nil
		if r := e.One(ctx, u(p)); r.Status != OK || r.MovedTo != "" || r.New != 3 {
			t.Errorf("%s: %+v", p, r)
		}
		if f := feedRow(t, st, u(p)); f.Total != 3 {
			t.Errorf("%s: stored %+v", p, f)
		}
		if len(calls) != 0 {
			t.Errorf("%s: OnMoved called: %v", p, calls)
		}
	}
	if s, _ := st.FetchState(ctx, u("/elsewhere")); s.ID != 0 {
		t.Error("a temporary redirect's target was stored")
	}

	// Loops and long chains stop, saying so.
	for p, want := range map[string]string{
		"/loop-a": u("/loop-a") + ": too many redirects: loops back to " + u("/loop-a"),
		"/hop1":   u("/hop1") + ": too many redirects (more than 5)",
	} {
		if r := e.One(ctx, u(p)); r.Status != Failed || r.Err.Error() != want {
			t.Errorf("%s: %+v, want %q", p, r, want)
		}
	}

	// A stored feed moving onto a URL that is already another stored feed
	// keeps its URL. If that other feed is merely stored (read once, or
	// unsubscribed: its items are not listed), this one goes on there,
	// with a note.
	moved.Store(false)
	e.One(ctx, u("/dup"))
	e.One(ctx, u("/taken"))
	moved.Store(true)
	calls = nil
	r = e.One(ctx, u("/dup"))
	if r.Status != OK || r.MovedTo != "" || !strings.Contains(r.Note, "stored already as another feed") || len(calls) != 0 {
		t.Errorf("move onto a stored feed: %+v, OnMoved %v", r, calls)
	}
	if f := feedRow(t, st, u("/dup")); f.Total != 6 || f.Title != "Taken" {
		t.Errorf("/dup stored %+v", f)
	}
	// If it is subscribed too, storing what the server sends under both
	// would list every item twice: nothing is stored, and the refresh
	// fails saying which subscription is left over.
	e.Settings = SettingsFrom([]feed.Subscription{{URL: u("/dup")}, {URL: u("/taken")}})
	r = e.One(ctx, u("/dup"))
	wantErr := u("/dup") + ": moved permanently to " + u("/taken") + ", which is subscribed too; remove this one (nashra remove " + u("/dup") + ")"
	if r.Status != Failed || r.MovedTo != "" || r.Err == nil || r.Err.Error() != wantErr || len(calls) != 0 {
		t.Errorf("move onto another subscribed feed: %+v, OnMoved %v", r, calls)
	}
	if f := feedRow(t, st, u("/dup")); f.Total != 6 || f.LastError != wantErr {
		t.Errorf("/dup stored %+v", f)
	}
	if f := feedRow(t, st, u("/taken")); f.Total != 3 {
		t.Errorf("/taken stored %+v", f)
	}
	e.Settings = nil
	// A feed that moved to where there is no feed: the move is followed
	// and reported, and the failure recorded under the new URL.
	moved.Store(false)
	e.One(ctx, u("/to-html"))
	moved.Store(true)
	calls = nil
	r = e.One(ctx, u("/to-html"))
	if r.Status != Failed || r.MovedTo != u("/html") || r.Err.Error() != u("/to-html")+": not an RSS, Atom or JSON feed" || len(calls) != 1 {
		t.Errorf("moved to a non-feed: %+v, OnMoved %v", r, calls)
	}
	if f := feedRow(t, st, u("/html")); f.Total != 1 || f.LastError != r.Err.Error() {
		t.Errorf("moved, failing feed stored as %+v", f)
	}
	if s, _ := st.FetchState(ctx, u("/to-html")); s.ID != 0 {
		t.Error("the failure recreated the old URL's feed")
	}

	// A source not stored yet that moves to a stored feed is that feed
	// (typically: moved before, and the caller still has the old URL).
	r = e.One(ctx, u("/fresh"))
	if r.Status != OK || r.MovedTo != u("/taken") || r.Note != "" {
		t.Errorf("new source moved onto a stored feed: %+v", r)
	}
	if s, _ := st.FetchState(ctx, u("/fresh")); s.ID != 0 {
		t.Error("/fresh stored under its old URL")
	}
}

func TestTimeouts(t *testing.T) {
	done := make(chan struct{})
	srv := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow-body":
			w.Write([]byte("<rss version=\"2.0\"><channel>"))
			w.(http.Flusher).Flush()
		case "/queued": // quick, but only one at a time below
			time.Sleep(120 * time.Millisecond)
			w.Write(rss("Q", items(r.URL.RawQuery, 1)))
			return
		}
		select {
		case <-done:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(done) })

	// Accepts the connection, never answers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns sync.Map
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Store(c, true)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		conns.Range(func(c, _ any) bool { c.(net.Conn).Close(); return true })
	})

	st := openStore(t)
	e := &Engine{Store: st, Fetcher: &feed.Fetcher{Timeout: 200 * time.Millisecond}, Concurrency: 1, PerHost: 1}
	silent := "http://" + ln.Addr().String() + "/feed"
	for url, want := range map[string]string{
		srv.URL + "/slow-headers": "timed out after 200ms waiting for a response",
		srv.URL + "/slow-body":    "timed out after 200ms reading the response",
		silent:                    "timed out after 200ms waiting for a response",
	} {
		start := time.Now()
		r := e.One(ctx, url)
		if r.Status != Failed || r.Err.Error() != url+": "+want {
			t.Errorf("%s: %+v, want %q", url, r, want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: gave up after %v", url, d)
		}
		if f := feedRow(t, st, url); f.LastError != url+": "+want {
			t.Errorf("%s: recorded %q", url, f.LastError)
		}
	}

	// Waiting for a slot is not fetching: four feeds of 120 ms each, one
	// at a time, all finish though together they take over 200 ms.
	var urls []string
	for i := range 4 {
		urls = append(urls, fmt.Sprintf("%s/queued?%d", srv.URL, i))
	}
	if sum := e.All(ctx, urls, nil); sum.OK != 4 {
		t.Errorf("queued feeds: %s", sum)
	}
}

func TestBoundedConcurrency(t *testing.T) {
	var c inflight
	srv := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c.enter(r.Host)
		defer c.leave(r.Host)
		// Long enough for the engine to start the others meanwhile.
		if raceEnabled {
			time.Sleep(50 * time.Millisecond)
		} else {
			time.Sleep(10 * time.Millisecond)
		}
		if strings.HasPrefix(r.Host, "hop.") {
			// Another host's feed, behind a redirect: its requests
			// count against busy.test too.
			http.Redirect(w, r, "http://busy.test"+r.URL.Path, http.StatusFound)
			return
		}
		w.Write(rss(r.Host+r.URL.Path, items(r.URL.Path, 2)))
	}))
	var urls []string
	for h := range 5 {
		for i := range 4 {
			urls = append(urls, fmt.Sprintf("http://h%d.test/%d", h, i))
		}
	}
	for i := range 20 {
		urls = append(urls, fmt.Sprintf("http://busy.test/%d", i))
	}
	for i := range 6 {
		urls = append(urls, fmt.Sprintf("http://hop.test/r%d", i))
	}

	check := func(name string, run func(e *Engine)) {
		c = inflight{}
		e := &Engine{Store: openStore(t), Fetcher: &feed.Fetcher{Client: loopbackClient(srv.Listener.Addr().String())}, Concurrency: 5}
		run(e)
		if c.total != len(urls)+6 {
			t.Errorf("%s: %d requests, want %d", name, c.total, len(urls)+6)
		}
		if c.max > 5 || c.max < 4 {
			t.Errorf("%s: at most %d requests at once, want 4 or 5 (the bound is 5)", name, c.max)
		}
		for h, m := range c.hostMax {
			if m > 2 {
				t.Errorf("%s: %d requests at once to %s, want at most 2", name, m, h)
			}
		}
		if c.hostMax["busy.test"] != 2 {
			t.Errorf("%s: busy.test saw at most %d at once, want 2", name, c.hostMax["busy.test"])
		}
	}
	check("All", func(e *Engine) {
		if sum := e.All(ctx, urls, nil); sum.OK != len(urls) {
			t.Errorf("All: %s", sum)
		}
	})
	// As the reader does it: one goroutine per feed, each calling One.
	check("One", func(e *Engine) {
		var wg sync.WaitGroup
		for _, u := range urls {
			wg.Go(func() {
				if r := e.One(ctx, u); r.Status != OK {
					t.Errorf("One(%s): %+v", u, r)
				}
			})
		}
		wg.Wait()
	})
}

func TestManyFeeds(t *testing.T) {
	const feeds, perFeed = 500, 50
	docs := make(map[string][]byte, feeds)
	var urls []string
	for i := range feeds {
		host := fmt.Sprintf("f%d.test", i)
		docs[host] = rss(host, items(host, perFeed))
		urls = append(urls, "http://"+host+"/rss")
	}
	srv := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(docs[r.Host])
	}))
	st := openStore(t)
	e := &Engine{Store: st, Fetcher: &feed.Fetcher{Client: loopbackClient(srv.Listener.Addr().String())}}
	var progressed atomic.Int64
	start := time.Now()
	sum := e.All(ctx, urls, func(Result) { progressed.Add(1) })
	t.Logf("%d feeds × %d items in %v", feeds, perFeed, time.Since(start))
	if got := sum.String(); got != "500 feeds, 500 ok" || sum.New != feeds*perFeed {
		t.Errorf("summary %q, %d new", got, sum.New)
	}
	if progressed.Load() != feeds {
		t.Errorf("progress called %d times", progressed.Load())
	}
	unread, total, err := st.Counts(ctx, nil)
	if err != nil || unread != feeds*perFeed || total != feeds*perFeed {
		t.Errorf("stored %d/%d, %v; want %d", unread, total, err, feeds*perFeed)
	}
}

func TestRefetchKeepsStateAndUpdatesChanges(t *testing.T) {
	its := items("s", 3) // s-3, s-2, s-1
	var version atomic.Int64
	srv := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cur := append([]item(nil), its...)
		if version.Load() == 1 {
			cur[1].content = "<p>corrected</p>"
		}
		w.Write(rss("S", cur))
	}))
	st := openStore(t)
	e := &Engine{Store: st}
	if r := e.One(ctx, srv.URL); r.New != 3 {
		t.Fatalf("first: %+v", r)
	}
	k := byKey(storedItems(t, st))
	if err := st.SetRead(ctx, k["guid:s-3"].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetRead(ctx, k["guid:s-2"].ID, true); err != nil {
		t.Fatal(err)
	}
	if err := st.SetStarred(ctx, k["guid:s-2"].ID, true); err != nil {
		t.Fatal(err)
	}
	if r := e.One(ctx, srv.URL); r.Status != OK || r.New != 0 || r.Updated != 0 {
		t.Fatalf("unchanged refetch: %+v, want nothing new or updated", r)
	}
	version.Store(1)
	if r := e.One(ctx, srv.URL); r.Status != OK || r.New != 0 || r.Updated != 1 {
		t.Fatalf("refetch with one change: %+v, want 1 updated", r)
	}
	after := byKey(storedItems(t, st))
	if len(after) != 3 {
		t.Fatalf("%d items, want 3", len(after))
	}
	if it := after["guid:s-2"]; it.Content != "<p>corrected</p>" || !it.Read || !it.Starred || it.ID != k["guid:s-2"].ID {
		t.Errorf("changed item %+v: want new content, still read and starred, same id", it)
	}
	if !after["guid:s-3"].Read || after["guid:s-1"].Read {
		t.Error("read state of unchanged items lost")
	}
}

func TestRetention(t *testing.T) {
	var listed atomic.Value
	listed.Store(items("r", 10)) // r-10 … r-1
	srv := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(rss("R", listed.Load().([]item)))
	}))
	st := openStore(t)
	e := &Engine{Store: st, Retention: 3}
	e.One(ctx, srv.URL)
	k := byKey(storedItems(t, st))
	for _, key := range []string{"guid:r-1", "guid:r-2"} {
		if err := st.SetStarred(ctx, k[key].ID, true); err != nil {
			t.Fatal(err)
		}
	}
	// The feed now lists two new items only; r-1…r-10 are gone from it.
	listed.Store([]item{
		{guid: "r-12", title: "12", published: base.Add(12 * time.Minute)},
		{guid: "r-11", title: "11", published: base.Add(11 * time.Minute)},
	})
	r := e.One(ctx, srv.URL)
	if r.Status != OK || r.New != 2 || r.Pruned != 5 {
		t.Fatalf("%+v, want 2 new and 5 pruned", r)
	}
	var got []string
	for _, it := range storedItems(t, st) {
		got = append(got, it.GUID)
	}
	// Listed 12, 11; newest three unlisted 10, 9, 8; starred 2 and 1.
	if want := "[r-12 r-11 r-10 r-9 r-8 r-2 r-1]"; fmt.Sprint(got) != want {
		t.Errorf("kept %v, want %s", got, want)
	}
}

func TestSummaryString(t *testing.T) {
	failed := func(msg string) Result { return Result{Status: Failed, Err: errors.New(msg)} }
	for _, tc := range []struct {
		results []Result
		want    string
	}{
		{nil, "0 feeds, 0 ok"},
		{[]Result{{Status: OK}}, "1 feed, 1 ok"},
		{[]Result{{Status: OK}, {Status: NotModified}, {Status: NotModified}}, "3 feeds, 1 ok, 2 not modified"},
		{[]Result{{Status: OK}, failed("http://a.test/: HTTP 404 Not Found"), {Status: NotModified}, failed("http://b.test/: timed out after 30s waiting for a response")},
			"4 feeds, 1 ok, 1 not modified, 2 failed: http://a.test/: HTTP 404 Not Found"},
	} {
		s := Summary{Feeds: len(tc.results), Results: tc.results}
		for _, r := range tc.results {
			switch r.Status {
			case OK:
				s.OK++
			case NotModified:
				s.NotModified++
			case Failed:
				s.Failed++
			}
		}
		if got := s.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestAllOrderDedupAndFailures(t *testing.T) {
	srv := server(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write(rss(r.URL.Path, items(r.URL.Path, 2)))
	}))
	st := openStore(t)
	e := &Engine{Store: st}
	srcs := []string{srv.URL + "/a", srv.URL + "/missing", srv.URL + "/a", "demo:arabic", srv.URL + "/b"}
	sum := e.All(ctx, srcs, nil)
	want := "4 feeds, 3 ok, 1 failed: " + srv.URL + "/missing: HTTP 404 Not Found"
	if sum.String() != want {
		t.Errorf("summary %q, want %q", sum, want)
	}
	var order []string
	for _, r := range sum.Results {
		order = append(order, r.Source)
	}
	if fmt.Sprint(order) != fmt.Sprint([]string{srv.URL + "/a", srv.URL + "/missing", "demo:arabic", srv.URL + "/b"}) {
		t.Errorf("results in order %v", order)
	}

	// A refresh the caller gave up on fails without blaming the feed.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	r := e.One(cctx, srv.URL+"/c")
	if r.Status != Failed || !strings.Contains(r.Err.Error(), "cancelled") {
		t.Errorf("cancelled: %+v", r)
	}
	if s, _ := st.FetchState(ctx, srv.URL+"/c"); s.ID != 0 {
		t.Error("a cancelled refresh was recorded")
	}
}
