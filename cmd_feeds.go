package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"nashra/feed"
	"nashra/render"
	"nashra/sanitize"
	"nashra/store"
)

func init() {
	commands["feeds"] = command{
		summary: "list subscriptions: title, URL, tags, items, unread, last fetch",
		run:     runFeeds,
	}
}

const feedsUsage = `Usage: nashra feeds [--config PATH] [--db PATH]

Lists the subscriptions in the configuration's order, one per line: title,
URL, tags, stored items, unread items, and how the last fetch went. The
table fits in $COLUMNS cells (120 when unset); long cells are cut with "…".
`

// defaultTableWidth is the widest the feeds table gets without $COLUMNS.
const defaultTableWidth = 120

func runFeeds(e *env, args []string) int {
	fs, dbPath, cfgPath := commandFlags("feeds")
	pos, code, done := parseCommand(e, fs, feedsUsage, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return e.errorf(exitUsage, "feeds: unexpected argument %q (see nashra feeds --help)", pos[0])
	}
	cfg, noConfig, st, err := openCommandState(*cfgPath, *dbPath)
	if err != nil {
		return e.errorf(1, "%v", err)
	}
	defer st.Close()
	stored, err := st.Feeds(context.Background())
	if err != nil {
		return e.errorf(1, "%v", err)
	}
	byURL := map[string]store.Feed{}
	for _, f := range stored {
		byURL[f.URL] = f
	}
	// Without a configuration, what the store knows is all there is.
	subs := cfg.Feeds
	if noConfig {
		subs = nil
		for _, f := range stored {
			subs = append(subs, feed.Subscription{URL: f.URL})
		}
	}
	if len(subs) == 0 {
		fmt.Fprintf(e.stderr, "nashra: no subscriptions in %s: add feeds with nashra add URL or nashra import FILE\n", *cfgPath)
		return 0
	}

	cols := []column{
		{name: "TITLE", shrink: 1, min: 12},
		{name: "URL", shrink: 2, min: 20}, // cut last: it is what names the feed
		{name: "TAGS", shrink: 1, min: 8},
		{name: "ITEMS", right: true},
		{name: "UNREAD", right: true},
		{name: "LAST FETCH", shrink: 1, min: 19}, // "ok 2024-03-01 12:00"
	}
	var rows [][]string
	for _, s := range subs {
		f, known := byURL[s.URL]
		title := s.Title
		if title == "" && known && f.Title != f.URL {
			title = f.Title
		}
		if title == "" {
			title = "-"
		}
		tags := strings.Join(s.Tags, ",")
		if tags == "" {
			tags = "-"
		}
		rows = append(rows, []string{
			printable(title), printable(s.URL), printable(tags),
			strconv.Itoa(f.Total), strconv.Itoa(f.Unread), lastFetch(f),
		})
	}
	writeTable(e.stdout, cols, rows, tableWidth(e.getenv))
	return 0
}

// lastFetch says how the feed's last fetch went, and when.
func lastFetch(f store.Feed) string {
	when := func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }
	switch {
	case f.LastError != "" && f.LastFetched.IsZero():
		return "failed: " + printable(f.LastError)
	case f.LastError != "":
		return "failed: " + printable(f.LastError) + " (last ok " + when(f.LastFetched) + ")"
	case f.LastFetched.IsZero():
		return "never"
	}
	return "ok " + when(f.LastFetched)
}

// tableWidth is how many cells a table may take: $COLUMNS when it is set
// to a number, else defaultTableWidth.
func tableWidth(getenv func(string) string) int {
	if getenv != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
			return n
		}
	}
	return defaultTableWidth
}

// A column of a table.
type column struct {
	name  string
	right bool // aligned to the right (numbers)
	// shrink orders the columns cut when the table is too wide: those
	// with shrink 1 first (widest first) down to min cells, then 2, …,
	// then all of them further if need be; 0 is never cut.
	shrink int
	min    int
}

// writeTable prints a header and rows in columns two spaces apart,
// measured in terminal cells with render.Width so that Arabic, combining
// marks and wide characters line up. When a line would be wider than
// width, cells are cut with an ellipsis (see column.shrink). Text stays in
// logical order: this output is for files and pipes as much as terminals.
func writeTable(w io.Writer, cols []column, rows [][]string, width int) {
	const gap = 2
	widths := make([]int, len(cols))
	for i, c := range cols {
		widths[i] = render.Width(c.name)
	}
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], render.Width(cell))
		}
	}
	total := gap * (len(cols) - 1)
	for _, cw := range widths {
		total += cw
	}
	// Cut column by column in shrink order down to each one's min; if that
	// is not enough, cut them all further, down to a few cells.
	last := 0
	for _, c := range cols {
		last = max(last, c.shrink)
	}
	for pass := 1; pass <= last+1 && total > width; pass++ {
		for total > width {
			widest := -1
			for i, c := range cols {
				floor := c.min
				if pass > last {
					floor = 4
				}
				if c.shrink > 0 && (c.shrink == pass || pass > last) && widths[i] > floor &&
					(widest < 0 || widths[i] > widths[widest]) {
					widest = i
				}
			}
			if widest < 0 {
				break
			}
			widths[widest]--
			total--
		}
	}
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.name
	}
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		b.Reset()
		for i, cell := range r {
			cell = cutToWidth(cell, widths[i])
			pad := strings.Repeat(" ", widths[i]-render.Width(cell))
			if cols[i].right {
				b.WriteString(pad + cell)
			} else {
				b.WriteString(cell + pad)
			}
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", gap))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}

// cutToWidth cuts s to at most width cells, whole grapheme clusters at a
// time, ending it with an ellipsis when anything was cut.
func cutToWidth(s string, width int) string {
	if render.Width(s) <= width {
		return s
	}
	room := width - render.Width(render.Ellipsis)
	if room < 0 {
		return ""
	}
	body := ansi.Truncate(s, room, "")
	for render.Width(body) > room { // never wider, whatever the measures
		_, size := utf8.DecodeLastRuneInString(body)
		body = body[:len(body)-size]
	}
	return strings.TrimRight(body, " ") + render.Ellipsis
}

// ---- helpers shared by the subscription commands ----

// commandFlags is a flag set for a subcommand with the --db and --config
// flags every one of them takes.
func commandFlags(name string) (fs *flag.FlagSet, dbPath, cfgPath *string) {
	fs = flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line
	dbPath = fs.String("db", defaultDBPath(), "")
	cfgPath = fs.String("config", configPath(), "")
	return fs, dbPath, cfgPath
}

// parseCommand parses a subcommand's arguments, flags and positional
// arguments in any order ("nashra add URL --tag news"); everything after
// "--" is positional. done means return code now: help was printed, or a
// usage error reported in one line.
func parseCommand(e *env, fs *flag.FlagSet, help string, args []string) (pos []string, code int, done bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(e.stdout, help)
				return nil, 0, true
			}
			return nil, e.errorf(exitUsage, "%s: %v (see nashra %s --help)", fs.Name(), err, fs.Name()), true
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), 0, false
		}
		if len(rest) == 0 {
			return pos, 0, false
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// repeated is a flag that may be given several times (--tag a --tag b).
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// printable makes text that came from a feed or a file safe to print on
// one line of a terminal: see sanitize.Line (escape sequences removed
// whole, controls dropped, tabs and line breaks turned into spaces,
// invalid UTF-8 replaced) and sanitize.CloseBidi (an RLO or other
// embedding cannot reach past the field into the next column).
func printable(s string) string {
	return sanitize.CloseBidi(sanitize.Line(s))
}

// openCommandState reads the configuration (none is not an error: noConfig
// says so) and opens the database, for the commands that report on both.
func openCommandState(cfgPath, dbPath string) (cfg feed.Config, noConfig bool, st *store.Store, err error) {
	cfg, err = feed.LoadConfig(cfgPath)
	noConfig = errors.Is(err, feed.ErrNoConfig)
	if err != nil && !noConfig {
		return cfg, false, nil, err
	}
	st, err = store.Open(dbPath)
	return cfg, noConfig, st, err
}

// openStoreIfExists opens the database at path only if it exists, so that
// a command that merely consults it does not create one. It returns nil
// when there is none.
func openStoreIfExists(path string) (*store.Store, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	return store.Open(path)
}
