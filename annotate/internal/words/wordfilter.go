package words

// WordFilter tells at once that most words of a text are in none of a small set of folded
// words: a Bloom filter with one hash, the tokenizer's own word hash, at 64 bits or more per
// word (about one other word in 64 gets through). A word that gets through must still be
// looked up in the set itself.
type WordFilter struct {
	bits []uint64
	mask uint64
}

// NewWordFilter returns a filter for the folded words.
func NewWordFilter(words []string) WordFilter {
	n := 1024
	for n < 64*len(words) {
		n *= 2
	}
	f := WordFilter{bits: make([]uint64, n/64), mask: uint64(n - 1)}
	for _, w := range words {
		b := KeyHash([]byte(w)) & f.mask
		f.bits[b/64] |= 1 << (b % 64)
	}
	return f
}

// MayHave reports whether the word with keyHash hash may be in the set.
func (f *WordFilter) MayHave(hash uint64) bool {
	b := hash & f.mask
	return f.bits[b/64]&(1<<(b%64)) != 0
}
