package main

import (
	"fmt"
	"os"
	"strings"

	"nashra/render"
)

// Terminal modes for the "bidi" setting. See README: "Right-to-left text and
// your terminal".
const (
	modeAuto     = "auto"
	modeApp      = "app"
	modeTerminal = "terminal"
	modeOn       = "on"
	modeOff      = "off"
)

// textOptions turns the bidi and shape settings into the typesetter's
// options. "auto" looks at the environment: nashra orders text itself
// unless the terminal is one known to reorder lines on its own and to ignore
// the request not to (CSI 8 l).
func textOptions(bidiMode, shapeMode string, getenv func(string) string) (render.Options, error) {
	var opts render.Options
	switch strings.ToLower(bidiMode) {
	case "", modeAuto:
		if term := reorderingTerminal(getenv); term != "" {
			opts.Bidi = render.BidiTerminal
		}
	case modeApp:
		opts.Bidi = render.BidiApp
	case modeTerminal:
		opts.Bidi = render.BidiTerminal
	default:
		return opts, fmt.Errorf("bidi must be auto, app or terminal, not %q", bidiMode)
	}
	switch strings.ToLower(shapeMode) {
	case "", modeAuto:
		// A terminal that reorders also shapes; one that doesn't, doesn't.
		opts.Shape = opts.Bidi == render.BidiApp
	case modeOn:
		opts.Shape = true
	case modeOff:
		opts.Shape = false
	default:
		return opts, fmt.Errorf("shape must be auto, on or off, not %q", shapeMode)
	}
	return opts, nil
}

// reorderingTerminal names the terminal if it applies the bidi algorithm to
// what it prints and cannot be switched to explicit mode: Konsole and mlterm
// reorder every line. VTE (GNOME Terminal, Tilix…) also reorders, but honours
// CSI 8 l, so it is not listed.
func reorderingTerminal(getenv func(string) string) string {
	switch {
	case getenv("KONSOLE_VERSION") != "" || getenv("KONSOLE_DBUS_SESSION") != "":
		return "Konsole"
	case getenv("MLTERM") != "" || strings.HasPrefix(getenv("TERM"), "mlterm"):
		return "mlterm"
	}
	return ""
}

// withExplicitBidi runs fn with the terminal in explicit bidi mode when
// nashra orders text itself, and restores implicit mode however fn ends.
func withExplicitBidi(opts render.Options, fn func() error) error {
	if opts.Bidi != render.BidiApp {
		return fn()
	}
	os.Stdout.WriteString(render.BidiExplicit)
	defer os.Stdout.WriteString(render.BidiImplicit)
	return fn()
}
