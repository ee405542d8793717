// Command gendb writes a synthetic nashra database for benchmarks: N items
// spread over a number of feeds, with mixed Arabic and English headlines of
// realistic lengths, dates spread over months, some items read and a few
// starred, and short HTML contents. It can also write the same items as a
// newsboat 2.21 cache and urls file, so both readers show the same items
// offline.
//
//	go run ./bench/gendb -n 20000 -db /tmp/n20k.db \
//	    -newsboat-cache /tmp/nb.db -newsboat-urls /tmp/nb-urls
//
// The database is created by store.Open, so its schema and indexes are
// nashra's own. The first items (-sample) and every feed go through
// store.SaveFeed; the rest are inserted by a fast path on the same schema,
// one INSERT … SELECT per round, which is checked on every run against the
// rows SaveFeed wrote (see rawDB.verifySample); -savefeed stores everything
// through SaveFeed instead. Read and starred, which a fetch never sets, are
// written directly. The same flags and seed give the same items, apart
// from dates, which end an hour before the run (or at -end).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"nashra/feed"
	"nashra/store"
)

type options struct {
	n, feeds     int
	db           string
	seed         uint64
	months       int
	end          time.Time
	urlBase      string
	config       string
	nbCache      string
	nbURLs       string
	force        bool
	chunk        int
	sample       int
	viaStore     bool
	readPercent  int
	starPerMille int
}

func main() {
	var o options
	var end string
	flag.IntVar(&o.n, "n", 20000, "number of items")
	flag.StringVar(&o.db, "db", "", "nashra database to create (required)")
	flag.IntVar(&o.feeds, "feeds", 50, "number of feeds the items are spread over")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed gives the same titles, contents and flags")
	flag.IntVar(&o.months, "months", 6, "the items' dates are spread over this many months")
	flag.StringVar(&end, "end", "", "date of the newest item, RFC 3339 (default: an hour before now)")
	flag.StringVar(&o.urlBase, "url-base", "http://127.0.0.1:1/",
		"feed URLs are this plus feed-NNN.xml; the default is a loopback port where nothing listens,\nso a reader that fetches at start fails at once, offline")
	flag.StringVar(&o.config, "config", "", "also write a nashra config.toml subscribing to the feeds, with refresh off")
	flag.StringVar(&o.nbCache, "newsboat-cache", "", "also write the same items as a newsboat cache.db")
	flag.StringVar(&o.nbURLs, "newsboat-urls", "", "newsboat urls file to go with -newsboat-cache")
	flag.BoolVar(&o.force, "force", false, "replace existing output files")
	flag.IntVar(&o.chunk, "chunk", 50000, "items generated and stored per round (bounds memory)")
	flag.IntVar(&o.sample, "sample", 1000, "items stored through store.SaveFeed before the fast path takes over,\nto check the fast path's rows against")
	flag.BoolVar(&o.viaStore, "savefeed", false, "store every item through store.SaveFeed (slow: a statement per item)")
	flag.IntVar(&o.readPercent, "read", 40, "percentage of items marked read (older items more often)")
	flag.IntVar(&o.starPerMille, "starred", 10, "starred items per thousand")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the generation to this file")
	flag.Parse()

	if o.db == "" || o.n <= 0 || o.feeds <= 0 || o.months <= 0 || o.chunk <= 0 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gendb -n ITEMS -db PATH [-feeds N] [-seed S] [-newsboat-cache PATH -newsboat-urls PATH] [-config PATH]")
		flag.PrintDefaults()
		os.Exit(2)
	}
	if (o.nbCache == "") != (o.nbURLs == "") {
		fail(errors.New("-newsboat-cache and -newsboat-urls go together"))
	}
	o.end = time.Now().Add(-time.Hour).Truncate(time.Second)
	if end != "" {
		t, err := time.Parse(time.RFC3339, end)
		if err != nil {
			fail(fmt.Errorf("-end: %w", err))
		}
		o.end = t
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fail(err)
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			fail(err)
		}
		defer pprof.StopCPUProfile()
	}
	if err := generate(context.Background(), o); err != nil {
		pprof.StopCPUProfile()
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gendb:", err)
	os.Exit(1)
}

// genFeed is one generated feed.
type genFeed struct {
	url, title, link, lang string
	id                     int64 // in the nashra database, once saved
}

// genItem is one generated item with the flags the reader would have set.
type genItem struct {
	feed          int
	item          feed.Item
	read, starred bool
	search        string // items.search, for the fast path
}

func generate(ctx context.Context, o options) error {
	start := time.Now()
	if err := removeOld(o.force, o.db, o.db+"-wal", o.db+"-shm"); err != nil {
		return err
	}
	if o.nbCache != "" {
		if err := removeOld(o.force, o.nbCache, o.nbCache+".lock", o.nbURLs); err != nil {
			return err
		}
	}
	m, err := loadMaterial(ctx)
	if err != nil {
		return err
	}
	feeds := makeFeeds(o)

	st, err := store.Open(o.db)
	if err != nil {
		return err
	}
	defer st.Close()
	raw, err := openRaw(o.db)
	if err != nil {
		return err
	}
	defer raw.close()
	var nb *newsboatCache
	if o.nbCache != "" {
		if nb, err = createNewsboatCache(o.nbCache, feeds); err != nil {
			return err
		}
		defer nb.close()
	}

	// One generator for the whole run, drawn from in item order, so a
	// seed gives the same items whatever -chunk is. Items are made oldest
	// first, as a reader stores them over the months.
	r := rand.New(rand.NewPCG(o.seed, 0x6e61736872610a))
	span := time.Duration(o.months) * 30 * 24 * time.Hour
	step := span / time.Duration(o.n)
	fetched := time.Now()
	var read, starred int
	next := o.n - 1 // the next item to make, counting from the newest
	makeRound := func(size int) []genItem {
		items := make([]genItem, 0, size)
		for ; size > 0 && next >= 0; size-- {
			it := makeItem(r, &m, o, feeds, next, step)
			if it.read {
				read++
			}
			if it.starred {
				starred++
			}
			items = append(items, it)
			next--
		}
		return items
	}

	// The first round goes through store.SaveFeed, which also creates
	// every feed; it is the reference the fast path is checked against.
	first := makeRound(min(o.sample, o.n))
	if o.viaStore {
		first = append(first, makeRound(o.chunk-len(first))...)
	}
	if err := saveViaStore(ctx, st, raw, feeds, first, true); err != nil {
		return err
	}
	if err := raw.verifySample(ctx, feeds, first); err != nil {
		return err
	}
	if nb != nil {
		if err := nb.add(feeds, first); err != nil {
			return err
		}
	}
	// The rest in rounds. A goroutine makes the next round (and its
	// search text) while this one is written: SQLite's work is on one
	// core, the rest of generating on the other.
	done := o.n - 1 - next // read before the producer moves next
	rounds := make(chan []genItem, 1)
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		defer close(rounds)
		for next >= 0 {
			items := makeRound(o.chunk)
			if !o.viaStore {
				for i := range items {
					items[i].search = searchText(items[i].item.Title, items[i].item.Content)
				}
			}
			select {
			case rounds <- items:
			case <-stop:
				return
			}
		}
	}()
	for items := range rounds {
		if o.viaStore {
			err = saveViaStore(ctx, st, raw, feeds, items, false)
		} else {
			err = raw.insert(ctx, feeds, items, fetched)
		}
		if err == nil && nb != nil {
			err = nb.add(feeds, items)
		}
		if err != nil {
			return err
		}
		done += len(items)
		fmt.Fprintf(os.Stderr, "\rgendb: %d/%d items", done, o.n)
	}
	fmt.Fprintf(os.Stderr, "\rgendb: %d/%d items\n", o.n, o.n)

	// Check that what the reader will count is what we generated.
	unread, total, err := st.Counts(ctx, nil)
	if err != nil {
		return err
	}
	if total != o.n || unread != o.n-read {
		return fmt.Errorf("the database holds %d items, %d unread; generated %d, %d unread", total, unread, o.n, o.n-read)
	}
	if o.config != "" {
		if err := writeConfig(o.config, feeds); err != nil {
			return err
		}
	}
	if nb != nil {
		if err := nb.finish(o.nbURLs, feeds); err != nil {
			return err
		}
	}
	fmt.Printf("gendb: %d items (%d read, %d starred) in %d feeds, newest %s, into %s in %.1f s\n",
		o.n, read, starred, o.feeds, o.end.Format(time.RFC3339), o.db, time.Since(start).Seconds())
	return nil
}

// makeFeeds names the feeds: three in five Arabic, the rest English, with
// URLs where nothing answers (see -url-base).
func makeFeeds(o options) []genFeed {
	arNames := []string{"أخبار مصر", "الرياضة", "اقتصاد", "ثقافة وفنون", "حوادث", "محافظات", "رأي"}
	enNames := []string{"World News", "Business", "Sport", "Science", "Culture", "Technology", "Opinion"}
	feeds := make([]genFeed, o.feeds)
	for i := range feeds {
		f := genFeed{
			url:  fmt.Sprintf("%sfeed-%03d.xml", o.urlBase, i+1),
			link: fmt.Sprintf("https://bench.nashra.invalid/%03d/", i+1),
		}
		if i%5 < 3 {
			f.lang, f.title = "ar", arNames[i%len(arNames)]+" "+arabicDigits(fmt.Sprint(i+1))
		} else {
			f.lang, f.title = "en", fmt.Sprintf("%s %d", enNames[i%len(enNames)], i+1)
		}
		feeds[i] = f
	}
	return feeds
}

// makeItem makes item i, counting from the newest. Dates go back evenly
// from o.end with jitter inside each step, so they are strictly ordered
// and distinct whenever a step is a second or more. Older items are more
// often read, as a reader's history goes.
func makeItem(r *rand.Rand, m *material, o options, feeds []genFeed, i int, step time.Duration) genItem {
	fi := r.IntN(len(feeds))
	f := feeds[fi]
	it := feed.Item{
		GUID:      fmt.Sprintf("bench-%d", i),
		Link:      fmt.Sprintf("%sitem-%d", f.link, i),
		Published: o.end.Add(-time.Duration(i)*step - time.Duration(r.Int64N(int64(max(step, 1))))).Truncate(time.Second),
	}
	if f.lang == "ar" {
		it.Title, it.Content = m.arabicTitle(r), m.arabicContent(r)
		it.Author = arabicAuthors[r.IntN(len(arabicAuthors))]
	} else {
		it.Title, it.Content = englishTitle(r), englishContent(r)
		it.Author = englishAuthors[r.IntN(len(englishAuthors))]
	}
	age := float64(i) / float64(o.n) // 0 newest … 1 oldest
	pRead := float64(o.readPercent) / 100 * 2 * age
	return genItem{
		feed:    fi,
		item:    it,
		read:    r.Float64() < pRead,
		starred: r.IntN(1000) < o.starPerMille,
	}
}

// saveViaStore stores items through store.SaveFeed, one call per feed with
// the items listed newest first as a feed lists them, then sets their
// flags. With allFeeds, feeds without items in this round are saved too,
// empty, so that every feed exists.
func saveViaStore(ctx context.Context, st *store.Store, raw *rawDB, feeds []genFeed, items []genItem, allFeeds bool) error {
	byFeed := make([][]feed.Item, len(feeds))
	for _, it := range items {
		byFeed[it.feed] = append(byFeed[it.feed], it.item)
	}
	for fi, its := range byFeed {
		if len(its) == 0 && !allFeeds {
			continue
		}
		slices.Reverse(its) // made oldest first; feeds list newest first
		f := feeds[fi]
		res, err := st.SaveFeed(ctx, feed.Feed{URL: f.url, Title: f.title, Link: f.link, Language: f.lang, Items: its})
		if err != nil {
			return err
		}
		if res.New != len(its) {
			return fmt.Errorf("feed %s: stored %d new items of %d", f.url, res.New, len(its))
		}
		feeds[fi].id = res.FeedID
	}
	return raw.setFlags(ctx, feeds, items)
}

// removeOld removes existing outputs if force is set, and otherwise refuses to
// overwrite them.
func removeOld(force bool, paths ...string) error {
	for _, p := range paths {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if !force {
			return fmt.Errorf("%s exists (use -force to replace it)", p)
		}
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return nil
}

// writeConfig writes a nashra config.toml that subscribes to the feeds and
// never refreshes on a timer, for running the reader on the database.
func writeConfig(path string, feeds []genFeed) error {
	var b strings.Builder
	b.WriteString("# Written by bench/gendb: the generated feeds. Their URLs answer nothing,\n# so the reader's refresh at start fails at once; no timed refresh.\nrefresh = \"off\"\n")
	for _, f := range feeds {
		fmt.Fprintf(&b, "\n[[feed]]\nurl = %q\n", f.url)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
