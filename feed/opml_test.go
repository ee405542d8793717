package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "subscriptions", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseOPMLFixture(t *testing.T) {
	imp, err := ParseSubscriptionList(readFixture(t, "nested.opml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{URL: "https://feeds.bbci.co.uk/arabic/rss.xml", Title: "BBC عربي", Tags: []string{"News"}},
		{URL: "https://www.aljazeera.net/aljazeerarss/a7c186be-1baa-4bd4-9d80-a84db769f779/73d0e1b4-532f-45ef-b135-bfdff8b8cab9",
			Title: "الجزيرة نت", Tags: []string{"News", "Arabic", "world"}},
		{URL: "https://example.com/tj.xml?a=1&b=2", Title: "Tom & Jerry\u00a0Weekly", Tags: []string{"News"}},
		{URL: "https://blog.example.org/atom.xml", Tags: []string{"Tech", "Go", "Weekly"}},
		{URL: "https://example.net/feed", Title: "Tech lead", Tags: []string{"Tech"}},
		{URL: "/var/feeds/local.xml", Title: "Local"},
	}
	if imp.Format != "OPML" {
		t.Errorf("format %q", imp.Format)
	}
	if !reflect.DeepEqual(imp.Feeds, want) {
		t.Errorf("feeds:\n%s\nwant:\n%s", dump(imp.Feeds), dump(want))
	}
	wantSkipped := []Skipped{
		{Source: "A note, not a feed", Reason: "no xmlUrl"},
		{Source: "exec:~/bin/news.sh", Reason: "exec:…", Unsupported: true},
	}
	if !reflect.DeepEqual(imp.Skipped, wantSkipped) {
		t.Errorf("skipped %+v, want %+v", imp.Skipped, wantSkipped)
	}
}

func TestParseOPML1Latin1(t *testing.T) {
	imp, err := ParseSubscriptionList(readFixture(t, "latin1-v1.opml"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{URL: "http://cafe.example/rss", Title: "Café news"},
		{URL: "http://plain.example/rss.xml", Title: "Plain", Tags: []string{"Blogs"}},
	}
	if !reflect.DeepEqual(imp.Feeds, want) {
		t.Errorf("feeds:\n%s\nwant:\n%s", dump(imp.Feeds), dump(want))
	}
}

func TestParseNewsboatFixture(t *testing.T) {
	imp, err := ParseSubscriptionList(readFixture(t, "urls"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{URL: "https://feeds.bbci.co.uk/arabic/rss.xml", Title: "BBC عربي", Tags: []string{"news", "arabic"}},
		{URL: "https://example.com/tj.xml?a=1&b=2", Title: `Tom "TJ" & Jerry`, Tags: []string{"world news"}},
		{URL: "http://plain.example/rss.xml"},
		{URL: "https://example.org/hidden.xml", Tags: []string{"tech"}},
		{URL: "https://example.net/feed#frag", Tags: []string{"Tech", "tech"}},
	}
	if imp.Format != "newsboat urls" {
		t.Errorf("format %q", imp.Format)
	}
	if !reflect.DeepEqual(imp.Feeds, want) {
		t.Errorf("feeds:\n%s\nwant:\n%s", dump(imp.Feeds), dump(want))
	}
	wantSkipped := []Skipped{
		{Line: 7, Source: `query:Unread Articles:unread = "yes"`, Reason: "query:…"},
		{Line: 8, Source: "exec:~/bin/make-feed.sh", Reason: "exec:…", Unsupported: true},
		{Line: 9, Source: "exec:~/bin/other feed.sh", Reason: "exec:…", Unsupported: true},
		{Line: 10, Source: "filter:~/bin/fix.rb:https://broken.example/feed", Reason: "filter:…", Unsupported: true},
	}
	if !reflect.DeepEqual(imp.Skipped, wantSkipped) {
		t.Errorf("skipped:\n%+v\nwant:\n%+v", imp.Skipped, wantSkipped)
	}
}

func TestNewsboatTokens(t *testing.T) {
	for line, want := range map[string][]string{
		`   `:                         nil,
		`# all comment`:               nil,
		`http://a/b#frag tag #c`:      {"http://a/b#frag", "tag"},
		`"a b" c"d e"f`:               {"a b", "cd ef"},
		`"\"q\" \\ \n"`:               {`"q" \ \n`},
		"x\t\ty":                      {"x", "y"},
		`"unterminated quote at end`:  {"unterminated quote at end"},
		`http://a "" "~"`:             {"http://a", "", "~"},
		`"query:n:tags # \"x\"" rest`: {`query:n:tags # "x"`, "rest"},
	} {
		if got := newsboatTokens(line); !reflect.DeepEqual(got, want) {
			t.Errorf("newsboatTokens(%q) = %q, want %q", line, got, want)
		}
	}
}

func TestParseSubscriptionListRejectsOtherXML(t *testing.T) {
	_, err := ParseSubscriptionList([]byte(`<?xml version="1.0"?><rss version="2.0"><channel/></rss>`))
	if err == nil || !strings.Contains(err.Error(), "not OPML") {
		t.Errorf("err = %v", err)
	}
	if _, err := ParseSubscriptionList([]byte("<opml><body><outline")); err == nil {
		t.Error("truncated OPML accepted")
	}
}

// roundTripSubs exercises everything export has to carry.
var roundTripSubs = []Subscription{
	{URL: "https://feeds.bbci.co.uk/arabic/rss.xml", Title: "BBC عربي", Tags: []string{"news", "ar"}},
	{URL: "https://example.com/a?x=1&y=<2>", Title: `Tom & "Jerry" <b>`, Tags: []string{"news", "fun"}},
	{URL: "https://example.com/untitled"},
	{URL: "https://example.com/paths", Tags: []string{"a/b", "c,d", "news"}},
	{URL: "https://example.com/after", Tags: []string{"a/b", "x"}},
	{URL: "https://example.com/again", Tags: []string{"news"}},
	{URL: "https://example.com/rtl", Title: "מבזקים", Direction: "rtl"},
	{URL: "https://example.com/full", Title: "Full", FullText: true, Strip: []string{"<p>اقرأ أيضا: \"x\" & y</p>", "Follow us\non X"}},
	{URL: "/home/me/feeds/local.xml", Title: "tab\tand\nnewline", Tags: []string{"local"}},
	{URL: "https://example.com/c1", Title: "c1 \u009b and del \x7f", Tags: []string{"x\u0085y"}},
}

func TestOPMLRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteOPML(&buf, roundTripSubs); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	imp, err := ParseSubscriptionList(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !reflect.DeepEqual(imp.Feeds, roundTripSubs) || len(imp.Skipped) > 0 {
		t.Errorf("round trip:\n%s\nwant:\n%s\nOPML:\n%s", dump(imp.Feeds), dump(roundTripSubs), out)
	}
	if bytes.ContainsAny(out, "\x1b\x7f\u009b\u0085") {
		t.Errorf("raw control characters in the export:\n%q", out)
	}
}

func TestWriteOPMLIsOPML2(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteOPML(&buf, roundTripSubs); err != nil {
		t.Fatal(err)
	}
	type outline struct {
		Text     *string   `xml:"text,attr"`
		Type     string    `xml:"type,attr"`
		XMLURL   string    `xml:"xmlUrl,attr"`
		Outlines []outline `xml:"outline"`
	}
	var doc struct {
		XMLName xml.Name `xml:"opml"`
		Version string   `xml:"version,attr"`
		Head    struct {
			Title string `xml:"title"`
		} `xml:"head"`
		Body struct {
			Outlines []outline `xml:"outline"`
		} `xml:"body"`
	}
	d := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	d.Strict = true
	if err := d.Decode(&doc); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, buf.String())
	}
	if !strings.HasPrefix(buf.String(), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Error("no XML declaration")
	}
	if doc.Version != "2.0" || doc.Head.Title != "nashra subscriptions" {
		t.Errorf("version %q, title %q", doc.Version, doc.Head.Title)
	}
	var feeds int
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			if o.Text == nil || *o.Text == "" {
				t.Errorf("an outline without text (OPML 2.0 requires it): %+v", o)
			}
			if o.XMLURL != "" {
				feeds++
				if o.Type != "rss" {
					t.Errorf("feed outline of type %q", o.Type)
				}
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body.Outlines)
	if feeds != len(roundTripSubs) {
		t.Errorf("%d feed outlines, want %d", feeds, len(roundTripSubs))
	}
	// The first tag is also a folder, for readers that know only folders.
	if !strings.Contains(buf.String(), `<outline text="news" title="news">`) {
		t.Errorf("no folder for the first tag:\n%s", buf.String())
	}
}

func TestWriteOPMLEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteOPML(&buf, nil); err != nil {
		t.Fatal(err)
	}
	imp, err := ParseOPML(&buf)
	if err != nil || len(imp.Feeds) != 0 {
		t.Errorf("%+v %v", imp, err)
	}
}

func TestClassifySource(t *testing.T) {
	for _, tc := range []struct {
		in, url, reason string
		unsupported     bool
	}{
		{"https://a.example/x", "https://a.example/x", "", false},
		{" HTTP://A.example/x ", "HTTP://A.example/x", "", false},
		{"http://", "", "not a URL", false},
		{"query:x:y", "", "query:…", false},
		{"Exec:cmd", "", "exec:…", true},
		{"filter:a:b", "", "filter:…", true},
		{"ftp://x/y", "", "ftp:…", true},
		{"file:///tmp/x.xml", "/tmp/x.xml", "", false},
		{"file://host/x.xml", "", "file:…", true},
		{"/abs/path.xml", "/abs/path.xml", "", false},
		{"relative/path.xml", "", "not a URL", false},
	} {
		u, skip := classifySource(tc.in, true)
		if u != tc.url || (skip == nil) != (tc.reason == "") ||
			skip != nil && (skip.Reason != tc.reason || skip.Unsupported != tc.unsupported) {
			t.Errorf("classifySource(%q) = %q, %+v", tc.in, u, skip)
		}
	}
}

func dump(subs []Subscription) string {
	var b strings.Builder
	for _, s := range subs {
		b.WriteString("  ")
		b.WriteString(strings.ReplaceAll(strings.TrimSpace(strings.ReplaceAll(
			// one line per subscription, quoted so invisible differences show
			strings.Join([]string{s.URL, s.Title, strings.Join(s.Tags, "|"), s.Direction, fmt.Sprint(s.FullText), strings.Join(s.Strip, "|")}, " · "), "\n", `\n`)), "\t", `\t`))
		b.WriteString("\n")
	}
	return b.String()
}
