package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strings"
)

// newsboatSchema is the cache schema of newsboat 2.21 (metadata 2.11), as
// `sqlite3 cache.db .schema` shows it after `newsboat -x reload` on a new
// cache. Newsboat checks metadata and migrates older caches; one written
// with exactly its own schema is opened as it is.
var newsboatSchema = []string{
	`CREATE TABLE rss_feed (  rssurl VARCHAR(1024) PRIMARY KEY NOT NULL,  url VARCHAR(1024) NOT NULL,  title VARCHAR(1024) NOT NULL , lastmodified INTEGER(11) NOT NULL DEFAULT 0, is_rtl INTEGER(1) NOT NULL DEFAULT 0, etag VARCHAR(128) NOT NULL DEFAULT "")`,
	`CREATE TABLE rss_item (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid VARCHAR(64) NOT NULL,  title VARCHAR(1024) NOT NULL,  author VARCHAR(1024) NOT NULL,  url VARCHAR(1024) NOT NULL,  feedurl VARCHAR(1024) NOT NULL,  pubDate INTEGER NOT NULL,  content VARCHAR(65535) NOT NULL, unread INTEGER(1) NOT NULL , enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024), enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0, base VARCHAR(128) NOT NULL DEFAULT "")`,
	`CREATE TABLE google_replay (  id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,  guid VARCHAR(64) NOT NULL,  state INTEGER NOT NULL,  ts INTEGER NOT NULL )`,
	`CREATE INDEX idx_rssurl ON rss_feed(rssurl)`,
	`CREATE INDEX idx_guid ON rss_item(guid)`,
	`CREATE INDEX idx_feedurl ON rss_item(feedurl)`,
	`CREATE INDEX idx_lastmodified ON rss_feed(lastmodified)`,
	`CREATE INDEX idx_deleted ON rss_item(deleted)`,
	`CREATE TABLE metadata (  db_schema_version_major INTEGER NOT NULL,  db_schema_version_minor INTEGER NOT NULL )`,
	`INSERT INTO metadata VALUES (2, 11)`,
}

// newsboatAll is the query feed that lists every item, read or not, of
// every feed: newsboat's counterpart of nashra's "All items". It is the
// first line of the urls file, so it is the feed selected at start.
const newsboatAll = `"query:All items:unread = \"yes\" or unread = \"no\""`

// newsboatCache writes items into a newsboat cache as newsboat's own reload
// would have stored them.
type newsboatCache struct {
	db *sql.DB
}

func createNewsboatCache(path string, feeds []genFeed) (*newsboatCache, error) {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	c := &newsboatCache{db: db}
	for _, stmt := range newsboatSchema {
		if _, err := db.Exec(stmt); err != nil {
			db.Close()
			return nil, fmt.Errorf("newsboat cache: %w", err)
		}
	}
	for _, f := range feeds {
		// Newsboat sets is_rtl from the feed's language; lastmodified and
		// etag stay as after a fetch from a server that sends neither.
		if _, err := db.Exec(`INSERT INTO rss_feed (rssurl, url, title, lastmodified, is_rtl, etag) VALUES (?, ?, ?, 0, ?, '')`,
			f.url, f.link, f.title, f.lang == "ar"); err != nil {
			db.Close()
			return nil, fmt.Errorf("newsboat cache: %w", err)
		}
	}
	return c, nil
}

// add stores items with the columns newsboat fills for an RSS item without
// enclosure: the same GUID, title, author, link, date and HTML as nashra
// has, unread as the opposite of read. Newsboat's flags are letters the
// user assigns with no fixed meaning, so starred items have none.
func (c *newsboatCache) add(feeds []genFeed, items []genItem) error {
	tx, err := c.db.BeginTx(context.Background(), nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.Prepare(`INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread,
		enclosure_url, enclosure_type, enqueued, flags, deleted, base)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, '', '', 0, NULL, 0, '')`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, it := range items {
		i := it.item
		if _, err := ins.Exec(i.GUID, i.Title, i.Author, i.Link, feeds[it.feed].url, i.Published.Unix(), i.Content, !it.read); err != nil {
			return fmt.Errorf("newsboat cache: %w", err)
		}
	}
	return tx.Commit()
}

// finish closes the cache and writes the urls file: the all-items query
// feed first, then every feed.
func (c *newsboatCache) finish(urlsPath string, feeds []genFeed) error {
	if err := c.close(); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(newsboatAll + "\n")
	for _, f := range feeds {
		b.WriteString(f.url + "\n")
	}
	return os.WriteFile(urlsPath, []byte(b.String()), 0o644)
}

func (c *newsboatCache) close() error {
	if c.db == nil {
		return nil
	}
	err := c.db.Close()
	c.db = nil
	return err
}
