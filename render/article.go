package render

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"charm.land/glamour/v2"
	htmltomarkdown "github.com/JohannesKaufmann/html-to-markdown/v2"
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
}

// Article renders a into styled display lines for a terminal width cells
// wide: a header (title, feed, author, date, link) and the body, converted
// from HTML to Markdown and rendered by glamour.
func (t *Typesetter) Article(a Article, width int) (string, error) {
	column := min(width, MaxArticleWidth)
	html := a.HTML
	if t.opts.Bidi == BidiApp {
		marked, err := markBlocks(html, a.Lang, forcedDir(a.Direction))
		if err != nil {
			return "", fmt.Errorf("article %q: %w", a.Title, err)
		}
		html = marked
	}
	body, err := htmlToMarkdown(html)
	if err != nil {
		return "", fmt.Errorf("article %q: %w", a.Title, err)
	}
	md := t.articleHeader(a) + body
	r, err := glamourFor(column)
	if err != nil {
		return "", err
	}
	out, err := r.Render(md)
	if err != nil {
		return "", fmt.Errorf("article %q: %w", a.Title, err)
	}
	out = strings.Trim(out, "\n")
	if t.opts.Bidi == BidiApp {
		out = t.orderArticle(out, column)
	}
	return out, nil
}

// articleHeader writes the item's metadata as Markdown, so glamour styles
// it like the rest of the article.
func (t *Typesetter) articleHeader(a Article) string {
	mark := func(s string) string { return s }
	isolate := mark
	if t.opts.Bidi == BidiApp {
		mark = func(s string) string { return markLine(s, a.Lang, forcedDir(a.Direction)) }
		isolate = func(s string) string { return lri + s + pdi }
	}
	var b strings.Builder
	b.WriteString("# " + mark(escapeMarkdown(singleLine(a.Title))) + "\n\n")
	var meta []string
	if f := singleLine(a.Feed); f != "" {
		meta = append(meta, escapeMarkdown(f))
	}
	if au := singleLine(a.Author); au != "" {
		meta = append(meta, escapeMarkdown(au))
	}
	if !a.Published.IsZero() {
		// Isolated, so that beside Arabic the day stays with its month.
		meta = append(meta, isolate(a.Published.Local().Format("2 Jan 2006 15:04")))
	}
	if len(meta) > 0 {
		b.WriteString("*" + mark(strings.Join(meta, " · ")) + "*\n\n")
	}
	if l := singleLine(a.Link); l != "" {
		b.WriteString("<" + l + ">\n\n")
	}
	b.WriteString("---\n\n")
	return b.String()
}

func htmlToMarkdown(html string) (string, error) {
	if strings.TrimSpace(html) == "" {
		return "*This item has no text. Press o to open its link.*\n", nil
	}
	md, err := htmltomarkdown.ConvertString(html)
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
// is kept per column width.
var (
	renderersMu sync.Mutex
	renderers   = map[int]*glamour.TermRenderer{}
)

func glamourFor(width int) (*glamour.TermRenderer, error) {
	renderersMu.Lock()
	defer renderersMu.Unlock()
	if r, ok := renderers[width]; ok {
		return r, nil
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle("dark"),
		glamour.WithWordWrap(max(width-4, 20)), // glamour's document margin takes 2 cells each side
	)
	if err != nil {
		return nil, fmt.Errorf("glamour: %w", err)
	}
	renderers[width] = r
	return r, nil
}
