package main

import (
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, as store uses
)

// app is one reader set up to be measured.
type app struct {
	name string
	argv []string
	env  []string // added to the pane's environment
	work string   // its own directory: config, data, home, reports
	quit string   // key that quits from the headline list

	// first is text whose appearance marks the first frame; for nashra it
	// is a headline. open is a key to send as soon as it appears (newsboat
	// starts on its feed list, and Enter opens the all-items query feed),
	// and headline is the text that then marks headlines on screen.
	first, open, headline string
	// busy matches the screen while the reader is still doing its start-up
	// work, ready once it is done; nil: no such sign.
	busy, ready *regexp.Regexp
	// at501 says whether a screen shows the 501st item selected.
	at501 *regexp.Regexp
}

// nashraApp runs nashra offline on db: its config subscribes to the
// database's feeds with timed refresh off, and the feeds' URLs answer
// nothing (gendb puts them on a closed loopback port), so the refresh
// nashra does at start fails at once without network. XDG_CONFIG_HOME,
// XDG_DATA_HOME and HOME point into a directory of its own.
func nashraApp(o options, db labelled) (*app, error) {
	if _, err := os.Stat(db.path); err != nil {
		return nil, err
	}
	conn, err := sql.Open("sqlite", "file:"+abs(db.path)+"?_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	feeds, err := column(conn, `SELECT url FROM feeds ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", db.path, err)
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("%s has no feeds", db.path)
	}
	// The newest items, in the list's own order.
	top, err := column(conn, `SELECT title FROM items ORDER BY published DESC, id DESC LIMIT 12`)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", db.path, err)
	}
	marker, err := latinMarker(top)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", db.path, err)
	}
	checkOffline(feeds[0])

	a := &app{
		name:     "nashra " + db.label,
		work:     filepath.Join(o.work, "nashra-"+db.label),
		quit:     "q",
		first:    marker,
		headline: marker,
		// nashra refreshes every feed at start; here every fetch fails at
		// once, and the status bar counts them. The progress ("3/50
		// feeds") gives way to the failures once one has failed, so only
		// "50 feeds failed" says that all are done, including the reload
		// of the list that follows the last.
		busy:  regexp.MustCompile(`\d+/\d+ feeds`),
		ready: regexp.MustCompile(fmt.Sprintf(`(^|[^0-9])%d feeds failed`, len(feeds))),
		at501: regexp.MustCompile(`(^|[^0-9])501/[0-9]+`),
	}
	cfg := filepath.Join(a.work, "config")
	var b strings.Builder
	b.WriteString("# bench/tui: the database's feeds, refreshed only at start (and that fails at once)\nrefresh = \"off\"\n")
	for _, u := range feeds {
		fmt.Fprintf(&b, "\n[[feed]]\nurl = %q\n", u)
	}
	if err := writeFile(filepath.Join(cfg, "nashra", "config.toml"), b.String()); err != nil {
		return nil, err
	}
	a.env = dirsEnv(a.work)
	a.argv = []string{abs(o.nashra), "--db", abs(db.path)}
	return a, nil
}

// newsboatApp runs newsboat on the cache gendb wrote: no reload at start or
// on a timer, every feed listed, read or not. Newsboat opens on its feed
// list; the first entry of the urls file is the query feed of all items
// (newsboat's counterpart of nashra's list), which Enter opens.
func newsboatApp(o options) (*app, error) {
	conn, err := sql.Open("sqlite", "file:"+abs(o.nbCache)+"?_pragma=query_only(1)")
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	top, err := column(conn, `SELECT title FROM rss_item ORDER BY pubDate DESC, id DESC LIMIT 12`)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o.nbCache, err)
	}
	marker, err := latinMarker(top)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o.nbCache, err)
	}
	a := &app{
		name:     "newsboat " + o.nbLabel,
		work:     filepath.Join(o.work, "newsboat-"+o.nbLabel),
		quit:     "Q", // quits from any dialog; q would go back to the feed list
		first:    "All items",
		open:     "Enter",
		headline: marker,
		// The article list numbers its lines (%4i in articlelist-format).
		at501: regexp.MustCompile(`(?m)^\s*501 `),
	}
	config := filepath.Join(a.work, "newsboat.conf")
	if err := writeFile(config, "# bench/tui: offline, everything listed\nauto-reload no\nshow-read-feeds yes\nprepopulate-query-feeds no\n"); err != nil {
		return nil, err
	}
	a.env = dirsEnv(a.work)
	a.argv = []string{o.newsboat, "-u", abs(o.nbURLs), "-c", abs(o.nbCache), "-C", config}
	return a, nil
}

func dirsEnv(work string) []string {
	return []string{
		"HOME=" + filepath.Join(work, "home"),
		"XDG_CONFIG_HOME=" + filepath.Join(work, "config"),
		"XDG_DATA_HOME=" + filepath.Join(work, "data"),
	}
}

// latinMarker picks, from the newest titles, the first in Latin letters and
// returns its start: text that shows on screen exactly as stored (a
// right-to-left title is reordered and shaped on its way), and short
// enough not to be cut by either reader's columns.
func latinMarker(titles []string) (string, error) {
	for _, t := range titles {
		if len(t) >= 16 && isASCII(t) {
			return t[:16], nil
		}
	}
	return "", fmt.Errorf("none of the %d newest titles is in Latin letters, to recognise the list by", len(titles))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func column(db *sql.DB, query string) ([]string, error) {
	rows, err := db.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// checkOffline warns if something answers at a feed's address: nashra's
// start-up refresh would then really fetch, during the measurement.
func checkOffline(feedURL string) {
	u, err := url.Parse(feedURL)
	if err != nil || u.Host == "" {
		return
	}
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), map[string]string{"https": "443"}[u.Scheme]+map[string]string{"http": "80"}[u.Scheme])
	}
	c, err := net.DialTimeout("tcp", host, 500*time.Millisecond)
	if err == nil {
		c.Close()
		fmt.Fprintf(os.Stderr, "tui: warning: something listens at %s; nashra's refresh at start will reach it\n", host)
	}
}

func writeFile(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}
