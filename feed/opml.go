package feed

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"golang.org/x/net/html/charset"
)

// An Import is what a subscription list (OPML, newsboat's urls file) holds:
// the subscriptions in file order, and the entries that are not.
type Import struct {
	Format  string // "OPML" or "newsboat urls"
	Feeds   []Subscription
	Skipped []Skipped
}

// Skipped is an entry of an imported list that does not become a
// subscription. Nothing in an import is ever fetched or run.
type Skipped struct {
	Line   int    // the line in a newsboat urls file; 0 for OPML
	Source string // the entry's URL (or text) as the file has it
	// Reason is short, for a summary: "query:…", "exec:…", "no xmlUrl".
	Reason string
	// Unsupported marks a kind of feed nashra cannot read (exec:, filter:,
	// another URL scheme), as opposed to something that is not a feed at
	// all (a newsboat query, an OPML outline without xmlUrl).
	Unsupported bool
}

// ParseSubscriptionList reads an OPML document or a newsboat urls file,
// telling them apart by their content: XML is OPML, anything else is a
// urls file.
func ParseSubscriptionList(data []byte) (Import, error) {
	body := bytes.TrimPrefix(data, []byte("\uFEFF"))
	if t := bytes.TrimLeft(body, " \t\r\n"); len(t) > 0 && t[0] == '<' {
		return ParseOPML(bytes.NewReader(data))
	}
	return ParseNewsboatURLs(bytes.NewReader(data))
}

// ---- OPML ----

type opmlOutline struct {
	Attrs    []xml.Attr    `xml:",any,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

func (o *opmlOutline) attr(name string) string {
	for _, a := range o.Attrs {
		if a.Name.Space == "" && strings.EqualFold(a.Name.Local, name) {
			return strings.TrimSpace(a.Value)
		}
	}
	return ""
}

type opmlDocument struct {
	XMLName xml.Name
	Body    struct {
		Outlines []opmlOutline `xml:"outline"`
	} `xml:"body"`
}

// opmlNamespace qualifies the attributes nashra adds to OPML for what the
// format has no place for (a subscription's direction).
const opmlNamespace = "urn:x-nashra:opml"

// ParseOPML reads an OPML 1.0 or 2.0 subscription list. Every outline
// with an xmlUrl is a feed; its title is the outline's title, else its
// text (none when that is just the URL). An outline without xmlUrl that
// contains outlines is a category: its text becomes a tag of every feed
// inside it, however deep. A feed's category attribute ("a,b" or
// "/a/b") adds its parts as tags too.
func ParseOPML(r io.Reader) (Import, error) {
	d := xml.NewDecoder(r)
	d.CharsetReader = charset.NewReaderLabel
	d.Entity = xml.HTMLEntity // &nbsp; and friends, which real exports contain
	var doc opmlDocument
	if err := d.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return Import{}, errors.New("empty document")
		}
		return Import{}, fmt.Errorf("not a readable OPML document: %v", err)
	}
	if !strings.EqualFold(doc.XMLName.Local, "opml") {
		return Import{}, fmt.Errorf("XML but not OPML (its root element is <%s>)", doc.XMLName.Local)
	}
	imp := Import{Format: "OPML"}
	walkOPML(&imp, doc.Body.Outlines, nil)
	return imp, nil
}

func walkOPML(imp *Import, outlines []opmlOutline, tags []string) {
	for i := range outlines {
		o := &outlines[i]
		xmlURL := o.attr("xmlUrl")
		name := o.attr("title")
		if name == "" {
			name = o.attr("text")
		}
		switch {
		case xmlURL != "":
			u, skip := classifySource(xmlURL, true)
			if skip != nil {
				imp.Skipped = append(imp.Skipped, *skip)
				break
			}
			s := Subscription{URL: u, Tags: append([]string(nil), tags...)}
			if name != xmlURL && name != u {
				s.Title = name
			}
			s.Tags = append(s.Tags, splitCategories(o.attr("category"))...)
			s.Tags = NormalizeTags(s.Tags)
			for _, a := range o.Attrs {
				if a.Name.Space != opmlNamespace {
					continue
				}
				switch a.Name.Local {
				case "direction":
					s.Direction = strings.ToLower(strings.TrimSpace(a.Value))
				case "fulltext":
					s.FullText = strings.TrimSpace(a.Value) == "true"
				case "titled":
					// The text is the feed's own title, written for other
					// readers; the subscription names none.
					if strings.TrimSpace(a.Value) == "feed" && o.attr("title") == "" {
						s.Title = ""
					}
				case "strip":
					var rules []string
					if json.Unmarshal([]byte(a.Value), &rules) == nil {
						s.Strip = rules
					}
				}
			}
			imp.Feeds = append(imp.Feeds, s)
		case len(o.Outlines) > 0:
			folder := o.attr("text")
			if folder == "" {
				folder = o.attr("title")
			}
			sub := tags
			if folder != "" {
				sub = append(append([]string(nil), tags...), folder)
			}
			walkOPML(imp, o.Outlines, sub)
			continue
		default:
			if name != "" || len(o.Attrs) > 0 {
				imp.Skipped = append(imp.Skipped, Skipped{Source: name, Reason: "no xmlUrl"})
			}
		}
		// A feed outline with outlines inside: those are read too, in the
		// feed's category but not as part of the feed.
		if len(o.Outlines) > 0 {
			walkOPML(imp, o.Outlines, tags)
		}
	}
}

// splitCategories splits an OPML category attribute — comma-separated,
// each possibly a slash-delimited path — into its names.
func splitCategories(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '/' })
}

// classifySource checks an imported feed URL. It returns the URL to
// subscribe to — a local file as its absolute path — or why it is skipped.
// localOK allows absolute paths and file: URLs.
func classifySource(raw string, localOK bool) (string, *Skipped) {
	raw = strings.TrimSpace(raw)
	lower := strings.ToLower(raw)
	skip := func(reason string, unsupported bool) (string, *Skipped) {
		return "", &Skipped{Source: raw, Reason: reason, Unsupported: unsupported}
	}
	switch {
	case strings.HasPrefix(lower, "query:"):
		return skip("query:…", false)
	case strings.HasPrefix(lower, "exec:"):
		return skip("exec:…", true)
	case strings.HasPrefix(lower, "filter:"):
		return skip("filter:…", true)
	case IsRemote(raw):
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" {
			return skip("not a URL", false)
		}
		return raw, nil
	case IsDemo(raw):
		return raw, nil
	case localOK && strings.HasPrefix(lower, "file://"):
		u, err := url.Parse(raw)
		if err != nil || u.Path == "" || (u.Host != "" && u.Host != "localhost") {
			return skip("file:…", true)
		}
		return filepath.Clean(filepath.FromSlash(u.Path)), nil
	case localOK && filepath.IsAbs(raw):
		return filepath.Clean(raw), nil
	}
	if scheme, _, ok := strings.Cut(raw, ":"); ok && scheme != "" && !strings.ContainsAny(scheme, "/. ") {
		return skip(strings.ToLower(scheme)+":…", true)
	}
	return skip("not a URL", false)
}

// WriteOPML writes subs as an OPML 2.0 document, in order, such that
// ParseOPML reads back exactly the same subscriptions (URLs, titles, tags
// and their order, directions, full-text and boilerplate settings).
//
// Each feed is an outline of type "rss" whose text is its title (its URL
// when it has none) and whose category attribute lists all its tags. For
// readers that know only folders, feeds also sit in a folder named after
// their first tag (consecutive feeds share one; a folder's name is a tag
// ParseOPML reads, and repeating it in category changes nothing). A tag
// that contains "," or "/" cannot go in category: a feed with one is
// nested in a folder per tag instead, in order. nashra's own settings go
// in attributes of its namespace, which other readers ignore: a direction
// other than auto as nashra:direction, full text as nashra:fulltext="true",
// boilerplate rules as nashra:strip, a JSON array of strings.
func WriteOPML(w io.Writer, subs []Subscription) error {
	return WriteOPMLNamed(w, subs, nil)
}

// WriteOPMLNamed is WriteOPML with a name for each feed, by URL, that has
// no title of its own in subs (its feed's title as last read): other
// readers list a feed by its outline's text.
func WriteOPMLNamed(w io.Writer, subs []Subscription, names map[string]string) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	root := xml.StartElement{Name: xml.Name{Local: "opml"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "version"}, Value: "2.0"},
	}}
	for _, s := range subs {
		if (s.Direction != "" && s.Direction != "auto") || s.FullText || len(s.Strip) > 0 || (s.Title == "" && names[s.URL] != "") {
			root.Attr = append(root.Attr, xml.Attr{Name: xml.Name{Local: "xmlns:nashra"}, Value: opmlNamespace})
			break
		}
	}
	tokens := []xml.Token{
		root,
		xml.StartElement{Name: xml.Name{Local: "head"}},
		xml.StartElement{Name: xml.Name{Local: "title"}},
		xml.CharData("nashra subscriptions"),
		xml.EndElement{Name: xml.Name{Local: "title"}},
		xml.EndElement{Name: xml.Name{Local: "head"}},
		xml.StartElement{Name: xml.Name{Local: "body"}},
	}
	outline := xml.Name{Local: "outline"}
	var open []string // the folders we are in
	for _, s := range subs {
		s = normalizeSubscription(s)
		path, category := opmlPlacement(s.Tags)
		common := 0
		for common < len(open) && common < len(path) && open[common] == path[common] {
			common++
		}
		for len(open) > common {
			tokens = append(tokens, xml.EndElement{Name: outline})
			open = open[:len(open)-1]
		}
		for _, f := range path[common:] {
			tokens = append(tokens, xml.StartElement{Name: outline, Attr: []xml.Attr{
				{Name: xml.Name{Local: "text"}, Value: f},
				{Name: xml.Name{Local: "title"}, Value: f},
			}})
			open = append(open, f)
		}
		text := cmp.Or(s.Title, names[s.URL], s.URL)
		attrs := []xml.Attr{
			{Name: xml.Name{Local: "type"}, Value: "rss"},
			{Name: xml.Name{Local: "text"}, Value: text},
		}
		if s.Title != "" {
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "title"}, Value: s.Title})
		} else if names[s.URL] != "" {
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "nashra:titled"}, Value: "feed"})
		}
		attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "xmlUrl"}, Value: s.URL})
		if category != "" {
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "category"}, Value: category})
		}
		if s.Direction != "" {
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "nashra:direction"}, Value: s.Direction})
		}
		if s.FullText {
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "nashra:fulltext"}, Value: "true"})
		}
		if len(s.Strip) > 0 {
			rules, err := json.Marshal(s.Strip)
			if err != nil {
				return err
			}
			attrs = append(attrs, xml.Attr{Name: xml.Name{Local: "nashra:strip"}, Value: string(rules)})
		}
		tokens = append(tokens, xml.StartElement{Name: outline, Attr: attrs}, xml.EndElement{Name: outline})
	}
	for range open {
		tokens = append(tokens, xml.EndElement{Name: outline})
	}
	tokens = append(tokens,
		xml.EndElement{Name: xml.Name{Local: "body"}},
		xml.EndElement{Name: xml.Name{Local: "opml"}})
	for _, t := range tokens {
		if err := enc.EncodeToken(t); err != nil {
			return err
		}
	}
	if err := enc.Close(); err != nil {
		return err
	}
	buf.WriteByte('\n')
	_, err := io.WriteString(w, escapeControls(buf.String()))
	return err
}

// escapeControls writes DEL and the C1 controls, which XML allows but a
// terminal would act on, as character references. encoding/xml has
// already replaced the C0 controls XML does not allow with U+FFFD and
// escaped tab and line breaks in attributes. They can only occur in text
// and attribute values, where a reference means the same character.
func escapeControls(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == 0x7f || r >= 0x80 && r < 0xa0 {
			fmt.Fprintf(&b, "&#x%X;", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// opmlPlacement decides how a feed's tags are written: the folders it sits
// in, and its category attribute.
func opmlPlacement(tags []string) (folders []string, category string) {
	for _, t := range tags {
		if strings.ContainsAny(t, ",/") {
			return tags, ""
		}
	}
	if len(tags) == 0 {
		return nil, ""
	}
	return tags[:1], strings.Join(tags, ",")
}
