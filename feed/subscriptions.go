package feed

// Editing the configuration file in place.
//
// The file is the source of truth for subscriptions, and it is the user's
// file: comments, blank lines, key order and quoting must survive every edit
// nashra makes. So the file is never decoded and re-encoded. Instead a small
// scanner (tomlScan below) finds where each top-level statement — table
// header, key = value, comment — starts and ends, and an edit splices bytes:
// a new [[feed]] table is appended at the end, a removed one is cut out from
// its header to the next header, a short-form entry is cut out of its
// array, a renamed URL has just its string replaced.
//
// Every edit is then checked before it replaces the file: the new text is
// written to a temporary file in the same directory, loaded with LoadConfig,
// and compared with what the edit meant to do (the same settings, the same
// subscriptions but for the one added, removed or renamed). Only then is the
// temporary file renamed over the original, so the file is at every moment
// either the old one or the new, valid one.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// ErrNotSubscribed is returned (wrapped) when no subscription matches.
var ErrNotSubscribed = errors.New("not subscribed")

// ErrAlreadySubscribed is returned (wrapped) by RenameSubscription when the
// new URL is subscribed already.
var ErrAlreadySubscribed = errors.New("already subscribed")

// newConfigHeader starts a configuration file that nashra creates.
const newConfigHeader = `# nashra configuration. Settings such as bidi = "auto" go here, above the
# first [[feed]] table. nashra add, remove and import edit the [[feed]]
# tables below and leave the rest of this file as it is.
`

// AddSubscriptions appends a [[feed]] table for each of subs to the
// configuration file at path, creating the file (mode 0600) and its
// directory (0700) if they do not exist. A subscription whose URL is
// subscribed already — or repeated within subs — is skipped; added lists
// those that were written, in order, as LoadConfig will read them back.
// Nothing is written when nothing is added.
func AddSubscriptions(path string, subs []Subscription) (added []Subscription, err error) {
	path, err = resolveConfigPath(path)
	if err != nil {
		return nil, err
	}
	unlock, err := lockConfig(path)
	if err != nil {
		return nil, err
	}
	defer unlock()
	src, old, err := readForEdit(path)
	missing := errors.Is(err, ErrNoConfig)
	if err != nil && !missing {
		return nil, err
	}
	seen := map[string]bool{}
	for _, s := range old.Feeds {
		seen[s.URL] = true
	}
	for _, s := range subs {
		s = normalizeSubscription(s)
		if s.URL == "" {
			return nil, errors.New("a subscription needs a URL")
		}
		if seen[s.URL] {
			continue
		}
		seen[s.URL] = true
		added = append(added, s)
	}
	if len(added) == 0 {
		return nil, nil
	}

	nl := lineEnding(src)
	var b strings.Builder
	switch {
	case strings.TrimSpace(src) == "":
		b.WriteString(strings.ReplaceAll(newConfigHeader, "\n", nl))
	case strings.HasSuffix(src, "\n"):
		b.WriteString(src)
	default:
		b.WriteString(src + nl)
	}
	for _, s := range added {
		if !strings.HasSuffix(b.String(), nl+nl) {
			b.WriteString(nl)
		}
		writeFeedTable(&b, s, nl)
	}

	want := append(slices.Clone(old.Feeds), added...)
	if missing {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create %s: %w", filepath.Dir(path), withoutPath(err))
		}
	}
	if err := replaceConfig(path, b.String(), old, want); err != nil {
		return nil, err
	}
	return added, nil
}

// RemoveSubscription removes the subscription whose URL is urlOrTitle or,
// failing that, whose configured title is (exactly, else ignoring case):
// its [[feed]] table, from the header to the next table header or the end
// of the file, together with the comment lines directly above the header;
// or its entry in the short-form feeds = [...] array. It returns the
// subscription as the file had it. An error wrapping ErrNotSubscribed
// means nothing matched; a title that names several feeds is refused.
func RemoveSubscription(path, urlOrTitle string) (Subscription, error) {
	path, err := resolveConfigPath(path)
	if err != nil {
		return Subscription{}, err
	}
	unlock, err := lockConfig(path)
	if err != nil {
		return Subscription{}, err
	}
	defer unlock()
	src, old, err := readForEdit(path)
	if err != nil {
		if errors.Is(err, ErrNoConfig) {
			return Subscription{}, fmt.Errorf("%s: %w (%s does not exist)", urlOrTitle, ErrNotSubscribed, path)
		}
		return Subscription{}, err
	}
	sub, err := FindSubscription(old, urlOrTitle)
	if err != nil {
		return Subscription{}, err
	}
	doc, err := scanConfig(src)
	if err != nil {
		return Subscription{}, fmt.Errorf("%s: %w", path, err)
	}
	var cuts []span
	for _, blk := range doc.feedTables() {
		if blk.url == sub.URL {
			cuts = append(cuts, doc.blockCut(blk))
		}
	}
	for _, el := range doc.shortForm {
		if el.url == sub.URL {
			cuts = append(cuts, doc.elementCut(el))
		}
	}
	if len(cuts) == 0 {
		return Subscription{}, fmt.Errorf("%s: cannot find where %s is subscribed; edit the file by hand", path, sub.URL)
	}
	out := splice(src, cuts, nil)
	if slices.ContainsFunc(cuts, func(c span) bool { return c.end == len(src) }) && strings.TrimSpace(out) != "" {
		// A table cut from the end leaves the blank lines that separated
		// it from the one before.
		out = strings.TrimRight(out, " \t\r\n") + lineEnding(src)
	}
	want := slices.DeleteFunc(slices.Clone(old.Feeds), func(s Subscription) bool { return s.URL == sub.URL })
	if err := replaceConfig(path, out, old, want); err != nil {
		return Subscription{}, err
	}
	return sub, nil
}

// RenameSubscription replaces the URL oldURL with newURL where the file
// names it (a [[feed]] table's url, or a short-form entry), leaving
// everything else as it is — used when a feed has moved permanently. It
// fails with an error wrapping ErrNotSubscribed if oldURL is not subscribed
// and ErrAlreadySubscribed if newURL already is.
func RenameSubscription(path, oldURL, newURL string) error {
	oldURL, newURL = strings.TrimSpace(oldURL), strings.TrimSpace(newURL)
	if newURL == "" {
		return errors.New("rename: empty URL")
	}
	path, err := resolveConfigPath(path)
	if err != nil {
		return err
	}
	unlock, err := lockConfig(path)
	if err != nil {
		return err
	}
	defer unlock()
	src, old, err := readForEdit(path)
	if err != nil {
		if errors.Is(err, ErrNoConfig) {
			return fmt.Errorf("%s: %w (%s does not exist)", oldURL, ErrNotSubscribed, path)
		}
		return err
	}
	if oldURL == newURL {
		return nil
	}
	i := slices.IndexFunc(old.Feeds, func(s Subscription) bool { return s.URL == oldURL })
	if i < 0 {
		return fmt.Errorf("%s: %w", oldURL, ErrNotSubscribed)
	}
	if slices.ContainsFunc(old.Feeds, func(s Subscription) bool { return s.URL == newURL }) {
		return fmt.Errorf("%s: %w", newURL, ErrAlreadySubscribed)
	}
	doc, err := scanConfig(src)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	var cuts []span
	var repl []string
	for _, blk := range doc.feedTables() {
		if blk.url == oldURL && blk.urlValue.end > 0 {
			cuts = append(cuts, blk.urlValue)
			repl = append(repl, tomlString(newURL))
		}
	}
	for _, el := range doc.shortForm {
		if el.url == oldURL {
			cuts = append(cuts, el.value)
			repl = append(repl, tomlString(newURL))
		}
	}
	if len(cuts) == 0 {
		return fmt.Errorf("%s: cannot find where %s is subscribed; edit the file by hand", path, oldURL)
	}
	want := slices.Clone(old.Feeds)
	want[i].URL = newURL
	return replaceConfig(path, splice(src, cuts, repl), old, want)
}

// FindSubscription returns the subscription in c whose URL is urlOrTitle,
// else the one whose title is urlOrTitle exactly, else ignoring case. An
// error wraps ErrNotSubscribed when none matches, and names the candidates
// when a title matches several.
func FindSubscription(c Config, urlOrTitle string) (Subscription, error) {
	key := strings.TrimSpace(urlOrTitle)
	for _, s := range c.Feeds {
		if s.URL == key {
			return s, nil
		}
	}
	for _, same := range []func(a, b string) bool{
		func(a, b string) bool { return a == b },
		strings.EqualFold,
	} {
		var found []Subscription
		for _, s := range c.Feeds {
			if s.Title != "" && same(s.Title, key) {
				found = append(found, s)
			}
		}
		switch len(found) {
		case 0:
			continue
		case 1:
			return found[0], nil
		default:
			urls := make([]string, len(found))
			for i, s := range found {
				urls[i] = s.URL
			}
			return Subscription{}, fmt.Errorf("%q is the title of %d feeds (%s); name one by its URL",
				key, len(found), strings.Join(urls, ", "))
		}
	}
	return Subscription{}, fmt.Errorf("%s: %w", key, ErrNotSubscribed)
}

// normalizeSubscription trims what LoadConfig would trim and drops empty
// and repeated tags, so that what is written is what is read back.
func normalizeSubscription(s Subscription) Subscription {
	s.URL = strings.TrimSpace(s.URL)
	s.Title = strings.TrimSpace(s.Title)
	s.Direction = strings.ToLower(strings.TrimSpace(s.Direction))
	if s.Direction == "auto" {
		s.Direction = ""
	}
	s.Tags = NormalizeTags(s.Tags)
	return s
}

// NormalizeTags trims tags and drops empty and repeated ones, keeping the
// first occurrence's place. It returns nil for no tags.
func NormalizeTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		t = strings.TrimSpace(t)
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// writeFeedTable writes one [[feed]] table.
func writeFeedTable(b *strings.Builder, s Subscription, nl string) {
	b.WriteString("[[feed]]" + nl)
	b.WriteString("url = " + tomlString(s.URL) + nl)
	if s.Title != "" {
		b.WriteString("title = " + tomlString(s.Title) + nl)
	}
	if len(s.Tags) > 0 {
		q := make([]string, len(s.Tags))
		for i, t := range s.Tags {
			q[i] = tomlString(t)
		}
		b.WriteString("tags = [" + strings.Join(q, ", ") + "]" + nl)
	}
	if s.Direction != "" {
		b.WriteString("direction = " + tomlString(s.Direction) + nl)
	}
	if s.FullText {
		b.WriteString("fulltext = true" + nl)
	}
	if len(s.Strip) > 0 {
		q := make([]string, len(s.Strip))
		for i, rule := range s.Strip {
			q[i] = tomlString(rule)
		}
		b.WriteString("strip = [" + strings.Join(q, ", ") + "]" + nl)
	}
}

// tomlString quotes s as a TOML basic string. Invalid UTF-8 (which TOML
// cannot hold) becomes U+FFFD; quotes, backslashes and every control
// character are escaped.
func tomlString(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// resolveConfigPath follows a symbolic link to the real file, so that an
// edit replaces the file the link points to rather than the link itself.
func resolveConfigPath(path string) (string, error) {
	if path == "" {
		return "", errors.New("no configuration file given")
	}
	real, err := filepath.EvalSymlinks(path)
	if err == nil {
		return real, nil
	}
	if errors.Is(err, os.ErrNotExist) {
		return path, nil
	}
	return "", fmt.Errorf("%s: %w", path, withoutPath(err))
}

// readForEdit reads the file and checks that it loads: nashra does not edit
// a file it cannot read correctly. A missing file gives ErrNoConfig and
// an empty text.
func readForEdit(path string) (string, Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return "", defaults(Config{}), ErrNoConfig
	}
	if err != nil {
		return "", Config{}, fmt.Errorf("%s: %w", path, withoutPath(err))
	}
	if !utf8.Valid(data) {
		return "", Config{}, fmt.Errorf("%s: not valid UTF-8; fix the file first", path)
	}
	c, err := LoadConfig(path)
	if err != nil {
		return "", Config{}, fmt.Errorf("%v (fix the file first)", err)
	}
	return string(data), c, nil
}

// replaceConfig writes text to a temporary file next to path, checks that
// it loads and means exactly old's settings with want as its subscriptions,
// and only then renames it over path. On any failure path is untouched.
func replaceConfig(path, text string, old Config, want []Subscription) (err error) {
	mode := os.FileMode(0o600)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, withoutPath(err))
	}
	name := tmp.Name()
	defer func() {
		if err != nil {
			os.Remove(name)
		}
	}()
	_, werr := tmp.WriteString(text)
	if werr == nil {
		werr = tmp.Sync()
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, mode)
	}
	if werr != nil {
		return fmt.Errorf("write %s: %w", path, withoutPath(werr))
	}

	got, lerr := LoadConfig(name)
	if lerr != nil {
		msg := strings.ReplaceAll(lerr.Error(), name, path)
		return fmt.Errorf("refusing to write %s: the edited file would not load: %s", path, msg)
	}
	if err := sameMeaning(got, old, want); err != nil {
		return fmt.Errorf("refusing to write %s: %v", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("write %s: %w", path, withoutPath(err))
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // make the rename durable where the platform allows
		d.Close()
	}
	return nil
}

// sameMeaning checks an edited configuration: the settings of old, and
// exactly the subscriptions in want (compared by URL; LoadConfig lists
// [[feed]] tables before short-form entries, so order may differ).
func sameMeaning(got, old Config, want []Subscription) error {
	g, o := got, old
	g.Feeds, o.Feeds = nil, nil
	if !reflect.DeepEqual(g, o) {
		return errors.New("the edit would change settings other than subscriptions")
	}
	byURL := map[string]Subscription{}
	for _, s := range want {
		byURL[s.URL] = s
	}
	if len(got.Feeds) != len(byURL) {
		return fmt.Errorf("the edited file would have %d subscriptions, not %d", len(got.Feeds), len(byURL))
	}
	for _, s := range got.Feeds {
		w, ok := byURL[s.URL]
		if !ok {
			return fmt.Errorf("the edited file would subscribe to %s", s.URL)
		}
		if !sameSubscription(s, w) {
			return fmt.Errorf("the edited file would read %s differently", s.URL)
		}
	}
	return nil
}

func sameSubscription(a, b Subscription) bool {
	return a.URL == b.URL && a.Title == b.Title && slices.Equal(a.Tags, b.Tags) &&
		strings.TrimPrefix(a.Direction, "auto") == strings.TrimPrefix(b.Direction, "auto") &&
		a.FullText == b.FullText && slices.Equal(a.Strip, b.Strip)
}

// lineEnding is the file's line ending: CRLF if it uses it, else LF.
func lineEnding(src string) string {
	if strings.Contains(src, "\r\n") {
		return "\r\n"
	}
	return "\n"
}

// A span is a byte range [start, end) of the file.
type span struct{ start, end int }

// splice replaces each span of src (sorted or not, never overlapping) with
// the matching string of repl, or with nothing when repl is nil.
func splice(src string, cuts []span, repl []string) string {
	idx := make([]int, len(cuts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cuts[a].start - cuts[b].start })
	var b strings.Builder
	pos := 0
	for _, i := range idx {
		c := cuts[i]
		if c.start < pos { // overlapping cut: already removed
			continue
		}
		b.WriteString(src[pos:c.start])
		if repl != nil {
			b.WriteString(repl[i])
		}
		pos = c.end
	}
	b.WriteString(src[pos:])
	return b.String()
}

// ---- scanning ----

// A configDoc is what the edits need to know about a configuration file.
type configDoc struct {
	src   string
	stmts []stmt
	// shortForm lists the string entries of the root feeds = [...] array.
	shortForm []arrayElem
}

type stmtKind uint8

const (
	stmtBlank   stmtKind = iota // empty or white space only
	stmtComment                 // a comment alone on its line
	stmtHeader                  // [table] or [[array-of-tables]]
	stmtKeyVal                  // key = value (possibly over several lines)
)

// A stmt is one top-level statement: it covers whole lines, from the start
// of its first line to just past the line break ending its last.
type stmt struct {
	kind  stmtKind
	lines span
	// Headers: the dotted name, unquoted ("feed"), and whether it is [[…]].
	name  string
	array bool
	// Key/values: the dotted key, unquoted, and where the value is.
	key   string
	value span
}

type arrayElem struct {
	value span
	url   string // the decoded, trimmed string; "" for a non-string
}

type feedTable struct {
	header   int // index of the header in stmts
	end      int // index of the next header, or len(stmts)
	url      string
	urlValue span
}

// feedTables lists the [[feed]] tables in file order.
func (d *configDoc) feedTables() []feedTable {
	var out []feedTable
	for i, s := range d.stmts {
		if s.kind != stmtHeader || !s.array || s.name != "feed" {
			continue
		}
		t := feedTable{header: i, end: len(d.stmts)}
		for j := i + 1; j < len(d.stmts); j++ {
			if d.stmts[j].kind == stmtHeader {
				t.end = j
				break
			}
			if d.stmts[j].kind == stmtKeyVal && d.stmts[j].key == "url" {
				t.urlValue = d.stmts[j].value
				t.url = strings.TrimSpace(decodeString(d.src[t.urlValue.start:t.urlValue.end]))
			}
		}
		out = append(out, t)
	}
	return out
}

// blockCut is the text a removed [[feed]] table takes with it: the comment
// lines directly above its header, the header, and everything up to the
// next header — less the comment lines directly above that header, which
// belong to it.
func (d *configDoc) blockCut(t feedTable) span {
	first := t.header
	for first > 0 && d.stmts[first-1].kind == stmtComment {
		first--
	}
	last := t.end // exclusive
	if last < len(d.stmts) {
		for last > t.header+1 && d.stmts[last-1].kind == stmtComment {
			last--
		}
	}
	end := len(d.src)
	if last < len(d.stmts) {
		end = d.stmts[last].lines.start
	}
	return span{d.stmts[first].lines.start, end}
}

// elementCut is the text a removed short-form entry takes with it: its
// whole line when it stands alone on it (with its comma and comment),
// else the entry and the comma that separates it from its neighbour.
func (d *configDoc) elementCut(el arrayElem) span {
	src := d.src
	ls := strings.LastIndexByte(src[:el.value.start], '\n') + 1
	alone := strings.TrimLeft(src[ls:el.value.start], " \t") == ""
	i := skipSpace(src, el.value.end)
	comma := -1
	if i < len(src) && src[i] == ',' {
		comma = i
		i = skipSpace(src, i+1)
	}
	if alone {
		j := i
		if j < len(src) && src[j] == '#' {
			for j < len(src) && src[j] != '\n' {
				j++
			}
		}
		if j < len(src) && src[j] == '\r' {
			j++
		}
		if j >= len(src) || src[j] == '\n' {
			return span{ls, min(j+1, len(src))}
		}
	}
	if comma >= 0 {
		return span{el.value.start, skipSpace(src, comma+1)}
	}
	// The last entry, without a trailing comma: take the comma before it.
	k := el.value.start - 1
	for k >= 0 && (src[k] == ' ' || src[k] == '\t') {
		k--
	}
	if k >= 0 && src[k] == ',' {
		return span{k, el.value.end}
	}
	return el.value
}

// scanConfig finds the statements of a TOML document that LoadConfig has
// already accepted, and the entries of its short-form feeds array. It
// reports an error rather than guess at anything it does not follow.
func scanConfig(src string) (*configDoc, error) {
	d := &configDoc{src: src}
	pos := 0
	if strings.HasPrefix(src, "\uFEFF") {
		pos = len("\uFEFF")
	}
	inRoot := true
	for pos < len(src) {
		start := pos
		i := skipSpace(src, pos)
		var s stmt
		switch {
		case i >= len(src) || src[i] == '\n' || src[i] == '\r':
			s.kind = stmtBlank
		case src[i] == '#':
			s.kind = stmtComment
		case src[i] == '[':
			s.kind = stmtHeader
			j := i + 1
			if j < len(src) && src[j] == '[' {
				s.array = true
				j++
			}
			name, k, err := scanKey(src, j)
			if err != nil {
				return nil, err
			}
			s.name = name
			closing := "]"
			if s.array {
				closing = "]]"
			}
			if !strings.HasPrefix(src[k:], closing) {
				return nil, errAt(src, k, "expected "+closing)
			}
			i = k + len(closing)
			inRoot = false
		default:
			s.kind = stmtKeyVal
			key, k, err := scanKey(src, i)
			if err != nil {
				return nil, err
			}
			if k >= len(src) || src[k] != '=' {
				return nil, errAt(src, k, "expected =")
			}
			s.key = key
			vs := skipSpace(src, k+1)
			var elems []span
			collect := inRoot && key == "feeds"
			ve, err := scanValue(src, vs, collect, &elems)
			if err != nil {
				return nil, err
			}
			s.value = span{vs, ve}
			i = ve
			for _, e := range elems {
				raw := src[e.start:e.end]
				el := arrayElem{value: e}
				if raw[0] == '"' || raw[0] == '\'' {
					el.url = strings.TrimSpace(decodeString(raw))
				}
				d.shortForm = append(d.shortForm, el)
			}
		}
		end, err := endOfLine(src, i)
		if err != nil {
			return nil, err
		}
		s.lines = span{start, end}
		d.stmts = append(d.stmts, s)
		pos = end
	}
	return d, nil
}

// endOfLine checks that only white space and a comment follow i on its
// line and returns the offset just past the line break (or the end).
func endOfLine(src string, i int) (int, error) {
	i = skipSpace(src, i)
	if i < len(src) && src[i] == '#' {
		for i < len(src) && src[i] != '\n' {
			i++
		}
	}
	if i < len(src) && src[i] == '\r' {
		i++
	}
	if i >= len(src) {
		return len(src), nil
	}
	if src[i] != '\n' {
		return 0, errAt(src, i, "unexpected text")
	}
	return i + 1, nil
}

// scanKey reads a possibly dotted, possibly quoted key starting at i and
// returns it unquoted with its parts joined by dots, and where it ends
// (after trailing white space).
func scanKey(src string, i int) (string, int, error) {
	var parts []string
	for {
		i = skipSpace(src, i)
		if i >= len(src) {
			return "", i, errAt(src, i, "expected a key")
		}
		switch c := src[i]; {
		case c == '"' || c == '\'':
			end, err := scanString(src, i)
			if err != nil {
				return "", i, err
			}
			parts = append(parts, decodeString(src[i:end]))
			i = end
		case isBareKeyChar(c):
			j := i
			for j < len(src) && isBareKeyChar(src[j]) {
				j++
			}
			parts = append(parts, src[i:j])
			i = j
		default:
			return "", i, errAt(src, i, "expected a key")
		}
		i = skipSpace(src, i)
		if i < len(src) && src[i] == '.' {
			i++
			continue
		}
		return strings.Join(parts, "."), i, nil
	}
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// scanValue returns the end of the value starting at i. When collect is
// set and the value is an array, the spans of its elements are appended to
// elems.
func scanValue(src string, i int, collect bool, elems *[]span) (int, error) {
	if i >= len(src) {
		return i, errAt(src, i, "expected a value")
	}
	switch src[i] {
	case '"', '\'':
		return scanString(src, i)
	case '[':
		i++
		for {
			i = skipBlank(src, i)
			if i >= len(src) {
				return i, errAt(src, i, "unterminated array")
			}
			if src[i] == ']' {
				return i + 1, nil
			}
			end, err := scanValue(src, i, false, nil)
			if err != nil {
				return end, err
			}
			if collect {
				*elems = append(*elems, span{i, end})
			}
			i = skipBlank(src, end)
			if i < len(src) && src[i] == ',' {
				i++
			}
		}
	case '{':
		i++
		for {
			i = skipBlank(src, i)
			if i >= len(src) {
				return i, errAt(src, i, "unterminated inline table")
			}
			if src[i] == '}' {
				return i + 1, nil
			}
			if src[i] == ',' {
				i++
				continue
			}
			_, k, err := scanKey(src, i)
			if err != nil {
				return k, err
			}
			if k >= len(src) || src[k] != '=' {
				return k, errAt(src, k, "expected =")
			}
			end, err := scanValue(src, skipSpace(src, k+1), false, nil)
			if err != nil {
				return end, err
			}
			i = end
		}
	default:
		// A number, boolean or date-time: up to a delimiter. A date and a
		// time may be separated by one space.
		j := i
		for j < len(src) && !strings.ContainsRune(" \t\r\n,]}#", rune(src[j])) {
			j++
		}
		if j-i == 10 && j+1 < len(src) && src[j] == ' ' && src[i+4] == '-' &&
			src[j+1] >= '0' && src[j+1] <= '9' {
			j++
			for j < len(src) && !strings.ContainsRune(" \t\r\n,]}#", rune(src[j])) {
				j++
			}
		}
		if j == i {
			return i, errAt(src, i, "expected a value")
		}
		return j, nil
	}
}

// scanString returns the end of the string starting at i, of any of
// TOML's four kinds.
func scanString(src string, i int) (int, error) {
	q := src[i]
	if strings.HasPrefix(src[i:], strings.Repeat(string(q), 3)) {
		j := i + 3
		for j < len(src) {
			if q == '"' && src[j] == '\\' {
				j += 2
				continue
			}
			if strings.HasPrefix(src[j:], strings.Repeat(string(q), 3)) {
				j += 3
				// Up to two more quotes belong to the content.
				for n := 0; n < 2 && j < len(src) && src[j] == q; n++ {
					j++
				}
				return j, nil
			}
			j++
		}
		return j, errAt(src, i, "unterminated string")
	}
	j := i + 1
	for j < len(src) && src[j] != '\n' {
		if q == '"' && src[j] == '\\' {
			j += 2
			continue
		}
		if src[j] == q {
			return j + 1, nil
		}
		j++
	}
	return j, errAt(src, i, "unterminated string")
}

// decodeString turns a quoted TOML string into its value, by asking the
// TOML decoder; "" if it is not a string.
func decodeString(raw string) string {
	var v struct{ V string }
	if _, err := toml.Decode("V = "+raw, &v); err != nil {
		return ""
	}
	return v.V
}

func skipSpace(src string, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// skipBlank skips white space, line breaks and comments (inside arrays).
func skipBlank(src string, i int) int {
	for i < len(src) {
		switch src[i] {
		case ' ', '\t', '\r', '\n':
			i++
		case '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// withoutPath drops the path an *os.PathError repeats, since the caller
// names it already.
func withoutPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func errAt(src string, i int, msg string) error {
	line := strings.Count(src[:min(i, len(src))], "\n") + 1
	return fmt.Errorf("line %d: %s (nashra cannot edit this file safely; edit it by hand)", line, msg)
}
