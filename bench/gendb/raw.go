package main

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the "sqlite" driver, as store uses
)

// rawDB writes to the nashra database on a connection of its own, for what
// store's API does not do in bulk: setting read and starred on thousands of
// items (the store does it one item per transaction, as a reader does),
// and the fast path, which inserts a round of items with one INSERT …
// SELECT instead of a statement per item. One statement matters beyond
// the per-statement overhead: triggers on items (FTS5 in particular, which
// flushes its pending index data at every statement) then run once per
// round. The store is idle whenever this connection writes.
type rawDB struct {
	db *sql.DB
}

// fastColumns are the columns of items that the fast path fills; id is
// the row id, and any other column is left to its default. verifySample
// checks that the store, too, fills them so and leaves the others at their
// defaults.
var fastColumns = []string{"feed_id", "key", "guid", "link", "title", "author", "content",
	"language", "published", "updated", "read", "starred", "fetched_at", "search"}

func openRaw(path string) (*rawDB, error) {
	// temp_store: the staging table lives in memory. synchronous off and a
	// large cache: this is a generated file, rebuilt rather than recovered
	// after a crash, and the indexes of a million rows are built faster
	// in memory.
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)&_pragma=temp_store(2)&_pragma=foreign_keys(1)"+
		"&_pragma=synchronous(0)&_pragma=cache_size(-524288)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // the TEMP staging table belongs to one connection
	return &rawDB{db: db}, nil
}

func (w *rawDB) close() error { return w.db.Close() }

// setFlags writes read and starred of items already stored by SaveFeed,
// found by (feed_id, key), nashra's identity of an item; one transaction.
func (w *rawDB) setFlags(ctx context.Context, feeds []genFeed, items []genItem) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	upd, err := tx.PrepareContext(ctx, `UPDATE items SET read = ?, starred = ? WHERE feed_id = ? AND key = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	for _, it := range items {
		if !it.read && !it.starred {
			continue
		}
		res, err := upd.ExecContext(ctx, it.read, it.starred, feeds[it.feed].id, it.item.Key())
		if err != nil {
			return fmt.Errorf("set flags: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("set flags: item %s of %s not found", it.item.Key(), feeds[it.feed].url)
		}
	}
	return tx.Commit()
}

// verifySample checks that rows the store wrote through SaveFeed are the
// rows the fast path writes for the same items: equal in every column the
// fast path fills (fetched_at aside, a clock reading), and at its default
// in every other column. So a change in the store's schema or in how it
// saves an item stops the fast path instead of producing a database
// unlike the store's.
func (w *rawDB) verifySample(ctx context.Context, feeds []genFeed, items []genItem) error {
	type column struct{ name, dflt string }
	var others []column
	rows, err := w.db.QueryContext(ctx, `SELECT name, dflt_value FROM pragma_table_info('items')`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c column
		var dflt sql.NullString
		if err := rows.Scan(&c.name, &dflt); err != nil {
			rows.Close()
			return err
		}
		if c.name == "id" || slices.Contains(fastColumns, c.name) {
			continue
		}
		if !dflt.Valid {
			rows.Close()
			return fmt.Errorf("items.%s has no default, and the fast path does not fill it: teach bench/gendb/raw.go, or use -savefeed", c.name)
		}
		c.dflt = dflt.String
		others = append(others, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	// One boolean per column: stored IS expected.
	var checks, names []string
	for _, c := range fastColumns {
		if c != "fetched_at" {
			checks = append(checks, c+" IS ?")
			names = append(names, c)
		}
	}
	for _, c := range others {
		checks = append(checks, c.name+" IS ("+c.dflt+")")
		names = append(names, c.name+" (default "+c.dflt+")")
	}
	q := `SELECT ` + strings.Join(checks, ", ") + ` FROM items WHERE feed_id = ? AND key = ?`
	for _, g := range items {
		it := g.item
		id := feeds[g.feed].id
		args := []any{id, it.Key(), it.GUID, it.Link, it.Title, it.Author, it.Content, it.Language,
			it.Published.Unix(), nil, g.read, g.starred, searchText(it.Title, it.Content), id, it.Key()}
		same := make([]bool, len(checks))
		dest := make([]any, len(checks))
		for i := range same {
			dest[i] = &same[i]
		}
		if err := w.db.QueryRowContext(ctx, q, args...).Scan(dest...); err != nil {
			return fmt.Errorf("check the fast path against the store: item %s: %w", it.Key(), err)
		}
		for i, ok := range same {
			if !ok {
				return fmt.Errorf("the store saved item %s (%q) with another %s than bench/gendb's fast path writes: "+
					"update bench/gendb (raw.go, search.go), or use -savefeed", it.Key(), it.Title, names[i])
			}
		}
	}
	return nil
}

// insert adds items as SaveFeed would for new items of a fetch at time
// fetched (first seen then, no updated date, the feed's language), with
// their flags, through a staging table and one INSERT … SELECT.
func (w *rawDB) insert(ctx context.Context, feeds []genFeed, items []genItem, fetched time.Time) error {
	tx, err := w.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	cols := strings.Join(fastColumns, ", ")
	if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS stage AS SELECT `+cols+` FROM items WHERE 0`); err != nil {
		return err
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(fastColumns)), ", ")
	ins, err := tx.PrepareContext(ctx, `INSERT INTO temp.stage (`+cols+`) VALUES (`+marks+`)`)
	if err != nil {
		return err
	}
	defer ins.Close()
	for _, g := range items {
		it := g.item
		_, err := ins.ExecContext(ctx, feeds[g.feed].id, it.Key(), it.GUID, it.Link, it.Title, it.Author,
			it.Content, it.Language, it.Published.Unix(), nil, g.read, g.starred, fetched.Unix(),
			g.search)
		if err != nil {
			return fmt.Errorf("stage items: %w", err)
		}
	}
	// Oldest first, so ids grow with time as they do when a reader
	// fetches over months.
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM items`).Scan(&maxID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO items (`+cols+`) SELECT `+cols+` FROM temp.stage ORDER BY published, rowid`); err != nil {
		return fmt.Errorf("insert items: %w", err)
	}
	// The store indexes a fetch's new items for search in one statement
	// (no trigger does it); do the same for this batch.
	if _, err := tx.ExecContext(ctx, `INSERT INTO items_fts (rowid, search) SELECT id, search FROM items WHERE id > ?`, maxID); err != nil {
		return fmt.Errorf("index items: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM temp.stage`); err != nil {
		return err
	}
	return tx.Commit()
}
