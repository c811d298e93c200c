package annotate

import (
	"slices"
	"strings"

	"github.com/slant-news/slant/annotate/internal/words"
)

// termIndex matches the terms of many rules in one pass over a block's words: a trie keyed
// by folded words, so the cost per word is one hash-table probe whatever the number of terms.
//
// The trie's edges live in one open-addressing hash table keyed by (node, word hash), with
// the words' bytes in one arena; the tokenizer computes each word's hash as it folds it, so
// a lookup hashes nothing and allocates nothing.
type termIndex struct {
	nodes     []trieNode // nodes[0] is the root
	edges     []trieEdge // len is a power of two; child 0 marks an empty slot
	shift     uint       // 64 - log2(len(edges))
	edgeWords []byte     // the edges' words, one after another
	nedges    int
	size      int // number of hits

	hitArena []termHit // storage for the nodes' first hits

	// rootBits has a bit set for the hash of every word that starts a term, so that most
	// words of a text, which start none, are turned away without touching the table.
	rootBits []uint64
	rootMask uint64
	roots    int // words that start a term
}

type trieNode struct {
	hits []termHit
	// next is a Bloom filter, two bits per word, of the words on the edges that leave this
	// node; zero when none leaves. Common words start many phrases ("it is believed", "a
	// so-called"), and the word after them mostly continues none: the filter turns it away
	// without a probe of the edge table, which is too large to stay in the cache.
	next [2]uint64
}

// nextBits returns the two bits of a word's hash in a node's filter of next words.
func nextBits(hash uint64) (b1, b2 uint64) {
	m := hash * 0x9e3779b97f4a7c15
	return m >> 57, (m >> 50) & 127
}

func (n *trieNode) addNext(hash uint64) {
	b1, b2 := nextBits(hash)
	n.next[b1/64] |= 1 << (b1 % 64)
	n.next[b2/64] |= 1 << (b2 % 64)
}

// hasNext reports whether some edge leaves the node.
func (n *trieNode) hasNext() bool { return n.next != [2]uint64{} }

// mayFollow reports whether an edge leaving the node may have a word with this hash.
func (n *trieNode) mayFollow(hash uint64) bool {
	b1, b2 := nextBits(hash)
	return n.next[b1/64]&(1<<(b1%64)) != 0 && n.next[b2/64]&(1<<(b2%64)) != 0
}

// trieEdge goes from node parent to node child by a folded word.
type trieEdge struct {
	hash          uint64 // keyHash of the word
	parent, child int32
	word, wordEnd int32 // the word is words[word:wordEnd]
}

// termHit is a term ending at a trie node: which rule it belongs to and the term as written.
type termHit struct {
	owner     int    // an index chosen by the caller (a rule's position)
	term      string // the rubric's term this variant came from ("allege" for "allegedly")
	exact     string // the variant as written, for case-sensitive rules; "" otherwise
	exception bool   // an exception phrase of rule owner, not a term
}

// add puts a phrase (already split into folded words) into the index.
func (ix *termIndex) add(wordList []string, hit termHit) {
	if len(ix.nodes) == 0 {
		ix.nodes = append(ix.nodes, trieNode{}) // the root
	}
	n := int32(0)
	for _, w := range wordList {
		h := words.KeyHash([]byte(w))
		child := ix.find(n, []byte(w), h)
		if child == 0 {
			child = int32(len(ix.nodes))
			ix.nodes = append(ix.nodes, trieNode{})
			ix.insert(trieEdge{hash: h, parent: n, child: child}, w)
			ix.nodes[n].addNext(h)
			if n == 0 {
				ix.addRoot(h)
			}
		}
		n = child
	}
	node := &ix.nodes[n]
	for _, h := range node.hits {
		if h == hit {
			return
		}
	}
	if node.hits == nil {
		// A node's first hit comes from one arena for all (most nodes have one), capped so
		// that a second hit makes the node a slice of its own.
		k := len(ix.hitArena)
		ix.hitArena = append(ix.hitArena, hit)
		node.hits = ix.hitArena[k : k+1 : k+1]
	} else {
		node.hits = append(node.hits, hit)
	}
	ix.size++
}

// addRoot sets the bit of a word that starts a term, keeping the filter at 16 bits or more
// per word (about 1 in 20 other words gets through).
func (ix *termIndex) addRoot(hash uint64) {
	ix.roots++
	if 16*ix.roots > len(ix.rootBits)*64 {
		ix.rootBits = make([]uint64, max(1024, 2*len(ix.rootBits)))
		ix.rootMask = uint64(len(ix.rootBits)*64 - 1)
		for _, e := range ix.edges {
			if e.child != 0 && e.parent == 0 {
				ix.setRoot(e.hash)
			}
		}
	}
	ix.setRoot(hash)
}

func (ix *termIndex) setRoot(hash uint64) {
	b := hash & ix.rootMask
	ix.rootBits[b/64] |= 1 << (b % 64)
}

// mayStart reports whether a word with this hash may start a term.
func (ix *termIndex) mayStart(hash uint64) bool {
	b := hash & ix.rootMask
	return ix.rootBits[b/64]&(1<<(b%64)) != 0
}

// mayFollow reports whether an edge from node n may have a word with this hash.
func (ix *termIndex) mayFollow(n int32, hash uint64) bool {
	if n == 0 {
		return ix.mayStart(hash)
	}
	return ix.nodes[n].mayFollow(hash)
}

// slot returns where the search for the edge (parent, hash) starts.
func (ix *termIndex) slot(parent int32, hash uint64) uint64 {
	return ((hash ^ uint64(parent)*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9) >> ix.shift
}

// find returns the child of node parent by the folded word key with hash keyHash(key), or 0.
func (ix *termIndex) find(parent int32, key []byte, hash uint64) int32 {
	if len(ix.edges) == 0 {
		return 0
	}
	mask := uint64(len(ix.edges) - 1)
	for i := ix.slot(parent, hash); ; i = (i + 1) & mask {
		e := &ix.edges[i]
		if e.child == 0 {
			return 0
		}
		if e.hash == hash && e.parent == parent && string(ix.edgeWords[e.word:e.wordEnd]) == string(key) {
			return e.child
		}
	}
}

// reserve makes room for about n more edges, so that adding them does not grow the table
// (and place every edge again) several times over.
func (ix *termIndex) reserve(n int) {
	ix.grow(ix.nedges + n)
	ix.nodes = slices.Grow(ix.nodes, n+1)
	ix.edgeWords = slices.Grow(ix.edgeWords, 8*n)
	ix.hitArena = slices.Grow(ix.hitArena, n)
}

// insert adds an edge, growing the table to keep it at most half full.
func (ix *termIndex) insert(e trieEdge, word string) {
	e.word = int32(len(ix.edgeWords))
	ix.edgeWords = append(ix.edgeWords, word...)
	e.wordEnd = int32(len(ix.edgeWords))
	ix.nedges++
	ix.grow(ix.nedges)
	ix.place(e)
}

// grow makes the table at least twice n edges, placing the edges in the new table.
func (ix *termIndex) grow(n int) {
	if 2*n > len(ix.edges) {
		old := ix.edges
		size := max(16, 2*len(old))
		for size < 2*n {
			size *= 2
		}
		ix.edges = make([]trieEdge, size)
		ix.shift = 64
		for s := size; s > 1; s >>= 1 {
			ix.shift--
		}
		for _, o := range old {
			if o.child != 0 {
				ix.place(o)
			}
		}
	}
}

func (ix *termIndex) place(e trieEdge) {
	mask := uint64(len(ix.edges) - 1)
	i := ix.slot(e.parent, e.hash)
	for ix.edges[i].child != 0 {
		i = (i + 1) & mask
	}
	ix.edges[i] = e
}

// child returns the child of node n by the word of token i, reading a possessive "x's" as
// "x" when "x's" itself is not a term; or 0.
func (ix *termIndex) child(n int32, toks *words.Tokens, i int) int32 {
	t := &toks.List[i]
	key := toks.Keys[toks.KeyStart(i):t.KeyEnd]
	if ix.mayFollow(n, t.Hash) {
		if c := ix.find(n, key, t.Hash); c != 0 {
			return c
		}
	}
	if k := len(key); k > 2 && key[k-2] == '\'' && key[k-1] == 's' {
		if h := words.KeyHash(key[:k-2]); ix.mayFollow(n, h) {
			return ix.find(n, key[:k-2], h)
		}
	}
	return 0
}

// termMatch is one occurrence of a term in a block's text.
type termMatch struct {
	hit        termHit
	start, end int // byte range in the block text
}

// match calls emit for every occurrence of every term in toks. Phrases match only across
// white space, never across punctuation.
func (ix *termIndex) match(toks *words.Tokens, emit func(termMatch)) {
	if ix.roots == 0 { // no term (the table may have been reserved all the same)
		return
	}
	for i := range toks.List {
		n := ix.child(0, toks, i)
		for j := i; n != 0; {
			node := &ix.nodes[n]
			for _, h := range node.hits {
				if h.exact != "" && !sameWords(toks.Text[toks.List[i].Start:toks.List[j].End], h.exact) {
					continue
				}
				emit(termMatch{hit: h, start: toks.List[i].Start, end: toks.List[j].End})
			}
			if !node.hasNext() || j+1 >= len(toks.List) || !toks.SpaceBetween(j) {
				break
			}
			j++
			n = ix.child(n, toks, j)
		}
	}
}

// sameWords compares a matched text with a phrase word by word, ignoring how much white space
// separates the words.
func sameWords(text, phrase string) bool {
	return strings.Join(strings.Fields(text), " ") == strings.Join(strings.Fields(phrase), " ")
}
