package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"nashra/feed"
	"nashra/store"
)

func init() {
	commands["items"] = command{
		summary: "list stored items, for scripts (plain lines or JSON lines)",
		run:     runItems,
	}
}

const itemsUsage = `Usage: nashra items [--unread] [--starred] [--feed F]... [--tag T]... [--limit N] [--json] [--config PATH] [--db PATH]

Lists stored items of the subscribed feeds, newest first, one per line:
date, feed and title, separated by tabs. Nothing is fetched (see nashra
refresh).

  --unread     only unread items
  --starred    only starred items
  --feed F     only the feed with URL or title F (repeat for several)
  --tag T      only feeds with tag T (repeat for several)
  --limit N    at most N items
  --json       one JSON object per line: id, feed, feed_url, title, link,
               published (RFC 3339), read, starred
`

// itemJSON is one line of nashra items --json.
type itemJSON struct {
	ID        int64   `json:"id"`
	Feed      string  `json:"feed"`
	FeedURL   string  `json:"feed_url"`
	Title     string  `json:"title"`
	Link      string  `json:"link"`
	Published *string `json:"published"`
	Read      bool    `json:"read"`
	Starred   bool    `json:"starred"`
}

func runItems(e *env, args []string) int {
	fs, dbPath, cfgPath := commandFlags("items")
	unread := fs.Bool("unread", false, "")
	starred := fs.Bool("starred", false, "")
	asJSON := fs.Bool("json", false, "")
	limit := fs.Int("limit", 0, "")
	var feeds, tags repeated
	fs.Var(&feeds, "feed", "")
	fs.Var(&tags, "tag", "")
	pos, code, done := parseCommand(e, fs, itemsUsage, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return e.errorf(exitUsage, "items: unexpected argument %q (see nashra items --help)", pos[0])
	}
	if *limit < 0 {
		return e.errorf(exitUsage, "items: --limit cannot be negative")
	}
	cfg, noConfig, st, err := openCommandState(*cfgPath, *dbPath)
	if err != nil {
		return e.errorf(1, "%v", err)
	}
	defer st.Close()
	ctx := context.Background()
	stored, err := st.Feeds(ctx)
	if err != nil {
		return e.errorf(1, "%v", err)
	}
	storedTitle := map[string]string{}
	for _, f := range stored {
		if f.Title != f.URL {
			storedTitle[f.URL] = f.Title
		}
	}
	// Without a configuration every stored feed counts as subscribed.
	if noConfig {
		for _, f := range stored {
			cfg.Feeds = append(cfg.Feeds, feed.Subscription{URL: f.URL})
		}
	}

	q := store.Query{UnreadOnly: *unread, Starred: *starred, Limit: *limit}
	if !noConfig {
		q.FeedURLs = append([]string{}, cfg.SubscribedURLs()...)
	}
	if len(feeds) > 0 {
		var urls []string
		for _, f := range feeds {
			u, err := findFeed(cfg, storedTitle, f)
			if err != nil {
				return e.errorf(1, "items: --feed: %s", printable(err.Error()))
			}
			urls = append(urls, u)
		}
		q.FeedURLs = intersect(q.FeedURLs, urls)
	}
	if len(tags) > 0 {
		if noConfig {
			return e.errorf(1, "items: --tag: no configuration file (%s), so no tags", *cfgPath)
		}
		var urls []string
		for _, t := range tags {
			n := 0
			for _, s := range cfg.Feeds {
				if slices.ContainsFunc(s.Tags, func(x string) bool { return strings.EqualFold(x, strings.TrimSpace(t)) }) {
					urls = append(urls, s.URL)
					n++
				}
			}
			if n == 0 {
				return e.errorf(1, "items: --tag: no subscribed feed is tagged %q", t)
			}
		}
		q.FeedURLs = intersect(q.FeedURLs, urls)
	}

	items, err := st.Items(ctx, q)
	if err != nil {
		return e.errorf(1, "%v", err)
	}
	configTitle := map[string]string{}
	for _, s := range cfg.Feeds {
		configTitle[s.URL] = s.Title
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	for _, it := range items {
		feedName := configTitle[it.FeedURL]
		if feedName == "" {
			feedName = it.FeedTitle
		}
		if *asJSON {
			line := itemJSON{
				ID:      it.ID,
				Feed:    printable(feedName),
				FeedURL: printable(it.FeedURL),
				Title:   printable(it.Title),
				Link:    printable(it.Link),
				Read:    it.Read,
				Starred: it.Starred,
			}
			if !it.Published.IsZero() {
				p := it.Published.UTC().Format(time.RFC3339)
				line.Published = &p
			}
			if err := enc.Encode(line); err != nil {
				return e.errorf(1, "items: %v", err)
			}
			continue
		}
		date := "-"
		if !it.Published.IsZero() {
			date = it.Published.Local().Format("2006-01-02 15:04")
		}
		if _, err := fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", date, printable(feedName), printable(it.Title)); err != nil {
			return e.errorf(1, "items: %v", err)
		}
	}
	return 0
}

// intersect keeps the URLs of b that are in a; a nil a means every URL.
// The result is never nil: an empty list selects no feed.
func intersect(a, b []string) []string {
	out := []string{}
	for _, u := range b {
		if (a == nil || slices.Contains(a, u)) && !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}
