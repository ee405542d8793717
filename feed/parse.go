package feed

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrNotAFeed is returned when a document parses as none of RSS, Atom or
// JSON Feed — typically an HTML page served where a feed was expected.
var ErrNotAFeed = errors.New("not an RSS, Atom or JSON feed")

// Parse reads one feed document in any format gofeed understands. source
// becomes Feed.URL; it is also used to name the feed when it has no title.
func Parse(r io.Reader, source string) (Feed, error) {
	parsed, err := gofeed.NewParser().Parse(r)
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return Feed{}, ErrNotAFeed
		}
		return Feed{}, fmt.Errorf("malformed feed: %w", err)
	}
	return translate(parsed, source), nil
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
	f.Items = make([]Item, 0, len(p.Items))
	for _, pi := range p.Items {
		if pi == nil {
			continue
		}
		it := Item{
			GUID:    strings.TrimSpace(pi.GUID),
			Link:    strings.TrimSpace(pi.Link),
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
