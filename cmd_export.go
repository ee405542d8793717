package main

import (
	"bufio"
	"context"
	"errors"

	"nashra/feed"
)

func init() {
	commands["export"] = command{
		summary: "print the subscriptions as OPML 2.0",
		run:     runExport,
	}
}

const exportUsage = `Usage: nashra export [--config PATH] [--db PATH] > subscriptions.opml

Prints the subscriptions as an OPML 2.0 document, in the configuration's
order, with titles, and tags both as category="a,b" and as a folder named
after each feed's first tag. A feed the configuration names by URL only
is written under the title it last had (from --db), for other readers.
nashra import reads it back to exactly the same subscriptions.
`

func runExport(e *env, args []string) int {
	fs, dbPath, cfgPath := commandFlags("export")
	pos, code, done := parseCommand(e, fs, exportUsage, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return e.errorf(exitUsage, "export: unexpected argument %q (see nashra export --help)", pos[0])
	}
	cfg, err := feed.LoadConfig(*cfgPath)
	if err != nil && !errors.Is(err, feed.ErrNoConfig) {
		return e.errorf(1, "%v", err)
	}
	// The feeds' own titles, for those the configuration names by URL
	// only; without a database, the URL it is.
	names := map[string]string{}
	if st, err := openStoreIfExists(*dbPath); err == nil && st != nil {
		if feeds, err := st.Feeds(context.Background()); err == nil {
			for _, f := range feeds {
				// As a feed sent it: cleaned like anything shown.
				if t := printable(f.Title); t != "" && t != f.URL {
					names[f.URL] = t
				}
			}
		}
		st.Close()
	}
	w := bufio.NewWriter(e.stdout)
	if err := feed.WriteOPMLNamed(w, cfg.Feeds, names); err != nil {
		return e.errorf(1, "export: %v", err)
	}
	if err := w.Flush(); err != nil {
		return e.errorf(1, "export: %v", err)
	}
	return 0
}
