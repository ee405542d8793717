//go:build ignore

// gen writes the hostile feed corpus: feeds that try to act on the
// terminal (escape sequences in every field), to reverse their
// neighbours (unterminated bidi overrides), to break the parser or the
// database (NUL bytes, entity expansion, malformed and non-feed
// documents), and feeds in legacy encodings with real Arabic, Hebrew,
// Russian and Japanese text. Run it from this directory:
//
//	go run gen.go
//
// Every payload that would show text if a terminal obeyed it contains
// the word PWNED, so that a test can check none of it reaches the screen.
// Large inputs (a gzip bomb, 100,000 nested elements, a 10 MB line) are
// made by the tests themselves.
package main

import (
	"fmt"
	"os"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

// Escape sequences, 7- and 8-bit.
const (
	osc52  = "\x1b]52;c;UFdORUQtY2xpcGJvYXJk\x07"                   // write the clipboard ("PWNED-clipboard")
	osc0   = "\x1b]0;PWNED-window-title\x07"                        // rename the window
	osc2   = "\x1b]2;PWNED-window-title-2\x1b\\"                    // same, ended by ST
	osc8   = "\x1b]8;;file:///etc/PWNED\x07a-file-link\x1b]8;;\x07" // a hyperlink to a file
	csi    = "\x1b[2J\x1b[H\x1b[31;1m\x1b[?1049l\x1b[?25l"          // clear, home, red, leave the alternate screen, hide the cursor
	dcs    = "\x1bP+q50574e4544\x1b\\"                              // DCS (XTGETTCAP "PWNED")
	apc    = "\x1b_PWNED-apc\x1b\\"                                 // APC
	bare   = "\x1bc\x1b7\x1b="                                      // bare ESC: reset the terminal, save cursor, keypad mode
	c1csi  = "\u009b2J\u009b31m"                                    // 8-bit CSI
	c1osc  = "\u009d0;PWNED-c1-title\u009c"                         // 8-bit OSC ... ST
	rlo    = "\u202e"
	pdf    = "\u202c"
	nul    = "\x00"
	escAll = osc52 + osc0 + osc2 + csi + dcs + apc + bare + c1csi + c1osc
)

// xmlText escapes text for XML, leaving control characters raw (which is
// what makes the document hostile).
func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}

func write(name, content string) {
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		panic(err)
	}
}

func encode(enc encoding.Encoding, s string) string {
	out, err := enc.NewEncoder().String(s)
	if err != nil {
		panic(fmt.Sprintf("%q: %v", s, err))
	}
	return out
}

func main() {
	// Escape sequences in every field of an RSS feed, raw in the XML.
	write("escapes-rss.xml", `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Hostile `+xmlText(osc0)+`RSS`+xmlText(osc52)+`</title>
<link>https://hostile.example/`+xmlText(csi)+`</link>
<description>`+xmlText(escAll)+`</description>
<language>en`+xmlText(osc0)+`</language>
<item>
  <title>Clipboard `+xmlText(osc52)+`writer</title>
  <link>https://hostile.example/1`+xmlText(osc0)+`</link>
  <guid>hostile-1`+xmlText(c1osc)+`</guid>
  <dc:creator>Author `+xmlText(osc2)+`Name</dc:creator>
  <category>cat`+xmlText(csi)+`egory</category>
  <enclosure url="https://hostile.example/a.mp3`+xmlText(osc0)+`" length="1" type="audio/mpeg"/>
  <pubDate>Mon, 02 Feb 2026 10:00:00 GMT</pubDate>
  <description>`+xmlText("<p>Body "+escAll+" text</p><p>"+osc8+"</p>")+`</description>
</item>
<item>
  <title>Window `+xmlText(osc0)+`title and `+xmlText(osc2)+`again</title>
  <link>https://hostile.example/2</link>
  <pubDate>Mon, 02 Feb 2026 09:00:00 GMT</pubDate>
  <description><![CDATA[<p>CDATA `+csi+dcs+` body</p>]]></description>
</item>
<item>
  <title>Screen `+xmlText(csi)+`clear, `+xmlText(dcs)+`DCS, `+xmlText(apc)+`APC</title>
  <link>https://hostile.example/3</link>
  <pubDate>Mon, 02 Feb 2026 08:00:00 GMT</pubDate>
  <description>plain</description>
</item>
<item>
  <title>Eight-bit `+c1csi+`CSI and `+c1osc+`OSC</title>
  <link>https://hostile.example/4</link>
  <pubDate>Mon, 02 Feb 2026 07:00:00 GMT</pubDate>
  <description>`+xmlText("<p>"+c1csi+c1osc+"</p>")+`</description>
</item>
<item>
  <title>Bare `+xmlText(bare)+`escape</title>
  <link>javascript:alert(1)</link>
  <pubDate>Mon, 02 Feb 2026 06:00:00 GMT</pubDate>
  <description>`+xmlText(`<p><a href="file:///etc/passwd">file link</a> <a href="javascript:alert(1)">js</a></p>`)+`</description>
</item>
<item>
  <title>Entities in HTML</title>
  <link>https://hostile.example/6</link>
  <pubDate>Mon, 02 Feb 2026 05:00:00 GMT</pubDate>
  <description>&lt;p&gt;a&amp;#27;]0;PWNED-entity-title&amp;#7;b &amp;#x1b;[2J c &amp;#x1B;]52;c;UFdORUQ=&amp;#x07;d&lt;/p&gt;&lt;pre&gt;tab&amp;#9;tab&lt;/pre&gt;</description>
</item>
</channel>
</rss>
`)

	// The same in Atom: author names, links, categories.
	write("escapes-atom.xml", `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Hostile Atom `+xmlText(osc52)+`</title>
<link href="https://hostile.example/atom`+xmlText(osc0)+`"/>
<id>urn:hostile:atom</id>
<updated>2026-02-02T10:00:00Z</updated>
<entry>
  <title>Atom `+xmlText(osc0)+`entry `+xmlText(c1csi)+`one</title>
  <id>urn:hostile:atom:1`+xmlText(csi)+`</id>
  <link href="https://hostile.example/atom/1`+xmlText(osc52)+`"/>
  <author><name>Atom `+xmlText(dcs)+`Author</name></author>
  <category term="term`+xmlText(osc0)+`"/>
  <updated>2026-02-02T10:00:00Z</updated>
  <content type="html">`+xmlText("<p>Atom "+escAll+" content</p>")+`</content>
</entry>
<entry>
  <title type="html">`+xmlText("HTML <b>title</b> "+osc0)+`</title>
  <id>urn:hostile:atom:2</id>
  <link href="https://hostile.example/atom/2"/>
  <updated>2026-02-02T09:00:00Z</updated>
  <summary>`+xmlText(bare+"summary")+`</summary>
</entry>
</feed>
`)

	// JSON Feed: the escapes arrive as \u001b in JSON strings.
	j := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch {
			case r < 0x20 || r == '"' || r == '\\' || (r >= 0x7f && r <= 0x9f):
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	write("escapes.json", `{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Hostile JSON `+j(osc0)+`",
  "home_page_url": "https://hostile.example/json`+j(csi)+`",
  "items": [
    {"id": "json-1`+j(c1csi)+`", "url": "https://hostile.example/json/1", "title": "JSON `+j(osc52)+`clipboard",
     "authors": [{"name": "JSON `+j(osc2)+`Author"}], "tags": ["tag`+j(osc0)+`"],
     "date_published": "2026-02-02T10:00:00Z",
     "content_html": "<p>JSON `+j(escAll)+` body</p>"},
    {"id": "json-2", "url": "https://hostile.example/json/2", "title": "JSON `+j(c1osc+dcs+bare)+`two",
     "date_published": "2026-02-02T09:00:00Z", "content_text": "text `+j(csi)+`"}
  ]
}
`)

	// Bidi overrides that are never closed: in the feed's name, a title,
	// an author and the body.
	write("rlo.xml", `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>RLO `+rlo+`feed name</title>
<link>https://rlo.example/</link>
<item>
  <title>Reversed `+rlo+`title without PDF</title>
  <link>https://rlo.example/1</link>
  <author>x@rlo.example (Author `+rlo+`reversed)</author>
  <pubDate>Mon, 02 Feb 2026 10:00:00 GMT</pubDate>
  <description>`+xmlText("<p>First "+rlo+"paragraph with an unclosed override</p><p>Second paragraph, untouched</p><p>Closed "+rlo+"here"+pdf+" then plain</p>")+`</description>
</item>
<item>
  <title>`+"\u2067"+`isolate never closed and `+"\u202b"+`embedding</title>
  <link>https://rlo.example/2</link>
  <pubDate>Mon, 02 Feb 2026 09:00:00 GMT</pubDate>
  <description>plain</description>
</item>
<item>
  <title>عنوان عربي `+rlo+`مع تجاوز</title>
  <link>https://rlo.example/3</link>
  <pubDate>Mon, 02 Feb 2026 08:00:00 GMT</pubDate>
  <description>`+xmlText("<p dir=\"rtl\">فقرة "+rlo+"عربية</p>")+`</description>
</item>
<item>
  <title>Stray terminators `+pdf+"\u2069"+` at the start</title>
  <link>https://rlo.example/4</link>
  <pubDate>Mon, 02 Feb 2026 07:00:00 GMT</pubDate>
  <description>plain</description>
</item>
</channel></rss>
`)

	// NUL bytes and other C0 controls, raw, which XML forbids.
	write("nul.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>\n<title>NUL"+nul+" feed\x01\x02\x03</title>\n<link>https://nul.example/</link>\n"+
		"<item><title>Title with NUL"+nul+nul+" and \x07BEL \x08BS \x0bVT \x0cFF \x7fDEL</title><link>https://nul.example/1</link><guid>nul"+nul+"guid</guid>"+
		"<pubDate>Mon, 02 Feb 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;body"+nul+" with NUL&lt;/p&gt;</description></item>\n</channel></rss>\n")

	// Character references to controls that XML forbids (&#27;), which
	// would make a strict parser reject the feed, and C1 ones it allows.
	write("char-refs.xml", `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Char refs &#27;]0;PWNED-ref-title&#7; feed</title>
<link>https://refs.example/</link>
<item><title>Ref &#x1b;[2J&#x1B;]52;c;UFdORUQ=&#x7; title &#x9b;31m red</title><link>https://refs.example/1</link>
<pubDate>Mon, 02 Feb 2026 10:00:00 GMT</pubDate><description>refs &#x9d;0;PWNED-c1-ref&#x9c; body</description></item>
</channel></rss>
`)

	// Billion laughs: nine levels of ten, a billion "lol"s if expanded.
	var laughs strings.Builder
	laughs.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY lol \"lol\">\n")
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := fmt.Sprintf("lol%d", i)
		fmt.Fprintf(&laughs, " <!ENTITY %s \"%s\">\n", name, strings.Repeat("&"+prev+";", 10))
		prev = name
	}
	laughs.WriteString("]>\n<rss version=\"2.0\"><channel><title>Laughs &lol9;</title><link>https://laughs.example/</link>\n" +
		"<item><title>Expand &lol9; me</title><link>https://laughs.example/1</link><description>&lol9;&lol9;</description></item>\n</channel></rss>\n")
	write("billion-laughs.xml", laughs.String())

	// Documents that are not feeds, or broken ones.
	write("not-a-feed.html", "<!DOCTYPE html>\n<html><head><title>A web page \x1b]0;PWNED-page\x07</title></head><body><p>Not a feed.</p></body></html>\n")
	write("not-json-feed.json", `{"hello": "world", "title": "not a feed"}`+"\n")
	write("malformed.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Broken</title><item><title>unclosed\x1b]0;PWNED-err\x07</item></channel>\n")
	write("empty.xml", "")
	write("truncated.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Cut short</title><item><title>half")

	// Legacy encodings declared in the XML prolog, with real text.
	for _, e := range []struct {
		file, label string
		enc         encoding.Encoding
		title, item string
	}{
		{"arabic-windows-1256.xml", "windows-1256", charmap.Windows1256, "أخبار العالم", "مؤتمر القمة يبدأ أعماله في القاهرة"},
		{"arabic-iso-8859-6.xml", "ISO-8859-6", charmap.ISO8859_6, "اخبار العالم", "مؤتمر القمة يبدا اعماله في القاهرة"},
		{"hebrew-windows-1255.xml", "windows-1255", charmap.Windows1255, "חדשות העולם", "ועידת הפסגה נפתחת בירושלים"},
		{"hebrew-iso-8859-8.xml", "ISO-8859-8", charmap.ISO8859_8, "חדשות העולם", "ועידת הפסגה נפתחת בירושלים"},
		{"russian-koi8-r.xml", "KOI8-R", charmap.KOI8R, "Новости мира", "Саммит открывается в Москве"},
		{"japanese-shift_jis.xml", "Shift_JIS", japanese.ShiftJIS, "世界のニュース", "東京で首脳会議が始まる"},
	} {
		doc := `<?xml version="1.0" encoding="` + e.label + `"?>
<rss version="2.0"><channel><title>` + e.title + `</title><link>https://encodings.example/` + e.label + `</link>
<item><title>` + e.item + `</title><link>https://encodings.example/` + e.label + `/1</link><pubDate>Mon, 02 Feb 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;` + e.item + `&lt;/p&gt;</description></item>
</channel></rss>
`
		write(e.file, encode(e.enc, doc))
	}
}
