package ui

import (
	"slices"

	"nashra/feed"
)

// filterKind says which items the list shows.
type filterKind int

const (
	filterAll filterKind = iota
	filterStarred
	filterTag
	filterFeed
)

// filter is the feeds view's choice: all items, the starred ones, one tag's
// feeds or one feed.
type filter struct {
	kind  filterKind
	label string   // what the header shows
	lang  string   // the label's language, for its direction
	urls  []string // the feeds of a tag or the one feed
}

// scope is the feeds whose items the list may show: this run's sources,
// narrowed by the filter.
func (m *Model) scope() []string {
	switch m.filter.kind {
	case filterTag, filterFeed:
		var urls []string
		for _, u := range m.filter.urls {
			if slices.Contains(m.cfg.Sources, u) {
				urls = append(urls, u)
			}
		}
		if urls == nil {
			urls = []string{}
		}
		return urls
	}
	return m.cfg.Sources
}

// subscription returns what the configuration says of a feed, if anything.
func (m *Model) subscription(url string) (feed.Subscription, bool) {
	s, ok := m.subs[url]
	return s, ok
}

// feedTitle is the name a feed is shown by: the title the user gave it,
// else its own.
func (m *Model) feedTitle(url, own string) string {
	if s, ok := m.subscription(url); ok && s.Title != "" {
		return s.Title
	}
	return own
}

// tags lists the tags of this run's sources, in the order first met.
func (m *Model) tags() []string {
	var tags []string
	for _, src := range m.cfg.Sources {
		s, _ := m.subscription(src)
		for _, t := range s.Tags {
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	return tags
}

// tagged returns this run's sources that carry tag.
func (m *Model) tagged(tag string) []string {
	var urls []string
	for _, src := range m.cfg.Sources {
		if s, ok := m.subscription(src); ok && slices.Contains(s.Tags, tag) {
			urls = append(urls, src)
		}
	}
	return urls
}
