package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"

	"nashra/feed"
)

// material is what titles and contents are made from: the demo's Arabic
// front page (58 real headlines and the 12 paragraphs of its opinion
// column) and an English word list. The Arabic comes from the demo feed
// embedded in package feed, so gendb needs no file from the tree.
type material struct {
	headlines  []string   // real Arabic headlines, as published
	arWords    []string   // every word of those headlines, for recombining
	paragraphs [][]string // the column's paragraphs, split into sentences
}

func loadMaterial(ctx context.Context) (material, error) {
	f, err := (&feed.Fetcher{}).Fetch(ctx, "demo:arabic")
	if err != nil {
		return material{}, fmt.Errorf("read the demo's Arabic feed: %w", err)
	}
	var m material
	for _, it := range f.Items {
		m.headlines = append(m.headlines, it.Title)
		m.arWords = append(m.arWords, strings.Fields(it.Title)...)
		// Only the opinion column has real paragraphs; the headlines'
		// bodies are a fixed placeholder.
		for _, p := range paragraphRe.FindAllStringSubmatch(it.Content, -1) {
			if s := splitSentences(p[1]); len(s) > 0 {
				m.paragraphs = append(m.paragraphs, s)
			}
		}
	}
	if len(m.headlines) < 10 || len(m.paragraphs) < 3 {
		return material{}, fmt.Errorf("the demo's Arabic feed has %d headlines and %d paragraphs; expected the front page and its column",
			len(m.headlines), len(m.paragraphs))
	}
	return m, nil
}

var paragraphRe = regexp.MustCompile(`(?s)<p>(.*?)</p>`)

// splitSentences cuts an Arabic paragraph after its commas and full stops,
// keeping the punctuation, into pieces short enough to make a summary of.
func splitSentences(p string) []string {
	var out []string
	var b strings.Builder
	for _, r := range p {
		b.WriteRune(r)
		if (r == '،' || r == '.' || r == '؛') && b.Len() > 80 {
			out = append(out, strings.TrimSpace(b.String()))
			b.Reset()
		}
	}
	if s := strings.TrimSpace(b.String()); s != "" {
		out = append(out, s)
	}
	return out
}

// arabicTitle is a headline of realistic length: a real one as it was
// published a third of the time, otherwise the start of one joined to the
// end of another, sometimes with a figure or a tag such as (فيديو) that
// Egyptian sites add. Figures come in Western or Arabic-Indic digits, as
// both occur in the wild.
func (m *material) arabicTitle(r *rand.Rand) string {
	a := m.headlines[r.IntN(len(m.headlines))]
	if r.IntN(3) == 0 {
		return a
	}
	b := strings.Fields(m.headlines[r.IntN(len(m.headlines))])
	aw := strings.Fields(a)
	head := aw[:1+r.IntN(len(aw))]
	tail := b[r.IntN(len(b)):]
	words := append(append([]string{}, head...), tail...)
	if len(words) < 5 { // pad short results with words from anywhere
		for len(words) < 5+r.IntN(6) {
			words = append(words, m.arWords[r.IntN(len(m.arWords))])
		}
	}
	switch r.IntN(6) {
	case 0:
		words = append(words, fmt.Sprint(2020+r.IntN(7)))
	case 1:
		words = append(words, arabicDigits(fmt.Sprint(1+r.IntN(500))), "مليون")
	case 2:
		words = append(words, "(فيديو)")
	}
	return strings.Join(words, " ")
}

func arabicDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '٠' + (r - '0')
		}
		return r
	}, s)
}

// arabicContent is a paragraph of one to three consecutive sentences of
// the column (some 100 to 500 characters): a short summary such as feeds
// carry.
func (m *material) arabicContent(r *rand.Rand) string {
	p := m.paragraphs[r.IntN(len(m.paragraphs))]
	i := r.IntN(len(p))
	j := min(len(p), i+1+r.IntN(3))
	return "<p>" + strings.Join(p[i:j], " ") + "</p>"
}

// englishWords is the vocabulary of the English feeds: enough nouns, verbs
// and names that titles repeat words (as news does) without repeating
// whole titles.
var englishWords = strings.Fields(`
	government minister president parliament election vote budget tax court judge
	police city council school university hospital doctors nurses patients health
	market prices inflation bank rates economy jobs workers strike union company
	shares profits losses energy oil gas power grid climate weather storm flood
	heat drought farmers water river coast port airport airline flights train rail
	road bridge housing rents tenants developers plan report study data survey
	scientists researchers space mission rocket satellite telescope discovery
	software security breach hackers privacy phones chips factory exports imports
	trade deal talks summit leaders allies border refugees aid charity museum
	festival film music album concert team coach match final league season
	cup players fans stadium record champion transfer injury ruling appeal
	investigation inquiry scandal reform law bill protest march crowd
	says warns plans announces rejects approves delays cuts raises opens closes
	wins loses signs launches unveils expands faces calls backs blocks
	new first major local national global rural urban small big record-breaking
	Cairo Beirut Amman London Berlin Paris Lagos Nairobi Tokyo Lima Oslo Dubai
`)

// englishTitle is a headline-shaped string: a capitalised subject, a verb,
// an object phrase, sometimes a figure or a "Name: quote" form.
func englishTitle(r *rand.Rand) string {
	w := func() string { return englishWords[r.IntN(len(englishWords))] }
	words := []string{w(), w(), w()}
	for range 2 + r.IntN(9) {
		words = append(words, w())
	}
	switch r.IntN(5) {
	case 0:
		words = append(words, "in", fmt.Sprint(2020+r.IntN(7)))
	case 1:
		words = append([]string{fmt.Sprint(2 + r.IntN(998))}, words...)
	case 2:
		words[1] += ":"
	}
	s := strings.Join(words, " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// englishContent is a paragraph of one to three made-up sentences, of the
// same length as the Arabic ones.
func englishContent(r *rand.Rand) string {
	var b strings.Builder
	b.WriteString("<p>")
	for s := range 1 + r.IntN(3) {
		if s > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(englishTitle(r) + ", " + strings.ToLower(englishTitle(r)) + ".")
	}
	b.WriteString("</p>")
	return b.String()
}

var arabicAuthors = []string{"باسم دياب", "محمد السيد", "فاطمة حسن", "أحمد رشاد", "سارة عبد الله", ""}
var englishAuthors = []string{"Staff reporter", "J. Smith", "A. Okafor", "M. Haddad", ""}
