// Package boilerplate finds the page chrome that article texts carry along
// from the web pages they were copied from: comment widgets, share and
// donation calls, licence and copyright lines, disclaimers, contact trailers,
// leading section labels and teasers, and the unrelated headlines that follow
// a comments widget. It marks them as byte spans and never edits the text.
//
// The rules are deliberately conservative: a line is chrome only when it is
// short and matches a pattern of news pages, or when it belongs to the
// trailer after the last body paragraph and that trailer is anchored by such a
// line. Long body paragraphs are only ever split into sentences at the very
// end of the text, for articles flattened into one long line.
//
// Page furniture is also found by its shape (structure.go): newsletter,
// sign-up and donation forms by their cues addressed to the reader, bios
// and credits by their opening sentence, lists of headlines under a
// "Related" header or in Title Case under the article, and related-headline
// cards that a page flattened into a sentence ("… Jane Q. RoeHeadline one
// Headline two MORE …"). Paragraphs that many articles of one outlet repeat
// need the whole project and are marked by package project.
package boilerplate

import (
	"context"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parallaxworkbench/parallax/internal/document"
	"github.com/parallaxworkbench/parallax/internal/wordscan"
)

// Match is one detected piece of boilerplate and the rule that found it.
type Match struct {
	document.Span
	Rule string
}

// Detect returns the sorted, non-overlapping byte spans of text that are
// boilerplate.
func Detect(text string) []document.Span {
	spans, _ := DetectContext(context.Background(), text)
	return spans
}

// DetectContext is Detect that stops with ctx's error soon after ctx is
// cancelled.
func DetectContext(ctx context.Context, text string) ([]document.Span, error) {
	ms, err := FindContext(ctx, text)
	if err != nil {
		return nil, err
	}
	spans := make([]document.Span, 0, len(ms))
	for _, m := range ms {
		spans = append(spans, m.Span)
	}
	return mergeSpans(spans), nil
}

// maxChromeLine is the longest line (in bytes) a chrome pattern may match as
// a whole line; longer lines are article paragraphs.
const maxChromeLine = 240

// where a rule may apply.
type place int

const (
	anywhere place = iota // any short line of the text
	trailer               // only after the last body paragraph
	leading               // only before the first body paragraph
)

// rule is one pattern of chrome. keys are cheap lowercase substrings of which
// one must occur before the regexp (over the lowercased, trimmed line) runs.
type rule struct {
	name  string
	where place
	keys  []string
	re    *regexp.Regexp
}

// rules are the line patterns. They are matched against the lowercased line
// with surrounding spaces and list markers trimmed.
var rules = []rule{
	{"comment-widget", anywhere, []string{"comment", "reply", "feedback"},
		regexp.MustCompile(`^(leave a (comment|reply)|post a comment|add a comment|\d*\s*comments?|join the (discussion|conversation)|notify of( new (follow-up )?comments)?|\d*\s*inline feedbacks?|view all comments|show comments|load more comments|you must be logged in to post a comment\.?|comments are closed\.?|\d+ thoughts? on .{1,160})$`)},
	{"comment-widget", anywhere, []string{"notify of"}, regexp.MustCompile(`^notify of$`)},
	{"reader-prompt", anywhere, []string{"what do you think", "your thoughts", "have your say"},
		regexp.MustCompile(`^(what do you think\??|(share|tell us|let us know) your thoughts.{0,60}|have your say.{0,40})$`)},
	{"share-widget", anywhere, []string{"share", "tweet", "print", "email", "whatsapp", "facebook", "pin"},
		regexp.MustCompile(`^((share|tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram)([\s,|/:]+(share|tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|linkedin|reddit|telegram|this|article|story|post|on|via|it))*:?|share (this|the) (article|story|post|page)( on .{1,30})?:?|click to share on .{1,40})$`)},
	{"social-call", anywhere, []string{"follow", "like us", "subscribe", "sign up", "join us", "newsletter", "telegram"},
		regexp.MustCompile(`^((please )?(follow|like|join) us (on|at|via) .{1,80}|(subscribe|sign up)\b.{0,100}(newsletter|channel|updates|alerts|youtube|telegram|inbox|free).{0,60}|(get|receive) our .{0,40}newsletter.{0,60}|subscribe( now| today)?[!.]?)$`)},
	// "Follow Jane on Twitter", "Follow @desk": a short follow prompt.
	{"social-call", anywhere, []string{"follow", "join", "like"},
		regexp.MustCompile(`^(please )?((follow|join|like) [^.!?]{1,50}? on (twitter|x|facebook|instagram|telegram|youtube|tiktok|linkedin|threads|bluesky|mastodon|flipboard)\b[^.!?]{0,60}|follow @[a-z0-9_]{2,30}( follow @[a-z0-9_]{2,30})*)[.!]?$|\bfollow (him|her|them|me|us)\b[^.!?]{0,30}@[a-z0-9_]{2,30}\.?$`)},
	// Newsletter and sign-up prompts: second-person or imperative wording
	// around a newsletter, an inbox or a sign-up form.
	{"newsletter", anywhere, []string{"inbox", "newsletter", "sign up", "signing up", "subscrib", "sign-up", "alerts"},
		regexp.MustCompile(`(\b(in|to|into|hit|meet|reach) your inbox\b|\bby (signing up|subscribing)\b|^newsletter sign[- ]?up\b|\bmanage (your )?newsletters\b|\bview all .{0,40}newsletters\b|(^|[.!?:,]\s+)(sign up|subscribe)\s+(here|now|today|free|to receive|to get|for (our|free|daily|weekly|breaking|email))\b|(^|[.!?:,]\s+)subscribe to .{0,50}newsletters?\b|^(get|receive|want) .{0,80}\b(newsletters?|news alerts)\b|^sign up for .{0,60}\b(newsletters?|alerts|updates|briefing)\b|^subscribe (now|today)\b|\bfor as little as \$\d)`)},
	// Credit and production notes: "X contributed to this report", "This
	// story was produced by …", "This is a rush transcript".
	{"credit", anywhere, []string{"contribut", "produced", "published", "appeared", "transcript"},
		regexp.MustCompile(`(\bcontributed (additional )?(reporting )?to this (report|story|article)\.?$|^contributing:|^this (story|article|piece|post) (was|is|has been) (originally |first )?(produced|co-produced|published|co-published|republished|reprinted) (by|in|with|on|as|at|under|through)\b|^(a version of )?this (story|article|piece|essay) (originally |first )?appeared (in|on|at)\b|^this is a rush transcript\b)`)},
	// A column's own description: "The Desk is a weekly column by …".
	{"column-note", anywhere, []string{" is a "},
		regexp.MustCompile(`^(the )?[a-z0-9'’ .&:-]{1,60} is a (weekly |daily |monthly |regular |reported |recurring |new |twice-weekly )*(column|newsletter|series|podcast|feature|blog|segment) (written |hosted |produced |reported )?(by|from)\b.{0,200}$`)},
	// Page widgets that survive as one line of text.
	{"widget", anywhere, []string{"story", "continue", "advertisement", "loading", "slideshow", "image", "caption", "article", "ago", "close", "photo", "video", "share", "watch", "pullquote"},
		regexp.MustCompile(`^(story continue[sd] below|continue reading( the main story| below)?|(advertisement:? ?)+(continue reading( the main story)?)?|loading( \.\.\.|\.\.\.|…)?|slideshow \(\d+ images?\)|(prev|next|previous)? ?image \d+ of \d+|enlarge this image\b.{0,160}|(toggle|hide|show) caption\b.{0,160}|listen to (this )?article\b.{0,80}|share this article\b.{0,80}|this article is more than \d+ (years?|months?|weeks?|days?) old|\d+ (years?|months?|weeks?) ago|close|photo|video|watch:?|read or share this story:.{0,160}|\[pullquote\])$`)},
	// Tip and letter lines with an address: "Send tips: desk@example.com".
	{"contact", anywhere, []string{"@"},
		regexp.MustCompile(`^(send|email|e-mail|contact us|reach us|got a|have a|share your|questions?|tips?|letters?)\b.{0,120}\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b.{0,60}$`)},
	// Podcast, video and "more from us" promotions.
	{"promo", anywhere, []string{"podcast", "video", "click", "homepage", "home page", "check out", "watch", "catch"},
		regexp.MustCompile(`^((listen to|subscribe to|download) .{0,60}\bpodcast\b.{0,100}|watch the latest video\b.{0,80}|click (here )?for more\b.{0,80}|(visit|check out) .{0,60}\b(homepage|home page|for more (stories|news|coverage))\b.{0,60}|.{0,100}\bclick here[.!]?|watch .{1,80} (sundays|mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|weekdays|weeknights|daily|nightly) at \d.{0,80}|(check out|catch) .{1,60} (live|online|every|daily) .{0,100})$`)},
	{"donation-call", anywhere, []string{"patreon", "donate", "support us", "help us", "subscribestar", "paypal", "support independent"},
		regexp.MustCompile(`((support|back|join|follow) .{1,60} on (patreon|subscribestar|paypal|ko-fi)|^(please )?(donate|make a donation|become a patron|support us)\b|^help us (grow|keep|continue)\b|support independent (journalism|media))`)},
	{"licence", anywhere, []string{"licensed under", "creative commons", "all rights reserved", "may not be published", "may not be reproduced", "reprinted with permission", "republished with permission"},
		regexp.MustCompile(`(licensed under (a |the )?(creative commons|cc[ -])|all rights reserved|may not be (re)?published|may not be reproduced|(reprinted|republished) with permission)`)},
	{"copyright", anywhere, []string{"©", "copyright", "(c) "},
		regexp.MustCompile(`(©|\(c\) (19|20)\d\d|copyright (©\s*)?(19|20)\d\d)`)},
	{"disclaimer", anywhere, []string{"necessarily", "solely those", "do not reflect", "does not reflect", "do not represent", "does not represent", "disclaimer"},
		regexp.MustCompile(`(do(es)? not necessarily (reflect|represent)|(are|is) solely (those|that) of|^disclaimer\b|do(es)? not (reflect|represent) the (views|opinions|position))`)},
	{"disclaimer", anywhere, []string{"opinions expressed", "views expressed"},
		regexp.MustCompile(`\b(opinions|views) expressed (in|by) .{1,80} (are|is) (their|his|her|the author'?s?|solely)\b`)},
	{"advert", anywhere, []string{"advertisement", "sponsored", "advert"},
		regexp.MustCompile(`^(advertisement|sponsored( content)?|advert|ad|scroll to continue( with content)?)$`)},
	{"photo-caption", anywhere, []string{"photo", "image", "getty", "afp", "reuters/", "ap photo"},
		regexp.MustCompile(`^((file )?photo|image|pictured|photograph)( \([^)]*\))?:|(\(|\b)(photo|image)( credit)?:? .{0,60}(getty|afp|reuters|ap photo|shutterstock)|\. reuters/[a-z'-]+( [a-z'-]+){0,3}(/file( photo)?)?\.?$|\(ap photo/[^)]*\)\.?$`)},
	{"read-more", anywhere, []string{"read more", "read also", "also read", "see also", "also see", "related", "recommended", "more from", "you may also like", "most popular", "trending", "don't miss", "read next", "further reading", "coverage", "top stories", "more stories", "more on this"},
		regexp.MustCompile(`^(` + railHeads + `)(\s*[:»|>-].{0,160}|\.\.\.|…)?$`)},
	{"app-call", anywhere, []string{"download", "click here", "app"},
		regexp.MustCompile(`^(download (our|the) .{0,40}app.{0,60}|click here .{0,100}|get the .{0,30} app.{0,40})$`)},
	// Trailer-only rules: lines that are chrome at the end of an article
	// but may be ordinary text elsewhere.
	{"captcha", trailer, []string{"="},
		regexp.MustCompile(`^\d{1,3}\s*[+\-x×*−]\s*\d{1,3}\s*=\s*\.?$`)},
	{"contact", trailer, []string{"@"},
		regexp.MustCompile(`^(.{0,100}\b(twitter|e-?mail|gmail|mail|contact|reach|reached|follow|write to|instagram|telegram|facebook)\b.{0,160}|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\.?|@[a-z0-9_]{2,30})$`)},
	{"contact", trailer, []string{"twitter", "facebook", "instagram", "telegram", "contact", "mail", "reach", "follow", "find", "connect", "page", "account", "profile", "phone", "tel"},
		regexp.MustCompile(`^((follow|find|connect with) (me|us|him|her|them|the author)\b.{0,100}|(his|her|my|their|our) (page|account|profile) on .{1,120}|(twitter|facebook|instagram|telegram|e-?mail|phone|tel)\s*:.{1,120}|(contact|e-?mail|reach) (the )?(author|writer|reporter|us|him|her|them)\b.{0,120})$`)},
	{"signature", trailer, []string{"author", "writer", "editor", "columnist", "correspondent", "contributor", "reporting by", "editing by", "writing by", "compiled by"},
		regexp.MustCompile(`^((the )?(author|writer)\s*:.{1,160}|(the )?(author|writer) (is|was) (a|an|the) .{1,160}|.{1,80}\b(editor|editor[- ]in[- ]chief|columnist|correspondent|contributor|reporter) (of|at|for) .{1,60}|\(?(reporting|editing|writing|additional reporting|compiled) by .{1,200})$`)},
	// An author's bio under the article: "Jane Roe is a reporter for …".
	// The first word must not be a pronoun or article (checked in
	// matchLine), so body sentences about people rarely qualify.
	{"bio", trailer, []string{" is ", " was ", " has been ", " serves as "},
		regexp.MustCompile(bioPattern)},
	{"tags", trailer, []string{"tags", "topics", "filed under", "categor", "source", "keywords"},
		regexp.MustCompile(`^(tags?|topics?|filed under|categor(y|ies)|sources?|keywords)\s*:.{0,200}$`)},
	// Leading-only rules: section labels and teasers before the article.
	{"section-label", leading, []string{""},
		regexp.MustCompile(`^((in|by|posted in|filed under|home|news|menu|from)\s*[,|»>/:·•-]*\s*|[,|»>/:·•-]+)$`)},
	{"teaser", leading, []string{"video", "watch", "photo", "gallery", "audio", "listen", "live", "breaking", "read", "podcast", "exclusive"},
		regexp.MustCompile(`^(video|watch|photos?|gallery|audio|listen|live|live updates|breaking( news)?|read also|also read|podcast)\s*[:|-]\s*.{1,200}$`)},
}

// bioPattern is a short name (one to five words) followed by a role in
// journalism or opinion writing, then "at …", "for …", "of …" or the end of
// the clause.
const bioPattern = `^([a-z][a-z.'’-]*,? ){1,5}(is|was|has been|serves as) (a |an |the )?([a-z0-9][a-z0-9&'’.,-]*\s){0,6}(reporter|correspondent|editor|editor-at-large|writer|columnist|contributor|host|anchor|producer|fellow|analyst|commentator|journalist|author|bureau chief|staff writer|contributing editor|editor emeritus|editor-in-chief)(\s+(at|for|of|with|on|in|and|emeritus)\b|[,.;]|$)`

var bioRe = regexp.MustCompile(bioPattern)

// notNames are first words that start a body sentence rather than a bio.
var notNames = map[string]bool{"the": true, "he": true, "she": true, "it": true, "this": true, "that": true, "they": true,
	"we": true, "i": true, "his": true, "her": true, "our": true, "their": true, "its": true, "there": true, "a": true, "an": true,
	"who": true, "what": true, "which": true, "one": true, "another": true, "but": true, "and": true, "so": true}

// tweetEmbed is the attribution line of an embedded social-media post
// ("— Jane Roe (@janeroe) May 27, 2013"), which quotes content.
var tweetEmbed = regexp.MustCompile(`\(@[a-z0-9_]{1,30}\)\s*([a-z]+\.? \d{1,2}, \d{4})?\.?$`)

// line is one line of the text, with its byte offsets.
type line struct {
	start, end int // content [start,end), without the newline
	next       int // start of the following line
	trim       string
	lower      string // lowercased trim without markers; "" when too long
	prose      bool   // reads as an article paragraph
	marker     bool   // starts with a bullet or dash
	// form names the rule of a sign-up or donation form found by cue
	// scoring ("" for none); head is the lowercased first sentence of a
	// line too long for lower, for the rules that judge a paragraph by
	// its opening.
	form string
	head string
	// keys are the rule keys found in trim (ASCII case folded).
	keys keySet
}

func splitLines(text string) []line {
	var ls []line
	for pos := 0; pos <= len(text); {
		i := strings.IndexByte(text[pos:], '\n')
		end, next := len(text), len(text)+1
		if i >= 0 {
			end, next = pos+i, pos+i+1
		}
		content := text[pos:end]
		l := line{start: pos, end: end, next: min(next, len(text))}
		l.trim = strings.TrimSpace(content)
		if l.trim != "" && len(l.trim) <= maxChromeLine {
			l.lower = strings.ToLower(trimMarkers(l.trim))
		}
		l.prose = isParagraph(l.trim)
		if l.trim != "" && len(l.trim) <= maxFormLine {
			l.marker = strings.ContainsRune("•·*-–—", firstRune(l.trim))
			l.keys = ruleKeys.m.scan(l.trim)
			if l.prose && ruleKeys.headMask.meets(l.keys) {
				if e := firstSentenceEnd(l.trim); e > 0 && e <= maxChromeLine {
					l.head = strings.TrimSpace(strings.ToLower(trimMarkers(l.trim[:e])))
				}
			}
			l.form = formRule(l.keys, len(l.trim))
		}
		ls = append(ls, l)
		pos = next
	}
	return ls
}

// trimMarkers removes list bullets and emphasis around a line.
func trimMarkers(s string) string {
	return strings.TrimSpace(strings.Trim(s, "*•·-–—_#> \t"))
}

// match returns the first rule of the places given that matches lower.
func match(lower string, places ...place) string {
	return matchRules(lower, ruleKeys.m.scan(lower), nil, places...)
}

// proseRules may match a line that reads as a paragraph; the others only
// match short chrome lines.
var proseRules = map[string]bool{"licence": true, "copyright": true, "disclaimer": true, "photo-caption": true, "signature": true,
	"contact": true, "newsletter": true, "credit": true, "bio": true, "social-call": true}

// headRules may judge a long paragraph by its first sentence: the whole
// paragraph is then a bio, a credit or a column's description.
var headRules = map[string]bool{"bio": true, "credit": true, "column-note": true}

// matchLine matches a line's lowercased text; keys are the rule keys in it.
func matchLine(lower string, keys keySet, prose bool, places ...place) string {
	if prose {
		return matchRules(lower, keys, proseRules, places...)
	}
	return matchRules(lower, keys, nil, places...)
}

// lineRule is the rule that makes line l chrome in the places given: a
// line pattern, a sign-up or donation form, a long paragraph's opening,
// or a bio set off by a bullet or dash.
func lineRule(l *line, places ...place) string {
	if r := matchLine(l.lower, l.keys, l.prose, places...); r != "" {
		return r
	}
	if l.trim == "" {
		return ""
	}
	if l.form != "" && slices.Contains(places, anywhere) {
		return l.form
	}
	if l.head != "" {
		if r := matchRules(l.head, l.keys, headRules, places...); r != "" {
			return r
		}
	}
	if !slices.Contains(places, anywhere) {
		return ""
	}
	if l.marker && l.lower != "" && isBio(l.lower) {
		return "bio"
	}
	// "Editor's note: Jane Roe is a columnist for …" above or below an
	// opinion piece.
	for _, note := range []string{"editor's note:", "editor’s note:"} {
		if rest, ok := strings.CutPrefix(l.head, note); ok && isBio(strings.TrimSpace(rest)) {
			return "bio"
		}
	}
	// Leftovers of a video player's markup.
	if strings.Contains(l.trim, `poster="http`) || strings.Contains(l.trim, "<iframe") || strings.Contains(l.trim, "<script") {
		return "widget"
	}
	return ""
}

// isBio reports whether lower opens with a name and a journalist's role.
func isBio(lower string) bool {
	first, _, _ := strings.Cut(lower, " ")
	return !notNames[strings.TrimRight(first, ",")] && bioRe.MatchString(lower)
}

// matchRules returns the first rule (of allow, or any when nil) of the
// places given that matches lower. keys holds the rule keys found in lower
// (a superset does no harm: the rule's pattern decides).
func matchRules(lower string, keys keySet, allow map[string]bool, places ...place) string {
	if lower == "" {
		return ""
	}
	for i := range rules {
		r := &rules[i]
		if allow != nil && !allow[r.name] {
			continue
		}
		ok := false
		for _, p := range places {
			if r.where == p {
				ok = true
				break
			}
		}
		if !ok {
			continue
		}
		if (ruleKeys.always[i] || keys.meets(ruleKeys.masks[i])) && r.re.MatchString(lower) {
			if r.name == "contact" && tweetEmbed.MatchString(lower) {
				continue // an embedded post quoted in the article
			}
			if r.name == "bio" && !isBio(lower) {
				continue
			}
			return r.name
		}
	}
	return ""
}

// Find returns every detected piece of boilerplate with its rule, sorted by
// start. Pieces may touch but do not overlap.
func Find(text string) []Match {
	ms, _ := FindContext(context.Background(), text)
	return ms
}

// linesPerCheck is how many lines the rules weigh between two looks at
// the context.
const linesPerCheck = 1024

// FindContext is Find that stops with ctx's error soon after ctx is
// cancelled.
func FindContext(ctx context.Context, text string) ([]Match, error) {
	ls := splitLines(text)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var out []Match
	add := func(start, end int, rule string) {
		if end > start {
			out = append(out, Match{document.Span{Start: start, End: end}, rule})
		}
	}
	first := firstBodyLine(ls)
	last := lastBodyLine(ls)
	taken := make([]bool, len(ls))

	// Leading chrome: before the first body paragraph.
	// A teaser ("VIDEO: …") is chrome when a headline stands before it, or
	// after it when it is not the text's first line; otherwise it is the
	// headline itself.
	lastHeadline, firstLine := -1, -1
	for i := 0; i < first && i < len(ls); i++ {
		if ls[i].trim == "" {
			continue
		}
		if firstLine < 0 {
			firstLine = i
		}
		if match(ls[i].lower, leading, anywhere) == "" && isTitleLike(ls[i].trim) {
			lastHeadline = i
		}
	}
	headlineBefore := false
	for i := 0; i < first && i < len(ls); i++ {
		r := match(ls[i].lower, leading, anywhere)
		if r == "" && ls[i].trim != "" && isTitleLike(ls[i].trim) {
			headlineBefore = true
		}
		if r == "teaser" && !headlineBefore && (i == firstLine || lastHeadline < i) {
			continue
		}
		if r != "" {
			add(ls[i].start, ls[i].next, r)
			taken[i] = true
		}
	}

	// Trailer: walk back from the end over chrome, blank and title-like
	// lines; the trailer starts at its earliest chrome line.
	tStart, tRule := -1, ""
	i := len(ls) - 1
	for ; i > last && i >= 0; i-- {
		l := ls[i]
		if l.trim == "" {
			continue
		}
		if r := lineRule(&ls[i], trailer, anywhere); r != "" {
			tStart, tRule = i, r
			continue
		}
		if isTitleLike(l.trim) {
			continue
		}
		break
	}
	if tStart >= 0 {
		start := ls[tStart].start + leadingSpace(text[ls[tStart].start:ls[tStart].end])
		add(start, len(text), tRule)
		for j := tStart; j < len(ls); j++ {
			taken[j] = true
		}
	}
	// Sentences at the end of the last paragraph, when the trailer did not
	// stop at a clean line (articles flattened into one line).
	if tStart < 0 || tStart == last+1 || allBlankBetween(ls, last+1, tStart) {
		if last >= 0 && last < len(ls) && !taken[last] && len(ls[last].trim) > maxChromeLine {
			out = append(out, trailingSentences(text, ls[last])...)
		}
	}

	// Chrome lines anywhere else; a "Related:" header takes the list of
	// headlines under it along.
	for i := range ls {
		if i%linesPerCheck == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if taken[i] || i < first {
			continue
		}
		l := &ls[i]
		r := lineRule(l, anywhere)
		if r == "" {
			continue
		}
		add(l.start, l.next, r)
		taken[i] = true
		if r == "read-more" && railHeader.MatchString(l.lower) {
			if items := railBelow(ls, i+1); len(items) > 0 {
				add(l.next, ls[items[len(items)-1]].next, "link-rail")
				for _, j := range items {
					taken[j] = true
				}
			}
		}
	}
	// Runs of headlines under the last paragraph, without a header.
	for _, run := range titleRuns(ls, last) {
		add(ls[run[0]].start, ls[run[len(run)-1]].next, "link-rail")
		for _, j := range run {
			taken[j] = true
		}
	}
	// Related-headline cards flattened into a sentence.
	for i := range ls {
		if i%linesPerCheck == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if i >= first && !taken[i] {
			out = append(out, inlineRails(text, ls[i])...)
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].Start < out[b].Start })
	// Drop overlaps (keep the earlier piece, clipped).
	res := out[:0]
	end := 0
	for _, m := range out {
		if m.Start < end {
			if m.End <= end {
				continue
			}
			m.Start = end
		}
		res = append(res, m)
		end = m.End
	}
	return res, nil
}

func allBlankBetween(ls []line, from, to int) bool {
	if to < 0 {
		return true
	}
	for i := from; i < to && i < len(ls); i++ {
		if ls[i].trim != "" {
			return false
		}
	}
	return true
}

func leadingSpace(s string) int {
	return len(s) - len(strings.TrimLeftFunc(s, unicode.IsSpace))
}

// trailingSentences splits the last paragraph into sentences and marks the
// chrome sentences at its end.
func trailingSentences(text string, l line) []Match {
	content := text[l.start:l.end]
	bounds := sentenceStarts(content)
	var out []Match
	end := len(strings.TrimRightFunc(content, unicode.IsSpace))
	for k := len(bounds) - 1; k > 0; k-- { // never the first sentence
		s := content[bounds[k]:end]
		if len(s) > maxChromeLine {
			break
		}
		r := match(strings.ToLower(trimMarkers(s)), trailer, anywhere)
		if r == "" || r == "captcha" {
			break
		}
		out = append(out, Match{document.Span{Start: l.start + bounds[k], End: l.start + end}, r})
		end = len(strings.TrimRightFunc(content[:bounds[k]], unicode.IsSpace))
	}
	// Extend the last piece to the end of the text's trailing space.
	if len(out) > 0 {
		out[0].End = l.end
	}
	return out
}

// sentenceStarts returns the byte offsets where sentences of s start: 0 and
// each position after a sentence end (wordscan's rule: "Gen. Smith",
// "J. Smith" and "U.S. Army" go on, "Plan B. The" does not), closing
// quotes and space, where an upper-case letter, a digit or "©" follows.
func sentenceStarts(s string) []int {
	starts := []int{0}
	sc := wordscan.NewScanner(s, 0, len(s), wordscan.Options{})
	for {
		t, ok := sc.Next()
		if !ok {
			break
		}
		if !t.SentEnd {
			continue
		}
		j := t.End
		if t.Stop {
			j++
		}
		for j < len(s) && (s[j] == '"' || s[j] == '\'' || s[j] == ')') {
			j++
		}
		if strings.HasPrefix(s[j:], "”") || strings.HasPrefix(s[j:], "’") {
			j += 3
		}
		k := j
		r, size := utf8.DecodeRuneInString(s[k:])
		for k < len(s) && unicode.IsSpace(r) {
			k += size
			r, size = utf8.DecodeRuneInString(s[k:])
		}
		if k == j || k >= len(s) {
			continue
		}
		if unicode.IsUpper(r) || unicode.IsDigit(r) || r == '©' || r == '*' || r == '@' {
			starts = append(starts, k)
		}
	}
	return starts
}

// isParagraph reports whether a line reads as article prose: long enough and
// with sentence punctuation.
func isParagraph(trim string) bool {
	if len(trim) < 100 {
		return false
	}
	words := strings.Count(trim, " ") + 1
	return words >= 15 && strings.ContainsAny(trim, ".,;!?")
}

func firstBodyLine(ls []line) int {
	for i, l := range ls {
		if l.prose {
			return i
		}
	}
	return len(ls)
}

func lastBodyLine(ls []line) int {
	for i := len(ls) - 1; i >= 0; i-- {
		if ls[i].prose && lineRule(&ls[i], trailer, anywhere) == "" {
			return i
		}
	}
	return -1
}

// isTitleLike reports whether a line looks like a headline: a few words,
// starting with a capital, a digit or a quote, not ending as a sentence.
func isTitleLike(trim string) bool {
	if len(trim) < 12 || len(trim) > 160 || strings.Contains(trim, ". ") {
		return false
	}
	words := strings.Fields(trim)
	if len(words) < 3 || len(words) > 24 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(trim)
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'‘“«", r)) {
		return false
	}
	return !strings.HasSuffix(trim, ".") && !strings.HasSuffix(trim, ",") && !strings.HasSuffix(trim, ":") && !strings.HasSuffix(trim, ";")
}

func mergeSpans(s []document.Span) []document.Span {
	if len(s) == 0 {
		return nil
	}
	sort.Slice(s, func(a, b int) bool { return s[a].Start < s[b].Start })
	out := []document.Span{s[0]}
	for _, x := range s[1:] {
		lastp := &out[len(out)-1]
		if x.Start <= lastp.End {
			if x.End > lastp.End {
				lastp.End = x.End
			}
			continue
		}
		out = append(out, x)
	}
	return out
}
