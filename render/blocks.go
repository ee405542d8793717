package render

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nashra/render/bidi"
)

// Paragraph markers. Every block of an article is wrapped in an isolate —
// LEFT-TO-RIGHT or RIGHT-TO-LEFT ISOLATE … POP DIRECTIONAL ISOLATE, by its
// direction — before glamour renders it. Glamour passes them through
// untouched and gives them no cell, so afterwards they say exactly which
// output lines form which paragraph and which way it reads. Isolates in the
// feed's own text are balanced within their block first, so at the top
// level every isolate is one of ours. None reaches the terminal.
const (
	lri = "\u2066"
	rli = "\u2067"
	fsi = "\u2068"
	pdi = "\u2069"
)

// blockElements hold paragraphs of their own: each gets its own direction.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Li: true, atom.Blockquote: true,
	atom.Dd: true, atom.Dt: true, atom.Figcaption: true, atom.Caption: true,
	atom.Div: true, atom.Section: true, atom.Article: true, atom.Summary: true,
	atom.Address: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Figure: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Main: true, atom.Details: true, atom.Pre: true, atom.Hr: true,
}

// markBlocks wraps the content of every innermost block of fragment in
// the paragraph markers of its direction. A block's
// direction is its first strong character's (UAX #9 P2–P3); without one,
// the article's language decides, then the block's dir attribute.
func markBlocks(fragment, lang string, force bidi.Dir) (string, error) {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return "", err
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	markLeaves(root, lang, "", force)
	var b strings.Builder
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if err := html.Render(&b, n); err != nil {
			return "", err
		}
	}
	return b.String(), nil
}

// markLeaves marks n if it is a block with no blocks inside, else recurses.
// dir is the nearest dir attribute above n.
func markLeaves(n *html.Node, lang, dir string, force bidi.Dir) {
	if d := attr(n, "dir"); d != "" {
		dir = strings.ToLower(d)
	}
	if n.DataAtom == atom.Pre || n.DataAtom == atom.Code {
		return // code keeps its left-to-right layout
	}
	if !hasBlockInside(n) {
		var text strings.Builder
		collectText(n, &text)
		if strings.TrimSpace(text.String()) == "" {
			return
		}
		open := lri
		if blockDir(text.String(), lang, dir, force) == bidi.RTL {
			open = rli
		}
		unclosed := balanceIsolates(n, 0)
		n.InsertBefore(&html.Node{Type: html.TextNode, Data: open}, n.FirstChild)
		n.AppendChild(&html.Node{Type: html.TextNode, Data: strings.Repeat(pdi, unclosed+1)})
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			markLeaves(c, lang, dir, force)
		}
	}
}

func hasBlockInside(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (blockElements[c.DataAtom] || hasBlockInside(c)) {
			return true
		}
	}
	return false
}

func blockDir(text, lang, dir string, force bidi.Dir) bidi.Dir {
	if force != bidi.Auto {
		return force
	}
	if d, found := bidi.Direction([]rune(text)); found {
		return d
	}
	if langIsRTL(lang) || (lang == "" && dir == "rtl") {
		return bidi.RTL
	}
	return bidi.LTR
}

// balanceIsolates makes the isolates in the text under n pair up, as UAX
// #9 pairs them: a PDI with no open isolate is dropped (it would close
// ours), and the number of isolates left open is returned, to be closed
// at the block's end. depth is the number open before n.
func balanceIsolates(n *html.Node, depth int) int {
	if n.Type == html.TextNode {
		n.Data, depth = balanceText(n.Data, depth)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		depth = balanceIsolates(c, depth)
	}
	return depth
}

func balanceText(s string, depth int) (string, int) {
	if !strings.ContainsAny(s, lri+rli+fsi+pdi) {
		return s, depth
	}
	var b strings.Builder
	for _, r := range s {
		switch string(r) {
		case lri, rli, fsi:
			depth++
		case pdi:
			if depth == 0 {
				continue
			}
			depth--
		}
		b.WriteRune(r)
	}
	return b.String(), depth
}

func collectText(n *html.Node, b *strings.Builder) {
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectText(c, b)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// markLine wraps one line of our own Markdown (the title, the byline) in
// the paragraph markers of its direction.
func markLine(s, lang string, force bidi.Dir) string {
	s, open := balanceText(s, 0)
	closing := strings.Repeat(pdi, open+1)
	if blockDir(s, lang, "", force) == bidi.RTL {
		return rli + s + closing
	}
	return lri + s + closing
}
