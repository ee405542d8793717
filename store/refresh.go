package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"nashra/feed"
)

// ErrFeedExists is returned (wrapped) by RenameFeed when the new URL is
// already another feed's.
var ErrFeedExists = errors.New("another feed already has that URL")

// FetchState is what a refresh needs to know about a stored feed before
// fetching it.
type FetchState struct {
	ID    int64 // 0: the feed is not stored yet
	Title string
	// Validators from the last 200 response; empty when there were none.
	ETag, LastModified string
}

// FetchState returns the stored state of the feed at url; a feed that is not
// stored yet gives the zero FetchState and no error.
func (s *Store) FetchState(ctx context.Context, url string) (FetchState, error) {
	var st FetchState
	err := s.r.QueryRowContext(ctx,
		`SELECT id, title, etag, last_modified FROM feeds WHERE url = ?`, url).
		Scan(&st.ID, &st.Title, &st.ETag, &st.LastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return FetchState{}, nil
	}
	if err != nil {
		return FetchState{}, fmt.Errorf("store: fetch state of %s: %w", url, err)
	}
	return st, nil
}

// Refresh is one successful fetch to store with SaveRefresh.
type Refresh struct {
	Feed feed.Feed
	// ETag and LastModified are the response's validators, stored for
	// the next conditional request ("" clears them).
	ETag, LastModified string
	// Keep is how many items the feed no longer lists are kept, newest
	// first; starred items are kept beyond it. 0 or less keeps them all.
	Keep int
}

// SaveRefresh stores r in one transaction: everything SaveFeed does, then
// the validators, then retention — of the items r.Feed no longer lists, the
// newest r.Keep are kept and the older ones deleted unless starred. Items
// the feed lists are never deleted.
func (s *Store) SaveRefresh(ctx context.Context, r Refresh) (res SaveResult, err error) {
	if r.Feed.URL == "" {
		return res, errors.New("store: save: feed has no URL")
	}
	defer func() {
		if err != nil {
			err = fmt.Errorf("store: save %s: %w", r.Feed.URL, err)
		}
	}()
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	if res, err = s.saveFeedTx(ctx, tx, r.Feed); err != nil {
		return res, err
	}
	if _, err = tx.ExecContext(ctx, `UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?`,
		r.ETag, r.LastModified, res.FeedID); err != nil {
		return res, fmt.Errorf("validators: %w", err)
	}
	if r.Keep > 0 {
		if res.Pruned, err = prune(ctx, tx, res.FeedID, r.Feed.Items, r.Keep); err != nil {
			return res, fmt.Errorf("retention: %w", err)
		}
	}
	return res, tx.Commit()
}

// prune deletes the items of feed id that listed does not contain, beyond
// the newest keep of them (in the list's order: published, then id), except
// starred ones. Starred items count towards keep: they are among the kept
// when new enough, and kept anyway when not.
func prune(ctx context.Context, tx *sql.Tx, id int64, listed []feed.Item, keep int) (int, error) {
	keys := make(map[string]bool, len(listed))
	for _, it := range listed {
		keys[it.Key()] = true
	}
	// Every listed item has just been saved, so the feed has total-len(keys)
	// unlisted items; the feed's counter (kept by triggers, so already
	// counting what this transaction inserted) says so without reading
	// them, and nearly always shows nothing to do.
	var total int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE((SELECT total FROM feed_stats WHERE feed_id = ?), 0)`, id).Scan(&total); err != nil {
		return 0, err
	}
	if total-len(keys) <= keep {
		return 0, nil
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT id, key, starred FROM items WHERE feed_id = ?
		ORDER BY published DESC, id DESC`, id)
	if err != nil {
		return 0, err
	}
	var doomed []int64
	rank := 0
	for rows.Next() {
		var (
			itemID  int64
			key     string
			starred bool
		)
		if err := rows.Scan(&itemID, &key, &starred); err != nil {
			rows.Close()
			return 0, err
		}
		if keys[key] {
			continue
		}
		rank++
		if rank > keep && !starred {
			doomed = append(doomed, itemID)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if len(doomed) == 0 {
		return 0, nil
	}
	del, err := tx.PrepareContext(ctx, `DELETE FROM items WHERE id = ?`)
	if err != nil {
		return 0, err
	}
	defer del.Close()
	for _, itemID := range doomed {
		if _, err := del.ExecContext(ctx, itemID); err != nil {
			return 0, err
		}
	}
	return len(doomed), nil
}

// MarkNotModified records a fetch of the feed at url that the server
// answered with 304: last_fetched becomes now and the error is cleared;
// items, title and validators stay as they are. It fails with ErrNotFound
// if the feed is not stored.
func (s *Store) MarkNotModified(ctx context.Context, url string) error {
	n, err := affected(s.w.ExecContext(ctx,
		`UPDATE feeds SET last_fetched = ?, last_error = '' WHERE url = ?`, s.now().Unix(), url))
	if err != nil {
		return fmt.Errorf("store: mark %s not modified: %w", url, err)
	}
	if n == 0 {
		return fmt.Errorf("store: mark %s not modified: feed %w", url, ErrNotFound)
	}
	return nil
}

// RenameFeed moves the feed stored at oldURL to newURL, keeping its id,
// items and read state, as when the feed's server says it has moved
// permanently. It does nothing if no feed is stored at oldURL (or the URLs
// are equal), and fails with ErrFeedExists, changing nothing, if another
// feed is already stored at newURL.
func (s *Store) RenameFeed(ctx context.Context, oldURL, newURL string) (err error) {
	if oldURL == newURL {
		return nil
	}
	if newURL == "" {
		return fmt.Errorf("store: rename feed %s: empty new URL", oldURL)
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: rename feed %s: %w", oldURL, err)
	}
	defer tx.Rollback()
	var oldID, newID int64
	if err := tx.QueryRowContext(ctx, `SELECT id FROM feeds WHERE url = ?`, oldURL).Scan(&oldID); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return fmt.Errorf("store: rename feed %s: %w", oldURL, err)
	}
	err = tx.QueryRowContext(ctx, `SELECT id FROM feeds WHERE url = ?`, newURL).Scan(&newID)
	switch {
	case err == nil:
		return fmt.Errorf("store: rename feed %s to %s: %w", oldURL, newURL, ErrFeedExists)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("store: rename feed %s: %w", oldURL, err)
	}
	// A feed that never had a title of its own is shown by its URL; that
	// placeholder follows the rename.
	if _, err := tx.ExecContext(ctx, `
		UPDATE feeds SET url = ?2, title = CASE WHEN title = ?3 THEN ?2 ELSE title END
		WHERE id = ?1`, oldID, newURL, oldURL); err != nil {
		return fmt.Errorf("store: rename feed %s: %w", oldURL, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: rename feed %s: %w", oldURL, err)
	}
	return nil
}
