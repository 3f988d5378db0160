package wordscan

// maxAbbrev is the length of the longest entry of abbreviations.
const maxAbbrev = 5

// abbreviations are words, lower case and without their full stop, whose
// stop does not end a sentence. It is the union of the lists entity,
// framing and boilerplate kept apart before: titles and ranks ("Gen.
// Smith"), name suffixes, company forms, place words ("St.", "Mt.",
// "Ft."), months written short and "No."/"vs.". Words that are also
// common English words at the end of a sentence ("us", "in", "am") are
// left out on purpose: missing a sentence end there costs more than a
// rare false split after the abbreviation.
var abbreviations = map[string]bool{
	// titles and ranks
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "rev": true,
	"sen": true, "sens": true, "rep": true, "reps": true, "gov": true, "pres": true,
	"gen": true, "gens": true, "lt": true, "col": true, "capt": true, "sgt": true,
	"maj": true, "adm": true, "brig": true, "cmdr": true, "supt": true,
	// name suffixes
	"jr": true, "sr": true,
	// companies
	"inc": true, "corp": true, "co": true, "ltd": true,
	// places
	"st": true, "mt": true, "ft": true,
	// months written short
	"jan": true, "feb": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true,
	// others
	"no": true, "vs": true,
}
