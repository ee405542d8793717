package feed

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Subscription is one feed the user follows, as the configuration names it.
type Subscription struct {
	URL   string   `toml:"url"`
	Title string   `toml:"title,omitempty"` // shown instead of the feed's own title
	Tags  []string `toml:"tags,omitempty"`
	// Direction overrides the detected direction of the feed's text, for
	// feeds whose language tag lies: "auto" (default), "rtl" or "ltr".
	Direction string `toml:"direction,omitempty"`
	// FullText fetches each new item's web page during refresh and keeps
	// the article extracted from it, for feeds that carry only summaries.
	FullText bool `toml:"fulltext,omitempty"`
	// Strip lists boilerplate the feed appends to its items (a paragraph
	// that starts with one of these is dropped), e.g. "انقر هنا لقراءة الخبر".
	Strip []string `toml:"strip,omitempty"`
}

// Config is the user's configuration file, config.toml. Subscriptions are
// [[feed]] tables; the older short form, feeds = ["url", …], is read too.
type Config struct {
	Feeds []Subscription `toml:"feed"`
	// URLs is the short form of subscriptions; LoadConfig merges it into
	// Feeds.
	URLs []string `toml:"feeds"`

	// Bidi and Shape choose how right-to-left text is prepared for the
	// terminal ("auto", "app", "terminal"; "auto", "on", "off"); command
	// line flags override them.
	Bidi  string `toml:"bidi"`
	Shape string `toml:"shape"`
	// Refresh is how often the reader refreshes while it runs ("30m");
	// "0" or "off" turns automatic refresh off.
	Refresh Duration `toml:"refresh"`
	// Concurrency bounds how many feeds are fetched at once.
	Concurrency int `toml:"concurrency"`
	// Browser is the command that opens links; its words are split on
	// spaces, never given to a shell. Empty: $BROWSER, else xdg-open/open.
	Browser string `toml:"browser"`
	// Retention is how many items per feed are kept once the feed no
	// longer lists them; starred items are always kept.
	Retention int `toml:"retention"`
	// UILanguage is the interface's language ("en", "ar"); empty: from
	// LC_ALL, LC_MESSAGES or LANG.
	UILanguage string `toml:"ui_language"`
	// Theme is "auto" (from the terminal's background), "dark", "light",
	// or the path of a glamour JSON style for articles.
	Theme string `toml:"theme"`
}

// Defaults for settings the file leaves out.
const (
	DefaultRefresh     = 30 * time.Minute
	DefaultConcurrency = 8
	DefaultRetention   = 1000
)

// Duration is a time.Duration written as "30m", "1h30m"; "0" or "off"
// means none.
type Duration struct {
	time.Duration
	Set bool // the file gave a value (possibly zero)
}

func (d *Duration) UnmarshalText(text []byte) error {
	s := strings.TrimSpace(string(text))
	d.Set = true
	if s == "0" || strings.EqualFold(s, "off") || s == "" {
		d.Duration = 0
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q is not a duration like \"30m\" or \"2h\"", s)
	}
	d.Duration = v
	return nil
}

func (d Duration) MarshalText() ([]byte, error) {
	if d.Duration == 0 {
		return []byte("off"), nil
	}
	return []byte(d.Duration.String()), nil
}

// ErrNoConfig is returned by LoadConfig when the file does not exist, which
// is normal on first run: nashra then shows the demo.
var ErrNoConfig = errors.New("no configuration file")

// LoadConfig reads the TOML configuration at path, merges the short form
// of subscriptions into Feeds, fills in defaults and checks the values.
func LoadConfig(path string) (Config, error) {
	var c Config
	md, err := toml.DecodeFile(path, &c)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return defaults(Config{}), ErrNoConfig
		}
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return Config{}, fmt.Errorf("%s: line %d: %s", path, pe.Position.Line, pe.Message)
		}
		return Config{}, fmt.Errorf("%s: %w", path, err)
	}
	if undecoded := md.Undecoded(); len(undecoded) > 0 {
		keys := make([]string, len(undecoded))
		for i, k := range undecoded {
			keys[i] = k.String()
		}
		return Config{}, fmt.Errorf("%s: unknown setting %s", path, strings.Join(keys, ", "))
	}
	for _, u := range c.URLs {
		c.Feeds = append(c.Feeds, Subscription{URL: u})
	}
	c.URLs = nil
	feeds := c.Feeds[:0]
	seen := map[string]bool{}
	for _, s := range c.Feeds {
		s.URL = strings.TrimSpace(s.URL)
		if s.URL == "" || seen[s.URL] {
			continue
		}
		seen[s.URL] = true
		switch strings.ToLower(s.Direction) {
		case "", "auto", "rtl", "ltr":
			s.Direction = strings.ToLower(s.Direction)
		default:
			return Config{}, fmt.Errorf("%s: feed %s: direction must be auto, rtl or ltr, not %q", path, s.URL, s.Direction)
		}
		feeds = append(feeds, s)
	}
	c.Feeds = feeds
	if c.Concurrency < 0 || c.Retention < 0 {
		return Config{}, fmt.Errorf("%s: concurrency and retention cannot be negative", path)
	}
	return defaults(c), nil
}

func defaults(c Config) Config {
	if !c.Refresh.Set {
		c.Refresh = Duration{Duration: DefaultRefresh}
	}
	if c.Concurrency == 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.Retention == 0 {
		c.Retention = DefaultRetention
	}
	return c
}

// SubscribedURLs returns the subscribed URLs in the file's order.
func (c Config) SubscribedURLs() []string {
	urls := make([]string, len(c.Feeds))
	for i, s := range c.Feeds {
		urls[i] = s.URL
	}
	return urls
}
