package render

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

var (
	appShaped = New(Options{Bidi: BidiApp, Shape: true})
	appPlain  = New(Options{Bidi: BidiApp})
	logical   = New(Options{Bidi: BidiTerminal})
)

func renderArticle(t *testing.T, ts *Typesetter, a Article, width int) []string {
	t.Helper()
	out, err := ts.Article(a, width)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(ansi.Strip(out), "\n")
}

func seedArticle(t *testing.T) Article {
	t.Helper()
	body, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	return Article{Title: "باسم دياب يكتب: ما وراء الأرقام .. سر نجاح صفحة وزارة الداخلية", Feed: "نشرة", HTML: string(body), Lang: "ar"}
}

// isRule reports whether a laid-out line is the horizontal rule between
// an article's header and its body.
func isRule(line string) bool {
	l := strings.TrimSpace(line)
	return l != "" && strings.Trim(l, "─") == ""
}

// paragraphs groups an article's body lines (after the header's rule) into
// paragraphs, separated by blank lines.
func paragraphs(lines []string) [][]string {
	var out [][]string
	var cur []string
	body := false
	for _, l := range lines {
		if isRule(l) {
			body = true
			continue
		}
		if !body {
			continue
		}
		if strings.TrimSpace(l) == "" {
			if cur != nil {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, l)
	}
	if cur != nil {
		out = append(out, cur)
	}
	return out
}

// fribidi asks GNU FriBidi for the visual order of each display line of
// right-to-left paragraphs, each given as its logical lines, levels resolved
// on the whole paragraph. It skips the test when FriBidi is missing, unless
// NASHRA_REQUIRE_ORACLE=1.
func fribidi(t *testing.T, shaped bool, paras [][]string) [][]string {
	t.Helper()
	const marker = "\u0001" // a character no paragraph holds
	args := []string{"testdata/fribidi_vis.py", "--dir", "rtl", "--marker", marker}
	if shaped {
		args = append(args, "--shape")
	}
	cmd := exec.Command("python3", args...)
	// The space glamour broke each line at stays at the line's end, where
	// rule L1 takes care of it, so that shaping sees words apart.
	var in strings.Builder
	for _, lines := range paras {
		in.WriteString(strings.Join(lines, " "+marker) + "\n")
	}
	cmd.Stdin = strings.NewReader(in.String())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := "FriBidi oracle unavailable (apt-get install -y python3 libfribidi0): " + err.Error() + " " + stderr.String()
		if os.Getenv("NASHRA_REQUIRE_ORACLE") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	var result [][]string
	for _, para := range strings.Split(strings.TrimSuffix(string(out), "\n"), "\n") {
		visual := strings.Split(para, marker)
		for i := range visual {
			visual[i] = strings.TrimSpace(visual[i])
		}
		result = append(result, visual)
	}
	if len(result) != len(paras) {
		t.Fatalf("FriBidi answered %d paragraphs for %d", len(result), len(paras))
	}
	return result
}

// The Arabic opinion article, laid out by nashra in a 100-cell terminal,
// reads line by line exactly as FriBidi orders (and shapes) the same lines.
// The logical lines come from the same article in terminal mode, where
// nashra wraps but does not reorder.
func TestArticleLinesMatchFriBidi(t *testing.T) {
	a := seedArticle(t)
	for _, tc := range []struct {
		name   string
		ts     *Typesetter
		shaped bool
	}{{"shaped", appShaped, true}, {"unshaped", appPlain, false}} {
		t.Run(tc.name, func(t *testing.T) {
			got := paragraphs(renderArticle(t, tc.ts, a, 100))
			want := paragraphs(renderArticle(t, logical, a, 100))
			if len(got) != 12 || len(want) != 12 {
				t.Fatalf("%d and %d paragraphs, want 12", len(got), len(want))
			}
			logicalParas := make([][]string, len(want))
			for i := range want {
				for _, l := range want[i] {
					logicalParas[i] = append(logicalParas[i], strings.TrimSpace(l))
				}
			}
			oracleParas := fribidi(t, tc.shaped, logicalParas)
			lines := 0
			for i := range want {
				if len(got[i]) != len(want[i]) {
					t.Errorf("paragraph %d: %d lines, logical layout has %d", i+1, len(got[i]), len(want[i]))
					continue
				}
				oracle := oracleParas[i]
				for j := range got[i] {
					lines++
					if g := strings.TrimSpace(got[i][j]); g != oracle[j] {
						t.Errorf("paragraph %d line %d:\n got  %q\n want %q", i+1, j+1, g, oracle[j])
					}
					if !strings.HasSuffix(got[i][j], oracle[j]+"  ") {
						t.Errorf("paragraph %d line %d is not right-aligned: %q", i+1, j+1, got[i][j])
					}
				}
			}
			t.Logf("%d lines compared", lines)
		})
	}
}

func TestArticleFiguresAndBrackets(t *testing.T) {
	text := strings.Join(renderArticle(t, appShaped, seedArticle(t), 100), "\n")
	for _, want := range []string{"24.3", "2025", "Emplifi"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is not shown left to right", want)
		}
	}
	// "(فيديو)" at the end of a right-to-left line: the bracket that opens
	// it logically is drawn mirrored at its right, the closing one at its
	// left, so the pair still looks like "( … )" around the word.
	lines := renderArticle(t, appShaped, Article{HTML: "<p>خبر عاجل (فيديو)</p>", Lang: "ar"}, 60)
	body := strings.TrimSpace(paragraphs(lines)[0][0])
	if !strings.HasPrefix(body, "(") || !strings.Contains(body, ")") || strings.Index(body, ")") < strings.Index(body, "(") {
		t.Errorf("brackets: %q", body)
	}
}

func TestArticleRTLListQuoteAndCode(t *testing.T) {
	html := `<ul><li>البند الأول</li><li>second item</li></ul>
<ol><li>الخطوة</li></ol>
<blockquote><p>اقتباس من المقال</p></blockquote>
<pre><code>go run .</code></pre>`
	lines := renderArticle(t, appShaped, Article{HTML: html, Lang: "ar"}, 60)
	find := func(word string) string {
		t.Helper()
		w := appShaped.Line(word, "", 100).Text
		for _, l := range lines {
			if strings.Contains(l, w) {
				return l
			}
		}
		t.Fatalf("%q not found in:\n%s", word, strings.Join(lines, "\n"))
		return ""
	}
	if l := strings.TrimRight(find("البند الأول"), " "); !strings.HasSuffix(l, "•") {
		t.Errorf("Arabic list item: bullet not at the right: %q", l)
	}
	if l := find("second item"); !strings.HasPrefix(strings.TrimLeft(l, " "), "•") {
		t.Errorf("English list item: bullet not at the left: %q", l)
	}
	if l := strings.TrimRight(find("الخطوة"), " "); !strings.HasSuffix(l, ".1") {
		t.Errorf("Arabic numbered item: number not at the right: %q", l)
	}
	if l := strings.TrimRight(find("اقتباس من المقال"), " "); !strings.HasSuffix(l, "│") {
		t.Errorf("Arabic quote: bar not at the right: %q", l)
	}
	for _, l := range lines {
		if strings.Contains(l, "go run .") && !strings.HasPrefix(strings.TrimLeft(l, " "), "go run .") {
			t.Errorf("code is not left to right: %q", l)
		}
	}
}

// Isolates and embeddings in a feed's text act inside their own
// paragraph only; none of them reaches the terminal.
func TestArticleContainsHostileBidiControls(t *testing.T) {
	html := "<p>عنوان \u2069 مكسور \u2067 بلا إغلاق \u202e reversed</p><p>The next paragraph reads normally.</p>"
	lines := renderArticle(t, appShaped, Article{HTML: html, Lang: "ar"}, 80)
	text := strings.Join(lines, "\n")
	if strings.ContainsAny(text, "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u200e\u200f") {
		t.Errorf("a bidi control reached the output:\n%q", text)
	}
	ps := paragraphs(lines)
	if len(ps) != 2 {
		t.Fatalf("%d paragraphs, want 2:\n%s", len(ps), text)
	}
	if got := strings.TrimSpace(ps[1][0]); got != "The next paragraph reads normally." {
		t.Errorf("the paragraph after the hostile one: %q", got)
	}
	if !strings.HasPrefix(ps[1][0], "  The") {
		t.Errorf("the paragraph after the hostile one is not left-aligned: %q", ps[1][0])
	}
}

func TestArticleLinesFitTheWindow(t *testing.T) {
	a := seedArticle(t)
	for _, w := range []int{20, 24, 30, 57, 80, 100, 160} {
		for i, l := range renderArticle(t, appShaped, a, w) {
			if Width(l) > min(w, MaxArticleWidth) {
				t.Errorf("width %d: line %d is %d cells: %q", w, i, Width(l), l)
			}
		}
	}
}

func TestArticleDashIsNotEscaped(t *testing.T) {
	lines := renderArticle(t, appShaped, Article{HTML: "<p>One - two</p><p>- leading dash</p>"}, 60)
	text := strings.Join(lines, "\n")
	if strings.Contains(text, `\-`) || !strings.Contains(text, "One - two") || !strings.Contains(text, "- leading dash") {
		t.Errorf("dashes:\n%s", text)
	}
}

// An article has the same margin on both sides, whichever way it reads:
// left-to-right text starts two cells from the left edge and reaches to
// within two of the right one (the rule spans the same), right-to-left
// text ends two cells from the right edge. A heading's painted box keeps
// its padding on both sides in both directions.
func TestArticleMarginsAreMirrored(t *testing.T) {
	const width = 60
	long := func(word string) string { return strings.TrimSpace(strings.Repeat(word+" ", 60)) }
	for _, tc := range []struct {
		lang, title, body string
		rtl               bool
	}{
		{"en", "Hello world", long("news"), false},
		{"ar", "باسم دياب يكتب", long("أخبار"), true},
	} {
		out, err := New(Options{Bidi: BidiApp, Shape: true}).Article(Article{Title: tc.title, Lang: tc.lang, HTML: "<p>" + tc.body + "</p>"}, width)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(out, "\n")
		ruleSeen, widest := false, 0
		for _, l := range lines {
			plain := ansi.Strip(l)
			text := strings.TrimSpace(plain)
			if text == "" {
				continue
			}
			left := Width(plain) - Width(strings.TrimLeft(plain, " "))
			right := Width(plain) - Width(strings.TrimRight(plain, " "))
			switch {
			case strings.HasPrefix(text, "─"):
				ruleSeen = true
				if left != 2 || Width(text) != width-4 {
					t.Errorf("%s: rule %d cells from the left, %d wide; want 2 and %d", tc.lang, left, Width(text), width-4)
				}
			case strings.Contains(text, "news") || strings.Contains(text, "ﺭﺎﺒﺧﺃ"):
				if tc.rtl && right != 2 {
					t.Errorf("%s: text line ends %d cells from the right edge, want 2: %q", tc.lang, right, plain)
				}
				if !tc.rtl && left != 2 {
					t.Errorf("%s: text line starts %d cells from the left edge, want 2: %q", tc.lang, left, plain)
				}
				widest = max(widest, Width(text))
			}
		}
		if !ruleSeen {
			t.Errorf("%s: no rule in\n%s", tc.lang, ansi.Strip(out))
		}
		if widest < width-4-6 {
			t.Errorf("%s: widest text line %d cells; the text column is %d", tc.lang, widest, width-4)
		}

		// The heading: its painted cells are one run, blank at both ends,
		// two cells from the edge it starts from.
		cells := parseCells(lines[0])
		first, last := -1, -1
		col, startCol, endCol := 0, 0, 0
		for i, c := range cells {
			if hasBackground(c.style) {
				if first < 0 {
					first, startCol = i, col
				} else if last != i-1 {
					t.Errorf("%s: the heading's box is broken: %q", tc.lang, lines[0])
				}
				last, endCol = i, col+c.width
			}
			col += c.width
		}
		if first < 0 || cells[first].text != " " || cells[last].text != " " {
			t.Fatalf("%s: the heading's box is not padded on both sides: %q", tc.lang, lines[0])
		}
		if tc.rtl && endCol != width-2 || !tc.rtl && startCol != 2 {
			t.Errorf("%s: heading box spans cells %d–%d of %d", tc.lang, startCol, endCol, width)
		}
	}
}

// TestWrappedRTLHeadingKeepsItsWords: a right-to-left heading that wraps
// keeps every letter in its word on every line; the first letter of a
// continuation line once stood apart, taken for a list marker where the
// first line had the heading's padding.
func TestWrappedRTLHeadingKeepsItsWords(t *testing.T) {
	title := "باسم دياب يكتب: ما وراء الأرقام .. سر نجاح صفحة وزارة الداخلية"
	// The same in the body's blocks whose continuation lines glamour
	// does not indent (headings, list items) or marks again (quotes).
	body := "<h2>" + title + "</h2><h3>" + title + "</h3><ol>" + strings.Repeat("<li>أول</li>", 9) +
		"<li>" + title + "</li></ol><blockquote><p>" + title + "</p></blockquote>"
	for _, w := range []int{24, 30, 40} {
		out, err := New(Options{Bidi: BidiApp}).Article(Article{Title: title, Lang: "ar", HTML: body}, w)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(ansi.Strip(out), "\n") {
			for _, f := range strings.Fields(l) {
				if utf8.RuneCountInString(f) == 1 && unicode.IsLetter([]rune(f)[0]) {
					t.Errorf("width %d: a letter stands alone in %q", w, l)
				}
			}
		}
	}
	for _, w := range []int{24, 30, 40} {
		out, err := New(Options{Bidi: BidiApp}).Article(Article{Title: title, Lang: "ar", HTML: "<p>نص</p>"}, w)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(ansi.Strip(out), "\n")
		var heading []string
		for _, l := range lines {
			if strings.TrimSpace(l) == "" {
				break
			}
			heading = append(heading, l)
		}
		if len(heading) < 2 {
			t.Fatalf("width %d: the heading does not wrap: %q", w, heading)
		}
		words := 0
		for _, l := range heading {
			for _, f := range strings.Fields(l) {
				if utf8.RuneCountInString(f) == 1 && unicode.IsLetter([]rune(f)[0]) {
					t.Errorf("width %d: a letter stands alone in %q", w, l)
				}
				if strings.ContainsFunc(f, unicode.IsLetter) {
					words++
				}
			}
		}
		if want := len(strings.Fields(strings.ReplaceAll(title, "..", ""))); words != want {
			t.Errorf("width %d: %d words in the heading, want %d: %q", w, words, want, heading)
		}
	}
}

// TestArticleTablesKeepEveryCell: a table is drawn as a table, each cell
// in its own column and, right to left ones, in display order where it
// stands; its cells once ran together as one word, or all but the first
// were lost. A table of mostly right-to-left cells reads from the right:
// its first column is the rightmost.
func TestArticleTablesKeepEveryCell(t *testing.T) {
	html := `<table><tr><th>الفريق</th><th>Points</th></tr><tr><td>الأهلي المصري</td><td>45</td></tr><tr><td>Zamalek</td><td>40</td></tr></table>`
	cells := []string{"الفريق", "Points", "الأهلي المصري", "45", "Zamalek", "40"}
	for _, ts := range []*Typesetter{appPlain, New(Options{Bidi: BidiTerminal})} {
		out, err := ts.Article(Article{Title: "t", Lang: "ar", HTML: html}, 60)
		if err != nil {
			t.Fatal(err)
		}
		var rows []string
		for _, l := range strings.Split(ansi.Strip(out), "\n") {
			if strings.Contains(l, "│") {
				rows = append(rows, l)
			}
		}
		if len(rows) != 3 {
			t.Fatalf("%+v: %d table rows, want 3:\n%s", ts.Mode(), len(rows), ansi.Strip(out))
		}
		for i, c := range cells {
			want := c
			if ts.Mode().Bidi == BidiApp {
				want = strings.TrimSpace(ts.Line(c, "", 40).Text) // display order
			}
			row := rows[i/2]
			left, right, _ := strings.Cut(row, "│")
			sides := []string{left, right}
			if ts.Mode().Bidi == BidiApp {
				sides = []string{right, left} // mirrored
			}
			if side := sides[i%2]; !strings.Contains(side, want) {
				t.Errorf("%+v: row %q lacks %q in column %d", ts.Mode(), row, want, i%2+1)
			}
			if ts.Mode().Bidi == BidiApp && i%2 == 0 && !strings.HasSuffix(strings.TrimRight(row, " "), want) {
				t.Errorf("%+v: the first column's %q is not against the right edge of %q", ts.Mode(), want, row)
			}
		}
	}
}

// TestListItemTextBesideANestedList: an item's own words before its
// nested list are a paragraph of their own, laid out right to left.
func TestListItemTextBesideANestedList(t *testing.T) {
	out, err := appPlain.Article(Article{Title: "t", Lang: "ar", HTML: `<ul><li>عنصر أول<ul><li>عنصر متداخل</li></ul></li></ul>`}, 40)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, item := range []string{"عنصر أول", "عنصر متداخل"} {
		if want := strings.TrimSpace(appPlain.Line(item, "", 40).Text); !strings.Contains(plain, want) {
			t.Errorf("%q is not in display order (%q) in\n%s", item, want, plain)
		}
	}
}

// TestLeftToRightTablesStayAsTheyAre: a table of English cells keeps
// glamour's layout, and a quote's bar is not taken for a table's.
func TestLeftToRightTablesStayAsTheyAre(t *testing.T) {
	html := `<table><tr><th>Name</th><th>Value</th></tr><tr><td>alpha</td><td>beta</td></tr></table><blockquote><p>a quote</p></blockquote>`
	app, err := appPlain.Article(Article{Title: "t", HTML: html}, 60)
	if err != nil {
		t.Fatal(err)
	}
	term, err := New(Options{Bidi: BidiTerminal}).Article(Article{Title: "t", HTML: html}, 60)
	if err != nil {
		t.Fatal(err)
	}
	trim := func(s string) string {
		lines := strings.Split(ansi.Strip(s), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimRight(l, " ")
		}
		return strings.Join(lines, "\n")
	}
	if a, b := trim(app), trim(term); a != b {
		t.Errorf("laid out by nashra:\n%s\nas glamour drew it:\n%s", a, b)
	}
}

// TestRTLTableColumnsLineUp: in a right-to-left table each cell's text
// ends one blank before the border on its left, rows alike, even where a
// lam-alef ligature takes a cell less than its letters.
func TestRTLTableColumnsLineUp(t *testing.T) {
	html := `<table><tr><th>المركز</th><th>الفريق</th><th>النقاط</th></tr><tr><td>1</td><td>الأهلي</td><td>25</td></tr><tr><td>2</td><td>الزمالك</td><td>22</td></tr></table>`
	out, err := appShaped.Article(Article{Title: "t", Lang: "ar", HTML: html}, 70)
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, l := range strings.Split(ansi.Strip(out), "\n") {
		if !strings.Contains(l, "│") {
			continue
		}
		rows++
		var cells []string // one per display column
		for _, r := range l {
			cells = append(cells, string(r))
			for range Width(string(r)) - 1 {
				cells = append(cells, "")
			}
		}
		for p, c := range cells {
			if c == "│" && (p < 2 || cells[p-1] != " " || cells[p-2] == " ") {
				t.Errorf("the cell left of the border at %d is not flush one blank from it: %q", p, l)
			}
		}
	}
	if rows != 3 {
		t.Fatalf("%d table rows in\n%s", rows, ansi.Strip(out))
	}
}
