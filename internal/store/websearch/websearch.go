// Package websearch reads a passage search as a web search box does
// (words that must all occur, "a quoted phrase", -a word to exclude, or
// between alternatives) and writes it for each store's full-text engine:
// SQLite's FTS5 and PostgreSQL's websearch_to_tsquery, so that both stores
// find the same passages for the same query.
//
// Both stores index text split with Words (runs of letters and digits
// after folding), so a word with punctuation inside ("U.S.") becomes a
// phrase of its parts on both sides.
package websearch

import (
	"strings"
	"unicode"

	"github.com/parallaxworkbench/parallax/internal/store/trigram"
)

// Term is a word or a phrase of the query.
type Term struct {
	Words []string // folded; one word, or a phrase
	Not   bool
}

// Query is a disjunction of conjunctions: each group's terms must all
// match (the excluded ones must not), and one group is enough.
type Query struct {
	Groups [][]Term
}

// Empty reports whether the query can find nothing: no group has a word
// that must occur (a query of excluded words only finds nothing, in both
// stores).
func (q Query) Empty() bool { return len(q.Groups) == 0 }

// Words splits folded text into the words both stores index.
func Words(folded string) []string {
	return strings.FieldsFunc(folded, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// IndexText is the text both stores index for text: folded, words
// separated by single spaces.
func IndexText(text string) string {
	return strings.Join(Words(trigram.Fold(text)), " ")
}

// Parse reads a query.
func Parse(s string) Query {
	var q Query
	var group []Term
	flush := func() {
		pos := false
		for _, t := range group {
			if !t.Not {
				pos = true
			}
		}
		if pos {
			q.Groups = append(q.Groups, group)
		}
		group = nil
	}
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		not := false
		if rs[i] == '-' {
			not = true
			i++
		}
		var raw string
		if i < len(rs) && rs[i] == '"' {
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			raw = string(rs[i+1 : min(j, len(rs))])
			i = j + 1
		} else {
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '"' {
				j++
			}
			raw = string(rs[i:j])
			i = j
			if !not && strings.EqualFold(raw, "or") {
				if len(group) > 0 {
					flush()
				}
				continue
			}
		}
		words := Words(trigram.Fold(raw))
		if len(words) > 0 {
			group = append(group, Term{Words: words, Not: not})
		}
	}
	flush()
	return q
}

// FTS5 writes q as an FTS5 match expression; "" when q is Empty.
func (q Query) FTS5() string {
	var groups []string
	for _, g := range q.Groups {
		var pos, neg []string
		for _, t := range g {
			p := `"` + strings.ReplaceAll(strings.Join(t.Words, " "), `"`, `""`) + `"`
			if t.Not {
				neg = append(neg, p)
			} else {
				pos = append(pos, p)
			}
		}
		e := "(" + strings.Join(pos, " AND ") + ")"
		for _, n := range neg {
			e += " NOT " + n
		}
		groups = append(groups, "("+e+")")
	}
	return strings.Join(groups, " OR ")
}

// Web writes q back as a clean web search (for websearch_to_tsquery):
// folded words, phrases quoted, excluded terms with "-", groups joined by
// "or"; "" when q is Empty.
func (q Query) Web() string {
	var groups []string
	for _, g := range q.Groups {
		// Positive terms first, so a group never starts with an exclusion.
		var parts []string
		for pass := 0; pass < 2; pass++ {
			for _, t := range g {
				if t.Not != (pass == 1) {
					continue
				}
				p := strings.Join(t.Words, " ")
				if len(t.Words) > 1 {
					p = `"` + p + `"`
				} else if strings.EqualFold(p, "or") {
					p = `"or"`
				}
				if t.Not {
					p = "-" + p
				}
				parts = append(parts, p)
			}
		}
		groups = append(groups, strings.Join(parts, " "))
	}
	return strings.Join(groups, " or ")
}
