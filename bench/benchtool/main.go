// Command benchtool prepares and checks the inputs of bench/run.sh: a corpus made by
// repeating real news texts, a generated term list as a slant rubric and as an equivalent
// Vale rule.
//
//	benchtool corpus -src ../shared/corpus -out DIR -mb 100 -big-mb 8
//	benchtool terms -src ../shared/corpus -n 10000 -rubric terms.toml -vale styles/Bench/Terms.yml
//
// It is not part of slant; it exists so that the benchmark needs nothing but Go and bash.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/slant-news/slant/internal/newscorpus"
)

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	var err error
	switch os.Args[1] {
	case "corpus":
		err = corpusCmd(os.Args[2:])
	case "terms":
		err = termsCmd(os.Args[2:])
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "benchtool: %v\n", err)
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: benchtool corpus|terms [flags]")
	os.Exit(2)
}

// sourceTexts returns the texts of the shared corpus the benchmark is built from, in a fixed
// order (newscorpus.Globs).
func sourceTexts(src string) ([][]byte, error) {
	texts, err := newscorpus.Articles(src)
	if err == nil && len(texts) == 0 {
		err = fmt.Errorf("no texts under %s (want ptc/articles, polnear/text, seed)", src)
	}
	return texts, err
}

// corpusCmd writes the benchmark corpus: the source texts repeated, one article per file,
// until the corpus holds -mb megabytes, of which -big-mb are one large document made of
// articles one after another (to show that memory follows the largest document, not the
// corpus). Files go in numbered directories of at most 1000.
func corpusCmd(args []string) error {
	fs := flag.NewFlagSet("corpus", flag.ExitOnError)
	src := fs.String("src", "../shared/corpus", "the shared corpus")
	out := fs.String("out", "", "directory to write (created)")
	mb := fs.Float64("mb", 100, "size of the corpus in MB (10^6 bytes)")
	bigMB := fs.Float64("big-mb", 8, "size of the one large document in MB (0: none)")
	_ = fs.Parse(args)
	if *out == "" {
		return errors.New("corpus: -out is required")
	}
	texts, err := sourceTexts(*src)
	if err != nil {
		return err
	}
	total := int64(*mb * 1e6)
	bigSize := int64(*bigMB * 1e6)
	var written, largest int64
	files := 0
	write := func(data []byte) error {
		dir := filepath.Join(*out, fmt.Sprintf("%03d", files/1000))
		if files%1000 == 0 {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%06d.txt", files)), data, 0o644); err != nil {
			return err
		}
		files++
		written += int64(len(data))
		largest = max(largest, int64(len(data)))
		return nil
	}
	next := 0
	if bigSize > 0 {
		var big []byte
		for int64(len(big)) < bigSize {
			big = append(big, texts[next%len(texts)]...)
			big = append(big, "\n\n"...)
			next++
		}
		if err := write(big); err != nil {
			return err
		}
	}
	for written < total {
		if err := write(texts[next%len(texts)]); err != nil {
			return err
		}
		next++
	}
	fmt.Printf("files=%d bytes=%d largest=%d\n", files, written, largest)
	return nil
}

// termsCmd generates a term list from the words of the source texts and writes it as a
// slant rubric (one terms rule, voice any, no inflection) and as a Vale existence rule with
// the same terms (ignorecase, Vale's default word template \b(?:term|...)\b).
//
// The comparison is made like for like by the choice of terms:
//
//   - Terms are single words and two-word phrases of ASCII letters. No word is used by two
//     terms, so no two occurrences of terms overlap or nest, and slant (which reports every
//     occurrence of every term) and Vale (one regular expression, leftmost-first, no
//     overlaps) report the same set.
//   - Word boundaries: slant's words are its tokens (letters, digits and marks, joined by
//     inner hyphens and apostrophes: "anti-war", "don't"; a possessive "x's" counts as "x");
//     Vale's \b (regexp2) separates runs of letters, non-spacing marks, digits and connector
//     punctuation such as "_". Phrases: slant allows any white space between the words but
//     not a blank line; Vale's term has one space. So each candidate term's occurrences are
//     found in the source texts under both definitions, and a term is kept only if they
//     are the same occurrences. On this corpus the two tools must then find exactly the
//     same matches; any difference in the counts is a bug in one of them.
//   - Case: both fold case; the texts hold no ſ or K (Kelvin sign), the only characters
//     whose case folding differs between the two.
//
// Terms that occur are the rarest phrases and words of the texts, so that the matches are
// about as many as the default rubric's findings and writing them stays a small part of the
// work; the other terms are made up and occur nowhere.
func termsCmd(args []string) error {
	fs := flag.NewFlagSet("terms", flag.ExitOnError)
	src := fs.String("src", "../shared/corpus", "the shared corpus")
	n := fs.Int("n", 10000, "number of terms")
	phrases := fs.Int("phrases", 500, "how many terms are two-word phrases of the texts")
	words := fs.Int("words", 1500, "how many terms are single words of the texts (the rarest)")
	rubric := fs.String("rubric", "", "slant rubric to write")
	extends := fs.Bool("extends-default", false, "make the rubric extend the default rubric")
	vale := fs.String("vale", "", "Vale rule (YAML) to write")
	_ = fs.Parse(args)
	texts, err := sourceTexts(*src)
	if err != nil {
		return err
	}
	slantOcc := map[string][]int{} // term -> text index * 1e8 + byte offset of each occurrence
	valeOcc := map[string][]int{}
	freq := map[string]int{}
	for ti, t := range texts {
		text := string(t)
		base := ti * 1e8
		toks := slantTokens(text)
		for i, tk := range toks {
			if !isASCIIWord(tk.key) {
				continue
			}
			freq[tk.key]++
			slantOcc[tk.key] = append(slantOcc[tk.key], base+tk.start)
			if i+1 < len(toks) && isASCIIWord(toks[i+1].key) && toks[i+1].block == tk.block && allSpace(text[tk.end:toks[i+1].start]) {
				k := tk.key + " " + toks[i+1].key
				slantOcc[k] = append(slantOcc[k], base+tk.start)
			}
		}
		runs := valeRuns(text)
		for i, r := range runs {
			if !isASCIIWord(r.key) {
				continue
			}
			valeOcc[r.key] = append(valeOcc[r.key], base+r.start)
			if i+1 < len(runs) && isASCIIWord(runs[i+1].key) && text[r.end:runs[i+1].start] == " " {
				k := r.key + " " + runs[i+1].key
				valeOcc[k] = append(valeOcc[k], base+r.start)
			}
		}
	}
	agree := func(term string) bool {
		a, b := slantOcc[term], valeOcc[term]
		if len(a) != len(b) || len(a) == 0 {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	used := map[string]bool{}
	var terms []string
	// Phrases: the rarest pairs of words that occur at least twice.
	var pairs []string
	for k := range slantOcc {
		if w := strings.Fields(k); len(w) == 2 && w[0] != w[1] && len(slantOcc[k]) >= 2 {
			pairs = append(pairs, k)
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if len(slantOcc[pairs[i]]) != len(slantOcc[pairs[j]]) {
			return len(slantOcc[pairs[i]]) < len(slantOcc[pairs[j]])
		}
		return pairs[i] < pairs[j]
	})
	nphrases := 0
	for _, p := range pairs {
		if nphrases >= *phrases {
			break
		}
		w := strings.Fields(p)
		if used[w[0]] || used[w[1]] || !agree(p) || !agree(w[0]) || !agree(w[1]) {
			continue
		}
		used[w[0]], used[w[1]] = true, true
		terms = append(terms, p)
		nphrases++
	}
	// Single words: the rarest words of three letters or more.
	byFreq := make([]string, 0, len(freq))
	for w := range freq {
		byFreq = append(byFreq, w)
	}
	sort.Slice(byFreq, func(i, j int) bool {
		if freq[byFreq[i]] != freq[byFreq[j]] {
			return freq[byFreq[i]] < freq[byFreq[j]]
		}
		return byFreq[i] < byFreq[j]
	})
	nwords := 0
	for _, w := range byFreq {
		if nwords >= *words || len(terms) >= *n {
			break
		}
		if used[w] || len(w) < 3 || !agree(w) {
			continue
		}
		used[w] = true
		terms = append(terms, w)
		nwords++
	}
	// The rest: words of the texts with "qz" added, which occur nowhere. A large list in
	// real use is mostly words a given text does not contain; these cost the matchers all the
	// same.
	for i := 0; len(terms) < *n; i++ {
		w := byFreq[len(byFreq)-1-i%len(byFreq)] + "qz"
		if i >= len(byFreq) {
			w = fmt.Sprintf("%sqz%d", w, i/len(byFreq))
		}
		if !used[w] {
			used[w] = true
			terms = append(terms, w)
		}
	}
	sort.Strings(terms)
	if *rubric != "" {
		if err := writeRubric(*rubric, terms, *extends); err != nil {
			return err
		}
	}
	if *vale != "" {
		if err := writeVale(*vale, terms); err != nil {
			return err
		}
	}
	fmt.Printf("terms=%d (%d phrases and %d words of the texts, the rest made up)\n", len(terms), nphrases, nwords)
	return nil
}

// word is a word found in a text: its folded form, its byte range and its paragraph.
type word struct {
	key        string
	start, end int
	block      int
}

// slantTokens splits text into words as slant's tokenizer does (annotate/tokens.go):
// letters, digits and marks, with ' ’ - ‐ ‑ inside a word when a letter or digit follows;
// lower case; a possessive "x's" keyed as "x". Paragraphs end at blank lines.
func slantTokens(text string) []word {
	var out []word
	block := 0
	rs := []rune(text)
	offs := make([]int, len(rs)+1)
	o := 0
	for i, r := range rs {
		offs[i] = o
		o += len(string(r))
	}
	offs[len(rs)] = o
	isCont := func(i int) bool { return i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i])) }
	for i := 0; i < len(rs); {
		r := rs[i]
		if r == '\n' {
			j := i + 1
			for j < len(rs) && strings.ContainsRune(" \t\r\f\v\ufeff", rs[j]) {
				j++
			}
			if j < len(rs) && rs[j] == '\n' {
				block++
			}
			i++
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i++
			continue
		}
		var key strings.Builder
		j := i
		end := i
		for j < len(rs) {
			c := rs[j]
			if strings.ContainsRune("'’-‐‑", c) {
				if !isCont(j + 1) {
					break
				}
				if c == '’' {
					c = '\''
				} else if c != '\'' {
					c = '-'
				}
				key.WriteRune(c)
				j++
				continue
			}
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !unicode.IsMark(c) {
				break
			}
			key.WriteRune(unicode.ToLower(c))
			j++
			end = j
		}
		k := strings.TrimSuffix(key.String(), "'s")
		out = append(out, word{key: k, start: offs[i], end: offs[end], block: block})
		i = end
	}
	return out
}

// valeRuns splits text into the runs of word characters that regexp2's \b separates:
// letters, non-spacing marks, decimal digits, connector punctuation, ZWJ and ZWNJ.
func valeRuns(text string) []word {
	var out []word
	isWord := func(r rune) bool {
		return unicode.In(r, unicode.L, unicode.Mn, unicode.Nd, unicode.Pc) || r == '\u200d' || r == '\u200c'
	}
	start := -1
	var key strings.Builder
	for i, r := range text {
		if isWord(r) {
			if start < 0 {
				start = i
				key.Reset()
			}
			key.WriteRune(unicode.ToLower(r))
			continue
		}
		if start >= 0 {
			out = append(out, word{key: key.String(), start: start, end: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{key: key.String(), start: start, end: len(text)})
	}
	return out
}

func isASCIIWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'a' || s[i] > 'z' {
			return false
		}
	}
	return true
}

func allSpace(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func writeRubric(path string, terms []string, extends bool) error {
	var b strings.Builder
	b.WriteString("# Generated by bench/benchtool: a rubric of many terms, for the benchmark.\n")
	b.WriteString("name = \"bench-terms\"\nversion = \"1\"\nlanguage = \"en\"\n")
	b.WriteString("description = \"Generated terms for the benchmark.\"\n")
	if extends {
		b.WriteString("extends = [\"default\"]\n")
	}
	b.WriteString("\n[[rules]]\nid = \"bench.terms\"\ncategory = \"bench\"\nseverity = \"info\"\nvoice = \"any\"\n")
	b.WriteString("kind = \"terms\"\nmessage = \"Term “{match}”\"\nexplain = \"A generated term.\"\n")
	fmt.Fprintf(&b, "examples = { flag = [%q], pass = [%q] }\n", "It was "+terms[0]+".", "Nothing here.")
	b.WriteString("terms = [\n")
	for _, t := range terms {
		fmt.Fprintf(&b, "  %q,\n", t)
	}
	b.WriteString("]\n")
	return writeFile(path, b.String())
}

// writeVale writes the terms as one Vale existence rule, the way a Vale user would.
func writeVale(path string, terms []string) error {
	var b strings.Builder
	b.WriteString("# Generated by bench/benchtool: the benchmark's terms as one existence rule.\n")
	b.WriteString("extends: existence\nmessage: \"Term '%s'\"\nlevel: suggestion\nscope: text\nignorecase: true\ntokens:\n")
	for _, t := range terms {
		fmt.Fprintf(&b, "  - '%s'\n", t)
	}
	return writeFile(path, b.String())
}

func writeFile(path, s string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(s), 0o644)
}
