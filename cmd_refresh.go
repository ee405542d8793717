package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"nashra/feed"
	"nashra/refresh"
	"nashra/store"
)

func init() {
	commands["refresh"] = command{
		summary: "fetch subscribed feeds without the reader (for cron); exit 1 if any failed",
		run:     runRefresh,
	}
}

// renameSubscription changes a subscription's URL in the configuration file
// at configPath when its feed has moved permanently (HTTP 301/308). It is a
// variable so tests can watch the calls.
var renameSubscription = feed.RenameSubscription

const refreshUsage = `Usage: nashra refresh [-q] [--db PATH] [--config PATH] [FEED ...]

Fetches every subscribed feed, or only the FEEDs named (by URL or title),
stores new items, and prints one line:
  41 feeds, 38 ok, 2 not modified, 1 failed: <the first failure>
The exit code is 1 if any feed failed, 0 otherwise.

  -q, --quiet   print nothing unless a feed failed; then the line and any
                notes go to standard error (for cron, which mails whatever
                a job prints)
`

func runRefresh(e *env, args []string) int {
	fs := flag.NewFlagSet("refresh", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dbPath := fs.String("db", defaultDBPath(), "")
	cfgPath := fs.String("config", configPath(), "")
	quiet := fs.Bool("q", false, "")
	fs.BoolVar(quiet, "quiet", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.stdout, refreshUsage)
			return 0
		}
		return e.errorf(exitUsage, "refresh: %v (see nashra refresh --help)", err)
	}

	cfg, err := feed.LoadConfig(*cfgPath)
	if err != nil && !errors.Is(err, feed.ErrNoConfig) {
		return e.errorf(1, "%v", err)
	}
	if len(cfg.Feeds) == 0 {
		return e.errorf(1, "no subscriptions: add feeds with nashra add URL or nashra import FILE")
	}

	st, err := store.Open(*dbPath)
	if err != nil {
		return e.errorf(1, "%v", err)
	}
	defer st.Close()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	sources := cfg.SubscribedURLs()
	if names := fs.Args(); len(names) > 0 {
		sources, err = pickFeeds(ctx, st, cfg, names)
		if err != nil {
			return e.errorf(exitUsage, "refresh: %v", err)
		}
	}

	var notes []string
	eng := &refresh.Engine{
		Store:       st,
		Concurrency: cfg.Concurrency,
		Retention:   cfg.Retention,
		Settings:    refresh.SettingsFrom(cfg.Feeds),
		OnMoved: func(oldURL, newURL string) {
			if err := renameSubscription(*cfgPath, oldURL, newURL); err != nil {
				notes = append(notes, fmt.Sprintf("%s moved to %s, but the configuration was not updated: %v", oldURL, newURL, err))
			}
		},
	}
	sum := eng.All(ctx, sources, nil)
	for _, r := range sum.Results {
		if r.Note != "" {
			notes = append(notes, r.Note)
		}
	}
	// Notes (a full text that could not be fetched, a move the
	// configuration could not follow) are worth reading, but with -q only
	// when something failed: cron mails whatever a job prints.
	if !*quiet || sum.Failed > 0 {
		for _, n := range notes {
			fmt.Fprintln(e.stderr, "nashra:", n)
		}
	}
	switch {
	case !*quiet:
		fmt.Fprintln(e.stdout, sum)
	case sum.Failed > 0:
		fmt.Fprintln(e.stderr, "nashra:", sum)
	}
	if sum.Failed > 0 {
		return 1
	}
	return 0
}

// pickFeeds finds the subscriptions the user named: by URL, else by the
// title the configuration gives, else by the title the feed gives itself
// (as stored by an earlier fetch); titles match ignoring case. Every name
// must match exactly one subscription.
func pickFeeds(ctx context.Context, st *store.Store, cfg feed.Config, names []string) ([]string, error) {
	stored := map[string]string{} // URL → the feed's own title
	if feeds, err := st.Feeds(ctx); err == nil {
		for _, f := range feeds {
			stored[f.URL] = f.Title
		}
	}
	var picked []string
	for _, name := range names {
		key := strings.TrimSpace(name)
		var found []string
		for _, s := range cfg.Feeds {
			if s.URL == key {
				found = []string{s.URL}
				break
			}
		}
		for _, title := range []func(feed.Subscription) string{
			func(s feed.Subscription) string { return s.Title },
			func(s feed.Subscription) string { return stored[s.URL] },
		} {
			if len(found) > 0 {
				break
			}
			for _, s := range cfg.Feeds {
				if t := title(s); t != "" && strings.EqualFold(t, key) {
					found = append(found, s.URL)
				}
			}
		}
		switch len(found) {
		case 0:
			return nil, fmt.Errorf("no subscribed feed has the URL or title %q", key)
		case 1:
			picked = append(picked, found[0])
		default:
			return nil, fmt.Errorf("%q is the title of %d feeds (%s); name one by its URL", key, len(found), strings.Join(found, ", "))
		}
	}
	return picked, nil
}
