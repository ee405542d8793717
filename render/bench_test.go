package render

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"nashra/render/bidi"
)

// benchSeed returns the seed page's headlines and article paragraphs.
func benchSeed(b *testing.B) (headlines, paragraphs []string) {
	b.Helper()
	data, err := os.ReadFile("../feed/testdata/arabic-news-page.txt")
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, h := range strings.Split(lines[0], "\u00a0\u00a0\u00a0\u00a0") {
		if h = strings.TrimSpace(h); h != "" {
			headlines = append(headlines, h)
		}
	}
	for _, l := range lines[15:27] { // the article's 12 paragraphs
		paragraphs = append(paragraphs, strings.TrimSpace(l))
	}
	return headlines, paragraphs
}

// benchLongest returns the string of ss with the most runes.
func benchLongest(ss []string) string {
	var best string
	for _, s := range ss {
		if utf8.RuneCountInString(s) > utf8.RuneCountInString(best) {
			best = s
		}
	}
	return best
}

// BenchmarkHeadline lays out the longest seed headline in 80 cells, shaped:
// levels, shaping, clusters, the cut with its ellipsis, reordering.
func BenchmarkHeadline(b *testing.B) {
	headlines, _ := benchSeed(b)
	s := benchLongest(headlines)
	ts := New(Options{Bidi: BidiApp, Shape: true})
	if l := ts.Line(s, "ar", 80); !strings.Contains(l.Text, Ellipsis) {
		b.Fatalf("the headline %q fits in 80 cells: nothing is cut", s)
	}
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		ts.Line(s, "ar", 80)
	}
}

// BenchmarkRow lays out a whole headline row of 100 cells: title, feed name
// and age, mirrored.
func BenchmarkRow(b *testing.B) {
	headlines, _ := benchSeed(b)
	r := Row{Marker: "●", Title: headlines[0], Lang: "ar", Feed: "اليوم السابع", FeedLang: "ar", Age: "5m"}
	ts := New(Options{Bidi: BidiApp, Shape: true})
	b.ReportAllocs()
	for b.Loop() {
		ts.Row(r, 100, RowStyle{})
	}
}

// BenchmarkWrapParagraph wraps the longest article paragraph in 96 cells.
func BenchmarkWrapParagraph(b *testing.B) {
	_, paragraphs := benchSeed(b)
	s := benchLongest(paragraphs)
	ts := New(Options{Bidi: BidiApp, Shape: true})
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		ts.Wrap(s, "ar", 96)
	}
}

// BenchmarkStagesOfHeadline times each stage of BenchmarkHeadline on its
// own, to see where a line's time goes.
func BenchmarkStagesOfHeadline(b *testing.B) {
	headlines, _ := benchSeed(b)
	s := benchLongest(headlines)
	ts := New(Options{Bidi: BidiApp, Shape: true})
	p := ts.newParagraph(s, "ar")
	sc := p.sc
	b.Run("fold", func(b *testing.B) {
		for b.Loop() {
			sc.runes = appendFolded(sc.runes[:0], s)
		}
	})
	b.Run("levels", func(b *testing.B) {
		for b.Loop() {
			sc.para.Reset(sc.runes, bidi.RTL)
		}
	})
	b.Run("shape", func(b *testing.B) {
		for b.Loop() {
			sc.levels = sc.para.AppendLevels(sc.levels[:0])
			sc.shaper.RunesAt(sc.runes, sc.levels)
		}
	})
	shaped, src := sc.shaper.RunesAt(sc.runes, sc.levels)
	b.Run("clusters", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sc.clusterize(sc.runes, shaped, src, -1)
		}
	})
	b.Run("line", func(b *testing.B) {
		for b.Loop() {
			sc.out, _ = p.appendLine(sc.out[:0], 80)
		}
	})
}

// BenchmarkArticle is opening the demo's Arabic opinion article: its HTML
// to Markdown, glamour at 100 cells (its renderer for the width is built
// once and kept, as in the reader), then the bidi pass over every line —
// levels, shaping, reordering. The reader runs this in a Cmd for articles
// over 64 KB; this one is 7 KB of HTML.
func BenchmarkArticle(b *testing.B) {
	body, err := os.ReadFile("testdata/article.html")
	if err != nil {
		b.Fatal(err)
	}
	a := Article{Title: "باسم دياب يكتب: ما وراء الأرقام .. سر نجاح صفحة وزارة الداخلية", Feed: "نشرة", HTML: string(body), Lang: "ar"}
	ts := New(Options{Bidi: BidiApp, Shape: true})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ts.Article(a, 100); err != nil {
			b.Fatal(err)
		}
	}
}
