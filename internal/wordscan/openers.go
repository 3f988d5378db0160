package wordscan

// maxOpener is the length of the longest entry of openers.
const maxOpener = 9

// openers are words, lower case, that often open a sentence and never
// follow an initial or a title inside a name: after "D.C." or "B." a
// capitalised one means the stop ended the sentence ("in Washington D.C.
// Then", "Plan B. The"), where "J. Smith" or "Gen. Miller" go on. Only
// closed-class words: pronouns, articles, determiners, conjunctions and
// the prepositions and adverbs that start sentences in news prose.
var openers = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"there": true, "here": true, "then": true, "now": true, "it": true, "its": true, "he": true,
	"she": true, "they": true, "we": true, "i": true, "you": true, "his": true, "her": true,
	"their": true, "our": true, "my": true, "your": true, "but": true, "and": true, "or": true,
	"so": true, "yet": true, "if": true, "when": true, "while": true, "after": true, "before": true,
	"in": true, "on": true, "at": true, "as": true, "for": true, "from": true, "with": true,
	"by": true, "to": true, "since": true, "although": true, "though": true, "because": true,
	"however": true, "meanwhile": true, "what": true, "why": true, "how": true, "who": true,
	"where": true, "some": true, "many": true, "most": true, "both": true, "each": true,
	"all": true, "one": true, "also": true, "still": true, "today": true, "yesterday": true,
	"earlier": true, "later": true, "last": true, "next": true, "such": true, "other": true,
}

// isOpener reports whether word, in any case, is an entry of openers.
func isOpener(word string) bool {
	if len(word) > maxOpener {
		return false
	}
	var b [maxOpener]byte
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		} else if c >= 0x80 {
			return false // every entry is ASCII
		}
		b[i] = c
	}
	return openers[string(b[:len(word)])]
}
