package feed

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"nashra/sanitize"
)

// ErrNoArticle is returned (wrapped) by ExtractArticle when a page holds
// nothing that reads as an article.
var ErrNoArticle = errors.New("no article found on the page")

// minArticleLetters is how many letters an extracted article must have at
// least; below it, what readability found is a scrap of navigation or an
// empty shell, not the article.
const minArticleLetters = 40

// maxPageElements bounds how many elements ExtractArticle gives to
// readability, whose work grows faster than the page: a real article page
// has a few thousand.
const maxPageElements = 100_000

// ExtractArticle finds the article in a web page with readability (the
// algorithm of Firefox's Reader View) and returns it as clean HTML: the
// article's body without navigation, ads, scripts, styles, forms, frames
// or event handlers, with links and images made absolute against pageURL.
// page is UTF-8 as Fetcher.Download gives it; other bytes are decoded as
// the page's <meta charset> says. A page that is not text, or in which
// nothing reads as an article, gives an error wrapping ErrNoArticle. It
// does not panic, whatever the bytes.
func ExtractArticle(page []byte, pageURL string) (out string, err error) {
	base, err := url.Parse(pageURL)
	if err != nil || base.Host == "" || (base.Scheme != "http" && base.Scheme != "https") {
		return "", fmt.Errorf("not a web address: %q", pageURL)
	}
	if len(bytes.TrimSpace(page)) == 0 {
		return "", fmt.Errorf("%w (the page is empty)", ErrNoArticle)
	}
	if kind := http.DetectContentType(page); !strings.HasPrefix(kind, "text/") {
		return "", fmt.Errorf("%w (the page is %s, not a web page)", ErrNoArticle, strings.TrimSuffix(kind, "; charset=utf-8"))
	}
	if !utf8.Valid(page) {
		enc, _, _ := charset.DetermineEncoding(page, "text/html")
		if decoded, err := enc.NewDecoder().Bytes(page); err == nil {
			page = decoded
		}
		page = bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	text := sanitize.Document(string(page))

	// readability is a large port of JavaScript written for well-formed
	// pages; a failure deep inside it on a hostile one must not take the
	// reader down.
	defer func() {
		if r := recover(); r != nil {
			out, err = "", fmt.Errorf("%w (readability failed: %v)", ErrNoArticle, r)
		}
	}()
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return "", fmt.Errorf("%w (%v)", ErrNoArticle, err)
	}
	if countElements(doc, maxPageElements+1) > maxPageElements {
		return "", fmt.Errorf("%w (the page has more than %d elements)", ErrNoArticle, maxPageElements)
	}
	parser := readability.NewParser()
	article, err := parser.ParseAndMutate(doc, base)
	if err != nil {
		return "", fmt.Errorf("%w (%v)", ErrNoArticle, err)
	}
	if article.Node == nil {
		return "", ErrNoArticle
	}
	scrub(article.Node, base)
	if letters(article.Node, minArticleLetters) < minArticleLetters {
		return "", ErrNoArticle
	}
	// readability wraps the article in a <div class="page"> of its own.
	var b strings.Builder
	for c := article.Node.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return "", fmt.Errorf("%w (%v)", ErrNoArticle, err)
		}
	}
	return strings.TrimSpace(sanitize.Text(b.String())), nil
}

// countElements counts n's elements, stopping at limit.
func countElements(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// letters counts the letters of n's text, stopping at limit.
func letters(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count < limit; c = c.NextSibling {
			if c.Type == html.TextNode {
				for _, r := range c.Data {
					if unicode.IsLetter(r) {
						count++
					}
				}
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// unsafeElements are removed from an extracted article with everything in
// them: readability drops most of them already, but not all in every case.
var unsafeElements = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Frame: true, atom.Frameset: true, atom.Object: true,
	atom.Embed: true, atom.Applet: true, atom.Form: true, atom.Input: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Link: true,
	atom.Meta: true, atom.Base: true, atom.Svg: true, atom.Math: true,
}

// urlAttributes hold URLs that scrub checks.
var urlAttributes = map[string]bool{
	"href": true, "src": true, "poster": true, "srcset": true, "action": true,
	"cite": true, "background": true, "longdesc": true, "formaction": true,
}

// scrub removes unsafe elements, event handlers, inline styles and links
// that would run code, and makes the remaining links absolute.
func scrub(n *html.Node, base *url.URL) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && (unsafeElements[c.DataAtom] || c.Namespace != "") {
			n.RemoveChild(c)
		} else if c.Type == html.CommentNode {
			n.RemoveChild(c)
		} else {
			scrub(c, base)
		}
		c = next
	}
	if n.Type != html.ElementNode {
		return
	}
	attrs := n.Attr[:0]
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		switch {
		case a.Namespace != "", strings.HasPrefix(key, "on"), key == "style":
			continue
		case urlAttributes[key] && key != "srcset":
			v, ok := absolute(a.Val, base)
			if !ok {
				continue
			}
			a.Val = v
		}
		attrs = append(attrs, a)
	}
	n.Attr = attrs
}

// absolute resolves ref against base; false for a URL that would run code
// or that does not parse.
func absolute(ref string, base *url.URL) (string, bool) {
	ref = strings.TrimSpace(ref)
	u, err := url.Parse(ref)
	if err != nil {
		return "", false
	}
	u = base.ResolveReference(u)
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto", "ftp":
		return u.String(), true
	}
	return "", false
}
