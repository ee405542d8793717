package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

// Version is nashra's version; it is part of the User-Agent header.
var Version = "0.1.0-dev"

// Defaults for fetching. The body cap keeps a hostile or broken server from
// filling memory; real feeds are far below it.
const (
	DefaultTimeout  = 30 * time.Second
	DefaultMaxBytes = 20 << 20
)

// Fetcher reads feeds from http(s) URLs, local files and the embedded demo.
type Fetcher struct {
	Client   *http.Client // nil: a client with DefaultTimeout
	MaxBytes int64        // 0: DefaultMaxBytes
}

// Fetch reads and parses the feed at source, which is an http or https URL,
// a demo: URL, or a path to a local file. Errors name the source and say
// what went wrong in one line.
func (f *Fetcher) Fetch(ctx context.Context, source string) (Feed, error) {
	data, err := f.read(ctx, source)
	if err != nil {
		return Feed{}, err
	}
	feed, err := Parse(bytes.NewReader(data), source)
	if err != nil {
		return Feed{}, fmt.Errorf("%s: %w", source, err)
	}
	return feed, nil
}

func (f *Fetcher) read(ctx context.Context, source string) ([]byte, error) {
	switch {
	case IsDemo(source):
		data, err := demoFile(source)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		return data, nil
	case IsRemote(source):
		return f.get(ctx, source)
	default:
		return f.readFile(source)
	}
}

// IsRemote reports whether source is fetched over HTTP rather than read from
// disk.
func IsRemote(source string) bool {
	s := strings.ToLower(source)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

func (f *Fetcher) readFile(path string) ([]byte, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, unwrapPathError(err))
	}
	defer file.Close()
	return readCapped(file, f.maxBytes(), path)
}

// unwrapPathError drops the path that os.PathError repeats, since the
// caller already names it.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (f *Fetcher) get(ctx context.Context, url string) ([]byte, error) {
	client := f.Client
	if client == nil {
		client = &http.Client{Timeout: DefaultTimeout}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	req.Header.Set("User-Agent", "nashra/"+Version)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, describeNetError(err))
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%s: HTTP %s", url, resp.Status)
	}
	return readCapped(resp.Body, f.maxBytes(), url)
}

// describeNetError turns the nested *url.Error chain into the part a person
// can act on.
func describeNetError(err error) error {
	if errors.Is(err, context.DeadlineExceeded) || os.IsTimeout(err) {
		return errors.New("timed out")
	}
	if errors.Is(err, context.Canceled) {
		return errors.New("cancelled")
	}
	var ue interface{ Unwrap() error }
	if errors.As(err, &ue) && ue.Unwrap() != nil {
		return ue.Unwrap()
	}
	return err
}

func readCapped(r io.Reader, limit int64, source string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", source, describeNetError(err))
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: larger than %d MiB", source, limit>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty document", source)
	}
	return data, nil
}
