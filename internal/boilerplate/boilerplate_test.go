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
		// Newsletter, sign-up and subscription prompts.
		{"inbox prompt mid article", para + "\n\nGet the Example Briefing delivered to your inbox. By signing up, you agree to our Privacy Policy\n\n" + para,
			"Get the Example Briefing delivered to your inbox. By signing up, you agree to our Privacy Policy"},
		{"want it in your inbox", para + "\n\n**Want the Morning Desk in your inbox every day? Sign up here.**\n\n" + para, "**Want the Morning Desk in your inbox every day? Sign up here.**"},
		{"sign up for newsletters", para + "\n\nSign up for Daily Newsletters Manage Newsletters\n\n" + para, "Sign up for Daily Newsletters Manage Newsletters"},
		{"subscribe prompt after a comma", para + "\n\nFor more reporting like this, subscribe to the Example Post newsletters\n\n" + para, "For more reporting like this, subscribe to the Example Post newsletters"},
		{"subscription price", para + "\n\nSubscribe now for as little as $3 a month!\n\n" + para, "Subscribe now for as little as $3 a month!"},
		{"long sign-up form", para + "\n\n" + signUpForm + "\n\n" + para, signUpForm},
		{"long donation appeal", para + "\n\n" + donationAppeal + "\n\n" + para, donationAppeal},
		// Link rails.
		{"related header with its headlines", para + "\n\nRelated:\n\nCouncil delays the vote on the harbour plan\n\nFarmers count the cost of a dry spring\n\n" + para,
			"Related:\n\nCouncil delays the vote on the harbour plan\n\nFarmers count the cost of a dry spring"},
		{"more on this", para + "\n\nMore On This...\n\n" + para, "More On This..."},
		{"title case rail under the article", para + "\n\n" + para + "\n\nCouncil Delays the Vote on the Harbour Plan\n\nFarmers Count the Cost of a Dry Spring\n\nWhy the Bridge Repairs Are Late Again\n",
			"Council Delays the Vote on the Harbour Plan\n\nFarmers Count the Cost of a Dry Spring\n\nWhy the Bridge Repairs Are Late Again"},
		{"read more with a headline", para + "\n\nREAD MORE: Council delays the vote on the harbour plan\n\n" + para, "READ MORE: Council delays the vote on the harbour plan"},
		// Bios, credits, promotions, widgets.
		{"bio under the article", para + "\n\nJane Q. Roe is a senior editor at The Example Review. Her new book on river towns is out in May. Follow her on Twitter at @janeroe.",
			"Jane Q. Roe is a senior editor at The Example Review. Her new book on river towns is out in May. Follow her on Twitter at @janeroe."},
		{"bullet bio mid text", para + "\n\n• John Doe is editor emeritus of The Example Times.\n\n" + para, "• John Doe is editor emeritus of The Example Times."},
		{"editor's note bio above an opinion piece", "Why the harbour plan failed\n\nEditor's note: Jane Roe is a columnist for Example Daily and the author of a book on ports. Follow her on Twitter @janeroe. The opinions expressed in this commentary are solely those of the author.\n\n" + para,
			"Editor's note: Jane Roe is a columnist for Example Daily and the author of a book on ports. Follow her on Twitter @janeroe. The opinions expressed in this commentary are solely those of the author."},
		{"contributed to this report", para + "\n\nExample News' Jane Roe and the wire services contributed to this report.\n\n" + para, "Example News' Jane Roe and the wire services contributed to this report."},
		{"produced in partnership", para + "\n\nThis story was produced in partnership with the Example Local Reporting Network.", "This story was produced in partnership with the Example Local Reporting Network."},
		{"column note", para + "\n\nThe Ledger is a weekly column by Jane Roe about money in politics.\n\n" + para, "The Ledger is a weekly column by Jane Roe about money in politics."},
		{"columnists disclaimer", para + "\n\nThe opinions expressed by columnists are their own and do not represent the views of Example.com.", "The opinions expressed by columnists are their own and do not represent the views of Example.com."},
		{"follow on twitter", para + "\n\nFollow Jane on Twitter\n\n" + para, "Follow Jane on Twitter"},
		{"send tips", para + "\n\nSend tips to desk@example.org.\n\n" + para, "Send tips to desk@example.org."},
		{"podcast promo", para + "\n\nListen to the latest episode of the Example Politics podcast.\n\n" + para, "Listen to the latest episode of the Example Politics podcast."},
		{"click for more", para + "\n\nClick for more from the Example Herald.\n\n" + para, "Click for more from the Example Herald."},
		{"story continued below", para + "\n\nStory Continued Below\n\n" + para, "Story Continued Below"},
		{"photo toggle caption", para + "\n\nEnlarge this image toggle caption Jane Roe/Example Jane Roe/Example\n\n" + para, "Enlarge this image toggle caption Jane Roe/Example Jane Roe/Example"},
		{"article age banner", para + "\n\nThis article is more than 3 years old\n\n" + para, "This article is more than 3 years old"},
		{"slideshow label", para + "\n\nSlideshow (4 Images)\n\n" + para, "Slideshow (4 Images)"},
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
		// Near misses of the newer rules: ordinary article sentences.
		{"newsletter in reporting", para + "\n\nThe union told members in its newsletter that the strike would go ahead.\n\n" + para},
		{"asked to subscribe", para + "\n\nThe mayor urged residents to subscribe to the council's alert system before the storm.\n\n" + para},
		{"privacy policy story", para + "\n\nThe company changed its privacy policy last year, and users who wanted to unsubscribe from its emails found the option hidden.\n\n" + para},
		{"person is a former reporter in the body", para + "\n\nThe spokesman is a former reporter for the local paper, and he said the figures were checked twice.\n\n" + para},
		{"name with a role mid article", para + "\n\nJane Roe is a senior fellow at the Example Institute who has studied the harbour for a decade, and she said the plan was sound.\n\n" + para},
		{"subheadings between paragraphs", para + "\n\nWhat the Plan Means for the Town\n\n" + para + "\n\nWho Pays for the New Bridge\n\n" + para},
		{"list of speakers", para + "\n\nGovernor Jane Roe of Ohio\n\nMayor John Doe of Example City\n\nSenator Mary Major of Maine\n"},
		{"transcript in capitals", para + "\n\nREPORTER: THE MAYOR JOHN DOE SAID JOHN DOE WOULD NEVER ASK FOR MORE MONEY FROM THE STATE FOR THE HARBOUR.\n\n" + para},
		{"capital MORE in a quotation", para + "\n\nThe crowd chanted \"We want MORE\" as Jane Roe took the stage and the band played on for an hour.\n\n" + para},
		{"report published by a ministry", para + "\n\nThis report was published by the ministry in March, and it found the harbour silted up faster than expected.\n\n" + para},
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

// signUpForm and donationAppeal are made-up page furniture long enough to
// read as paragraphs.
const (
	signUpForm     = "Morning Harbour newsletter The week's port and shipping news — weekday mornings, in your inbox. Email Sign Up By signing up you agree to receive email newsletters or alerts from Example Media. You can unsubscribe at any time. This site is protected by reCAPTCHA and the Privacy Policy and Terms of Service apply."
	donationAppeal = "Every week at Example Weekly we try to explain the stories that shape your town, and we keep every article free to read. That work takes time and money, especially now. Your financial contribution will help our reporters keep going at the pace this moment needs. Please consider making a contribution to Example Weekly today."
)

// TestInlineRail checks related-headline cards flattened into a sentence:
// the card goes, the sentence keeps the name and what follows.
func TestInlineRail(t *testing.T) {
	cases := []struct{ name, text, card string }{
		{"glued surname", "The plan was backed by Sen. Jane Roe Jane Quinn RoeCouncil delays harbour vote Farmers count the cost of a dry spring MORE (D-Ore.), who chairs the committee.",
			"Jane Quinn RoeCouncil delays harbour vote Farmers count the cost of a dry spring MORE"},
		{"nickname and digits", "Rep. Bob Doe Robert (Bob) Allen Doe2024 hopefuls crowd the stage Why the bridge is late MORE's office said on Monday that it would respond.",
			"Robert (Bob) Allen Doe2024 hopefuls crowd the stage Why the bridge is late MORE"},
		{"not glued", "Speaker John Doe John Allen Doe Council delays harbour vote Farmers count the cost MORE said the vote would wait.",
			"John Allen Doe Council delays harbour vote Farmers count the cost MORE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := "Headline for the test\n\n" + c.text + "\n\n" + para
			got := marked(text)
			if len(got) != 1 || got[0] != c.card {
				t.Fatalf("marked %q, want only %q", got, c.card)
			}
			doc := &document.Document{Text: text, Boilerplate: Detect(text)}
			if body := doc.Body(); strings.Contains(body, "Council") || strings.Contains(body, "hopefuls") || !strings.Contains(body, "Doe") && !strings.Contains(body, "Roe") {
				t.Errorf("body %q", body)
			}
		})
	}
}

// TestRailStopsAtQuestions: a header whose links were lost is followed by
// the article's own questions, which stay body.
func TestRailStopsAtQuestions(t *testing.T) {
	text := para + "\n\nMore On This...\n\nWhat are the children being taught?\n\nWhy do some families choose differently?\n\n" + para
	got := marked(text)
	if len(got) != 1 || got[0] != "More On This..." {
		t.Errorf("marked %q, want only the header", got)
	}
}

func TestFormRule(t *testing.T) {
	cases := []struct{ text, want string }{
		{strings.ToLower(signUpForm), "newsletter"},
		{strings.ToLower(donationAppeal), "donation-call"},
		{"the company said readers who sign up for the newsletter can unsubscribe at any time, a spokesman said.", ""},
		{"the campaign asked supporters to chip in before the deadline, and many did.", ""},
		{"", ""},
	}
	for _, c := range cases {
		if got := formRule(ruleKeys.m.scan(c.text), len(c.text)); got != c.want {
			t.Errorf("formRule(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestFirstSentenceEnd(t *testing.T) {
	cases := []struct{ text, first string }{
		{"Jane Q. Roe is an editor at Example. She writes on ports.", "Jane Q. Roe is an editor at Example. "},
		{"Sen. Jane Roe said so. Then she left.", "Sen. Jane Roe said so. "},
		{"One sentence only.", ""},
		// "brig" and dotted initials other than "U.S." came with the shared
		// table (wordscan); before, both split the sentence.
		{"Brig. Jane Roe said so. Then she left.", "Brig. Jane Roe said so. "},
		{"The U.K. Foreign Office said so. Then it left.", "The U.K. Foreign Office said so. "},
		{"Officials told us. Then they left.", "Officials told us. "},
		// wordscan's one rule: a capitalised opener after an initial or
		// dotted initials ends the sentence; a lower-case single letter or
		// a number is no initial.
		{"He works in Washington D.C. Then he left.", "He works in Washington D.C. "},
		{"They chose Plan B. The rest failed.", "They chose Plan B. "},
		{"They chose option a. Then it failed.", "They chose option a. "},
		{"The vote was on Jan. 8, 2020, in Washington.", ""},
	}
	for _, c := range cases {
		e := firstSentenceEnd(c.text)
		if got := c.text[:e]; got != c.first {
			t.Errorf("%q: first sentence %q, want %q", c.text, got, c.first)
		}
	}
}

// TestSentenceStartsAbbreviation: the trailing-sentence split follows
// the same rule; it used to cut a photo caption at "Jan. 8" and mark the
// rest as chrome.
func TestSentenceStartsAbbreviation(t *testing.T) {
	s := "Cover: Trump speaks on Wednesday, Jan. 8, 2020, in Washington. AP Photo by Alex Brandon. More news."
	got := sentenceStarts(s)
	want := []int{0, strings.Index(s, "AP"), strings.Index(s, "More")}
	if len(got) != len(want) {
		t.Fatalf("starts %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("starts %v, want %v", got, want)
		}
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
