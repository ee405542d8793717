package feed

import (
	"strings"
	"testing"
)

// TestRelativeItemLinksAreResolved: an item's relative link is made
// absolute against the feed's address (or, for a file, its site's link),
// so that o opens it and f can fetch its page.
func TestRelativeItemLinksAreResolved(t *testing.T) {
	rss := `<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><link>https://site.example/news/</link>
<item><title>a</title><guid>a</guid><link>sub/page.html</link></item>
<item><title>b</title><guid>b</guid><link>/root.html</link></item>
<item><title>c</title><guid>c</guid><link>https://elsewhere.example/c</link></item>
</channel></rss>`
	atom := `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>
<entry><title>a</title><id>urn:1</id><link href="/relative-link.html"/></entry></feed>`
	for _, tc := range []struct {
		doc, source string
		want        []string
	}{
		{rss, "https://feeds.example/feeds/rss.xml", []string{"https://feeds.example/feeds/sub/page.html", "https://feeds.example/root.html", "https://elsewhere.example/c"}},
		{rss, "/home/user/saved.xml", []string{"https://site.example/news/sub/page.html", "https://site.example/root.html", "https://elsewhere.example/c"}},
		{atom, "https://feeds.example/atom.xml", []string{"https://feeds.example/relative-link.html"}},
		{atom, "/home/user/saved.atom", []string{"/relative-link.html"}}, // nothing to resolve against
	} {
		f, err := Parse(strings.NewReader(tc.doc), tc.source)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range f.Items {
			got = append(got, it.Link)
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: links %q, want %q", tc.source, got, tc.want)
		}
	}
}
