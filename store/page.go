package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"nashra/fold"
)

// The list shows a window of items around the selection, read page by
// page along the (published DESC, id DESC) order with keyset conditions:
// each page starts from an item's key, so reading the millionth item costs
// what reading the first does. List pages leave out the items' content
// (HTML can be large); Item reads one whole item when it is opened.

// Key is an item's place in the list order.
type Key struct {
	Published time.Time
	ID        int64
}

// KeyOf returns an item's place in the list order.
func KeyOf(it Item) Key { return Key{it.Published, it.ID} }

// itemListColumns are the columns of a list page, from items i and feeds
// f; listColumns adds where they come from.
const itemListColumns = `
	i.id, i.feed_id, f.title, f.url, f.language, i.key, i.guid, i.link, i.title,
	i.author, '', i.language, i.published, i.updated, i.read, i.starred,
	''`

const listColumns = itemListColumns + `
	FROM items i JOIN feeds f ON f.id = i.feed_id`

// After returns up to limit items of q that come after k in the list
// (older), in list order; with k nil, the first items.
func (s *Store) After(ctx context.Context, q Query, k *Key, limit int) ([]Item, error) {
	return s.pageFrom(ctx, q, k, limit, false)
}

// Before returns up to limit items of q that come before k in the list
// (newer), in list order; with k nil, the last items (the oldest).
func (s *Store) Before(ctx context.Context, q Query, k *Key, limit int) ([]Item, error) {
	return s.pageFrom(ctx, q, k, limit, true)
}

// pageFrom reads a page of q from k: the older items, or with newer the
// newer ones (read walking the index backwards, then put in list order).
func (s *Store) pageFrom(ctx context.Context, q Query, k *Key, limit int, newer bool) ([]Item, error) {
	q = s.pagePlan(ctx, s.scoped(ctx, q), limit)
	query, args := pageQuery(q, k, limit, newer)
	items, err := s.page(ctx, query, args, newer)
	if err != nil || !q.scanSearch || len(items) >= limit {
		return items, err
	}
	// A short page: either the list ended within the walk's budget, and
	// the page is whole, or the walk gave up with matches still to come
	// (news words come in bursts, not evenly along the list), and the
	// trigram index reads the page at its usual cost.
	query, args = walkLengthQuery(q, k, newer)
	var passed int
	if err := s.r.QueryRowContext(ctx, query, args...).Scan(&passed); err != nil {
		return nil, fmt.Errorf("store: page: %w", err)
	}
	if passed < q.walkBudget {
		return items, nil
	}
	s.walksAbandoned.Add(1)
	q.scanSearch = false
	query, args = pageQuery(q, k, limit, newer)
	return s.page(ctx, query, args, newer)
}

// fromKey is the condition, its arguments and the order that read a page
// from k: older items, or with newer the newer ones, nearest first.
func fromKey(k *Key, newer bool) (extra []string, keyArgs []any, orderBy string) {
	cmp, order := "<", "DESC"
	if newer {
		cmp, order = ">", "ASC"
	}
	if k != nil {
		extra = []string{"(i.published, i.id) " + cmp + " (?, ?)"}
		keyArgs = []any{k.Published.Unix(), k.ID}
	}
	return extra, keyArgs, " ORDER BY i.published " + order + ", i.id " + order
}

// walkLengthQuery counts the items a walk from k passes, up to its
// budget: fewer than the budget means it reached the list's end. It
// counts the items of every feed, along an index alone (testing each
// item's feed would read the items themselves): more than the list's, so
// a list that ends within the budget may still be read again through the
// trigram index, never the other way round.
func walkLengthQuery(q Query, k *Key, newer bool) (string, []any) {
	extra, keyArgs, orderBy := fromKey(k, newer)
	q.FeedURLs, q.byExclusion = nil, false
	where, args := q.walkConditions(extra...)
	return "SELECT COUNT(*) FROM (SELECT 1 FROM items i" + where + orderBy + " LIMIT ?)",
		append(append(keyArgs, args...), q.walkBudget)
}

// walkConditions are q's conditions but the search, which the walk tests
// itself.
func (q Query) walkConditions(extra ...string) (string, []any) {
	q.Search = ""
	return q.conditions(extra...)
}

func (s *Store) afterQuery(ctx context.Context, q Query, k *Key, limit int) (string, []any) {
	return pageQuery(s.pagePlan(ctx, s.scoped(ctx, q), limit), k, limit, false)
}

// pageQuery is the SQL for a page of q from k, as pageFrom reads it.
func pageQuery(q Query, k *Key, limit int, newer bool) (string, []any) {
	extra, keyArgs, orderBy := fromKey(k, newer)
	if !q.scanSearch {
		where, args := q.conditions(extra...)
		return "SELECT " + listColumns + where + orderBy + " LIMIT ?", append(append(keyArgs, args...), limit)
	}
	// The walk: at most walkBudget items along the date index, each
	// tested against the folded text.
	where, args := q.walkConditions(extra...)
	args = append(append(keyArgs, args...), q.walkBudget, likePattern(fold.String(strings.TrimSpace(q.Search))), limit)
	return "SELECT " + itemListColumns + ` FROM (
		SELECT i.id, i.feed_id, i.key, i.guid, i.link, i.title, i.author, i.language,
			i.published, i.updated, i.read, i.starred, i.search
		FROM items i` + where + orderBy + ` LIMIT ?) i
		JOIN feeds f ON f.id = i.feed_id
		WHERE i.search LIKE ? ESCAPE '\'` + orderBy + " LIMIT ?", args
}

// Count returns how many items q selects. Plain and unread-only queries
// are answered from the per-feed counters; starred and search queries count
// their (indexed) matches.
func (s *Store) Count(ctx context.Context, q Query) (int, error) {
	if !q.Starred && q.Search == "" && q.FeedID == 0 {
		unread, total, err := s.Counts(ctx, q.FeedURLs)
		if q.UnreadOnly {
			return unread, err
		}
		return total, err
	}
	q = s.scoped(ctx, q)
	where, args := q.conditions()
	var n int
	if err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM items i"+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count: %w", err)
	}
	if q.Search != "" {
		s.matches.remember(where, args, n)
	}
	return n, nil
}

// pagePlan chooses how a page of a search of three or more characters
// finds its matches. Through the trigram index, SQLite collects every
// match and sorts them to return a page: its cost follows the number of
// matches (a common word at a million items: 0.4 s per page, a pause
// every 1,024 rows while scrolling). Walking the date index and testing
// each item's folded text costs in proportion to the items passed, about
// limit × items ÷ matches: for a common word, a few milliseconds. So a
// search the store has counted (the list always counts first) walks when
// its matches m make the walk the cheaper, m² ≥ 2 × limit × items (each
// item tested costs about twice what each match collected does). A
// search not counted yet, or rare, keeps the index. The walk has a budget
// of items to pass (see pageFrom), for matches that cluster in time.
func (s *Store) pagePlan(ctx context.Context, q Query, limit int) Query {
	if utf8.RuneCountInString(fold.String(strings.TrimSpace(q.Search))) < 3 {
		return q
	}
	m, ok := s.matches.recall(q.conditions())
	if !ok || m == 0 {
		return q
	}
	unread, total, err := s.Counts(ctx, q.FeedURLs)
	if err != nil {
		return q
	}
	items := total
	if q.UnreadOnly {
		items = unread
	}
	q.scanSearch = m*m >= 2*max(limit, 1)*items
	// The walk expects a match every items/m items; it gives up after
	// four times what a page should need, and the index reads the page.
	q.walkBudget = 4*max(limit, 1)*items/max(m, 1) + 256
	return q
}

// searchSizes remembers how many items the last searches matched, by
// their conditions, for pagePlan. The numbers only steer the plan: one
// that is out of date costs time, never changes a result.
type searchSizes struct {
	mu sync.Mutex
	n  map[string]int
}

func searchKey(where string, args []any) string {
	return fmt.Sprintf("%s\x00%#v", where, args)
}

func (c *searchSizes) remember(where string, args []any, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil || len(c.n) >= 64 {
		c.n = make(map[string]int)
	}
	c.n[searchKey(where, args)] = n
}

func (c *searchSizes) recall(where string, args []any) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.n[searchKey(where, args)]
	return n, ok
}

// Position returns how many items of q come before k in the list: k's
// index in it. It counts along the index, so it costs in proportion to
// the position; the list asks only when it reloads, never per key press.
func (s *Store) Position(ctx context.Context, q Query, k Key) (int, error) {
	where, args := s.scoped(ctx, q).conditions("(i.published, i.id) > (?, ?)")
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT COUNT(*) FROM items i"+where,
		append([]any{k.Published.Unix(), k.ID}, args...)...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: position: %w", err)
	}
	return n, nil
}

func (s *Store) page(ctx context.Context, query string, args []any, reverse bool) ([]Item, error) {
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: page: %w", err)
	}
	defer rows.Close()
	var out []Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, fmt.Errorf("store: page: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: page: %w", err)
	}
	if reverse {
		slices.Reverse(out)
	}
	return out, nil
}
