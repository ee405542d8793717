package render

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

var hostileModes = []Options{{Bidi: BidiApp, Shape: true}, {Bidi: BidiTerminal}}

// terminalLeak returns what in out a terminal would act on besides SGR
// and OSC 8 links to web pages, or "".
func terminalLeak(out string) string {
	if !isTerminalSafe(out) {
		return "isTerminalSafe is false"
	}
	for i := 0; i < len(out); i++ {
		if out[i] != 0x1b {
			continue
		}
		seq, n := escapeAt(out[i:])
		if !keepSequence(seq) {
			return seq
		}
		i += n - 1
	}
	plain := ansi.Strip(out)
	for _, r := range plain {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) || unsafeRune(r) {
			return string(r)
		}
	}
	return ""
}

// An article of 100,000 nested elements neither overflows the stack nor
// hangs: the nesting is flattened, and the text is all there up to the
// article's size limit.
func TestArticleDeepNesting(t *testing.T) {
	const n = 100_000
	for _, tags := range [][2]string{
		{"<div>", "</div>"},
		{"<blockquote>", "</blockquote>"},
		{"<ul><li>", "</li></ul>"},
		{"<span>", "</span>"},
		{"<table><tr><td>", "</td></tr></table>"},
		{"<b><i>", "</i></b>"},
	} {
		html := "<p>start</p>" + strings.Repeat(tags[0], n) + "deep text" + strings.Repeat(tags[1], n) + "<p>end</p>"
		// Below the size limit, all of it shows; above, what fits.
		fits := len(html) <= MaxArticleBytes
		for _, opts := range hostileModes {
			start := time.Now()
			out, err := New(opts).Article(Article{Title: "deep", HTML: html}, 80)
			if err != nil {
				t.Errorf("%s ×%d: %v", tags[0], n, err)
				continue
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s ×%d: %v", tags[0], n, d)
			}
			plain := ansi.Strip(strings.ReplaceAll(out, "\n", " "))
			want := []string{"start", "too long to show here"}
			if fits {
				want = []string{"start", "deep text", "end"}
			}
			for _, w := range want {
				if !strings.Contains(plain, w) {
					t.Errorf("%s ×%d: %q is missing", tags[0], n, w)
				}
			}
		}
		// Without the size limit, the text under the nesting is kept.
		prepared, err := prepareHTML(html, "", 0, true)
		if err != nil || !strings.Contains(prepared, "deep text") || !strings.Contains(prepared, "end") {
			t.Errorf("%s ×%d: prepareHTML: %v, %.200q", tags[0], n, err, prepared)
		}
	}
	// Nested as deep as fits in the size limit: everything shows.
	html := strings.Repeat("<div>", 20_000) + "deep text" + strings.Repeat("</div>", 20_000) + "<p>end</p>"
	out, err := New(hostileModes[0]).Article(Article{Title: "deep", HTML: html}, 80)
	if err != nil || !strings.Contains(ansi.Strip(out), "deep text") || !strings.Contains(ansi.Strip(out), "end") {
		t.Errorf("20,000 nested divs: %v\n%s", err, ansi.Strip(out))
	}
	// Unclosed, as a hostile feed would send them.
	for _, tag := range []string{"<div>x ", "<blockquote>x ", "<ol><li>x "} {
		start := time.Now()
		if _, err := New(hostileModes[0]).Article(Article{Title: "unclosed", HTML: strings.Repeat(tag, n)}, 80); err != nil {
			t.Errorf("%s unclosed: %v", tag, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s ×%d unclosed: %v", tag, n, d)
		}
	}
}

// Ordinary HTML is not changed by the nesting limit.
func TestFlattenKeepsOrdinaryHTML(t *testing.T) {
	data, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, html := range []string{
		string(data),
		"<ul><li>one<li>two<ul><li>nested</ul></ul><p>a<p>b<br>c<img src=x></p><script>if (a<b) x()</script>",
		strings.Repeat("<p>para <b>bold</b></p>", 100),
	} {
		if got := flattenDeep(html, maxNesting, maxIndent); got != html {
			t.Errorf("flattenDeep changed ordinary HTML:\n%.300s\n→\n%.300s", html, got)
		}
	}
	got := flattenDeep(strings.Repeat("<blockquote>", 20)+"x"+strings.Repeat("</blockquote>", 20), maxNesting, maxIndent)
	if c := strings.Count(got, "<blockquote>"); c != maxIndent || strings.Count(got, "</blockquote>") != maxIndent {
		t.Errorf("20 nested quotes kept %d: %s", c, got)
	}
}

// A 10 MB line is cut to MaxArticleBytes, quickly, with a note.
func TestArticleHugeLine(t *testing.T) {
	for _, line := range []string{strings.Repeat("word ", 2<<20), strings.Repeat("x", 10<<20), strings.Repeat("كلمة ", 2<<20)} {
		for _, opts := range hostileModes {
			start := time.Now()
			out, err := New(opts).Article(Article{Title: "huge", HTML: "<p>" + line + "</p>"}, 80)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("a 10 MB line took %v", d)
			}
			if !strings.Contains(ansi.Strip(strings.ReplaceAll(out, "\n", " ")), "too long to show here") {
				t.Errorf("no note that the article was cut")
			}
			if len(out) > 40*MaxArticleBytes {
				t.Errorf("output of %d bytes", len(out))
			}
		}
	}
}

// Escape sequences — raw, as character references (which the HTML parser
// decodes), in attributes, in the header — never reach the terminal, and
// neither do links other than http, https and mailto.
func TestArticleIsTerminalSafe(t *testing.T) {
	html := "<p>raw \x1b]52;c;UFdORUQ=\x07 and \x1b[2J and \u009b31m red \u009d0;PWNED\u009c</p>" +
		"<p>refs a&#27;]0;PWNED-title&#7;b &#x1b;[2J c&#x9b;31md &#x1b;P+qPWNED&#x1b;\\e</p>" +
		"<p><a href=\"file:///etc/passwd\">file</a> <a href=\"javascript:alert(1)\">js</a> <a href=\" JaVaScRiPt:x\">js2</a> " +
		"<a href=\"https://ok.example/a\">web</a> <a href=\"mailto:a@b.example\">mail</a> <a href=\"/relative\">rel</a>" +
		"<a href=\"https://x.example/\x1b]0;PWNED\x07\">esc-in-href</a><img src=\"smb://host/PWNED\" alt=\"img\"></p>" +
		"<pre>col\tumn\n\ttab</pre><p>tab\tin\tparagraph</p><h2>\u202eheading override</h2><p>after heading</p>"
	for _, opts := range hostileModes {
		out, err := New(opts).Article(Article{
			Title:  "title \x1b]0;PWNED\x07 \u202eRLO",
			Feed:   "feed \x1b[31m\u202e",
			Author: "author \u009b2J",
			Link:   "javascript:alert('x')",
			HTML:   html,
		}, 80)
		if err != nil {
			t.Fatal(err)
		}
		if leak := terminalLeak(out); leak != "" {
			t.Errorf("%+v: %+q reaches the terminal in\n%q", opts, leak, out)
		}
		plain := ansi.Strip(out)
		for _, bad := range []string{"PWNED", "file:///", "javascript", "smb:", "]0;", "[2J", "31m"} {
			if strings.Contains(plain, bad) && !(bad == "javascript" && strings.Contains(plain, "javascript:alert('x')")) {
				t.Errorf("%+v: %q shows:\n%s", opts, bad, plain)
			}
		}
		for _, link := range []string{"file:", "javascript:", "smb:", "JaVaScRiPt"} {
			if strings.Contains(out, "\x1b]8;;"+link) || strings.Contains(out, ";"+link) {
				t.Errorf("%+v: a %s link is clickable", opts, link)
			}
		}
		if !strings.Contains(out, "https://ok.example/a") || !strings.Contains(out, "mailto:a@b.example") {
			t.Errorf("%+v: safe links lost:\n%q", opts, out)
		}
		if !strings.Contains(plain, "after heading") {
			t.Errorf("%+v: the heading's override reaches the next paragraph:\n%s", opts, plain)
		}
		for _, line := range strings.Split(plain, "\n") {
			if i := strings.Index(line, "umn"); i >= 0 && (i%8 != 0 || !strings.Contains(line, "col ")) {
				t.Errorf("%+v: tab not expanded to the next multiple of 8: %q", opts, line)
			}
		}
	}
}

func TestTerminalSafe(t *testing.T) {
	for in, want := range map[string]string{
		"plain\nlines":                               "plain\nlines",
		"\x1b[1;38;5;252mstyled\x1b[m":               "\x1b[1;38;5;252mstyled\x1b[m",
		"\x1b]8;;https://a.example\x07a\x1b]8;;\x07": "\x1b]8;;https://a.example\x07a\x1b]8;;\x07",
		"\x1b]8;id=1;file:///x\x07a\x1b]8;;\x07":     "a\x1b]8;;\x07",
		"\x1b]8;;/etc/passwd\x07a\x1b]8;;\x07":       "a\x1b]8;;\x07",
		"a\x1b]0;t\x07b\x1b[2Jc\x1bcd":               "abcd",
		"a\tb\n\tc":                                  "a       b\n        c",
		"\u202eab\u2069\u200f":                       "ab",
		"x\u009b2Jy\x00\x7f":                         "x2Jy",
		"bad\xff":                                    "bad\uFFFD",
	} {
		if got := terminalSafe(in); got != want {
			t.Errorf("terminalSafe(%+q) = %+q, want %+q", in, got, want)
		}
	}
}

// A link with a web scheme but nowhere to go ("https:", found by
// FuzzFeedPipeline) is shown as text, never handed to the terminal as a
// hyperlink; nor is one in the article's body added to its link list.
func TestLinksWithoutAHostAreText(t *testing.T) {
	for _, link := range []string{"https:", "http://", "HTTPS:", "http:///path", "mailto:", "https:relative"} {
		for _, opts := range hostileModes {
			out, err := New(opts).Article(Article{
				Title: "t",
				Link:  link,
				HTML:  `<p><a href="` + link + `">body link</a> and <a href="https://ok.example/">a good one</a></p>`,
			}, 80)
			if err != nil {
				t.Fatal(err)
			}
			if leak := terminalLeak(out); leak != "" {
				t.Errorf("%q %+v: %+q reaches the terminal", link, opts, leak)
			}
			if strings.Contains(out, "\x1b]8;;"+link+"\x07") || strings.Contains(out, "\x1b]8;;"+strings.ToLower(link)+"\x07") {
				t.Errorf("%q %+v: made a hyperlink:\n%q", link, opts, out)
			}
			if !strings.Contains(ansi.Strip(out), "[1]") || strings.Contains(ansi.Strip(out), "[2]") {
				t.Errorf("%q %+v: want only the good link listed:\n%s", link, opts, ansi.Strip(out))
			}
		}
	}
	for link, want := range map[string]bool{
		"https://a.example": true, "HTTP://a.example/x": true, "mailto:a@b.example": true,
		"https:": false, "https://": false, "http:///x": false, "mailto:": false,
		"/etc/passwd": false, "file:///etc/passwd": false, "https://a.example/\x07": false,
	} {
		if got := WebAddress(link); got != want {
			t.Errorf("WebAddress(%q) = %v, want %v", link, got, want)
		}
	}
}
