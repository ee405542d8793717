package feed

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"nashra/fold"
)

// StripBoilerplate removes the boilerplate a site appends to its items, as
// a feed's strip rules describe it: every block element (p, div, li,
// blockquote, figcaption, h1–h6) whose text starts with one of rules, and
// the run of text that ends an element or the fragment (after its last
// block or <br>; in plain text, its last lines) when it starts with one: a
// last line such as "Click here to read the story at its source.". Text is compared whitespace-normalised and folded as search
// folds it (package fold: no harakat, tatweel or case differences). A block
// that holds other blocks is never removed whole, only what in it matches,
// so a wrapper that starts with boilerplate keeps the article after it.
// Without rules, or when nothing matches, fragment comes back unchanged.
func StripBoilerplate(fragment string, rules []string) string {
	var folded []string
	for _, r := range rules {
		if r = normalizeText(r); r != "" {
			folded = append(folded, r)
		}
	}
	if len(folded) == 0 || strings.TrimSpace(fragment) == "" {
		return fragment
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		return fragment
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	s := stripper{rules: folded}
	s.strip(body)
	s.stripLastLines(body)
	if !s.changed {
		return fragment
	}
	var b strings.Builder
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		if err := html.Render(&b, c); err != nil {
			return fragment
		}
	}
	return b.String()
}

// stripRuleBlocks are the elements removed whole when their text starts
// with a rule.
var stripRuleBlocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Blockquote: true, atom.Figcaption: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// emptyShells are, besides stripRuleBlocks, the elements dropped when
// stripping has left nothing in them.
var emptyShells = map[atom.Atom]bool{
	atom.Figure: true, atom.Ul: true, atom.Ol: true, atom.Dl: true,
	atom.Section: true, atom.Article: true, atom.Aside: true,
}

// blockElements end a run of text: what comes after one starts a new line.
var blockElements = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Details: true, atom.Dd: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tbody: true,
	atom.Td: true, atom.Th: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true,
	atom.Ul: true, atom.Br: true,
}

type stripper struct {
	rules   []string
	changed bool
}

func (s *stripper) matches(text string) bool {
	text = normalizeText(text)
	if text == "" {
		return false
	}
	for _, r := range s.rules {
		if strings.HasPrefix(text, r) {
			return true
		}
	}
	return false
}

// strip removes the boilerplate inside n: matching blocks among its
// descendants first, then a trailing run of n's own text.
func (s *stripper) strip(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type != html.ElementNode:
		case stripRuleBlocks[c.DataAtom] && !hasBlock(c) && s.matches(textOf(c)):
			n.RemoveChild(c)
			s.changed = true
		default:
			before := s.changed
			s.changed = false
			s.strip(c)
			if s.changed && (stripRuleBlocks[c.DataAtom] || emptyShells[c.DataAtom]) && isBlank(c) {
				// Nothing but what was removed: drop the empty shell.
				n.RemoveChild(c)
			}
			s.changed = s.changed || before
		}
		c = next
	}
	if n.DataAtom == atom.Body || blockElements[n.DataAtom] {
		s.stripTrailingRun(n)
	}
}

// stripTrailingRun removes the last run of n's children — the inline
// nodes after its last block element or <br> — when its text starts with a
// rule, with the line breaks before it. n is a block or the fragment's
// root, so the run starts a line.
func (s *stripper) stripTrailingRun(n *html.Node) {
	last := n.LastChild
	for last != nil && last.Type == html.TextNode && strings.TrimSpace(last.Data) == "" {
		last = last.PrevSibling
	}
	if last == nil || isRunBreak(last) {
		return
	}
	start := last
	for start.PrevSibling != nil && !isRunBreak(start.PrevSibling) {
		start = start.PrevSibling
	}
	var run strings.Builder
	for c := start; c != nil; c = c.NextSibling {
		run.WriteString(textOf(c))
	}
	if n.DataAtom == atom.Body && strings.Contains(strings.TrimSpace(run.String()), "\n") {
		// Lines of plain text, not one line: see stripLastLines.
		return
	}
	if s.matches(run.String()) {
		for c := start; c != nil; {
			next := c.NextSibling
			n.RemoveChild(c)
			c = next
		}
		// The line breaks that led to it go too.
		for c := n.LastChild; c != nil && (c.DataAtom == atom.Br || c.Type == html.TextNode && strings.TrimSpace(c.Data) == ""); {
			prev := c.PrevSibling
			n.RemoveChild(c)
			c = prev
		}
		s.changed = true
		return
	}
}

// stripLastLines handles a fragment that ends in plain text, its lines
// separated by newlines: when a line of its last text node after the first
// starts with a rule, that line and those after it are removed.
func (s *stripper) stripLastLines(root *html.Node) {
	last := root.LastChild
	if last == nil || last.Type != html.TextNode {
		return
	}
	text := last.Data
	for i := strings.IndexByte(text, '\n'); i >= 0; {
		if s.matches(text[i+1:]) {
			last.Data = strings.TrimRight(text[:i], " \t\r\n")
			s.changed = true
			return
		}
		j := strings.IndexByte(text[i+1:], '\n')
		if j < 0 {
			return
		}
		i += 1 + j
	}
}

func isRunBreak(n *html.Node) bool {
	return n.Type == html.ElementNode && blockElements[n.DataAtom]
}

// hasBlock reports whether n contains a block element.
func hasBlock(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom != atom.Br && (blockElements[c.DataAtom] || hasBlock(c)) {
			return true
		}
	}
	return false
}

// isBlank reports whether n has neither text nor an image or other
// embedded content left.
func isBlank(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			if strings.TrimSpace(c.Data) != "" {
				return false
			}
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Img, atom.Picture, atom.Video, atom.Audio, atom.Iframe, atom.Object, atom.Embed:
				return false
			}
			if !isBlank(c) {
				return false
			}
		}
	}
	return true
}

// textOf is the text of n and its descendants, with a space where a
// block or line break separates them.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Template:
				return
			}
			if blockElements[n.DataAtom] {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// normalizeText folds s (package fold) with runs of white space made one
// space and none at either end.
func normalizeText(s string) string {
	return strings.Join(strings.Fields(fold.String(s)), " ")
}
