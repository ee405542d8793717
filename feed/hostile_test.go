package feed

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

func encodeTo(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	out, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func rssWith(prolog, title string) string {
	return prolog + `<rss version="2.0"><channel><title>` + title + `</title><item><title>` + title + `</title><link>https://x.example/1</link></item></channel></rss>`
}

// The charset of the HTTP Content-Type decides, then the XML prolog, and
// the two usual server mistakes are forgiven.
func TestCharsetFromHeaderAndProlog(t *testing.T) {
	const arabic, hebrew = "أخبار اليوم", "חדשות היום"
	win1256 := encodeTo(t, charmap.Windows1256, rssWith("", arabic))
	win1256Prolog := encodeTo(t, charmap.Windows1256, rssWith(`<?xml version="1.0" encoding="windows-1256"?>`, arabic))
	iso88598 := encodeTo(t, charmap.ISO8859_8, rssWith("", hebrew))
	utf16 := append([]byte{0xff, 0xfe}, encodeTo(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), rssWith(`<?xml version="1.0" encoding="UTF-16"?>`, arabic))...)
	utf8Body := []byte(rssWith(`<?xml version="1.0" encoding="UTF-8"?>`, arabic))
	// A prolog that says windows-1256 over a body a proxy re-encoded
	// as UTF-8, with the header saying so: the header is right.
	recoded := []byte(rssWith(`<?xml version="1.0" encoding="windows-1256"?>`, arabic))

	type doc struct {
		contentType string
		body        []byte
		want        string
	}
	docs := map[string]doc{
		"/header-1256":           {"application/rss+xml; charset=windows-1256", win1256, arabic},
		"/header-iso-8859-8":     {"text/xml; charset=ISO-8859-8", iso88598, hebrew},
		"/prolog-1256":           {"application/xml", win1256Prolog, arabic},
		"/utf8-header-lies":      {"text/xml; charset=utf-8", win1256Prolog, arabic},
		"/latin1-header-lies":    {"text/xml; charset=ISO-8859-1", utf8Body, arabic},
		"/header-beats-prolog":   {"text/xml; charset=utf-8", recoded, arabic},
		"/utf16-bom":             {"application/xml", utf16, arabic},
		"/quoted-charset":        {`application/rss+xml; charset="windows-1256"`, win1256, arabic},
		"/unknown-charset":       {"application/rss+xml; charset=x-nonsense", utf8Body, arabic},
		"/wrong-type-right-body": {"text/html; charset=windows-1256", win1256, arabic},
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := docs[r.URL.Path]
		w.Header().Set("Content-Type", d.contentType)
		w.Write(d.body)
	}))
	defer srv.Close()
	f := &Fetcher{}
	for path, d := range docs {
		fd, err := f.Fetch(context.Background(), srv.URL+path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if fd.Title != d.want || len(fd.Items) != 1 || fd.Items[0].Title != d.want {
			t.Errorf("%s: title %q, items %+v; want %q", path, fd.Title, fd.Items, d.want)
		}
	}
	// A file has no header: its prolog decides.
	fd, err := Parse(bytes.NewReader(win1256Prolog), "file.xml")
	if err != nil || fd.Title != arabic {
		t.Errorf("file with a windows-1256 prolog: %q, %v", fd.Title, err)
	}
	// What Download hands on says what it is: UTF-8 now.
	d, err := f.Download(context.Background(), srv.URL+"/header-1256", Validators{})
	if err != nil || !utf8.Valid(d.Data) || d.ContentType != "application/rss+xml; charset=utf-8" {
		t.Errorf("download: %q, %q, %v", d.Data, d.ContentType, err)
	}
	if fd, err := ParseContent(bytes.NewReader(d.Data), "x", d.ContentType); err != nil || fd.Title != arabic {
		t.Errorf("ParseContent of a download: %q, %v", fd.Title, err)
	}
}

// Invalid UTF-8 is repaired, never stored raw, and does not cost the feed.
func TestInvalidUTF8IsRepaired(t *testing.T) {
	doc := "<rss version=\"2.0\"><channel><title>bad \xff\xfe bytes \xc3</title><item><title>x\x80y \xe2\x82</title><link>https://x.example/1</link><description>&lt;p&gt;\xf0\x9f&lt;/p&gt;</description></item></channel></rss>"
	f, err := Parse(strings.NewReader(doc), "bad.xml")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{f.Title, f.Items[0].Title, f.Items[0].Content} {
		if !utf8.ValidString(s) || !strings.Contains(s, "\uFFFD") {
			t.Errorf("%+q: want valid UTF-8 with U+FFFD", s)
		}
	}
	if f.Title != "bad \uFFFD\uFFFD bytes \uFFFD" {
		t.Errorf("title %+q", f.Title)
	}
}

// A DTD's entities are never expanded: the billion laughs stay three
// words, quickly and in little memory.
func TestBillionLaughs(t *testing.T) {
	var doc strings.Builder
	doc.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol \"lol\">\n")
	prev := "lol"
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&doc, " <!ENTITY lol%d \"%s\">\n", i, strings.Repeat("&"+prev+";", 10))
		prev = fmt.Sprintf("lol%d", i)
	}
	doc.WriteString("]>\n<rss version=\"2.0\"><channel><title>a &lol9; b</title><item><title>&lol9;</title><description>&lol9;&lol9;&lol9;</description></item></channel></rss>")
	// Also as an external entity: nothing is fetched or read.
	external := `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>x &xxe; y</title><item><title>t</title></item></channel></rss>`
	for name, d := range map[string]string{"laughs": doc.String(), "external": external} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		f, err := Parse(strings.NewReader(d), name)
		elapsed := time.Since(start)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if elapsed > time.Second || after.TotalAlloc-before.TotalAlloc > 10<<20 {
			t.Errorf("%s: %v and %d bytes", name, elapsed, after.TotalAlloc-before.TotalAlloc)
		}
		for _, s := range []string{f.Title, f.Items[0].Title, f.Items[0].Content} {
			if len(s) > 100 || strings.Contains(s, "lollol") || strings.Contains(s, "root:") {
				t.Errorf("%s: an entity was expanded: %.100q", name, s)
			}
		}
	}
}

// A feed of more than MaxItems items keeps the newest MaxItems, in the
// feed's order; a title of 10 MB on one line is cut to MaxTitleRunes.
func TestFeedLimits(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<rss version="2.0"><channel><title>many</title>`)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	n := MaxItems + 2000
	for i := range n {
		// Dates neither ascending nor descending: item i is i hours
		// after base, listed in a scrambled order.
		j := (i * 7919) % n
		fmt.Fprintf(&b, `<item><guid>g%d</guid><title>t%d</title><pubDate>%s</pubDate></item>`, j, j, base.Add(time.Duration(j)*time.Hour).Format(time.RFC1123Z))
	}
	b.WriteString(`<item><guid>undated</guid><title>undated</title></item>`)
	b.WriteString(`</channel></rss>`)
	f, err := Parse(strings.NewReader(b.String()), "many.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Items) != MaxItems {
		t.Fatalf("%d items, want %d", len(f.Items), MaxItems)
	}
	oldestKept := base.Add(time.Duration(n-MaxItems+1) * time.Hour)
	undated := false
	for _, it := range f.Items {
		if it.Published.IsZero() {
			undated = true
			continue
		}
		if it.Published.Before(oldestKept) {
			t.Fatalf("kept %s from %v, older than the newest %d", it.Title, it.Published, MaxItems)
		}
	}
	if !undated {
		t.Error("the undated item (new to the store) was dropped")
	}

	long := strings.Repeat("عنوان طويل جدا ", 10<<20/len("عنوان طويل جدا ")) // one line of 10 MB
	short := long[:100<<10]
	doc := `<rss version="2.0"><channel><title>` + short + `</title><item><title>` + long + `</title><author>` + short + `</author><guid>` + short + `</guid><link>https://x.example/` + strings.Repeat("a", 10<<10) + `</link><description>` + short + `</description></item></channel></rss>`
	start := time.Now()
	f, err = Parse(strings.NewReader(doc), "long.xml")
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("parsing a document with a 10 MB line took %v", d)
	}
	it := f.Items[0]
	for what, s := range map[string]string{"feed title": f.Title, "title": it.Title, "author": it.Author} {
		if n := utf8.RuneCountInString(s); n != MaxTitleRunes || !strings.HasSuffix(s, "…") {
			t.Errorf("%s: %d runes, want %d ending in …", what, n, MaxTitleRunes)
		}
	}
	if len(it.GUID) > MaxGUIDBytes || !strings.HasPrefix(it.GUID, "sha256:") {
		t.Errorf("GUID of %d bytes: %.40q", len(it.GUID), it.GUID)
	}
	if it.Link != "" {
		t.Errorf("a 10 kB link was kept (%d bytes)", len(it.Link))
	}
}

// A gzip stream that inflates to 2 GB is cut at the cap, fast and without
// reading it all; the server compresses only what is read.
func TestGzipBombIsCut(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
		zeros := make([]byte, 1<<20)
		for range 2048 { // 2 GB
			if _, err := zw.Write(zeros); err != nil {
				return
			}
		}
		zw.Close()
	}))
	defer srv.Close()
	start := time.Now()
	_, err := (&Fetcher{}).Download(context.Background(), srv.URL, Validators{})
	if err == nil || !strings.Contains(err.Error(), "larger than 20 MiB once decompressed") {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// A server that drips its body a byte at a time is cut off at the
// timeout, with a message saying so.
func TestDripFeedTimesOut(t *testing.T) {
	done := make(chan struct{})
	defer close(done)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, c := range []byte(rssWith("", "drip")) {
			w.Write([]byte{c})
			w.(http.Flusher).Flush()
			select {
			case <-time.After(50 * time.Millisecond):
			case <-done:
				return
			case <-r.Context().Done():
				return
			}
		}
	}))
	defer srv.Close()
	start := time.Now()
	_, err := (&Fetcher{Timeout: 300 * time.Millisecond}).Fetch(context.Background(), srv.URL)
	if err == nil || err.Error() != srv.URL+": timed out after 300ms reading the response" {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("gave up after %v", d)
	}
}

// What a server says — a status line, a header — is cleaned before it
// becomes part of an error message.
func TestServerTextInErrorsIsCleaned(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				br := bufio.NewReader(c)
				line, _ := br.ReadString('\n')
				for {
					l, err := br.ReadString('\n')
					if err != nil || l == "\r\n" {
						break
					}
				}
				switch {
				case strings.Contains(line, "/status"):
					fmt.Fprint(c, "HTTP/1.1 503 Busy \x1b]0;PWNED-status\x07now \u009b2J\x1b[31mred\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
				case strings.Contains(line, "/encoding"):
					fmt.Fprint(c, "HTTP/1.1 200 OK\r\nContent-Encoding: x\u009d52;c;e\u009c\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx")
				case strings.Contains(line, "/header"):
					fmt.Fprint(c, "HTTP/1.1 200 OK\r\nX-Evil: x\x1b]52;c;e\x07\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx")
				}
			}()
		}
	}()
	base := "http://" + ln.Addr().String()
	for path, want := range map[string]string{
		"/status":   base + "/status: HTTP 503 Busy now red",
		"/encoding": base + `/encoding: unsupported Content-Encoding "x`, // quoted by %q
		"/header":   base + "/header: ",                                  // quoted by net/http
	} {
		_, err := (&Fetcher{Timeout: 2 * time.Second}).Download(context.Background(), base+path, Validators{})
		if err == nil || !strings.HasPrefix(err.Error(), want) || strings.ContainsFunc(err.Error(), func(r rune) bool { return r < 0x20 || (r >= 0x7f && r <= 0x9f) }) {
			t.Errorf("%s: err = %+q, want it to start %q and be clean", path, err, want)
		}
		if path == "/status" && strings.Contains(err.Error(), "PWNED") {
			t.Errorf("%s: the status line's escape sequence shows as text: %q", path, err)
		}
	}
}
