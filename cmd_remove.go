package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"nashra/feed"
)

func init() {
	commands["remove"] = command{
		summary: "unsubscribe from a feed, named by URL or title",
		run:     runRemove,
	}
}

const removeUsage = `Usage: nashra remove URL|TITLE [--config PATH] [--db PATH]

Removes the subscription with that URL, or that title (the one the
configuration gives it, else the feed's own; case does not matter), from
the configuration file: its [[feed]] table or its entry in feeds = [...].
The rest of the file is left as it is; stored items are kept. Prints:
  removed <title> <url>
`

func runRemove(e *env, args []string) int {
	fs, dbPath, cfgPath := commandFlags("remove")
	pos, code, done := parseCommand(e, fs, removeUsage, args)
	if done {
		return code
	}
	if len(pos) != 1 {
		return e.errorf(exitUsage, "remove: give one URL or title (see nashra remove --help)")
	}
	name := strings.TrimSpace(pos[0])
	cfg, err := feed.LoadConfig(*cfgPath)
	if errors.Is(err, feed.ErrNoConfig) {
		return e.errorf(1, "remove: not subscribed to %s: %s does not exist", printable(name), *cfgPath)
	}
	if err != nil {
		return e.errorf(1, "%v", err)
	}

	// The feed's own titles, as stored by earlier fetches, name it too.
	stored := map[string]string{}
	if st, err := openStoreIfExists(*dbPath); err == nil && st != nil {
		if feeds, err := st.Feeds(context.Background()); err == nil {
			for _, f := range feeds {
				if f.Title != f.URL {
					stored[f.URL] = f.Title
				}
			}
		}
		st.Close()
	}
	target, err := findFeed(cfg, stored, name)
	if err != nil {
		return e.errorf(1, "remove: %s", printable(err.Error()))
	}
	sub, err := feed.RemoveSubscription(*cfgPath, target)
	if err != nil {
		return e.errorf(1, "remove: %s", printable(err.Error()))
	}
	title := sub.Title
	if title == "" {
		title = stored[sub.URL]
	}
	if title == "" {
		fmt.Fprintf(e.stdout, "removed %s\n", printable(sub.URL))
	} else {
		fmt.Fprintf(e.stdout, "removed %s %s\n", printable(title), printable(sub.URL))
	}
	return 0
}

// findFeed finds the one subscription name means: its URL, else the title
// the configuration gives it, else the feed's own title in stored (URL →
// title); titles match exactly first, then ignoring case. It returns the
// subscription's URL.
func findFeed(cfg feed.Config, stored map[string]string, name string) (string, error) {
	key := strings.TrimSpace(name)
	if s, ok := subscribed(cfg, key); ok {
		return s.URL, nil
	}
	for _, title := range []func(feed.Subscription) string{
		func(s feed.Subscription) string { return s.Title },
		func(s feed.Subscription) string { return stored[s.URL] },
	} {
		for _, same := range []func(a, b string) bool{
			func(a, b string) bool { return a == b },
			strings.EqualFold,
		} {
			var found []string
			for _, s := range cfg.Feeds {
				if t := title(s); t != "" && same(t, key) {
					found = append(found, s.URL)
				}
			}
			switch len(found) {
			case 0:
				continue
			case 1:
				return found[0], nil
			default:
				return "", fmt.Errorf("%q is the title of %d feeds (%s); name one by its URL",
					key, len(found), strings.Join(found, ", "))
			}
		}
	}
	return "", fmt.Errorf("not subscribed to %s", key)
}
