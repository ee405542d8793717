package render

import (
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"

	"nashra/render/bidi"
	"nashra/sanitize"
)

// MaxArticleWidth caps the article's text column: lines much longer than
// this are hard to read, whatever the terminal's width.
const MaxArticleWidth = 100

// Article is what the article view shows, as it came from the feed.
type Article struct {
	Title     string
	Feed      string
	Author    string
	Link      string
	Published time.Time
	HTML      string // the item's content or summary
	Lang      string
	// Direction forces every paragraph's direction ("rtl", "ltr") for a
	// feed whose text misleads detection; "" or "auto" detects.
	Direction string
	// Style is glamour's style: "dark" (default), "light", "notty" (no
	// colour), or the path of a glamour JSON style.
	Style string
	// Words are the interface's words the article view adds (the link
	// list's title, notes); empty fields take English.
	Words Words
}

// Words are what the article view writes itself, in the interface's
// language.
type Words struct {
	Links  string // the title of the link list
	NoText string // for an item without text
	Cut    string // format: the rest (%s more) is too long to show
	Date   string // the time layout of the article's date
}

func (w Words) or(def Words) Words {
	if w.Links == "" {
		w.Links = def.Links
	}
	if w.NoText == "" {
		w.NoText = def.NoText
	}
	if w.Cut == "" {
		w.Cut = def.Cut
	}
	if w.Date == "" {
		w.Date = def.Date
	}
	return w
}

var englishWords = Words{
	Links:  "Links",
	NoText: "This item has no text. Press o to open its link.",
	Cut:    "The rest of this article (%s more) is too long to show here. Press o to open its link.",
	Date:   "2 Jan 2006 15:04",
}

// Article renders a into styled display lines for a terminal width cells
// wide: a header (title, feed, author, date, link) and the body, converted
// from HTML to Markdown and rendered by glamour.
//
// Every field comes from a feed and is cleaned on its way (see package
// sanitize): escape sequences and control characters in the HTML, in what
// its character references decode to, and in the header never reach the
// output, and links other than http, https and mailto are not made into
// hyperlinks. The only escape sequences in the result are glamour's
// styling (SGR) and its hyperlinks (OSC 8); tabs are expanded to spaces,
// and explicit bidi controls act only inside their own paragraph.
// Articles over MaxArticleBytes are cut, with a note saying so.
func (t *Typesetter) Article(a Article, width int) (string, error) {
	column := min(width, MaxArticleWidth)
	html, cut := capArticle(a.HTML)
	html, links, err := prepareArticle(html, a.Lang, a.Link, forcedDir(a.Direction), t.opts.Bidi == BidiApp)
	if err != nil {
		return "", fmt.Errorf("article %q: %w", sanitize.Line(a.Title), err)
	}
	words := a.Words.or(englishWords)
	body, err := htmlToMarkdown(html, words.NoText)
	if err != nil {
		return "", fmt.Errorf("article %q: %w", sanitize.Line(a.Title), err)
	}
	if cut > 0 {
		body += "\n\n" + t.articleNote(fmt.Sprintf(words.Cut, byteSize(cut))) + "\n"
	}
	mark := func(s string, _ bidi.Dir) string { return s }
	if t.opts.Bidi == BidiApp {
		mark = func(s string, d bidi.Dir) string { return markLine(s, a.Lang, d) }
	}
	md := t.articleHeader(a) + body + linkList(links, words.Links, mark)
	r, err := glamourFor(column, a.Style)
	if err != nil {
		return "", err
	}
	out, err := r.Render(md)
	if err != nil {
		return "", fmt.Errorf("article %q: %w", sanitize.Line(a.Title), err)
	}
	out = strings.Trim(out, "\n")
	if t.opts.Bidi == BidiApp {
		out = t.orderArticle(out, column)
	}
	return terminalSafe(out), nil
}

// capArticle cuts html to at most MaxArticleBytes, before a tag if it
// can, and says how many bytes were left out.
func capArticle(html string) (string, int) {
	if len(html) <= MaxArticleBytes {
		return html, 0
	}
	end := MaxArticleBytes
	for end > 0 && !utf8.RuneStart(html[end]) {
		end--
	}
	if lt := strings.LastIndexByte(html[:end], '<'); lt > end-4096 && lt > 0 {
		end = lt
	}
	return html[:end], len(html) - end
}

// articleNote is a line of nashra's own in an article, in italics.
func (t *Typesetter) articleNote(s string) string {
	if t.opts.Bidi == BidiApp {
		return "*" + lri + s + pdi + "*"
	}
	return "*" + s + "*"
}

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d kB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// articleHeader writes the item's metadata as Markdown, so glamour styles
// it like the rest of the article.
func (t *Typesetter) articleHeader(a Article) string {
	mark := func(s string) string { return s }
	isolate, own := mark, mark
	if t.opts.Bidi == BidiApp {
		mark = func(s string) string { return markLine(s, a.Lang, forcedDir(a.Direction)) }
		isolate = func(s string) string { return lri + s + pdi }
		// A field of the byline is isolated from the others, with its own
		// direction, and whatever embedding or override it opens ends
		// with it: an RLO in the feed's name must not reverse the author
		// and the date beside it.
		own = func(s string) string { return fsi + sanitize.CloseBidi(s) + pdi }
	}
	field := func(s string) string { return singleLine(sanitize.Line(s)) }
	var b strings.Builder
	b.WriteString("# " + mark(escapeMarkdown(field(a.Title))) + "\n\n")
	var meta, plain []string
	if f := field(a.Feed); f != "" {
		meta = append(meta, own(escapeMarkdown(f)))
		plain = append(plain, f)
	}
	if au := field(a.Author); au != "" {
		meta = append(meta, own(escapeMarkdown(au)))
		plain = append(plain, au)
	}
	if !a.Published.IsZero() {
		// Isolated, so that beside Arabic the day stays with its month.
		meta = append(meta, isolate(a.Published.Local().Format(a.Words.or(englishWords).Date)))
	}
	if len(meta) > 0 {
		line := strings.Join(meta, " · ")
		if t.opts.Bidi == BidiApp {
			// The byline reads the way its first strong letter does, as
			// if its fields were not isolated.
			d := blockDir(strings.Join(plain, " "), a.Lang, "", forcedDir(a.Direction))
			line = markLine(line, a.Lang, d)
		}
		b.WriteString("*" + line + "*\n\n")
	}
	if l := field(a.Link); l != "" {
		if WebAddress(l) && !strings.ContainsAny(l, "<>") {
			b.WriteString("<" + l + ">\n\n")
		} else {
			// Shown, but not as a link: nothing to click.
			b.WriteString(escapeMarkdown(l) + "\n\n")
		}
	}
	b.WriteString("---\n\n")
	return b.String()
}

// markdownConverter is html-to-markdown's default set (base and
// CommonMark) and GitHub's tables, which glamour draws as tables: without
// them a table's cells ran together as one word.
var markdownConverter = converter.NewConverter(converter.WithPlugins(
	base.NewBasePlugin(),
	commonmark.NewCommonmarkPlugin(),
	table.NewTablePlugin(table.WithHeaderPromotion(true)),
))

func htmlToMarkdown(html, noText string) (string, error) {
	if strings.TrimSpace(html) == "" {
		return "*" + escapeMarkdown(noText) + "*\n", nil
	}
	md, err := markdownConverter.ConvertString(html)
	if err != nil {
		return "", fmt.Errorf("convert HTML: %w", err)
	}
	return md, nil
}

// escapeMarkdown keeps feed text from being read as Markdown syntax when we
// place it in a Markdown header line.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_[]<>#|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// glamour renderers are costly to build (they parse a style sheet), so one
// is kept per column width and style.
var (
	renderersMu sync.Mutex
	renderers   = map[rendererKey]*glamour.TermRenderer{}
)

// withRule gives a standard style a horizontal rule drawn across the
// text's width where it has glamour's eight hyphens, which read as a slip
// of the keyboard rather than a rule.
func withRule(cfg ansi.StyleConfig, wrap int) ansi.StyleConfig {
	if strings.Trim(cfg.HorizontalRule.Format, "\n") == "--------" {
		// The text is wrap cells wide less the document's margins.
		width := wrap
		if m := cfg.Document.Margin; m != nil {
			width -= 2 * int(*m)
		}
		cfg.HorizontalRule.Format = "\n" + strings.Repeat("─", max(width, 8)) + "\n"
	}
	return cfg
}

type rendererKey struct {
	width int
	style string
}

// CheckStyle reports whether articles can be drawn in style (a glamour
// style's name, or the path of a JSON style file), so that a theme that
// cannot be read is reported when nashra starts, not on every article.
func CheckStyle(style string) error {
	_, err := glamourFor(80, style)
	return err
}

func glamourFor(width int, style string) (*glamour.TermRenderer, error) {
	if style == "" {
		style = "dark"
	}
	renderersMu.Lock()
	defer renderersMu.Unlock()
	k := rendererKey{width, style}
	if r, ok := renderers[k]; ok {
		return r, nil
	}
	// glamour's word wrap is the whole width: it wraps text at the wrap
	// less the document's margin on both sides (2 cells each in the
	// built-in styles).
	wrap := max(width, 16)                   // narrower, the viewport cuts what overflows
	styleOpt := glamour.WithStylePath(style) // a glamour JSON style file
	if cfg, ok := styles.DefaultStyles[style]; ok {
		if style == styles.AsciiStyle || style == styles.NoTTYStyle {
			styleOpt = glamour.WithStyles(*cfg) // plain characters only
		} else {
			styleOpt = glamour.WithStyles(withRule(*cfg, wrap))
		}
	}
	r, err := glamour.NewTermRenderer(styleOpt, glamour.WithWordWrap(wrap))
	if err != nil {
		return nil, fmt.Errorf("article style %q: %w", style, err)
	}
	renderers[k] = r
	return r, nil
}
