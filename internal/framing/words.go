package framing

import "strings"

// The closed word classes and cue lists that stand in for a part-of-speech
// tagger. All words are in folded form (lower case, plain apostrophes).

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

var (
	determiners = set(`the a an this these those its their his her our your my
		some many several most all any each every no both other another such few
		one two three four five six seven eight nine ten dozens hundreds thousands
		much more less fewer certain various numerous`)

	prepositions = set(`of in on at by for from to with without into onto over under
		about against between among amongst through during after before across along
		around near since until upon within toward towards via per than as like behind
		beyond inside outside beside besides despite throughout amid amidst off out up down`)

	conjunctions = set(`and or but nor so yet because while although though if whether
		that which who whom whose where when what how why unless whereas once then`)

	pronouns = set(`he she it they we i you him her them us me his hers their theirs
		its ours himself herself itself themselves ourselves myself yourself`)

	subjectPronouns = set(`he she they it we i`)

	// verbs are frequent finite verbs, auxiliaries and adverbs that end a
	// noun phrase.
	verbs = set(`is are was were be been being am has have had having do does did
		will would shall should can could may might must not no never also only just
		even still very too now then there here already often always again soon
		get gets got make makes made take takes took go goes went come comes came
		see sees saw seen keep keeps kept hold holds held give gives gave want wants
		need needs use uses used seem seems become became remain remains stay stays
		eye eyes know knows knew think thinks thought show shows showed shown
		accuse accuses accused regard regards regarded call calls called describe
		describes described consider considers considered include includes included
		launch launches launched fight fights fought attack attacks attacked kill
		kills killed bomb bombs bombed target targets targeted oppose opposes opposed
		receive received answer answered declare declared observe observed
		grew went came began fell rose won lost left met ran sat stood brought bought
		fought sought struck spoke broke chose drove flew knew took gave sent spent built
		felt found heard meant paid became withdrew overthrew threw drew shook fled hid
		sank swore wore tore woke rode forgot understood arrived died remained ended
		continued happened failed returned appeared emerged collapsed
		not don't doesn't didn't won't can't isn't aren't wasn't weren't`)

	// attributionVerbs introduce reported speech.
	attributionVerbs = set(`said says say told tells tell added adds stated states
		claimed claims claim alleged alleges insisted insists insist argued argues argue
		noted notes warned warns explained explains declared declares announced announces
		denied denies deny admitted admits acknowledged acknowledges confirmed confirms
		suggested suggests wrote writes tweeted tweets reported reports stressed stresses
		asserted asserts maintained maintains contended contends charged charges
		emphasised emphasized urged urges complained complains vowed vows pledged
		threatened threatens predicted predicts estimated estimates believes believed
		conceded concedes replied replies responded responds remarked commented
		disclosed revealed described`)

	// strictAttributionVerbs also have plain uses ("declared war", "denied
	// involvement"): they attribute only before "that", a pronoun, a quote,
	// a colon or a comma.
	strictAttributionVerbs = set(`declared declares announced announces confirmed confirms
		denied denies deny reported reports revealed disclosed described estimated estimates
		believes believed predicted predicts stressed stresses urged urges vowed vows pledged
		threatened threatens charged charges maintained maintains admitted admits acknowledged
		acknowledges conceded concedes replied replies responded responds remarked commented
		suggested suggests noted notes explained explains warned warns emphasised emphasized
		asserted asserts contended contends complained complains tell alleged`)

	// nounlikeVerbs are also plural nouns ("their home states", "angry
	// tweets"): they attribute only after a name or a pronoun and before
	// reported speech.
	nounlikeVerbs = set(`states reports tweets claims charges notes estimates remarks replies
		comments warns answers writes`)

	// auxiliaries and adverbs may stand between a speaker and the verb.
	auxiliaries = set(`has have had will would could may might must should also
		reportedly previously later earlier repeatedly once recently further
		then publicly privately separately already often`)

	// titles are role nouns that stand before a name.
	titles = set(`president vice prime minister general lieutenant colonel major captain
		commander chief deputy secretary spokesman spokeswoman spokesperson leader
		senator sen. rep. representative governor mayor ambassador envoy official
		director chairman chairwoman head adviser advisor analyst king queen prince
		princess sheikh sheik ayatollah imam cleric martyr sayyed sayyid dr. dr mr mr.
		mrs. ms. sen. rep. gov. gen. lt. col. capt. sgt. prof. rev. adm. maj. cmdr.
		rival ally critic opponent successor predecessor challenger aide colleague
		counterpart partner wife husband son daughter brother sister father mother
		mrs ms professor judge justice admiral brigadier sergeant marshal emir
		premier chancellor speaker founder editor correspondent reporter minister
		activist lawmaker legislator politician businessman businesswoman scholar author
		journalist writer researcher expert economist diplomat negotiator mufti rabbi
		bishop pope patriarch archbishop pastor priest chairperson candidate nominee`)

	// discourseWords open no apposition ("NATO, however, ...").
	discourseWords = set(`however meanwhile too though instead therefore moreover furthermore
		nonetheless nevertheless also indeed then still again now including includes
		for example instance respectively say perhaps yes no well`)

	// nameParticles are lower-case words and prefixes inside names
	// ("al-Maliki", "bin Salman", "van der Leyen").
	nameParticles = set(`al el ad as ash an at az ar ibn bin bint abu de del della der di
		da dos du la le van von ter ten`)

	// groupFamilies maps head nouns of collective designations to a family, so
	// a descriptive phrase ("Iran-backed militia") can be tied to the entity
	// already described with a noun of the same family.
	groupFamilies = map[string]string{}
)

// closedWords merges the function-word classes, looked up once per word.
var closedWords = map[string]bool{}

func init() {
	for _, m := range []map[string]bool{prepositions, conjunctions, pronouns, verbs, attributionVerbs} {
		for w := range m {
			closedWords[w] = true
		}
	}
	for fam, words := range map[string]string{
		"irregular": `militia militias militiaman militiamen paramilitary paramilitaries
			fighters fighter volunteers proxy proxies faction factions guerrilla guerrillas
			mercenary mercenaries`,
		"armed": `force forces unit units brigade brigades troops army armies battalion
			battalions corps`,
		"militant": `militant militants jihadist jihadists terrorist terrorists insurgent
			insurgents rebel rebels extremist extremists`,
		"organisation": `movement movements group groups grouping organisation organization
			organisations organizations party parties network networks`,
	} {
		for _, w := range strings.Fields(words) {
			groupFamilies[w] = fam
		}
	}
}

// isClosed reports whether w is a function word that cannot be part of a
// descriptor's content.
func isClosed(w string) bool { return closedWords[w] }

// compoundSuffixes mark hyphenated adjectives that say who stands behind
// someone ("iran-backed", "kurdish-led").
var compoundSuffixes = []string{"-backed", "-led", "-linked", "-affiliated", "-aligned",
	"-sponsored", "-funded", "-supported", "-allied", "-based", "-controlled", "-run",
	"-inspired", "-leaning", "-armed", "-trained", "-style", "-dominated", "-majority"}

// adjectiveSuffixes are endings that are rare on nouns and verbs.
var adjectiveSuffixes = []string{"ic", "ical", "al", "ive", "ous", "ful", "less", "able",
	"ible", "ary", "ian", "ean", "ish", "ese", "ist", "ite", "ile", "esque"}

// knownAdjectives are frequent descriptor adjectives the suffix rules miss.
var knownAdjectives = set(`senior junior former late top new old main key major minor elite
	hardline hard-line radical moderate armed masked powerful so-called self-styled
	alleged suspected notorious infamous shadowy rogue sectarian secular religious
	shia shi'a shiite shi'ite sunni jewish christian muslim druze alawite kurdish
	arab persian western eastern northern southern foreign local regional national
	popular volunteer heroic brave valiant mostly largely predominantly pro-government
	anti-government pro-iranian pro-western brutal ruthless deadly militant young
	wounded dead fallen martyred exiled ousted embattled besieged beleaguered
	violent prominent independent different recent current significant important dominant
	arrogant defiant vigilant efficient innocent silent absent decent`)

// adjectival reports whether the folded word w looks like an adjective or
// a modifier that describes (not a plain noun or verb).
func adjectival(w string) bool {
	if knownAdjectives[w] {
		return true
	}
	if strings.HasPrefix(w, "anti-") || strings.HasPrefix(w, "pro-") || strings.HasPrefix(w, "non-") ||
		strings.HasPrefix(w, "ex-") || strings.HasPrefix(w, "so-called") {
		return true
	}
	for _, s := range compoundSuffixes {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			return true
		}
	}
	if len(w) < 5 {
		return false
	}
	for _, s := range adjectiveSuffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// nationalityLike reports whether a capitalised word looks like an adjective
// of nationality or faith ("iraqi", "iranian", "kurdish", "shi'ite").
func nationalityLike(w string) bool {
	if knownAdjectives[w] {
		return true
	}
	for _, s := range []string{"i", "ian", "ean", "an", "ese", "ish", "ite", "ic", "ist"} {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return true
		}
	}
	return false
}

// isAdverb reports whether w is an -ly adverb (not "family", "italy").
func isAdverb(w string) bool {
	if !strings.HasSuffix(w, "ly") || len(w) < 5 {
		return false
	}
	switch w {
	case "family", "italy", "rally", "ally", "supply", "reply", "assembly", "monopoly", "anomaly", "july":
		return false
	}
	return true
}
