package render

import (
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nashra/render/bidi"
)

// Links in an article are numbered where they stand — "text [1]" — and
// listed at its end, so a reader can follow one by its number (and a
// terminal that supports OSC 8 can click the list's entries). Images
// become a line "[image: alt]" with their address in the same list.
// Inline anchors lose their hyperlink: the only hyperlinks in the output
// are the list's, which nashra writes itself.

// numberLinks rewrites the links and images under root as described above
// and returns the addresses in their numbered order (a repeated address
// keeps its first number). Only web and mail addresses (WebAddress) are kept:
// an anchor to anything else stays as plain text.
func numberLinks(root *html.Node, lang, base string) []string {
	var links []string
	number := map[string]int{}
	var baseURL *url.URL
	if WebAddress(base) {
		baseURL, _ = url.Parse(base)
	}
	numbered := func(raw string) (int, bool) {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			return 0, false
		}
		if !u.IsAbs() && baseURL != nil {
			u = baseURL.ResolveReference(u) // "/other.html" on the item's site
		}
		s := u.String()
		if !WebAddress(s) {
			return 0, false
		}
		if n, ok := number[s]; ok {
			return n, true
		}
		links = append(links, s)
		number[s] = len(links)
		return len(links), true
	}
	imageWord := "image"
	if langIsRTL(lang) {
		imageWord = "صورة"
	}
	// Walk without recursion: articles can nest deeply.
	var targets []*html.Node
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Type == html.ElementNode && (n.DataAtom == atom.A || n.DataAtom == atom.Img) {
			targets = append(targets, n)
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	for _, n := range targets {
		switch n.DataAtom {
		case atom.A:
			n.DataAtom, n.Data = atom.Span, "span"
			href := attr(n, "href")
			n.Attr = nil
			if num, ok := numbered(href); ok && href != "" {
				n.AppendChild(&html.Node{Type: html.TextNode, Data: "\u00a0[" + strconv.Itoa(num) + "]"})
			}
		case atom.Img:
			alt := strings.TrimSpace(attr(n, "alt"))
			label := "[" + imageWord + "]"
			if alt != "" {
				label = "[" + imageWord + ": " + alt + "]"
			}
			if num, ok := numbered(attr(n, "src")); ok {
				label += "\u00a0[" + strconv.Itoa(num) + "]"
			}
			if n.Parent == nil {
				continue
			}
			text := &html.Node{Type: html.TextNode, Data: label}
			if inline(n.Parent) {
				n.Parent.InsertBefore(text, n)
			} else {
				// A paragraph of its own, so it takes its own direction
				// and never runs into the text around it.
				p := &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P}
				p.AppendChild(text)
				n.Parent.InsertBefore(p, n)
			}
			n.Parent.RemoveChild(n)
		}
	}
	return links
}

// linkList is the Markdown of an article's numbered links, each an
// autolink glamour turns into a hyperlink.
// mark wraps a line in the paragraph markers of a direction (identity in
// terminal mode): the title reads in its own, the addresses left to right.
func linkList(links []string, title string, mark func(string, bidi.Dir) string) string {
	if len(links) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n\n---\n\n**" + mark(title, bidi.Auto) + "**\n\n")
	for i, l := range links {
		b.WriteString(strconv.Itoa(i+1) + ". " + mark("<"+l+">", bidi.LTR) + "\n")
	}
	return b.String()
}

// inline reports whether n holds inline content (a paragraph, a heading,
// a link…) rather than blocks.
func inline(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	switch n.DataAtom {
	case atom.Div, atom.Body, atom.Section, atom.Article, atom.Main, atom.Figure,
		atom.Blockquote, atom.Li, atom.Td, atom.Th, atom.Header, atom.Footer, atom.Aside:
		return false
	}
	return true
}

// Links returns the addresses an article's links and images are numbered
// by, in order: entry n-1 is the link shown as [n]. Relative addresses are
// resolved against base, the item's own address, as Article does.
func Links(fragment, lang, base string) []string {
	root, err := parseArticle(capArticleHTML(fragment))
	if err != nil {
		return nil
	}
	return numberLinks(root, lang, base)
}

func capArticleHTML(fragment string) string {
	s, _ := capArticle(fragment)
	return s
}
