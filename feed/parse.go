package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrNotAFeed is returned when a document parses as none of RSS, Atom or
// JSON Feed — typically an HTML page served where a feed was expected.
var ErrNotAFeed = errors.New("not an RSS, Atom or JSON feed")

// Parse reads one feed document in any format gofeed understands. source
// becomes Feed.URL; it is also used to name the feed when it has no title.
// The document's encoding is found from a byte-order mark or its XML
// prolog (see ToUTF8); use ParseContent when an HTTP Content-Type is
// known too.
//
// Everything in the result is safe to store and show in a terminal (see
// package sanitize) and within the limits of MaxItems, MaxTitleRunes,
// MaxLinkBytes and MaxGUIDBytes; errors are one clean line.
func Parse(r io.Reader, source string) (Feed, error) {
	return ParseContent(r, source, "")
}

// ParseContent is Parse for a document served with the HTTP Content-Type
// contentType, whose charset, if it names one, takes precedence over the
// XML prolog's.
func ParseContent(r io.Reader, source, contentType string) (Feed, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Feed{}, cleanError(fmt.Errorf("read: %w", err))
	}
	doc := prepareDocument(data, contentType)
	if len(bytes.TrimSpace(doc)) == 0 {
		return Feed{}, errors.New("empty document")
	}
	if err := checkJSON(doc); err != nil {
		return Feed{}, cleanError(err)
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(doc))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return Feed{}, ErrNotAFeed
		}
		return Feed{}, cleanError(fmt.Errorf("malformed feed: %w", err))
	}
	f := cleanFeed(translate(parsed, source), source)
	f.Items = capItems(f.Items, MaxItems)
	return f, nil
}

// translate maps gofeed's universal feed onto ours. Only what nashra shows
// or needs for identity is kept.
func translate(p *gofeed.Feed, source string) Feed {
	f := Feed{
		URL:         source,
		Title:       strings.TrimSpace(p.Title),
		Link:        p.Link,
		Description: p.Description,
		Language:    strings.TrimSpace(p.Language),
	}
	if f.Title == "" {
		f.Title = source
	}
	if f.Language == "" && p.DublinCoreExt != nil && len(p.DublinCoreExt.Language) > 0 {
		f.Language = p.DublinCoreExt.Language[0]
	}
	base := linkBase(source, f.Link)
	f.Link = resolveLink(base, f.Link)
	f.Items = make([]Item, 0, len(p.Items))
	for _, pi := range p.Items {
		if pi == nil {
			continue
		}
		it := Item{
			GUID:    strings.TrimSpace(pi.GUID),
			Link:    resolveLink(base, strings.TrimSpace(pi.Link)),
			Title:   strings.TrimSpace(pi.Title),
			Content: pi.Content,
		}
		// Many feeds put the whole article in the description and leave
		// content empty; others put a teaser there and the article in content.
		if strings.TrimSpace(it.Content) == "" {
			it.Content = pi.Description
		}
		if len(pi.Authors) > 0 && pi.Authors[0] != nil {
			it.Author = pi.Authors[0].Name
		} else if pi.DublinCoreExt != nil && len(pi.DublinCoreExt.Creator) > 0 {
			it.Author = pi.DublinCoreExt.Creator[0]
		}
		if pi.DublinCoreExt != nil && len(pi.DublinCoreExt.Language) > 0 {
			it.Language = pi.DublinCoreExt.Language[0]
		}
		if pi.PublishedParsed != nil {
			it.Published = pi.PublishedParsed.UTC()
		}
		if pi.UpdatedParsed != nil {
			it.Updated = pi.UpdatedParsed.UTC()
		}
		if it.Published.IsZero() {
			it.Published = it.Updated
		}
		if it.Title == "" {
			it.Title = untitled(it)
		}
		f.Items = append(f.Items, it)
	}
	return f
}

// untitled gives an item without a title something to show in the list, so
// it can still be selected and read.
func untitled(it Item) string {
	if it.Link != "" {
		return it.Link
	}
	if !it.Published.IsZero() {
		return "(untitled, " + it.Published.Format(time.DateOnly) + ")"
	}
	return "(untitled)"
}

// linkBase is what relative links in a feed are relative to: the feed's
// own address when it was fetched from the web, else its site's link if
// that is absolute; nil if neither.
func linkBase(source, siteLink string) *url.URL {
	for _, s := range []string{source, strings.TrimSpace(siteLink)} {
		if u, err := url.Parse(s); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
			return u
		}
	}
	return nil
}

// resolveLink makes a relative link ("/2026/02/story.html") absolute
// against base; absolute links, and any link without a base, stay as
// they are.
func resolveLink(base *url.URL, link string) string {
	if base == nil || link == "" {
		return link
	}
	u, err := url.Parse(link)
	if err != nil || u.IsAbs() {
		return link
	}
	return base.ResolveReference(u).String()
}
