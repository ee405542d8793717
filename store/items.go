package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"nashra/fold"
)

// Item is a stored item together with what the UI needs of its feed.
type Item struct {
	ID           int64
	FeedID       int64
	FeedTitle    string
	FeedURL      string
	FeedLanguage string // fallback when Language is empty
	Key          string // feed.Item.Key() at the time it was stored
	GUID         string
	Link         string
	Title        string
	Author       string
	Content      string // HTML
	FullText     string // HTML of the article fetched from Link; "" if not fetched
	Language     string
	Published    time.Time // first-seen time if the feed gave no date
	Updated      time.Time // zero if the feed gave none
	Read         bool
	Starred      bool
}

// Query selects items for Items.
type Query struct {
	UnreadOnly bool
	FeedID     int64 // 0 = all feeds
	// FeedURLs limits the items to the feeds with these URLs: the sources of
	// one run of nashra. nil means every stored feed.
	FeedURLs []string
	// Starred keeps only starred items.
	Starred bool
	// Search keeps items whose title or summary contains this text, as
	// package fold compares text (no harakat, case or digit-shape
	// differences).
	Search string
	Limit  int // 0 = no limit
	Offset int

	// byExclusion writes the FeedURLs condition as "not one of the other
	// feeds"; see Store.scoped.
	byExclusion bool
	// scanSearch matches Search against each item met along the date
	// index rather than through the trigram index; see Store.pagePlan.
	scanSearch bool
	walkBudget int // how many items the walk may pass
}

const itemColumns = `
	i.id, i.feed_id, f.title, f.url, f.language, i.key, i.guid, i.link, i.title,
	i.author, i.content, i.language, i.published, i.updated, i.read, i.starred,
	i.fulltext
	FROM items i JOIN feeds f ON f.id = i.feed_id`

// Items returns the items matching q, newest first; items published in the
// same second come highest id first, so the order is total and paging with
// Limit/Offset is stable.
func (s *Store) Items(ctx context.Context, q Query) ([]Item, error) {
	if q.Limit < 0 || q.Offset < 0 {
		return nil, fmt.Errorf("store: items: negative limit or offset (%d, %d)", q.Limit, q.Offset)
	}
	query, args := itemsQuery(q)
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: items: %w", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("store: items: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: items: %w", err)
	}
	return out, nil
}

// itemsQuery builds the SELECT for q. Only fixed SQL fragments are
// concatenated; every value is a bound argument.
func itemsQuery(q Query) (string, []any) {
	where, args := q.conditions()
	query := "SELECT " + itemColumns + where
	// The ORDER BY matches the items_* indexes exactly, so SQLite walks an
	// index instead of sorting. LIMIT -1 is SQLite for "no limit".
	limit := q.Limit
	if limit == 0 {
		limit = -1
	}
	query += " ORDER BY i.published DESC, i.id DESC LIMIT ? OFFSET ?"
	return query, append(args, limit, q.Offset)
}

// conditions is q's WHERE clause (with its leading " WHERE ", or empty)
// and arguments.
func (q Query) conditions(extra ...string) (string, []any) {
	where := append([]string(nil), extra...)
	var args []any
	if q.UnreadOnly {
		where = append(where, "i.read = 0")
	}
	if q.FeedID != 0 {
		where = append(where, "i.feed_id = ?")
		args = append(args, q.FeedID)
	}
	if q.FeedURLs != nil {
		cond, urlArgs := inFeeds("i.feed_id", q.FeedURLs)
		if q.byExclusion {
			cond, urlArgs = notInOtherFeeds("i.feed_id", q.FeedURLs)
		}
		where = append(where, cond)
		args = append(args, urlArgs...)
	}
	if q.Starred {
		where = append(where, "i.starred = 1")
	}
	if s := fold.String(strings.TrimSpace(q.Search)); s != "" {
		if utf8.RuneCountInString(s) >= 3 && !q.scanSearch {
			// The trigram index finds the substring; a phrase keeps the
			// query's characters in order, spaces included.
			where = append(where, "i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ?)")
			args = append(args, `"`+strings.ReplaceAll(s, `"`, `""`)+`"`)
		} else {
			// Too short for trigrams, or common enough that a page's
			// matches come soon along the date index: match the folded
			// text directly.
			where = append(where, `i.search LIKE ? ESCAPE '\'`)
			args = append(args, likePattern(s))
		}
	}
	if len(where) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// Item returns one item by id, or an error wrapping ErrNotFound.
func (s *Store) Item(ctx context.Context, id int64) (Item, error) {
	row := s.r.QueryRowContext(ctx, "SELECT "+itemColumns+" WHERE i.id = ?", id)
	it, err := scanItem(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Item{}, fmt.Errorf("store: item %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Item{}, fmt.Errorf("store: item %d: %w", id, err)
	}
	return it, nil
}

func scanItem(sc interface{ Scan(...any) error }) (Item, error) {
	var it Item
	var published, updated sql.NullInt64
	err := sc.Scan(&it.ID, &it.FeedID, &it.FeedTitle, &it.FeedURL, &it.FeedLanguage,
		&it.Key, &it.GUID, &it.Link, &it.Title, &it.Author, &it.Content, &it.Language,
		&published, &updated, &it.Read, &it.Starred, &it.FullText)
	if err != nil {
		return Item{}, err
	}
	it.Published = fromUnix(published)
	it.Updated = fromUnix(updated)
	return it, nil
}

// inFeeds is a condition that col is the id of one of the feeds with these
// URLs, with its bound arguments. No URLs matches nothing.
func inFeeds(col string, urls []string) (string, []any) {
	if len(urls) == 0 {
		return "0", nil
	}
	args := make([]any, len(urls))
	for i, u := range urls {
		args[i] = u
	}
	marks := strings.Repeat("?,", len(urls))
	return col + " IN (SELECT id FROM feeds WHERE url IN (" + marks[:len(marks)-1] + "))", args
}

// notInOtherFeeds is inFeeds written the other way round: col is not the
// id of any feed whose URL is not one of these. It selects the same items.
func notInOtherFeeds(col string, urls []string) (string, []any) {
	if len(urls) == 0 {
		return "0", nil
	}
	cond, args := inFeeds(col, urls)
	// "col IN (SELECT id FROM feeds WHERE url IN (...))" becomes
	// "col NOT IN (SELECT id FROM feeds WHERE url NOT IN (...))".
	inner := strings.TrimPrefix(cond, col+" IN (SELECT id FROM feeds WHERE url IN ")
	return col + " NOT IN (SELECT id FROM feeds WHERE url NOT IN " + inner, args
}

// scoped prepares q for a query that walks the list order. A list of all
// subscriptions names most feeds of the database; "one of these feeds"
// then makes SQLite read a page's worth of items from every one of them
// and sort the lot (50 feeds: 6,400 rows for a page of 128), where "none
// of the few others" lets it walk the date index and skip the odd item of
// a feed not listed (3 to 10 times faster for the first page, the one that
// start-up waits for). For a few feeds out of many the first form is the
// fast one, so the choice follows the share of feeds listed.
func (s *Store) scoped(ctx context.Context, q Query) Query {
	if len(q.FeedURLs) < 2 {
		return q
	}
	var feeds int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM feeds").Scan(&feeds); err != nil {
		return q // either form gives the same items; this one always works
	}
	q.byExclusion = 2*len(q.FeedURLs) >= feeds
	return q
}

// Counts returns how many items are unread and how many there are in all,
// among the feeds with the given URLs (nil: all feeds). They come from the
// per-feed counters the triggers keep, so the cost is a row per feed,
// whatever the number of items.
func (s *Store) Counts(ctx context.Context, feedURLs []string) (unread, total int, err error) {
	query, args := `SELECT COALESCE(SUM(unread), 0), COALESCE(SUM(total), 0) FROM feed_stats`, []any(nil)
	if feedURLs != nil {
		var cond string
		cond, args = inFeeds("feed_id", feedURLs)
		query += " WHERE " + cond
	}
	if err := s.r.QueryRowContext(ctx, query, args...).Scan(&unread, &total); err != nil {
		return 0, 0, fmt.Errorf("store: counts: %w", err)
	}
	return unread, total, nil
}

// SetRead marks one item read or unread.
func (s *Store) SetRead(ctx context.Context, id int64, read bool) error {
	return s.setFlag(ctx, "read", id, read)
}

// SetStarred stars or unstars one item.
func (s *Store) SetStarred(ctx context.Context, id int64, starred bool) error {
	return s.setFlag(ctx, "starred", id, starred)
}

// setFlag updates one boolean column; col is one of our own constants,
// never user input.
func (s *Store) setFlag(ctx context.Context, col string, id int64, v bool) error {
	// SQLite counts rows matched, not rows whose value changed, so zero
	// rows affected really does mean the id does not exist.
	n, err := affected(s.w.ExecContext(ctx, "UPDATE items SET "+col+" = ? WHERE id = ?", v, id))
	if err != nil {
		return fmt.Errorf("store: set %s on item %d: %w", col, id, err)
	}
	if n == 0 {
		return fmt.Errorf("store: set %s on item %d: %w", col, id, ErrNotFound)
	}
	return nil
}

// MarkAllRead marks every unread item of the feeds with the given URLs (nil:
// all feeds) read and returns how many changed.
func (s *Store) MarkAllRead(ctx context.Context, feedURLs []string) (int64, error) {
	query, args := "UPDATE items SET read = 1 WHERE read = 0", []any(nil)
	if feedURLs != nil {
		var cond string
		cond, args = inFeeds("feed_id", feedURLs)
		query += " AND " + cond
	}
	n, err := affected(s.w.ExecContext(ctx, query, args...))
	if err != nil {
		return 0, fmt.Errorf("store: mark all read: %w", err)
	}
	return n, nil
}

// MarkRead marks every unread item that q selects read (its Limit and
// Offset aside) and returns how many changed: A in a search or the
// starred view marks what the list shows, not every feed's items.
func (s *Store) MarkRead(ctx context.Context, q Query) (int64, error) {
	q.Limit, q.Offset, q.UnreadOnly = 0, 0, true
	where, args := q.conditions()
	n, err := affected(s.w.ExecContext(ctx, "UPDATE items SET read = 1 WHERE id IN (SELECT i.id FROM items i"+where+")", args...))
	if err != nil {
		return 0, fmt.Errorf("store: mark read: %w", err)
	}
	return n, nil
}

// MarkFeedRead marks every unread item of one feed read and returns how many
// changed.
func (s *Store) MarkFeedRead(ctx context.Context, feedID int64) (int64, error) {
	n, err := affected(s.w.ExecContext(ctx,
		"UPDATE items SET read = 1 WHERE feed_id = ? AND read = 0", feedID))
	if err != nil {
		return 0, fmt.Errorf("store: mark feed %d read: %w", feedID, err)
	}
	return n, nil
}
