package render

import (
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nashra/render/bidi"
	"nashra/sanitize"
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

// Limits on article HTML, which comes from strangers: the HTML parser
// refuses documents nested more than 512 elements deep, and converting
// and laying out text takes time in proportion to its length.
const (
	// maxNesting is how deep elements may nest; elements deeper down are
	// dropped, keeping their text.
	maxNesting = 100
	// maxIndent is how deep the elements that indent their content
	// (quotes, lists) may nest: each level takes cells from the column,
	// and past the column's width the layout degenerates.
	maxIndent = 6
	// MaxArticleBytes caps the HTML of one article; the rest is left out,
	// with a note saying so.
	MaxArticleBytes = 256 << 10
)

// prepareHTML makes an article's HTML fragment safe to convert and show:
// control characters and escape sequences are removed from its text and
// attributes after the parser has decoded character references (&#27;,
// &#x9b; are controls too), links other than http, https and mailto lose
// their target, and nesting deeper than maxNesting is flattened. With
// mark, every block is also wrapped in its paragraph markers (see
// markBlocks).
func prepareHTML(fragment, lang string, force bidi.Dir, mark bool) (string, error) {
	out, _, err := prepareArticle(fragment, lang, "", force, mark)
	return out, err
}

// prepareArticle is prepareHTML that also numbers the links and images
// (see numberLinks), relative ones resolved against base, and returns
// their addresses.
func prepareArticle(fragment, lang, base string, force bidi.Dir, mark bool) (string, []string, error) {
	root, err := parseArticle(fragment)
	if err != nil {
		return "", nil, err
	}
	links := numberLinks(root, lang, base)
	if mark {
		markLeaves(root, lang, "", force)
	}
	var b strings.Builder
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if err := html.Render(&b, n); err != nil {
			return "", nil, err
		}
	}
	return b.String(), links, nil
}

// parseArticle cleans an article's HTML and parses it under a root div.
func parseArticle(fragment string) (*html.Node, error) {
	fragment = flattenDeep(sanitize.Document(sanitize.ExpandControlRefs(fragment)), maxNesting, maxIndent)
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), ctx)
	if err != nil {
		return nil, err
	}
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	cleanNodes(root)
	return root, nil
}

// markBlocks wraps the content of every innermost block of fragment in
// the paragraph markers of its direction. A block's
// direction is its first strong character's (UAX #9 P2–P3); without one,
// the article's language decides, then the block's dir attribute.
func markBlocks(fragment, lang string, force bidi.Dir) (string, error) {
	return prepareHTML(fragment, lang, force, true)
}

// cleanNodes cleans the text and attributes under root, without
// recursion.
func cleanNodes(root *html.Node) {
	stack := []*html.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch n.Type {
		case html.TextNode, html.CommentNode:
			n.Data = sanitize.Text(n.Data)
		case html.ElementNode:
			attrs := n.Attr[:0]
			for _, a := range n.Attr {
				a.Val = sanitize.Line(a.Val)
				if (a.Key == "href" || a.Key == "src") && !SafeLink(a.Val) {
					continue
				}
				attrs = append(attrs, a)
			}
			n.Attr = attrs
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, c)
		}
	}
}

// SafeLink reports whether a link in a feed may be shown as a link —
// opened by a click in the terminal or by nashra: http, https and mailto
// links, and relative ones (which resolve to the feed's own site). Any
// other scheme (file:, javascript:, a desktop's URL handlers) is not.
func SafeLink(link string) bool {
	scheme, _, found := strings.Cut(link, ":")
	if !found || strings.ContainsAny(scheme, "/?#") {
		return true // relative
	}
	switch strings.ToLower(strings.TrimSpace(scheme)) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// WebAddress reports whether link is an absolute address a terminal may
// be given as a hyperlink: http or https with a host, or mailto with an
// address. Anything else ("https:", "http:///x", a relative path a
// terminal could take for a file) is shown as text only.
func WebAddress(link string) bool {
	if strings.ContainsFunc(link, func(r rune) bool { return r <= 0x20 || (r >= 0x7f && r <= 0x9f) }) {
		return false
	}
	u, err := url.Parse(link)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != "" && u.Hostname() != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}

// flattenDeep drops the tags of elements nested more than max deep, and
// of quotes and lists nested more than maxIndent deep, keeping their
// text, so that the HTML parser (which refuses more than 512) and
// everything after it see a tree of bounded depth. It works on the token
// stream, in one pass and without recursion; elements that HTML closes
// implicitly (p, li, …) are closed when their next sibling opens. HTML
// within the limits comes back as it was.
func flattenDeep(s string, max, maxIndent int) string {
	if strings.Count(s, "<") <= maxIndent {
		return s
	}
	type open struct {
		name   string
		kept   bool
		indent bool // kept, and one of indenting
	}
	var stack []open
	kept, indents := 0, 0
	pop := func(to int) {
		for _, o := range stack[to:] {
			if o.kept {
				kept--
			}
			if o.indent {
				indents--
			}
		}
		stack = stack[:to]
	}
	var b strings.Builder
	b.Grow(len(s))
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.String()
		}
		// TagName may rewrite the bytes Raw returns (it lower-cases them).
		raw := string(z.Raw())
		switch tt {
		case html.StartTagToken:
			nameBytes, _ := z.TagName()
			name := string(nameBytes)
			if voidElements[name] {
				b.WriteString(raw)
				continue
			}
			if len(stack) > 0 && stack[len(stack)-1].name == name && closesSibling[name] {
				pop(len(stack) - 1)
			}
			o := open{name: name, kept: kept < max}
			if o.kept && indenting[name] {
				o.kept = indents < maxIndent
				o.indent = o.kept
			}
			if o.kept {
				kept++
				b.WriteString(raw)
			}
			if o.indent {
				indents++
			}
			stack = append(stack, o)
		case html.EndTagToken:
			nameBytes, _ := z.TagName()
			name := string(nameBytes)
			j := len(stack) - 1
			for ; j >= 0 && j >= len(stack)-64; j-- {
				if stack[j].name == name {
					break
				}
			}
			if j < 0 || j < len(stack)-64 {
				b.WriteString(raw) // a stray end tag: the parser decides
				continue
			}
			if stack[j].kept {
				b.WriteString(raw)
			}
			pop(j)
		default:
			b.WriteString(raw)
		}
	}
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true,
	"source": true, "track": true, "wbr": true,
}

var indenting = map[string]bool{
	"blockquote": true, "ul": true, "ol": true, "dl": true, "dd": true,
	"menu": true, "li": true, "table": true,
}

var closesSibling = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "tr": true, "td": true,
	"th": true, "option": true,
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
	// Blocks are marked on their own; text beside them (an item's words
	// before its nested list) is a paragraph of its own, gathered in a
	// span so that it is marked like a leaf.
	var run []*html.Node
	flush := func() {
		if len(run) > 0 {
			span := &html.Node{Type: html.ElementNode, Data: "span", DataAtom: atom.Span}
			n.InsertBefore(span, run[0])
			for _, c := range run {
				n.RemoveChild(c)
				span.AppendChild(c)
			}
			markLeaves(span, lang, dir, force)
			run = run[:0]
		}
	}
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && (blockElements[c.DataAtom] || hasBlockInside(c)) {
			flush()
			markLeaves(c, lang, dir, force)
		} else if c.Type == html.TextNode || c.Type == html.ElementNode {
			run = append(run, c)
		}
		c = next
	}
	flush()
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
