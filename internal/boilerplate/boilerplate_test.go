package boilerplate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/testcorpus"
)

// para is a body paragraph long enough to count as prose.
const para = "The ministry said on Tuesday that the talks, which began last week in the capital, would continue until both sides agreed on a timetable for the withdrawal of the remaining troops."

func marked(text string) []string {
	var out []string
	for _, s := range Detect(text) {
		out = append(out, strings.TrimSpace(text[s.Start:s.End]))
	}
	return out
}

func TestDetectPositive(t *testing.T) {
	cases := []struct {
		name, text, want string // want: a piece that must be marked (trimmed)
	}{
		{"comment widget with captcha", "Headline here\n\n" + para + "\n\nLeave a Comment\n\n3 + 6 =", "Leave a Comment\n\n3 + 6 ="},
		{"leave a reply", para + "\n\nLeave a Reply\n", "Leave a Reply"},
		{"discussion widget and trailing headlines", para + "\n\nWhat do you think?\n\nNotify of\nInline Feedbacks\nView all comments\n\nSenate passes the budget after a long night\n\nFloods hit the north of the country",
			"What do you think?\n\nNotify of\nInline Feedbacks\nView all comments\n\nSenate passes the budget after a long night\n\nFloods hit the north of the country"},
		{"patreon call", para + "\n\nHelp us grow. Support The Daily Example on Patreon!\n", "Help us grow. Support The Daily Example on Patreon!"},
		{"follow us", para + "\n\nFollow us on Telegram and Twitter\n", "Follow us on Telegram and Twitter"},
		{"share this", para + "\nShare this:\n" + para, "Share this:"},
		{"creative commons", para + "\n\nAll Content by Example News Agency is licensed under a Creative Commons Attribution 4.0 International License.", "All Content by Example News Agency is licensed under a Creative Commons Attribution 4.0 International License."},
		{"copyright domain", para + "\n\nExample.ru © 2020 News, business, other.", "Example.ru © 2020 News, business, other."},
		{"all rights reserved", para + "\n\nCopyright 2019 The Example Press. All rights reserved.", "Copyright 2019 The Example Press. All rights reserved."},
		{"disclaimer", para + "\n\nThe statements, views and opinions expressed in this column are solely those of the author and do not necessarily represent those of Example Daily.", "The statements, views and opinions expressed in this column are solely those of the author and do not necessarily represent those of Example Daily."},
		{"contact trailer", para + "\n\n* Author: Jane Roe , Example Times editor in chief\n\nHer page on Twitter : @janeroe - and email : jane.roe@example.com", "* Author: Jane Roe , Example Times editor in chief\n\nHer page on Twitter : @janeroe - and email : jane.roe@example.com"},
		{"follow the author", para + "\n\nFollow Jane Roe on Twitter @janeroe", "Follow Jane Roe on Twitter @janeroe"},
		{"leading section label", "in ,\n\nTroops leave the border town\n\n" + para, "in ,"},
		{"leading teaser after headline", "Troops leave the border town\n\nVIDEO: Convoy crosses the river at dawn\n\n" + para, "VIDEO: Convoy crosses the river at dawn"},
		{"leading teaser before the headline", "in ,\n\nWATCH: Convoy crosses the river at dawn\n\nTroops leave the border town\n\n" + para, "WATCH: Convoy crosses the river at dawn"},
		{"advertisement line", para + "\n\nAdvertisement\n\n" + para, "Advertisement"},
		{"see also line", para + "\n\nSEE ALSO: Ministers meet again in Geneva\n\n" + para, "SEE ALSO: Ministers meet again in Geneva"},
		{"photo caption", "FILE PHOTO: Soldiers stand guard at the crossing. REUTERS/Jane Roe/File Photo\n\n" + para, "FILE PHOTO: Soldiers stand guard at the crossing. REUTERS/Jane Roe/File Photo"},
		{"photo credit at the end of a caption", "Soldiers stand guard at the crossing on Monday. REUTERS/Jane Roe\n\n" + para, "Soldiers stand guard at the crossing on Monday. REUTERS/Jane Roe"},
		{"reporting by", para + "\n\nReporting by Jane Roe; Editing by John Doe", "Reporting by Jane Roe; Editing by John Doe"},
		{"footer sentence at end of one long line", strings.Repeat(para+" ", 45) + "All Content by Example News Agency is licensed under a Creative Commons Attribution 4.0 International License.",
			"All Content by Example News Agency is licensed under a Creative Commons Attribution 4.0 International License."},
		{"footer after non-breaking space on one line", strings.Repeat(para+" ", 10) + "\u00a0Follow us on Twitter.", "Follow us on Twitter."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := marked(c.text)
			found := false
			for _, g := range got {
				if g == c.want {
					found = true
				}
			}
			if !found {
				t.Errorf("want %q marked, got %q", c.want, got)
			}
			if strings.Contains(strings.Join(got, "\n"), "The ministry said") {
				t.Errorf("body paragraph marked: %q", got)
			}
		})
	}
}

func TestDetectNegative(t *testing.T) {
	cases := []struct{ name, text string }{
		{"plain article", "Troops leave the border town\n\nJune 30, 2021\n\n" + para + "\n\n" + para},
		{"told reuters", para + "\n\nThe commander told Reuters the unit would stay at the crossing until the spring."},
		{"donate in body", para + "\n\nThe group urged supporters to donate to the fund.\n"},
		{"short last line without anchor", para + "\n\nWhat comes next for the region\n"},
		{"related in body", para + "\n\nRelated to this, the ministry said it would publish the figures.\n"},
		{"said on twitter", para + "\n\nHe said on Twitter that the talks had failed.\n"},
		{"author in body", para + "\n\nThe author of the report, a former officer, said the figures were wrong.\n"},
		{"headline that starts with BREAKING", "BREAKING: Troops leave the border town\n\n" + para},
		{"headline that starts with VIDEO, then a subtitle", "VIDEO: Troops leave the border town\n\nThe last convoy crossed at dawn\n\n" + para},
		{"email mid text", "Write to the ministry at info@example.org to ask.\n\n" + para + "\n\n" + para},
		{"one long line without footer", strings.Repeat(para+" ", 40)},
		{"arithmetic in body", "3 + 6 =\n\n" + para + "\n\n" + para},
		{"empty", ""},
		{"poll named after an agency", "Americans want a fix: Reuters/Ipsos poll\n\nNEW YORK (Reuters) - " + para + " according to a Reuters/Ipsos opinion poll released on Thursday.\n\n" + para},
		{"embedded posts at the end", para + "\n\nWe should stay out of it, the rebels are just as bad. — Jane Roe (@janeroe) May 27, 2013\n\nRemember what they want to do to us. — Jane Roe (@janeroe) August 28, 2013\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := marked(c.text); len(got) != 0 {
				t.Errorf("marked %q", got)
			}
		})
	}
}

func TestTrailerStopsAtQuotedPosts(t *testing.T) {
	post := "We should stay out of it, the rebels are just as bad as the regime they fight. What will we get for it — Jane Roe (@janeroe) May 27, 2013"
	text := para + "\n\n" + para + "\n\nAdvertisement\n\n" + post + "\n\nShort closing headline here\n"
	for _, m := range marked(text) {
		if strings.Contains(m, "rebels") {
			t.Errorf("quoted post marked: %q", m)
		}
	}
}

func TestDetectSpansSortedDisjoint(t *testing.T) {
	text := "in ,\n\nHeadline of the day\n\nVIDEO: teaser line here\n\n" + para + "\n\nAdvertisement\n\n" + para +
		"\n\nHelp us grow. Support Example on Patreon!\n\nLeave a Comment\n\n1 + 2 =\n"
	spans := Detect(text)
	if len(spans) < 4 {
		t.Fatalf("want several spans, got %v", spans)
	}
	for i, s := range spans {
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			t.Fatalf("bad span %v", s)
		}
		if i > 0 && s.Start <= spans[i-1].End-1 {
			t.Fatalf("overlap or unsorted: %v", spans)
		}
	}
}

// TestSampleProject checks the fixtures: each footer marked, body sentences
// unmarked.
func TestSampleProject(t *testing.T) {
	dir := testcorpus.SampleProject(t)
	cases := []struct {
		file    string
		footers []string // must be inside boilerplate
		body    []string // must stay outside
	}{
		{"000_8a488919ad26b5b5.txt", []string{"Leave a Comment", "3 + 6 ="},
			[]string{"all roads lead to the al Bukamal - al Qaim border crossing region", "Why is the U.S. attacking", "Has there been a rise in attacks"}},
		{"001_fe4119f0101185b7.txt", []string{"All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License."},
			[]string{"where America is playing a huge destabilizing role", "In Syria’s eastern province of Dayr-Zawr"}},
		{"002_7f156dedb77d178e.txt", []string{"in ,", "VIDEO: Iraqi Popular Mobilization Units", "Support The Duran on Patreon!", "solely those of the author", "Notify of", "View all comments", "China SLAMS Japan"},
			[]string{"US bombs anti-ISIS Iraqi Shi’a fighters", "Today’s attack demonstrates", "The US air force has conducted an airstrike"}},
		{"003_36071b8ad8be61a2.txt", []string{"Tehran Times editor in chief", "@ghaderi62", "m.ghaderi62@gmail.com", "0 + 0 ="},
			[]string{"* By Mohammad Ghaderi", "January 1, 2020 - 10:38", "Undoubtedly, Washington will face a very dangerous situation"}},
		{"004_b37ff82c4dbbe2a9.txt", []string{"Altayinform.ru © 2020"},
			[]string{"told Reuters in an interview", "On Iraq's border with Syria"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			doc := &document.Document{Text: string(b), Boilerplate: Detect(string(b))}
			for _, f := range c.footers {
				i := strings.Index(doc.Text, f)
				if i < 0 {
					t.Fatalf("fixture lacks %q", f)
				}
				if !doc.InBoilerplate(i) || !doc.InBoilerplate(i+len(f)-1) {
					t.Errorf("footer %q not marked", f)
				}
			}
			for _, s := range c.body {
				i := strings.Index(doc.Text, s)
				if i < 0 {
					t.Fatalf("fixture lacks %q", s)
				}
				for j := i; j < i+len(s); j++ {
					if doc.InBoilerplate(j) {
						t.Errorf("body text %q marked", s)
						break
					}
				}
			}
			// The body keeps nearly all of the article.
			if body := doc.Body(); len(body) < len(doc.Text)*3/4 {
				t.Errorf("body is only %d of %d bytes", len(body), len(doc.Text))
			}
		})
	}
}

func BenchmarkDetect(b *testing.B) {
	text := "Headline of the day\n\n" + strings.Repeat(para+"\n\n", 30) + "Leave a Comment\n\n1 + 2 =\n"
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Detect(text)
	}
}

// FuzzDetect checks the span invariants on any input: sorted, inside the
// text, non-empty, not overlapping, and Detect never panics.
func FuzzDetect(f *testing.F) {
	f.Add("Headline\n\n" + para + "\n\nLeave a Comment\n\n3 + 6 =")
	f.Add("in ,\n\nVIDEO: x y z\n\nTitle of it all\n\n" + para + "\n\nNotify of\nView all comments\n\nA B C D")
	f.Add(strings.Repeat(para+" ", 3) + "\u00a0All Content by X is licensed under a Creative Commons licence.")
	f.Add("\n\n\n")
	f.Fuzz(func(t *testing.T, text string) {
		spans := Detect(text)
		end := 0
		for _, s := range spans {
			if s.Start < end || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad spans %v for %q", spans, text)
			}
			end = s.End
		}
	})
}
