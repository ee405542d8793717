package ui

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"nashra/feed"
)

// Catalog holds every string of the interface in one language. Adding a
// language is one file: a Catalog value registered in catalogs. Key names
// (j, k, enter…) are not translated: the keys are the same letters in
// every language.
type Catalog struct {
	Lang string // BCP 47 tag
	RTL  bool   // the interface reads right to left: the chrome is mirrored

	AppName, AllItems, UnreadView, FeedsView, HelpView, SearchView string
	All, Starred                                                   string

	// Counted phrases: the noun takes the form the language gives the
	// number (see Plural).
	Items, NewItems, Progress, FeedsFailed, Matches Plural

	Counts, FeedCounts                                       string // formats: Counts takes unread and the Items phrase
	AlreadyRefreshing, NoItems, NothingMatches, NoStarred    string
	NoUnread, Fetching, ShowingUnread, ShowingAll            string
	StarredMsg, UnstarredMsg, MarkedAllRead, MarkedShownRead string
	FirstItem, LastItem, NoMoreUnread, NoLink                string
	Opened, Refusing, InvalidLink                            string // formats
	SearchHints, Searching                                   string
	PressAnyKey, HelpList, HelpArticle, HelpFeeds            string
	LongArticle, CannotShow, Failed                          string
	DemoAddFeeds, DemoOwnFeeds, DemoNoFeeds                  string // formats with the config path

	// Why a feed could not be fetched, by feed.Problem: formats of the
	// feed's URL (and the HTTP status for the Fetch*HTTP ones). Empty: the
	// error's own message, which is English.
	FetchTimeout, FetchUnreachable, FetchSecurity, FetchTooLarge, FetchNotAFeed string
	FetchNotFoundHTTP, FetchForbiddenHTTP, FetchServerHTTP, FetchOtherHTTP      string

	AgeNow, AgeMinutes, AgeHours, AgeDays, AgeMonths, AgeYears string // formats

	// Key descriptions for the help overlay and the status bar hints.
	KeyUp, KeyDown, KeyPageUp, KeyPageDown, KeyFirst, KeyLast     string
	KeyOpen, KeyBack, KeyNext, KeyPrev, KeyToggleRead, KeyMarkAll string
	KeyUnreadOnly, KeyOpenLink, KeyRefresh, KeyHelp, KeyQuit      string
	KeyQuitAnywhere, KeySuspend, KeyStar, KeyFeeds, KeySearch     string
	KeyScrollUp, KeyScrollDown, KeyHalfPageUp, KeyHalfPageDown    string
	KeyFullText, FetchingFullText, FullTextDone                   string
	KeyCopyLink, KeyFollowLink, Copied, LinkNumber, NoSuchLink    string
	LinksTitle, NoText, ArticleCut                                string // the article view's own words
	DateLayout                                                    string // how an article's date is written (a Go time layout)
}

// catalogs are the interface languages, by primary language subtag.
var catalogs = map[string]Catalog{
	"en": english,
	"ar": arabic,
}

// CatalogFor returns the catalogue for a language tag or locale name
// ("ar", "ar_EG.UTF-8", "en-GB"); English when there is none.
func CatalogFor(lang string) Catalog {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "_-.@"); i >= 0 {
		base = base[:i]
	}
	if c, ok := catalogs[base]; ok {
		return c
	}
	return english
}

// Languages are the interface languages there are, by their tags.
func Languages() []string {
	return slices.Sorted(maps.Keys(catalogs))
}

// HasCatalog reports whether lang (a tag or locale name) has an interface
// of its own rather than English by default.
func HasCatalog(lang string) bool {
	return CatalogFor(lang).Lang == baseLanguage(lang)
}

func baseLanguage(lang string) string {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "_-.@"); i >= 0 {
		base = base[:i]
	}
	return base
}

// age says how long ago t was, in the catalogue's short units.
func (c Catalog) age(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return c.AgeNow
	case d < time.Hour:
		return fmt.Sprintf(c.AgeMinutes, int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf(c.AgeHours, int(d/time.Hour))
	case d < 60*24*time.Hour:
		return fmt.Sprintf(c.AgeDays, int(d/(24*time.Hour)))
	case d < 365*24*time.Hour:
		return fmt.Sprintf(c.AgeMonths, int(d/(30*24*time.Hour)))
	default:
		return fmt.Sprintf(c.AgeYears, int(d/(365*24*time.Hour)))
	}
}

// matches says how many items a search found.
func (c Catalog) matches(n int) string {
	return c.Matches.Format(c.Lang, n)
}

// fetchError says why the feed at source could not be fetched: in the
// catalogue's words for the common kinds of trouble, else in the error's
// own.
func (c Catalog) fetchError(source string, err error) string {
	problem, status := feed.ProblemOf(err)
	var form string
	switch problem {
	case feed.ProblemTimeout:
		form = c.FetchTimeout
	case feed.ProblemUnreachable:
		form = c.FetchUnreachable
	case feed.ProblemSecurity:
		form = c.FetchSecurity
	case feed.ProblemTooLarge:
		form = c.FetchTooLarge
	case feed.ProblemNotAFeed:
		form = c.FetchNotAFeed
	case feed.ProblemHTTP:
		switch {
		case status == 404 || status == 410:
			form = c.FetchNotFoundHTTP
		case status == 401 || status == 403:
			form = c.FetchForbiddenHTTP
		case status >= 500:
			form = c.FetchServerHTTP
		default:
			form = c.FetchOtherHTTP
		}
		if form != "" {
			return fmt.Sprintf(form, source, status)
		}
	}
	if form == "" {
		return err.Error()
	}
	return fmt.Sprintf(form, source)
}

// counts is the status bar's count of unread and all items.
func (c Catalog) counts(unread, total int) string {
	return fmt.Sprintf(c.Counts, unread, c.Items.Format(c.Lang, total))
}

// Plural is a phrase with a count, in each plural form a language has
// (Unicode CLDR's cardinal categories). Arabic has all six: 0, 1, 2, 3–10,
// 11–99 and the rest (100, 101, 102 …) take different forms of the noun —
// "خبر واحد", "خبران", "5 أخبار", "11 خبرًا", "100 خبر" — where English
// has two. Each form is a fmt format whose first argument is the count; a
// form may leave the count out ("خبران"), and may refer to later arguments
// by index ("%[2]s"). An empty form falls back to Other.
type Plural struct {
	Zero, One, Two, Few, Many, Other string
}

// Format writes the form of p for n in the language lang.
func (p Plural) Format(lang string, n int, args ...any) string {
	form := p.Other
	switch plural.Cardinal.MatchPlural(language.Make(lang), n, 0, 0, 0, 0) {
	case plural.Zero:
		form = cmp.Or(p.Zero, form)
	case plural.One:
		form = cmp.Or(p.One, form)
	case plural.Two:
		form = cmp.Or(p.Two, form)
	case plural.Few:
		form = cmp.Or(p.Few, form)
	case plural.Many:
		form = cmp.Or(p.Many, form)
	}
	if !strings.Contains(form, "%") {
		return form
	}
	return fmt.Sprintf(form, append([]any{n}, args...)...)
}
