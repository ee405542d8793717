package feed

import (
	"strings"
	"testing"
)

// Lines of the seed page (testdata/arabic-news-page.txt): two of its
// paragraphs, the report-image notice the aggregator puts under every
// picture, and the link it appends to every story.
const (
	seedParagraph1 = "لا شك أن النهج الحديث الذى اتبعته وزارة الداخلية تحت قيادة اللواء محمود توفيق - وزير الداخلية - بالاهتمام بالتواصل مع المواطنين لحظة بلحظة عبر جميع وسائل الاتصال بجميع أنواعها"
	seedParagraph2 = "فقد باتت صفحات المؤسسات الحكوميَّة على شبكة الإنترنت عنصرًا أساسيًا في تعزيز الاتصال بين الجهات الرسمية والمواطنين"
	seedReport1    = "شكرا على الإبلاغ!"
	seedReport2    = "سيتم حجب هذه الصورة تلقائيا عندما يتم الإبلاغ عنها من طرف عدة أشخاص."
	seedSource     = "انقر هنا لقراءة الخبر من مصدره."
)

// The rules as the README shows them.
var seedRules = []string{"شكرا على الإبلاغ!", "انقر هنا لقراءة الخبر من مصدره"}

func TestStripBoilerplateSeed(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     string // "" means: the two paragraphs and nothing else
	}{
		{name: "paragraphs",
			in: "<p>" + seedParagraph1 + "</p><p>" + seedReport1 + "</p><p>" + seedParagraph2 + "</p><p>" + seedSource + "</p>"},
		{name: "notice in one div, source as trailing text",
			in: "<p>" + seedParagraph1 + "</p>\n<div class=\"report\">" + seedReport1 + "<br>\n" + seedReport2 + "</div>\n<p>" + seedParagraph2 + "</p>\n" + seedSource + "\n"},
		{name: "source after a line break in the last paragraph",
			in: "<p>" + seedParagraph1 + "</p><p>" + seedParagraph2 + "<br><br>" + seedSource + "</p>"},
		{name: "wrapper whose text starts with the notice",
			in: "<div><figure><figcaption>" + seedReport1 + "</figcaption></figure><p>" + seedParagraph1 + "</p><p>" + seedParagraph2 + "</p></div>"},
		{name: "source as a link in a list item",
			in: "<p>" + seedParagraph1 + "</p><p>" + seedParagraph2 + "</p><ul><li><a href=\"https://example.com/s\">" + seedSource + "</a></li></ul>"},
		{name: "plain text lines",
			in:   seedParagraph1 + "\n" + seedParagraph2 + "\n\n" + seedSource,
			want: seedParagraph1 + "\n" + seedParagraph2},
		{name: "harakat, tatweel and spacing differ",
			in: "<p>" + seedParagraph1 + "</p><p>  شُكْراً   على\nالإبـــلاغ!</p><p>" + seedParagraph2 + "</p><h4>اُنْقُر هنا لقراءة الخبر من مصدره</h4>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := StripBoilerplate(tc.in, seedRules)
			if tc.want != "" {
				if got != tc.want {
					t.Fatalf("got  %q\nwant %q", got, tc.want)
				}
				return
			}
			for _, gone := range []string{"شكرا", "الإبلاغ", "انقر هنا", "مصدره"} {
				if strings.Contains(got, gone) {
					t.Errorf("%q left in:\n%s", gone, got)
				}
			}
			for _, kept := range []string{seedParagraph1, seedParagraph2} {
				if !strings.Contains(got, kept) {
					t.Errorf("paragraph lost:\n%s", got)
				}
			}
			if strings.Contains(got, "<p></p>") || strings.Contains(got, "<div></div>") || strings.Contains(got, "<ul></ul>") || strings.Contains(got, "<figure></figure>") {
				t.Errorf("empty shell left:\n%s", got)
			}
		})
	}
}

// The notice's second line is boilerplate too, but when it is a paragraph
// of its own only a rule for it removes it: rules match where a block
// starts.
func TestStripBoilerplateSeparateParagraphs(t *testing.T) {
	in := "<p>" + seedReport1 + "</p><p>" + seedReport2 + "</p><p>" + seedParagraph1 + "</p>"
	if got, want := StripBoilerplate(in, seedRules), "<p>"+seedReport2+"</p><p>"+seedParagraph1+"</p>"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	if got, want := StripBoilerplate(in, append(seedRules, "سيتم حجب هذه الصورة")), "<p>"+seedParagraph1+"</p>"; got != want {
		t.Errorf("with a rule for it: got %q\nwant %q", got, want)
	}
}

func TestStripBoilerplateEnglish(t *testing.T) {
	rules := []string{"Read more at", "The post "}
	in := `<p>The minister said on Tuesday that the plan would go ahead.</p>
<p>You can read more at the ministry site, she added.</p>
<p>Critics called it <strong>Read more at</strong> your peril.</p>
<blockquote><p>READ MORE AT  Example News</p></blockquote>
<p>The post <a href="https://example.com/p">Plan goes ahead</a> appeared first on Example News.</p>`
	got := StripBoilerplate(in, rules)
	for _, gone := range []string{"READ MORE AT", "appeared first", "<blockquote>"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q left in:\n%s", gone, got)
		}
	}
	for _, kept := range []string{
		"The minister said",
		"You can read more at the ministry site", // the rule is not where the paragraph starts
		"Critics called it <strong>Read more at</strong> your peril.",
	} {
		if !strings.Contains(got, kept) {
			t.Errorf("%q lost:\n%s", kept, got)
		}
	}
}

func TestStripBoilerplateUnchanged(t *testing.T) {
	in := `<p>Nothing here&nbsp;to <b>strip</b>.<br/>Really.</p><img src="x.png">`
	for _, rules := range [][]string{nil, {}, {""}, {"  \n "}, {"Read more"}, {"ـــ"}} {
		if got := StripBoilerplate(in, rules); got != in {
			t.Errorf("rules %q changed the fragment: %q", rules, got)
		}
	}
	if got := StripBoilerplate("", seedRules); got != "" {
		t.Errorf("empty fragment became %q", got)
	}
}
