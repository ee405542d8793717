package feed

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

const articleURL = "https://news.example/2025/05/interior-page.html"

func readArticlePage(t testing.TB) []byte {
	t.Helper()
	page, err := os.ReadFile("testdata/fulltext/arabic-article.html")
	if err != nil {
		t.Fatal(err)
	}
	return page
}

// A realistic page: navigation, banner ads, a sidebar, a footer, scripts
// and styles around an Arabic article. What comes out is the article.
func TestExtractArticleArabicPage(t *testing.T) {
	got, err := ExtractArticle(readArticlePage(t), articleURL)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"لا شك أن النهج الحديث الذى اتبعته وزارة الداخلية", // first paragraph
		"فقد باتت صفحات المؤسسات الحكوميَّة",               // second, harakat kept
		"وتحسين جودة الخدمات",                              // last paragraph's end
		`<a href="https://news.example/tags/interior">`,    // relative link made absolute
	} {
		if !strings.Contains(got, want) {
			t.Errorf("article lacks %q:\n%s", want, got)
		}
	}
	for _, unwanted := range []string{
		"طبيب الأهلي يكشف تفاصيل إصابة زيزو", // a navigation headline
		"الأكثر قراءة",       // the sidebar
		"إعلان",              // the ads
		"جميع الحقوق محفوظة", // the footer
		"<script", "<style", "dataLayer", "onclick", "track()", "<nav", "readability-page",
	} {
		if strings.Contains(got, unwanted) {
			t.Errorf("article contains %q:\n%s", unwanted, got)
		}
	}
	if n := strings.Count(got, "<p>"); n < 6 {
		t.Errorf("%d paragraphs, want the article's 6 or more:\n%s", n, got)
	}
}

func TestExtractArticleNothingToRead(t *testing.T) {
	navOnly := `<!DOCTYPE html><html><head><title>Index</title></head><body>
		<nav><ul><li><a href="/a">الرياضة</a></li><li><a href="/b">سياسة</a></li></ul></nav>
		<footer>© 2025</footer></body></html>`
	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 0xff, 0x13, 0x88}, 200)...)
	for name, page := range map[string][]byte{
		"empty":          nil,
		"blank":          []byte(" \n\t\n"),
		"empty document": []byte("<!DOCTYPE html><html><head></head><body></body></html>"),
		"navigation":     []byte(navOnly),
		"png":            png,
		"binary":         bytes.Repeat([]byte{0, 1, 2, 3, 0xfe, 0x1b, 0x9b}, 300),
		"script only":    []byte("<html><body><script>" + strings.Repeat("var a = 1;", 500) + "</script></body></html>"),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ExtractArticle(page, articleURL)
			if !errors.Is(err, ErrNoArticle) || !strings.HasPrefix(err.Error(), "no article found on the page") {
				t.Fatalf("ExtractArticle = %q, %v; want %v", got, err, ErrNoArticle)
			}
			if strings.ContainsAny(err.Error(), "\n\x1b") {
				t.Errorf("error is not one clean line: %q", err)
			}
		})
	}
}

func TestExtractArticleBadURL(t *testing.T) {
	for _, u := range []string{"", "/relative/page", "file:///etc/passwd", "javascript:alert(1)", "http://"} {
		if _, err := ExtractArticle(readArticlePage(t), u); err == nil || !strings.Contains(err.Error(), "not a web address") {
			t.Errorf("ExtractArticle(page, %q): err = %v, want not a web address", u, err)
		}
	}
}

// What a hostile page puts inside its article does not survive: code,
// frames, forms, handlers, styles, javascript: links, escape sequences.
func TestExtractArticleScrubs(t *testing.T) {
	var body strings.Builder
	for i := range 6 {
		body.WriteString("<p>A long enough paragraph of the article, number ")
		body.WriteString(strings.Repeat("x", i+1))
		body.WriteString(", with words in it so that readability takes it for prose, as it is.</p>\n")
	}
	page := `<html><body><article>` + body.String() + `
		<p style="color:red" onmouseover="steal()">Styled <a href="javascript:steal()">run</a> and
		<a href="vbscript:x">old</a> <a href="../other.html">relative</a> <img src="/i.png" onerror="steal()"></p>
		<iframe src="https://evil.example/"></iframe><form action="/post"><input name="q"></form>
		<object data="x.swf"></object><svg><script>steal()</script></svg>
		<p>Escape &#27;]52;c;aGVsbG8=&#7; and ` + "\x1b[31mred\x1b[0m" + ` gone.</p>
	</article></body></html>`
	got, err := ExtractArticle([]byte(page), "https://site.example/news/a.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"onmouseover", "onerror", "style=", "javascript:", "vbscript:", "<iframe", "<form", "<input", "<object", "<svg", "steal", "\x1b", "\a"} {
		if strings.Contains(got, bad) {
			t.Errorf("output contains %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{`href="https://site.example/other.html"`, `src="https://site.example/i.png"`, "number xxxxxx"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

// windows1256Page is the test article in windows-1256, saying so only in
// its <meta>.
func windows1256Page(t *testing.T) []byte {
	t.Helper()
	page := readArticlePage(t)
	page = bytes.Replace(page, []byte(`<meta charset="utf-8">`), []byte(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">`), 1)
	encoded, err := charmap.Windows1256.NewEncoder().Bytes(bytes.ReplaceAll(page, []byte("©"), nil))
	if err != nil {
		t.Fatal(err)
	}
	return encoded
}

// A page in windows-1256 that says so only in its <meta> is decoded.
func TestExtractArticleMetaCharset(t *testing.T) {
	encoded := windows1256Page(t)
	if utf8.Valid(encoded) {
		t.Fatal("test page is still UTF-8")
	}
	got, err := ExtractArticle(encoded, articleURL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "لا شك أن النهج الحديث") {
		t.Errorf("windows-1256 page not decoded:\n%.300s", got)
	}
}

// The same page fetched from a server that names no charset in its
// Content-Type: the download must not turn its bytes into replacement
// characters before the <meta> is read. A page in no declared encoding
// that is not UTF-8 reads as windows-1252, as in a browser.
func TestDownloadedPageWithMetaCharset(t *testing.T) {
	encoded := windows1256Page(t)
	latin := []byte("<!DOCTYPE html><html><body><p>Caf\xe9 cr\xe8me</p></body></html>")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/latin" {
			w.Write(latin)
			return
		}
		w.Write(encoded)
	}))
	defer srv.Close()
	d, err := (&Fetcher{}).Download(t.Context(), srv.URL+"/article", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := ExtractArticle(d.Data, articleURL)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, "لا شك أن النهج الحديث") {
		t.Errorf("windows-1256 page named only in its <meta> not decoded:\n%.300s", got)
	}
	d, err = (&Fetcher{}).Download(t.Context(), srv.URL+"/latin", Validators{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(d.Data, []byte("Café crème")) {
		t.Errorf("undeclared non-UTF-8 page read as %q", d.Data)
	}
	// A feed is not a web page: without a declared encoding, bytes that
	// are not UTF-8 stay replacement characters, as before.
	feed := []byte("<rss><channel><title>Caf\xe9</title></channel></rss>")
	if got := ToUTF8(feed, "application/rss+xml"); !bytes.Contains(got, []byte("Caf\uFFFD")) {
		t.Errorf("feed without an encoding read as %q", got)
	}
}

func FuzzExtractArticle(f *testing.F) {
	f.Add(readArticlePage(f))
	f.Add([]byte("<html><body><p>" + strings.Repeat("نص عربي طويل بما يكفي. ", 40) + "</p></body></html>"))
	f.Add([]byte("<table><tr><td><div><p>" + strings.Repeat("<b>", 200) + "x"))
	f.Add([]byte("\xff\xfe<\x00h\x00t\x00m\x00l\x00>"))
	f.Add([]byte("<svg><foreignObject><math><mi><p>" + strings.Repeat("word ", 300)))
	f.Fuzz(func(t *testing.T, page []byte) {
		got, err := ExtractArticle(page, articleURL)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error of several lines: %q", err)
			}
			return
		}
		if !utf8.ValidString(got) || strings.ContainsRune(got, 0x1b) {
			t.Fatalf("output not clean UTF-8: %q", got)
		}
	})
}
