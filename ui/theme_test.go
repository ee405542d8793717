package ui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nashra/feed"
)

func TestThemeFollowsTerminalBackground(t *testing.T) {
	h := demoHarness(t)
	if !strings.Contains(h.m.Render(), "38;5;255") {
		t.Fatal("dark theme: unread titles are not light ink")
	}
	h.send(tea.BackgroundColorMsg{Color: color.White})
	lines := strings.Split(h.m.Render(), "\n")
	rows := strings.Join(lines[1:len(lines)-1], "\n")
	if !strings.Contains(rows, "38;5;232") || strings.Contains(rows, "38;5;255") {
		t.Error("on a white background the list did not switch to dark ink")
	}
	h.send(tea.BackgroundColorMsg{Color: color.Black})
	if !strings.Contains(h.m.Render(), "38;5;255") {
		t.Error("on a black background the list did not switch back")
	}
}

func TestThemeSetInConfigIsKept(t *testing.T) {
	h := newHarness(t, feed.DemoSources, func(c *Config) { c.Theme = "light" })
	h.send(tea.BackgroundColorMsg{Color: color.Black})
	if !strings.Contains(h.m.Render(), "38;5;232") {
		t.Error("theme = light was overridden by the background")
	}
}

func TestNoColor(t *testing.T) {
	h := newHarness(t, feed.DemoSources, func(c *Config) { c.NoColor = true })
	h.send(tea.BackgroundColorMsg{Color: color.White})
	out := h.m.Render()
	for _, sgr := range []string{"38;5;", "48;5;", "38;2;", "48;2;"} {
		if strings.Contains(out, sgr) {
			t.Fatalf("NO_COLOR: colour %q in the list", sgr)
		}
	}
	if !strings.Contains(out, "\x1b[1") || !strings.Contains(out, "7m") {
		t.Error("NO_COLOR: unread rows or the selection no longer stand out (bold, reverse)")
	}
}

// The light theme's list, colours included (the golden keeps the escape
// sequences, unlike the text-only goldens).
func TestLightThemeGolden(t *testing.T) {
	h := newHarness(t, feed.DemoSources, func(c *Config) { c.Theme = "light" })
	golden(t, "list_light.ansi.golden", h.m.Render())
}
