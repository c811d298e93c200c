package provenance

// The speech analysis asks, of the words around every cue, which of some twenty word lists
// they are in (pronouns, determiners, titles, organisations...): a map lookup each, with the
// word hashed every time, was a third of its time. A lexicon gives every listed word one
// set of bits, its class, and a block's analysis looks each word up once, when it is first
// asked about, keeping the class per token.

// wordClass is the word lists a folded word is in, one bit per list.
type wordClass uint32

// The word lists: the closed classes of cues.go, and a rubric's provenance lists.
const (
	wcStop wordClass = 1 << iota
	wcDeterminer
	wcPronoun
	wcAuxiliary
	wcBe
	wcNounVerb
	wcTime
	wcTimeFiller
	wcColonLabel
	wcDocument
	wcVague
	wcAnonymous
	wcTitle
	wcOrganisation
	wcMedia
	wcPlace
	wcPeople

	// wcKnown is set in every class looked up, so that a token's class 0 means "not yet".
	wcKnown
)

// closedClasses are the lexicon-independent lists and their bits.
var closedClasses = []struct {
	words map[string]bool
	class wordClass
}{
	{StopWords, wcStop}, {Determiners, wcDeterminer}, {pronouns, wcPronoun},
	{auxiliaries, wcAuxiliary}, {beForms, wcBe}, {nounVerbs, wcNounVerb}, {timeWords, wcTime},
	{timeFillers, wcTimeFiller}, {colonLabels, wcColonLabel},
}

// buildClasses fills lx.classes from the closed lists and lx's own.
func (lx *Lexicon) buildClasses() {
	lx.classes = map[string]wordClass{}
	add := func(words map[string]bool, c wordClass) {
		for w := range words {
			lx.classes[w] |= c
		}
	}
	for _, cl := range closedClasses {
		add(cl.words, cl.class)
	}
	add(lx.documents, wcDocument)
	add(lx.vague, wcVague)
	add(lx.anonymous, wcAnonymous)
	add(lx.titles, wcTitle)
	add(lx.organisations, wcOrganisation)
	add(lx.media, wcMedia)
	add(lx.places, wcPlace)
	add(lx.people, wcPeople)
}

// classOf returns the class of a folded word.
func (lx *Lexicon) classOf(word string) wordClass {
	return lx.classes[word] | wcKnown
}

// class returns the class of token i, looking it up the first time.
func (bs *blockSpeech) class(i int) wordClass {
	c := bs.cls[i]
	if c == 0 {
		c = bs.pa.lx.classOf(bs.toks.WordAt(i))
		bs.cls[i] = c
	}
	return c
}

// is reports whether token i is in one of the lists of c.
func (bs *blockSpeech) is(i int, c wordClass) bool {
	return bs.class(i)&c != 0
}
