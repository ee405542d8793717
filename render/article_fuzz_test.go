package render

// FuzzArticle: article HTML → Markdown → glamour → display order, on any
// input. Article never panics and never fails on what the HTML parser
// accepts, and what it returns holds no escape sequence but SGR and OSC 8
// links to web pages, no control but newline, no C1 control and no
// explicit bidi control. Run it with
//
//	go test -run='^$' -fuzz=FuzzArticle -fuzztime=30s ./render/

import (
	"os"
	"strings"
	"testing"
	"time"
)

func FuzzArticle(f *testing.F) {
	seeds := []string{
		"", "<p>plain</p>", "<p dir=rtl>عربي (نص) 123</p><p>English</p>",
		"<p>\x1b]52;c;ZXZpbA==\x07 \x1b[2J \u009b31m \u009d0;t\u009c</p>",
		"<p>a&#27;]0;t&#7;b &#x9b;31m &#x1b;P+q&#x1b;\\</p>",
		"<a href=\"javascript:alert(1)\">js</a><a href=\"file:///etc/passwd\">f</a><img src=\"smb://x/y\">",
		"<h1>\u202eRLO</h1><p>\u2067RLI<p>\u2069\u2069PDI</p>", "<pre>a\tb\n\tc</pre>",
		strings.Repeat("<div>", 600) + "deep" + strings.Repeat("</div>", 600),
		strings.Repeat("<blockquote>x ", 50), strings.Repeat("<ul><li>", 40) + "list",
		"<table><tr><td>a<td>b<tr><td>\u202ec</table>", "<p>" + strings.Repeat("x", 5000) + "</p>",
		"<script>alert(1)</script><style>*{}</style><p>after</p>",
	}
	if data, err := os.ReadFile("testdata/article.html"); err == nil {
		seeds = append(seeds, string(data))
	}
	for i, s := range seeds {
		f.Add(s, uint8(i), uint8(40+i*7))
	}
	f.Fuzz(func(t *testing.T, html string, mode, width uint8) {
		ts := fuzzTypesetter(mode)
		start := time.Now()
		out, err := ts.Article(Article{
			Title: html[:min(len(html), 50)], Feed: "feed", Author: html[len(html)/2:],
			Link: html[:min(len(html), 30)], HTML: html, Lang: fuzzLangs[int(mode)%len(fuzzLangs)],
		}, int(width%120)+20)
		if err != nil {
			t.Fatalf("Article(%q): %v", html, err)
		}
		if leak := terminalLeak(out); leak != "" {
			t.Fatalf("Article(%q): %+q reaches the terminal in %q", html, leak, out)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Fatalf("Article(%q) took %v", html, d)
		}
	})
}
