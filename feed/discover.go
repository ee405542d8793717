package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNoFeedFound is returned (wrapped) by Resolve when a source is neither
// a feed nor a web page that links to one.
var ErrNoFeedFound = errors.New("not a feed, nor a web page that links to one")

// feedLinkTypes are the media types of <link rel="alternate"> that name a
// feed, most preferred first.
var feedLinkTypes = []string{
	"application/rss+xml",
	"application/atom+xml",
	"application/feed+json",
	"application/json",
}

// FeedLinks returns the feeds an HTML page advertises with
// <link rel="alternate" type="…">, RSS first, then Atom, then JSON Feed
// (in document order within each type), with relative references resolved
// against the page's <base href> and base. Only http and https links are
// returned, and file links too when base is itself a file: URL.
func FeedLinks(page io.Reader, base *url.URL) []string {
	doc, err := html.Parse(page)
	if err != nil {
		return nil
	}
	var links [][2]string // type, href
	var baseHref string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Base:
				if baseHref == "" {
					baseHref = htmlAttr(n, "href")
				}
			case atom.Link:
				if hasToken(htmlAttr(n, "rel"), "alternate") {
					t, _, _ := mime.ParseMediaType(htmlAttr(n, "type"))
					if href := strings.TrimSpace(htmlAttr(n, "href")); href != "" && t != "" {
						links = append(links, [2]string{t, href})
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)

	if baseHref != "" {
		if b, err := base.Parse(baseHref); err == nil {
			base = b
		}
	}
	var out []string
	for _, want := range feedLinkTypes {
		for _, l := range links {
			if l[0] != want {
				continue
			}
			u, err := base.Parse(l[1])
			if err != nil {
				continue
			}
			u.Fragment = ""
			switch {
			case u.Scheme == "http" || u.Scheme == "https":
			case u.Scheme == "file" && base.Scheme == "file":
			default:
				continue
			}
			s := u.String()
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// Resolve reads source — an http(s) URL, a local file or a demo: URL —
// and returns its feed if it is one. If it is an HTML page instead, the
// feeds it advertises (FeedLinks) are fetched in order of preference and
// the first that reads is returned; its URL, in Feed.URL, is the one to
// subscribe to. A feed that has moved permanently (301, 308) is returned
// with its new URL. A page on the web may point to other pages on the web,
// never to local files. Errors wrap ErrNoFeedFound when there is no feed
// to be had.
func (f *Fetcher) Resolve(ctx context.Context, source string) (Feed, error) {
	d, err := f.Download(ctx, source, Validators{})
	if err != nil {
		return Feed{}, err
	}
	fd, perr := Parse(bytes.NewReader(d.Data), source)
	if perr == nil {
		if d.MovedTo != "" {
			fd.URL = d.MovedTo // moved for good: its new address is the one to keep
		}
		return fd, nil
	}
	if IsDemo(source) {
		return Feed{}, fmt.Errorf("%s: %w", source, perr)
	}
	var base *url.URL
	if IsRemote(source) {
		page := source
		if d.MovedTo != "" {
			page = d.MovedTo
		}
		base, err = url.Parse(page)
	} else {
		var abs string
		abs, err = filepath.Abs(source)
		base = &url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	}
	if err != nil {
		return Feed{}, fmt.Errorf("%s: %w", source, err)
	}
	links := FeedLinks(bytes.NewReader(d.Data), base)
	if len(links) == 0 {
		if !errors.Is(perr, ErrNotAFeed) {
			return Feed{}, fmt.Errorf("%s: %w", source, perr)
		}
		if looksLikeHTML(d.Data) {
			return Feed{}, fmt.Errorf("%s: %w (a web page without a <link rel=\"alternate\"> to RSS, Atom or JSON Feed)", source, ErrNoFeedFound)
		}
		return Feed{}, fmt.Errorf("%s: %w", source, ErrNoFeedFound)
	}
	var first error
	for _, l := range links {
		if u, err := url.Parse(l); err == nil && u.Scheme == "file" {
			l = filepath.FromSlash(u.Path)
		}
		fd, err := f.Fetch(ctx, l)
		if err == nil {
			return fd, nil
		}
		if first == nil {
			first = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return Feed{}, fmt.Errorf("%s links to %s, which failed: %w", source, links[0], first)
}

// looksLikeHTML reports whether data starts like an HTML document.
func looksLikeHTML(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) ||
		bytes.Contains(head, []byte("<head"))
}

func htmlAttr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, name) {
			return a.Val
		}
	}
	return ""
}

// hasToken reports whether the space-separated list has tok, ignoring
// case, as HTML compares rel values.
func hasToken(list, tok string) bool {
	for _, t := range strings.Fields(list) {
		if strings.EqualFold(t, tok) {
			return true
		}
	}
	return false
}
