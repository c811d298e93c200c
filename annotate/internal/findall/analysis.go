package findall

// This file reads off an expression's syntax tree what the prefilter rests on: the factors,
// strings one of which every match contains, and the ASCII runes a match can hold, whose
// complement gives the cuts.

import (
	"math"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxFactorSet bounds the sets of strings the analysis keeps.
const maxFactorSet = 64

// reInfo is what the analysis knows of a subexpression. Strings are canonical: ASCII letters
// in lower case, ſ as s, K as k, anything else as its UTF-8 bytes.
type reInfo struct {
	exact    []string // every match is one of these; nil when unknown or too many
	factors  []string // every match contains one of these; nil when nothing is known
	nullable bool     // it can match the empty string (when exact is nil)
}

// best returns the most selective set of strings one of which every match contains, or nil.
func (in reInfo) best() []string {
	if in.exact != nil && !slices.Contains(in.exact, "") {
		return pickFactors(in.exact, in.factors)
	}
	return in.factors
}

// canBeEmpty reports whether the subexpression can match the empty string.
func (in reInfo) canBeEmpty() bool {
	if in.exact != nil {
		return slices.Contains(in.exact, "")
	}
	return in.nullable
}

func bestFactors(in reInfo) []string {
	return minimizeFactors(in.best())
}

// analyze computes what is known of the strings matched by re.
func analyze(re *syntax.Regexp) reInfo {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return reInfo{exact: []string{""}}
	case syntax.OpLiteral:
		exact := []string{""}
		for _, r := range re.Rune {
			exact = concatAll(exact, runeForms(r, re.Flags&syntax.FoldCase != 0))
			if exact == nil {
				// Too many spellings: fall back to the runes one by one.
				subs := make([]*syntax.Regexp, len(re.Rune))
				for i, r := range re.Rune {
					subs[i] = &syntax.Regexp{Op: syntax.OpLiteral, Flags: re.Flags, Rune: []rune{r}}
				}
				return analyze(&syntax.Regexp{Op: syntax.OpConcat, Sub: subs})
			}
		}
		return reInfo{exact: exact}
	case syntax.OpCharClass:
		return reInfo{exact: classForms(re.Rune)}
	case syntax.OpCapture:
		return analyze(re.Sub[0])
	case syntax.OpStar:
		return reInfo{nullable: true}
	case syntax.OpQuest:
		sub := analyze(re.Sub[0])
		if sub.exact != nil {
			if exact := unionAll(sub.exact, []string{""}); exact != nil {
				return reInfo{exact: exact}
			}
		}
		return reInfo{nullable: true}
	case syntax.OpPlus:
		sub := analyze(re.Sub[0])
		return reInfo{factors: sub.best(), nullable: sub.canBeEmpty()}
	case syntax.OpRepeat:
		sub := analyze(re.Sub[0])
		if re.Min == 0 {
			return reInfo{nullable: true}
		}
		return reInfo{factors: sub.best(), nullable: sub.canBeEmpty()}
	case syntax.OpConcat:
		return analyzeConcat(re.Sub)
	case syntax.OpAlternate:
		var out reInfo
		for i, sub := range re.Sub {
			in := analyze(sub)
			if i == 0 {
				out.exact, out.factors, out.nullable = in.exact, in.best(), in.canBeEmpty()
				continue
			}
			out.exact = unionAll(out.exact, in.exact)
			out.nullable = out.nullable || in.canBeEmpty()
			if b := in.best(); out.factors != nil && b != nil {
				out.factors = unionAll(out.factors, b)
			} else {
				out.factors = nil
			}
		}
		return out
	}
	// OpAnyChar, OpAnyCharNotNL, OpNoMatch and anything new: nothing known.
	return reInfo{nullable: true}
}

// analyzeConcat multiplies out runs of subexpressions whose exact sets are known, and picks
// the most selective of those products and the subexpressions' own factor sets.
func analyzeConcat(subs []*syntax.Regexp) reInfo {
	infos := make([]reInfo, len(subs))
	for i, sub := range subs {
		infos[i] = analyze(sub)
	}
	run := []string{""}
	var candidates []string
	allExact := true
	for _, in := range infos {
		if in.exact != nil {
			if next := concatAll(run, in.exact); next != nil {
				run = next
				continue
			}
			allExact = false
			candidates = pickFactors(candidates, run)
			run = in.exact
			continue
		}
		allExact = false
		candidates = pickFactors(candidates, run)
		candidates = pickFactors(candidates, in.best())
		run = []string{""}
	}
	if allExact {
		return reInfo{exact: run}
	}
	out := reInfo{factors: pickFactors(candidates, run), nullable: true}
	for _, in := range infos {
		out.nullable = out.nullable && in.canBeEmpty()
	}
	return out
}

// pickFactors returns the more selective of two factor sets: the one expected to occur less
// often in English text (see factorCost). A set holding "" says nothing.
func pickFactors(a, b []string) []string {
	a, b = minimizeFactors(a), minimizeFactors(b)
	ca, cb := factorCost(a), factorCost(b)
	if ca <= cb {
		if math.IsInf(ca, 1) {
			return nil
		}
		return a
	}
	return b
}

// factorCost estimates how often one of the strings of s occurs at a given position of
// English text: the sum over the strings of the product of their bytes' frequencies. It is
// +Inf for an empty set, or one holding "", which says nothing.
func factorCost(s []string) float64 {
	if len(s) == 0 {
		return math.Inf(1)
	}
	total := 0.0
	for _, x := range s {
		if x == "" {
			return math.Inf(1)
		}
		p := 1.0
		for i := 0; i < len(x); i++ {
			p *= byteFrequency(x[i])
		}
		total += p
	}
	return total
}

// byteFrequency is the rough frequency of byte c in English news text: letters by their
// usual frequencies, a space or digit as common, anything else as rare.
func byteFrequency(c byte) float64 {
	const letters = "etaoinshrdlcumwfgypbvkjxqz" // most to least frequent
	switch {
	case 'a' <= c && c <= 'z':
		// From about 0.10 for e down to about 0.001 for z.
		rank := strings.IndexByte(letters, c)
		return 0.10 * math.Pow(0.83, float64(rank))
	case c == ' ':
		return 0.15
	case '0' <= c && c <= '9':
		return 0.01
	}
	return 0.005
}

// minimizeFactors drops duplicates and every string that contains another string of the set
// (a text containing "weekend" contains "week"), and sorts the rest.
func minimizeFactors(s []string) []string {
	if s == nil {
		return nil
	}
	s = slices.Clone(s)
	slices.SortFunc(s, func(a, b string) int { return len(a) - len(b) })
	var out []string
	for _, x := range s {
		redundant := false
		for _, y := range out {
			if strings.Contains(x, y) {
				redundant = true
				break
			}
		}
		if !redundant {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// concatAll returns every concatenation of a string of a with one of b, or nil if there would be
// more than maxFactorSet.
func concatAll(a, b []string) []string {
	if a == nil || b == nil || len(a)*len(b) > maxFactorSet {
		return nil
	}
	out := make([]string, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return dedupe(out)
}

// unionAll returns the strings of a and b, or nil if either is nil or there would be more than
// maxFactorSet.
func unionAll(a, b []string) []string {
	if a == nil || b == nil {
		return nil
	}
	out := dedupe(append(slices.Clone(a), b...))
	if len(out) > maxFactorSet {
		return nil
	}
	return out
}

func dedupe(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// canonical returns the string the filter's automaton sees for rune r.
func canonical(r rune) string {
	switch {
	case 'A' <= r && r <= 'Z':
		return string(r + 'a' - 'A')
	case r == 'ſ':
		return "s"
	case r == '\u212a':
		return "k"
	}
	return string(r)
}

// runeForms returns the canonical strings of the runes a literal rune r matches.
func runeForms(r rune, fold bool) []string {
	forms := []string{canonical(r)}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			forms = append(forms, canonical(f))
		}
	}
	return dedupe(forms)
}

// classForms returns the canonical strings of the runes of a character class (pairs of
// inclusive bounds), or nil if there are more than maxClassForms.
func classForms(ranges []rune) []string {
	const maxClassForms = 16
	var forms []string
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i+1]-ranges[i] >= 2*maxClassForms {
			return nil
		}
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			forms = append(forms, canonical(r))
		}
	}
	forms = dedupe(forms)
	if len(forms) == 0 || len(forms) > maxClassForms {
		return nil
	}
	return forms
}

// hasTextAnchor reports whether re uses ^, $, \A or \z, which read the ends of the text.
func hasTextAnchor(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return true
	}
	for _, sub := range re.Sub {
		if hasTextAnchor(sub) {
			return true
		}
	}
	return false
}

// runeSet is the set of ASCII runes an expression can match, and whether it can match
// anything beyond ASCII (which the filter never cuts at anyway).
type runeSet struct{ ascii [utf8.RuneSelf]bool }

func (s *runeSet) has(r rune) bool { return s.ascii[r] }

func (s *runeSet) addRange(lo, hi rune) {
	for r := max(lo, 0); r <= hi && r < utf8.RuneSelf; r++ {
		s.ascii[r] = true
	}
}

// addTree adds every rune re can match, with its case folds.
func (s *runeSet) addTree(re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			s.addRange(r, r)
			if re.Flags&syntax.FoldCase != 0 {
				for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
					s.addRange(f, f)
				}
			}
		}
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			s.addRange(re.Rune[i], re.Rune[i+1])
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		s.addRange(0, utf8.RuneSelf-1)
	}
	for _, sub := range re.Sub {
		s.addTree(sub)
	}
}

// isWordByte reports whether \b counts c as a word character.
func isWordByte(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
