package refresh

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strings"
	"sync"

	"nashra/feed"
)

// MaxFullTextPerRefresh bounds how many new items of one feed have their
// web page fetched in one refresh, so that the first refresh of a feed that
// lists hundreds of items does not send as many requests to its site. The
// first new items the feed lists are fetched; the others can be fetched one
// by one with FullText.
const MaxFullTextPerRefresh = 50

// SettingsFrom returns an Engine.Settings that looks sources up among subs
// by URL; a source not among them gets the zero Subscription.
func SettingsFrom(subs []feed.Subscription) func(source string) feed.Subscription {
	m := make(map[string]feed.Subscription, len(subs))
	for _, s := range subs {
		m[s.URL] = s
	}
	return func(source string) feed.Subscription { return m[source] }
}

func (e *Engine) settings(source string) feed.Subscription {
	if e.Settings == nil {
		return feed.Subscription{}
	}
	return e.Settings(source)
}

// FullText fetches the web page of the stored item itemID with the
// engine's Fetcher (its caps and timeouts, within the engine's overall and
// per-host bounds), extracts the article from it (see feed.ExtractArticle),
// removes the boilerplate its feed's strip rules name, stores it as the
// item's full text and returns it. An error is one line naming the page,
// "full text of URL: …"; after one, nothing stored has changed.
func (e *Engine) FullText(ctx context.Context, itemID int64) (string, error) {
	e.init()
	it, err := e.Store.Item(ctx, itemID)
	if err != nil {
		return "", err
	}
	article, err := e.fetchArticle(ctx, it.Link, e.settings(it.FeedURL).Strip)
	if err != nil {
		return "", err
	}
	if err := e.Store.SetFullText(ctx, itemID, article); err != nil {
		return "", err
	}
	return article, nil
}

// fullTextError is a failure to get an item's full text.
type fullTextError struct {
	url string
	msg string // one line, without the URL
	err error  // the cause, for errors.Is; may be nil
}

func (e *fullTextError) Error() string { return "full text of " + e.url + ": " + e.msg }
func (e *fullTextError) Unwrap() error { return e.err }

// fetchArticle downloads link and extracts its article, with strip applied.
func (e *Engine) fetchArticle(ctx context.Context, link string, strip []string) (string, error) {
	if link == "" {
		return "", errors.New("full text: the item has no link")
	}
	fail := func(err error) error {
		msg := oneLine(err.Error())
		msg = strings.TrimPrefix(msg, link+": ")
		return &fullTextError{url: link, msg: msg, err: err}
	}
	if !feed.IsRemote(link) {
		return "", fail(errors.New("not a web address"))
	}
	if err := ctx.Err(); err != nil {
		return "", fail(cancelled(err))
	}
	l := &lease{e: e}
	defer l.release()
	if err := l.acquire(ctx, hostKey(link)); err != nil {
		return "", fail(cancelled(err))
	}
	d, err := e.fetcher.Download(withLease(ctx, l), link, feed.Validators{})
	l.release() // extracting uses no connection
	if err != nil {
		return "", fail(err)
	}
	if ct := d.ContentType; ct != "" {
		mediaType, _, _ := mime.ParseMediaType(ct)
		if !strings.HasPrefix(mediaType, "text/") && mediaType != "application/xhtml+xml" && mediaType != "" {
			return "", fail(fmt.Errorf("not a web page but %s", mediaType))
		}
	}
	base := link
	if d.URL != "" {
		base = d.URL // after redirects, temporary ones too
	}
	article, err := feed.ExtractArticle(d.Data, base)
	if err != nil {
		return "", fail(err)
	}
	return feed.StripBoilerplate(article, strip), nil
}

func itemKeys(items []feed.Item) []string {
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.Key()
	}
	return keys
}

// fullTextOfNew fetches the full text of the items of a just-saved feed
// that were not stored before (known holds those that were), in the
// feed's order. Items without a link are left as they are.
func (e *Engine) fullTextOfNew(ctx context.Context, res *Result, feedID int64, items []feed.Item, known map[string]int64, strip []string) {
	var keys []string
	links := map[string]string{}
	for _, it := range items {
		k := it.Key()
		if _, old := known[k]; old || it.Link == "" {
			continue
		}
		if _, dup := links[k]; dup {
			continue
		}
		links[k] = it.Link
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return
	}
	ids, err := e.Store.ItemIDs(ctx, feedID, keys)
	if err != nil {
		if ctx.Err() == nil {
			res.Note = joinNotes(res.Note, fmt.Sprintf("%s: full text not fetched: %v", res.Source, err))
		}
		return
	}
	var todo []newArticle
	for _, k := range keys {
		if id, ok := ids[k]; ok {
			todo = append(todo, newArticle{id: id, link: links[k]})
		}
	}
	if len(todo) > 0 {
		e.fetchNewArticles(ctx, res, todo, strip)
	}
}

func joinNotes(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// newArticle is a new item of a refresh whose full text is wanted.
type newArticle struct {
	id   int64
	link string
}

// fetchNewArticles fetches and stores the full text of the given new items
// of one feed, several at once within the engine's bounds, and says what
// failed in res.Note. A failure leaves that item with its summary.
func (e *Engine) fetchNewArticles(ctx context.Context, res *Result, items []newArticle, strip []string) {
	skipped := 0
	if len(items) > MaxFullTextPerRefresh {
		skipped = len(items) - MaxFullTextPerRefresh
		items = items[:MaxFullTextPerRefresh]
	}
	var (
		mu       sync.Mutex
		failed   int
		firstErr error
		wg       sync.WaitGroup
	)
	work := make(chan newArticle)
	workers := min(len(items), cap(e.global))
	for range workers {
		wg.Go(func() {
			for it := range work {
				article, err := e.fetchArticle(ctx, it.link, strip)
				if err == nil {
					err = e.Store.SetFullText(ctx, it.id, article)
				}
				mu.Lock()
				if err == nil {
					res.FullText++
				} else if ctx.Err() == nil {
					failed++
					if firstErr == nil {
						firstErr = err
					}
				}
				mu.Unlock()
			}
		})
	}
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		work <- it
	}
	close(work)
	wg.Wait()

	var notes []string
	if failed > 0 {
		notes = append(notes, fmt.Sprintf("%s: full text of %d of %d new %s failed: %s",
			res.Source, failed, len(items), plural(len(items), "item", "items"), oneLine(firstErr.Error())))
	}
	if skipped > 0 {
		notes = append(notes, fmt.Sprintf("%s: full text of %d more new %s not fetched (at most %d a refresh)",
			res.Source, skipped, plural(skipped, "item", "items"), MaxFullTextPerRefresh))
	}
	for _, n := range notes {
		res.Note = joinNotes(res.Note, n)
	}
}
