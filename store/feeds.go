package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Feed is a stored feed with its item counts.
type Feed struct {
	ID          int64
	URL         string
	Title       string
	Link        string
	Language    string
	LastFetched time.Time // last successful fetch; zero if never
	LastError   string    // why the last fetch failed; "" if it succeeded
	Unread      int
	Total       int
}

// feedsQuery lists the feeds with their counts. The counts come from the
// per-feed counters the triggers keep, a row per feed whatever the number
// of items (counting the items themselves took seconds at a million). The
// LEFT JOIN keeps feeds that have never delivered an item (say, one that
// has only ever failed) so the UI can show their error.
const feedsQuery = `
	SELECT f.id, f.url, f.title, f.link, f.language, f.last_fetched, f.last_error,
	       COALESCE(st.unread, 0), COALESCE(st.total, 0)
	FROM feeds f LEFT JOIN feed_stats st ON st.feed_id = f.id
	ORDER BY f.title COLLATE NOCASE, f.id`

// Feeds lists all feeds, ordered by title, each with its unread and total
// item counts.
func (s *Store) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := s.r.QueryContext(ctx, feedsQuery)
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		var f Feed
		var fetched sql.NullInt64
		if err := rows.Scan(&f.ID, &f.URL, &f.Title, &f.Link, &f.Language, &fetched,
			&f.LastError, &f.Unread, &f.Total); err != nil {
			return nil, fmt.Errorf("store: feeds: %w", err)
		}
		f.LastFetched = fromUnix(fetched)
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	return out, nil
}

// SetFeedError records that fetching url failed with message msg. The feed
// row is created if this is its first fetch (titled title, else the URL);
// its items, title and last successful fetch time are left alone, so the
// reader keeps what it had. The next successful SaveFeed clears the error.
func (s *Store) SetFeedError(ctx context.Context, url, title string, msg string) error {
	if url == "" {
		return fmt.Errorf("store: set feed error: empty URL")
	}
	if msg == "" {
		// An empty error would read as "last fetch fine"; a failure must
		// never be recorded as success.
		msg = "unknown error"
	}
	// A title given here (typically the user's name for the feed) replaces
	// only the URL placeholder, never a title the feed itself supplied.
	_, err := s.w.ExecContext(ctx, `
		INSERT INTO feeds (url, title, last_error)
		VALUES (?1, CASE WHEN ?2 = '' THEN ?1 ELSE ?2 END, ?3)
		ON CONFLICT (url) DO UPDATE SET
			last_error = ?3,
			title = CASE WHEN ?2 <> '' AND feeds.title IN ('', feeds.url) THEN ?2 ELSE feeds.title END`,
		url, title, msg)
	if err != nil {
		return fmt.Errorf("store: set error for %s: %w", url, err)
	}
	return nil
}
