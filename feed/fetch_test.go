package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// gzipped compresses data at test time.
func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bomb is 100 MiB of zeros, gzipped (about 125 KiB).
func bomb(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range 100 {
		w.Write(zeros)
	}
	w.Close()
	return b.Bytes()
}

func TestDownloadConditional(t *testing.T) {
	const etag, lastMod = `"v1"`, "Mon, 02 Feb 2026 10:00:00 GMT"
	var inm, ims []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		inm = append(inm, r.Header.Get("If-None-Match"))
		ims = append(ims, r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		fmt.Fprint(w, atomDoc)
	}))
	defer srv.Close()
	f := &Fetcher{}
	d, err := f.Download(context.Background(), srv.URL, Validators{})
	if err != nil || d.NotModified || len(d.Data) == 0 {
		t.Fatalf("first download: %+v, %v", d, err)
	}
	if d.Validators != (Validators{etag, lastMod}) {
		t.Errorf("validators %+v", d.Validators)
	}
	d2, err := f.Download(context.Background(), srv.URL, d.Validators)
	if err != nil || !d2.NotModified || d2.Data != nil {
		t.Fatalf("second download: %+v, %v; want 304 without data", d2, err)
	}
	if inm[0] != "" || ims[0] != "" || inm[1] != etag || ims[1] != lastMod {
		t.Errorf("If-None-Match %q, If-Modified-Since %q: want none, then the validators", inm, ims)
	}
}

func TestDownloadGzipAndCaps(t *testing.T) {
	doc := []byte(atomDoc)
	big := bytes.Repeat([]byte("x"), 2<<20)
	bombData := bomb(t)
	noise := make([]byte, 2<<20)
	rand.NewChaCha8([32]byte{1}).Read(noise)
	var acceptEncoding string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/gzip":
			acceptEncoding = r.Header.Get("Accept-Encoding")
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, doc))
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bombData)
		case "/big": // with a Content-Length
			w.Header().Set("Content-Length", fmt.Sprint(len(big)))
			w.Write(big)
		case "/big-chunked":
			w.Write(big[:1000])
			w.(http.Flusher).Flush()
			w.Write(big[1000:])
		case "/big-gzip": // incompressible: over the cap before decompression too
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(gzipped(t, noise))
		case "/not-gzip":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(doc)
		case "/brotli":
			w.Header().Set("Content-Encoding", "br")
			w.Write(doc)
		}
	}))
	defer srv.Close()
	f := &Fetcher{MaxBytes: 1 << 20}
	d, err := f.Download(context.Background(), srv.URL+"/gzip", Validators{})
	if err != nil || !bytes.Equal(d.Data, doc) {
		t.Fatalf("gzip: %q, %v", d.Data, err)
	}
	if acceptEncoding != "gzip" {
		t.Errorf("Accept-Encoding %q, want gzip", acceptEncoding)
	}
	for path, want := range map[string]string{
		"/bomb":        "larger than 1 MiB once decompressed",
		"/big":         "larger than 1 MiB",
		"/big-chunked": "larger than 1 MiB",
		"/big-gzip":    "larger than 1 MiB",
		"/not-gzip":    "not valid gzip",
		"/brotli":      `unsupported Content-Encoding "br"`,
	} {
		start := time.Now()
		_, err := f.Download(context.Background(), srv.URL+path, Validators{})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.HasPrefix(err.Error(), srv.URL+path+": ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: err = %v, want one line naming the URL and saying %q", path, err, want)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s took %v", path, d)
		}
	}
}

// redirector serves path → (status, location) hops, and a feed anywhere else.
func redirector(t *testing.T, hops map[string][2]string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h, ok := hops[r.URL.Path]; ok {
			var code int
			fmt.Sscan(h[0], &code)
			http.Redirect(w, r, h[1], code)
			return
		}
		fmt.Fprint(w, atomDoc)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDownloadRedirects(t *testing.T) {
	srv := redirector(t, map[string][2]string{
		"/301":      {"301", "/feed"},
		"/308":      {"308", "/feed"},
		"/302":      {"302", "/feed"},
		"/307":      {"307", "/feed"},
		"/301-302":  {"301", "/302"}, // moved for good to /302, which redirects for now
		"/302-301":  {"302", "/301"}, // a temporary detour: the address stays
		"/301-301":  {"301", "/308"}, // moved twice: the last permanent hop counts
		"/loop-a":   {"302", "/loop-b"},
		"/loop-b":   {"302", "/loop-a"},
		"/r1":       {"302", "/r2"},
		"/r2":       {"302", "/r3"},
		"/r3":       {"302", "/r4"},
		"/r4":       {"302", "/r5"},
		"/r5":       {"302", "/feed"}, // /r1 takes exactly 5 redirects
		"/r0":       {"302", "/r1"},   // 6
		"/self":     {"301", "/self"},
		"/no-where": {"301", ""},
	})
	f := &Fetcher{}
	for path, moved := range map[string]string{
		"/301": "/feed", "/308": "/feed", "/302": "", "/307": "",
		"/301-302": "/302", "/302-301": "", "/301-301": "/feed", "/r1": "",
	} {
		d, err := f.Download(context.Background(), srv.URL+path, Validators{})
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		want := ""
		if moved != "" {
			want = srv.URL + moved
		}
		if d.MovedTo != want {
			t.Errorf("%s: MovedTo %q, want %q", path, d.MovedTo, want)
		}
	}
	for path, want := range map[string]string{
		"/loop-a": "too many redirects: loops back to " + srv.URL + "/loop-a",
		"/self":   "too many redirects: loops back to " + srv.URL + "/self",
		"/r0":     "too many redirects (more than 5)",
	} {
		_, err := f.Download(context.Background(), srv.URL+path, Validators{})
		if err == nil || err.Error() != srv.URL+path+": "+want {
			t.Errorf("%s: err = %v, want %q", path, err, want)
		}
	}
}

func TestDownloadTimeouts(t *testing.T) {
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow-body" {
			w.Write([]byte(atomDoc[:100]))
			w.(http.Flusher).Flush()
		}
		select {
		case <-done:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(done)

	// A listener that accepts connections and never says a word.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
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
	defer conns.Range(func(c, _ any) bool { c.(net.Conn).Close(); return true })

	f := &Fetcher{Timeout: 200 * time.Millisecond}
	for url, want := range map[string]string{
		srv.URL + "/slow-headers":      "timed out after 200ms waiting for a response",
		srv.URL + "/slow-body":         "timed out after 200ms reading the response",
		"http://" + ln.Addr().String(): "timed out after 200ms waiting for a response",
	} {
		start := time.Now()
		_, err := f.Download(context.Background(), url, Validators{})
		if err == nil || err.Error() != url+": "+want {
			t.Errorf("%s: err = %v, want %q", url, err, want)
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("%s: gave up after %v", url, d)
		}
	}
}

func TestDownloadConnectTimeoutMessage(t *testing.T) {
	// NewClient's dialer carries the connect timeout.
	tr := NewClient(123 * time.Millisecond).Transport.(*http.Transport)
	if tr.DisableCompression != true || tr.DialContext == nil {
		t.Fatalf("transport %+v", tr)
	}
	// A dial that times out reads as such, with the limit.
	f := &Fetcher{ConnectTimeout: 50 * time.Millisecond}
	err := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 80}, Err: timeoutError{}}
	if got, problem := f.describe(context.Background(), err, time.Second, ""); got != "could not connect to 192.0.2.1:80 within 50ms" || problem != ProblemUnreachable {
		t.Errorf("describe = %q, %v", got, problem)
	}
}

type timeoutError struct{}

func (timeoutError) Error() string { return "i/o timeout" }
func (timeoutError) Timeout() bool { return true }

func TestDownloadTLSAndStatus(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, atomDoc)
	}))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/gone" {
			w.WriteHeader(http.StatusGone)
			return
		}
		w.WriteHeader(http.StatusNotModified)
	}))
	defer plain.Close()
	f := &Fetcher{}
	for url, want := range map[string]string{
		tlsSrv.URL: "TLS: certificate signed by an unknown authority",
		"https://" + strings.TrimPrefix(plain.URL, "http://"): "TLS: the server did not answer in TLS",
		plain.URL + "/gone":        "HTTP 410 Gone",
		plain.URL + "/unasked-304": "HTTP 304 Not Modified to a request that was not conditional",
	} {
		_, err := f.Download(context.Background(), url, Validators{})
		if err == nil || !strings.HasPrefix(err.Error(), url+": "+want) {
			t.Errorf("%s: err = %v, want %q", url, err, want)
		}
	}
	// With the server's certificate trusted, the same URL works.
	if _, err := (&Fetcher{Client: tlsSrv.Client()}).Fetch(context.Background(), tlsSrv.URL); err != nil {
		t.Errorf("trusted TLS: %v", err)
	}
}

func TestSizeAndSeconds(t *testing.T) {
	for n, want := range map[int64]string{20 << 20: "20 MiB", 1 << 20: "1 MiB", 1024: "1 KiB", 1000: "1000 bytes", 1536 << 10: "1536 KiB"} {
		if got := size(n); got != want {
			t.Errorf("size(%d) = %q, want %q", n, got, want)
		}
	}
	for d, want := range map[time.Duration]string{30 * time.Second: "30s", 200 * time.Millisecond: "200ms", 2 * time.Minute: "2m", time.Hour: "1h", 90 * time.Second: "1m30s"} {
		if got := seconds(d); got != want {
			t.Errorf("seconds(%v) = %q, want %q", d, got, want)
		}
	}
}
