package refresh

import (
	"bytes"
	"compress/gzip"
	"crypto/tls"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"nashra/feed"
	"nashra/store"
)

// Every way a feed can break fails that feed alone, with a clear one-line
// error and nothing of what the server sent acting on a terminal; the
// other feeds refresh, and a feed that breaks after it worked keeps its
// stored items.
func TestBrokenFeedsFailAlone(t *testing.T) {
	var mu sync.Mutex
	broken := false
	good := rss("Good", items("good", 3))
	bodies := map[string]struct {
		contentType string
		body        string
	}{
		"/html":         {"text/html", "<!DOCTYPE html><html><head><title>page</title></head><body>hi</body></html>"},
		"/malformed":    {"application/rss+xml", "<rss version=\"2.0\"><channel><title>x</title><item><title>a</item></channel>"},
		"/empty":        {"application/rss+xml", ""},
		"/not-jsonfeed": {"application/json", `{"hello": "world"}`},
		"/bad-json":     {"application/feed+json", `{"version": "https://jsonfeed.org/version/1.1", "items": [`},
		"/wrong-type":   {"image/png", string(good)}, // a feed served as an image still reads
		"/escape-title": {"text/html; charset=utf-8", "<html>\x1b]0;PWNED\x07</html>"},
	}
	// 64 MiB of zeros, compressed once beforehand (64 KiB): compressing
	// as it serves, the server itself was slower than the timeout under
	// the race detector.
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	zw.Write(make([]byte, 64<<20))
	zw.Close()
	bomb := zipped.Bytes()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		b := broken
		mu.Unlock()
		switch {
		case r.URL.Path == "/good":
			w.Write(good)
		case r.URL.Path == "/breaks":
			if b {
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte("<html><body>502 from a proxy</body></html>"))
				return
			}
			w.Write(rss("Breaks later", items("later", 4)))
		case r.URL.Path == "/status":
			w.WriteHeader(http.StatusInternalServerError)
		case r.URL.Path == "/loop":
			http.Redirect(w, r, "/loop2", http.StatusFound)
		case r.URL.Path == "/loop2":
			http.Redirect(w, r, "/loop", http.StatusFound)
		case r.URL.Path == "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb)
		default:
			d, ok := bodies[r.URL.Path]
			if !ok {
				http.NotFound(w, r)
				return
			}
			w.Header().Set("Content-Type", d.contentType)
			w.Write([]byte(d.body))
		}
	}))
	defer srv.Close()

	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(good) }))
	tlsSrv.Config.ErrorLog = log.New(devNull{}, "", 0)
	tlsSrv.StartTLS()
	defer tlsSrv.Close()

	// Accepts connections and never answers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var conns []net.Conn
	var connsMu sync.Mutex
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			connsMu.Lock()
			conns = append(conns, c)
			connsMu.Unlock()
		}
	}()
	defer func() {
		connsMu.Lock()
		for _, c := range conns {
			c.Close()
		}
		connsMu.Unlock()
	}()

	st := openStore(t)
	e := &Engine{Store: st, Fetcher: &feed.Fetcher{
		// The silent server times out; the cap is small enough that the
		// bomb is found out well within that time, even under -race.
		Timeout:  500 * time.Millisecond,
		MaxBytes: 1 << 20,
		Client:   &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{}, DisableCompression: true}},
	}}
	want := map[string]string{
		srv.URL + "/html":                          "not an RSS, Atom or JSON feed",
		srv.URL + "/malformed":                     "malformed feed",
		srv.URL + "/empty":                         "empty document",
		srv.URL + "/not-jsonfeed":                  "JSON, but not a JSON Feed",
		srv.URL + "/bad-json":                      "malformed JSON",
		srv.URL + "/escape-title":                  "not an RSS, Atom or JSON feed",
		srv.URL + "/status":                        "HTTP 500 Internal Server Error",
		srv.URL + "/loop":                          "too many redirects: loops back to",
		srv.URL + "/bomb":                          "larger than 1 MiB once decompressed",
		tlsSrv.URL:                                 "TLS: certificate signed by an unknown authority",
		"http://" + ln.Addr().String() + "/silent": "timed out after 500ms waiting for a response",
	}
	oks := []string{srv.URL + "/good", srv.URL + "/wrong-type", srv.URL + "/breaks"}
	var sources []string
	for s := range want {
		sources = append(sources, s)
	}
	sources = append(sources, oks...)

	start := time.Now()
	sum := e.All(ctx, sources, nil)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("refresh took %v", d)
	}
	if sum.OK != len(oks) || sum.Failed != len(want) {
		t.Errorf("summary %s: want %d ok, %d failed", sum, len(oks), len(want))
	}
	for _, r := range sum.Results {
		w, bad := want[r.Source]
		switch {
		case !bad && r.Status != OK:
			t.Errorf("%s: %v, %v", r.Source, r.Status, r.Err)
		case bad && (r.Status != Failed || r.Err == nil || !strings.Contains(r.Err.Error(), w)):
			t.Errorf("%s: %v, %v; want failed with %q", r.Source, r.Status, r.Err, w)
		case bad && !cleanLine(r.Err.Error()):
			t.Errorf("%s: error %+q is not one clean line", r.Source, r.Err)
		}
	}
	feeds, err := st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if _, bad := want[f.URL]; bad && (f.LastError == "" || !cleanLine(f.LastError)) {
			t.Errorf("%s: stored error %+q", f.URL, f.LastError)
		}
	}

	// The feed that worked breaks: its items stay, with its error.
	mu.Lock()
	broken = true
	mu.Unlock()
	r := e.One(ctx, srv.URL+"/breaks")
	if r.Status != Failed || !strings.Contains(r.Err.Error(), "not an RSS, Atom or JSON feed") {
		t.Errorf("broken feed: %v, %v", r.Status, r.Err)
	}
	kept, err := st.Items(ctx, store.Query{FeedURLs: []string{srv.URL + "/breaks"}})
	if err != nil || len(kept) != 4 {
		t.Errorf("the broken feed's items: %d, %v; want the 4 stored before", len(kept), err)
	}
}

func cleanLine(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }) &&
		!strings.Contains(s, "PWNED") && len(s) < 1000
}

type devNull struct{}

func (devNull) Write(p []byte) (int, error) { return len(p), nil }
