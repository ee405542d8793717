package main

import (
	"bufio"
	"errors"

	"nashra/feed"
)

func init() {
	commands["export"] = command{
		summary: "print the subscriptions as OPML 2.0",
		run:     runExport,
	}
}

const exportUsage = `Usage: nashra export [--config PATH] > subscriptions.opml

Prints the subscriptions as an OPML 2.0 document, in the configuration's
order, with titles, and tags both as category="a,b" and as a folder named
after each feed's first tag. nashra import reads it back to exactly the
same subscriptions.
`

func runExport(e *env, args []string) int {
	fs, _, cfgPath := commandFlags("export")
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
	w := bufio.NewWriter(e.stdout)
	if err := feed.WriteOPML(w, cfg.Feeds); err != nil {
		return e.errorf(1, "export: %v", err)
	}
	if err := w.Flush(); err != nil {
		return e.errorf(1, "export: %v", err)
	}
	return 0
}
