package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"nashra/sanitize"
)

// Limits on what one feed may store. A feed is written by strangers: these
// keep a hostile or broken one from filling the database or the screen.
// MaxItems is how many items of one fetch are kept: the newest. It is a
// variable so that a benchmark can measure a larger feed.
var MaxItems = 10_000

const (
	// MaxTitleRunes caps a title, an author or a feed's name, which are
	// shown on one line; longer ones are cut and end with an ellipsis.
	MaxTitleRunes = 1000
	// MaxLinkBytes caps a link; a longer one is dropped, since a cut link
	// leads nowhere.
	MaxLinkBytes = 8 << 10
	// MaxGUIDBytes caps a GUID; a longer one is replaced by its hash,
	// which identifies the item as well.
	MaxGUIDBytes = 1 << 10
	// maxLanguageBytes caps a language tag (real BCP 47 tags are short).
	maxLanguageBytes = 64
	// maxErrorRunes caps an error message that may quote a server.
	maxErrorRunes = 500
)

// prepareDocument turns a fetched document into clean UTF-8 for the
// parser: decoded (see ToUTF8), and with escape sequences and control
// characters removed before they can reach any field. In XML, character
// references to control characters (&#27;, &#x9b; and the like) are
// replaced by the characters they stand for first (see
// sanitize.ExpandControlRefs), so that the escape sequence they start is removed
// whole.
func prepareDocument(data []byte, contentType string) []byte {
	data = ToUTF8(data, contentType)
	if t := bytes.TrimLeft(data, " \t\r\n"); len(t) > 0 && t[0] == '<' {
		data = []byte(sanitize.ExpandControlRefs(string(data)))
	}
	return []byte(sanitize.Document(string(data)))
}

// checkJSON rejects JSON that is not a JSON Feed: gofeed would read any
// JSON object as an empty feed.
func checkJSON(doc []byte) error {
	t := bytes.TrimLeft(doc, " \t\r\n")
	if len(t) == 0 || (t[0] != '{' && t[0] != '[') {
		return nil
	}
	var head struct {
		Version string          `json:"version"`
		Items   json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(t, &head); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return fmt.Errorf("malformed JSON at byte %d: %s", syntax.Offset, err)
		}
		// Valid JSON of another shape (an array, a string): not a feed.
		return fmt.Errorf("%w (JSON, but not a JSON Feed)", ErrNotAFeed)
	}
	items := bytes.TrimSpace(head.Items)
	if !bytes.Contains([]byte(head.Version), []byte("jsonfeed.org/version")) && (len(items) == 0 || items[0] != '[') {
		return fmt.Errorf("%w (JSON, but not a JSON Feed: no jsonfeed.org version, no items)", ErrNotAFeed)
	}
	return nil
}

// cleanFeed makes every field of f safe to store and show (see package
// sanitize) and within the limits above. Parse has removed escape
// sequences from the document already; this catches what entities and
// JSON escapes decode to (&#x9b; in XML, \u001b in JSON) and caps sizes.
func cleanFeed(f Feed, source string) Feed {
	f.Title = capRunes(sanitize.Line(f.Title), MaxTitleRunes)
	if f.Title == "" {
		f.Title = capRunes(sanitize.Line(source), MaxTitleRunes)
	}
	f.Link = cleanLink(f.Link)
	f.Description = sanitize.Text(f.Description)
	f.Language = cleanLanguage(f.Language)
	for i := range f.Items {
		it := &f.Items[i]
		it.GUID = sanitize.Line(it.GUID)
		if len(it.GUID) > MaxGUIDBytes {
			h := sha256.Sum256([]byte(it.GUID))
			it.GUID = "sha256:" + hex.EncodeToString(h[:])
		}
		it.Link = cleanLink(it.Link)
		it.Title = capRunes(sanitize.Line(it.Title), MaxTitleRunes)
		if it.Title == "" {
			// Nothing left once cleaned: named as translate names an
			// item without a title.
			it.Title = capRunes(untitled(*it), MaxTitleRunes)
		}
		it.Author = capRunes(sanitize.Line(it.Author), MaxTitleRunes)
		it.Content = sanitize.Text(it.Content)
		it.Language = cleanLanguage(it.Language)
	}
	return f
}

func cleanLink(s string) string {
	s = sanitize.Line(s)
	if len(s) > MaxLinkBytes {
		return ""
	}
	return s
}

func cleanLanguage(s string) string {
	s = sanitize.Line(s)
	if len(s) > maxLanguageBytes {
		return ""
	}
	return s
}

// capRunes cuts s to at most n runes, the last an ellipsis when cut.
func capRunes(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n - 1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}

// capItems keeps the newest max items, in the feed's order. An item
// without a date counts as newest: the store dates it when it first sees
// it. Among equals, the feed's order decides.
func capItems(items []Item, max int) []Item {
	if len(items) <= max {
		return items
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ta, tb := items[a].Published, items[b].Published
		switch {
		case ta.IsZero() && tb.IsZero():
			return 0
		case ta.IsZero():
			return -1
		case tb.IsZero():
			return 1
		}
		return tb.Compare(ta)
	})
	keep := order[:max]
	slices.Sort(keep)
	out := make([]Item, 0, max)
	for _, i := range keep {
		out = append(out, items[i])
	}
	return out
}

// cleanedError is an error whose message has been made safe to show; it
// still unwraps to the original.
type cleanedError struct {
	msg string
	err error
}

func (e *cleanedError) Error() string { return e.msg }
func (e *cleanedError) Unwrap() error { return e.err }

// cleanError makes err's message safe to show on one line of a terminal
// and of bounded length: messages may quote what a server sent (a status
// line, a header, a piece of the document).
func cleanError(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	c := capRunes(sanitize.Line(msg), maxErrorRunes)
	if c == msg {
		return err
	}
	return &cleanedError{msg: c, err: err}
}
