package feed

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/BurntSushi/toml"
)

// Config is the user's configuration file. For now it holds the list of
// subscribed feed URLs; subscription management extends it.
type Config struct {
	Feeds []string `toml:"feeds"`
	// Bidi and Shape choose how right-to-left text is prepared for the
	// terminal ("auto", "app", "terminal"; "auto", "on", "off"); command
	// line flags override them.
	Bidi  string `toml:"bidi"`
	Shape string `toml:"shape"`
}

// ErrNoConfig is returned by LoadConfig when the file does not exist, which
// is normal on first run: nashra then shows the demo.
var ErrNoConfig = errors.New("no configuration file")

// LoadConfig reads the TOML configuration at path.
func LoadConfig(path string) (Config, error) {
	var c Config
	md, err := toml.DecodeFile(path, &c)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Config{}, ErrNoConfig
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
	feeds := c.Feeds[:0]
	for _, u := range c.Feeds {
		if u = strings.TrimSpace(u); u != "" {
			feeds = append(feeds, u)
		}
	}
	c.Feeds = feeds
	return c, nil
}
