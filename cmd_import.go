package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"nashra/feed"
)

func init() {
	commands["import"] = command{
		summary: "subscribe to the feeds of an OPML file or a newsboat urls file",
		run:     runImport,
	}
}

const importUsage = `Usage: nashra import FILE|- [--config PATH]

Subscribes to every feed listed in FILE (- reads standard input): an OPML
file (OPML categories and category attributes become tags), or newsboat's
urls file (tags after the URL, "~Title" for a title). The format is told
by the content. Feeds already subscribed are left alone, so importing
twice changes nothing. Nothing is fetched or executed: newsboat's query:
feeds are skipped, its exec: and filter: feeds are unsupported. Prints:
  imported 38 feeds, 2 already subscribed, 1 skipped (query:…), 1 unsupported (exec:…)
`

// maxImportBytes bounds what import reads; subscription lists are small.
const maxImportBytes = 32 << 20

func runImport(e *env, args []string) int {
	fs, _, cfgPath := commandFlags("import")
	pos, code, done := parseCommand(e, fs, importUsage, args)
	if done {
		return code
	}
	if len(pos) != 1 {
		return e.errorf(exitUsage, "import: give one file, or - for standard input (see nashra import --help)")
	}
	name := pos[0]
	var r io.Reader
	if name == "-" {
		name = "standard input"
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return e.errorf(1, "import: cannot read %s: %v", name, withoutPathError(err))
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxImportBytes+1))
	if err != nil {
		return e.errorf(1, "import: cannot read %s: %v", name, withoutPathError(err))
	}
	if len(data) > maxImportBytes {
		return e.errorf(1, "import: %s is larger than %d MiB", name, maxImportBytes>>20)
	}
	imp, err := feed.ParseSubscriptionList(data)
	if err != nil {
		return e.errorf(1, "import: %s: %s", name, printable(err.Error()))
	}
	added, err := feed.AddSubscriptions(*cfgPath, imp.Feeds)
	if err != nil {
		return e.errorf(1, "import: %v", err)
	}

	var skipped, unsupported []feed.Skipped
	for _, s := range imp.Skipped {
		where := ""
		if s.Line > 0 {
			where = fmt.Sprintf("line %d: ", s.Line)
		}
		verb := "skipped"
		if s.Unsupported {
			verb = "unsupported, not imported"
			unsupported = append(unsupported, s)
		} else {
			skipped = append(skipped, s)
		}
		fmt.Fprintf(e.stderr, "nashra: import: %s%s (%s): %s\n", where, verb, s.Reason, printable(s.Source))
	}
	parts := []string{fmt.Sprintf("imported %d %s", len(added), plural(len(added), "feed", "feeds"))}
	if dup := len(imp.Feeds) - len(added); dup > 0 {
		parts = append(parts, fmt.Sprintf("%d already subscribed", dup))
	}
	if len(skipped) > 0 {
		parts = append(parts, fmt.Sprintf("%d skipped (%s)", len(skipped), reasons(skipped)))
	}
	if len(unsupported) > 0 {
		parts = append(parts, fmt.Sprintf("%d unsupported (%s)", len(unsupported), reasons(unsupported)))
	}
	fmt.Fprintln(e.stdout, strings.Join(parts, ", "))
	return 0
}

// reasons lists the distinct reasons of skipped entries, in order.
func reasons(list []feed.Skipped) string {
	var out []string
	for _, s := range list {
		if r := printable(s.Reason); !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return strings.Join(out, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// withoutPathError drops the path an *os.PathError repeats.
func withoutPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
