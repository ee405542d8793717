package feed

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// handWritten is a configuration as a person writes it: comments
// everywhere, odd spacing, both forms of subscription, a literal string, a
// multi-line string that contains what looks like a [[feed]] table.
const handWritten = `# nashra — my configuration
bidi  = "app"     # my terminal does no bidi
shape = 'auto'
browser = """
firefox
[[feed]]
url = "https://not-a-feed.example/inside-a-string"
"""

feeds = [
  "https://short-1.example/rss",   # the first
  "https://short-2.example/rss",
  'https://short-3.example/rss',
]

# ---- news ----

# BBC in Arabic
[[feed]]
url = "https://feeds.bbci.co.uk/arabic/rss.xml"
title = "BBC عربي"
tags = ["news", "ar"]   # two tags

[[feed]]
  url   = 'https://middle.example/feed'
  # a commented-out title:
  # title = "Middle"

# Last one, with a comment that belongs to it
[[feed]]
url = "https://last.example/atom"
direction = "rtl"
`

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o640); err != nil {
		t.Fatal(err)
	}
	return path
}

func readText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func mustLoad(t *testing.T, path string) Config {
	t.Helper()
	c, err := LoadConfig(path)
	if err != nil {
		t.Fatalf("LoadConfig after edit: %v\n%s", err, readText(t, path))
	}
	return c
}

// noTempFiles checks that an edit left nothing behind in the directory.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestAddKeepsTheFileByteForByte(t *testing.T) {
	path := writeConfig(t, handWritten)
	before := mustLoad(t, path)
	added, err := AddSubscriptions(path, []Subscription{
		{URL: " https://new.example/rss ", Title: "New", Tags: []string{"tech", " tech", ""}},
		{URL: "https://other.example/atom", Direction: "LTR"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{URL: "https://new.example/rss", Title: "New", Tags: []string{"tech"}},
		{URL: "https://other.example/atom", Direction: "ltr"},
	}
	if !reflect.DeepEqual(added, want) {
		t.Errorf("added %+v, want %+v", added, want)
	}
	got := readText(t, path)
	if !strings.HasPrefix(got, handWritten) {
		t.Fatalf("the existing text changed:\n%s", got)
	}
	wantTail := "\n[[feed]]\nurl = \"https://new.example/rss\"\ntitle = \"New\"\ntags = [\"tech\"]\n" +
		"\n[[feed]]\nurl = \"https://other.example/atom\"\ndirection = \"ltr\"\n"
	if tail := got[len(handWritten):]; tail != wantTail {
		t.Errorf("appended %q, want %q", tail, wantTail)
	}
	after := mustLoad(t, path)
	if len(after.Feeds) != len(before.Feeds)+2 || after.Bidi != "app" || after.Browser != before.Browser {
		t.Errorf("after add: %+v", after)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want the file's own 0640", fi.Mode().Perm())
	}
	noTempFiles(t, filepath.Dir(path))
}

func TestAddWithoutTrailingNewlineAndCRLF(t *testing.T) {
	path := writeConfig(t, "bidi = \"app\"\r\n# note\r\nfeeds = [\"https://a.example/\"]")
	if _, err := AddSubscriptions(path, []Subscription{{URL: "https://b.example/"}}); err != nil {
		t.Fatal(err)
	}
	want := "bidi = \"app\"\r\n# note\r\nfeeds = [\"https://a.example/\"]\r\n\r\n[[feed]]\r\nurl = \"https://b.example/\"\r\n"
	if got := readText(t, path); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestAddCreatesFileAndDirectory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nashra", "sub", "config.toml")
	added, err := AddSubscriptions(path, []Subscription{{URL: "https://a.example/rss", Tags: []string{"x"}}})
	if err != nil || len(added) != 1 {
		t.Fatalf("added %v, err %v", added, err)
	}
	c := mustLoad(t, path)
	if !reflect.DeepEqual(c.Feeds, []Subscription{{URL: "https://a.example/rss", Tags: []string{"x"}}}) {
		t.Errorf("feeds %+v", c.Feeds)
	}
	fi, _ := os.Stat(path)
	di, _ := os.Stat(filepath.Dir(path))
	if fi.Mode().Perm() != 0o600 || di.Mode().Perm() != 0o700 {
		t.Errorf("modes: file %v, dir %v; want 0600, 0700", fi.Mode().Perm(), di.Mode().Perm())
	}
	if !strings.HasPrefix(readText(t, path), "# nashra configuration") {
		t.Errorf("a new file starts with a comment saying what it is:\n%s", readText(t, path))
	}
}

func TestAddSkipsDuplicates(t *testing.T) {
	path := writeConfig(t, handWritten)
	added, err := AddSubscriptions(path, []Subscription{
		{URL: "https://short-2.example/rss"},                                   // short form
		{URL: "https://middle.example/feed ", Title: "Other title"},            // table, literal string
		{URL: "https://fresh.example/rss"}, {URL: "https://fresh.example/rss"}, // twice in the list
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(added) != 1 || added[0].URL != "https://fresh.example/rss" {
		t.Errorf("added %+v, want only fresh", added)
	}
	if strings.Count(readText(t, path), "fresh.example") != 1 {
		t.Errorf("fresh added more than once:\n%s", readText(t, path))
	}
	// Nothing new: the file is not even rewritten.
	before := readText(t, path)
	added, err = AddSubscriptions(path, []Subscription{{URL: "https://fresh.example/rss"}})
	if err != nil || len(added) != 0 || readText(t, path) != before {
		t.Errorf("second add: %v %v; file changed: %v", added, err, readText(t, path) != before)
	}
}

func TestAddEscapesStrings(t *testing.T) {
	path := writeConfig(t, "")
	sub := Subscription{
		URL:   `https://x.example/feed?q="a"&b=\c`,
		Title: "quote \" backslash \\ tab \t newline \n bell \a del \x7f esc \x1b[31m عربي 'single' \"\"\"",
		Tags:  []string{`a"b`, `c\d`, "e]f", "g,h"},
	}
	if _, err := AddSubscriptions(path, []Subscription{sub}); err != nil {
		t.Fatal(err)
	}
	c := mustLoad(t, path)
	if !reflect.DeepEqual(c.Feeds, []Subscription{sub}) {
		t.Errorf("read back %+v\nwant      %+v", c.Feeds, sub)
	}
	if strings.ContainsAny(readText(t, path), "\x1b\a\x7f\t") {
		t.Errorf("control characters written raw:\n%q", readText(t, path))
	}
}

func TestRemoveBlockInTheMiddle(t *testing.T) {
	path := writeConfig(t, handWritten)
	got, err := RemoveSubscription(path, "https://middle.example/feed")
	if err != nil {
		t.Fatal(err)
	}
	if got.URL != "https://middle.example/feed" {
		t.Errorf("removed %+v", got)
	}
	want := strings.Replace(handWritten, `[[feed]]
  url   = 'https://middle.example/feed'
  # a commented-out title:
  # title = "Middle"

`, "", 1)
	if text := readText(t, path); text != want {
		t.Errorf("got:\n%s\nwant:\n%s", text, want)
	}
	mustLoad(t, path)
}

func TestRemoveBlockWithItsComments(t *testing.T) {
	path := writeConfig(t, handWritten)
	// By title, ignoring case; the comment above the header goes with it.
	got, err := RemoveSubscription(path, "bbc عربي")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "BBC عربي" || !reflect.DeepEqual(got.Tags, []string{"news", "ar"}) {
		t.Errorf("removed %+v", got)
	}
	want := strings.Replace(handWritten, `# BBC in Arabic
[[feed]]
url = "https://feeds.bbci.co.uk/arabic/rss.xml"
title = "BBC عربي"
tags = ["news", "ar"]   # two tags

`, "", 1)
	if text := readText(t, path); text != want {
		t.Errorf("got:\n%s\nwant:\n%s", text, want)
	}
}

func TestRemoveLastBlock(t *testing.T) {
	path := writeConfig(t, handWritten)
	if _, err := RemoveSubscription(path, "https://last.example/atom"); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(handWritten, `
# Last one, with a comment that belongs to it
[[feed]]
url = "https://last.example/atom"
direction = "rtl"
`, "", 1)
	if text := readText(t, path); text != want {
		t.Errorf("got:\n%q\nwant:\n%q", text, want)
	}
}

func TestRemoveFromShortForm(t *testing.T) {
	for _, tc := range []struct {
		name, text, url, want string
	}{
		{"own line with comment", handWritten, "https://short-1.example/rss",
			strings.Replace(handWritten, "  \"https://short-1.example/rss\",   # the first\n", "", 1)},
		{"own line, literal", handWritten, "https://short-3.example/rss",
			strings.Replace(handWritten, "  'https://short-3.example/rss',\n", "", 1)},
		{"inline first", `feeds = ["a:1", "a:2", "a:3"]` + "\n", "a:1", `feeds = ["a:2", "a:3"]` + "\n"},
		{"inline middle", `feeds = ["a:1", "a:2", "a:3"] # c` + "\n", "a:2", `feeds = ["a:1", "a:3"] # c` + "\n"},
		{"inline last", `feeds = ["a:1", "a:2", "a:3"]` + "\n", "a:3", `feeds = ["a:1", "a:2"]` + "\n"},
		{"only", "feeds = [ \"a:1\" ]\nbidi = \"app\"\n", "a:1", "feeds = [  ]\nbidi = \"app\"\n"},
		{"last without comma", "feeds = [\n  \"a:1\",\n  \"a:2\"\n]\n", "a:2", "feeds = [\n  \"a:1\",\n]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConfig(t, tc.text)
			got, err := RemoveSubscription(path, tc.url)
			if err != nil {
				t.Fatal(err)
			}
			if got.URL != tc.url {
				t.Errorf("removed %+v", got)
			}
			if text := readText(t, path); text != tc.want {
				t.Errorf("got:\n%q\nwant:\n%q", text, tc.want)
			}
			for _, s := range mustLoad(t, path).Feeds {
				if s.URL == tc.url {
					t.Errorf("%s still subscribed", tc.url)
				}
			}
		})
	}
}

func TestRemoveUnknownOrAmbiguous(t *testing.T) {
	path := writeConfig(t, handWritten+"\n[[feed]]\nurl = \"https://twin.example/1\"\ntitle = \"Twin\"\n\n[[feed]]\nurl = \"https://twin.example/2\"\ntitle = \"Twin\"\n")
	before := readText(t, path)
	if _, err := RemoveSubscription(path, "https://nowhere.example/"); !errors.Is(err, ErrNotSubscribed) {
		t.Errorf("unknown: err = %v, want ErrNotSubscribed", err)
	}
	if _, err := RemoveSubscription(path, "twin"); err == nil || !strings.Contains(err.Error(), "https://twin.example/2") {
		t.Errorf("ambiguous title: err = %v, want it to name both feeds", err)
	}
	if _, err := RemoveSubscription(filepath.Join(t.TempDir(), "none.toml"), "x"); !errors.Is(err, ErrNotSubscribed) {
		t.Errorf("no file: err = %v", err)
	}
	if readText(t, path) != before {
		t.Error("the file changed")
	}
}

func TestRename(t *testing.T) {
	path := writeConfig(t, handWritten)
	if err := RenameSubscription(path, "https://middle.example/feed", "https://moved.example/feed?a=\"1\""); err != nil {
		t.Fatal(err)
	}
	if err := RenameSubscription(path, "https://short-2.example/rss", "https://moved.example/short"); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(handWritten, `'https://middle.example/feed'`, `"https://moved.example/feed?a=\"1\""`, 1)
	want = strings.Replace(want, `"https://short-2.example/rss"`, `"https://moved.example/short"`, 1)
	if text := readText(t, path); text != want {
		t.Errorf("got:\n%s\nwant:\n%s", text, want)
	}
	urls := mustLoad(t, path).SubscribedURLs()
	if !slices.Contains(urls, "https://moved.example/feed?a=\"1\"") || slices.Contains(urls, "https://middle.example/feed") {
		t.Errorf("after rename: %v", urls)
	}

	before := readText(t, path)
	if err := RenameSubscription(path, "https://moved.example/short", "https://last.example/atom"); !errors.Is(err, ErrAlreadySubscribed) {
		t.Errorf("rename onto a subscribed URL: %v", err)
	}
	if err := RenameSubscription(path, "https://nowhere.example/", "https://x.example/"); !errors.Is(err, ErrNotSubscribed) {
		t.Errorf("rename of an unknown URL: %v", err)
	}
	if readText(t, path) != before {
		t.Error("a refused rename changed the file")
	}
}

func TestEditsThatWouldBreakTheFileAreRefused(t *testing.T) {
	// An inline array of feed tables cannot take a [[feed]] table after
	// it: the appended text would not parse, so nothing is written.
	text := "feed = [{ url = \"https://a.example/\" }]\n"
	path := writeConfig(t, text)
	_, err := AddSubscriptions(path, []Subscription{{URL: "https://b.example/"}})
	if err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("err = %v, want a refusal", err)
	}
	if readText(t, path) != text {
		t.Error("the file changed")
	}
	noTempFiles(t, filepath.Dir(path))

	// Nor is it removed from there by cutting text nashra does not own.
	if _, err := RemoveSubscription(path, "https://a.example/"); err == nil || readText(t, path) != text {
		t.Errorf("remove from an inline table: err = %v", err)
	}

	// A file that does not load is not touched at all.
	broken := "feeds = [\n"
	path = writeConfig(t, broken)
	if _, err := AddSubscriptions(path, []Subscription{{URL: "https://b.example/"}}); err == nil {
		t.Error("added to a broken file")
	}
	if readText(t, path) != broken {
		t.Error("the broken file changed")
	}
}

func TestReplaceRefusesAChangeOfMeaning(t *testing.T) {
	path := writeConfig(t, handWritten)
	old := mustLoad(t, path)
	// Valid TOML, but it changes a setting the edit was not about.
	err := replaceConfig(path, strings.Replace(handWritten, `bidi  = "app"`, `bidi = "terminal"`, 1), old, old.Feeds)
	if err == nil {
		t.Error("a change of settings was written")
	}
	// Valid TOML, but a subscription other than the one meant is gone.
	err = replaceConfig(path, strings.Replace(handWritten, "https://last.example/atom", "https://elsewhere.example/", 1), old, old.Feeds)
	if err == nil {
		t.Error("a change of subscriptions was written")
	}
	if readText(t, path) != handWritten {
		t.Error("the file changed")
	}
	noTempFiles(t, filepath.Dir(path))
}

func TestEditFollowsSymlink(t *testing.T) {
	real := writeConfig(t, "bidi = \"app\"\n")
	link := filepath.Join(t.TempDir(), "config.toml")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks:", err)
	}
	if _, err := AddSubscriptions(link, []Subscription{{URL: "https://a.example/"}}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if !strings.Contains(readText(t, real), "https://a.example/") {
		t.Error("the file the link points to was not edited")
	}
}

func TestScanConfigFindsStatements(t *testing.T) {
	doc, err := scanConfig(handWritten)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, ft := range doc.feedTables() {
		urls = append(urls, ft.url)
	}
	want := []string{"https://feeds.bbci.co.uk/arabic/rss.xml", "https://middle.example/feed", "https://last.example/atom"}
	if !reflect.DeepEqual(urls, want) {
		t.Errorf("tables %v, want %v (the one inside a string is not a table)", urls, want)
	}
	var short []string
	for _, el := range doc.shortForm {
		short = append(short, el.url)
	}
	if len(short) != 3 || short[2] != "https://short-3.example/rss" {
		t.Errorf("short form %v", short)
	}
}
