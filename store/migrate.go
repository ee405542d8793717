package store

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations is the schema history. Entry i takes the database from
// user_version i to i+1. Steps are only ever appended: an existing step must
// never change, because databases in the wild have already run it.
var migrations = []migration{
	{name: "feeds and items", stmts: []string{
		`CREATE TABLE feeds (
			id           INTEGER PRIMARY KEY,
			url          TEXT NOT NULL UNIQUE,
			title        TEXT NOT NULL DEFAULT '',
			link         TEXT NOT NULL DEFAULT '',
			language     TEXT NOT NULL DEFAULT '',
			last_fetched INTEGER,                  -- Unix seconds of the last successful fetch; NULL = never
			last_error   TEXT NOT NULL DEFAULT ''  -- '' = last fetch succeeded
		)`,
		`CREATE TABLE items (
			id         INTEGER PRIMARY KEY,
			feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
			key        TEXT NOT NULL,              -- feed.Item.Key(): identity within the feed
			guid       TEXT NOT NULL DEFAULT '',
			link       TEXT NOT NULL DEFAULT '',
			title      TEXT NOT NULL DEFAULT '',
			author     TEXT NOT NULL DEFAULT '',
			content    TEXT NOT NULL DEFAULT '',
			language   TEXT NOT NULL DEFAULT '',
			published  INTEGER NOT NULL,           -- Unix seconds; first-seen time if the feed gives none
			updated    INTEGER,                    -- Unix seconds; NULL if the feed gives none
			read       INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
			starred    INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
			fetched_at INTEGER NOT NULL,           -- Unix seconds when first seen
			UNIQUE (feed_id, key)                  -- also serves the foreign key and per-feed counts
		)`,
		// The list view: everything, newest first.
		`CREATE INDEX items_by_date ON items (published DESC, id DESC)`,
		// The list view filtered to unread, and the unread count.
		`CREATE INDEX items_unread ON items (read, published DESC, id DESC)`,
		// The list view for a single feed.
		`CREATE INDEX items_by_feed ON items (feed_id, published DESC, id DESC)`,
	}},
	{name: "conditional GET and search", stmts: []string{
		// Validators from the last 200 response, sent back as
		// If-None-Match / If-Modified-Since so an unchanged feed costs a 304.
		`ALTER TABLE feeds ADD COLUMN etag TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE feeds ADD COLUMN last_modified TEXT NOT NULL DEFAULT ''`,
		// Title and summary folded for search (see package fold).
		`ALTER TABLE items ADD COLUMN search TEXT NOT NULL DEFAULT ''`,
	}, fn: backfillSearch},
	{name: "counters, full-text search, starred index", stmts: []string{
		// Per-feed counts kept by triggers, so the status bar's "N unread ·
		// M items" sums a row per feed instead of counting a million items.
		`CREATE TABLE feed_stats (
			feed_id INTEGER PRIMARY KEY REFERENCES feeds(id) ON DELETE CASCADE,
			total   INTEGER NOT NULL DEFAULT 0,
			unread  INTEGER NOT NULL DEFAULT 0
		)`,
		`INSERT INTO feed_stats (feed_id, total, unread)
			SELECT feed_id, COUNT(*), SUM(read = 0) FROM items GROUP BY feed_id`,
		`CREATE TRIGGER items_stats_insert AFTER INSERT ON items BEGIN
			INSERT INTO feed_stats (feed_id, total, unread) VALUES (new.feed_id, 1, new.read = 0)
			ON CONFLICT (feed_id) DO UPDATE SET total = total + 1, unread = unread + (new.read = 0);
		END`,
		`CREATE TRIGGER items_stats_delete AFTER DELETE ON items BEGIN
			UPDATE feed_stats SET total = total - 1, unread = unread - (old.read = 0)
			WHERE feed_id = old.feed_id;
		END`,
		`CREATE TRIGGER items_stats_read AFTER UPDATE OF read ON items WHEN old.read != new.read BEGIN
			UPDATE feed_stats SET unread = unread + (CASE WHEN new.read = 0 THEN 1 ELSE -1 END)
			WHERE feed_id = new.feed_id;
		END`,
		// Search: a trigram index over the folded text finds substrings of
		// three or more characters without reading every item.
		`CREATE VIRTUAL TABLE items_fts USING fts5(search, content='items', content_rowid='id', tokenize='trigram')`,
		`INSERT INTO items_fts (items_fts) VALUES ('rebuild')`,
		`CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
			INSERT INTO items_fts (rowid, search) VALUES (new.id, new.search);
		END`,
		`CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
			INSERT INTO items_fts (items_fts, rowid, search) VALUES ('delete', old.id, old.search);
		END`,
		`CREATE TRIGGER items_fts_update AFTER UPDATE OF search ON items WHEN old.search != new.search BEGIN
			INSERT INTO items_fts (items_fts, rowid, search) VALUES ('delete', old.id, old.search);
			INSERT INTO items_fts (rowid, search) VALUES (new.id, new.search);
		END`,
		// The starred view, newest first, without scanning unstarred items.
		`CREATE INDEX items_starred ON items (published DESC, id DESC) WHERE starred = 1`,
	}},
	{name: "full text and reading position", stmts: []string{
		// The article fetched from the item's page when the feed carries
		// only a summary; '' = not fetched. The summary stays in content.
		`ALTER TABLE items ADD COLUMN fulltext TEXT NOT NULL DEFAULT ''`,
		// How far down the reader got, 0–1, so reopening returns there.
		`ALTER TABLE items ADD COLUMN position REAL NOT NULL DEFAULT 0`,
	}},
	{name: "search index filled per fetch", stmts: []string{
		// Storing a fetch now indexes its new items in one statement
		// (store.indexNew); the per-row trigger made a cold refresh five
		// times slower. Items inserted elsewhere must call indexNew too.
		`DROP TRIGGER items_fts_insert`,
	}},
	{name: "Greek final sigma folded", stmts: []string{
		// fold.String now folds ς to σ and the iota subscript to ι, as the
		// trigram index does; text folded before is brought in line (the
		// update trigger re-indexes the rows it changes).
		`UPDATE items SET search = replace(replace(search, 'ς', 'σ'), char(837), 'ι')
			WHERE instr(search, 'ς') > 0 OR instr(search, char(837)) > 0`,
	}},
}

type migration struct {
	name  string
	stmts []string
	// fn runs after stmts, in the same transaction, for what SQL alone
	// cannot compute.
	fn func(ctx context.Context, tx *sql.Tx) error
}

func latestVersion() int { return len(migrations) }

func tooNew(v int) error {
	return fmt.Errorf("%w: schema version %d, this build knows up to %d; upgrade nashra",
		ErrSchemaTooNew, v, latestVersion())
}

func userVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// migrate applies the pending steps, each in its own transaction together
// with its user_version bump, so a crash leaves the database at a clean
// step boundary. The version is re-read inside each (IMMEDIATE, hence
// write-locked) transaction so that two processes opening a fresh database
// at once do not both apply the same step.
func migrate(ctx context.Context, db *sql.DB) error {
	for {
		done, err := migrateOne(ctx, db)
		if err != nil || done {
			return err
		}
	}
}

func migrateOne(ctx context.Context, db *sql.DB) (done bool, err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()

	v, err := userVersion(ctx, tx)
	if err != nil {
		return false, err
	}
	switch {
	case v > latestVersion():
		return false, tooNew(v)
	case v == latestVersion():
		return true, nil
	}
	m := migrations[v]
	for _, stmt := range m.stmts {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return false, fmt.Errorf("migrate to %d (%s): %w", v+1, m.name, err)
		}
	}
	if m.fn != nil {
		if err := m.fn(ctx, tx); err != nil {
			return false, fmt.Errorf("migrate to %d (%s): %w", v+1, m.name, err)
		}
	}
	// PRAGMA takes no bound parameters; v is an int we computed.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, fmt.Errorf("migrate to %d: set version: %w", v+1, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to %d (%s): commit: %w", v+1, m.name, err)
	}
	return false, nil
}
