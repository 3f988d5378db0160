package main

import "strings"

// localeVars are the variables the locale is read from, strongest first.
var localeVars = []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"}

// parseableLocale replaces the C and POSIX locales, which Fyne cannot parse
// (it logs "Error parsing user locale" on every start), with en_US.UTF-8:
// Parallax's own texts are English either way, and a document's language
// never depends on the user's locale. get and set are os.Getenv and
// os.Setenv, passed in so that tests need not change the process. Fyne's
// lang package reads the locale once more while it initialises, before
// main runs, and logs that error then; scripts/run-demo.sh sets the
// locale before the app starts for that reason.
func parseableLocale(get func(string) string, set func(string, string) error) error {
	for _, k := range localeVars {
		v := get(k)
		base, _, _ := strings.Cut(v, ".")
		if base == "C" || base == "POSIX" {
			if err := set(k, "en_US.UTF-8"); err != nil {
				return err
			}
		}
	}
	return nil
}
