// Package refresh fetches feeds and stores them: conditional requests,
// bounded concurrency (overall and per host), permanent redirects and
// retention. It is shared by the reader's background refresh and the
// headless `nashra refresh`.
package refresh

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"nashra/feed"
	"nashra/store"
)

// Defaults for the Engine's zero fields.
const (
	DefaultConcurrency = feed.DefaultConcurrency // feeds at once
	DefaultPerHost     = 2                       // requests at once to one host
	DefaultRetention   = feed.DefaultRetention   // unlisted items kept per feed
)

// Engine refreshes feeds into a store. Set its fields before the first call
// and leave them alone afterwards; its methods are then safe to call from
// many goroutines at once, and the bounds hold across all of those calls.
type Engine struct {
	Store *store.Store
	// Fetcher reads the feeds; nil means &feed.Fetcher{} (20 MiB cap, 10 s
	// to connect, 30 s per feed). Its Client's Transport is wrapped to
	// enforce PerHost; the Fetcher itself is not modified.
	Fetcher *feed.Fetcher
	// Concurrency bounds how many feeds are refreshed at once, from the
	// first request to the end of saving; 0 means DefaultConcurrency.
	Concurrency int
	// PerHost bounds how many requests are in flight to one host (host
	// and port); 0 means DefaultPerHost.
	PerHost int
	// Retention is how many items a feed no longer lists are kept per
	// feed (starred items are kept beyond it); 0 means DefaultRetention,
	// a negative value keeps everything.
	Retention int
	// OnMoved, if set, is told when a feed has moved permanently and its
	// stored URL has been changed, so the caller can update its
	// configuration. Calls are never concurrent with each other.
	OnMoved func(oldURL, newURL string)
	// Settings, if set, gives the subscription settings of a source (as
	// passed to One): its strip rules are applied to its items before they
	// are stored, and with FullText set, the web pages of its new items
	// are fetched for their full text (see FullText). SettingsFrom makes
	// one from the configuration.
	Settings func(source string) feed.Subscription

	once    sync.Once
	fetcher *feed.Fetcher
	global  chan struct{}
	mu      sync.Mutex
	hosts   map[string]chan struct{}
	movedMu sync.Mutex
}

// Status is how one feed's refresh ended.
type Status int

const (
	OK          Status = iota // fetched, parsed and stored
	NotModified               // the server answered 304: nothing to parse or store
	Failed                    // see Result.Err; the feed's stored items are untouched
)

func (s Status) String() string {
	switch s {
	case OK:
		return "ok"
	case NotModified:
		return "not modified"
	case Failed:
		return "failed"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Result is one feed's refresh.
type Result struct {
	Source  string // as given to One
	Title   string // the feed's title, when known
	Status  Status
	New     int   // items stored for the first time
	Updated int   // known items whose content changed
	Pruned  int   // items deleted by retention
	Err     error // why it failed: one line naming the URL; nil unless Failed
	// MovedTo is the feed's new URL after a permanent redirect; the store
	// has it under that URL now. "" when it has not moved.
	MovedTo string
	// Note says something worth telling that is not a failure, e.g. a
	// permanent redirect to a URL already stored as another feed.
	Note string
	// FullText counts the new items whose full text was fetched and
	// stored (feeds with the fulltext setting only).
	FullText int
}

// Summary counts a run of All.
type Summary struct {
	Feeds, OK, NotModified, Failed int
	New, Updated, Pruned           int
	// Results are all the results, in the order of the sources.
	Results []Result
}

// String is the one-line form: "41 feeds, 38 ok, 2 not modified, 1 failed:
// <the first failure>", leaving out "not modified" and "failed" when none.
func (s Summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s, %d ok", s.Feeds, plural(s.Feeds, "feed", "feeds"), s.OK)
	if s.NotModified > 0 {
		fmt.Fprintf(&b, ", %d not modified", s.NotModified)
	}
	if s.Failed > 0 {
		fmt.Fprintf(&b, ", %d failed", s.Failed)
		if err := s.FirstError(); err != nil {
			fmt.Fprintf(&b, ": %s", oneLine(err.Error()))
		}
	}
	return b.String()
}

// FirstError is the error of the first failed feed in source order, or nil.
func (s Summary) FirstError() error {
	for _, r := range s.Results {
		if r.Status == Failed {
			return r.Err
		}
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// parse is feed.Parse; tests count calls through it.
var parse = feed.Parse

func (e *Engine) init() {
	e.once.Do(func() {
		n := e.Concurrency
		if n <= 0 {
			n = DefaultConcurrency
		}
		e.global = make(chan struct{}, n)
		e.hosts = map[string]chan struct{}{}
		base := e.Fetcher
		if base == nil {
			base = &feed.Fetcher{}
		}
		client := base.Client
		if client == nil {
			client = feed.NewClient(base.ConnectTimeout)
		}
		wrapped := *client
		wrapped.Transport = &hostLimiter{e: e, base: client.Transport}
		e.fetcher = &feed.Fetcher{
			Client:         &wrapped,
			MaxBytes:       base.MaxBytes,
			ConnectTimeout: base.ConnectTimeout,
			Timeout:        base.Timeout,
		}
	})
}

func (e *Engine) retention() int {
	switch {
	case e.Retention < 0:
		return 0
	case e.Retention == 0:
		return DefaultRetention
	}
	return e.Retention
}

// All refreshes every source concurrently within the engine's bounds and
// returns when all are done. progress, if not nil, is called with each
// result as its feed finishes, never concurrently. A source listed twice is
// refreshed once.
func (e *Engine) All(ctx context.Context, sources []string, progress func(Result)) Summary {
	var unique []string
	seen := make(map[string]bool, len(sources))
	for _, s := range sources {
		if !seen[s] {
			seen[s] = true
			unique = append(unique, s)
		}
	}
	results := make([]Result, len(unique))
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for i, src := range unique {
		wg.Go(func() {
			r := e.One(ctx, src)
			results[i] = r
			if progress != nil {
				mu.Lock()
				defer mu.Unlock()
				progress(r)
			}
		})
	}
	wg.Wait()

	sum := Summary{Feeds: len(unique), Results: results}
	for _, r := range results {
		switch r.Status {
		case OK:
			sum.OK++
		case NotModified:
			sum.NotModified++
		case Failed:
			sum.Failed++
		}
		sum.New += r.New
		sum.Updated += r.Updated
		sum.Pruned += r.Pruned
	}
	return sum
}

// One refreshes one feed: a conditional fetch with the stored validators,
// then, unless the server answers 304, parsing and storing it with its new
// validators and applying retention, in one transaction. A failure is
// recorded as the feed's error, leaving its items as they were. One waits
// for a free slot (overall and for the feed's host) before fetching; only
// the fetch itself counts against the Fetcher's timeout.
func (e *Engine) One(ctx context.Context, source string) Result {
	e.init()
	res := Result{Source: source}
	target := source // where the feed is stored: its new URL once moved
	fail := func(err error) Result {
		res.Status = Failed
		res.Err = err
		if msg := err.Error(); msg != oneLine(msg) {
			res.Err = &oneLineError{msg: oneLine(msg), err: err}
		}
		// A refresh the caller abandoned says nothing about the feed.
		if ctx.Err() == nil {
			_ = e.Store.SetFeedError(ctx, target, "", res.Err.Error())
		}
		e.moved(res) // the store has moved even if what followed failed
		return res
	}

	if err := ctx.Err(); err != nil {
		return fail(fmt.Errorf("%s: %w", source, cancelled(err)))
	}
	state, err := e.Store.FetchState(ctx, source)
	if err != nil {
		return fail(err)
	}
	res.Title = state.Title
	var v feed.Validators
	if feed.IsRemote(source) {
		v = feed.Validators{ETag: state.ETag, LastModified: state.LastModified}
	}

	l := &lease{e: e}
	defer l.release()
	if err := l.acquire(ctx, hostKey(source)); err != nil {
		return fail(fmt.Errorf("%s: %w", source, cancelled(err)))
	}
	d, err := e.fetcher.Download(withLease(ctx, l), source, v)
	l.releaseHost() // parsing and saving use no connection
	if err != nil {
		return fail(err)
	}

	// A permanent redirect: the feed is stored under its new URL from now
	// on. If that URL is already stored as another feed, the move is not
	// followed. When that feed is subscribed too, what the server sends is
	// fetched in its own right, and storing it here as well would list every
	// item twice: the refresh fails, saying which subscription is left over.
	// Otherwise (a feed once read or unsubscribed, whose items are not
	// listed) this one goes on under its old URL.
	if d.MovedTo != "" && d.MovedTo != source {
		switch err := e.Store.RenameFeed(ctx, source, d.MovedTo); {
		case errors.Is(err, store.ErrFeedExists) && e.settings(d.MovedTo).URL != "":
			return fail(fmt.Errorf("%s: moved permanently to %s, which is subscribed too; remove this one (nashra remove %s)", source, d.MovedTo, source))
		case errors.Is(err, store.ErrFeedExists):
			res.Note = fmt.Sprintf("%s: moved permanently to %s, which is stored already as another feed; keeping the old URL", source, d.MovedTo)
		case err != nil:
			return fail(err)
		default:
			target = d.MovedTo
			res.MovedTo = d.MovedTo
		}
	}

	if d.NotModified {
		if err := e.Store.MarkNotModified(ctx, target); err != nil {
			return fail(err)
		}
		res.Status = NotModified
		e.moved(res)
		return res
	}

	f, err := parse(bytes.NewReader(d.Data), target)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", source, err))
	}
	settings := e.settings(source)
	if len(settings.Strip) > 0 {
		for i := range f.Items {
			f.Items[i].Content = feed.StripBoilerplate(f.Items[i].Content, settings.Strip)
		}
	}
	var known map[string]int64 // with FullText: the listed items stored before
	if settings.FullText && state.ID != 0 {
		if known, err = e.Store.ItemIDs(ctx, state.ID, itemKeys(f.Items)); err != nil {
			return fail(err)
		}
	}
	sr, err := e.Store.SaveRefresh(ctx, store.Refresh{
		Feed:         f,
		ETag:         d.Validators.ETag,
		LastModified: d.Validators.LastModified,
		Keep:         e.retention(),
	})
	if err != nil {
		return fail(err)
	}
	res.Status = OK
	res.Title = f.Title
	res.New, res.Updated, res.Pruned = sr.New, sr.Updated, sr.Pruned
	if settings.FullText && sr.New > 0 {
		l.release() // each page takes its own slots
		e.fullTextOfNew(ctx, &res, sr.FeedID, f.Items, known, settings.Strip)
	}
	e.moved(res)
	return res
}

// moved tells OnMoved about a completed move, one call at a time.
func (e *Engine) moved(r Result) {
	if r.MovedTo == "" || e.OnMoved == nil {
		return
	}
	e.movedMu.Lock()
	defer e.movedMu.Unlock()
	e.OnMoved(r.Source, r.MovedTo)
}

func cancelled(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return errors.New("timed out waiting for a free connection")
	}
	return errors.New("cancelled")
}

// hostKey is what PerHost counts by: the host and port of an http(s) URL,
// lower-cased, with the scheme's default port left out; "" for sources that
// are not fetched over the network.
func hostKey(source string) string {
	if !feed.IsRemote(source) {
		return ""
	}
	u, err := url.Parse(source)
	if err != nil {
		return ""
	}
	return requestHost(u)
}

func requestHost(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" || (port == "80" && strings.EqualFold(u.Scheme, "http")) || (port == "443" && strings.EqualFold(u.Scheme, "https")) {
		return host
	}
	return host + ":" + port
}

// A lease is the slots one refresh holds: at most one host's slot, and the
// global slot. Slots are always taken host first, then global, and a lease
// never waits for a slot while holding one of another host: when a redirect
// leads elsewhere, both are given back before the new host's are taken. So
// waits cannot form a cycle, and feeds queued for a busy host do not sit on
// global slots that feeds for other hosts could use.
type lease struct {
	e       *Engine
	host    string
	hostSem chan struct{}
	global  bool
}

func (l *lease) acquire(ctx context.Context, host string) error {
	if host != "" {
		sem := l.e.hostSem(host)
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		l.host, l.hostSem = host, sem
	}
	select {
	case l.e.global <- struct{}{}:
		l.global = true
		return nil
	case <-ctx.Done():
		l.releaseHost()
		return ctx.Err()
	}
}

func (l *lease) releaseHost() {
	if l.hostSem != nil {
		<-l.hostSem
		l.host, l.hostSem = "", nil
	}
}

func (l *lease) release() {
	l.releaseHost()
	if l.global {
		<-l.e.global
		l.global = false
	}
}

// switchTo moves the lease to host, for a redirect.
func (l *lease) switchTo(ctx context.Context, host string) error {
	if host == l.host && l.global {
		return nil
	}
	l.release()
	return l.acquire(ctx, host)
}

func (e *Engine) hostSem(host string) chan struct{} {
	e.mu.Lock()
	defer e.mu.Unlock()
	sem, ok := e.hosts[host]
	if !ok {
		n := e.PerHost
		if n <= 0 {
			n = DefaultPerHost
		}
		sem = make(chan struct{}, n)
		e.hosts[host] = sem
	}
	return sem
}

type leaseKey struct{}

func withLease(ctx context.Context, l *lease) context.Context {
	return context.WithValue(ctx, leaseKey{}, l)
}

// hostLimiter moves One's lease to each request's host before sending it:
// the first request finds the lease already there; a redirect elsewhere
// hands it over (the previous response has been closed by then).
type hostLimiter struct {
	e    *Engine
	base http.RoundTripper
}

func (h *hostLimiter) RoundTrip(req *http.Request) (*http.Response, error) {
	base := h.base
	if base == nil {
		base = http.DefaultTransport
	}
	if l, ok := req.Context().Value(leaseKey{}).(*lease); ok {
		if err := l.switchTo(req.Context(), requestHost(req.URL)); err != nil {
			return nil, err
		}
	}
	return base.RoundTrip(req)
}

// oneLineError is an error whose message has been put on one line; it
// still unwraps to the original, so the interface can tell its kind
// (feed.ProblemOf).
type oneLineError struct {
	msg string
	err error
}

func (e *oneLineError) Error() string { return e.msg }
func (e *oneLineError) Unwrap() error { return e.err }
