package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestLinksAreNumberedAndListed(t *testing.T) {
	html := `<p>Read <a href="https://a.example/1">the report</a> and <a href="https://b.example/2">the reply</a>,
then <a href="https://a.example/1">the report again</a>, not <a href="javascript:alert(1)">this</a>.</p>
<p><img src="https://img.example/x.png" alt="a map"></p>`
	out, err := appShaped.Article(Article{HTML: html}, 80)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(stripANSI(out)), " ")
	for _, want := range []string{"the report [1]", "the reply [2]", "the report again [1]", "[image: a map] [3]",
		"1. https://a.example/1", "2. https://b.example/2", "3. https://img.example/x.png", "Links"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "javascript") || strings.Contains(text, "this [") {
		t.Errorf("a javascript: link was numbered or shown:\n%s", text)
	}
	if got := Links(html, "", ""); strings.Join(got, " ") != "https://a.example/1 https://b.example/2 https://img.example/x.png" {
		t.Errorf("Links = %q", got)
	}
	// Hyperlinks (OSC 8) wrap only the list's addresses, which nashra
	// writes; the anchors in the text have none.
	for _, seg := range strings.Split(out, "\x1b]8;")[1:] {
		params, _, _ := strings.Cut(seg, "\x07")
		if _, url, _ := strings.Cut(params, ";"); url != "" && !strings.HasPrefix(url, "https://") {
			t.Errorf("hyperlink to %q", url)
		}
	}
	if n := strings.Count(out, "\x1b]8;"); n == 0 || n > 3*4 {
		t.Errorf("%d OSC 8 sequences, want a few around the three listed links", n)
	}
}

// In an Arabic article the link numbers stay with their words, the image
// line is in Arabic, and the list's addresses stay left to right.
func TestLinksInArabic(t *testing.T) {
	html := `<p>قالت <a href="https://a.example/r">وزارة الداخلية</a> في بيان.</p><img src="https://img.example/m.png" alt="خريطة">`
	out, err := appShaped.Article(Article{HTML: html, Lang: "ar", Words: Words{Links: "الروابط"}}, 80)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(stripANSI(out), "\n")
	text := strings.ReplaceAll(strings.Join(lines, "\n"), "\u00a0", " ")
	for _, logical := range []string{"قالت وزارة الداخلية\u00a0[1] في بيان.", "[صورة: خريطة]\u00a0[2]", "الروابط"} {
		want := strings.ReplaceAll(strings.TrimSpace(appShaped.Line(logical, "ar", 100).Text), "\u00a0", " ")
		if !strings.Contains(text, want) {
			t.Errorf("missing %q (%q) in:\n%s", logical, want, text)
		}
	}
	if !strings.Contains(text, "https://a.example/r") || !strings.Contains(text, "https://img.example/m.png") {
		t.Errorf("addresses not left to right:\n%s", text)
	}
	for i, l := range lines {
		if Width(l) > 80 {
			t.Errorf("line %d is %d cells wide: %q", i, Width(l), l)
		}
	}
}

func stripANSI(s string) string {
	var b strings.Builder
	for _, c := range parseCells(strings.ReplaceAll(s, "\n", "\x00")) {
		b.WriteString(c.text)
	}
	return strings.ReplaceAll(b.String(), "\x00", "\n")
}

// TestRelativeLinksInAnArticle: links and images with relative addresses
// are resolved against the item's own address, numbered and listed, the
// same in the article and in Links (which o and the link numbers use).
func TestRelativeLinksInAnArticle(t *testing.T) {
	html := `<p>See <a href="/other.html">other</a> and <img src="pic.png" alt="pic"> and <a href="#frag">frag</a>.</p>`
	base := "https://news.example/2026/story.html"
	want := []string{"https://news.example/other.html", "https://news.example/2026/pic.png", "https://news.example/2026/story.html#frag"}
	if got := Links(html, "", base); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Links = %q, want %q", got, want)
	}
	out, err := New(Options{Bidi: BidiTerminal}).Article(Article{Title: "t", Link: base, HTML: html}, 100)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for i, u := range want {
		if !strings.Contains(plain, u) || !strings.Contains(plain, fmt.Sprintf("[%d]", i+1)) {
			t.Errorf("the article lacks [%d] %s:\n%s", i+1, u, plain)
		}
	}
	// Without an address to resolve against, they stay text.
	if got := Links(html, "", ""); len(got) != 0 {
		t.Errorf("Links without a base = %q", got)
	}
}
