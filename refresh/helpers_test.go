package refresh

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"nashra/feed"
	"nashra/store"
)

var ctx = context.Background()

// item is one entry of a generated RSS document.
type item struct {
	guid, title, content string
	published            time.Time
}

var base = time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)

// items makes n items whose GUIDs start with prefix, newest first.
func items(prefix string, n int) []item {
	out := make([]item, n)
	for i := range n {
		out[i] = item{
			guid:      fmt.Sprintf("%s-%d", prefix, n-i),
			title:     fmt.Sprintf("%s item %d", prefix, n-i),
			content:   fmt.Sprintf("<p>body of %s %d</p>", prefix, n-i),
			published: base.Add(time.Duration(n-i) * time.Minute),
		}
	}
	return out
}

// rss writes an RSS 2.0 document.
func rss(title string, its []item) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>%s</title><link>https://example.test/</link>\n", html.EscapeString(title))
	for _, it := range its {
		fmt.Fprintf(&b, "<item><guid>%s</guid><title>%s</title><description>%s</description><pubDate>%s</pubDate></item>\n",
			html.EscapeString(it.guid), html.EscapeString(it.title), html.EscapeString(it.content), it.published.Format(time.RFC1123Z))
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

// loopbackClient dials every host to addr, so that a.test, b.test, … are
// different hosts to the engine and one server to the test.
func loopbackClient(addr string) *http.Client {
	d := &net.Dialer{Timeout: time.Second}
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConns:        1000,
		MaxIdleConnsPerHost: DefaultPerHost,
		DisableCompression:  true,
	}}
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "nashra.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// server starts an httptest server that is torn down with the test, with
// its error log silenced (timeouts make it talk).
func server(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = logDiscard()
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// countParses counts calls to feed.Parse made by the engine for the rest of
// the test.
func countParses(t testing.TB) *atomic.Int64 {
	var n atomic.Int64
	old := parse
	parse = func(r io.Reader, source string) (feed.Feed, error) {
		n.Add(1)
		return old(r, source)
	}
	t.Cleanup(func() { parse = old })
	return &n
}

func feedRow(t testing.TB, s *store.Store, url string) store.Feed {
	t.Helper()
	feeds, err := s.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.URL == url {
			return f
		}
	}
	t.Fatalf("no stored feed %s", url)
	return store.Feed{}
}

func storedItems(t testing.TB, s *store.Store, urls ...string) []store.Item {
	t.Helper()
	its, err := s.Items(ctx, store.Query{FeedURLs: urls})
	if err != nil {
		t.Fatal(err)
	}
	return its
}

func byKey(its []store.Item) map[string]store.Item {
	m := map[string]store.Item{}
	for _, it := range its {
		m[it.Key] = it
	}
	return m
}

// inflight counts requests in progress at a server, overall and per Host
// header, and remembers the highest counts seen.
type inflight struct {
	mu               sync.Mutex
	now, max         int
	perHost, hostMax map[string]int
	total            int
}

func (c *inflight) enter(host string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.perHost == nil {
		c.perHost, c.hostMax = map[string]int{}, map[string]int{}
	}
	c.now++
	c.total++
	c.max = max(c.max, c.now)
	c.perHost[host]++
	c.hostMax[host] = max(c.hostMax[host], c.perHost[host])
}

func (c *inflight) leave(host string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now--
	c.perHost[host]--
}
