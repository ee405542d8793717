package feed

import (
	"embed"
	"fmt"
	"strings"
)

// The demo feeds are committed data generated from the seed page (see
// demo/gen.go; regenerate with `cd feed/demo && go run gen.go`), so the
// demo works offline and without the seed.
//
//go:embed demo/arabic.xml demo/english.xml
var demoFS embed.FS

const demoScheme = "demo:"

// DemoSources are the sources of the embedded demo, in the order they are
// loaded. They are fetched like any other source.
var DemoSources = []string{demoScheme + "arabic", demoScheme + "english"}

// IsDemo reports whether source names an embedded demo feed.
func IsDemo(source string) bool { return strings.HasPrefix(source, demoScheme) }

func demoFile(source string) ([]byte, error) {
	name := strings.TrimPrefix(source, demoScheme)
	data, err := demoFS.ReadFile("demo/" + name + ".xml")
	if err != nil {
		return nil, fmt.Errorf("no such demo feed %q", name)
	}
	return data, nil
}
