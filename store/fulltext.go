package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SetFullText stores the article fetched from an item's web page (HTML;
// "" forgets it) beside the feed's summary, which stays in Content, and
// makes search find the item by the start of the article too.
func (s *Store) SetFullText(ctx context.Context, itemID int64, html string) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("store: set full text of item %d: %w", itemID, err)
		}
	}()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var title, content string
	err = tx.QueryRowContext(ctx, `SELECT title, content FROM items WHERE id = ?`, itemID).Scan(&title, &content)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE items SET fulltext = ?, search = ? WHERE id = ?`,
		html, searchText(title, fullTextSearch(content, html)), itemID); err != nil {
		return err
	}
	return tx.Commit()
}

// fullTextSearch is the HTML whose text search keeps for an item: the
// summary, then the full text, so that the start of both fits within
// searchLimit when the summary is short, as summaries are.
func fullTextSearch(content, fulltext string) string {
	if fulltext == "" {
		return content
	}
	return content + "\n" + fulltext
}

// ItemIDs returns the ids of the items of feed feedID that have these keys
// (feed.Item.Key()); keys not stored are absent from the map.
func (s *Store) ItemIDs(ctx context.Context, feedID int64, keys []string) (map[string]int64, error) {
	ids := make(map[string]int64, len(keys))
	const batch = 500 // well below SQLite's limit on bound parameters
	for len(keys) > 0 {
		n := min(len(keys), batch)
		args := make([]any, 0, n+1)
		args = append(args, feedID)
		for _, k := range keys[:n] {
			args = append(args, k)
		}
		marks := strings.Repeat("?,", n)
		rows, err := s.r.QueryContext(ctx,
			`SELECT key, id FROM items WHERE feed_id = ? AND key IN (`+marks[:len(marks)-1]+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: item ids: %w", err)
		}
		for rows.Next() {
			var (
				key string
				id  int64
			)
			if err := rows.Scan(&key, &id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: item ids: %w", err)
			}
			ids[key] = id
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("store: item ids: %w", err)
		}
		keys = keys[n:]
	}
	return ids, nil
}
