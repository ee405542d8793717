package main

// The hostile corpus (testdata/hostile, written by its gen.go) read the
// way nashra reads a feed — parsed, stored, read back, laid out as list
// rows and rendered as articles — must reach the terminal with none of
// its escape sequences, control characters or bidi overrides acting on
// anything: not on the terminal, not on the neighbouring columns, not on
// the next paragraph.

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/ansi"

	"nashra/feed"
	"nashra/render"
	"nashra/sanitize"
	"nashra/store"
)

// hostileFeeds are the corpus files that are feeds; the others are
// documents nashra must refuse with a clear error.
var hostileFeeds = []string{
	"escapes-rss.xml", "escapes-atom.xml", "escapes.json", "rlo.xml", "nul.xml",
	"char-refs.xml", "billion-laughs.xml",
	"arabic-windows-1256.xml", "arabic-iso-8859-6.xml", "hebrew-windows-1255.xml",
	"hebrew-iso-8859-8.xml", "russian-koi8-r.xml", "japanese-shift_jis.xml",
}

var hostileNonFeeds = map[string]string{
	"not-a-feed.html":    "not an RSS, Atom or JSON feed",
	"not-json-feed.json": "JSON, but not a JSON Feed",
	"malformed.xml":      "malformed feed: XML syntax error",
	"truncated.xml":      "malformed feed: XML syntax error",
	"empty.xml":          "empty document",
}

func hostilePath(name string) string { return filepath.Join("testdata", "hostile", name) }

// controlIn returns the first character of s that a terminal would act
// on — a C0 control other than those in allowed, DEL, a C1 control —
// or -1; invalid UTF-8 counts as U+FFFD's absence: it is reported as 0xFFFD.
func controlIn(s, allowed string) rune {
	if !utf8.ValidString(s) {
		return utf8.RuneError
	}
	for _, r := range s {
		if (r < 0x20 && !strings.ContainsRune(allowed, r)) || (r >= 0x7f && r <= 0x9f) {
			return r
		}
	}
	return -1
}

// checkStored fails if a stored field could act on a terminal.
func checkStored(t *testing.T, what, s string) {
	t.Helper()
	if r := controlIn(s, ""); r >= 0 {
		t.Errorf("%s: stored %U in %+q", what, r, s)
	}
	if strings.Contains(s, "PWNED") {
		t.Errorf("%s: an escape sequence's payload was stored as text: %+q", what, s)
	}
}

// linkable reports whether a terminal may be given target as a hyperlink:
// an absolute http or https address with a host, or a mailto address.
func linkable(target string) bool {
	u, err := url.Parse(target)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	}
	return false
}

// checkScreen fails if text meant for the terminal is not safe for it
// (checkTerminalSafe) or shows the payload of one of the corpus's escape
// sequences, which the corpus writes only inside sequences.
func checkScreen(t *testing.T, what, out string) {
	t.Helper()
	checkTerminalSafe(t, what, out)
	if plain := ansi.Strip(out); strings.Contains(plain, "PWNED") {
		t.Errorf("%s: an escape sequence's payload shows as text: %+q", what, plain)
	}
}

// checkTerminalSafe fails if text meant for the terminal holds an escape
// sequence other than styling (SGR) and links to web pages (OSC 8 to
// http, https, mailto), a control other than newline, a C1 control, or
// an explicit bidi control.
func checkTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		if out[i] != 0x1b {
			i++
			continue
		}
		end := i + 1
		switch {
		case strings.HasPrefix(out[i:], "\x1b["):
			end = i + 2
			for end < len(out) && (out[end] < 0x40 || out[end] > 0x7e) {
				end++
			}
			seq := out[i:min(end+1, len(out))]
			if !strings.HasSuffix(seq, "m") || strings.Trim(seq[2:len(seq)-1], "0123456789;:") != "" {
				t.Errorf("%s: a CSI other than SGR reaches the terminal: %+q", what, seq)
			}
		case strings.HasPrefix(out[i:], "\x1b]8;"):
			end = strings.IndexAny(out[i:], "\x07")
			if end < 0 {
				t.Errorf("%s: unterminated OSC 8", what)
				return
			}
			end += i
			seq := out[i:end]
			_, target, _ := strings.Cut(strings.TrimPrefix(seq, "\x1b]8;"), ";")
			if target != "" && !linkable(target) {
				t.Errorf("%s: a hyperlink to %q reaches the terminal", what, target)
			}
		default:
			t.Errorf("%s: an escape sequence reaches the terminal: %+q", what, out[i:min(i+12, len(out))])
		}
		i = end + 1
	}
	plain := ansi.Strip(out)
	if r := controlIn(plain, "\n"); r >= 0 {
		t.Errorf("%s: %U reaches the terminal in %+q", what, r, plain)
	}
	if strings.ContainsFunc(plain, sanitize.IsBidiControl) {
		t.Errorf("%s: an explicit bidi control reaches the terminal: %+q", what, plain)
	}
}

// readHostile parses every feed of the corpus into a fresh store and
// returns the store.
func readHostile(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "hostile.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ctx := context.Background()
	for _, name := range hostileFeeds {
		data, err := os.ReadFile(hostilePath(name))
		if err != nil {
			t.Fatal(err)
		}
		f, err := feed.Parse(bytes.NewReader(data), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(f.Items) == 0 {
			t.Errorf("%s: no items", name)
		}
		if _, err := st.SaveFeed(ctx, f); err != nil {
			t.Errorf("%s: save: %v", name, err)
		}
	}
	return st
}

func TestHostileCorpusIsStoredClean(t *testing.T) {
	st := readHostile(t)
	ctx := context.Background()
	feeds, err := st.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(feeds) != len(hostileFeeds) {
		t.Errorf("%d feeds stored, want %d", len(feeds), len(hostileFeeds))
	}
	for _, f := range feeds {
		checkStored(t, f.URL+" title", f.Title)
		checkStored(t, f.URL+" link", f.Link)
		checkStored(t, f.URL+" language", f.Language)
	}
	items, err := st.Items(ctx, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		what := it.FeedURL + " " + it.Key
		checkStored(t, what+" title", it.Title)
		checkStored(t, what+" author", it.Author)
		checkStored(t, what+" link", it.Link)
		checkStored(t, what+" guid", it.GUID)
		checkStored(t, what+" key", it.Key)
		// The content is HTML: character references to controls (&#27;)
		// are text in it until it is parsed, which the renderer does.
		if r := controlIn(it.Content, "\t\n"); r >= 0 {
			t.Errorf("%s content: stored %U in %+q", what, r, it.Content)
		}
	}
}

func TestHostileCorpusRendersSafely(t *testing.T) {
	st := readHostile(t)
	ctx := context.Background()
	items, err := st.Items(ctx, store.Query{})
	if err != nil {
		t.Fatal(err)
	}
	for _, opts := range []render.Options{{Bidi: render.BidiApp, Shape: true}, {Bidi: render.BidiTerminal}} {
		ts := render.New(opts)
		for _, it := range items {
			what := it.FeedURL + " " + it.Title
			for _, width := range []int{100, 60} {
				checkRow(t, ts, it, width)
			}
			out, err := ts.Article(render.Article{
				Title: it.Title, Feed: it.FeedTitle, Author: it.Author, Link: it.Link,
				Published: it.Published, HTML: it.Content, Lang: it.Language,
			}, 80)
			if err != nil {
				t.Errorf("%s: article: %v", what, err)
				continue
			}
			checkScreen(t, what+" article", out)
			for i, line := range strings.Split(out, "\n") {
				if w := render.Width(ansi.Strip(line)); w > 80 {
					t.Errorf("%s: article line %d is %d cells wide, more than 80: %q", what, i, w, ansi.Strip(line))
				}
			}
		}
	}
}

// checkRow lays out it as a list row and checks that it is exactly width
// cells, safe, and that the feed name and age columns are where they
// belong whatever the title holds: an RLO in a title must not move them
// or turn them round.
func checkRow(t *testing.T, ts *render.Typesetter, it store.Item, width int) {
	t.Helper()
	const age = "5m"
	row := ts.Row(render.Row{
		Marker: "●", Title: it.Title, Lang: it.Language,
		Feed: it.FeedTitle, FeedLang: it.FeedLanguage, Age: age,
	}, width, render.RowStyle{})
	what := it.FeedURL + " " + it.Title + " row"
	checkScreen(t, what, row)
	if w := render.Width(row); w != width {
		t.Errorf("%s: %d cells wide, want %d: %q", what, w, width, row)
	}
	// The feed column is at most 18 cells; the age column 4, padded on
	// the left; one space around each.
	feedW := min(18, render.Width(strings.Join(strings.Fields(it.FeedTitle), " ")))
	feedCell := render.Pad(ts.Line(it.FeedTitle, it.FeedLanguage, feedW), feedW)
	ageCell := strings.Repeat(" ", 4-len(age)) + age
	ltrTail := " " + feedCell + " " + ageCell + " "
	rtlHead := " " + ageCell + " " + feedCell + " "
	if !strings.HasSuffix(row, ltrTail) && !strings.HasPrefix(row, rtlHead) {
		t.Errorf("%s: feed name and age are not in their columns:\n%q\nwant it to end with %q or start with %q", what, row, ltrTail, rtlHead)
	}
}

// An override left open in one field ends with it: in the article, the
// next paragraph and the byline read normally.
func TestHostileBidiStaysInItsField(t *testing.T) {
	st := readHostile(t)
	items, err := st.Items(context.Background(), store.Query{FeedURLs: []string{"rlo.xml"}})
	if err != nil || len(items) == 0 {
		t.Fatalf("rlo.xml: %d items, %v", len(items), err)
	}
	var first store.Item
	for _, it := range items {
		if strings.HasPrefix(it.Title, "Reversed") {
			first = it
		}
	}
	if first.Title == "" {
		t.Fatalf("rlo.xml: no item titled Reversed… in %v", items)
	}
	ts := render.New(render.Options{Bidi: render.BidiApp, Shape: true})
	out, err := ts.Article(render.Article{
		Title: first.Title, Feed: first.FeedTitle, Author: first.Author, Link: first.Link,
		HTML: first.Content,
	}, 80)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, want := range []string{
		"Reversed FDP tuohtiw eltit",                // the title's RLO reverses the title's end…
		"Second paragraph, untouched",               // …not the next paragraph
		"ereh then plain",                           // a closed override ends where it is closed
		"First edirrevo desolcnu na htiw hpargarap", // the body's override reverses its own paragraph
		"eman deef · Author desrever",               // the feed name's RLO stays in the feed name
		"https://rlo.example/1",                     // and the link line is its own
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("article of %q lacks %q:\n%s", first.Title, want, plain)
		}
	}
	// In the list, every field is its own paragraph: a row is the title
	// reversed from its RLO on, then the feed name reversed from its
	// own, then the age.
	row := ts.Row(render.Row{Marker: "●", Title: first.Title, Feed: first.FeedTitle, Age: "5m"}, 100, render.RowStyle{})
	if !strings.Contains(row, " ● Reversed FDP tuohtiw eltit ") || !strings.HasSuffix(row, " RLO eman deef   5m ") {
		t.Errorf("row: %q", row)
	}
}

// Documents that are not feeds fail with a clear error each, one line,
// with nothing of their escape sequences in it.
func TestHostileNonFeedsFailClearly(t *testing.T) {
	for name, want := range hostileNonFeeds {
		data, err := os.ReadFile(hostilePath(name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = feed.Parse(bytes.NewReader(data), name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", name, err, want)
			continue
		}
		if msg := err.Error(); strings.ContainsAny(msg, "\n\x1b") || strings.Contains(msg, "PWNED") {
			t.Errorf("%s: error %+q", name, msg)
		}
	}
}

// The legacy encodings decode to the right letters.
func TestHostileEncodings(t *testing.T) {
	for name, want := range map[string][2]string{
		"arabic-windows-1256.xml": {"أخبار العالم", "مؤتمر القمة يبدأ أعماله في القاهرة"},
		"arabic-iso-8859-6.xml":   {"اخبار العالم", "مؤتمر القمة يبدا اعماله في القاهرة"},
		"hebrew-windows-1255.xml": {"חדשות העולם", "ועידת הפסגה נפתחת בירושלים"},
		"hebrew-iso-8859-8.xml":   {"חדשות העולם", "ועידת הפסגה נפתחת בירושלים"},
		"russian-koi8-r.xml":      {"Новости мира", "Саммит открывается в Москве"},
		"japanese-shift_jis.xml":  {"世界のニュース", "東京で首脳会議が始まる"},
	} {
		data, err := os.ReadFile(hostilePath(name))
		if err != nil {
			t.Fatal(err)
		}
		if utf8.Valid(data) {
			t.Errorf("%s is valid UTF-8: not a test of its encoding (run gen.go)", name)
		}
		f, err := feed.Parse(bytes.NewReader(data), name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if f.Title != want[0] || len(f.Items) != 1 || f.Items[0].Title != want[1] || f.Items[0].Content != "<p>"+want[1]+"</p>" {
			t.Errorf("%s: %q, %+v; want %q, %q", name, f.Title, f.Items, want[0], want[1])
		}
	}
}

// The command-line tools print feed text one field per column: an
// override in one must end with it.
func TestPrintableClosesBidi(t *testing.T) {
	for in, want := range map[string]string{
		"title \u202eRLO":        "title \u202eRLO\u202c",
		"\u2067isolate":          "\u2067isolate\u2069",
		"stray \u202c\u2069 end": "stray  end",
		"esc \x1b]0;PWNED\x07ok": "esc ok",
	} {
		if got := printable(in); got != want {
			t.Errorf("printable(%+q) = %+q, want %+q", in, got, want)
		}
	}
}

// A panic outside the reader's event loop ends nashra with one line on
// standard error, exit code 70 and a crash report, not a stack trace.
func TestPanicOutsideTheReaderIsOneLine(t *testing.T) {
	state := xdg.StateHome
	xdg.StateHome = t.TempDir()
	defer func() { xdg.StateHome = state }()
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = f
	code := 0
	func() {
		defer recoverMain(&code)
		panic("boom\nsecond line \x1b]0;PWNED\x07")
	}()
	os.Stderr = saved
	f.Close()
	out, _ := os.ReadFile(f.Name())
	msg := string(out)
	if code != 70 || strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "nashra: internal error: boom second line (details in ") ||
		strings.Contains(msg, "PWNED") || strings.Contains(msg, "goroutine") {
		t.Errorf("code %d, stderr %q", code, msg)
	}
	if !strings.Contains(msg, xdg.StateHome) {
		t.Errorf("crash report not in the state directory %s: %q", xdg.StateHome, msg)
	}
}
