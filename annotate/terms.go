package annotate

import (
	"strings"
)

// termIndex matches the terms of many rules in one pass over a block's words: a trie keyed
// by folded words, so the cost per word is one map lookup whatever the number of terms.
type termIndex struct {
	root trieNode
	size int
}

type trieNode struct {
	next map[string]*trieNode
	hits []termHit
}

// termHit is a term ending at a trie node: which rule it belongs to and the term as written.
type termHit struct {
	owner int    // an index chosen by the caller (a rule's position)
	term  string // the rubric's term this variant came from ("allege" for "allegedly")
	exact string // the variant as written, for case-sensitive rules; "" otherwise
}

// add puts a phrase (already split into folded words) into the index.
func (ix *termIndex) add(words []string, hit termHit) {
	n := &ix.root
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		child, ok := n.next[w]
		if !ok {
			child = &trieNode{}
			n.next[w] = child
		}
		n = child
	}
	for _, h := range n.hits {
		if h == hit {
			return
		}
	}
	n.hits = append(n.hits, hit)
	ix.size++
}

// child returns the node for the folded word key, reading a possessive "x's" as "x" when
// "x's" itself is not a term.
func (n *trieNode) child(key []byte) *trieNode {
	if c, ok := n.next[string(key)]; ok {
		return c
	}
	if k := len(key); k > 2 && key[k-2] == '\'' && key[k-1] == 's' {
		return n.next[string(key[:k-2])]
	}
	return nil
}

// termMatch is one occurrence of a term in a block's text.
type termMatch struct {
	hit        termHit
	start, end int // byte range in the block text
}

// match calls emit for every occurrence of every term in toks. Phrases match only across
// white space, never across punctuation.
func (ix *termIndex) match(toks *tokens, emit func(termMatch)) {
	if ix.root.next == nil {
		return
	}
	for i := range toks.list {
		n := ix.root.child(toks.key(i))
		for j := i; n != nil; {
			for _, h := range n.hits {
				if h.exact != "" && !sameWords(toks.text[toks.list[i].start:toks.list[j].end], h.exact) {
					continue
				}
				emit(termMatch{hit: h, start: toks.list[i].start, end: toks.list[j].end})
			}
			if n.next == nil || j+1 >= len(toks.list) || !toks.spaceBetween(j) {
				break
			}
			j++
			n = n.child(toks.key(j))
		}
	}
}

// sameWords compares a matched text with a phrase word by word, ignoring how much white space
// separates the words.
func sameWords(text, phrase string) bool {
	return strings.Join(strings.Fields(text), " ") == strings.Join(strings.Fields(phrase), " ")
}

// Inflections returns word and its simple English inflections: plural and third person (-s,
// -es, -ies), past (-ed, -d, -ied, doubled consonant), present participle (-ing), and adverbs
// (-ly, -edly, -ily). They over-generate ("thugged" and "thuged"); the extra forms never occur
// in text, so they cost nothing but memory.
func Inflections(word string) []string {
	w := strings.ToLower(word)
	forms := []string{w}
	add := func(s ...string) { forms = append(forms, s...) }
	n := len(w)
	if n < 3 {
		return forms
	}
	last := w[n-1]
	switch {
	case last == 'e':
		stem := w[:n-1]
		add(w+"s", w+"d", stem+"ing", w+"ly", w+"dly")
	case last == 'y' && !isVowel(w[n-2]):
		stem := w[:n-1]
		add(stem+"ies", stem+"ied", stem+"ily", w+"ing")
	case last == 's' || last == 'x' || last == 'z' || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh"):
		add(w+"es", w+"ed", w+"ing", w+"ly", w+"edly")
	default:
		add(w+"s", w+"ed", w+"ing", w+"ly", w+"edly")
		if isConsonant(last) && isVowel(w[n-2]) && isConsonant(w[n-3]) && last != 'w' && last != 'y' {
			d := w + string(last)
			add(d+"ed", d+"ing", d+"edly")
		}
	}
	return forms
}

func isVowel(c byte) bool {
	return strings.IndexByte("aeiou", c) >= 0
}

func isConsonant(c byte) bool {
	return 'a' <= c && c <= 'z' && !isVowel(c)
}
