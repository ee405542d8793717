// Package feed turns the outside world — HTTP feeds, local files and the
// embedded demo — into one Feed/Item model. Nothing downstream knows whether
// an item came from RSS, Atom or JSON Feed.
package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Feed is one parsed feed, whatever its format.
type Feed struct {
	// URL is where the feed was read from: an http(s) URL, a file path, or
	// a demo: URL for the embedded demo. It identifies the feed in the store.
	URL         string
	Title       string
	Link        string // the site's home page, if the feed names one
	Description string
	Language    string // BCP 47 tag as the feed declares it ("ar", "en-US"); may be empty
	Items       []Item
}

// Item is one entry of a feed.
type Item struct {
	GUID      string
	Link      string
	Title     string
	Author    string
	Content   string // HTML: the full content when the feed has it, else the summary
	Language  string // the item's own language, if it declares one
	Published time.Time
	Updated   time.Time
}

// Key identifies an item within its feed across fetches: the GUID when
// there is one, else the link, else a hash of title and date. Read state is
// attached to this key, so it must be stable when a feed is fetched again.
func (it Item) Key() string {
	if it.GUID != "" {
		return "guid:" + it.GUID
	}
	if it.Link != "" {
		return "link:" + it.Link
	}
	h := sha256.Sum256([]byte(it.Title + "\x00" + it.Published.UTC().Format(time.RFC3339)))
	return "hash:" + hex.EncodeToString(h[:16])
}
