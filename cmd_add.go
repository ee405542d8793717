package main

import (
	"context"
	"errors"
	"fmt"

	"nashra/feed"
	"nashra/store"
)

func init() {
	commands["add"] = command{
		summary: "subscribe to a feed, or to the feed a web page links to",
		run:     runAdd,
	}
}

const addUsage = `Usage: nashra add URL|FILE [--tag TAG]... [--title TITLE] [--config PATH] [--db PATH]

Fetches URL (or reads FILE) and subscribes to it. When it is a web page
rather than a feed, subscribes to the feed the page names with
<link rel="alternate">. The subscription is appended to the configuration
file as a [[feed]] table; the rest of the file is left as it is. Prints:
  added <title> <url>

  --tag TAG      tag the feed (repeat for several tags)
  --title TITLE  show this title instead of the feed's own
`

func runAdd(e *env, args []string) int {
	fs, dbPath, cfgPath := commandFlags("add")
	var tags repeated
	fs.Var(&tags, "tag", "")
	title := fs.String("title", "", "")
	pos, code, done := parseCommand(e, fs, addUsage, args)
	if done {
		return code
	}
	if len(pos) != 1 {
		return e.errorf(exitUsage, "add: give one URL or file to subscribe to (see nashra add --help)")
	}
	source := pos[0]
	if !feed.IsRemote(source) && !feed.IsDemo(source) {
		abs, err := checkSource(source)
		if err != nil {
			return e.errorf(1, "add: %v", err)
		}
		source = abs
	}

	cfg, err := feed.LoadConfig(*cfgPath)
	if err != nil && !errors.Is(err, feed.ErrNoConfig) {
		return e.errorf(1, "%v", err)
	}
	if s, ok := subscribed(cfg, source); ok {
		return e.errorf(1, "add: already subscribed to %s", printable(s.URL))
	}

	ctx := context.Background()
	fd, err := (&feed.Fetcher{}).Resolve(ctx, source)
	if err != nil {
		return e.errorf(1, "add: %s", printable(err.Error()))
	}
	if fd.URL != source {
		if s, ok := subscribed(cfg, fd.URL); ok {
			return e.errorf(1, "add: %s leads to %s, which you are already subscribed to", printable(source), printable(s.URL))
		}
	}
	added, err := feed.AddSubscriptions(*cfgPath, []feed.Subscription{{URL: fd.URL, Title: *title, Tags: tags}})
	if err != nil {
		return e.errorf(1, "add: %v", err)
	}
	if len(added) == 0 {
		return e.errorf(1, "add: already subscribed to %s", printable(fd.URL))
	}

	// The feed has just been read: keep its items, so they are there at
	// once. The subscription stands even if this fails.
	if st, err := store.Open(*dbPath); err != nil {
		fmt.Fprintf(e.stderr, "nashra: add: subscribed, but the items were not stored: %v\n", err)
	} else {
		if _, err := st.SaveFeed(ctx, fd); err != nil {
			fmt.Fprintf(e.stderr, "nashra: add: subscribed, but the items were not stored: %v\n", err)
		}
		st.Close()
	}

	name := added[0].Title
	if name == "" {
		name = fd.Title
	}
	fmt.Fprintf(e.stdout, "added %s %s\n", printable(name), printable(added[0].URL))
	return 0
}

// subscribed finds the subscription to url in cfg.
func subscribed(cfg feed.Config, url string) (feed.Subscription, bool) {
	for _, s := range cfg.Feeds {
		if s.URL == url {
			return s, true
		}
	}
	return feed.Subscription{}, false
}
