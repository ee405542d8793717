//go:build ignore

// gen builds the embedded Arabic demo feed (arabic.xml) from the saved news
// page in the seed, and copies the seed verbatim to ../testdata so tests can
// check the demo against its source.
//
// Run it from feed/demo:
//
//	go run gen.go [path/to/arabic-news-page.txt]
//
// The seed defaults to ../../../shared/seed/arabic-news-page.txt. Output is
// deterministic: the same seed always gives the same bytes.
//
// Seed layout (see the seed's README):
//
//	line 1      58 headlines, each followed by four NO-BREAK SPACEs
//	blank lines
//	a site boilerplate block ("شكرا على الإبلاغ! …") — dropped
//	blank lines
//	the opinion article's title line
//	a blank line
//	12 paragraphs, one per line
//	blank lines
//	"انقر هنا لقراءة الخبر من مصدره." — dropped; becomes the item's <link>
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"
)

const (
	defaultSeed = "../../../shared/seed/arabic-news-page.txt"
	outFeed     = "arabic.xml"
	outCopy     = "../testdata/arabic-news-page.txt"

	wantHeadlines  = 58
	wantParagraphs = 12

	separator       = "\u00a0\u00a0\u00a0\u00a0" // four NO-BREAK SPACEs
	boilerplateHead = "شكرا على الإبلاغ!"
	sourceLine      = "انقر هنا لقراءة الخبر من مصدره."

	site          = "https://demo.nashra.invalid"
	channelTitle  = "نشرة — أخبار مصر"
	channelLink   = site + "/ar/"
	channelDesc   = "عرض تجريبي في نشرة، مبني من صفحة أخبار مصرية حقيقية: عناوين اليوم ومقال رأي."
	articleAuthor = "باسم دياب"
	articleSlug   = "basem-diab-interior-ministry-page"

	// Headlines have no body in the seed; say so rather than invent one.
	headlineDesc = "عنوان فقط من الصفحة التجريبية؛ نص الخبر غير متوفر."
)

// Fixed dates: the app shows ages relative to its clock and tests use a
// fixed clock, so nothing here may depend on time.Now.
var (
	cairo         = time.FixedZone("EET", 2*60*60)
	firstHeadline = time.Date(2026, time.February, 2, 14, 0, 0, 0, cairo)
	headlineStep  = 7 * time.Minute
	articleDate   = time.Date(2026, time.February, 2, 14, 10, 0, 0, cairo)
)

type page struct {
	headlines  []string
	title      string
	paragraphs []string
}

func main() {
	seed := defaultSeed
	switch len(os.Args) {
	case 1:
	case 2:
		seed = os.Args[1]
	default:
		fatalf("usage: go run gen.go [seed.txt]")
	}
	raw, err := os.ReadFile(seed)
	if err != nil {
		fatalf("%v", err)
	}
	p, err := parse(raw)
	if err != nil {
		fatalf("%s: %v", seed, err)
	}
	if err := os.WriteFile(outFeed, render(p), 0o644); err != nil {
		fatalf("%v", err)
	}
	if err := os.MkdirAll(filepath.Dir(outCopy), 0o755); err != nil {
		fatalf("%v", err)
	}
	if err := os.WriteFile(outCopy, raw, 0o644); err != nil {
		fatalf("%v", err)
	}
	fmt.Printf("wrote %s (%d headlines + 1 article of %d paragraphs) and %s\n",
		outFeed, len(p.headlines), len(p.paragraphs), outCopy)
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "gen: "+format+"\n", args...)
	os.Exit(1)
}

// parse splits the seed into headlines, the article title and its
// paragraphs, and fails loudly if the layout is not the expected one.
func parse(raw []byte) (page, error) {
	var p page
	if !utf8.Valid(raw) {
		return p, fmt.Errorf("not valid UTF-8")
	}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	lines := strings.Split(text, "\n")

	// Line 1: headlines. Each is followed by the separator, so the last
	// piece is empty. Titles are kept byte for byte.
	for _, h := range strings.Split(lines[0], separator) {
		if strings.TrimSpace(strings.ReplaceAll(h, "\u00a0", " ")) == "" {
			continue
		}
		if h != strings.TrimSpace(h) {
			return p, fmt.Errorf("headline %q has stray whitespace around it", h)
		}
		p.headlines = append(p.headlines, h)
	}
	if len(p.headlines) != wantHeadlines {
		return p, fmt.Errorf("found %d headlines, want %d", len(p.headlines), wantHeadlines)
	}

	// The rest: blocks separated by blank lines.
	var blocks [][]string
	var cur []string
	for _, l := range append(lines[1:], "") {
		if strings.TrimSpace(l) == "" {
			if cur != nil {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(blocks) != 4 {
		return p, fmt.Errorf("found %d text blocks after the headlines, want 4 (boilerplate, title, paragraphs, source line)", len(blocks))
	}
	if blocks[0][0] != boilerplateHead {
		return p, fmt.Errorf("first block starts %q, want the %q boilerplate", blocks[0][0], boilerplateHead)
	}
	if len(blocks[1]) != 1 {
		return p, fmt.Errorf("title block has %d lines, want 1", len(blocks[1]))
	}
	p.title = blocks[1][0]
	if !strings.HasPrefix(p.title, articleAuthor+" يكتب:") {
		return p, fmt.Errorf("title %q does not name %s as author", p.title, articleAuthor)
	}
	p.paragraphs = blocks[2]
	if len(p.paragraphs) != wantParagraphs {
		return p, fmt.Errorf("found %d paragraphs, want %d", len(p.paragraphs), wantParagraphs)
	}
	if len(blocks[3]) != 1 || blocks[3][0] != sourceLine {
		return p, fmt.Errorf("last block is %q, want the %q line", blocks[3], sourceLine)
	}
	for _, s := range append(append([]string{p.title}, p.headlines...), p.paragraphs...) {
		if strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 && r != '\t' }) {
			return p, fmt.Errorf("control character in %q", s)
		}
	}
	return p, nil
}

func render(p page) []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }

	w("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	w("<!-- Generated by gen.go from the saved Arabic news page in ../testdata/arabic-news-page.txt. DO NOT EDIT. -->\n")
	w("<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n")
	w("  <channel>\n")
	w("    <title>%s</title>\n", esc(channelTitle))
	w("    <link>%s</link>\n", esc(channelLink))
	w("    <description>%s</description>\n", esc(channelDesc))
	w("    <language>ar</language>\n")
	w("    <lastBuildDate>%s</lastBuildDate>\n", articleDate.Format(time.RFC1123Z))

	// The opinion article, newest.
	var content strings.Builder
	for i, para := range p.paragraphs {
		if i > 0 {
			content.WriteString("\n")
		}
		content.WriteString("<p>" + esc(para) + "</p>")
	}
	w("    <item>\n")
	w("      <title>%s</title>\n", esc(p.title))
	w("      <link>%s/ar/opinion/%s</link>\n", site, articleSlug)
	w("      <guid isPermaLink=\"false\">demo-ar-opinion-01</guid>\n")
	w("      <dc:creator>%s</dc:creator>\n", esc(articleAuthor))
	w("      <pubDate>%s</pubDate>\n", articleDate.Format(time.RFC1123Z))
	w("      <description>%s</description>\n", esc(p.paragraphs[0]))
	w("      <content:encoded>%s</content:encoded>\n", cdata(content.String()))
	w("    </item>\n")

	// The headlines, first one newest.
	for i, h := range p.headlines {
		n := fmt.Sprintf("%02d", i+1)
		w("    <item>\n")
		w("      <title>%s</title>\n", esc(h))
		w("      <link>%s/ar/news/%s</link>\n", site, n)
		w("      <guid isPermaLink=\"false\">demo-ar-%s</guid>\n", n)
		w("      <pubDate>%s</pubDate>\n", firstHeadline.Add(-time.Duration(i)*headlineStep).Format(time.RFC1123Z))
		w("      <description>%s</description>\n", esc(headlineDesc))
		w("    </item>\n")
	}
	w("  </channel>\n")
	w("</rss>\n")
	return b.Bytes()
}

// esc escapes text for XML character data (and, identically, HTML text).
// Quotes are left alone: they need no escaping outside attributes, and
// titles stay readable in the file.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// cdata wraps s in a CDATA section, splitting any "]]>" inside it.
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}
