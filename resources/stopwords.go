package resources

// Stopwords is the language profiles' folder (see Lang), whose
// lang/<code>/stopwords.txt are the one stop-word lists. The name stays for
// callers of distinctive.LoadStopwords that predate the merge of the two
// lists; new code loads the profiles and calls distinctive.StopwordsFrom.
var Stopwords = Lang
