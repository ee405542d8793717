// Command nashra is a terminal news reader that shows right-to-left news —
// Arabic, Persian, Hebrew, Urdu — the way its readers write it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"

	"nashra/feed"
	"nashra/refresh"
	"nashra/render"
	"nashra/store"
	"nashra/ui"
)

// exitUsage is the exit code for a command line nashra cannot act on.
const exitUsage = 2

func main() {
	code := 0
	func() {
		defer recoverMain(&code)
		code = run(os.Args[1:], os.Stdout, os.Stderr)
	}()
	os.Exit(code)
}

// runWith runs a subcommand when args start with one, else the reader.
func runWith(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		if c, ok := commands[args[0]]; ok {
			return c.run(&env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}, args[1:])
		}
	}
	return runReader(args, stdout, stderr)
}

// options is the parsed command line.
type options struct {
	demo    bool
	dbPath  string
	bidi    string
	shape   string
	lang    string
	sources []string
}

func run(args []string, stdout, stderr io.Writer) int {
	return runWith(args, os.Stdin, stdout, stderr)
}

// runReader starts the TUI.
func runReader(args []string, stdout, stderr io.Writer) int {
	opts, code, done := parseArgs(args, stdout, stderr)
	if done {
		return code
	}
	sources, cfg, hint, err := chooseSources(opts)
	if err != nil {
		fmt.Fprintln(stderr, "nashra:", err)
		return exitUsage
	}
	if chosen := pick(opts.lang, cfg.UILanguage); chosen != "" && !ui.HasCatalog(chosen) {
		// Asked for by name (a locale that names one falls back quietly).
		fmt.Fprintf(stderr, "nashra: no interface in %q; there are %s\n", chosen, strings.Join(ui.Languages(), ", "))
		return exitUsage
	}
	if t := cfg.Theme; t != "" && t != "auto" && t != "dark" && t != "light" {
		if err := render.CheckStyle(t); err != nil {
			fmt.Fprintln(stderr, "nashra: theme:", err)
			return exitUsage
		}
	}
	lang := interfaceLanguage(opts.lang, cfg.UILanguage, os.Getenv)
	hint = localHint(hint, ui.CatalogFor(lang))
	textOpts, err := textOptions(pick(opts.bidi, cfg.Bidi), pick(opts.shape, cfg.Shape), os.Getenv)
	if err != nil {
		fmt.Fprintln(stderr, "nashra:", err)
		return exitUsage
	}
	st, err := store.Open(opts.dbPath)
	if err != nil {
		fmt.Fprintln(stderr, "nashra:", err)
		return 1
	}
	defer st.Close()

	engine := &refresh.Engine{
		Store:       st,
		Fetcher:     &feed.Fetcher{},
		Concurrency: cfg.Concurrency,
		Retention:   cfg.Retention,
		Settings:    refresh.SettingsFrom(cfg.Feeds),
	}
	out := newFrameWatch(os.Stdout, time.Second)
	uiCfg := ui.Config{
		FirstFrame: out.Shown(),
		Store:      st,
		Refresher:  engine,
		Sources:    sources,
		Typesetter: render.New(textOpts),
		Hint:       hint,
		Browser:    cfg.Browser,
		Language:   lang,
		Theme:      cfg.Theme,
		NoColor:    os.Getenv("NO_COLOR") != "",
	}
	if !opts.demo && len(opts.sources) == 0 {
		// Reading the subscriptions: their titles, tags and directions
		// apply, and they refresh on the configured interval.
		uiCfg.Subscriptions = cfg.Feeds
		uiCfg.RefreshEvery = cfg.Refresh.Duration
		// A permanent redirect moves the subscription in the file too.
		engine.OnMoved = func(oldURL, newURL string) {
			_ = renameSubscription(configPath(), oldURL, newURL)
		}
	}
	model, err := ui.New(uiCfg)
	if err != nil {
		fmt.Fprintln(stderr, "nashra:", err)
		return 1
	}
	if err := runTUI(sizedForTerminal(model, os.Stdout), out, terminalColors(), textOpts, stderr); err != nil {
		fmt.Fprintln(stderr, "nashra:", err)
		return 1
	}
	return 0
}

const usage = `nashra — a terminal news reader that gets right-to-left text right

Usage:
  nashra [flags]                 read your subscriptions (the demo if you have none)
  nashra [flags] URL|FILE ...    read these feeds for this run only
  nashra --demo                  read the built-in demo
%s
Flags:
  --demo        show the built-in demo, whatever the configuration says
  --db PATH     the database that keeps items and read state
                (default %s)
  --bidi MODE   who orders right-to-left text: app (nashra does), terminal
                (the terminal does), auto (app unless the terminal is known
                to reorder by itself); default auto
  --shape MODE  join Arabic letters into presentation forms: on, off, auto
                (on when nashra orders text); default auto
  --lang LANG   the interface's language: en or ar (default: from
                LC_ALL, LC_MESSAGES or LANG, else English)
  --help        show this help
  --version     print the version

Subscriptions and settings are read from %s:
  feeds = ["https://example.com/feed.xml", "https://example.org/atom"]
  bidi = "auto"
  shape = "auto"
`

// parseArgs reads the command line. done means the process should exit with
// code now (help, version, or a usage error already reported).
func parseArgs(args []string, stdout, stderr io.Writer) (opts options, code int, done bool) {
	fs := flag.NewFlagSet("nashra", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line below
	fs.BoolVar(&opts.demo, "demo", false, "")
	fs.StringVar(&opts.dbPath, "db", defaultDBPath(), "")
	fs.StringVar(&opts.bidi, "bidi", "", "")
	fs.StringVar(&opts.shape, "shape", "", "")
	fs.StringVar(&opts.lang, "lang", "", "")
	version := fs.Bool("version", false, "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stdout, usage, commandHelp(), defaultDBPath(), configPath())
			return opts, 0, true
		}
		fmt.Fprintf(stderr, "nashra: %v (see nashra --help)\n", err)
		return opts, exitUsage, true
	}
	if *version {
		fmt.Fprintln(stdout, "nashra", feed.Version)
		return opts, 0, true
	}
	opts.sources = fs.Args()
	return opts, 0, false
}

// chooseSources decides what this run reads: the demo, the feeds named on
// the command line, or the configured subscriptions. The configuration is
// read in every case, for its settings; hint is a line for the status bar.
func chooseSources(opts options) (sources []string, cfg feed.Config, hint string, err error) {
	cfg, err = feed.LoadConfig(configPath())
	noConfig := errors.Is(err, feed.ErrNoConfig)
	if err != nil && !noConfig {
		return nil, cfg, "", err
	}
	switch {
	case opts.demo:
		return feed.DemoSources, cfg, "demo · your own feeds: " + configPath(), nil
	case len(opts.sources) > 0:
		for _, s := range opts.sources {
			src, err := checkSource(s)
			if err != nil {
				return nil, cfg, "", err
			}
			sources = append(sources, src)
		}
		return sources, cfg, "", nil
	case noConfig:
		return feed.DemoSources, cfg, "demo · add feeds to " + configPath(), nil
	case len(cfg.Feeds) == 0:
		return feed.DemoSources, cfg, "demo · no feeds in " + configPath(), nil
	}
	return cfg.SubscribedURLs(), cfg, "", nil
}

// interfaceLanguage picks the interface's language: the flag, the
// configuration, then the locale (LC_ALL, LC_MESSAGES, LANG, as POSIX
// orders them).
func interfaceLanguage(flagValue, configValue string, getenv func(string) string) string {
	for _, v := range []string{flagValue, configValue, getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG")} {
		if v != "" {
			return v
		}
	}
	return "en"
}

// localHint turns a demo hint into the interface's language.
func localHint(hint string, c ui.Catalog) string {
	for prefix, format := range map[string]string{
		"demo · add feeds to ":    c.DemoAddFeeds,
		"demo · your own feeds: ": c.DemoOwnFeeds,
		"demo · no feeds in ":     c.DemoNoFeeds,
	} {
		if path, ok := strings.CutPrefix(hint, prefix); ok {
			// Isolated, so that in a right-to-left hint the path still
			// reads as one left-to-right unit (its "~/." stays in front).
			return fmt.Sprintf(format, "\u2066"+path+"\u2069")
		}
	}
	return hint
}

// pick returns the command line's value if given, else the config's.
func pick(flagValue, configValue string) string {
	if flagValue != "" {
		return flagValue
	}
	return configValue
}

// checkSource accepts a URL as it is, and a file only if it can be read now;
// files are stored by absolute path so the same file is the same feed from
// any directory.
func checkSource(s string) (string, error) {
	if feed.IsRemote(s) {
		return s, nil
	}
	f, err := os.Open(s)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if _, isCommand := commands[s]; isCommand && errors.Is(err, os.ErrNotExist) {
			// "nashra --db x items": a command goes before the flags.
			return "", fmt.Errorf("cannot read %s: %v (for the command, put it first: nashra %s [flags])", s, err, s)
		}
		return "", fmt.Errorf("cannot read %s: %v", s, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return "", fmt.Errorf("cannot read %s: is a directory", s)
	}
	abs, err := filepath.Abs(s)
	if err != nil {
		return "", err
	}
	return abs, nil
}

func configPath() string {
	return filepath.Join(xdg.ConfigHome, "nashra", "config.toml")
}

func defaultDBPath() string {
	return filepath.Join(xdg.DataHome, "nashra", "nashra.db")
}
