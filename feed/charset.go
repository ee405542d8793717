package feed

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// ToUTF8 decodes a document to UTF-8. The encoding is, in order of
// precedence: a byte-order mark; the charset of contentType (the HTTP
// Content-Type header, "" for a file); the encoding declared in an XML
// prolog; for a web page that is not valid UTF-8, the charset of a <meta>
// within its first 1024 bytes, else UTF-8 if those bytes are UTF-8 with
// something beyond ASCII, else windows-1252 (as browsers read such pages:
// html/charset's DetermineEncoding); for anything else, UTF-8. Two common server
// mistakes are forgiven: a header
// saying UTF-8 over a body that is not UTF-8 but declares its encoding in
// its prolog, and a header saying ISO-8859-1 or windows-1252 (often a
// server default) over a body that is valid UTF-8 with non-ASCII text.
//
// Labels are read as the WHATWG Encoding Standard reads them (windows-1256,
// ISO-8859-6, windows-1255, ISO-8859-8, KOI8-R, Shift_JIS, GB18030, …).
// Bytes that are invalid in the chosen encoding become U+FFFD, so the
// result is always valid UTF-8. An XML prolog's encoding declaration is
// rewritten to say UTF-8, so that no parser decodes the text a second time.
func ToUTF8(data []byte, contentType string) []byte {
	if enc, n := bomEncoding(data); enc != nil {
		return fixProlog(decodeWith(enc, data[n:]))
	}
	if bytes.HasPrefix(data, utf8BOM) {
		return fixProlog(validUTF8(data[len(utf8BOM):]))
	}
	header := headerCharset(contentType)
	prolog := prologEncoding(data)
	label := prolog
	if header != "" {
		label = header
		switch {
		case isUTF8(header) && prolog != "" && !isUTF8(prolog) && !utf8.Valid(data):
			label = prolog
		case isLatin1(header) && !isASCII(data) && utf8.Valid(data) && (prolog == "" || isUTF8(prolog)):
			label = "utf-8"
		}
	}
	if strings.HasPrefix(strings.ToLower(label), "utf-16") {
		// Without a byte-order mark, a prolog that could be read as ASCII
		// is not UTF-16, whatever it says.
		label = "utf-8"
	}
	if label != "" && !isUTF8(label) {
		if enc, _ := charset.Lookup(label); enc != nil {
			return fixProlog(decodeWith(enc, data))
		}
	}
	if label == "" && !utf8.Valid(data) && isWebPage(contentType, data) {
		// Many older Arabic, Persian and Hebrew sites send windows-1256 or
		// windows-1255 with the charset only in a <meta> tag.
		enc, _, _ := charset.DetermineEncoding(data, "text/html")
		return decodeWith(enc, data)
	}
	return fixProlog(validUTF8(data))
}

// isWebPage tells an HTML page from a feed: by its Content-Type, or, with
// none, by how it starts.
func isWebPage(contentType string, data []byte) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		return mt == "text/html" || mt == "application/xhtml+xml"
	}
	head := bytes.ToLower(bytes.TrimSpace(data[:min(len(data), 512)]))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

var utf8BOM = []byte("\xef\xbb\xbf")

// bomEncoding recognises a UTF-16 byte-order mark and returns its decoder
// and length.
func bomEncoding(data []byte) (encoding.Encoding, int) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	}
	return nil, 0
}

func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(params["charset"])
}

// prologRE finds the encoding declaration of an XML prolog.
var prologRE = regexp.MustCompile(`^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

func prologEncoding(data []byte) string {
	head := data[:min(len(data), 512)]
	if m := prologRE.FindSubmatch(head); m != nil {
		return string(m[1])
	}
	return ""
}

// fixProlog makes the encoding declaration of an XML prolog, if there is
// one, say UTF-8.
func fixProlog(data []byte) []byte {
	head := data[:min(len(data), 512)]
	m := prologRE.FindSubmatchIndex(head)
	if m == nil || strings.EqualFold(string(data[m[2]:m[3]]), "utf-8") {
		return data
	}
	out := make([]byte, 0, len(data))
	out = append(out, data[:m[2]]...)
	out = append(out, "UTF-8"...)
	return append(out, data[m[3]:]...)
}

func isUTF8(label string) bool {
	l := strings.ToLower(label)
	return l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8"
}

func isLatin1(label string) bool {
	switch strings.ToLower(label) {
	case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252":
		return true
	}
	return false
}

func isASCII(data []byte) bool {
	for _, c := range data {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func decodeWith(enc encoding.Encoding, data []byte) []byte {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		// The WHATWG decoders replace what they cannot decode; an error
		// here means a broken decoder state, so keep what is valid.
		return validUTF8(data)
	}
	return validUTF8(out)
}

// validUTF8 replaces every byte that is not part of a valid UTF-8
// sequence with U+FFFD.
func validUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	out := make([]byte, 0, len(data)+16)
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size <= 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
			data = data[1:]
			continue
		}
		out = append(out, data[:size]...)
		data = data[size:]
	}
	return out
}
