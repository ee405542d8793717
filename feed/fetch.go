package feed

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Version is nashra's version; it is part of the User-Agent header.
var Version = "0.1.0-dev"

// Defaults for fetching. The body cap keeps a hostile or broken server from
// filling memory; real feeds are far below it.
const (
	DefaultTimeout        = 30 * time.Second // one feed, from the first byte sent to the last byte read
	DefaultConnectTimeout = 10 * time.Second // one TCP connection
	DefaultMaxBytes       = 20 << 20         // the body, before and after decompression
	MaxRedirects          = 5
)

// Fetcher reads feeds from http(s) URLs, local files and the embedded demo.
// Its zero value is ready to use. A Fetcher is safe for concurrent use.
type Fetcher struct {
	// Client sends the requests; nil means a shared client built by
	// NewClient(ConnectTimeout). Its CheckRedirect is replaced: the Fetcher
	// follows at most MaxRedirects redirects itself.
	Client *http.Client
	// MaxBytes caps the body, both as received and once decompressed;
	// 0 means DefaultMaxBytes.
	MaxBytes int64
	// ConnectTimeout bounds connecting to a server when Client is nil; 0
	// means DefaultConnectTimeout.
	ConnectTimeout time.Duration
	// Timeout bounds one fetch of a remote feed as a whole, redirects and
	// reading the body included; 0 means DefaultTimeout.
	Timeout time.Duration

	once   sync.Once
	client *http.Client
}

// Validators are the ETag and Last-Modified a server sent with a feed; sent
// back as If-None-Match and If-Modified-Since, they let an unchanged feed
// cost a 304 and no body. Empty fields are not sent.
type Validators struct {
	ETag         string
	LastModified string
}

// Download is a source's body as read by Download, before parsing.
type Download struct {
	// Data is the body; nil when NotModified. A remote body is
	// decompressed and decoded to UTF-8 (see ToUTF8: the Content-Type
	// charset, else the XML prolog), with its XML prolog rewritten to say
	// so; a file's is as it is on disk, and Parse decodes it.
	Data []byte
	// ContentType is the server's Content-Type for Data: its charset, if
	// it named one, now says utf-8, so ParseContent(Data, …, ContentType)
	// and Parse(Data, …) read Data alike. "" for files and the demo.
	ContentType string
	// NotModified is true when the server answered 304 to the validators:
	// the feed is as it was last time and there is nothing to parse.
	NotModified bool
	// Validators are those of this response, to send on the next fetch.
	Validators Validators
	// MovedTo is the feed's new URL when the server moved it permanently
	// (301 or 308, possibly several in a row, before any temporary
	// redirect); "" otherwise. Temporary redirects (302, 303, 307) are
	// followed but leave it empty.
	MovedTo string
	// URL is where Data came from, after every redirect: relative links in
	// it resolve against this. "" for files and the demo.
	URL string
}

// Fetch reads and parses the feed at source, which is an http or https URL,
// a demo: URL, or a path to a local file. Errors name the source and say
// what went wrong in one line.
func (f *Fetcher) Fetch(ctx context.Context, source string) (Feed, error) {
	d, err := f.Download(ctx, source, Validators{})
	if err != nil {
		return Feed{}, err
	}
	feed, err := ParseContent(bytes.NewReader(d.Data), source, d.ContentType)
	if err != nil {
		return Feed{}, cleanError(fmt.Errorf("%s: %w", source, err))
	}
	return feed, nil
}

// Download reads source without parsing it. For a remote source it sends v
// as a conditional request, accepts gzip, follows at most MaxRedirects
// redirects and gives up after Timeout. Errors name the source and say what
// went wrong in one line, cleaned of anything a server could put there to
// act on a terminal (see package sanitize).
func (f *Fetcher) Download(ctx context.Context, source string, v Validators) (Download, error) {
	d, err := f.download(ctx, source, v)
	return d, cleanError(err)
}

func (f *Fetcher) download(ctx context.Context, source string, v Validators) (Download, error) {
	switch {
	case IsDemo(source):
		data, err := demoFile(source)
		if err != nil {
			return Download{}, fmt.Errorf("%s: %w", source, err)
		}
		return Download{Data: data}, nil
	case IsRemote(source):
		return f.get(ctx, source, v)
	default:
		data, err := f.readFile(source)
		return Download{Data: data}, err
	}
}

// IsRemote reports whether source is fetched over HTTP rather than read from
// disk.
func IsRemote(source string) bool {
	s := strings.ToLower(source)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// NewClient returns the HTTP client a Fetcher uses when given none: proxies
// from the environment, connections that give up after connectTimeout
// (0: DefaultConnectTimeout), TLS handshakes after 10 s, and no
// transparent decompression (the Fetcher decodes gzip itself, to cap it).
func NewClient(connectTimeout time.Duration) *http.Client {
	if connectTimeout <= 0 {
		connectTimeout = DefaultConnectTimeout
	}
	dialer := &net.Dialer{Timeout: connectTimeout, KeepAlive: 30 * time.Second}
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   2,
		DisableCompression:    true,
	}}
}

func (f *Fetcher) httpClient() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	f.once.Do(func() { f.client = NewClient(f.ConnectTimeout) })
	return f.client
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

func (f *Fetcher) timeout() time.Duration {
	if f.Timeout > 0 {
		return f.Timeout
	}
	return DefaultTimeout
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

// errTimeout is the cause of a fetch's own deadline, to tell it apart from
// a deadline of the caller's.
var errTimeout = errors.New("fetch timeout")

// redirectError is what CheckRedirect stops a chain with.
type redirectError struct{ msg string }

func (e *redirectError) Error() string { return e.msg }

// redirects follows one fetch's redirect chain: it enforces the limit,
// stops loops, and remembers where the feed has moved permanently.
type redirects struct {
	movedTo   string
	temporary bool // a temporary redirect has been seen: later 301s are not the feed's address
}

func (r *redirects) check(req *http.Request, via []*http.Request) error {
	to := req.URL.String()
	for _, prev := range via {
		if prev.URL.String() == to {
			return &redirectError{fmt.Sprintf("too many redirects: loops back to %s", to)}
		}
	}
	if len(via) > MaxRedirects {
		return &redirectError{fmt.Sprintf("too many redirects (more than %d)", MaxRedirects)}
	}
	switch status := req.Response.StatusCode; {
	case (status == http.StatusMovedPermanently || status == http.StatusPermanentRedirect) && !r.temporary:
		r.movedTo = to
	default:
		r.temporary = true
	}
	return nil
}

func (f *Fetcher) get(ctx context.Context, source string, v Validators) (Download, error) {
	limit := f.timeout()
	ctx, cancel := context.WithTimeoutCause(ctx, limit, errTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, source, nil)
	if err != nil {
		return Download{}, fmt.Errorf("%s: %w", source, err)
	}
	req.Header.Set("User-Agent", "nashra/"+Version)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, application/json;q=0.8, */*;q=0.5")
	// Asking for gzip ourselves turns off net/http's transparent
	// decompression, whose output no cap would bound.
	req.Header.Set("Accept-Encoding", "gzip")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}

	var chain redirects
	client := *f.httpClient()
	client.CheckRedirect = chain.check
	resp, err := client.Do(req)
	if err != nil {
		msg, problem := f.describe(ctx, err, limit, "waiting for a response")
		return Download{}, withProblem(problem, 0, fmt.Errorf("%s: %s", source, msg))
	}
	defer resp.Body.Close()

	switch {
	case resp.StatusCode == http.StatusNotModified:
		if v == (Validators{}) {
			return Download{}, fmt.Errorf("%s: HTTP 304 Not Modified to a request that was not conditional", source)
		}
		return Download{NotModified: true, Validators: v, MovedTo: chain.movedTo}, nil
	case resp.StatusCode >= 300 && resp.StatusCode <= 399:
		return Download{}, fmt.Errorf("%s: HTTP %s without a usable Location", source, resp.Status)
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return Download{}, withProblem(ProblemHTTP, resp.StatusCode, fmt.Errorf("%s: HTTP %s", source, resp.Status))
	}

	data, err := f.readBody(ctx, resp, limit)
	if err != nil {
		return Download{}, fmt.Errorf("%s: %w", source, err)
	}
	contentType := resp.Header.Get("Content-Type")
	return Download{
		Data:        ToUTF8(data, contentType),
		ContentType: utf8ContentType(contentType),
		Validators: Validators{
			ETag:         resp.Header.Get("ETag"),
			LastModified: resp.Header.Get("Last-Modified"),
		},
		MovedTo: chain.movedTo,
		URL:     resp.Request.URL.String(),
	}, nil
}

// readBody reads a 2xx body, decoding gzip, within the cap both before and
// after decompression.
func (f *Fetcher) readBody(ctx context.Context, resp *http.Response, limit time.Duration) ([]byte, error) {
	max := f.maxBytes()
	if resp.ContentLength > max {
		return nil, withProblem(ProblemTooLarge, 0, fmt.Errorf("larger than %s", size(max)))
	}
	raw := &countingReader{r: io.LimitReader(resp.Body, max+1)}
	var body io.Reader = raw
	gzipped := false
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(raw)
		if err != nil {
			if raw.n > max {
				return nil, withProblem(ProblemTooLarge, 0, fmt.Errorf("larger than %s", size(max)))
			}
			msg, _ := f.describe(ctx, err, limit, "reading the response")
			return nil, fmt.Errorf("body is not valid gzip (%v) though the server says it is", msg)
		}
		defer zr.Close()
		body = zr
		gzipped = true
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", enc)
	}
	data, err := io.ReadAll(io.LimitReader(body, max+1))
	switch {
	case raw.n > max:
		return nil, withProblem(ProblemTooLarge, 0, fmt.Errorf("larger than %s", size(max)))
	case int64(len(data)) > max:
		return nil, withProblem(ProblemTooLarge, 0, fmt.Errorf("larger than %s once decompressed", size(max)))
	case err != nil:
		msg, problem := f.describe(ctx, err, limit, "reading the response")
		return nil, withProblem(problem, 0, errors.New(msg))
	case len(bytes.TrimSpace(data)) == 0:
		if gzipped {
			return nil, withProblem(ProblemNotAFeed, 0, errors.New("empty document (after decompression)"))
		}
		return nil, withProblem(ProblemNotAFeed, 0, errors.New("empty document"))
	}
	return data, nil
}

// utf8ContentType is contentType with its charset, if it names one, made
// utf-8: what it is once the body has been through ToUTF8.
func utf8ContentType(contentType string) string {
	mediaType, params, err := mime.ParseMediaType(contentType)
	if err != nil || params["charset"] == "" {
		return contentType
	}
	params["charset"] = "utf-8"
	if s := mime.FormatMediaType(mediaType, params); s != "" {
		return s
	}
	return contentType
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// describe turns a transport error into the part a person can act on, in
// one line. ctx is the fetch's own context; doing says what the fetch was
// doing when its deadline passed.
func (f *Fetcher) describe(ctx context.Context, err error, limit time.Duration, doing string) (string, Problem) {
	var re *redirectError
	if errors.As(err, &re) {
		return re.msg, ProblemUnknown
	}
	if errors.Is(context.Cause(ctx), errTimeout) {
		return fmt.Sprintf("timed out after %s %s", seconds(limit), doing), ProblemTimeout
	}
	if errors.Is(err, context.Canceled) {
		return "cancelled", ProblemUnknown
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timed out " + doing, ProblemTimeout
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" && oe.Timeout() {
		if f.Client == nil {
			return fmt.Sprintf("could not connect to %s within %s", oe.Addr, seconds(f.connectTimeout())), ProblemUnreachable
		}
		return fmt.Sprintf("could not connect to %s: timed out", oe.Addr), ProblemUnreachable
	}
	if s := describeTLS(err); s != "" {
		return s, ProblemSecurity
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		if dnsErr.IsNotFound {
			return fmt.Sprintf("no such host: %s", dnsErr.Name), ProblemUnreachable
		}
		return fmt.Sprintf("cannot look up %s: %s", dnsErr.Name, dnsErr.Err), ProblemUnreachable
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return "connection refused" + addrOf(oe), ProblemUnreachable
	}
	if errors.Is(err, syscall.ECONNRESET) {
		return "connection reset by the server", ProblemUnknown
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return "the server closed the connection early", ProblemUnknown
	}
	if os.IsTimeout(err) {
		return "timed out " + doing, ProblemTimeout
	}
	// Drop the "Get \"url\": " that *url.Error adds: the caller names
	// the URL already.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return strings.Join(strings.Fields(err.Error()), " "), ProblemUnknown
}

func addrOf(oe *net.OpError) string {
	if oe == nil || oe.Addr == nil {
		return ""
	}
	return " by " + oe.Addr.String()
}

func (f *Fetcher) connectTimeout() time.Duration {
	if f.ConnectTimeout > 0 {
		return f.ConnectTimeout
	}
	return DefaultConnectTimeout
}

// describeTLS names what is wrong with a server's TLS, or returns "".
func describeTLS(err error) string {
	var (
		unknown   x509.UnknownAuthorityError
		hostname  x509.HostnameError
		invalid   x509.CertificateInvalidError
		record    tls.RecordHeaderError
		alert     tls.AlertError
		verifyErr *tls.CertificateVerificationError
	)
	switch {
	case errors.As(err, &unknown):
		return "TLS: certificate signed by an unknown authority"
	case errors.As(err, &hostname):
		return "TLS: " + hostname.Error()
	case errors.As(err, &invalid):
		if invalid.Reason == x509.Expired {
			return "TLS: certificate has expired or is not yet valid"
		}
		return "TLS: " + invalid.Error()
	case errors.As(err, &record), strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "TLS: the server did not answer in TLS (does it serve plain http?)"
	case errors.As(err, &alert):
		return "TLS: the server refused the handshake: " + alert.Error()
	case errors.As(err, &verifyErr):
		return "TLS: " + verifyErr.Err.Error()
	}
	if strings.Contains(err.Error(), "tls: ") {
		msg := err.Error()
		return "TLS: " + strings.TrimSpace(msg[strings.Index(msg, "tls: ")+len("tls: "):])
	}
	return ""
}

// seconds writes a duration the way a person would: 30s, 200ms, 2m.
func seconds(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// size writes a byte count in the largest unit that divides it: 20 MiB,
// 512 KiB, 1000 bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func readCapped(r io.Reader, limit int64, source string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: read: %w", source, err)
	}
	if int64(len(data)) > limit {
		return nil, withProblem(ProblemTooLarge, 0, fmt.Errorf("%s: larger than %s", source, size(limit)))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, withProblem(ProblemNotAFeed, 0, fmt.Errorf("%s: empty document", source))
	}
	return data, nil
}
