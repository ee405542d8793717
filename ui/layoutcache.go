package ui

// layoutCache keeps pieces of the screen already laid out (bidi, shaping,
// cutting) and styled, by everything they depend on, so that a key press
// lays out only what changed: the two rows whose selection moved, those
// scrolled into view, the position in the status bar. It is shared by the
// model's copies (bubbletea passes the model by value).
type layoutCache[K comparable] struct {
	max    int // emptied when full, which costs one screen's worth of layout
	pieces map[K]string
}

func newLayoutCache[K comparable](max int) *layoutCache[K] {
	return &layoutCache[K]{max: max}
}

func (c *layoutCache[K]) get(k K, layout func() string) string {
	if s, ok := c.pieces[k]; ok {
		return s
	}
	if c.pieces == nil || len(c.pieces) >= c.max {
		c.pieces = make(map[K]string, min(c.max, 256))
	}
	s := layout()
	c.pieces[k] = s
	return s
}

// reset forgets everything, for a change that affects every piece (the
// colours).
func (c *layoutCache[K]) reset() { c.pieces = nil }

// rowKey is everything a laid-out row depends on. The typesetter's mode
// is fixed for a run; a resize changes width, so rows laid out for the
// old width simply stop being asked for.
type rowKey struct {
	id                      int64
	width                   int
	selected, read, starred bool
	title, feed, age        string
}

// chromeKey is everything a piece of the header or status bar depends on.
type chromeKey struct {
	part  chromePart
	width int
	text  string
}

type chromePart uint8

const (
	headerLine chromePart = iota
	statusMessage
	statusError
	statusFill
	statusHints
	hintsText // the reminders of keys for a screen (width: the screen)
)
