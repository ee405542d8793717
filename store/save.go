package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"nashra/feed"
)

// SaveResult says what a SaveFeed changed.
type SaveResult struct {
	FeedID    int64
	New       int // items not seen before, stored unread
	Updated   int // known items whose stored fields changed
	Unchanged int // known items left as they were
	Pruned    int // items deleted by retention (SaveRefresh only)
}

// SaveFeed stores a successful fetch of f in one transaction: the feed row
// is created or updated by URL (its error cleared, last_fetched set to now)
// and every item is inserted or updated by its Key. Known items keep their
// read and starred state and are rewritten only if something changed.
// Items that have dropped out of the feed are kept.
func (s *Store) SaveFeed(ctx context.Context, f feed.Feed) (SaveResult, error) {
	if f.URL == "" {
		return SaveResult{}, errors.New("store: save: feed has no URL")
	}
	res, err := s.saveFeed(ctx, f)
	if err != nil {
		return SaveResult{}, fmt.Errorf("store: save %s: %w", f.URL, err)
	}
	return res, nil
}

func (s *Store) saveFeed(ctx context.Context, f feed.Feed) (res SaveResult, err error) {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if res, err = s.saveFeedTx(ctx, tx, f); err != nil {
		return res, err
	}
	return res, tx.Commit()
}

// saveFeedTx is SaveFeed's work inside tx, which the caller commits; it is
// shared with SaveRefresh so a refresh stays one transaction.
func (s *Store) saveFeedTx(ctx context.Context, tx *sql.Tx, f feed.Feed) (res SaveResult, err error) {
	now := s.now().Unix()

	// An empty title in this fetch must not erase a title we already have;
	// a brand-new feed without one is shown by its URL.
	err = tx.QueryRowContext(ctx, `
		INSERT INTO feeds (url, title, link, language, last_fetched, last_error)
		VALUES (?1, CASE WHEN ?2 = '' THEN ?1 ELSE ?2 END, ?3, ?4, ?5, '')
		ON CONFLICT (url) DO UPDATE SET
			title = CASE WHEN ?2 = '' THEN feeds.title ELSE ?2 END,
			link = ?3, language = ?4, last_fetched = ?5, last_error = ''
		RETURNING id`,
		f.URL, f.Title, f.Link, f.Language, now).Scan(&res.FeedID)
	if err != nil {
		return res, fmt.Errorf("feed row: %w", err)
	}

	// New items get ids above the largest now; they are added to the
	// search index in one statement at the end (see indexNew).
	var maxID int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM items`).Scan(&maxID); err != nil {
		return res, fmt.Errorf("items: %w", err)
	}

	// A new item takes first-seen time when it has no date of its own.
	ins, err := tx.PrepareContext(ctx, `
		INSERT INTO items (feed_id, key, guid, link, title, author, content, language,
		                   published, updated, fetched_at, search)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, COALESCE(?9, ?11), ?10, ?11, ?12)
		ON CONFLICT (feed_id, key) DO NOTHING`)
	if err != nil {
		return res, err
	}
	defer ins.Close()

	// changed compares every field so an unchanged item is not rewritten
	// (no WAL churn) and costs no search text: it answers no row for a new
	// item, 0 for an unchanged one, 1 for one to update. A stored
	// first-seen date counts as a change only when the feed now supplies
	// a real one.
	changed, err := tx.PrepareContext(ctx, `
		SELECT guid IS NOT ?3 OR link IS NOT ?4 OR title IS NOT ?5 OR author IS NOT ?6
			OR content IS NOT ?7 OR language IS NOT ?8
			OR (?9 IS NOT NULL AND published IS NOT ?9)
			OR updated IS NOT ?10,
			fulltext
		FROM items WHERE feed_id = ?1 AND key = ?2`)
	if err != nil {
		return res, err
	}
	defer changed.Close()

	// read, starred and fetched_at are never touched.
	upd, err := tx.PrepareContext(ctx, `
		UPDATE items SET
			guid = ?3, link = ?4, title = ?5, author = ?6, content = ?7, language = ?8,
			published = COALESCE(?9, published), updated = ?10, search = ?11
		WHERE feed_id = ?1 AND key = ?2`)
	if err != nil {
		return res, err
	}
	defer upd.Close()

	items := dedupe(f.Items)
	// Insert oldest-listed first. Ties on published (common: undated items
	// all get the same first-seen second) are broken by id DESC in the list,
	// so the item the feed lists first must get the highest id to appear
	// first, as the feed intended.
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		key := it.Key()
		args := []any{res.FeedID, key, it.GUID, it.Link, it.Title, it.Author,
			it.Content, it.Language, unixOrNull(it.Published), unixOrNull(it.Updated)}
		var differs bool
		var fulltext string // fetched from the item's page: search keeps it
		err := changed.QueryRowContext(ctx, args...).Scan(&differs, &fulltext)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			if _, err := ins.ExecContext(ctx, append(args, now, searchText(it.Title, it.Content))...); err != nil {
				return res, fmt.Errorf("item %s: %w", key, err)
			}
			res.New++
		case err != nil:
			return res, fmt.Errorf("item %s: %w", key, err)
		case !differs:
			res.Unchanged++
		default:
			search := searchText(it.Title, fullTextSearch(it.Content, fulltext))
			if _, err := upd.ExecContext(ctx, append(args, search)...); err != nil {
				return res, fmt.Errorf("item %s: %w", key, err)
			}
			res.Updated++
		}
	}
	if res.New > 0 {
		if err := indexNew(ctx, tx, maxID); err != nil {
			return res, err
		}
	}
	return res, nil
}

// indexNew adds the items with ids above after to the search index. One
// statement for a whole fetch: FTS5 flushes its pending terms at the end of
// every statement, so indexing row by row from a trigger made storing a
// fetch several times slower.
func indexNew(ctx context.Context, tx *sql.Tx, after int64) error {
	if _, err := tx.ExecContext(ctx,
		`INSERT INTO items_fts (rowid, search) SELECT id, search FROM items WHERE id > ?`, after); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// dedupe drops repeated keys, keeping the first occurrence. Feeds do
// sometimes list an entry twice; storing the second would count a phantom
// update and let a stale copy overwrite the newer one listed above it.
func dedupe(items []feed.Item) []feed.Item {
	seen := make(map[string]bool, len(items))
	out := make([]feed.Item, 0, len(items))
	for _, it := range items {
		k := it.Key()
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, it)
	}
	return out
}

func affected(r sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}
